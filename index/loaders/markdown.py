"""Markdown guides (CMS exports): headings kept as lines, tables as tab rows, links and images reduced to text."""

from __future__ import annotations

import html
import re
from pathlib import Path

from index.loaders.base import SourceText, finish
from index.loaders.box_table import box_table_lines
from index.loaders.html import BREADCRUMB
from index.loaders.text import read_text

_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?(?:br|span|font|u|b|strong|em|i|p|div)\b[^>]*>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTE = re.compile(r"^\s*>\s?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
# YAML (---) or TOML (+++) front matter a CMS or static-site export puts first: metadata, not the guide's text
# (the guide prints its title and date again in its body).
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.S)
_ANCHOR = re.compile(r"\[\]\{#[^}]*\}|\[\^\d+\]:?\s*")  # pandoc's empty anchors ([]{#_Toc1 .anchor}), footnote marks


def _cells(row: str) -> list[str]:
    """The cells of a `| a | b |` row (an escaped \\| stays inside its cell)."""
    parts = re.split(r"(?<!\\)\|", row)
    return [_inline(p.strip()) for p in parts]


def _inline(text: str) -> str:
    text = _ANCHOR.sub("", text)
    text = _BREAK.sub(" ", text)  # "…局<br/>2024年8月6日": two lines of the 落款, not one word
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    # A CMS editor's entities (&nbsp; &ldquo; &amp;) left in the export: the characters they stand for.
    return html.unescape(_ESCAPE.sub(r"\1", text)).replace("\xa0", " ")


def markdown_lines(text: str) -> list[str]:
    """Markdown → lines: headings stay (# …), a table row becomes tab-joined cells, the rule row goes; a table drawn
    with box characters (┌─┬─┐, or a +---+ grid table) becomes one tab-joined line per row."""
    out: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # <!-- 转载自… -->: not the guide's text
    text = _FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
    for raw in box_table_lines(text.split("\n")):
        if _FENCE.match(raw) or _TABLE_RULE.match(raw):
            # Fences are dropped (their content is kept as plain lines); a table's |---| rule carries nothing.
            out.append("")
            continue
        if m := _TABLE_ROW.match(raw):
            out.append("\t".join(_cells(m.group(1))))
            continue
        line = _inline(_QUOTE.sub("", raw))
        out.append("" if BREADCRUMB.match(line) else line)
    return out


class MarkdownLoader:
    """.md / .markdown: UTF-8 or GB18030 like .txt, then markdown syntax reduced to lines."""

    suffixes = (".md", ".markdown")

    def load(self, path: Path) -> SourceText:
        """Read the file and turn its markdown into plain lines, keeping one line per source line."""
        text, encoding, digest = read_text(path)
        return finish(path, markdown_lines(text), encoding, digest)
