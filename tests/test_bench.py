"""The synthetic corpus (index/synth.py) and the benchmark (assistant/bench.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index import synth
from index.metadata import load_metadata
from index.parse import build_guide
from tests.conftest import GUIDES, seed

QUESTION = "重庆人口健康专项项目十八给多少钱？"


def _guide(path: Path, meta: dict):
    fields = {k: v for k, v in meta.items() if k not in ("file", "id")}
    return build_guide(path.read_text(encoding="utf-8"), guide_id=meta["id"], source=path.name, meta=fields)


def _figures(text: str) -> set[str]:
    """The 万元 amounts a text states (200万元 is not read inside 1200万元)."""
    return set(re.findall(r"(?<![\d.])\d+(?:\.\d+)?万元", re.sub(r"\s+", "", text)))


def _shape(guide) -> tuple:
    return (
        [(p.label, [c.name for c in p.clauses]) for p in guide.projects],
        [(s.title, s.kind) for s in guide.sections],
    )


def test_scale_figures_multiplies_wan_amounts_and_keeps_spacing():
    text = "资助不\n超过 200 万元，承担单位出资不低\n\n于 2000\n\n万元；拟支持 1 项，3年，0.5万元"
    assert synth.scale_figures(text, 3) == (
        "资助不\n超过 600 万元，承担单位出资不低\n\n于 6000\n\n万元；拟支持 1 项，3年，1.5万元"
    )
    assert synth.scale_figures(text, 1) == text


def test_copy_one_is_the_original_and_later_copies_differ():
    text = seed("001").read_text(encoding="utf-8")
    assert synth.alter_text(text, synth.Copy(1)) == text
    assert synth.alter_meta({"id": "x", "title": "T2024", "year": 2024}, synth.Copy(1)) == {
        "id": "x",
        "title": "T2024",
        "year": 2024,
    }
    assert synth.Copy(1).file_name("001_a.txt") == "001_a.txt"
    assert synth.Copy(7).file_name("001_a.txt") == "k007_001_a.txt"


def test_years_stay_distinct_and_nameable_for_99_copies():
    years = [synth.Copy(k).year(2025) for k in range(1, 100)]
    assert len(set(years)) == 99
    assert all(2001 <= y <= 2099 for y in years)
    assert synth.Copy(3).year(None) is None


def test_copy_k_multiplies_funding_and_tags_project_titles_without_changing_the_structure():
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    original = build_guide(text, guide_id="o", source=path.name)
    altered = build_guide(synth.alter_text(text, synth.Copy(3)), guide_id="c", source=path.name)
    assert _shape(altered) == _shape(original)
    project = altered.project("项目十八")
    assert project.title.endswith("·试点3区")
    assert project.title.startswith(original.project("项目十八").title)
    funding = project.clause("资助强度及方式").text
    assert "600万元" in funding and "1800万元" in funding
    # Only funding figures change: the other clauses read as before.
    assert project.clause("实施周期").text == original.project("项目十八").clause("实施周期").text


@pytest.mark.parametrize("number", ["000", "001", "003"])
def test_copy_100_funding_caps_read_as_100_times_the_original(number):
    """Five-digit amounts (不超过 20000 万元) are amounts, not phone numbers: the typed fields read them."""
    from assistant.fields import project_fields

    path = seed(number)
    text = path.read_text(encoding="utf-8")
    original = build_guide(text, guide_id="o", source=path.name)
    altered = build_guide(synth.alter_text(text, synth.Copy(100)), guide_id="c", source=path.name)
    caps = [project_fields(p).city_cap_wan for p in original.projects]
    assert all(caps)
    assert [project_fields(p).city_cap_wan for p in altered.projects] == [cap * 100 for cap in caps]


@pytest.mark.parametrize("k", [2, 100])
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_seed_guide_keeps_its_structure_when_copied(number, k):
    path = seed(number)
    text = path.read_text(encoding="utf-8")
    original = build_guide(text, guide_id="o", source=path.name)
    altered = build_guide(synth.alter_text(text, synth.Copy(k)), guide_id="c", source=path.name)
    assert _shape(altered) == _shape(original)
    assert all(p.title.endswith(f"·试点{k}区") for p in altered.projects)
    assert altered.warnings == original.warnings


def test_generate_writes_n_copies_with_distinct_ids_titles_and_years(tmp_path):
    files = synth.generate(GUIDES, tmp_path / "corpus", 3)
    assert len(files) == 15 and all(f.exists() for f in files)
    meta = load_metadata(tmp_path / "corpus")
    assert set(meta) == {f.name for f in files}
    entries = list(meta.values())
    assert len({e["id"] for e in entries}) == 15
    assert len({e["title"] for e in entries}) == 15
    for original in load_metadata(GUIDES).values():
        family = [e for e in entries if e["id"].startswith(original["id"])]
        assert len(family) == 3
        assert len({e["year"] for e in family}) == 3
    copy2 = meta["k002_001_9e157767554fb065.txt"]
    assert copy2["id"] == "cq-2024-population-health-2"
    assert copy2["title"].startswith("试点2区") and "2025" in copy2["title"]
    assert "试点2区" in copy2["aliases"] and "人口健康专项" in copy2["aliases"]
    guide = _guide(tmp_path / "corpus" / "k002_001_9e157767554fb065.txt", copy2)
    assert guide.year == 2025
    assert "400万元" in guide.project("项目十八").clause("资助强度及方式").text


def test_question_naming_copy_k_gets_copy_k_figure(fresh_data_dir, built_index, tmp_path):
    from assistant.assistant import Assistant
    from assistant.bench import borrow_vectors
    from assistant.settings import Settings
    from index.ingest import ingest

    corpus = tmp_path / "corpus"
    synth.generate(GUIDES, corpus, 2)
    # Copy 2's clauses get copy 1's vectors: no embedding, and retrieval still sees real vectors.
    assert borrow_vectors(built_index, fresh_data_dir, corpus, "e5-small") > 300
    report = ingest(fresh_data_dir, corpus, "e5-small")
    assert not report.failed and report.embedded == 0 and report.chunks > 800
    assistant = Assistant.from_settings(Settings(data_dir=fresh_data_dir, guides_dir=corpus))

    by_tag = assistant.ask("试点2区" + QUESTION)
    assert "400万元" in _figures(by_tag.answer) and "200万元" not in _figures(by_tag.answer)
    assert by_tag.citations[0].guide_id == "cq-2024-population-health-2"
    by_year = assistant.ask("2025年" + QUESTION)
    assert "400万元" in _figures(by_year.answer)
    assert by_year.citations[0].guide_title.startswith("试点2区")
    first = assistant.ask("2024年" + QUESTION)
    assert "200万元" in _figures(first.answer) and "400万元" not in _figures(first.answer)
    assert first.citations[0].guide_id == "cq-2024-population-health"

    # The bench's measure: every answerable fact asked of copy 2 by its tag and year.
    from assistant.bench import copy_questions, load_facts_file, measure_copies

    originals = [g for g in assistant.guides.values() if not g.id.endswith("-2")]
    figures = measure_copies(assistant, copy_questions(load_facts_file(), 2, originals))
    assert figures["copy_questions"] > 150 and figures["copy_figure_questions"] > 20
    assert figures["copy_right_guide"] >= 0.95, figures
    assert figures["copy_right_figures"] >= 0.95, figures


def test_copy_questions_name_copy_k_by_tag_and_year_and_scale_its_funding_figures(built_index):
    from assistant.bench import copy_questions
    from index.ingest import read_snapshot

    originals = read_snapshot(built_index / "index").guides
    facts = [
        {
            "question": "重庆2024人口健康 项目十八给多少钱",
            "facts": [["200万元"], ["600万元"]],
            "refuse": False,
            "cite": {"guide": "人口健康", "project": "项目十八", "clause": "资助强度及方式"},
        },
        {
            "question": "生物医药重大专项 项目二 企业牵头出资多少",
            "facts": [["1500万元"]],
            "refuse": False,
            "cite": {"guide": "生物医药", "project": "项目二", "clause": "其他说明"},
        },
        {"question": "上海有没有类似指南", "facts": [], "refuse": True, "cite": None},
        {
            "question": "那周期呢",
            "history": [["项目十八给多少钱", "…"]],
            "facts": [["3年"]],
            "refuse": False,
            "cite": {"guide": "人口健康", "project": "项目十八", "clause": "实施周期"},
        },
    ]
    items = copy_questions(facts, 3, originals)
    assert [item["question"] for item in items] == [
        "试点3区重庆2026人口健康 项目十八给多少钱",  # 2024 shifted by k-1, as synth shifts the guide's year
        "试点3区生物医药重大专项 项目二 企业牵头出资多少",
    ]
    assert items[0]["figures"] == [["600万元"], ["1800万元"]]
    assert items[1]["figures"] == []  # 其他说明 is not a funding clause: synth leaves its figures alone


def test_percentile_is_nearest_rank():
    from assistant.bench import percentile

    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([], 50) == 0.0


def test_run_bench_on_the_guides_returns_positive_figures(built_index, tmp_path):
    from assistant.bench import load_questions, run_bench
    from assistant.settings import Settings

    questions = load_questions()[:30]
    figures = run_bench(
        Settings(data_dir=tmp_path / "unused", guides_dir=GUIDES),
        scale=1,
        progress=False,
        serve=False,
        processes=False,
        questions=questions,
        seed_cache=built_index / "embcache",
        workdir=tmp_path / "bench",
    )
    assert figures["scale"] == 1 and figures["guides"] == 5
    assert figures["vectors"] == "embedded (cache seeded)"
    assert figures["chunks"] > 300
    assert figures["embedded"] == 0  # the seeded cache held every vector
    for key in (
        "cold_ingest_s",
        "reingest_unchanged_s",
        "warm_cache_ingest_s",
        "index_mb",
        "assistant_load_s",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "answers_per_s_1thread",
        "answers_per_s_2threads",
    ):
        assert figures[key] > 0, key
    assert figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"]
    assert figures["questions"] == 30 and figures["errors"] == 0
    assert not (tmp_path / "unused").exists()  # the bench never touches the configured data dir


@pytest.mark.slow
def test_serve_memory_is_sampled_while_answering_over_http(fresh_data_dir):
    pytest.importorskip("assistant.web", reason="assistant.web (the web app) is not there yet")
    from assistant.bench import measure_serve
    from assistant.settings import Settings
    from index.ingest import ingest

    ingest(fresh_data_dir, GUIDES, "e5-small")
    figures = measure_serve(
        Settings(data_dir=fresh_data_dir, guides_dir=GUIDES), [{"question": QUESTION, "history": []}] * 3
    )
    assert figures["serve_mode"] == "guide-assistant serve", figures
    assert figures["serve_errors"] == 0
    assert 50 < figures["serve_idle_rss_mb"] <= figures["serve_peak_rss_mb"] < 2048
    assert figures["serve_http_p50_ms"] > 0
