"""Footnotes carrying a guide's figures (index/loaders/footnotes.py, word_notes.py): a marker is resolved to the note of
its own page and the note written into the clause citing it, in text dumps, PDFs and Word files alike."""

from __future__ import annotations

import pytest

from index.load import load_source
from index.loaders.footnotes import page_notes
from index.parse import build_guide

_PAGES = [
    (
        [
            "一、长时储能",
            "2026XY01  液流电池电堆集成",
            "研究内容：研究离子传导膜与电堆集成技术。",
            "支持强度：择优支持1项，市财政定额资助①。",
            "实施期限：2026年7月—2029年6月。",
        ],
        ["① 定额资助400万元，首期拨付60%。"],
    ),
    (
        [
            "二、储能安全",
            "2026XY02  储能电站火灾预警",
            "研究内容：研究热失控早期预警。",
            "资助强度：每项资助①。",
            "实施期限：2年。",
        ],
        ["① 每项资助40万元，不要求自筹资金。"],
    ),
]


def _funding(text: str, name: str) -> dict[str, str]:
    guide = build_guide(text, guide_id="notes", source=name)
    return {p.label: p.clause_of_kind("funding").text for p in guide.projects}


def test_a_marker_in_a_list_cites_nothing_and_a_page_whose_notes_are_not_cited_is_left_alone():
    items = ["考核指标：包括：①能量效率不低于80%；②循环寿命不低于4000次。", "——————", "① 另见附件。"]
    assert page_notes(items) == (items, set())  # "：①" opens an item of a list, not a citation
    cited = [
        "支持强度：定额资助①，另见说明②。",
        "——————",
        "① 每项400万元。",
        "  续：分两期拨付。",
        "② 见附件。",
        "",
        "— 3 —",
    ]
    lines, block = page_notes(cited)
    assert lines[0] == "支持强度：定额资助①（注：每项400万元。续：分两期拨付），另见说明②（注：见附件）。"
    assert block == {1, 2, 3, 4} and lines[1:5] == ["", "", "", ""] and lines[-1] == "— 3 —"


def _pdf(path, drawn: bool) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("UMing", "/usr/share/fonts/truetype/arphic/uming.ttc", subfontIndex=0))
    width, height = A4
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number, (body, notes) in enumerate(_PAGES, 1):
        page.setFont("UMing", 9)
        page.drawCentredString(width / 2, height - 40, "某市2026年度储能科技专项申报指南")
        page.setFont("UMing", 12)
        for i, line in enumerate(body):
            page.drawString(72, height - 90 - 22 * i, line)
        if drawn:
            page.line(72, 140, 200, 140)  # Word and LaTeX draw the rule
        else:
            page.setFont("UMing", 9)
            page.drawString(72, 140, "——————————")
        page.setFont("UMing", 9)
        for i, note in enumerate(notes):
            page.drawString(72, 124 - 14 * i, note)
        page.setFont("UMing", 10)
        page.drawCentredString(width / 2, 40, f"— {number} —")
        page.showPage()
    page.save()


@pytest.mark.parametrize("drawn", [False, True])
def test_a_pdf_footnote_is_resolved_on_its_own_page_under_a_printed_or_drawn_rule(tmp_path, drawn):
    path = tmp_path / "notes.pdf"
    _pdf(path, drawn)
    text = load_source(path).text
    assert "——" not in text and "\n①" not in text
    assert _funding(text, path.name) == {
        "2026XY01": "择优支持1项,市财政定额资助①(注:定额资助400万元,首期拨付60%)。",
        "2026XY02": "每项资助①(注:每项资助40万元,不要求自筹资金)。",
    }


def _docx(path) -> None:
    """A Word file whose funding clauses cite real footnotes (word/footnotes.xml), as python-docx cannot write them."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.parser import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = Document()
    notes: list[str] = []
    for body, page in _PAGES:
        for line in body:
            cites = line.endswith("①。")
            paragraph = document.add_paragraph(line.removesuffix("①。") if cites else line)
            if cites:
                notes.append(page[0].removeprefix("① "))
                reference = f'<w:footnoteReference xmlns:w="{w}" w:id="{len(notes)}"/>'
                paragraph.add_run()._r.append(parse_xml(reference))
                paragraph.add_run("。")
    separator = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    texts = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r>'
        "</w:p></w:footnote>"
        for i, note in enumerate(notes, 1)
    )
    blob = f'<w:footnotes xmlns:w="{w}">{separator}{texts}</w:footnotes>'.encode()
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), kind, blob, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(str(path))


def test_a_word_footnote_is_written_into_the_clause_citing_it(tmp_path):
    path = tmp_path / "notes.docx"
    _docx(path)
    assert _funding(load_source(path).text, path.name) == {
        "2026XY01": "择优支持1项,市财政定额资助(注:定额资助400万元,首期拨付60%)。",
        "2026XY02": "每项资助(注:每项资助40万元,不要求自筹资金)。",
    }
