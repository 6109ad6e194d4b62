"""What an OpenDocument text's styles say about its text: list numbering, outline numbering and hidden text.

A numbered list or a numbered heading prints a number the body does not hold: "（一）" or "第1条" exists only in the
list style (text:list-style, a text:list-level-style-number per level: style:num-format, style:num-prefix,
style:num-suffix, text:start-value, text:display-levels) or in the outline style numbering the headings
(text:outline-style). Counters run per list; a deeper level restarts when a shallower one advances, as in Word
(index/loaders/word_numbering.py, whose number formats are reused). A character or paragraph style whose text
properties set text:display="none" hides its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.loaders.word_numbering import format_number

STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

# ODF's style:num-format (LibreOffice writes the CJK ones as a sample run: "一, 二, 三, ...") → Word's numFmt.
_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
    "一": "chineseCounting",
    "壹": "chineseLegal",
    "①": "decimalEnclosedCircle",
    "甲": "ideographTraditional",
    "１": "decimalFullWidth",
}
_LEGAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")


def _s(tag: str) -> str:
    return f"{{{STYLE}}}{tag}"


def _t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True)
class Level:
    """One level of a list style: a number (format, prefix, suffix, start, how many levels it shows) or none."""

    numbered: bool
    fmt: str = "1"
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    shows: int = 1

    def number(self, n: int) -> str:
        """The counter in this level's format ("" for a level that prints no number)."""
        if not self.fmt:
            return ""
        kind = _FORMATS.get(self.fmt[:1], "decimal")
        if kind == "chineseLegal":
            return format_number(n, "chineseCounting").translate(_LEGAL)
        return format_number(n, kind)


Levels = dict[int, Level]  # text:level (1-based) → Level


# The level styles of a list style or of the outline style, and whether they number.
_LEVEL_KINDS = {
    _t("list-level-style-number"): True,
    _t("outline-level-style"): True,
    _t("list-level-style-bullet"): False,
    _t("list-level-style-image"): False,
}


def _levels(style) -> Levels:
    levels: Levels = {}
    for node in style:
        numbered = _LEVEL_KINDS.get(node.tag)
        if numbered is None:
            continue
        level = _int(node.get(_t("level")), 1)
        levels[level] = Level(
            numbered=numbered,
            fmt=node.get(_s("num-format"), ""),
            prefix=node.get(_s("num-prefix"), ""),
            suffix=node.get(_s("num-suffix"), ""),
            start=_int(node.get(_t("start-value")), 1),
            shows=max(_int(node.get(_t("display-levels")), 1), 1),
        )
    return levels


@dataclass
class Counter:
    """The running counters of one list (or of the headings' outline)."""

    counts: dict[int, int] = field(default_factory=dict)

    def label(self, levels: Levels, level: int, restart: int | None = None) -> str:
        """Advance `level` (to `restart` when an item sets its start value) and return the number it prints with
        its prefix and suffix ("（三）", "2.1"); "" for a bullet or a level the style does not number."""
        this = levels.get(level)
        if this is None or not this.numbered:
            return ""
        self.counts[level] = restart if restart is not None else self.counts.get(level, this.start - 1) + 1
        for deeper in [lvl for lvl in self.counts if lvl > level]:
            del self.counts[deeper]
        shown = range(max(level - this.shows + 1, 1), level + 1)
        parts = [self._shown(levels, lvl) for lvl in shown]
        number = ".".join(p for p in parts if p)
        return this.prefix + number + this.suffix if number else ""

    def _shown(self, levels: Levels, level: int) -> str:
        this = levels.get(level) or Level(numbered=True)
        return this.number(self.counts.get(level, this.start)) if this.numbered else ""


@dataclass
class Styles:
    """The list styles by name, the outline style, the hidden styles and each paragraph style's list style."""

    lists: dict[str, Levels] = field(default_factory=dict)
    outline: Levels = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    paragraph_lists: dict[str, str] = field(default_factory=dict)


def read_styles(*roots) -> Styles:
    """The styles of styles.xml and content.xml (or of a flat .fodt, one root): named and automatic alike."""
    styles = Styles()
    parents: dict[str, str] = {}
    for root in roots:
        if root is None:
            continue
        for node in root.iter(_t("list-style")):
            styles.lists[node.get(_s("name"), "")] = _levels(node)
        for node in root.iter(_t("outline-style")):
            styles.outline = _levels(node)
        for node in root.iter(_s("style")):
            name = node.get(_s("name"), "")
            if parent := node.get(_s("parent-style-name")):
                parents[name] = parent
            if list_style := node.get(_s("list-style-name")):
                styles.paragraph_lists[name] = list_style
            props = node.find(_s("text-properties"))
            if props is not None and props.get(_t("display")) == "none":
                styles.hidden.add(name)
    for name in parents:  # a style inherits its parent's list style and hiding
        seen, at = {name}, parents.get(name)
        while at and at not in seen:
            if at in styles.hidden:
                styles.hidden.add(name)
            if name not in styles.paragraph_lists and at in styles.paragraph_lists:
                styles.paragraph_lists[name] = styles.paragraph_lists[at]
            seen.add(at)
            at = parents.get(at)
    return styles
