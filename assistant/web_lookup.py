"""Tables for the web app's 查询 and 指南 tabs: clause search rows, a project's clauses, comparisons, the catalog."""

from __future__ import annotations

import csv
import re
import tempfile
from pathlib import Path

from assistant.fields import format_wan, project_fields
from index.models import Chunk, Guide
from index.vocab import clauses

ALL = "全部"
NOTICE = "通知条款"
# The 条款类别 filter: canonical clause kinds (index/vocab/clauses.toml) by their Chinese names.
KIND_BY_NAME = {k.name: kid for kid, k in clauses().kind.items() if k.labels}
CLAUSE_KINDS = [ALL, *KIND_BY_NAME, NOTICE]
CLAUSE_HEADERS = ["指南", "项目", "条款", "内容", "行号"]
COMPARE_HEADERS = ["项目", "名称", "市级资助上限", "区县出资", "单位出资下限", "实施周期", "组织方式", "牵头单位"]
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
_LACKS = re.compile(r"^(?P<label>.+?) lacks (?P<clauses>.+?)(?: \((?P<count>\d+) clauses\))?$")


def span(lines: tuple[int, int]) -> str:
    """(874, 876) → '第874–876行'; (23, 23) → '第23行'."""
    first, last = lines
    return f"第{first}–{last}行" if first != last else f"第{first}行"


def _preview(text: str) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS] + "…"


def chunk_row(chunk: Chunk) -> list[str]:
    """One table row for a clause or notice item: 指南, 项目, 条款, 内容, 行号."""
    return [chunk.guide_title, chunk.project or "通知", chunk.clause, _preview(chunk.quote), span(chunk.lines)]


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
    return [hit.chunk for hit in search.search(query, k=SEARCH_K, allowed=allowed)]


def project_markdown(guide: Guide, label: str) -> str:
    """A project with all its clauses, each with its line span, as markdown."""
    project = guide.project(label)
    if project is None:
        return f"未找到《{guide.title}》中的{label}。"
    head = [
        f"### {project.label}　{project.title}",
        f"《{guide.title}》 · 文件 `{guide.source}` · {span(project.lines)}",
    ]
    if project.group:
        head.append(f"所属：{project.group}")
    head.append(f"共 {len(project.clauses)} 条：")
    body = []
    for number, clause in enumerate(project.clauses, 1):
        printed = f"（原文作“{clause.printed_name}”）" if clause.printed_name else ""
        text = clause.text.replace("\n", "  \n")
        body.append(f"**{number}. {clause.name}**{printed} <small>{span(clause.lines)}</small>\n\n{text}")
    return "\n\n".join(head + body)


def section_markdown(guide: Guide, title: str, lines: tuple[int, int]) -> str:
    """A notice section (the one holding the given line span) with all its items, as markdown."""
    candidates = [s for s in guide.sections if s.title == title]
    section = next((s for s in candidates if s.lines[0] <= lines[0] <= s.lines[1]), None) or next(
        iter(candidates), None
    )
    if section is None:
        return f"未找到《{guide.title}》中的“{title}”。"
    head = f"### 通知 · {section.title}\n\n《{guide.title}》 · 文件 `{guide.source}` · {span(section.lines)}"
    if not section.items:
        return head + "\n\n" + section.text.replace("\n", "  \n")
    items = [
        f"**{item.label}** <small>{span(item.lines)}</small>  \n{item.text.replace(chr(10), '  ' + chr(10))}"
        for item in section.items
    ]
    return "\n\n".join([head, *items])


def comparison_rows(guide: Guide) -> list[list[str]]:
    """One row per project: typed fields parsed from its clauses (blank where the guide does not say)."""
    rows = []
    for project in guide.projects:
        f = project_fields(project)
        rows.append(
            [
                project.label,
                project.title,
                format_wan(f.city_cap_wan),
                format_wan(f.district_wan),
                format_wan(f.unit_min_wan),
                f"不超过{f.period_years}年" if f.period_years else "",
                f.org_mode,
                f.lead_units,
            ]
        )
    return rows


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
