"""What every layout family shares: the parse result, notice sections with items, clause labels."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from index.models import Clause, Item, Project, Section
from index.normalize import QUANTITY_UNITS, Line
from index.vocab import clauses, units

CN_NUM = units().cn
HEADING = re.compile(rf"^([{CN_NUM}]+)[、.]\s*(.+)$")
ITEM = re.compile(rf"^([(（]([{CN_NUM}]+|\d+)[)）]|\d{{1,2}}[.．、](?!\d))\s*(.*)$")
ATTACHMENT = re.compile(r"^附件\s*(\d+)$")
# "第四部分 联系方式": a part of the guide headed like a section, whatever its sections are numbered with.
PART = re.compile(rf"^第([{CN_NUM}]+|\d{{1,2}})部分\s*([\u4e00-\u9fff、与和及]{{2,16}})$")
# "01 榜单发布": a section heading an editor draws as a numbered badge beside its words (WeChat articles), the
# number zero-padded or two digits, never a quantity (12个月).
BADGE = re.compile(rf"^(0[1-9]|[1-9]\d)(?![\d{QUANTITY_UNITS}])\s*([\u4e00-\u9fff、与和及]{{2,16}})$")
# A notice written as articles: "第二条 申报条件" (a heading) or "第五条 申报单位登录…" (the article is its text).
ARTICLE = re.compile(rf"^(第[{CN_NUM}]+条)\s*(.*)$")
_ARTICLE_TITLE = re.compile(r"^[\u4e00-\u9fff、与和及]{2,14}$")
# "第七条 申报时间。2024年3月18日至…": a regulation's run-in heading, a few words ended by a full stop.
_ARTICLE_RUN_IN = re.compile(r"^([\u4e00-\u9fff、与和及]{2,8})。\s*(.*)$", re.S)
# Numbering in front of a clause label: 1. / (一) / （1） / ① / 一、
_CLAUSE_NUMBER = re.compile(
    rf"^(?:\d{{1,2}}[.．、]|\d{{1,2}}[)）]|[(（](?:[{CN_NUM}]+|\d{{1,2}})[)）]|[①-⑳]|[{CN_NUM}]+、)\s*"
)


@dataclass
class ParseResult:
    """What a layout family made of a guide's logical lines."""

    layout: str
    sections: list[Section]
    projects: list[Project]
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    assigned: set[int] = field(default_factory=set)  # indexes of logical lines inside a unit or a notice item

    def score(self) -> float:
        """How much structure was found: units, each counted by the distinct known clause kinds it has."""
        total = 0.0
        for p in self.projects:
            kinds = {c.kind for c in p.clauses if c.kind}
            total += 1 + len(kinds)
        return total


def article_section(ln: Line) -> Section | None:
    """The section a 第X条 line opens: "第二条 申报条件" is titled by its heading, "第七条 申报时间。2024年…" by its
    run-in heading with the rest as its text, "第五条 申报单位登录…" (no heading) by its number with the rest as its
    text; None for any other line."""
    if (m := ARTICLE.match(ln.text)) is None:
        return None
    rest = m.group(2).strip()
    if _ARTICLE_TITLE.match(rest):
        return Section(title=rest, kind="notice", text="", lines=(ln.first, ln.last))
    if run_in := _ARTICLE_RUN_IN.match(rest):
        return Section(title=run_in.group(1), kind="notice", text=run_in.group(2), lines=(ln.first, ln.last))
    return Section(title=m.group(1), kind="notice", text=rest, lines=(ln.first, ln.last))


HEADING_LABEL_CHARS = 10  # a notice heading holding its text after a colon: the heading's own words at most
_LABELLED = re.compile(r"^([\u4e00-\u9fff]{2,10})[:：]\s*(\S.{14,})$", re.S)
# "意见反馈截止时间：2026年2月23日。": a label the vocabulary knows (or whose head it knows) before a short dated value
_LABELLED_SHORT = re.compile(r"^([\u4e00-\u9fff]{2,10})[:：]\s*(\S.{4,}\d.*)$", re.S)


def _names_a_field(label: str) -> bool:
    """A label the vocabulary lists, names by its head, or ends with (意见反馈|截止时间)."""
    vocab = clauses()
    return bool(
        vocab.is_label(label)
        or vocab.kind_by_head(label)
        or any(label.endswith(known) for known in vocab.all_labels() if len(known) >= 4)
    )


