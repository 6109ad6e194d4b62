"""Parse logical lines of a guide into its structure: notice sections, groups, projects, clauses.

Pure functions from text to records; no I/O. Every layout family in index/layouts/ parses the lines;
the one that finds the most structure (units, each counted by the clause kinds it has) wins, the
seeds' family on a tie. Text no family understands falls back to sections with a loud warning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from index.layouts import LAYOUTS, choose
from index.layouts.classic import project_label  # noqa: F401  (re-exported)
from index.layouts.common import ParseResult, make_clause, plain_section, with_variants
from index.layouts.glued import glued_labels
from index.layouts.headed import GROUP_PATH, Headed, confirmed_heads
from index.layouts.table import cell_fields, transpose_unit_columns
from index.models import Guide, Project, Quality, Section
from index.normalize import Line, logical_lines
from index.vocab import clauses, vocab_digest
from index.vocab import units as unit_vocab

KNOWN_CLAUSES = set(clauses().all_labels())
# Part of every guide's content hash: a new parser (or vocabulary) re-parses guides an ingest would keep.
PARSER_VERSION = "layouts-1:" + vocab_digest()
SECTIONS_ONLY = "no projects recognised: indexed as sections only"


def _check_clauses(projects: list[Project], warnings: list[str]) -> None:
    """Warn about projects lacking a clause (kind) most projects of the guide have."""
    if not projects:
        return
    counts: dict[str, int] = {}
    names: dict[str, list[str]] = {}
    for p in projects:
        for c in p.clauses:
            names.setdefault(c.kind or c.name, []).append(c.name)
        for key in {c.kind or c.name for c in p.clauses}:
            counts[key] = counts.get(key, 0) + 1
    common = [k for k, n in counts.items() if n >= max(2, len(projects) // 2)]
    for p in projects:
        have = {c.kind or c.name for c in p.clauses}
        missing = [max(set(names[k]), key=names[k].count) for k in common if k not in have]
        if missing:
            warnings.append(f"{p.label} lacks {', '.join(missing)} ({len(p.clauses)} clauses)")


def measure(lines: list[Line], result: ParseResult) -> Quality:
    """Units, clauses per unit and the share of characters in no unit and no notice section."""
    spans = [p.lines for p in result.projects]
    spans += [s.lines for s in result.sections if s.kind == "notice" and s.title != "全文"]
    spans += [i.lines for s in result.sections for i in s.items]
    spans.sort()
    total = sum(len(ln.text) for ln in lines) or 1
    unassigned = sum(len(ln.text) for ln in lines if not any(a <= ln.first and ln.last <= b for a, b in spans))
    units = len(result.projects)
    # Clauses without a kind, and fields the parser found by their shape (filed under the field kind).
    field_kind = unit_vocab().structure.field_label_kind
    unknown = sorted(
        {
            c.name
            for p in result.projects
            for c in p.clauses
            if not c.kind or (c.kind == field_kind and not clauses().kind_of(c.printed_name or c.name))
        }
    )
    return Quality(
        layout=result.layout if units else "",
        units=units,
        clauses_per_unit=round(sum(len(p.clauses) for p in result.projects) / units, 2) if units else 0.0,
        unassigned_share=round(unassigned / total, 3),
        unknown_labels=unknown,
    )


_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{2,30}")


# Schemes of the categories a notice defines once for several units ("A类人选（基础研究型）" / 申报条件 / 托举措施 …),
# each unit naming its category in a field (人选类别：A类).
_CATEGORY_SCHEMES = ("letter_class", "category", "type_numbered")


def _category_clauses(lines: list[Line], projects: list[Project]) -> None:
    """Units that name, in a field, categories whose clauses the notice states once (人选类别：B类 → B类's 申报条件
    and 托举措施) take those clauses where they lack one of that kind; a unit open to two categories takes both's,
    each marked with its category."""
    if len(projects) < 2:
        return
    for scheme in _CATEGORY_SCHEMES:
        heads = confirmed_heads(lines, scheme)
        if len(heads) < 2:
            continue
        defined = {c.label: c for c in Headed().parse_with(lines, scheme, heads).projects if c.clauses}
        labels = {p.label for p in projects}
        if len(defined) < 2 or labels & set(defined):
            continue  # the categories are the units themselves
        named = {
            p.label: [label for label in defined if any(label in c.text for c in p.clauses if len(c.text) <= 20)]
            for p in projects
        }
        if sum(1 for found in named.values() if found) < 2:
            continue
        for p in projects:
            found = named[p.label]
            kinds = {c.kind for c in p.clauses if c.kind}
            for label in found:
                category = defined[label]
                for clause in category.clauses:
                    if clause.kind and clause.kind in kinds:
                        continue
                    text = clause.text if len(found) == 1 else f"{label}{category.title}：{clause.text}"
                    p.clauses.append(clause.model_copy(update={"text": text}))
        return


# A bracketed rule in a group's introduction ("【本专题资助方式】本专题各任务均采取“先建后补”方式…").
_SCOPE_PREFIX = re.compile(r"^(?:本|各|该)(?:专题|方向|类别|类|组|领域|任务|项目|批次|批)?")
_GROUP_RULE = re.compile(r"【([\u4e00-\u9fff]{2,12})】\s*[:：]?\s*([^【]+)")


def _group_rules(sections: list[Section], projects: list[Project]) -> None:
    """A clause a group's introduction states for its units in brackets (【本专题资助方式】…) is a clause of each of
    them that lacks one of that kind."""
    for section in sections:
        if section.kind != "group":
            continue
        name = _heading_name(section.title)
        members = [p for p in projects if any(_heading_name(g) == name for g in (p.group or "").split(GROUP_PATH))]
        for m in _GROUP_RULE.finditer(section.text):
            label, body = m.group(1), m.group(2).strip()
            bare = _SCOPE_PREFIX.sub("", label)  # 本专题资助方式 → 资助方式
            kind = clauses().kind_of(label) or clauses().kind_of(bare) or clauses().kind_by_head(bare)
            if not kind or not body:
                continue
            for p in members:
                if not any(c.kind == kind for c in p.clauses):
                    p.clauses.append(make_clause(label, body, section.lines, kind=kind))


def _code_labels(projects: list[Project]) -> None:
    """Units headed 榜单一 … that each carry a code field (需求编号：NY-JB2025-201) go by their code, as applicants
    and hotlines refer to them; the heading label stays as `aka`, and the code field is no clause any more."""
    fields = [
        next(
            (
                c
                for c in p.clauses
                if unit_vocab().structure.is_label_header(c.name) and _CODE.fullmatch(c.text.strip())
            ),
            None,
        )
        for p in projects
    ]
    codes = [c.text.strip() for c in fields if c is not None]
    if len(projects) < 2:
        return
    if len(codes) < len(projects):
        _title_codes(projects)  # no code field in every unit: a code may close every title instead
        return
    if len(set(codes)) < len(codes):
        return
    for p, field, code in zip(projects, fields, codes, strict=True):
        if p.label != code:
            # the code is the label now, no clause to answer from ("想解决啥问题" is no question of its code)
            p.aka, p.label = p.label, code
            p.clauses = [c for c in p.clauses if c is not field]


def _unit_key(text: str) -> str:
    """A unit label compared in a table cell: letters and digits only (OCR's DT04 is DT-04)."""
    return re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]", "", text).upper()


