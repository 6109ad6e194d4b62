"""Blocks of a markdown export from an online collaborative doc (Notion, 飞书, 语雀): toggles, callout icons, comment
threads and a revision history, read as the guide prints them.

A toggle (<details><summary>…</summary> … </details>) folds a block under its summary line: the summary heads the
block one level below the heading the toggle stands under (a category over its units' #### headings), a toggle
inside a toggle one level deeper, and the level the toggle stood under holds again after it closes. A revision
history (a toggle or a heading named 修订记录) lists what each version changed with the figures of the versions
before, none of them current: its lines go. So does a reader's comment thread kept as a quote (💬 评论 @name：…).
Every line keeps its number: a line that goes, or a tag alone on its line, is left empty.
"""

from __future__ import annotations

import re

from index.vocab import pages

_DETAILS_OPEN = re.compile(r"^\s*<details(?:\s[^<>]*)?>", re.I)
_DETAILS_CLOSE = re.compile(r"^\s*</details>\s*$", re.I)
_SUMMARY = re.compile(r"^\s*<summary(?:\s[^<>]*)?>(?P<text>.*?)</summary>\s*$", re.I)
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<text>.*)$")
_QUOTE = re.compile(r"^\s*>\s?")
# A callout's or a heading's icon (📢, ⚠️, 🔥, 🗂): pictographs with their variation selectors, no words.
ICON = re.compile(r"^(?:[\U0001F000-\U0001FAFF\u2300-\u23FF\u2600-\u27BF\u2B00-\u2BFF][\ufe0f\u200d]*\s*)+")
# A line of a revision history under a heading: a list item, a table row, or a version ("v1.1（2026-03-09）：…").
_HISTORY_ENTRY = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||[vV]\d)")
_EMPTY_BRACKETS = re.compile(r"[(（]\s*[)）]")
_DANGLING = re.compile(r"[，,、；;\s]+(?=[)）]|$)")


def summary_title(text: str) -> str:
    """A toggle's summary as a heading's words: its icon and the tool's click prompt (点击展开) gone."""
    text = ICON.sub("", text.strip())
    text = _DANGLING.sub("", pages().toggle_hint().sub("", text))
    return _EMPTY_BRACKETS.sub("", text).strip()


def _is_comment(raw: str) -> bool:
    """A quoted line of a reader's comment thread (💬 评论 @name：…)."""
    return bool(_QUOTE.match(raw)) and bool(pages().comment_line().search(_QUOTE.sub("", raw).strip()))


def toggle_lines(lines: list[str]) -> list[str]:
    """The lines with each toggle's summary as a heading, its tags as empty lines, and a revision history's and a
    comment thread's lines empty."""
    out: list[str] = []
    stack: list[int] = []  # the heading level each open toggle stands under
    level = 0  # the level of the heading in force
    dropping: int | None = None  # the depth of toggles at which a revision-history toggle closes
    under_history = False  # inside a revision history under a heading of its own
    for raw in lines:
        opened = _DETAILS_OPEN.match(raw)
        rest = raw[opened.end() :] if opened else raw
        if opened:
            stack.append(level)
        if _DETAILS_CLOSE.match(raw) and stack:
            level = stack.pop()
            if dropping is not None and len(stack) < dropping:
                dropping = None
            out.append("")
            continue
        if dropping is not None:
            out.append("")
            continue
        if (summary := _SUMMARY.match(rest)) and stack:
            title = summary_title(summary.group("text"))
            if pages().is_history_heading(title):
                dropping = len(stack)
                out.append("")
                continue
            level = min(stack[-1] + 1, 6)
            out.append("#" * level + " " + title)
            continue
        if opened:
            out.append(rest)
            continue
        if heading := _HEADING.match(raw):
            level = len(heading.group("marks"))
            under_history = pages().is_history_heading(ICON.sub("", heading.group("text")))
        elif under_history and raw.strip() and not _HISTORY_ENTRY.match(raw):
            under_history = False
        out.append("" if under_history or _is_comment(raw) else raw)
    return out
