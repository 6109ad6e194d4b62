"""Word's automatic numbering rendered as text: "指南方向1：", "（二）", "3." exist in numbering.xml, not in a paragraph's runs.

A paragraph is numbered by its own w:numPr or by its style's (through the style chain). Its number is the counter
of its list at its level, formatted by the level's w:numFmt into the level's w:lvlText ("%1.%2"). As Word counts:
- the list is the abstract definition (w:abstractNum, through a w:numStyleLink to the numbering style it names):
  list instances (w:num) over one definition count on from each other, and paragraphs between (a typed heading,
  another list) stop nothing;
- an instance's w:startOverride restarts its level where the instance is first used, and a w:lvl inside its
  w:lvlOverride replaces the level's format;
- a deeper level restarts when a shallower one advances, unless its w:lvlRestart says after which level it does (0:
  never); a w:isLgl level prints every number in it as a decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = (
        ""
        if not rest
        else ("零" + _CN_DIGITS[rest] if rest < 10 else ("一" + chinese(rest) if rest < 20 else chinese(rest)))
    )
    return _CN_DIGITS[n // 100] + "百" + tail if n < 1000 else str(n)


def _letters(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA (Word repeats the letter)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """The counter as Word prints it in a level of format `fmt` (unknown formats print as decimal)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "ideographTraditional" and 1 <= n <= len(_TIANGAN):
        return _TIANGAN[n - 1]
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    restart: int | None = None  # w:lvlRestart: restart after levels above this one (1-based); 0 never; None default
    legal: bool = False  # w:isLgl: every number of the level text as a decimal


@dataclass
class Numbering:
    """The document's list definitions and the running counters of its lists."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    lists: dict[str, str] = field(default_factory=dict)  # numId → the list it counts in (its abstract definition)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → startOverride
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # list → ilvl → counter
    used: set[tuple[str, int]] = field(default_factory=set)  # (numId, ilvl) already printed

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph ("指南方向2：", "（三）"), "" when it has none or a bullet."""
        ref = self._reference(paragraph)
        if ref is None:
            return ""
        num_id, ilvl = ref
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or levels[ilvl].fmt == "bullet":
            return ""
        counts = self.counters.setdefault(self.lists.get(num_id, num_id), {})
        if (num_id, ilvl) not in self.used:
            self.used.add((num_id, ilvl))
            if ilvl in self.overrides.get(num_id, {}):
                counts.pop(ilvl, None)  # the instance restarts its level at its first paragraph there
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [lvl for lvl in counts if lvl > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counts[deeper]
        level_here = levels[ilvl]
        text = level_here.text
        for lvl in range(ilvl + 1):
            level = levels.get(lvl)
            value = counts.get(lvl, level.start if level else 1)
            fmt = "decimal" if level_here.legal or level is None else level.fmt
            text = text.replace(f"%{lvl + 1}", format_number(value, fmt))
        return text

    def _reference(self, paragraph) -> tuple[str, int] | None:
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            ilvl = num_pr.find(f"{_W}ilvl")
            if num_id is not None:
                value = num_id.get(f"{_W}val")
                # numId 0 switches numbering off for a paragraph whose style would number it
                return None if value == "0" else (value, int(ilvl.get(f"{_W}val")) if ilvl is not None else 0)
        style = paragraph.style
        while style is not None:
            if style.style_id in self.style_num:
                return self.style_num[style.style_id]
            style = style.base_style
        return None


def _val(element, tag: str, default: str = "") -> str:
    child = element.find(f"{_W}{tag}")
    return child.get(f"{_W}val", default) if child is not None else default


def _int(text: str, default: int) -> int:
    return int(text) if text.lstrip("-").isdigit() else default


def _level(lvl) -> _Level:
    restart = _val(lvl, "lvlRestart")
    legal = lvl.find(f"{_W}isLgl")
    return _Level(
        _int(_val(lvl, "start", "1"), 1),
        _val(lvl, "numFmt", "decimal"),
        _val(lvl, "lvlText"),
        restart=_int(restart, 0) if restart else None,
        legal=legal is not None and legal.get(f"{_W}val", "1") not in ("0", "false", "off"),
    )


def _style_numbering(document) -> dict[str, tuple[str, int]]:
    """styleId → (numId, ilvl) of every style that numbers its paragraphs (or, a numbering style, names a list)."""
    out: dict[str, tuple[str, int]] = {}
    for style in document.styles:
        num_pr = style.element.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None and (num_id := _val(num_pr, "numId")) and num_id != "0":
            out[style.style_id] = (num_id, _int(_val(num_pr, "ilvl", "0"), 0))
    return out


def read_numbering(document) -> Numbering:
    """The list definitions of a python-docx Document (an empty Numbering when it has none)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return Numbering()
    style_num = _style_numbering(document)
    nums = {num.get(f"{_W}numId"): num for num in root.findall(f"{_W}num")}
    abstract: dict[str, dict[int, _Level]] = {}
    links: dict[str, str] = {}  # abstractNumId → the numbering style it takes its levels from
    for node in root.findall(f"{_W}abstractNum"):
        key = node.get(f"{_W}abstractNumId")
        abstract[key] = {int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in node.findall(f"{_W}lvl")}
        if link := _val(node, "numStyleLink"):
            links[key] = link

    def definition(key: str) -> str:
        """The abstract definition a list counts in: a numStyleLink leads to its numbering style's own list."""
        for _ in range(4):  # a link leads to one definition; a loop in a broken file stops here
            style = links.get(key)
            num = nums.get(style_num[style][0]) if style in style_num else None
            if num is None or (target := _val(num, "abstractNumId")) == key:
                break
            key = target
        return key

    numbering = Numbering(style_num=style_num)
    for num_id, num in nums.items():
        key = definition(_val(num, "abstractNumId"))
        levels = dict(abstract.get(key, {}))
        for override in num.findall(f"{_W}lvlOverride"):
            ilvl = int(override.get(f"{_W}ilvl", "0"))
            if (replaced := override.find(f"{_W}lvl")) is not None:
                levels[ilvl] = _level(replaced)  # the instance's own format for that level
            start = _val(override, "startOverride")
            if start.isdigit() and ilvl in levels:
                levels[ilvl] = replace(levels[ilvl], start=int(start))
                numbering.overrides.setdefault(num_id, {})[ilvl] = int(start)
        numbering.levels[num_id] = levels
        numbering.lists[num_id] = key
    return numbering
