"""Plain text as the .md and .html loaders hand it to the parser (one paragraph a line, table rows as tab-separated
cells), for testing the parser on those layouts before the loaders land."""

from __future__ import annotations

import html
import re


def markdown_text(source: str) -> str:
    """Markdown minus its markup: headings, emphasis, quotes and bullets dropped, table rows as cells."""
    out = []
    for line in source.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"\|?\s*:?-{3,}.*", stripped) or stripped == "---":
            continue
        if stripped.startswith("|"):
            out.append("\t".join(c.strip() for c in stripped.strip("|").split("|")))
            continue
        stripped = re.sub(r"^#{1,6}\s*|^>\s*|^[-*]\s+", "", stripped)
        out.append(stripped.replace("**", ""))
    return "\n".join(out)


def html_text(source: str) -> str:
    """A saved page's article: tags dropped, block ends as line breaks, table cells tab-separated."""
    body = re.sub(r"(?is)<(script|style|nav|header|footer)\b.*?</\1>", "", source)
    body = re.sub(r"(?i)<br\s*/?>|</(p|div|h\d|li|tr|table)>", "\n", body)
    body = re.sub(r"(?i)</t[dh]>\s*", "\t", body)
    body = html.unescape(re.sub(r"<[^>]+>", "", body))
    lines = [ln.strip().strip("\t") for ln in body.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _module(path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scanned_text(script) -> str:
    """What OCR reads off the scanned fixture: its printed lines, page by page, with the page footers."""
    pages = _module(script).text_lines()
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        out.extend(line for _style, _i, line in page)
        out.append(f"- {n} -")
    return "\n".join(out)


def table_pdf_text(script) -> str:
    """What a PDF table extractor hands over for the table-per-project fixture: paragraphs, then rows as cells."""
    m = _module(script)
    out = [text for _, text in m.NOTICE]
    out += [
        "附件",
        "枫溪市2025年度生物医药产业技术攻关项目申报指南",
        "本指南共设置创新药物与制剂、高端医疗器械2个领域5个项目，每个项目拟支持1项。",
    ]
    for group, projects in m.PROJECTS:
        out.append(group)
        for values in projects:
            out.extend(f"{label}\t{value}" for label, value in zip(m.LABELS, values, strict=True))
    return "\n".join(out)
