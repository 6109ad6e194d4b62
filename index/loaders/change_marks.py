"""Changes typed into a draft's text, read as made: 【删除：300万元】【新增：400万元】 reads 400万元.

A 征求意见稿 often shows what changed since last year's guide by hand rather than by Word's tracked changes (those are
accepted in index/loaders/word_revisions.py): the old wording in 【删除：…】 (struck in red), the new in 【新增：…】
(underlined in blue). Every figure then stands next to the figure it replaces, and a whole unit may sit inside one
【新增：…】 running over several lines, or a struck-out unit of last year inside 【删除：…】. The marks' words are data
(index/vocab/pages.toml [change_marks]): a mark whose word is kept loses its bracket and word, one whose word is
dropped goes with its text. The line breaks and table cell boundaries inside a dropped mark stay, so every line and
cell keeps its place; a line a dropped mark leaves with nothing but its numbering or a placeholder ("（五）", a
struck-out table row's "—" in its 序号 cell) and nothing kept is left blank, as Word leaves no line for a deleted
item. A mark holding only a placeholder (“【删除：……】”表示拟删除的内容) explains the convention and is left as
printed; so is a mark never closed.
"""

from __future__ import annotations

import re

from index.vocab import pages

_KEPT_IN_DROPPED = re.compile(r"[^\n\t]+")
# What a line may hold and still say nothing: blanks, digits and punctuation (a list number, a placeholder cell).
_NOTHING_SAID = re.compile(r"^[\s\W_]*(?:[一二三四五六七八九十]+[)）、.．])?[\s\d\W_]*$")
# Mark the places of dropped and of kept marks until the lines a dropped mark emptied are found.
_CUT, _KEPT = "\x00", "\x01"


def accept_marks(text: str) -> str:
    """The text with every typed change mark made; unchanged when it holds none."""
    vocab = pages().change_marks
    if vocab is None:
        return text
    out: list[str] = []
    at = 0
    for m in vocab.opening().finditer(text):
        if m.start() < at:
            continue  # inside a mark already made (a mark nested in another)
        end = _closing(text, m.end(), m.group(1), vocab.closing(m.group(1)))
        if end is None:
            continue
        body = text[m.end() : end]
        if re.search(vocab.placeholder, body):
            continue
        out.append(text[at : m.start()])
        if m.group(2) in vocab.keep:
            out.append(_KEPT + accept_marks(body))
        else:
            out.append(_CUT + _KEPT_IN_DROPPED.sub("", body))
        at = end + 1
    if not out:
        return text
    out.append(text[at:])
    lines = "".join(out).split("\n")
    return "\n".join(_made(line) for line in lines)


def _made(line: str) -> str:
    """A line with its marks made: blank when a dropped mark left nothing in it and no kept one wrote in it."""
    if _CUT in line and _KEPT not in line and _NOTHING_SAID.match(line):
        return ""
    return line.replace(_CUT, "").replace(_KEPT, "")


def _closing(text: str, start: int, opening: str, closing: str) -> int | None:
    """The place of the bracket closing a mark whose text starts at `start`, brackets of its kind inside it paired
    (【新增：【支持强度】50万元】); None when the mark is never closed."""
    depth = 1
    for k in range(start, len(text)):
        ch = text[k]
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return k
    return None
