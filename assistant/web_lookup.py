"""Tables for the web app's 查询 and 指南 tabs: clause search rows, a project's clauses, comparisons, the catalog."""

from __future__ import annotations

import csv
import html
import re
import tempfile
from pathlib import Path

from assistant.fields import project_fields
from index.models import Chunk, Guide
from index.vocab import clauses
from index.vocab.questions import questions

ALL = "全部"
NOTICE = "通知条款"
# The 条款类别 filter: canonical clause kinds (index/vocab/clauses.toml) by their Chinese names.
KIND_BY_NAME = {k.name: kid for kid, k in clauses().kind.items() if k.labels}
CLAUSE_KINDS = [ALL, *KIND_BY_NAME, NOTICE]
CLAUSE_HEADERS = ["指南", "项目", "条款", "内容", "行号"]
CATALOG_HEADERS = [
    "标题",
    "发布单位",
    "年份",
    "状态",
    "通知章节数",
    "项目数",
    "条款数",
    "每项条款数",
    "未归入项目或章节的文本",
]
SECTIONS_ONLY = "0（⚠ 未识别出项目，仅按通知章节收录）"
SEARCH_K = 20
PREVIEW_CHARS = 160
_SPLIT = re.compile(r"[\s,，、;；。.?？!！:：\"“”'‘’()（）]+")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_FUNCTION_CHARS = set(questions().function_chars)
_LACKS = re.compile(r"^(?P<label>.+?) lacks (?P<clauses>.+?)(?: \((?P<count>\d+) clauses\))?$")


def span(lines: tuple[int, int]) -> str:
    """(874, 876) → '第874–876行'; (23, 23) → '第23行'."""
    first, last = lines
    return f"第{first}–{last}行" if first != last else f"第{first}行"


def query_terms(query: str) -> list[str]:
    """The words of a lookup query, and the two-character pieces of its longer Chinese words."""
    terms: list[str] = []
    for word in _SPLIT.split(query or ""):
        if not word:
            continue
        terms.append(word)
        if _CJK.fullmatch(word) and len(word) > 2:
            pairs = (word[i : i + 2] for i in range(len(word) - 1))
            terms.extend(p for p in pairs if not set(p) & _FUNCTION_CHARS)
    return list(dict.fromkeys(terms))


def _covered(text: str, terms: list[str]) -> list[bool]:
    """Which characters of the text belong to an occurrence of a term (case-insensitive)."""
    mask = [False] * len(text)
    low = text.lower()
    for term in terms:
        t = term.lower()
        start = low.find(t)
        while start >= 0:
            mask[start : start + len(t)] = [True] * len(t)
            start = low.find(t, start + 1)
    return mask


def relevant(text: str, query: str) -> bool:
    """True when the text holds a word of the query, or for a longer Chinese word two of its pieces."""
    low = text.lower()
    for word in _SPLIT.split(query or ""):
        if not word:
            continue
        if word.lower() in low:
            return True
        if _CJK.fullmatch(word) and len(word) > 2:
            pairs = {word[i : i + 2] for i in range(len(word) - 1)}
            found = sum(1 for p in pairs if not set(p) & _FUNCTION_CHARS and p in text)
            if found >= min(2, len(pairs)):
                return True
    return False


