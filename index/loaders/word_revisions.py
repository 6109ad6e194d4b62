"""Word's tracked changes resolved to the "accept all changes" view, as the guide will be published.

A draft sent round for comment often keeps its revisions: inserted text sits in w:ins (or w:moveTo) around the runs,
deleted text in w:del (or w:moveFrom) with w:delText, and a deleted paragraph mark is a w:del inside the paragraph's
w:pPr/w:rPr. python-docx reads neither kind: Paragraph.text skips the inserted runs, so a revised figure or a wholly
inserted unit vanishes. Accepting the changes in the XML before any text is read keeps every reader (paragraphs,
table cells, numbering) on the same accepted view. Reviewer comments live in comments.xml and never reach the body.
"""

from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Content removed on accept: deleted and moved-away runs (their w:delText goes with them).
_DROPPED = ("del", "moveFrom")
# Content kept on accept: the wrapper goes, its runs stay where it stood.
_UNWRAPPED = ("ins", "moveTo")


def accept_revisions(body) -> None:
    """Accept every tracked change under `body` (an lxml element, changed in place): deleted rows, runs and
    paragraph marks go, inserted and moved runs stay. Former formatting (w:rPrChange …) sits inside the properties
    and is never read as text or numbering, so it is left alone."""
    for row in list(body.iter(f"{_W}tr")):
        if _marked(row, "trPr", "del"):
            row.getparent().remove(row)
    for tag in _DROPPED:
        for element in list(body.iter(f"{_W}{tag}")):
            if not _is_mark(element):
                element.getparent().remove(element)
    for tag in _UNWRAPPED:
        for element in list(body.iter(f"{_W}{tag}")):
            if not _is_mark(element):
                _unwrap(element)
    for paragraph in list(body.iter(f"{_W}p")):
        if _marked(paragraph, "pPr", "rPr", "del"):
            _join_with_next(paragraph)


def _is_mark(element) -> bool:
    """True for a revision mark on properties (a paragraph mark's w:rPr, a row's w:trPr), not around content."""
    return element.getparent().tag in (f"{_W}rPr", f"{_W}trPr")


def _marked(element, *path: str) -> bool:
    """True when `element` has the child at `path` (w: tags), e.g. a w:del mark in its row properties."""
    return element.find("/".join(f"{_W}{tag}" for tag in path)) is not None


def _unwrap(element) -> None:
    """Put the element's children where it stands and drop the element."""
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _join_with_next(paragraph) -> None:
    """A deleted paragraph mark joins the paragraph to the next one, as Word does on accept: what is left of its
    text opens the next paragraph; a paragraph left without text simply goes. Before a table or at the end of a
    cell there is nothing to join, and a paragraph that still has text stays."""
    content = [child for child in paragraph if child.tag != f"{_W}pPr"]
    following = paragraph.getnext()
    has_text = any((t.text or "").strip() for t in paragraph.iter(f"{_W}t"))
    if has_text and (following is None or following.tag != f"{_W}p"):
        return
    if has_text:
        properties = following.find(f"{_W}pPr")
        start = following.index(properties) + 1 if properties is not None else 0
        for offset, child in enumerate(content):
            following.insert(start + offset, child)
    paragraph.getparent().remove(paragraph)
