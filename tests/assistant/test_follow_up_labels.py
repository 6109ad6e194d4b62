"""A follow-up reads the project from the previous answer's source line, whatever word follows the label."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from assistant.understand import parse_cn_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("十八", 18), ("十八三", 18), ("二十一二", 21), ("两", 2), ("九十九", 99), ("三峡", 3), ("峡", None)],
)
def test_chinese_numeral_is_the_longest_one_the_text_starts_with(text, value):
    assert parse_cn_number(text) == value


def test_third_turn_follows_the_project_named_in_the_first(built_index):
    assistant = Assistant.from_settings(Settings(data_dir=built_index))
    history: list[list[str]] = []
    for question in ("重庆人口健康专项项目十八给多少钱？", "那它的实施周期呢？"):
        history.append([question, assistant.ask(question, history).answer])
    answer = assistant.ask("那组织方式呢？", history)  # the source line reads "项目十八 三峡库区…"
    assert answer.citations[0].project == "项目十八" and "公开竞争" in answer.answer