def highlight(text: str, terms: list[str], limit: int | None = None) -> str:
    """Escaped HTML of the text with the terms in <mark>; cut to `limit` characters around the first match."""
    flat = text.replace("\n", " ")
    mask = _covered(flat, terms)
    start, prefix, suffix = 0, "", ""
    if limit and len(flat) > limit:
        first = mask.index(True) if True in mask else 0
        start = max(0, min(first - limit // 4, len(flat) - limit))
        prefix = "…" if start else ""
        suffix = "…" if start + limit < len(flat) else ""
        flat, mask = flat[start : start + limit], mask[start : start + limit]
    out, i = [], 0
    while i < len(flat):
        j = i
        while j < len(flat) and mask[j] == mask[i]:
            j += 1
        piece = html.escape(flat[i:j])
        out.append(f"<mark>{piece}</mark>" if mask[i] else piece)
        i = j
    return prefix + "".join(out) + suffix


def chunk_row(chunk: Chunk, query: str = "") -> list[str]:
    """One table row for a clause or notice item: 指南, 项目, 条款, 内容 (escaped, terms marked), 行号."""
    content = highlight(chunk.quote, query_terms(query), PREVIEW_CHARS)
    return [chunk.guide_title, chunk.project or "通知", chunk.clause, content, span(chunk.lines)]


def _matches(chunk: Chunk, guide_id: str | None, kind: str) -> bool:
    if guide_id and chunk.guide_id != guide_id:
        return False
    if kind == NOTICE:
        return not chunk.project
    return kind in ("", ALL) or chunk.kind == KIND_BY_NAME.get(kind, kind)


def find_clauses(search, chunks: list[Chunk], query: str, guide_id: str | None, kind: str) -> list[Chunk]:
    """Chunks matching the filters: the search's best hits for a query, all of them (in file order) without one."""
    query = (query or "").strip()
    if not query:
        return [c for c in chunks if _matches(c, guide_id, kind)]
    guide_ids = [guide_id] if guide_id else None
    if kind == NOTICE:
        allowed = search.allowed(guide_ids, None, None, notice_only=True)
    else:
        allowed = search.allowed(
            guide_ids, None, kinds=[KIND_BY_NAME.get(kind, kind)] if kind and kind != ALL else None
        )
    # Dense retrieval always returns neighbours; only clauses whose name, project or text holds a word of the
    # query are results.
    hits = search.search(query, k=SEARCH_K, allowed=allowed)
    return [h.chunk for h in hits if relevant(f"{h.chunk.clause} {h.chunk.project_title} {h.chunk.quote}", query)]


def _text(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def project_html(guide: Guide, label: str) -> str:
    """A project with all its clauses, each with its line span, as escaped HTML."""
    project = guide.project(label)
    if project is None:
        return f"<p>未找到《{html.escape(guide.title)}》中的{html.escape(label)}。</p>"
    head = [
        f"<h3>{html.escape(project.label)}　{html.escape(project.title)}</h3>",
        f'<p class="detail-where">《{html.escape(guide.title)}》 · {span(project.lines)}</p>',
    ]
    if project.group:
        head.append(f"<p>所属：{html.escape(project.group)}</p>")
    head.append(f"<p>共 {len(project.clauses)} 条：</p>")
    body = []
    for number, clause in enumerate(project.clauses, 1):
        printed = f"（原文作“{html.escape(clause.printed_name)}”）" if clause.printed_name else ""
        body.append(
            f"<p><strong>{number}. {html.escape(clause.name)}</strong>{printed} "
            f'<span class="detail-lines">{span(clause.lines)}</span></p><p>{_text(clause.text)}</p>'
        )
    return '<div class="detail">' + "".join(head + body) + "</div>"


def section_html(guide: Guide, title: str, lines: tuple[int, int]) -> str:
    """A notice section (the one holding the given line span) with all its items, as escaped HTML."""
    candidates = [s for s in guide.sections if s.title == title]
    section = next((s for s in candidates if s.lines[0] <= lines[0] <= s.lines[1]), None) or next(
        iter(candidates), None
    )
    if section is None:
        return f"<p>未找到《{html.escape(guide.title)}》中的“{html.escape(title)}”。</p>"
    head = (
        f"<h3>通知 · {html.escape(section.title)}</h3>"
        f'<p class="detail-where">《{html.escape(guide.title)}》 · {span(section.lines)}</p>'
    )
    if not section.items:
        return f'<div class="detail">{head}<p>{_text(section.text)}</p></div>'
    items = "".join(
        f'<p><strong>{html.escape(item.label)}</strong> <span class="detail-lines">{span(item.lines)}</span><br>'
        f"{_text(item.text)}</p>"
        for item in section.items
    )
    return f'<div class="detail">{head}{items}</div>'


def write_csv(headers: list[str], rows: list[list[str]], name: str) -> Path:
    """Write a UTF-8-with-BOM CSV (Excel opens it as Chinese text) into a fresh temp folder; return its path."""
    safe = re.sub(r"[\\/:*?\"<>|\s]+", "_", name).strip("_") or "table"
    path = Path(tempfile.mkdtemp(prefix="guide-assistant-")) / f"{safe}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def catalog_rows(guides: list[Guide]) -> list[list[str | int]]:
    """The catalog table: one row per guide."""
    return [
        [
            g.title,
            g.issuer,
            g.year or "",
            "征求意见稿" if g.status == "draft" else "正式",
            len(g.notice_sections()),
            SECTIONS_ONLY if g.quality.sections_only else len(g.projects),
            g.clause_count,
            f"{g.quality.clauses_per_unit:g}" if g.projects else "-",
            f"{g.quality.unassigned_share:.0%}",
        ]
        for g in guides
    ]


def warning_text(warning: str) -> str:
    """'项目三 lacks 其他说明 (6 clauses)' → '项目三 缺少 其他说明（该项目共6条）'; other warnings unchanged."""
    m = _LACKS.match(warning)
    if not m:
        return warning
    count = f"（该项目共{m['count']}条）" if m["count"] else ""
    return f"{m['label']} 缺少 {m['clauses'].replace(', ', '、')}{count}"


def gaps_markdown(guides: list[Guide]) -> str:
    """Per guide, which clauses its projects lack (from the parser's warnings)."""
    lines = ["### 各指南项目缺项", ""]
    for g in guides:
        found = [warning_text(w) for w in g.warnings]
        lines.append(f"- **{g.title}**：" + ("；".join(found) if found else "各项目条款齐全"))
    return "\n".join(lines)


def example_questions(guide: Guide, with_name: bool = False, limit: int = 4) -> list[str]:
    """Questions this guide can answer, built from what its catalog holds."""
    out: list[str] = []
    funded = [p for p in guide.projects if p.clause_of_kind("funding")]
    fields = [project_fields(p) for p in funded]
    if funded:
        out.append(f"{funded[0].label}的资助强度是多少？")
    if (timed := [p for p in guide.projects if p.clause_of_kind("period")]) and len(timed) > 1:
        out.append(f"{timed[1].label}的{timed[1].clause_of_kind('period').name}是多久？")
    if any(f.org_mode == "定向委托" for f in fields):
        out.append("哪些项目是定向委托？")
    if sum(1 for f in fields if f.city_cap_wan) > 1:
        out.append("哪个项目资助最多？")
    titles = " ".join(s.title for s in guide.notice_sections())
    if "申报限额" in titles:
        out.append("每个单位限报几项？")
    if "截止" in titles or any("截止" in s.text for s in guide.notice_sections()):
        out.append("申报截止时间是什么时候？")
    if "联系" in titles:
        out.append("联系电话是多少？")
    content = [p for p in guide.projects if p.clause_of_kind("content")]
    if content and len(out) < limit:
        name = content[0].clause_of_kind("content").name
        out.append(f"{content[0].label}的{name}是什么？")
    out = out[:limit]
    if with_name and guide.aliases:
        alias = guide.aliases[0]
        out = [f"{alias}{q}" if q.startswith(tuple(p.label for p in guide.projects)) else f"{alias}的{q}" for q in out]
    return out


def all_examples(guides: list[Guide], limit: int = 6) -> list[str]:
    """A mix across guides (each question names its guide), for the 全部指南 choice."""
    picks = [q for g in guides for q in example_questions(g, with_name=True, limit=2)]
    return picks[:limit]