def _units_in_body(best: ParseResult, results: list[ParseResult], lines: list[Line]) -> ParseResult:
    """The units the body heads one by one ("#### 2026ZY-A01　title" over its 研究内容), when the best result's units
    are only the rows of a summary table naming the same units (资助额度：…；执行期：… per row): the table's rows then
    give those units their columns (_keyed_rows), and nothing the body prints under each unit is lost."""
    rows = {ln.first for ln in lines if ln.cells}
    keys = {_unit_key(p.label) for p in best.projects}
    if not best.projects or not all(p.lines[0] in rows for p in best.projects):
        return best
    headed = [
        r
        for r in results
        if {_unit_key(p.label) for p in r.projects} == keys and not any(p.lines[0] in rows for p in r.projects)
    ]
    return max(headed, key=lambda r: r.score(), default=best)


def _printed_key(text: str) -> str:
    """A cell or a unit's name as printed: NFKC, no white space (（一） is (一))."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _unique(pairs: list[tuple[str, Project]]) -> dict[str, Project]:
    """Keys to the units they name; a key two units share names neither."""
    found: dict[str, Project | None] = {}
    for key, p in pairs:
        found[key] = p if found.get(key, p) is p else None
    return {k: p for k, p in found.items() if p is not None}


def _label_keys(projects: list[Project]) -> dict[str, Project]:
    """The units by the code or label a table row may name them by: letters and digits (DT04 is DT-04), or a label
    whose numeral alone would name any row kept with its brackets ((一), but never a bare 1)."""
    pairs = []
    for p in projects:
        for label in (p.label, p.aka):
            code = _unit_key(label or "")
            if len(code) >= 2:
                pairs.append((code, p))
            elif code and _printed_key(label) != code:
                pairs.append((_printed_key(label), p))
    return _unique(pairs)


_RUNNING_NUMBER = re.compile(r"^[(（]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）、.．]?$")


def _row_unit(
    cells: tuple[str, ...], labels: dict[str, Project], titles: dict[str, Project], headings: dict[str, Project]
) -> Project | None:
    """The unit a table row names: by its code or label in the first cell, or by its label and title there as its
    heading prints them ("01 法人科技特派员服务项目", a 公众号 table's 类别 cell), or, after a running number (序号), by
    its title. A row opening with a bare name is left alone: a notice's table of categories (项目类别 | 计划资助项数)
    that its sentences already state for every unit."""
    printed = _printed_key(cells[0])
    first = labels.get(_unit_key(cells[0])) or labels.get(printed) or headings.get(printed)
    if first or len(cells) < 2 or not _RUNNING_NUMBER.match(printed):
        return first
    return titles.get(_printed_key(cells[1]))


def _keyed_rows(lines: list[Line], projects: list[Project]) -> None:
    """A table outside the units whose rows each name a unit (附件 "方向代码 | 支持额度 | 实施期限 | 拟支持数 | 组织方式",
    DT-01 | 不超过100万元 | …; a 汇总表 "序号 | 支持方向 | 拟支持数（项）", （一） | its title | 2) gives those units its
    columns as clauses, named by the header row above, where a unit states none of that name itself; the cells naming
    the unit are no clause. Only a table keying two units or more."""
    labels = _label_keys(projects)
    titles = _unique([(_printed_key(p.title), p) for p in projects if len(_printed_key(p.title)) >= 4])
    headings = _unique([(_printed_key(p.label + p.title), p) for p in projects if p.title])
    rows: list[tuple[list[str], Line, Project]] = []
    header: list[str] = []
    for ln in lines:
        if not ln.cells:
            header = []
            continue
        unit = _row_unit(ln.cells, labels, titles, headings)
        if unit is None:
            header = list(ln.cells)  # the row naming the columns (a unit's row is no header)
        elif len(header) == len(ln.cells) and not (unit.lines[0] <= ln.first <= unit.lines[1]):
            rows.append((header, ln, unit))
    if len({id(unit) for _, _, unit in rows}) < 2:
        return
    empty = unit_vocab().structure.is_empty_cell
    for names, ln, unit in rows:
        for head, cell in zip(names[1:], ln.cells[1:], strict=True):
            if titles.get(_printed_key(cell)) is unit:
                continue  # the unit's title
            # 500 under 支持额度（万元） is 支持额度 500万元; "资助额度：…；执行期：…" in one cell are two clauses
            for name, value in cell_fields(head, cell):
                if name and value and not empty(value) and unit.clause(name) is None:
                    unit.clauses.append(make_clause(name, value, (ln.first, ln.last)))


# A code closing a unit's title line in brackets, named or bare: "大跨桥梁缆索…评估（指南代码：JT2026-03）",
# "水稻绿色高产高效技术集成示范（2025-NK-01）。".
_TITLE_CODE = re.compile(
    r"\s*[(（]\s*(?:(?P<name>[\u4e00-\u9fff]{0,4}(?:代码|编号|编码))\s*[:：]\s*)?(?P<code>[^()（）\s]{2,30})\s*[)）]"
    r"\s*[。.]?\s*$"
)


def _title_codes(projects: list[Project]) -> None:
    """Units whose every title ends with its code in brackets go by that code (as applicants quote it), the
    running number they were headed by kept as `aka`, the title without the bracket."""
    found = [_TITLE_CODE.search(p.title) for p in projects]
    codes = [m.group("code") for m in found if m is not None and _CODE.fullmatch(m.group("code"))]
    if len(codes) < len(projects) or len(set(codes)) < len(codes):
        return
    for p, m in zip(projects, found, strict=True):
        assert m is not None
        p.aka, p.label, p.title = p.label, m.group("code"), p.title[: m.start()].strip()


_BARE_LABEL = re.compile(r"[\u4e00-\u9fff]{2,12}")


def repeated_labels(lines: list[Line]) -> list[Line]:
    """The lines with each short bare line that recurs as a heading of its own ("授奖范围" over its text in every
    unit) read as a field label over its text ("授奖范围：授予…"), for a second reading: a unit form's fields the
    vocabulary does not know. A notice heading (联系方式) is no field, and neither is a line without a
    longer line of text under it."""
    low, high = unit_vocab().structure.field_label_chars
    seen: dict[str, int] = {}
    for i, ln in enumerate(lines[:-1]):
        text = ln.text.strip()
        if (
            not ln.cells
            and low <= len(text) <= high
            and _BARE_LABEL.fullmatch(text)
            and len(lines[i + 1].text) > len(text) + 4
            and not clauses().is_notice_title(text)
        ):
            seen[text] = seen.get(text, 0) + 1
    labels = with_variants({t for t, n in seen.items() if n >= unit_vocab().structure.field_label_units}, seen)
    out: list[Line] = []
    skip = False
    for ln, after in zip(lines, [*lines[1:], None], strict=True):
        if skip:
            skip = False
        elif after is not None and ln.text.strip() in labels:
            # "授奖范围" over its text: one field line, "授奖范围：授予在基础研究…", spanning both lines
            out.append(replace(ln, text=f"{ln.text.strip()}：{after.text}", last=after.last))
            skip = True
        else:
            out.append(ln)
    return out


# Second readings of a guide's lines, each tried when the lines hold its shape: a field label the vocabulary does not
# know over its text in every unit, a known label glued to its value ("资助经费30万元").
_READINGS = (repeated_labels, glued_labels)


def parse_result(lines: list[Line]) -> tuple[ParseResult, Quality]:
    """Parse logical lines with the best-scoring layout family; return its result and the parse quality."""
    lines = transpose_unit_columns(lines)
    results = [layout.parse(lines) for layout in LAYOUTS]
    result = _units_in_body(choose(results), results, lines)
    for reading in _READINGS:
        if (relabelled := reading(lines)) == lines:
            continue
        again = choose([layout.parse(relabelled) for layout in LAYOUTS])
        # units found only that way, or the same units with more of their fields read ("单家额度" over its text in
        # every 类别 of a guide whose known labels already opened the units)
        if (again.projects and not result.projects) or (
            len(again.projects) == len(result.projects) > 0
            and [p.label for p in again.projects] == [p.label for p in result.projects]
            and again.score() > result.score()
        ):
            result = again
    warnings = result.warnings
    sections: list[Section] = result.sections
    if not result.projects:
        if not any(s.kind == "notice" for s in sections):
            sections = [plain_section("全文", "notice", lines)] if lines else []
        result.sections = sections
        warnings.append(SECTIONS_ONLY)
    _category_clauses(lines, result.projects)
    _check_clauses(result.projects, warnings)
    _code_labels(result.projects)
    _keyed_rows(lines, result.projects)
    result.sections = notice_after_units(result.sections, result.projects)
    _group_rules(result.sections, result.projects)
    quality = measure(lines, result)
    if quality.unknown_labels:
        warnings.append(f"clause labels not in the vocabulary: {'、'.join(quality.unknown_labels)}")
    return result, quality


def notice_after_units(sections: list[Section], projects: list) -> list[Section]:
    """A heading of the body that no unit falls under ("四、申报限额" after the last project, "一、申报条件" before
    units that carry their own groups) is a notice section, not a group: its rules, deadlines and contacts are
    the guide's. A unit falls under its own group, else under the last group heading above it."""
    groups = sorted((s.lines[0], i) for i, s in enumerate(sections) if s.kind == "group")
    used: set[int] = set()
    for p in projects:
        path = [part for part in (p.group or "").split(GROUP_PATH) if part]
        own = {_heading_name(part) for part in path}
        named = [i for _, i in groups if _heading_name(sections[i].title) in own]
        used.update(named)
        above = [i for first, i in groups if first <= p.lines[0] and i not in named]
        # A 一、 group is a sibling of the heading above it; a 1./（一） group sits inside it.
        if above and not (path and _TOP_LEVEL.match(path[0])):
            used.add(above[-1])
    return [
        s.model_copy(update={"kind": "notice"}) if s.kind == "group" and i not in used else s
        for i, s in enumerate(sections)
    ]


_TOP_LEVEL = re.compile(r"^\s*[一二三四五六七八九十]+、")


def _heading_name(text: str) -> str:
    return re.sub(r"^\s*[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*", "", text or "").strip()


def parse_lines(lines: list[Line]) -> tuple[list[Section], list[Project], str, list[str]]:
    """Parse logical lines; return (sections, projects, title found in the text, warnings)."""
    result, _ = parse_result(lines)
    return result.sections, result.projects, result.title, result.warnings


def parse_text(text: str) -> tuple[list[Section], list[Project], str, list[str]]:
    """Normalise and parse a guide's raw text."""
    lines, _wrapped = logical_lines(text)
    return parse_lines(lines)


_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[类部])"
)
_ASIDE = re.compile(r"^[(（][^()（）]{1,8}[)）]$")  # （征求意见稿）, （第二版） on a line of their own


