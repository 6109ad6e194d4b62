"""The deadline calendar: every date in the seeds with its kind and line, the year rule, .ics, the command."""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from assistant.cli import app
from assistant.current import parse_folder
from assistant.datefind import year_for
from assistant.deadlines import calendar, events_in, to_ics, upcoming_first
from tests.conftest import GUIDES

SP, PH, LZ, BM, JS = (
    "cq-shapingba-2024-health",
    "cq-2024-population-health",
    "liuzhou-2022-medical",
    "cq-2023-biomedicine",
    "js-2025-frontier-health",
)
# Every date printed in the five seeds, checked by hand (guide, date, time, kind, first line).
EXPECTED = [
    (JS, "1985-01-01", None, "资格日期", 53),  # 40岁以下(1985年1月1日(含)以后出生)
    (LZ, "2019-07-01", None, "资格日期", 59),  # (五) 负责人要求为2019年7月1日后引进、培养的博士
    (LZ, "2019-07-01", None, "资格日期", 130),  # 方向 4-1 研究内容: 2019 年 7 月 1 日后引进或培养
    (LZ, "2021-11-30", None, "发布日期", 92),  # signature: 2021 年 11 月 30 日
    (LZ, "2022-01-01", None, "实施期开始", 65),  # (八) 实施周期…(2022年1月1日-2024年12月31日)
    (SP, "2024-06-27", None, "发布日期", 33),  # signature: 2024年6月27日
    (SP, "2024-07-03", "18:00", "征求意见截止", 23),  # 征求意见截止时间为7月3日18:00 (year from L33)
    (LZ, "2024-12-31", None, "实施期结束", 65),
    (JS, "2025-02-27", None, "发布日期", 102),  # signature: 2025年2月27日
    (JS, "2025-03-27", "17:30", "网上填报截止", 73),  # 网上填报截止时间为2025年3月27日17:30
    (JS, "2025-03-28", "17:30", "推荐/审核截止", 73),  # 主管部门网上审核推荐截止时间为2025年3月28日17:30
    (JS, "2025-03-31", "17:30", "纸质材料受理", 73),  # 纸质材料受理截止时间为2025年3月31日17:30
]


@pytest.fixture(scope="module")
def guides():
    return parse_folder(GUIDES)


def _rows(events):
    return [(e.guide_id, e.date.isoformat(), e.time, e.kind, e.lines[0]) for e in events]


def test_every_seed_date_is_in_the_calendar_with_its_kind(guides):
    assert _rows(calendar(guides, GUIDES)) == EXPECTED


def test_without_the_source_files_the_same_dates_come_from_the_records(guides):
    rows = _rows(calendar(guides))
    assert [r[:4] for r in rows] == [r[:4] for r in EXPECTED]


def test_a_date_without_a_year_takes_the_publication_year():
    assert year_for(7, 3, date(2024, 6, 27), 2024) == 2024
    assert year_for(1, 10, date(2024, 12, 20), 2025) == 2025  # after a December notice: next year
    assert year_for(7, 3, None, 2023) == 2023
    assert year_for(7, 3, None, None) is None


def test_chinese_numeral_dates_and_afternoon_times(guides):
    jiangsu = next(g for g in guides if g.id == JS)
    (event,) = events_in("网上申报截止时间为二〇二五年三月二十七日下午五点三十分。", (9, 9), jiangsu)
    assert (event.date, event.time, event.kind) == (date(2025, 3, 27), "17:30", "网上填报截止")


def test_upcoming_first_and_past_after(guides):
    ordered = upcoming_first(calendar(guides, GUIDES), date(2025, 3, 28))
    assert [(e.date.isoformat(), past) for e, past in ordered[:3]] == [
        ("2025-03-28", False),
        ("2025-03-31", False),
        ("2025-03-27", True),
    ]


def test_ics_reads_back_with_every_event_and_beijing_times(guides):
    events = calendar(guides, GUIDES)
    parsed = Calendar.from_ical(to_ics(events))
    items = parsed.walk("VEVENT")
    assert len(items) == len(EXPECTED)
    online = next(i for i in items if str(i["summary"]).startswith("网上填报截止"))
    start = online.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == ("2025-03-27T17:30:00+08:00", "Asia/Shanghai")
    assert online.walk("VALARM")  # a reminder the day before a deadline
    assert "第73–73行" in str(online["description"])


def test_calendar_command_json_and_ics(tmp_path):
    target = tmp_path / "guides.ics"
    result = CliRunner().invoke(app, ["calendar", "--json", "--ics", str(target)])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert [(e["guide_id"], e["date"], e["time"], e["kind"], e["lines"][0]) for e in events] == EXPECTED
    assert {"guide_id", "date", "time", "kind", "quote", "lines"} <= set(events[0])
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == len(EXPECTED)


def test_calendar_table_counts_from_the_today_setting(monkeypatch):
    monkeypatch.setenv("GUIDE_ASSISTANT_TODAY", "2025-03-28")
    result = CliRunner().invoke(app, ["calendar"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "今天 2025-03-28" in result.output
    assert result.output.index("2025-03-31") < result.output.index("2025-03-27")


def test_a_bad_today_setting_is_refused(monkeypatch):
    monkeypatch.setenv("GUIDE_ASSISTANT_TODAY", "明天")
    result = CliRunner().invoke(app, ["calendar"])
    assert result.exit_code == 2 and "today" in result.output.lower()


def test_a_guide_beyond_the_seeds_with_chinese_numeral_deadline():
    from index.parse import build_guide
    from tests.assistant.test_selfcheck import YOUTH_NOTICE

    guide = build_guide(YOUTH_NOTICE, guide_id="youth", source="youth.txt", meta={"year": 2025, "date": "2025-04-01"})
    rows = [(e.date.isoformat(), e.time, e.kind) for e in calendar([guide])]
    assert rows == [("2025-04-01", None, "发布日期"), ("2025-05-30", "17:00", "网上填报截止")]