def labelled_section(ln: Line) -> Section | None:
    """The section an un-numbered paragraph opening with its own short label opens before the notice's first
    heading ("指南说明：2026年度指南围绕…", "青年科学家项目说明：…"): titled by the label, the rest its text. None for
    prose ("本专项总体目标是：…") and short values ("联系人：张三")."""
    if (m := _LABELLED.match(ln.text)) is None:
        m = _LABELLED_SHORT.match(ln.text)
        if m is None or not _names_a_field(m.group(1)):
            return None
    label = m.group(1)
    prose = units().structure.not_field_label
    if prose and re.search(prose, label):
        return None
    return Section(title=label, kind="notice", text=m.group(2).strip(), lines=(ln.first, ln.last))


def parse_notice(lines: list[Line]) -> list[Section]:
    """Split the notice part into preamble, numbered sections with items, and closing matter."""
    sections: list[Section] = []
    current: Section | None = None
    preamble: list[Line] = []
    closing: list[Line] = []
    in_closing = False
    labelled = False  # the current section was opened by a labelled paragraph, not a heading
    for ln in header_rows(lines):
        text = ln.text
        if (appended := units().structure.appended_title(text)) is not None:
            # 附：政策答疑 after the 落款: notice text again, its answers binding as the sections above
            current, labelled, in_closing = (
                Section(title=appended, kind="notice", text="", lines=(ln.first, ln.last)),
                False,
                False,
            )
            sections.append(current)
            continue
        if in_closing and (m := HEADING.match(text)) is not None and m.group(1) == "一" and not ITEM.match(text):
            in_closing = False  # an attached document numbering its headings from 一、 again: its sections follow
        elif in_closing or (current is not None and (text.startswith("附件") or ATTACHMENT.match(text))):
            # "附件：…" and the 落款 close the notice
            in_closing = True
            closing.append(ln)
            continue
        if ((m := HEADING.match(text)) and not ITEM.match(text)) or (m := PART.match(text)) or (m := BADGE.match(text)):
            title, _, rest = m.group(2).strip().replace("：", ":").partition(":")
            if not rest or len(title) > HEADING_LABEL_CHARS:
                title, rest = m.group(2).strip(), ""  # "一、意见反馈时间:2026年11月25日至…": a heading and its text
            current, labelled = (
                Section(title=title.strip(), kind="notice", text=rest.strip(), lines=(ln.first, ln.last)),
                False,
            )
            sections.append(current)
            continue
        if (article := article_section(ln)) is not None:
            current, labelled = article, False
            sections.append(current)
            continue
        if (current is None or labelled) and (opened := labelled_section(ln)) is not None:
            current, labelled = opened, True
            sections.append(current)
            continue
        if current is None or labelled:
            preamble.append(ln)  # a labelled paragraph holds itself only: the prose after it is the preamble's
            continue
        add_to_section(current, ln)
    out = []
    if preamble:
        out.append(plain_section("正文", "preamble", preamble))
    out.extend(sections)
    if closing:
        out.append(plain_section("附件与落款", "closing", closing))
    return out


def add_to_section(section: Section, ln: Line) -> None:
    """Append a line to a section: a new item when it starts with a marker, else continue."""
    text = row_text(ln)
    if m := ITEM.match(text):
        section.items.append(Item(label=m.group(1), text=text, lines=(ln.first, ln.last)))
    elif section.items:
        last = section.items[-1]
        section.items[-1] = Item(label=last.label, text=last.text + "\n" + text, lines=(last.lines[0], ln.last))
    section.text = (section.text + "\n" + text).strip("\n")
    section.lines = (section.lines[0] if section.text != text else ln.first, ln.last)


# A cell that can label the cell beside it: a short name, no sentence (资助强度, 联系人).
_ROW_LABEL = re.compile(r"[^：:。，,；;、()（）]{2,10}")


def row_text(ln: Line) -> str:
    """A line as a notice section holds it: a two-cell table row of a rules or contacts table (资助强度 | 每项不超过80万
    元) reads "资助强度：每项不超过80万元", as a labelled sentence of the notice would, not its cells run together."""
    if len(ln.cells) == 2 and all(ln.cells) and _ROW_LABEL.fullmatch(ln.cells[0]):
        return f"{ln.cells[0]}：{ln.cells[1]}"
    return ln.text


def known_field(name: str) -> str:
    """The clause kind the vocabulary files a field or header name under, its unit set aside (资助期限, 资助强度（万元）);
    '' for a name it does not know."""
    return clauses().kind_of(name) or clauses().kind_of(units().structure.header_unit_of(name)[0])


