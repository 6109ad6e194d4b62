"""Footnotes of a paged document written into the text that cites them.

A guide printed from Word or LaTeX may carry its figures in footnotes: a unit's clause reads "市财政定额资助①" and the
foot of the same page, under a short rule, reads "① 定额资助400万元，首期拨付60%". Markers restart on every page, so
① on page 3 and ① on page 4 are different notes. Read as text, the notes would be stray lines after the page's last
clause (or, opening with ①, units of their own) and the clause would hold no figure. Here each page's notes are found
under its rule, and each is written in right after the marker citing it on that page ("定额资助①（注：定额资助400万元，
首期拨付60%）"); the rule and the notes leave the page. The words (rule, markers, the note's form) are data:
`[footnotes]` in index/vocab/pages.toml.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from functools import cache

from index.loaders.layout import PageLine
from index.normalize import nfkc
from index.vocab import FootnoteVocab, pages

# A page-number footer ("— 3 —", "- 3 -", "3"): it ends a page's notes.
_PAGE_NUMBER = re.compile(r"^[\s\-―—–‒_·.第页共/]*\d{0,4}[\s\-―—–‒_·.第页共/]*$")


def _patterns(vocab: FootnoteVocab) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(the rule line, a line opening with a note's marker, a marker citing a note in the text)."""
    return _compiled(vocab.rule, vocab.marker, vocab.cites_after)


@cache
def _compiled(rule: str, marker: str, cites_after: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return re.compile(rule), re.compile(rf"^\s*({marker})\s*"), re.compile(rf"(?<={cites_after})({marker})")


def _glue(before: str, after: str) -> str:
    """A space between Latin words cut at a line end, nothing between Chinese characters."""
    return " " if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() else ""


def _notes(
    lines: list[str], start: int, opening: re.Pattern[str], apart: Collection[int]
) -> list[tuple[str, str, list[int]]]:
    """The notes from `start` on: (marker, text, their line indexes), a note's wrapped lines joined; they end at a
    blank line, a page number or a line standing apart from the one before (`apart`: a footer below the notes)."""
    notes: list[tuple[str, str, list[int]]] = []
    for i in range(start, len(lines)):
        text = lines[i].strip()
        if not text and not notes:
            continue
        if not text or _PAGE_NUMBER.match(text) or (notes and i in apart):
            break
        if m := opening.match(text):
            notes.append((m.group(1), text[m.end() :], [i]))
        elif notes:
            marker, note, where = notes[-1]
            notes[-1] = (marker, note + _glue(note, text) + text, [*where, i])
        else:
            break
    return notes


def note_text(text: str) -> str:
    """A note as it is written after the marker citing it ("（注：每项资助40万元）"), its closing full stop dropped."""
    vocab = pages().footnotes
    text = text.strip().rstrip("。．.")
    return vocab.note.format(text=text) if vocab else f"（{text}）"


def page_notes(lines: list[str], apart: Collection[int] = ()) -> tuple[list[str], set[int]]:
    """One page's lines with its footnotes written in after the markers citing them, and the indexes of the note
    block's lines (the rule and the notes: blank now, or a note no marker cites as a line of its own).

    The block is the last rule on the page with notes under it, more than half of them cited on the page above it;
    a marker cites a note only right after a word or a figure ("资助①", not the "：①" of a list). A page without
    such a block comes back as it is.
    """
    vocab = pages().footnotes
    if vocab is None:
        return lines, set()
    rule, opening, citing = _patterns(vocab)
    at = next(
        (i for i in range(len(lines) - 1, -1, -1) if rule.match(lines[i]) and _notes(lines, i + 1, opening, apart)), -1
    )
    if at < 0:
        return lines, set()
    notes = _notes(lines, at + 1, opening, apart)
    texts = {marker: text for marker, text, _ in reversed(notes)}  # the first note of a marker wins
    cited = {m.group(1) for line in lines[:at] for m in citing.finditer(line)} & set(texts)
    if 2 * len(cited) <= len(notes):
        return lines, set()
    written = {marker: _written(marker, texts[marker]) for marker in cited}
    out = [citing.sub(lambda m: written.get(m.group(1), m.group(1)), line) for line in lines[:at]] + lines[at:]
    out[at], block = "", {at}
    for marker, text, where in notes:
        block.update(where)
        for i in where:
            out[i] = ""
        if marker not in cited:
            out[where[0]] = vocab.note_line.format(text=text.strip())
    return out, block


def _written(marker: str, text: str) -> str:
    """The marker with its note after it; a marker text normalisation folds into digits (¹) gives way to the note."""
    folded = nfkc(marker)
    return note_text(text) if folded.isascii() and folded.isdigit() else marker + note_text(text)


_APART = 1.5  # a gap over a line, in the height of the line above it, that sets a page's footer apart from its notes


def noted_pages(pages_lines: list[list[PageLine]]) -> list[list[PageLine]]:
    """A PDF's pages (positioned lines in reading order) with each page's footnotes written in after the markers
    citing them (page_notes), the rule and the notes gone: a rule drawn over the notes comes as a line of its own
    (`rule`), which goes in any case. A line standing well below the one above it (the page's footer) ends the
    notes."""
    out: list[list[PageLine]] = []
    for page in pages_lines:
        apart = {
            i
            for i in range(1, len(page))
            if page[i].top - page[i - 1].bottom > _APART * max(page[i - 1].bottom - page[i - 1].top, 1.0)
        }
        texts, block = page_notes([ln.text for ln in page], apart)
        out.append(
            [
                replace(ln, text=text)
                for i, (ln, text) in enumerate(zip(page, texts, strict=True))
                if not ln.rule and (i not in block or text)
            ]
        )
    return out
