"""Guides of the twenty-third held-out layout corpus beside the seeds (written blind; first run 33.3% on 2026-12-04,
now tuning data): a share asked of money the guide states only as amounts is not stated (a unit code before a colon
is no ratio)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from index.vocab.questions import answer_types
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout23"
FILES = ("qupan_guojihezuo_2026.doc",)  # a province's international cooperation call, Word 97


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout23"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def _share() -> re.Pattern[str]:
    return next(present for _, present, name, _ in answer_types() if name == "具体比例")


@pytest.mark.parametrize("text", ["不低于3:1", "按1:1配套", "自筹与资助比例2比1", "首期拨付60%"])
def test_a_printed_share_is_a_share(text):
    assert _share().search(text)


@pytest.mark.parametrize("text", ["GJ2026-01：200万元", "项目1：200万元", "截止时间17:30", "上午10:00"])
def test_a_code_or_a_time_before_a_colon_is_no_share(text):
    assert not _share().search(text)


def test_a_share_asked_of_money_stated_only_as_amounts_is_not_stated(assistant):
    answer = assistant.ask("磲泮省国际合作专项的省财政经费能不能拨一部分给境外合作方用？最多能拨多少比例？")
    assert answer.refused
    assert "具体比例" in answer.answer