def header_rows(lines: list[Line]) -> list[Line]:
    """The lines with each row of a notice table whose header names clauses (资助类别 | 资助强度 | 资助期限 | 申请人条件,
    one row per category) read as a labelled sentence, "青年项目——资助强度：每项5万元，资助期限：2年…", so that a
    row's figure is quoted with what it is and whom it is for, not as its cells run together. A row keeps its
    cells; only tables whose header names two clauses or more, with rows of the header's width, are read so."""
    out: list[Line] = []
    header: tuple[str, ...] = ()
    for ln in lines:
        cells = ln.cells
        if not cells:
            header = ()
        elif header and len(cells) == len(header) and cells[0] and _ROW_LABEL.fullmatch(cells[0]):
            fields = [
                f"{units().structure.header_unit_of(h)[0]}：{c}"
                for h, c in zip(header[1:], cells[1:], strict=True)
                if c
            ]
            if len(fields) >= 2:
                ln = replace(ln, text=f"{cells[0]}——{'，'.join(fields)}")
        elif len(cells) >= 3 and all(cells) and sum(bool(known_field(c)) for c in cells[1:]) >= 2:
            header = cells
        else:
            header = ()
        out.append(ln)
    return out


def plain_section(title: str, kind: str, lines: list[Line]) -> Section:
    """A section holding the lines as they are."""
    return Section(
        title=title,
        kind=kind,  # type: ignore[arg-type]
        text="\n".join(ln.text for ln in lines),
        lines=(lines[0].first, lines[-1].last),
    )


def make_clause(printed: str, text: str, lines: tuple[int, int], kind: str = "") -> Clause:
    """A clause filed under its vocabulary name, with its canonical kind."""
    vocab = clauses()
    name = vocab.filed_name(printed)
    return Clause(
        name=name,
        text=text,
        lines=lines,
        printed_name=printed if printed != name else "",
        kind=kind or vocab.kind_of(printed) or vocab.kind_by_head(printed),
    )


def _label_alternation() -> str:
    return "|".join(re.escape(lab) for lab in clauses().all_labels())


def _gloss() -> str:
    """An English name a bilingual guide prints after a label, before its colon ("支持强度 Funding："), optional."""
    gloss = clauses().gloss
    return rf"(?:{gloss})?" if gloss else ""


_INLINE_CACHE: dict[str, re.Pattern[str]] = {}


def _inline_pattern() -> re.Pattern[str]:
    # A known label followed by a colon, or in brackets (【研究内容】…, （支持额度）…), at the start of the text or
    # after a sentence end; an aside in brackets may stand between the label and its colon ("认定条件（符合下列条件之一
    # 即可）：", its list below): it is the clause's first words.
    if "p" not in _INLINE_CACHE:
        labels = _label_alternation()
        _INLINE_CACHE["p"] = re.compile(
            rf"(?:^|(?<=[。；;.!！?？\s]))(?:{_CLAUSE_NUMBER.pattern[1:]})?"
            rf"(?:【(?P<bracketed>{labels}|[\u4e00-\u9fff]{{2,8}})】\s*[:：]?|[（(](?P<parenthesised>{labels})[）)]\s*[:：]?"
            rf"|(?P<label>{labels})\s*{_gloss()}\s*(?P<aside>{_ASIDE})?\s*[:：])"
        )
    return _INLINE_CACHE["p"]


# An aside between a label and its colon: a short remark in brackets, no colon or bracket inside.
_ASIDE = r"[（(][^()（）:：]{1,30}[）)]"


def _label_of(m: re.Match[str]) -> str:
    return m.group("bracketed") or m.group("parenthesised") or m.group("label")


