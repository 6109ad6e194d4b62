"""A serving Assistant follows the active index generation: an ingest elsewhere switches it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from assistant.live import LiveAssistant
from assistant.settings import Settings
from index.ingest import ingest
from index.store import Generations

JIANGSU = "江苏前沿技术 网上填报截止时间是什么时候"


def test_serving_assistant_switches_to_a_new_generation_and_answers_from_it(fresh_data_dir, guides_copy, tmp_path):
    jiangsu = next(guides_copy.glob("004_*.txt"))
    aside = tmp_path / jiangsu.name
    shutil.move(jiangsu, aside)
    ingest(fresh_data_dir, guides_copy, "e5-small")
    live = LiveAssistant(Settings(data_dir=fresh_data_dir, guides_dir=guides_copy), check_every=0)
    before = live.ask(JIANGSU)
    assert before.refused and not before.citations
    assert "没有“江苏”的指南" in before.answer  # not another guide's deadline
    first = live.snapshot.generation

    shutil.move(aside, jiangsu)
    report = ingest(fresh_data_dir, guides_copy, "e5-small")  # as `guide-assistant ingest` in another shell
    live.current  # noqa: B018 - the first request after the switch starts loading the new generation
    live.wait(120)
    assert live.snapshot.generation == report.generation != first
    after = live.ask(JIANGSU)
    assert not after.refused
    assert after.citations[0].guide_id == "js-2025-frontier-health"
    assert "2025年3月27日" in after.answer


def test_a_generation_that_cannot_be_opened_leaves_the_open_one_answering(fresh_data_dir, caplog):
    from tests.conftest import GUIDES

    ingest(fresh_data_dir, GUIDES, "e5-small")
    live = LiveAssistant(Settings(data_dir=fresh_data_dir), check_every=0)
    generations = Generations(fresh_data_dir / "index")
    opened = generations.current()
    # A generation folder whose Chroma collection does not exist (e.g. pruned, or a server that lost it).
    shutil.copytree(generations.path(opened), generations.path("gbroken"))
    generations.activate("gbroken")

    live.current  # noqa: B018
    live.wait(120)
    assert live.snapshot.generation == opened
    assert "index generation gbroken could not be opened" in caplog.text
    answer = live.ask("重庆人口健康专项项目十八给多少钱？")
    assert "200万元" in answer.answer and answer.citations[0].project == "项目十八"


def test_serving_assistant_opens_the_index_rebuilt_after_the_chroma_folder_was_deleted(fresh_data_dir):
    from tests.conftest import GUIDES, ROOT

    first = ingest(fresh_data_dir, GUIDES, "e5-small")
    live = LiveAssistant(Settings(data_dir=fresh_data_dir), check_every=0)
    assert live.snapshot.generation == first.generation
    shutil.rmtree(fresh_data_dir / "chroma")  # an operator's mistake, or a disk cleaned up

    # `guide-assistant ingest` in another shell: it finds the collection gone and rebuilds the index.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GUIDE_ASSISTANT_DATA_DIR": str(fresh_data_dir)}
    repaired = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest"], env=env, capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert repaired.returncode == 0 and "not found in Chroma" in repaired.stderr, repaired.stderr
    generation = Generations(fresh_data_dir / "index").current()
    live.current  # noqa: B018
    live.wait(120)
    assert live.snapshot.generation == generation != first.generation
    answer = live.ask("重庆人口健康专项项目十八给多少钱？")
    assert "200万元" in answer.answer and answer.citations[0].project == "项目十八"
