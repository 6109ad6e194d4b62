"""The `ingest` and `guides` commands as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.conftest import GUIDES, SEEDS
from tests.index.conftest import write_binary


def run(args: list[str], data_dir: Path, guides_dir: Path = GUIDES, columns: int = 200):
    """Invoke the CLI in a terminal `columns` wide; return the result."""
    env = {
        "GUIDE_ASSISTANT_DATA_DIR": str(data_dir),
        "GUIDE_ASSISTANT_GUIDES_DIR": str(guides_dir),
        "COLUMNS": str(columns),
    }
    return CliRunner().invoke(app, args, env=env)


def row(output: str, source: str) -> list[str]:
    """The cells of the table row for a file."""
    line = next(ln for ln in output.splitlines() if f" {source} " in ln)
    return [cell.strip() for cell in line.strip().split("│")[1:-1]]


def test_ingest_prints_a_row_per_file_and_exits_0(fresh_data_dir):
    result = run(["ingest"], fresh_data_dir)
    assert result.exit_code == 0, result.output
    for path in SEEDS:
        assert path.name in result.output
    cells = row(result.output, "001_9e157767554fb065.txt")
    assert cells[:3] == ["001_9e157767554fb065.txt", "cq-2024-population-health", "added"]
    assert cells[4:] == ["24", "168", "7", "0%", ""]  # projects, clauses, clauses per unit, unassigned, no warnings
    assert row(result.output, "003_a1e8539ae31384bf.txt")[-1] == "项目三 lacks 其他说明 (6 clauses)"
    assert "0 embedded" in result.output

    again = run(["ingest"], fresh_data_dir)
    assert again.exit_code == 0
    assert "nothing changed" in again.output
    assert row(again.output, "002_27ffc8b0a2256366.txt")[:3] == [
        "002_27ffc8b0a2256366.txt",
        "liuzhou-2022-medical",
        "unchanged",
    ]


def test_ingest_with_a_broken_file_exits_1_naming_the_file_and_reason(fresh_data_dir, guides_copy):
    write_binary(guides_copy, "x.txt")
    result = run(["ingest"], fresh_data_dir, guides_copy)
    assert result.exit_code == 1
    cells = row(result.output, "x.txt")
    assert cells[2] == "failed"
    assert "binary file (contains NUL bytes)" in result.output
    assert "could not read x.txt: x.txt: binary file (contains NUL bytes), not a text guide" in result.stderr
    for path in SEEDS:  # the others are indexed all the same
        assert row(result.output, path.name)[2] == "added"


def test_ingest_table_names_each_file_in_an_80_column_terminal(fresh_data_dir):
    result = run(["ingest"], fresh_data_dir, columns=80)
    assert result.exit_code == 0
    for path in SEEDS:
        assert path.name in result.output


@pytest.mark.parametrize(
    ("name", "exists", "reason"), [("no-such-folder", False, "does not exist"), ("empty", True, "holds no guide files")]
)
def test_ingest_without_guide_files_exits_1_with_the_fix_and_no_traceback(tmp_path, name, exists, reason):
    guides_dir = tmp_path / name
    if exists:
        guides_dir.mkdir()
    result = run(["ingest"], tmp_path / "data", guides_dir)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    message = " ".join(result.stderr.split())  # rich wraps long lines
    assert message.startswith(f"ingest failed: guides folder {guides_dir} {reason} (set GUIDE_ASSISTANT_GUIDES_DIR")
    assert message.endswith("the index was left as it was)")
    assert not (tmp_path / "data").exists()


def test_serve_without_an_index_or_guides_folder_exits_1_with_the_fix(tmp_path):
    result = run(["serve"], tmp_path / "data", tmp_path / "no-such-folder")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    message = " ".join(result.stderr.split())
    assert f"ingest failed: guides folder {tmp_path / 'no-such-folder'} does not exist" in message


def test_ingest_table_in_an_80_column_terminal_is_wider_rather_than_cut(fresh_data_dir, guides_copy):
    write_binary(guides_copy, "x.txt")
    result = run(["ingest"], fresh_data_dir, guides_copy, columns=80)
    assert "…" not in result.stdout
    assert row(result.stdout, "001_9e157767554fb065.txt")[:6] == [
        "001_9e157767554fb065.txt",
        "cq-2024-population-health",
        "added",
        "1",
        "24",
        "168",
    ]
    assert row(result.stdout, "x.txt")[2] == "failed"
    # Only the warnings column wraps: the failure reason is all there, over several lines.
    warnings = " ".join(ln.split("│")[-2].strip() for ln in result.stdout.splitlines() if ln.count("│") == 10)
    assert "x.txt: binary file (contains NUL bytes), not a text guide" in warnings


def test_guides_json_has_the_catalog_shape(built_index):
    result = run(["guides", "--json"], built_index)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"guides"}
    guides = payload["guides"]
    assert sorted(g["source"] for g in guides) == [p.name for p in SEEDS]
    for guide in guides:
        assert {"id", "title", "issuer", "year", "status", "source", "sections", "projects"} <= set(guide)
        for section in guide["sections"]:
            assert {"title", "text", "lines"} <= set(section)
            assert len(section["lines"]) == 2
        for project in guide["projects"]:
            assert {"label", "title", "group", "clauses"} <= set(project)
            for clause in project["clauses"]:
                assert {"name", "text", "lines", "kind"} <= set(clause)
        assert guide["quality"]["units"] == len(guide["projects"])

    population = next(g for g in guides if g["id"] == "cq-2024-population-health")
    assert (population["title"], population["year"], population["status"]) == (
        "重庆市2024年度人口健康专项申报指南（征求意见稿）",
        2024,
        "draft",
    )
    eighteen = next(p for p in population["projects"] if p["label"] == "项目十八")
    funding = next(c for c in eighteen["clauses"] if c["name"] == "资助强度及方式")
    assert funding["lines"] == [874, 876]
    assert funding["kind"] == "funding"
    assert [c["kind"] for c in eighteen["clauses"]] == [
        "problem",
        "indicators",
        "funding",
        "period",
        "organisation",
        "eligibility",
        "other",
    ]
    assert "不超过200万元" in funding["text"]
    jiangsu = next(g for g in guides if g["id"] == "js-2025-frontier-health")
    assert jiangsu["issuer"] == "江苏省科学技术厅、江苏省财政厅、江苏省卫生健康委员会"
    assert next(p for p in jiangsu["projects"] if p["label"] == "2003")["group"] == "2.慢病临床诊疗"


def test_guides_before_any_ingest_says_to_run_ingest(tmp_path):
    result = run(["guides"], tmp_path / "empty")
    assert result.exit_code == 1
    assert "run `guide-assistant ingest` first" in result.output


def test_ingest_of_a_path_that_does_not_exist_says_so(fresh_data_dir, tmp_path):
    result = run(["ingest", str(tmp_path / "nosuch.txt")], fresh_data_dir)
    assert result.exit_code == 1
    assert "could not read nosuch.txt: nosuch.txt: no such file" in result.stderr
    assert "no index built: none of the files could be read" in result.output


def test_a_folder_of_unreadable_files_builds_no_index_and_keeps_none_broken(fresh_data_dir, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    write_binary(folder, "a.txt")
    (folder / "~$b.docx").write_bytes(b"\x05Owner" + b"\x20" * 150)
    result = run(["ingest"], fresh_data_dir, folder)
    assert result.exit_code == 1, result.output
    assert row(result.output, "a.txt")[2] == "failed" and row(result.output, "~$b.docx")[2] == "failed"
    assert "no index built" in result.output
    assert run(["guides"], fresh_data_dir).exit_code == 1  # still no index, and no half-built one

    built = run(["ingest"], fresh_data_dir)
    assert built.exit_code == 0
    again = run(["ingest"], fresh_data_dir, folder)  # every file unreadable: the index of the guides stays
    assert again.exit_code == 1 and "kept" in again.output
    catalog = json.loads(run(["guides", "--json"], fresh_data_dir).stdout)
    assert len(catalog["guides"]) == 5


def many_projects(folder: Path, count: int) -> Path:
    """A text guide whose parse yields `count` projects (as a misread layout can)."""
    lines = ["2025年度某某专项项目申报指南", "一、支持方向"]
    for n in range(1, count + 1):
        lines += [f"项目{n}：课题{n}研究", f"1.研究内容：研究{n}", "2.资助强度：不超过10万元"]
    path = folder / "many.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_guide_with_absurdly_many_projects_is_refused_with_the_reason(fresh_data_dir, tmp_path):
    assert run(["ingest"], fresh_data_dir).exit_code == 0
    result = run(["ingest", str(many_projects(tmp_path, 2001))], fresh_data_dir)
    assert result.exit_code == 1
    assert row(result.stdout, "many.txt")[2] == "failed"
    assert "many.txt: 2,001 projects found, more than the 2,000 one guide may hold" in " ".join(result.stdout.split())
    assert "could not read many.txt" in result.stderr
    catalog = json.loads(run(["guides", "--json"], fresh_data_dir).stdout)
    assert len(catalog["guides"]) == 5  # nothing of it indexed, the rest kept


def test_an_empty_guide_file_is_refused_not_indexed(fresh_data_dir, guides_copy):
    (guides_copy / "empty.txt").write_bytes(b"")
    (guides_copy / "blank.txt").write_text(" \n\n ", encoding="utf-8")
    result = run(["ingest"], fresh_data_dir, guides_copy)
    assert result.exit_code == 1
    for name in ("empty.txt", "blank.txt"):
        assert row(result.stdout, name)[2] == "failed"
    assert "empty.txt: empty file (0 bytes)" in result.stderr
    assert "blank.txt: no text in the file" in result.stderr
    catalog = json.loads(run(["guides", "--json"], fresh_data_dir).stdout)
    assert sorted(g["source"] for g in catalog["guides"]) == [p.name for p in SEEDS]