_OPEN, _CLOSE = "（(", "）)"


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """The (open, close) positions of the round brackets of a text that close, nested ones too; a bracket left open
    (a value cut off) encloses nothing."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            opened.append(i)
        elif ch in _CLOSE and opened:
            spans.append((opened.pop(), i))
    return spans


def _inline_labels(text: str) -> list[re.Match[str]]:
    """The inline labels of a text: known ones, and a bracketed one whose head names a kind (【起止年限】). A label
    inside a bracket of a value is part of that value: "申报条件：须同时满足（①申报主体：企业；②…）；绩效目标：…" splits
    into 申报条件 and 绩效目标, the points in brackets staying with 申报条件."""
    vocab = clauses()
    spans = bracket_spans(text) if any(ch in _OPEN for ch in text) else []
    return [
        m
        for m in _inline_pattern().finditer(text)
        if (
            not m.group("bracketed") or vocab.is_label(m.group("bracketed")) or vocab.kind_by_head(m.group("bracketed"))
        )
        and not any(start < m.start() < end for start, end in spans)
    ]


def _run_in_pattern() -> re.Pattern[str]:
    # A numbered run-in heading: the label closed by a full stop ("1.支持对象。面向全球…", "（二）申报条件。…").
    if "r" not in _INLINE_CACHE:
        _INLINE_CACHE["r"] = re.compile(
            rf"^(?:{_CLAUSE_NUMBER.pattern[1:]})(?P<label>{_label_alternation()})\s*[。．](?=\S)"
        )
    return _INLINE_CACHE["r"]


def _opening_pattern() -> re.Pattern[str]:
    # A numbered item opening with a label that runs on into its value ("1）支持额度为…", "4）项目执行期至…").
    if "o" not in _INLINE_CACHE:
        opening = clauses().opening or "(?!)"
        _INLINE_CACHE["o"] = re.compile(
            rf"^(?P<number>{_CLAUSE_NUMBER.pattern[1:]})(?P<label>{_label_alternation()})(?={opening})"
        )
    return _INLINE_CACHE["o"]


def _field_patterns() -> tuple[re.Pattern[str], ...]:
    """A field label and its value: before a colon, numbered or not; numbered and closed by a full stop
    ("5.推荐限额。高校不超过5名…"); in brackets, a colon or none after them ("【扶持范围】园区内…")."""
    if "f" not in _INLINE_CACHE:
        low, high = units().structure.field_label_chars
        number = _CLAUSE_NUMBER.pattern[1:]
        # 合作国别/地区: two names of one field
        label = rf"([\u4e00-\u9fff]{{{low},{high}}}(?:/[\u4e00-\u9fff]{{1,{high}}})?)"
        _INLINE_CACHE["f"] = re.compile(rf"^(?:{number})?{label}\s*{_gloss()}\s*[:：]\s*(\S.*)$")
        _INLINE_CACHE["f."] = re.compile(rf"^(?:{number}){label}\s*[。．]\s*(\S.*)$")
        _INLINE_CACHE["f【"] = re.compile(rf"^(?:{number})?【{label}】\s*[:：]?\s*(\S.*)$")
    return _INLINE_CACHE["f"], _INLINE_CACHE["f."], _INLINE_CACHE["f【"]


def field_shape(text: str) -> tuple[str, str] | None:
    """(label, value) when a line has the shape of a field ("推荐单位：…", "（五）推荐单位：…", "5.推荐限额。…",
    "【推荐单位】…") with a label no kind lists."""
    m = next((m for pattern in _field_patterns() if (m := pattern.match(text))), None)
    if m is None or clauses().is_label(m.group(1)):
        return None
    prose = units().structure.not_field_label
    if prose and re.search(prose, m.group(1)):
        return None
    return m.group(1), m.group(2).strip()


def kind_field(text: str) -> tuple[str, str, str] | None:
    """(label, value, kind) when a line opens a field whose label the vocabulary does not list but whose last word
    names a kind ("服务内容：…" → content, "建设目标：…" → indicators)."""
    found = field_shape(text)
    if found and (kind := clauses().kind_by_head(found[0])):
        return found[0], found[1], kind
    return None


def field_labels(lines: list[Line], heads: list[int]) -> set[str]:
    """Labels the vocabulary does not know that open a line ("XXX：…") in enough of the units starting at `heads`.

    A label printed at the start of a line in several units is a field of the guide's unit form (拟支持项目数,
    推荐单位, 技术领域), not prose: it opens a clause of its own instead of running into the clause before it; so is
    one, in any unit, whose last word is a kind's head (建设目标).
    """
    seen: dict[str, int] = {}
    bracketed: set[str] = set()  # unlisted labels printed in brackets at a line's start (【核定依据】…)
    bracket_units = 0  # units with a line opening with a bracketed label, listed or not
    bounds = [*heads, len(lines)]
    for n, start in enumerate(heads):
        body = lines[start + 1 : bounds[n + 1]]
        found = {f[0] for ln in body if (f := field_shape(ln.text))}
        for label in found:
            seen[label] = seen.get(label, 0) + 1
        bracketed |= {f[0] for ln in body if _field_patterns()[2].match(ln.text) and (f := field_shape(ln.text))}
        bracket_units += any(_BRACKET_LABEL.match(ln.text) for ln in body)
    structure = units().structure
    need = max(2, structure.field_label_units, math.ceil(structure.field_label_share * len(heads)))
    # A label whose last word names a kind (建设目标, 服务内容) is a field wherever it opens a line; where the units
    # print their clauses as 【label】 lines, so is every label in brackets opening a line, however rare.
    fields = {label for label, n in seen.items() if n >= need or clauses().kind_by_head(label)}
    if bracket_units >= need:
        fields |= bracketed
    return with_variants(fields, seen)


# A line opening with a label in brackets (【支持对象】…), the label listed or not.
_BRACKET_LABEL = re.compile(rf"^(?:{_CLAUSE_NUMBER.pattern[1:]})?【[\u4e00-\u9fff]{{2,8}}】")


def with_variants(fields: set[str], seen) -> set[str]:
    """The fields, and the labels seen that are a shorter or longer form of one (奖励名额 beside 奖励名额与奖金): a
    field printed in fewer units than the rule asks is still that field."""
    return fields | {
        label
        for label in seen
        if len(label) >= 3 and any(f != label and (f.startswith(label) or label.startswith(f)) for f in fields)
    }


def field_clause(text: str, labels: set[str]) -> tuple[str, str] | None:
    """(label, value) when the line opens a clause under one of the guide's own field labels."""
    if not labels:
        return None
    found = field_shape(text)
    if found is None and (bare := text.strip()).endswith((":", "：")):
        found = (_CLAUSE_NUMBER.sub("", bare, count=1).rstrip(":：").strip(), "")  # "申报材料：", its list below
    return found if found and found[0] in labels else None


