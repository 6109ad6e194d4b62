"""Ingest a folder of guides in every format, offline: html, md, a scanned PDF and a .docx with tables;
files that cannot be read are named with the reason, never skipped silently."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from assistant.understand import Understanding
from index.ingest import ingest, read_snapshot

EMBEDDING = "e5-small"
LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"
FOLDER = {
    "items_html.html": ("关于组织申报璟州市2025年度关键核心技术攻关项目的通知", "璟州市"),
    "attachment_md.md": ("青禾市2027年度农业科技创新项目申报指南", "青禾市"),
    "scanned_pdf.pdf": ("鹤汀市2025年度民生科技项目申报指南", "鹤汀市"),
    "prov_table_docx.docx": ("青岚省2026年度重点研发计划（社会发展领域）项目申报指南", "青岚省"),
}


@pytest.fixture
def no_network(monkeypatch):
    """Refuse (and record) every connection that leaves the machine."""
    attempts: list[object] = []
    original = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
            attempts.append(address)
            raise OSError(f"network disabled in this test: {address}")
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.mark.slow
def test_a_folder_of_html_md_scanned_pdf_and_docx_ingests_offline(tmp_path, no_network):
    folder = tmp_path / "guides"
    folder.mkdir()
    for name in FOLDER:
        shutil.copy(LAYOUTS / name, folder / name)
    data_dir = tmp_path / "data"

    report = ingest(data_dir, folder, EMBEDDING)

    assert not report.failed, [(f.source, f.error) for f in report.failed]
    assert {f.source: f.status for f in report.files} == dict.fromkeys(FOLDER, "added")
    guides = {g.source: g for g in read_snapshot(data_dir / "index").guides}
    assert {name: (g.title, g.region) for name, g in guides.items()} == FOLDER
    assert no_network == []
    # The region and issuer name each guide in questions.
    understanding = Understanding(list(guides.values()))
    by_id = {g.id: g.source for g in guides.values()}
    for question, source in [
        ("璟州市科技局的攻关项目给多少钱？", "items_html.html"),
        ("青禾农业项目什么时候截止？", "attachment_md.md"),
        ("鹤汀市民生科技项目的联系电话", "scanned_pdf.pdf"),
        ("青岚省科学技术厅的重点研发计划", "prov_table_docx.docx"),
    ]:
        ids, outside = understanding.find_guides(question)
        assert [by_id[i] for i in ids] == [source], question
        assert outside == ""


def test_unreadable_files_are_failed_rows_with_the_reason_and_non_guides_are_left_alone(tmp_path):
    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "guide.txt").write_text(
        "澜沧市科学技术局\n关于澜沧市2026年度科技项目的通知\n一、申报要求\n企业牵头。\n", "utf-8"
    )
    (folder / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0 not a guide")
    (folder / "empty.md").write_bytes(b"")
    (folder / "guides.toml").write_text("# metadata\n", "utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "README.md").write_text("# how this folder is kept\n", "utf-8")

    report = ingest(tmp_path / "data", folder, EMBEDDING)

    rows = {f.source: (f.status, f.error) for f in report.files}
    assert set(rows) == {"guide.txt", "budget.xls", "empty.md"}
    assert rows["guide.txt"] == ("added", "")
    assert rows["budget.xls"][0] == "failed"
    assert rows["budget.xls"][1].startswith("budget.xls: unsupported file type .xls (an Excel 97–2003 workbook")
    assert "save it as .xlsx" in rows["budget.xls"][1]
    assert rows["empty.md"] == (
        "failed",
        "empty.md: empty file (0 bytes) (copy the guide again; the file holds nothing)",
    )
