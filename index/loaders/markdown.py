"""Markdown guides (CMS and knowledge-base exports): headings kept as lines, tables as tab rows, links and images
reduced to text, inline HTML to its words, container fences (::: name … :::) to block boundaries."""

from __future__ import annotations

import html
import re
from pathlib import Path

from index.loaders.base import SourceText, finish
from index.loaders.box_table import box_table_lines
from index.loaders.definition_list import definition_lines
from index.loaders.html import BREADCRUMB
from index.loaders.online_doc import ICON, toggle_lines
from index.loaders.pandoc_table import pandoc_table_lines
from index.loaders.text import read_text

_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Any inline HTML an editor leaves around words (<font style=…>40</font>, <u>…</u>, <a name="一"></a> anchors):
# the words stay, the tag goes. A tag name is ASCII letters, so "<研究内容>" is text.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?=\s|$)")
_QUOTE = re.compile(r"^\s*>\s?")
# _斜体_ emphasis (an editor's italics around a caption): the words stay; snake_case and e-mail names are no emphasis.
_ITALIC = re.compile(r"(?<![A-Za-z0-9_])_(?=\S)([^_\n]+?)(?<=\S)_(?![A-Za-z0-9_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
# YAML (---) or TOML (+++) front matter a CMS or static-site export puts first: metadata, not the guide's text
# (the guide prints its title and date again in its body).
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.S)
_ANCHOR = re.compile(r"\[\^[^\]\s]+\]")  # footnote marks ([^1])
# Pandoc's bracketed spans ([]{#_Toc1 .anchor} bookmarks, [重点]{.underline}): the words stay, the brackets and the
# attributes go; an attribute block left after an image, a link or a heading ({width="5.9in"}, {#sec-2}) goes too.
_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")
_ATTRIBUTES = re.compile(r"\{(?:[#.][^{}]*|[A-Za-z][\w-]*=[^{}]*)\}")
# A backslash ending a line: pandoc's hard line break (a Word line break inside a paragraph).
_HARD_BREAK = re.compile(r"(?<!\\)\\[ \t]*$")
# A footnote's text at the end of the export ("[^1]: 实行经费包干制…"): a note the guide prints, kept as 注1：….
_FOOTNOTE = re.compile(r"^\s*\[\^(?P<name>[^\]\s]+)\]:\s*")
# A container fence of 语雀, VuePress or Docusaurus (":::success", "::: tip 提示", ":::"): the box's words are the
# guide's, the fence only bounds the block (a unit's card, a meta box); the card's title heads it.
_CONTAINER = re.compile(r"^\s*:{3,}\s*(?P<name>[A-Za-z][\w-]*)?\s*(?P<title>.*?)\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]{2,80})\1\s*$")  # **【ZR2026-JQ】杰出青年科学基金项目**
# An online doc's @mention of a person ("@周芷晴"): the name is the text; an e-mail address keeps its @.
_MENTION = re.compile(r"(?<![A-Za-z0-9._%+-])@(?=[\u4e00-\u9fff])")
# A to-do list's box ("- [ ] 提交研究中心审核"): the item is the text, whether ticked or not.
_TASK_BOX = re.compile(r"^(\s*[-*+]\s+)\[[ xX]\]\s+")
_CLAUSE_END = "。；;！？!?：:，,、"


def _cells(row: str) -> list[str]:
    """The cells of a `| a | b |` row (an escaped \\| stays inside its cell)."""
    parts = re.split(r"(?<!\\)\|", row)
    return [_cell(p.strip()) for p in parts]


def _cell(text: str) -> str:
    """A cell's text, its lines (broken by <br>) kept apart by a semicolon: a cell listing several labelled clauses
    ("资助额度：200万元<br>执行期：3年") or conditions stays readable as separate ones once spaces next to Chinese are
    gone. A line that already ends a clause, or one going on in brackets ("资助额度<br>（万元）"), needs none."""
    pieces = [p for p in (_inline(piece).strip() for piece in _BREAK.split(text)) if p]
    joined = pieces[:1]
    for piece in pieces[1:]:
        glue = "" if joined[-1][-1] in _CLAUSE_END or piece[0] in "(（" else "；"
        joined.append(glue + piece)
    return "".join(joined)


