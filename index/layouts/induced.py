"""Units numbered in a scheme no vocabulary lists, read off the document itself.

Every numbering a guide can print its units with cannot be listed ("第一档", "类别A", "支持方向（1）", "专项一",
"Ⅲ. …"), but a unit heading has a shape: a few words, a running number, maybe a bracket, a counter word or a
separator, then the unit's title. Lines of one shape whose numbers run 1, 2, 3 … (a run may start again at 1
under the next group) and whose text before the next one holds clauses of two or more known kinds are the
guide's units. The shape becomes a numbering scheme for this document only, and the headed family parses the
guide with it: groups, clauses, notice and tail as for any listed scheme. A listed scheme that finds the same
units keeps them (this family is tried last and must find more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.layouts.common import HEADING, ParseResult, cell_clause, field_labels, kind_field
from index.layouts.headed import (
    UNIT_SCHEMES,
    WEAK_SCHEMES,
    Headed,
    _known_kind,
    _unit_match,
    clause_parts,
    split_run_in,
)
from index.normalize import Line
from index.vocab import Scheme, document_scheme, units

# The running numbers a unit heading may print, by class; a shape keeps the class, not the number.
NUMBERS = {
    "cn": "[一二三四五六七八九十]{1,3}",
    "digit": r"\d{1,2}",
    "roman": "(?:VIII|VII|VI|IV|IX|III|II|I|V|X)",  # Ⅰ Ⅱ Ⅲ after NFKC
    "latin": "[A-Z]",
    "circled": "[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]",
}
_HEAD = re.compile(
    r"^(?P<pre>[\u4e00-\u9fff]{0,4}?)\s*(?P<open>[(（【\[]?)\s*(?P<inner>[\u4e00-\u9fff]{0,4}?)\s*(?P<num>"
    + "|".join(NUMBERS.values())
    + r")\s*(?P<close>[)）】\]]?)(?P<word>[档类级批项组期])?(?P<sep>\s*[、.．:：]\s*|\s+|)(?P<title>.*)$"
)
# Listed schemes whose lines under a heading make it a group of units (a code, or a word and a number: 项目1, 课题2);
# plain numberings (1., （一）, ①) number list items inside a unit just as well.
LISTED = tuple(s for s in UNIT_SCHEMES if s not in (*WEAK_SCHEMES, "paren_cn", "paren_digit", "circled"))
MAX_HEADING = 60  # characters; a longer line is prose, not a heading
MIN_KINDS = 2  # known clause kinds (or the guide's own repeated field labels) a unit's text must hold
_UNIT_CHARS = "%％年月日时万亿元个项次名家篇件台套人倍"
_FULL_WIDTH = {"(": "（", ")": "）", "[": "【", "]": "】"}
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Shape:
    """The shape of a unit heading: the words before the number, the brackets, the class of number, the counter."""

    pre: str
    open: str
    inner: str  # words inside the bracket: 【类型1】
    numbers: str
    close: str
    word: str

    def scheme(self) -> Scheme:
        """This shape as a numbering scheme (label printed as the guide prints it, without its separator)."""
        pattern = (
            "^"
            + re.escape(self.pre)
            + r"\s*"
            + re.escape(self.open)
            + r"\s*"
            + re.escape(self.inner)
            + r"\s*(?P<num>"
            + NUMBERS[self.numbers]
            + r")\s*"
            + re.escape(self.close)
            + re.escape(self.word)
            + r"(?:\s*[、.．:：]\s*|\s*)(?P<title>.*)$"
        )
        # （一） as guides print it, not NFKC's (一)
        opened, closed = _FULL_WIDTH.get(self.open, self.open), _FULL_WIDTH.get(self.close, self.close)
        label = self.pre + opened + self.inner + "{num}" + closed + self.word
        if self.open in _DECORATIVE and self.inner:
            label = self.pre + self.inner + "{num}" + self.word  # 【方向一】 is 方向一: the bracket only sets it off
        return Scheme(id="induced", pattern=pattern, label=label)


_DECORATIVE = (
    "【",
    "[",
    "〖",
)  # brackets that set a whole label off, as opposed to numbering it: 【方向一】, not （1）


def _value(numbers: str, num: str) -> int:
    from index.metadata import cn_int

    if numbers == "latin":
        return ord(num) - ord("A") + 1
    if numbers == "roman":
        return _ROMAN.index(num) + 1
    if numbers == "circled":
        return _CIRCLED.index(num) + 1
    return cn_int(num)


def _numbers_of(num: str) -> str:
    return next(name for name, rx in NUMBERS.items() if re.fullmatch(rx, num))


def heading_shape(ln: Line) -> tuple[Shape, int] | None:
    """(shape, running number) when a line reads as a numbered heading, else None."""
    text = ln.text.strip()
    if ln.cells or len(text) > MAX_HEADING or text.endswith(("。", "；", ";", "，", ",")):
        return None
    m = _HEAD.match(text)
    if m is None:
        return None
    if any(units().match(sid, text) for sid in UNIT_SCHEMES):
        return (
            None  # a unit numbering units.toml lists (一、, （一）, 第一类, 项目1): the headed family reads it, guarded
        )
    pre, opened, inner, closed, word, sep, title = (
        m.group(k) or "" for k in ("pre", "open", "inner", "close", "word", "sep", "title")
    )
    if bool(opened) != bool(closed):
        return None
    if not opened:
        pre, inner = pre + inner, ""
    if not (pre or inner or opened or word or sep.strip() or (sep and title)):
        return None  # "一是…", "十大产业": a number run into prose
    if title[:1].isdigit() or (not (closed or word or sep) and title[:1] in _UNIT_CHARS):
        return None  # 1.1 (a deeper numbering), 3月, 5万元: a figure, not a heading
    structure = units().structure
    if any(words.startswith(w) for words in (pre, inner) if words for w in structure.induced_not_unit_words):
        return None  # 附件1, 表2
    if clause_parts(text) or kind_field(text):
        return None  # a clause line (研究内容：…)
    num = m.group("num")
    numbers = _numbers_of(num)
    try:
        value = _value(numbers, num)
    except (ValueError, KeyError):
        return None
    return Shape(pre, opened, inner, numbers, closed, word), value


def _kinds(ln: Line, fields: set[str]) -> set[str]:
    parts = cell_clause(ln)
    if parts is None:
        parts = clause_parts(ln.text) or []
    found = {kind for label, _ in parts if (kind := _known_kind(label))}
    if (field := kind_field(ln.text)) is not None:
        found.add(field[2])
    m = re.match(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）.．、]\s*)?([\u4e00-\u9fff]{2,10})\s*[:：]", ln.text)
    if m and m.group(1) in fields:
        found.add("field:" + m.group(1))
    return found


def _runs(heads: list[tuple[int, int]]) -> list[list[int]]:
    """Heads (line index, number) cut into runs numbered on by one (1, 2, 3 …); a number that does not follow the one
    before starts a run of its own, which needs its own confirmation."""
    runs: list[list[int]] = []
    prev = None
    for i, value in heads:
        if prev is not None and value == prev + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
        prev = value
    return runs


def induce(lines: list[Line]) -> tuple[Shape | None, list[int]]:
    """The heading shape whose runs of numbered lines hold clauses, and those lines (at least two)."""
    shapes: dict[Shape, list[tuple[int, int]]] = {}
    for i, ln in enumerate(lines):
        if found := heading_shape(ln):
            shapes.setdefault(found[0], []).append((i, found[1]))
    found: dict[Shape, list[int]] = {}
    for shape, heads in shapes.items():
        if len(heads) < 2:
            continue
        index = [i for i, _ in heads]
        fields = field_labels(lines, index)
        confirmed: list[int] = []
        for run in _runs(heads):
            if len(run) < 2:
                continue
            held = [n for n, i in enumerate(run) if len(_span_kinds(lines, i, index, fields)) >= MIN_KINDS]
            if len(held) * 2 >= len(run) + 1 or (len(run) == 2 and len(held) == 2):
                confirmed += run
        if len(confirmed) >= 2:
            found[shape] = sorted(confirmed)
    listed = [i for i, ln in enumerate(lines) if any(_unit_match(s, ln.text) for s in LISTED)]
    best: tuple[Shape | None, list[int]] = (None, [])
    for shape, heads in found.items():
        inner = listed + [i for other, h in found.items() if other != shape for i in h]
        if _outer(heads, inner, len(lines)):
            continue  # A.新型储能 over LH2027-A01 … : a group of the units, not a unit
        if len(heads) > len(best[1]):
            best = (shape, heads)
    return best


def _outer(heads: list[int], inner: list[int], end: int) -> bool:
    """Do most of these headings hold two or more other unit headings before the next of them?"""
    bounds = [*heads, end]
    holding = sum(1 for n, i in enumerate(heads) if sum(1 for j in inner if i < j < bounds[n + 1]) >= 2)
    return holding * 2 > len(heads)


def _span_kinds(lines: list[Line], i: int, heads: list[int], fields: set[str]) -> set[str]:
    """Kinds of the clauses between a heading and the next of its shape (or the next notice heading 一、)."""
    later = [h for h in heads if h > i]
    end = later[0] if later else len(lines)
    out: set[str] = set()
    own_heading = HEADING.match(lines[i].text) is not None
    for j in range(i + 1, end):
        if not own_heading and HEADING.match(lines[j].text) and not clause_parts(lines[j].text):
            break
        out |= _kinds(lines[j], fields)
    return out


class Induced(Headed):
    """Units numbered in a shape read off the document (see the module docstring)."""

    name = "induced"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse with the document's own unit numbering, when it has one that holds clauses."""
        lines = split_run_in(lines)
        shape, heads = induce(lines)
        if shape is None:
            return ParseResult(layout=self.name, sections=[], projects=[])
        scheme = shape.scheme()
        with document_scheme(scheme):
            result = self.parse_with(lines, scheme.id, heads)
        result.layout = f"induced:{scheme.label.format(num='N')}"
        return result
