"""General mechanisms behind the third held-out layouts, each on a small guide in another shape than its fixture.

- a guide code of hyphenated letter and digit parts (2026-SF-01, TL-JB-2026-01) labels a unit;
- a category guide (（一）面上项目 …) files 资助定位 as content and 资助期限 as period;
"""

from __future__ import annotations

from index.parse import build_guide
from index.vocab import clauses, units


def _units(text: str) -> list[tuple[str, str, str, list[str]]]:
    guide = build_guide(text, guide_id="t", source="t.txt")
    return [(p.label, p.title, p.group, [c.kind for c in p.clauses]) for p in guide.projects]


# -- hyphenated codes ---------------------------------------------------------------------------

_CODES = """北塘市2026年度社会发展科技专项申报指南
一、民生科技
KJ-MS-2026-001 社区慢病智能随访系统
研究内容：研发慢病随访系统。
考核指标：覆盖居民1万人。
支持额度：50万元。
KJ-MS-2026-002 老年人居家安全监测技术
研究内容：研究跌倒监测技术。
考核指标：准确率90%以上。
支持额度：40万元。
二、申报时间
2026年6月1日前完成网上申报。
"""


def test_a_hyphenated_code_of_letters_and_a_year_labels_each_unit():
    assert _units(_CODES) == [
        ("KJ-MS-2026-001", "社区慢病智能随访系统", "一、民生科技", ["content", "indicators", "funding"]),
        ("KJ-MS-2026-002", "老年人居家安全监测技术", "一、民生科技", ["content", "indicators", "funding"]),
    ]


def test_a_hyphenated_word_in_a_title_is_no_code():
    assert units().match("long_code", "2026-SF-01 阿尔茨海默病早期筛查") is not None
    assert units().match("long_code", "COVID-19疫苗研究") is None  # two parts, no code
    assert units().match("long_code", "GB-2020标准") is None


# -- category units -----------------------------------------------------------------------------

_FUND = """海门市2026年度自然科学基金申请指南
一、资助类别
（一）青年项目
资助定位：支持青年科技人员自主选题。
申请条件：未满35周岁。
资助期限：2年。
（二）重点项目
资助定位：围绕重点产业的科学问题。
申请条件：具有正高级职称。
资助期限：3年。
限项规定：同一申请人限报1项。
二、申请时间
2026年3月20日前提交。
"""


def test_a_category_unit_files_its_position_as_content_and_its_term_as_period():
    assert clauses().kind_of("资助定位") == "content" and clauses().kind_of("资助期限") == "period"
    assert _units(_FUND) == [
        ("（一）", "青年项目", "", ["content", "eligibility", "period"]),
        ("（二）", "重点项目", "", ["content", "eligibility", "period", "other"]),
    ]