def heading_clause(text: str) -> str | None:
    """The label when a whole line is a clause heading of its own ("（一）研究内容", "3.考核指标"), else None."""
    bare = _CLAUSE_NUMBER.sub("", text, count=1).strip().rstrip(":：")
    if gloss := clauses().gloss:  # "（一）研究内容 Research Content": the label and its English name
        bare = re.sub(rf"(?<=[\u4e00-\u9fff])\s*(?:{gloss})$", "", bare)
    bare = re.sub(r"\s+", "", bare)
    if bare.startswith("【") and bare.endswith("】"):  # a bracket label on a line of its own
        bare = bare[1:-1]
    numbered = _CLAUSE_NUMBER.match(text) is not None
    colon = text.rstrip().endswith((":", "："))
    if not clauses().is_label(bare) and not ((numbered or colon) and clauses().kind_by_head(bare)):
        # an unlisted label is a heading only numbered or followed by a colon, and ending in a kind's head
        # ("（七）发榜单位联系人", "建设周期：" with its value on the next line)
        return None
    # A word that names the units' part of a guide (支持方向) is a clause only as a field label ("支持方向：…").
    if units().structure.is_generic_heading(bare) and not colon:
        return None
    return bare


def inline_clauses(text: str) -> list[tuple[str, str]] | None:
    """Split a line holding one or more inline labels ("研究内容：…。考核指标：…") into (label, body) pairs.

    None when the line does not start with a known label.
    """
    found = _inline_labels(text)
    if not found or found[0].start() != 0:
        if m := _run_in_pattern().match(text):
            return [(m.group("label"), text[m.end() :].strip())]
        if m := _opening_pattern().match(text):
            return [(m.group("label"), text[m.end("number") :].strip())]  # the label reads on into the value
        return None
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        out.append((_label_of(m), ((m.group("aside") or "") + text[m.end() : end]).strip()))
    return out


def split_inline(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Text before the first inline label after a sentence end, and the labelled parts after it."""
    found = [m for m in _inline_labels(text) if m.start() > 0]
    if not found:
        return text, []
    head = text[: found[0].start()].strip()
    parts = inline_clauses(text[found[0].start() :]) or []
    return head, parts


_EDGE_NOISE = "·•・.。、,，'\"`~_-—"


def cell_clause(ln: Line) -> list[tuple[str, str]] | None:
    """A row of a two-column field table inside a unit as its clause ("考核指标 | …"); [] for the table's header row
    (名称 | 内容); None for any other line."""
    cells = [c for c in ln.cells if c]
    if len(cells) < 2:
        return None
    structure = units().structure
    if all(re.sub(r"\s+", "", c) in {re.sub(r"\s+", "", h) for h in structure.field_table_headers} for c in cells):
        return []
    # A stray mark at a label's edge is print or scan noise ("完成时限·" where a speck sat beside the cell border).
    label = re.sub(r"[\s:：【】]", "", cells[0]).strip(_EDGE_NOISE)
    if not (clauses().is_label(label) or _field_cell(label, cells[1:])):
        return None
    return [(label, "\n".join(cells[1:]))]


_CELL_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _field_cell(label: str, rest: list[str]) -> bool:
    """A first cell naming a field the vocabulary does not list ("核查方式", "认定条件"): a short name in front of a
    longer text, as a two-column field table prints it."""
    return len(rest) == 1 and bool(_CELL_LABEL.fullmatch(label)) and len(rest[0].strip()) > len(label) + 2
