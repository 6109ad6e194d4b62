"""A deadline printed as the end of a period ("填报时间为6月8日9:00至7月6日17:00") is answered, not refused."""

from __future__ import annotations

from assistant.assistant import Assistant
from assistant.settings import Settings
from index.ingest import ingest
from tests.assistant.test_answers import assert_grounded

GUIDE = """青川市科学技术局关于组织申报2026年度科技计划项目的通知
一、申报要求
申报单位应为在青川市注册的企业。
二、申报程序及时间
1.网上填报。申报单位登录系统在线填报，网上填报时间为2026年6月8日9:00至2026年7月6日17:00。
2.审核推荐。各主管部门于2026年7月10日17:00前完成网上审核推荐。
三、联系方式
联系电话：0871-5213306。
附件
青川市2026年度科技计划项目申报指南
项目一：工业传感器芯片研发
1.研究内容：研究高精度压力传感芯片设计。
2.考核指标：研制样片2款。
项目二：工业软件平台研发
1.研究内容：研究生产排程算法。
2.考核指标：在5家企业应用。
"""


def test_a_filing_period_end_answers_the_deadline_question(fresh_data_dir, tmp_path):
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "qingchuan.txt").write_text(GUIDE, encoding="utf-8")
    assert not ingest(fresh_data_dir, guides, "e5-small").failed
    assistant = Assistant.from_settings(Settings(data_dir=fresh_data_dir, guides_dir=guides))
    answer = assistant.ask("青川市2026年度科技计划项目网上填报几号截止？")
    assert not answer.refused
    assert "7月6日" in answer.answer and "17:00" in answer.answer
    assert answer.citations[0].clause == "申报程序及时间"
    assert_grounded(answer)
