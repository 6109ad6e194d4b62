"""A guide reprinted in a government gazette (政府公报): only the gazette item carrying the guide is kept.

An issue of a gazette prints item after item, each under its title (…关于…的通知, wrapped over up to three lines)
with its 文号 on the line below, some under the head of the gazette's column (【部门文件】). The pages that hold a
reprinted guide also hold the tail of the item before it (its last articles, its signature and date) and the start of
the item after it (its title, its 文号, its first paragraphs): other issuers, other dates, other figures.

A text is read as a gazette's pages when an item's title and 文号 stand right under the tail of another item (a
signature date, perhaps with its note, closes the text above) or under a column head. Its items are then cut at each
title, and every line outside the item holding the most text becomes blank, so that every line left keeps its number
in the file. A column head the layout joined to the line before it is cut off that line. Other text is left as it is;
so is a notice printed with its 文号 above its title (a red-headed document), which is no gazette item.
"""

from __future__ import annotations

import re

from index.vocab import GazetteVocab, pages

_SENTENCE = re.compile(r"[。；;：:，,！？!?]")
_NUM = r"[\d〇零一二三四五六七八九十]"
_DATE_LINE = re.compile(rf"^(?:(?:19|20)\d{{2}}|二[〇零]{_NUM}{{2}})\s*年\s*{_NUM}{{1,3}}\s*月\s*{_NUM}{{1,3}}\s*日$")
_NOTE_LINE = re.compile(r"^[（(][^（）()]{1,16}[)）]$")
_MAX_TITLE = 40  # characters on one line of an item's title


def _note(line: str, vocab: GazetteVocab) -> bool:
    """A signature's note on a line of its own: （此件公开发布）."""
    return bool(_NOTE_LINE.fullmatch(line)) and line[1:-1].strip() in vocab.signature_notes


def _without_head(line: str, vocab: GazetteVocab) -> str:
    """The line without the column head it ends with."""
    head = vocab.column_head(line)
    return line.strip()[: head.start()].rstrip() if head else line.strip()


def _title_like(line: str, vocab: GazetteVocab) -> bool:
    """Could the line be part of an item's title: short, no sentence, no date, no note, no column head."""
    return (
        0 < len(line) <= _MAX_TITLE
        and not _SENTENCE.search(line)
        and not _DATE_LINE.fullmatch(line)
        and not _NOTE_LINE.fullmatch(line)
        and vocab.column_head(line) is None
    )


def _above(lines: list[str], i: int) -> int:
    """The index of the last non-blank line before line i, or -1."""
    i -= 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    return i


def _title_start(lines: list[str], number: int, vocab: GazetteVocab) -> int | None:
    """The first line of the item title printed right above the 文号 at line `number`, or None when none is.

    The title's last line ends with a title word (通知, 决定); a title wrapped over more lines starts at the line
    holding 关于 (the line above it may be the signature closing the item before)."""
    last = _above(lines, number)
    if (
        last < 0
        or not _title_like(lines[last].strip(), vocab)
        or not lines[last].strip().endswith(tuple(vocab.title_ends))
    ):
        return None
    i, taken = last, 1
    while "关于" not in lines[i] and taken < vocab.max_title_lines:
        j = _above(lines, i)
        if j < 0 or not _title_like(lines[j].strip(), vocab):
            return last
        i, taken = j, taken + 1
    return i if "关于" in lines[i] else last


def _closes_an_item(lines: list[str], start: int, vocab: GazetteVocab) -> tuple[bool, bool]:
    """Whether the text above an item's title ends as a gazette item does (a signature date, perhaps a note under
    it), and whether a column head stands right above the title."""
    i = _above(lines, start)
    if i < 0:
        return False, False
    headed = vocab.column_head(lines[i]) is not None
    text = _without_head(lines[i], vocab)
    while i >= 0 and (not text or _note(text, vocab)):
        i = _above(lines, i)
        text = _without_head(lines[i], vocab) if i >= 0 else ""
    return bool(_DATE_LINE.fullmatch(re.sub(r"\s+", "", text))), headed


def _weight(lines: list[str]) -> int:
    return sum(len(line.strip()) for line in lines)


def gazette_item(lines: list[str]) -> list[str]:
    """The lines with everything but the gazette item holding the most text blanked; unchanged when they are not a
    gazette's pages (see the module's docstring)."""
    vocab = pages().gazette
    if vocab is None:
        return lines
    starts = [
        start
        for i, line in enumerate(lines)
        if vocab.is_doc_number(line) and (start := _title_start(lines, i, vocab)) is not None
    ]
    if not starts or not any(any(_closes_an_item(lines, start, vocab)) for start in starts):
        return lines
    ends = [*starts[1:], len(lines)]
    first, end = max(zip(starts, ends, strict=True), key=lambda span: _weight(lines[span[0] : span[1]]))
    out = [line if first <= i < end else "" for i, line in enumerate(lines)]
    last = _above(out, end)
    if last >= first:
        out[last] = _without_head(out[last], vocab)  # the next item's column head, joined to this item's last line
    return out
