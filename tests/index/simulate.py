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