def part_heading(lines: list[Line], projects: list[Project]) -> tuple[str, tuple[int, int]]:
    """The heading printed above the first unit (or its group headings) naming the part that lists the units
    ("2024年度第一批生命健康领域科技攻关重点" + "项目指南" wrapped over two lines); ('', (0, 0)) when none."""
    if not projects:
        return "", (0, 0)
    first = min(p.lines[0] for p in projects)
    before = [ln for ln in lines if ln.last < first]
    while before and (_NUMBERED.match(before[-1].text) or _ASIDE.match(before[-1].text.strip())):
        before.pop()  # the first unit's group headings, an aside under the heading
    taken: list[Line] = []
    while before:
        text = before[-1].text.strip()
        if len(text) > 60 or text[-1:] in "。；;：:，," or text.startswith("附件"):
            break
        taken.insert(0, before.pop())
        if len(taken) == 2 or sum(len(ln.text.strip()) for ln in taken) >= 8:
            break  # a short line ("项目指南") is the end of a heading wrapped from the line above
    title = re.sub(r"[(（]征求意见稿?[)）]$", "", "".join(ln.text.strip() for ln in taken))  # a status, not the name
    if not taken or not unit_vocab().structure.is_part_title(title):
        return "", (0, 0)
    return title, (taken[0].first, taken[-1].last)


def build_guide(text: str, *, guide_id: str, source: str, content_hash: str = "", meta: dict | None = None) -> Guide:
    """Parse raw text into a Guide, taking id/title/issuer/year/status from `meta` or the text."""
    lines, _wrapped = logical_lines(text)
    result, quality = parse_result(lines)
    warnings = result.warnings
    from index.metadata import infer_metadata

    inferred = infer_metadata(text, result.title)
    meta = {**inferred, **(meta or {})}
    if not meta.get("title"):
        warnings.append("no title found in the text")
    part = part_heading(lines, result.projects)
    return Guide(
        id=guide_id,
        title=meta.get("title") or source,
        issuer=meta.get("issuer", ""),
        region=meta.get("region", ""),
        year=meta.get("year"),
        status=meta.get("status", "final"),
        date=str(meta.get("date", "")),
        aliases=list(meta.get("aliases", [])),
        source=source,
        content_hash=content_hash,
        sections=result.sections,
        projects=result.projects,
        part_title=part[0],
        part_lines=part[1],
        warnings=warnings,
        quality=quality,
    )
