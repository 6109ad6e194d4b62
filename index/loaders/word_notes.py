"""Word's footnotes and endnotes, read so that each is written in where the body cites it.

A .docx keeps a footnote's text in word/footnotes.xml (an endnote's in endnotes.xml) and only a reference
(w:footnoteReference w:id="2") in the body, which python-docx reads as nothing: a clause "市财政定额资助¹" would lose
its figure, printed in the note. The notes are read here by id; the body reader writes each one in after the run
citing it, in the form `[footnotes] note` of index/vocab/pages.toml gives ("定额资助（注：每项400万元）").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.loaders.footnotes import note_text

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_KINDS = {"footnotes": "footnote", "endnotes": "endnote"}

Notes = dict[tuple[str, str], str]  # (footnote|endnote, w:id) -> the note as written into the text


def read_notes(document: DocxDocument) -> Notes:
    """The document's footnotes and endnotes by (kind, id), each as note_text writes it; the separator and
    continuation notes Word keeps for layout (w:type set) are none."""
    from docx.oxml.parser import parse_xml

    notes: Notes = {}
    for rel in document.part.rels.values():
        part_kind = rel.reltype.removeprefix(_RT)
        if part_kind not in _KINDS or rel.is_external:
            continue
        kind = _KINDS[part_kind]
        root = parse_xml(rel.target_part.blob)
        for note in root.iter(f"{_W}{kind}"):
            if note.get(f"{_W}type") not in (None, "normal"):
                continue
            text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
            if text:
                notes[(kind, note.get(f"{_W}id", ""))] = note_text(text)
    return notes


def cited_notes(run, notes: Notes) -> str:
    """The notes a run cites (its w:footnoteReference / w:endnoteReference), as written into the text; '' for none."""
    if not notes:
        return ""
    return "".join(
        notes.get((kind, ref.get(f"{_W}id", "")), "")
        for kind in _KINDS.values()
        for ref in run.iter(f"{_W}{kind}Reference")
    )
