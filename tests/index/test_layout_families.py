"""General mechanisms behind the held-out layouts, each on a small guide in another shape than its fixture.

- a heading that only names the units' part of the guide (二、指南方向) is no group;
- an HTML table's rowspan/colspan cells fill every place they cover, so no row loses a column;
- one table per project: the code row and the title row open a unit in either order, the code is its label;
- a line-start label the vocabulary lacks, repeated across units, opens a clause of its own (kind other).
"""

from __future__ import annotations

from index.loaders.html import HtmlLoader
from index.parse import build_guide
from index.vocab import units


def _guide(text: str):
    return build_guide(text, guide_id="t", source="t.txt")


def _projects(text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(p.label, p.group, [(c.name, c.kind) for c in p.clauses]) for p in _guide(text).projects]


# -- generic section headings -----------------------------------------------------------------

_XIANGMU = """滨江市2026年度产业技术攻关项目申报指南
{heading}
项目一：工业传感器芯片研发
1.研究内容：研究高精度压力传感芯片设计与封装工艺。
2.考核指标：研制样片2款，申请发明专利3项。
项目二：工业软件平台研发
1.研究内容：研究面向离散制造的生产排程算法。
2.考核指标：在5家企业应用。
三、申报程序
申报单位登录系统填报。
"""


def test_a_generic_heading_over_xiangmu_units_is_no_group():
    assert [g for _, g, _ in _projects(_XIANGMU.format(heading="二、指南方向"))] == ["", ""]
    assert [g for _, g, _ in _projects(_XIANGMU.format(heading="二、重点支持领域"))] == ["", ""]


def test_a_named_heading_over_the_same_units_stays_their_group():
    assert [g for _, g, _ in _projects(_XIANGMU.format(heading="二、智能制造"))] == ["二、智能制造"] * 2


_TASKS = """东川省重点研发计划2026年度项目申报指南
{heading}
1.1 新型储能电池管理系统
研究内容：研究电池状态估计算法。
考核指标：估计误差不大于2%。
1.2 氢燃料电池电堆
研究内容：研究膜电极制备工艺。
考核指标：功率密度达到4kW/L。
"""


def test_a_generic_heading_over_numbered_tasks_is_no_group():
    assert [g for _, g, _ in _projects(_TASKS.format(heading="一、项目指南"))] == ["", ""]
    assert [g for _, g, _ in _projects(_TASKS.format(heading="一、新能源"))] == ["一、新能源"] * 2


def test_generic_headings_are_vocabulary_data():
    structure = units().structure
    assert structure.is_generic_heading("支持方向") and structure.is_generic_heading("申报 方向")
    assert structure.is_generic_heading("2026年度重点支持方向") and structure.is_generic_heading("支持方向及内容")
    assert not structure.is_generic_heading("人工智能") and not structure.is_generic_heading("年度")


# -- HTML tables with merged cells ------------------------------------------------------------

_HTML = """<html><body><div class="content">
<p>青川市2026年度农业科技项目申报指南</p>
<table>
<tr><th>项目名称</th><th>实施周期</th><th>研究内容</th><th>资助强度</th></tr>
<tr><td colspan="4">一、种植业</td></tr>
<tr><td>设施蔬菜水肥一体化技术</td><td rowspan="2">2年</td><td>研究水肥精准调控。</td><td>50万元</td></tr>
<tr><td>果园病虫害绿色防控技术</td><td>研究生物防治方法。</td><td rowspan="2">30万元</td></tr>
<tr><td>茶园机械化采摘技术</td><td>3年</td><td>研制采茶机样机。</td></tr>
</table>
<p>注：资助强度为上限。</p>
</div></body></html>
"""


def test_merged_html_cells_fill_every_row_they_cover(tmp_path):
    page = tmp_path / "guide.html"
    page.write_text(_HTML, encoding="utf-8")
    rows = [ln.split("\t") for ln in HtmlLoader().load(page).text.splitlines() if "\t" in ln]
    assert rows[1] == ["一、种植业"] * 4
    assert rows[3] == ["果园病虫害绿色防控技术", "2年", "研究生物防治方法。", "30万元"]
    assert rows[4] == ["茶园机械化采摘技术", "3年", "研制采茶机样机。", "30万元"]


