"""The structure parsed from the five real seed guides: sections, items, projects, clauses and line spans."""

from __future__ import annotations

import re

import pytest

from index.load import load_source
from index.normalize import TERMINAL, clean_line
from index.parse import build_guide, parse_text
from tests.conftest import seed
from tests.index.conftest import source_lines

SEVEN = ["拟解决问题", "考核指标", "资助强度及方式", "实施周期", "组织方式", "申报条件", "其他说明"]
CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 → 一, 18 → 十八, 24 → 二十四 (as the guides number their projects)."""
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[ones - 1] if ones else "")


# --- 000: 沙坪坝 notice with 8 projects -------------------------------------------------------


def test_000_notice_has_the_five_numbered_sections(parsed):
    guide = parsed("000")
    assert [s.title for s in guide.notice_sections()] == [
        "征求意见专项",
        "征求意见要点",
        "征求意见反馈方式",
        "征求意见截止时间",
        "征求意见结果运用",
    ]
    feedback = next(s for s in guide.notice_sections() if s.title == "征求意见反馈方式")
    assert "532808599@qq.com" in feedback.text
    assert "何琳 65368251" in feedback.text  # the space before a phone number is kept
    deadline = next(s for s in guide.notice_sections() if s.title == "征求意见截止时间")
    assert deadline.text == "本次公开征求意见截止时间为7月3日18:00。"


def test_000_has_eight_projects_with_the_seven_clauses_each(parsed):
    guide = parsed("000")
    assert [p.label for p in guide.projects] == [f"项目{cn_number(n)}" for n in range(1, 9)]
    for project in guide.projects:
        assert [c.name for c in project.clauses] == SEVEN, project.label
    assert guide.project("项目一").title == "2型糖尿病血糖波动精准治疗的关键技术研究"
    assert guide.project("项目六").title == "激光硬组织消融手术机器人研发与临床应用探索"
    assert guide.project("项目三").clause("资助强度及方式").text == "拟支持1项,经费资助不超过1万元。"
    assert not guide.warnings


def test_000_page_footer_is_not_part_of_the_last_clause(parsed):
    last = parsed("000").project("项目八").clause("其他说明")
    assert last.text == "联合科技型企业研发的优先支持。"
    assert last.lines == (158, 158)


def test_000_title_year_and_status_come_from_guides_toml(parsed):
    guide = parsed("000")
    assert guide.title == "沙坪坝区2024年第一批生命健康领域科技攻关重点项目指南（征求意见）"
    assert (guide.year, guide.status, guide.issuer) == (2024, "draft", "重庆市沙坪坝区科学技术局")


# --- 001: 重庆人口健康, PDF-wrapped, 24 projects ---------------------------------------------


def test_001_has_24_projects_with_the_seven_clauses_each(parsed):
    guide = parsed("001")
    assert [p.label for p in guide.projects] == [f"项目{cn_number(n)}" for n in range(1, 25)]
    for project in guide.projects:
        assert [c.name for c in project.clauses] == SEVEN, project.label
    assert guide.clause_count == 24 * 7
    assert not guide.warnings


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("项目五", "肿癌类器官高通量药物筛选关键技术的研究与应用"),
        ("项目六", "基于增强现实导航的重大疾病微创手术治疗关键技术研发与应用"),
        ("项目九", "AI+糖尿病肾病辅助决策与精准诊疗技术研发及应用"),
    ],
)
def test_001_titles_wrapped_over_two_lines_are_rejoined(parsed, label, title):
    assert parsed("001").project(label).title == title


def test_001_funding_clauses_keep_their_amounts_whole(parsed):
    guide = parsed("001")
    eighteen = guide.project("项目十八").clause("资助强度及方式").text
    assert eighteen == "拟支持1项,市级财政经费资助不超过200万元,承担单位出资不低于600万元。"
    assert "不超过100万元" in guide.project("项目一").clause("资助强度及方式").text
    assert "不超过150万元" in guide.project("项目二十").clause("资助强度及方式").text
    for project in guide.projects:
        funding = project.clause("资助强度及方式").text
        assert "\n" not in funding, project.label
        assert re.search(r"不超过\d+万元", funding), (project.label, funding)


def test_001_no_clause_is_cut_inside_a_sentence(parsed):
    """A PDF line break inside a sentence is rejoined: a newline only ever follows a sentence end."""
    for project in parsed("001").projects:
        for clause in project.clauses:
            for match in re.finditer("\n", clause.text):
                before = clause.text[match.start() - 1]
                assert before in TERMINAL, (
                    project.label,
                    clause.name,
                    clause.text[match.start() - 20 : match.end() + 10],
                )
            assert not re.search(r"\d\s*\n\s*[\d万]|不\n超过", clause.text), (project.label, clause.name)


def test_001_project_eighteen_funding_points_at_its_source_lines(parsed):
    clause = parsed("001").project("项目十八").clause("资助强度及方式")
    assert clause.lines == (874, 876)
    lines = source_lines("001")
    assert "资助强度" in lines[clause.lines[0] - 1]
    assert "600 万元" in lines[clause.lines[1] - 1]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_clause_span_starts_at_its_heading_and_ends_at_its_last_words(parsed, number):
    lines = source_lines(number)
    for project in parsed(number).projects:
        assert project.label.replace(" ", "") in clean_line(lines[project.lines[0] - 1]).replace(" ", "")
        for clause in project.clauses:
            first = clean_line(lines[clause.lines[0] - 1])
            last = clean_line(lines[clause.lines[1] - 1])
            heading = clause.printed_name or clause.name
            assert heading in first or first.startswith(clause.text[:8]), (project.label, clause.name, first)
            assert clause.text.endswith(last[-min(6, len(clause.text)) :]), (project.label, clause.name, last)


def test_001_without_notice_gets_title_from_its_text():
    _, _, title, warnings = parse_text(load_source(seed("001")).text)
    assert title == "2024年度人口健康专项申报指南(征求意见稿)"
    assert warnings == []


# --- 002: 柳州, markdown notice + 方向 N ------------------------------------------------------


def test_002_notice_sections_in_order(parsed):
    assert [s.title for s in parsed("002").notice_sections()] == [
        "支持重点",
        "支持方式",
        "申报限额",
        "申报要求",
        "联系方式",
    ]


def test_002_application_requirements_are_items_one_to_nine(parsed):
    requirements = next(s for s in parsed("002").notice_sections() if s.title == "申报要求")
    assert [i.label for i in requirements.items] == [f"({c})" for c in "一二三四五六七八九"]
    assert requirements.items[7].text == "(八)项目实施周期一般不超过3年(2022年1月1日-2024年12月31日)。"
    assert requirements.items[3].lines == (55, 57)  # (四) wraps over a page break


def test_002_contacts_are_four_items_with_their_numbers(parsed):
    contacts = next(s for s in parsed("002").notice_sections() if s.title == "联系方式")
    assert len(contacts.items) == 4
    numbers = ["0772-2623551", "183349833", "0772-2610311", "0772 - 2631033"]
    for item, number in zip(contacts.items, numbers, strict=True):
        assert number in item.text, (item.label, item.text)
    assert contacts.items[1].text == "(二)项目网上申报操作流程\n进入QQ群咨询: 183349833"


def test_002_has_six_directions_each_with_research_content(parsed):
    guide = parsed("002")
    assert [p.label for p in guide.projects] == ["方向 1", "方向 2", "方向 3", "方向 4-1", "方向 4-2", "方向 5"]
    for project in guide.projects:
        assert [c.name for c in project.clauses] == ["研究内容"], project.label
    assert guide.project("方向 4-2").title == "医疗卫生硕士生(博士生)导师创新能力培养与提升"
    assert guide.project("方向 3").group == "二、疾病诊疗防治体系技术研究应用"
    # 方向 2's content continues over a page break
    assert guide.project("方向 2").clause("研究内容").text.endswith("诊疗人工智能辅助设备和产品。")


def test_002_table_of_contents_is_not_counted_as_projects(parsed):
    guide = parsed("002")
    assert len(guide.projects) == 6
    assert guide.project("方向 1").lines == (110, 112)  # the body, not the contents entry on line 99
    assert not any("....." in s.text for s in guide.sections)


def test_002_a_markdown_heading_is_not_glued_to_its_body(parsed):
    focus = next(s for s in parsed("002").notice_sections() if s.title == "支持重点")
    assert [i.text.split("\n")[0] for i in focus.items] == [
        "(一)人工智能技术在医疗卫生领域中的应用",
        "(二)生命健康关键技术科技攻关与应用示范",
        "(三)医疗卫生高层次人才创新能力培养项目",
        "(四)医疗器械、试剂、耗材技术研究与产品研发应用",
    ]


# --- 003: 重庆生物医药, 方向 groups over 项目 --------------------------------------------------


def test_003_has_eleven_projects_in_five_directions(parsed):
    guide = parsed("003")
    assert [p.label for p in guide.projects] == [f"项目{cn_number(n)}" for n in range(1, 12)]
    groups = {
        "方向一": ["项目一", "项目二", "项目三"],
        "方向二": ["项目四", "项目五", "项目六"],
        "方向三": ["项目七"],
        "方向四": ["项目八", "项目九"],
        "方向五": ["项目十", "项目十一"],
    }
    for direction, labels in groups.items():
        assert [p.label for p in guide.projects if p.group.startswith(direction)] == labels
    assert guide.project("项目一").group == "方向一:创新生物药"
    assert guide.project("项目五").title == "CAR-T细胞药物快速制备技术及配套自动化设备开发"


def test_003_project_three_lacks_other_notes_and_is_warned_about(parsed):
    guide = parsed("003")
    three = guide.project("项目三")
    assert [c.name for c in three.clauses] == SEVEN[:6]
    assert three.clause("其他说明") is None
    assert any("项目三" in w and "其他说明" in w for w in guide.warnings)
    for project in guide.projects:
        if project.label != "项目三":
            assert [c.name for c in project.clauses] == SEVEN, project.label
    assert "不超过1000万元" in three.clause("资助强度及方式").text


# --- 004: 江苏, numbered notice + four-digit guide codes + attachment tables --------------------


def test_004_notice_sections_and_their_item_counts(parsed):
    sections = parsed("004").notice_sections()
    assert [s.title for s in sections] == ["支持重点", "申报要求", "组织方式", "其他事项"]
    assert [len(s.items) for s in sections[1:]] == [4, 9, 5]
    assert [i.label for i in sections[2].items] == [f"{n}." for n in range(1, 10)]
    contacts = sections[3].items[4]
    assert contacts.text.startswith("5.联系方式:")
    assert "025-83611856" in contacts.text and "025-02583620705" in contacts.text


def test_004_has_the_23_guide_codes_with_their_groups(parsed):
    guide = parsed("004")
    assert [p.label for p in guide.projects] == ["1001", *[str(2000 + n) for n in range(1, 23)]]
    assert guide.project("1001").group == "一、国家医学中心建设支撑项目"
    assert guide.project("2003").group.startswith("2.")
    assert "慢病临床诊疗" in guide.project("2003").group
    assert guide.project("2003").title == "早期肺癌患者外科治疗关键技术研发"
    assert guide.project("2017").group == "5.公共卫生和“一老一小”健康服务"


def test_004_every_clinical_code_has_content_and_indicators(parsed):
    guide = parsed("004")
    for project in guide.projects:
        if project.label.startswith("2"):
            assert [c.name for c in project.clauses] == ["研发内容", "考核指标"], project.label
    assessment = guide.project("2011").clause("考核指标")
    assert assessment.printed_name == "考核方式"
    assert assessment.text.startswith("研发2种以上双靶向或多靶向CAR-T治疗策略")
    assert assessment.lines == (198, 200)
    assert guide.project("2001").clause("考核指标").printed_name == ""


def test_004_attachments_are_sections_not_projects(parsed):
    guide = parsed("004")
    attachments = [s for s in guide.sections if s.kind == "attachment"]
    assert len(attachments) == 2
    assert "绩效目标申报表" in attachments[0].title
    assert "推荐项目汇总表" in attachments[1].title
    assert attachments[1].lines == (299, 315)
    labels = {p.label for p in guide.projects}
    assert labels == {"1001", *(str(2000 + n) for n in range(1, 23))}  # no table row became a project


# --- guides without metadata, text without structure ------------------------------------------


def test_guide_without_metadata_takes_title_issuer_year_and_status_from_its_text():
    guide = build_guide(load_source(seed("000")).text, guide_id="000", source="000.txt")
    assert guide.title == "2024年度第一批生命健康领域科技攻关重点项目指南"
    assert (guide.year, guide.status, guide.issuer) == (2024, "draft", "重庆市沙坪坝区科学技术局")
    final = build_guide(load_source(seed("002")).text, guide_id="002", source="002.txt")
    assert final.title == "“十四五”柳州市医疗卫生和生物医药科技创新项目申报指南（第二版）"  # as printed
    assert (final.year, final.status) == (2022, "final")


def test_text_without_structure_becomes_one_section_and_a_warning():
    text = "本市鼓励医疗机构开展临床研究。\n申报单位应具备良好的科研条件。\n\n项目经费按有关规定管理使用。\n"
    guide = build_guide(text, guide_id="plain", source="plain.txt")
    assert guide.projects == []
    assert [(s.title, s.kind, s.lines) for s in guide.sections] == [("全文", "notice", (1, 4))]
    assert "项目经费按有关规定管理使用。" in guide.sections[0].text
    assert "no projects recognised: indexed as sections only" in guide.warnings
    assert guide.title == "plain.txt"  # no title in the text: the file name stands in, with a warning
    assert "no title found in the text" in guide.warnings


def test_wrapped_line_starting_with_a_large_number_does_not_open_a_project():
    lines = source_lines("001")
    # 001 line 1048 re-wrapped so that the next line begins with the figure, as a PDF may wrap it
    assert lines[1047] == "与保藏；完成不少于 1000 份每年的免疫细胞采集与保藏；"
    lines[1047:1048] = ["与保藏；完成不少于", "", "1000 份每年的免疫细胞采集与保藏；"]
    guide = build_guide("\n".join(lines), guide_id="cq", source="001.txt")
    assert guide.project("1000") is None
    assert len(guide.projects) == 24
    twenty_two = guide.project("项目二十二")
    assert [c.name for c in twenty_two.clauses] == SEVEN
    assert twenty_two.clause("资助强度及方式").text == "拟支持1项,市级财政经费资助不超过200万元。"


@pytest.mark.parametrize(
    "added",
    ["1000 份每年的免疫细胞采集与保藏；", "3000名患者入组，开展多中心临床验证。", "2000例以上"],
    ids=["unit", "prose", "old-unit"],
)
def test_004_a_line_starting_with_a_quantity_stays_in_its_clause(added):
    lines = source_lines("004")
    assert lines[123].startswith("考核指标：构建不少于5000例的脓毒症队列")
    lines[124:124] = [added]
    guide = build_guide("\n".join(lines), guide_id="js", source="004.txt")
    assert [p.label for p in guide.projects] == ["1001", *[str(2000 + n) for n in range(1, 23)]]
    assessment = guide.project("2001").clause("考核指标")
    assert assessment.text.endswith("\n" + clean_line(added))
    assert assessment.lines == (124, 125)


def test_four_digit_code_does_not_open_a_project_in_a_guide_of_xiang_mu_projects():
    lines = source_lines("001")
    assert lines[1027] == "项目二十二：人体细胞资源的采集与保藏体系研究"
    lines[1028:1028] = ["", "2025 人体细胞资源库建设"]
    guide = build_guide("\n".join(lines), guide_id="cq", source="001.txt")
    assert guide.project("2025") is None
    assert len(guide.projects) == 24
    twenty_two = guide.project("项目二十二")
    assert [c.name for c in twenty_two.clauses] == ["内容", *SEVEN]  # text before the first clause
    assert twenty_two.clause("内容").text == "2025人体细胞资源库建设"


# --- layout families beyond the seeds ---------------------------------------------------------


def test_every_seed_clause_carries_its_canonical_kind(parsed):
    kinds = ["problem", "indicators", "funding", "period", "organisation", "eligibility", "other"]
    assert [c.kind for c in parsed("001").project("项目十八").clauses] == kinds
    assert parsed("001").project("项目十八").clause_of_kind("funding").name == "资助强度及方式"
    assert [c.kind for c in parsed("004").project("2011").clauses] == ["content", "indicators"]  # 考核方式
    assert parsed("002").project("方向 4-1").clause_of_kind("content").name == "研究内容"


def test_seeds_report_their_parse_quality(parsed):
    quality = parsed("001").quality
    assert (quality.units, quality.clauses_per_unit, quality.layout) == (24, 7.0, "classic:项目")
    assert quality.unassigned_share < 0.05
    assert parsed("004").quality.units == 23


ITEMS = """璟川市科学技术局关于组织申报2025年度攻关项目的通知
一、支持方向
本年度共发布2个攻关方向。
(一)车规级功率模块封装技术
研究内容:研究低寄生电感封装结构。考核指标:杂散电感不大于5nH。
支持强度:市财政资助不超过300万元。实施期限:2年。组织方式:揭榜挂帅。
(二)激光雷达核心器件研发
研究内容:研究激光雷达芯片。考核指标:探测距离不小于200米。支持强度:市财政资助不超过200万元。实施期限:3年。
二、申报条件
(一)申报单位为在本市注册的企业。
(二)每家单位限报1项。
"""


def test_several_inline_labels_on_one_line_are_several_clauses():
    guide = build_guide(ITEMS, guide_id="items", source="items.txt")
    assert [p.label for p in guide.projects] == ["（一）", "（二）"]
    first = guide.projects[0]
    assert [(c.name, c.kind) for c in first.clauses] == [
        ("研究内容", "content"),
        ("考核指标", "indicators"),
        ("支持强度", "funding"),
        ("实施期限", "period"),
        ("组织方式", "organisation"),
    ]
    assert first.clause_of_kind("funding").text == "市财政资助不超过300万元。"
    assert first.clause_of_kind("funding").lines == (6, 6)
    assert guide.projects[1].clause_of_kind("period").text == "3年。"
    # the notice section after the units keeps its own items: they are not clauses of the last unit
    conditions = next(s for s in guide.sections if s.title == "申报条件")
    assert [i.label for i in conditions.items] == ["(一)", "(二)"]
    assert guide.quality.layout == "headed:paren_cn"


TOPICS = """附件1
云川市2026年度科技重大专项项目申报指南
专题一:先进材料
项目1:碳化硅衬底制备关键技术
(一)研究内容
研究8英寸碳化硅单晶生长技术。
(二)考核指标
微管密度小于0.1个/cm²。
(三)执行期限
2026年7月至2029年6月。
项目2:电子浆料国产化研发
(一)研究内容
研究镍内电极浆料。
(二)经费额度
市财政资助不超过500万元。
"""


def test_clause_headings_of_their_own_under_topic_groups():
    guide = build_guide(TOPICS, guide_id="topics", source="topics.txt")
    assert [(p.label, p.group) for p in guide.projects] == [("项目1", "专题一:先进材料"), ("项目2", "专题一:先进材料")]
    one = guide.project("项目1")
    assert [c.kind for c in one.clauses] == ["content", "indicators", "period"]
    assert one.clause_of_kind("period").text == "2026年7月至2029年6月。"
    assert one.clause_of_kind("period").lines == (9, 10)
    assert guide.project("项目2").clause_of_kind("funding").text == "市财政资助不超过500万元。"


def test_a_table_row_per_project_maps_header_cells_to_kinds():
    text = "\n".join(
        [
            "某省2026年度重点研发计划项目申报指南",
            "指南编号\t项目名称\t研究内容\t考核指标\t实施期限\t支持经费",
            "一、人口健康\t一、人口健康\t一、人口健康\t一、人口健康\t一、人口健康\t一、人口健康",
            "2026QL0101\t慢病早筛技术\t研究慢病风险模型；",
            "开发辅助诊断系统。\t模型AUC不低于0.85。\t3年\t不超过200万元",
            "2026QL0102\t先心病筛查技术\t研究筛查技术。\t筛查2万名儿童。\t2年\t不超过150万元",
        ]
    )
    guide = build_guide(text, guide_id="rows", source="rows.docx")
    assert [(p.label, p.title, p.group) for p in guide.projects] == [
        ("2026QL0101", "慢病早筛技术", "一、人口健康"),
        ("2026QL0102", "先心病筛查技术", "一、人口健康"),
    ]
    first = guide.projects[0]
    assert [c.kind for c in first.clauses] == ["content", "indicators", "period", "funding"]
    assert first.clause_of_kind("content").text == "研究慢病风险模型;\n开发辅助诊断系统。"  # a cell over two lines
    assert first.clause_of_kind("funding").lines == (4, 5)


def test_an_unknown_layout_is_indexed_as_sections_with_a_loud_quality_record():
    text = "一、总体要求\n围绕重点产业组织攻关。\n二、申报条件\n(一)申报单位为本市企业。\n"
    guide = build_guide(text, guide_id="notice", source="notice.txt")
    assert guide.projects == []
    assert guide.quality.sections_only
    assert "no projects recognised: indexed as sections only" in guide.warnings


def test_a_summary_table_numbering_its_rows_binds_each_to_the_unit_its_title_names():
    text = "\n".join(
        [
            "一、支持方向",
            "（一）智慧景区客流监测技术",
            "1.支持内容：研究客流预测。",
            "2.支持方式：每项不超过30万元。",
            "（二）非遗数字化采集技术",
            "1.支持内容：研究三维建模。",
            "2.支持方式：每项不超过20万元。",
            "二、汇总表",
            "序号\t支持方向\t拟支持数（项）",
            "1\t智慧景区客流监测技术\t2",
            "2\t非遗数字化采集技术\t3",
        ]
    )
    unit = build_guide(text, guide_id="sum", source="sum.txt").project("（二）")
    assert unit.clause("拟支持数").text == "3项"
    assert unit.clause("支持方向") is None  # the cell naming the unit is no clause of it