def _inline(text: str) -> str:
    text = _SPAN.sub(r"\1", _ANCHOR.sub("", _HARD_BREAK.sub("", text)))
    text = _BREAK.sub(" ", text)  # "…局<br/>2024年8月6日": two lines of the 落款, not one word
    text = _IMAGE.sub("", text)
    text = _ATTRIBUTES.sub("", _LINK.sub(r"\1", text))
    text = _HTML_TAG.sub("", text)
    text = _ITALIC.sub(r"\1", _MENTION.sub("", text))
    # A CMS editor's entities (&nbsp; &ldquo; &amp;) left in the export: the characters they stand for.
    return html.unescape(_ESCAPE.sub(r"\1", text)).replace("\xa0", " ")


def markdown_lines(text: str) -> list[str]:
    """Markdown → lines: headings stay (# …), a table row becomes tab-joined cells, the rule row goes; a table drawn
    with box characters (┌─┬─┐, or a +---+ grid table) or pandoc's dash-run columns (a simple or multiline table)
    becomes one tab-joined line per row; a pandoc definition list loses its markers (a field's term and value join
    as "term：value")."""
    out: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # <!-- 转载自… -->: not the guide's text
    text = _FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
    level = 0  # the level of the last heading, which a container's card sits under
    card = False  # inside a container whose title is still to come
    for raw in definition_lines(pandoc_table_lines(box_table_lines(toggle_lines(text.split("\n"))))):
        if container := _CONTAINER.match(raw):
            title, card = container.group("title"), bool(container.group("name"))
            out.append(_card_heading(title, level) if title and card else "")
            card = card and not title
            continue
        if card and raw.strip():
            card = False
            if bold := _BOLD_LINE.match(raw):
                out.append(_card_heading(bold.group("text"), level))
                continue
        if heading := _HEADING.match(raw):
            level = len(heading.group(1))
        out.append(_markdown_line(raw))
    return out


def _card_heading(title: str, level: int) -> str:
    """A container's title (on its fence, or its opening bold line) as a heading one level below the heading the
    container stands under: a card of 语雀 or VuePress that holds a unit is headed like a unit of an outline."""
    return "#" * min(level + 1, 6) + " " + _inline(title.strip())


def _markdown_line(raw: str) -> str:
    """One source line as a plain line: a footnote's text as a note, a table row as tab-joined cells, fences and
    table rules as blank lines, inline markup reduced to its words."""
    if note := _FOOTNOTE.match(raw):
        name = note.group("name")
        raw = f"注{name if name.isdigit() else ''}：{raw[note.end() :]}"
    if _FENCE.match(raw) or _TABLE_RULE.match(raw):
        # Fences are dropped (their content is kept as plain lines); a table's |---| rule carries nothing.
        return ""
    if m := _TABLE_ROW.match(raw):
        return "\t".join(_cells(m.group(1)))
    line = _without_icon(_inline(_TASK_BOX.sub(r"\1", _QUOTE.sub("", raw))))
    return "" if BREADCRUMB.match(line) else line


_LINE_START = re.compile(r"^\s*(?:#{1,6}\s+)?")


def _without_icon(line: str) -> str:
    """The line without the icon opening it (a callout's 📢, a heading's 🔥): a pictograph, no words."""
    start = _LINE_START.match(line).end()
    return line[:start] + ICON.sub("", line[start:]) if ICON.match(line, start) else line


class MarkdownLoader:
    """.md / .markdown: UTF-8 or GB18030 like .txt, then markdown syntax reduced to lines."""

    suffixes = (".md", ".markdown")

    def load(self, path: Path) -> SourceText:
        """Read the file and turn its markdown into plain lines, keeping one line per source line."""
        text, encoding, digest = read_text(path)
        return finish(path, markdown_lines(text), encoding, digest)