def test_a_row_table_with_merged_cells_gives_every_project_all_its_columns(tmp_path):
    page = tmp_path / "guide.html"
    page.write_text(_HTML, encoding="utf-8")
    guide = build_guide(HtmlLoader().load(page).text, guide_id="t", source=page.name)
    assert [p.title for p in guide.projects] == [
        "设施蔬菜水肥一体化技术",
        "果园病虫害绿色防控技术",
        "茶园机械化采摘技术",
    ]
    assert [p.label for p in guide.projects] == ["项目1", "项目2", "项目3"]
    assert {p.group for p in guide.projects} == {"一、种植业"}
    funding = [p.clause_of_kind("funding").text for p in guide.projects]
    period = [p.clause_of_kind("period").text for p in guide.projects]
    assert funding == ["50万元", "30万元", "30万元"] and period == ["2年", "2年", "3年"]


def test_a_category_column_over_several_rows_is_the_group_of_each_row(tmp_path):
    page = tmp_path / "guide.html"
    page.write_text(
        "<html><body><table>"
        "<tr><td>所属领域</td><td>项目名称</td><td>研究内容</td><td>支持经费</td></tr>"
        '<tr><td rowspan="2">电子信息</td><td>车规级芯片</td><td>研究芯片可靠性。</td><td>100万元</td></tr>'
        "<tr><td>工业软件</td><td>研究排程算法。</td><td>80万元</td></tr>"
        "<tr><td>生物医药</td><td>细胞治疗</td><td>研究CAR-T工艺。</td><td>120万元</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    guide = build_guide(HtmlLoader().load(page).text, guide_id="t", source=page.name)
    assert [(p.title, p.group) for p in guide.projects] == [
        ("车规级芯片", "电子信息"),
        ("工业软件", "电子信息"),
        ("细胞治疗", "生物医药"),
    ]
    assert [c.kind for c in guide.projects[1].clauses] == ["content", "funding"]


def test_a_serial_number_column_is_no_project_code():
    text = (
        "序号\t项目名称\t研究内容\t支持经费\n"
        "1\t智能网联汽车测试技术\t研究测试场景库。\t100万元\n"
        "2\t车路协同通信技术\t研究低时延通信。\t80万元\n"
    )
    assert [label for label, _, _ in _projects(text)] == ["项目1", "项目2"]


# -- one table per project --------------------------------------------------------------------

_PER_PROJECT = """北岭省2026年度社会发展科技项目申报指南
（一）公共安全
项目编号\tBL2026-01
项目名称\t城市燃气泄漏监测技术
研究内容\t研究分布式光纤泄漏监测方法。
考核指标\t定位误差小于5米。
支持经费\t不超过200万元。
项目名称\t森林火灾早期识别技术
项目编号\tBL2026-02
研究内容\t研究多光谱烟火识别算法。
考核指标\t识别准确率不低于95%。
支持经费\t不超过150万元。
二、生态环保
项目名称\t河湖水质在线监测装备
研究内容\t研制多参数水质监测浮标。
考核指标\t连续运行6个月。
支持经费\t不超过100万元。
"""


def test_per_project_tables_open_a_unit_at_its_code_or_title_row_whichever_comes_first():
    got = _projects(_PER_PROJECT)
    assert [(label, group) for label, group, _ in got] == [
        ("BL2026-01", "(一)公共安全"),
        ("BL2026-02", "(一)公共安全"),
        ("项目3", "二、生态环保"),
    ]
    assert all([kind for _, kind in clauses] == ["content", "indicators", "funding"] for _, _, clauses in got)


def test_side_by_side_fields_merged_values_and_unknown_field_rows_in_per_project_tables():
    text = (
        "西岭市2026年度科技项目申报指南\n"
        "项目名称\t高寒草地生态修复技术\t项目代码\tXL-01\n"
        "研究内容\t研究草种筛选与补播技术。\t研究草种筛选与补播技术。\t研究草种筛选与补播技术。\n"
        "推荐单位\t市林草局\n"
        "考核指标\t修复草地1000亩。\n"
        "项目名称\t冻土区道路病害监测技术\t项目代码\tXL-02\n"
        "研究内容\t研究路基冻胀监测方法。\n"
        "推荐单位\t市交通局\n"
        "考核指标\t监测路段50公里。\n"
    )
    got = _projects(text)
    assert [label for label, _, _ in got] == ["XL-01", "XL-02"]
    assert got[0][2] == [("研究内容", "content"), ("推荐单位", "other"), ("考核指标", "indicators")]
    assert _guide(text).projects[0].clause("研究内容").text == "研究草种筛选与补播技术。"


def test_a_row_table_column_the_vocabulary_lacks_is_a_field_of_kind_other():
    text = (
        "项目名称\t研究内容\t支持经费\t推荐单位\n"
        "智能网联汽车测试技术\t研究测试场景库。\t100万元\t市交通局\n"
        "车路协同通信技术\t研究低时延通信。\t80万元\t市工信局\n"
    )
    assert _projects(text)[0][2] == [("研究内容", "content"), ("支持经费", "funding"), ("推荐单位", "other")]


# -- field labels the vocabulary lacks --------------------------------------------------------

_FIELDS = """南屿市2026年度科技计划项目申报指南
项目一：海洋牧场智能监测技术
1.研究内容：研究水下环境多参数感知技术。
2.考核指标：建成监测网点10个。
推荐单位：市海洋局
项目二：海水养殖病害防控技术
1.研究内容：研究病原快速检测方法。
2.考核指标：检测时间小于30分钟。
推荐单位：市农业农村局
项目三：渔船安全预警系统
1.研究内容：研究渔船碰撞预警算法，主要包括：
航迹预测与风险评估。
2.考核指标：预警准确率不低于90%。
"""


def test_an_unknown_label_repeated_across_units_opens_a_clause_of_its_own():
    guide = _guide(_FIELDS)
    first = guide.projects[0]
    assert [(c.name, c.kind) for c in first.clauses][-1] == ("推荐单位", "other")
    assert first.clause("推荐单位").text == "市海洋局"
    assert "市海洋局" not in first.clause("考核指标").text
    assert "推荐单位" in guide.quality.unknown_labels  # still reported for the vocabulary's maintainer


def test_a_numbered_unknown_label_repeated_across_units_opens_a_clause_too():
    text = _TASKS.format(heading="一、新能源").replace(
        "考核指标：估计误差不大于2%。", "（二）考核指标：估计误差不大于2%。\n（三）归口部门：省能源局"
    )
    text = text.replace(
        "考核指标：功率密度达到4kW/L。", "（二）考核指标：功率密度达到4kW/L。\n（三）归口部门：省工信厅"
    )
    got = _projects(text)
    assert [clauses for _, _, clauses in got] == [
        [("研究内容", "content"), ("考核指标", "indicators"), ("归口部门", "other")]
    ] * 2


def test_an_unknown_label_printed_in_one_unit_only_stays_in_its_clause():
    text = _FIELDS.replace("推荐单位：市农业农村局\n", "")
    first = _guide(text).projects[0]
    assert first.clause("推荐单位") is None
    assert "推荐单位:市海洋局" in first.clause("考核指标").text


def test_prose_ending_in_a_colon_is_no_field():
    text = _FIELDS.replace("航迹预测与风险评估。", "其中包括：航迹预测。").replace(
        "2.考核指标：检测时间小于30分钟。", "2.考核指标：检测时间小于30分钟。\n其中包括：快速检测。"
    )
    assert all(c.name != "其中包括" for p in _guide(text).projects for c in p.clauses)


def test_a_body_heading_with_no_unit_under_it_is_a_notice_section():
    from index.parse import parse_text

    text = "\n".join(
        [
            "澄海市2026年度科技计划项目申报指南",
            "一、支持方向",
            "项目一：智能传感器研发",
            "研究内容：研制低功耗传感器。",
            "支持强度：不超过50万元。",
            "项目二：水质监测平台",
            "研究内容：建设监测平台。",
            "支持强度：不超过30万元。",
            "二、申报限额",
            "每家单位限报1项。",
            "三、联系方式",
            "科技局计划科 0123-45678901",
        ]
    )
    sections, projects, _, _ = parse_text(text)
    kinds = {s.title: s.kind for s in sections}
    assert len(projects) == 2
    assert kinds.get("申报限额") == "notice" and kinds.get("联系方式") == "notice"
