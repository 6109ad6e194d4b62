"""Guides of the nineteenth held-out layout corpus (written blind; first run 45.8% on 2026-12-03, now tuning data)
beside the seeds and a provincial health commission's guide: a park named with its industry words (嵚漷生物医药产业园)
is no other park of that industry, so the scanned guide whose OCR lost the place answers; an agency named without a
place (卫健委) keeps to the guides it issued."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    FIXTURES / "layouts_heldout19" / "wuxian_park_2025.md",  # 浯岘生物医药产业园: two programmes, an audit report
    FIXTURES / "layouts_heldout19" / "qinguo_yuanqu_2025.pdf",  # a scanned 嵚漷生物医药产业园 notice; OCR reads 钦
    FIXTURES / "layouts_heldout9" / "yunmei_health_2026.html",  # 云湄省卫生健康委员会
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout19"), built_index, list(FILES))
    return Assistant.from_settings(Settings(data_dir=data_dir))


@pytest.mark.parametrize(
    "question",
    [
        "嵚漷生物医药产业园那个医疗器械拿注册证的奖励，拿到三类证奖多少？一家企业最多拿多少？",
        "我们在嵚漷生物医药产业园，医疗器械首次注册奖励多少？",
    ],
)
def test_a_park_named_with_its_industry_is_no_other_park_of_that_industry(assistant, question):
    answer = assistant.ask(question)
    assert "80万元" in answer.answer
    assert {c.guide_id for c in answer.citations} == {"qinguo_yuanqu_2025"}


def test_an_agency_named_without_a_place_keeps_to_the_guides_it_issued(assistant):
    answer = assistant.ask("卫健委这个科研项目结题验收时需要提交第三方审计报告吗？")
    assert "wuxian_park_2025" not in {c.guide_id for c in answer.citations}
    assert "审计报告" not in answer.answer  # the park's 研发投入专项审计报告 is no answer about a 卫健委 project
