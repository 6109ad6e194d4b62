"""General mechanisms behind the second held-out layouts, each on a small guide in another shape than its fixture.

- a word naming the units' part of a guide (支持方向) is a content clause as a field label, no clause heading alone;
- a table header row printed again after a page break (after 续表) continues the table and is no unit; a header's
  unit (（万元）) reaches bare numbers;
- three-level numbering (1.1.1) is a unit scheme when the document says so, its groups a nested path;
- 专项 headings group units; a group heading never reaches across an attachment line;
- a bare unit opener (任务1 alone on a line) takes its title from the unit's 名称 field;
- 【X】 bracket labels, a two-column 名称|内容 table inside a unit;
- Word heading styles reach the parser as heading levels, and the levels give units and groups.
"""

from __future__ import annotations

import pytest

from index.errors import ConfigError
from index.layouts.common import cell_clause, heading_clause, inline_clauses
from index.loaders.docx import DocxLoader
from index.normalize import Line, logical_lines
from index.parse import build_guide
from index.vocab import VOCAB_DIR, clauses, load_unit_vocab, units


def _guide(text: str):
    return build_guide(text, guide_id="t", source="t.txt")


def _units(text: str) -> list[tuple[str, str, str, list[str]]]:
    return [(p.label, p.title, p.group, [c.kind for c in p.clauses]) for p in _guide(text).projects]


# -- 支持方向 as a field label ----------------------------------------------------------------

_CATEGORIES = """江北区2026年度科技计划项目申报指南
一、申报类别
（一）重点研发项目
支持方向：新一代信息技术、高端装备制造。
申报条件：在江北区注册的企业。
（二）成果转化项目
支持方向：高校院所科技成果在区内转化。
申报条件：高校、科研院所或企业。
二、申报时间
2026年5月8日前完成网上申报。
"""


def test_a_units_part_word_used_as_a_field_label_is_the_units_content():
    assert _units(_CATEGORIES) == [
        ("（一）", "重点研发项目", "", ["content", "eligibility"]),
        ("（二）", "成果转化项目", "", ["content", "eligibility"]),
    ]


def test_a_units_part_word_alone_on_a_line_is_no_clause_heading():
    assert heading_clause("（三）支持方向") is None and heading_clause("支持方向") is None
    assert heading_clause("支持方向：") == "支持方向" and heading_clause("（一）研究内容") == "研究内容"


# -- tables over page breaks, units in header cells ---------------------------------------------

_TABLE = """青山市2026年度科技项目申报指南
指南代码\t项目名称\t研究内容\t实施期限（年）\t支持经费（万元）
QS01\t智慧水务管网漏损监测平台\t研究管网漏损声学监测与定位方法。\t2\t50
QS02\t城市桥梁健康监测系统\t研究桥梁结构损伤识别方法。\t3\t80-100
续表
指南代码\t项目名称\t研究内容\t实施期限（年）\t支持经费（万元）
QS03\t老旧小区燃气泄漏预警技术\t研制低成本燃气泄漏传感终端。\t2\t不超过60万元
"""


def test_a_header_row_printed_again_after_a_page_break_continues_the_table_and_is_no_unit():
    assert [(label, title) for label, title, _, _ in _units(_TABLE)] == [
        ("QS01", "智慧水务管网漏损监测平台"),
        ("QS02", "城市桥梁健康监测系统"),
        ("QS03", "老旧小区燃气泄漏预警技术"),
    ]


def test_a_unit_in_a_header_cell_files_the_column_and_reaches_its_bare_numbers():
    guide = _guide(_TABLE)
    funding = [p.clause_of_kind("funding").text for p in guide.projects]
    period = [p.clause_of_kind("period").text for p in guide.projects]
    assert funding == ["50万元", "80-100万元", "不超过60万元"]
    assert period == ["2年", "3年", "2年"]
    assert guide.quality.unknown_labels == []


def test_header_units_are_vocabulary_data(tmp_path):
    structure = units().structure
    assert structure.header_unit_of("资助额度（万元）") == ("资助额度", "万元")
    assert structure.header_unit_of("资助额度") == ("资助额度", "")
    bad = tmp_path / "units.toml"
    text = (VOCAB_DIR / "units.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace("(?P<unit>万元", "(万元"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_unit_vocab(bad)
    assert "header_unit" in str(exc.value)


# -- three-level numbering, nested groups ----------------------------------------------------------

_THREE_LEVELS = """北岭省2026年度重点研发计划项目申报指南
1. 电子信息
1.1 集成电路
1.1.1 车规级芯片设计
研究内容：研究车规级微控制器芯片功能安全设计。
考核指标：芯片通过AEC-Q100认证。
1.1.2 功率器件封装
研究内容：研究碳化硅功率模块封装工艺。
考核指标：模块结温不低于175℃。
1.2 新型显示
1.2.1 柔性显示基板
研究内容：研究柔性聚酰亚胺基板制备技术。
考核指标：弯折次数不少于20万次。
"""


def test_three_level_numbers_with_a_trailing_mark_are_units_too():
    text = _THREE_LEVELS.replace("1.1.1 ", "1.1.1、").replace("1.1.2 ", "1.1.2、").replace("1.2.1 ", "1.2.1、")
    assert [label for label, _, _, _ in _units(text)] == ["1.1.1", "1.1.2", "1.2.1"]


def test_three_level_numbers_are_units_and_their_two_headings_a_group_path():
    assert _units(_THREE_LEVELS) == [
        ("1.1.1", "车规级芯片设计", "1.电子信息 > 1.1集成电路", ["content", "indicators"]),
        ("1.1.2", "功率器件封装", "1.电子信息 > 1.1集成电路", ["content", "indicators"]),
        ("1.2.1", "柔性显示基板", "1.电子信息 > 1.2新型显示", ["content", "indicators"]),
    ]


# -- 专项 groups, bare openers titled by a 名称 field, attachments -----------------------------------

_BARE = """南湖市科学技术局关于组织申报2026年度科技重大专项的通知
一、申报要求
申报单位须在南湖市注册。
附件：
1.申报指南
2.申报书模板
附件1
南湖市2026年度科技重大专项申报指南
专项一 生物医药
任务1
任务名称：新型疫苗佐剂研发
研究内容：研究新型纳米佐剂的免疫增强机制。
考核指标：完成临床前研究。
任务2
任务名称：细胞治疗产品质控技术
研究内容：研究细胞产品放行检测方法。
考核指标：建立质控标准3项。
专项二 新材料
任务3
任务名称：高纯石英砂提纯技术
研究内容：研究高纯石英砂酸浸提纯工艺。
考核指标：纯度不低于99.998%。
"""


def test_a_bare_opener_takes_its_title_from_the_name_field_under_its_zhuanxiang_group():
    assert _units(_BARE) == [
        ("任务1", "新型疫苗佐剂研发", "专项一生物医药", ["content", "indicators"]),
        ("任务2", "细胞治疗产品质控技术", "专项一生物医药", ["content", "indicators"]),
        ("任务3", "高纯石英砂提纯技术", "专项二新材料", ["content", "indicators"]),
    ]


_ATTACHED = """南湖市科学技术局关于组织申报2026年度科技攻关项目的通知
一、申报要求
申报单位须在南湖市注册。
附件：
1.申报指南
2.申报书模板
附件1
课题1：新型疫苗佐剂研发
研究内容：研究新型纳米佐剂的免疫增强机制。
考核指标：完成临床前研究。
课题2：细胞治疗产品质控技术
研究内容：研究细胞产品放行检测方法。
考核指标：建立质控标准3项。
"""


def test_a_numbered_attachment_list_item_is_no_group_of_the_units_after_it():
    assert [(label, group) for label, _, group, _ in _units(_ATTACHED)] == [("课题1", ""), ("课题2", "")]


def test_a_bare_opener_is_never_glued_to_a_long_line_before_it():
    lines, _ = logical_lines("这是一行没有句末标点而且长度超过二十四个字的附件标题文字内容\n榜单2\n榜单名称：某技术")
    assert [ln.text for ln in lines][1:] == ["榜单2", "榜单名称:某技术"]


_CHALLENGE_TABLE = """临港区2026年度揭榜挂帅项目榜单
榜单编号\t榜单名称\t发榜单位\t榜单需求\t攻关目标\t榜单金额（万元）
JB01\t船用燃料电池系统集成\t临港船舶有限公司\t现有系统功率密度不足。\t额定功率不低于200kW。\t500
JB02\t港口起重机远程操控\t临港港务集团\t人工操控效率低。\t远程操控时延不大于50毫秒。\t300
"""


def test_a_challenge_list_table_and_challenge_headings_with_their_titles():
    assert _units(_CHALLENGE_TABLE) == [
        ("JB01", "船用燃料电池系统集成", "", ["other", "content", "indicators", "funding"]),
        ("JB02", "港口起重机远程操控", "", ["other", "content", "indicators", "funding"]),
    ]
    inline = "临港区2026年度揭榜挂帅项目榜单\n" + "\n".join(
        f"榜单{n}：{title}\n榜单需求：需求{n}。\n攻关目标：目标{n}。" for n, title in ((1, "燃料电池"), (2, "远程操控"))
    )
    assert [(label, title) for label, title, _, _ in _units(inline)] == [("榜单1", "燃料电池"), ("榜单2", "远程操控")]


def test_challenge_list_field_names_map_to_kinds():
    vocab = clauses()
    assert [vocab.kind_of(w) for w in ("发榜单位", "揭榜条件", "榜单需求", "攻关目标", "榜单金额", "完成时限")] == [
        "other",
        "eligibility",
        "content",
        "indicators",
        "funding",
        "period",
    ]
    assert units().structure.title_field("任务名称：高纯石英砂提纯技术") == "高纯石英砂提纯技术"
    assert units().structure.title_field("研究内容：研究提纯工艺。") is None


# -- bracket labels, field tables inside a unit ------------------------------------------------

_BRACKETS = """西岸市2026年度科技攻关项目申报指南
课题1：海上风电基础防腐技术
【研究内容】研究海上风电钢管桩阴极保护与涂层协同防腐技术。
【考核指标】
防腐寿命不少于25年。
【支持强度】市财政资助不超过200万元。
课题2：海水淡化膜组件国产化
【研究内容】研究反渗透膜组件制备工艺。
名称\t内容
考核指标\t脱盐率不低于99.7%。
支持强度\t市财政资助不超过300万元。
"""


def test_bracket_labels_and_a_two_column_field_table_open_clauses():
    guide = _guide(_BRACKETS)
    assert [[c.kind for c in p.clauses] for p in guide.projects] == [["content", "indicators", "funding"]] * 2
    assert guide.project("课题1").clause_of_kind("indicators").text == "防腐寿命不少于25年。"
    assert guide.project("课题2").clause_of_kind("indicators").text == "脱盐率不低于99.7%。"


def test_bracket_label_and_table_row_shapes():
    assert inline_clauses("【考核指标】：发表论文3篇。") == [("考核指标", "发表论文3篇。")]
    assert cell_clause(Line("名称内容", 1, 1, cells=("名称", "内容"))) == []
    assert cell_clause(Line("", 1, 1, cells=("实施周期", "2年"))) == [("实施周期", "2年")]
    assert cell_clause(Line("", 1, 1, cells=("单位类型", "3项"))) is None


# -- heading levels --------------------------------------------------------------------------------


def _heading_docx(path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("东港市2026年度科技计划项目申报指南")
    doc.add_paragraph("一、申报要求")
    doc.add_paragraph("申报单位须在东港市注册。")
    for group, projects in (
        ("智能制造", ["工业机器人视觉引导系统", "数控机床远程运维平台"]),
        ("生物医药", ["抗体药物连续化生产工艺"]),
    ):
        doc.add_heading(group, level=1)
        for title in projects:
            doc.add_heading(title, level=2)
            doc.add_paragraph("研究内容：研究" + title + "的关键技术。")
            doc.add_paragraph("实施周期：2年。")
    doc.save(path)


def test_word_heading_styles_reach_the_parser_as_heading_levels(tmp_path):
    path = tmp_path / "guide.docx"
    _heading_docx(path)
    text = DocxLoader().load(path).text
    assert "# 智能制造" in text.splitlines() and "## 工业机器人视觉引导系统" in text.splitlines()
    lines, _ = logical_lines(text)
    assert [ln.level for ln in lines if ln.text in ("智能制造", "工业机器人视觉引导系统")] == [1, 2]


def test_heading_levels_give_unnumbered_units_and_their_groups(tmp_path):
    path = tmp_path / "guide.docx"
    _heading_docx(path)
    guide = build_guide(DocxLoader().load(path).text, guide_id="t", source=path.name)
    assert [(p.label, p.title, p.group) for p in guide.projects] == [
        ("项目1", "工业机器人视觉引导系统", "智能制造"),
        ("项目2", "数控机床远程运维平台", "智能制造"),
        ("项目3", "抗体药物连续化生产工艺", "生物医药"),
    ]
    assert guide.quality.layout == "outline:h2"
    assert [s.title for s in guide.sections if s.kind == "notice"] == ["申报要求"]


def test_a_paragraph_with_an_outline_level_is_a_heading_of_that_level(tmp_path):
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    paragraph = doc.add_paragraph("智能制造")
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "1")
    paragraph._p.get_or_add_pPr().append(outline)
    doc.add_paragraph("研究内容：研究工业机器人视觉引导。")
    path = tmp_path / "outline.docx"
    doc.save(path)
    assert DocxLoader().load(path).text.splitlines()[:2] == ["## 智能制造", "研究内容：研究工业机器人视觉引导。"]


_MARKDOWN = """# 关于发布2026年度云湖市科技计划项目申报指南的通知

各有关单位：

现将有关事项通知如下。

## 一、申报要求

1. 申报单位须在云湖市注册。

## 二、支持方向

### 智能网联汽车线控底盘

**研究内容**：研究线控转向与线控制动冗余架构。

**考核指标**：完成实车验证。

**支持强度**：不超过300万元。

### 车路协同边缘计算平台

**研究内容**：研究路侧多源感知融合。

**考核指标**：在2个路口示范。

## 三、联系方式

联系电话：0871-1234567
"""


def test_markdown_heading_levels_give_units_and_leave_notice_headings_to_the_notice(tmp_path):
    from index.loaders.markdown import MarkdownLoader

    path = tmp_path / "guide.md"
    path.write_text(_MARKDOWN, encoding="utf-8")
    guide = build_guide(MarkdownLoader().load(path).text, guide_id="t", source=path.name)
    assert [(p.label, p.title, p.group, [c.kind for c in p.clauses]) for p in guide.projects] == [
        ("项目1", "智能网联汽车线控底盘", "", ["content", "indicators", "funding"]),
        ("项目2", "车路协同边缘计算平台", "", ["content", "indicators"]),
    ]
    assert [s.title for s in guide.sections if s.kind == "notice"] == ["申报要求", "支持方向", "联系方式"]


def test_notice_headings_over_one_kind_of_field_are_no_units(tmp_path):
    from index.loaders.markdown import MarkdownLoader

    path = tmp_path / "notice.md"
    path.write_text(
        "# 关于组织申报2026年度科技项目的通知\n\n## 一、企业申报\n\n申报单位：区内注册企业。\n\n申报要求：无不良信用记录。\n\n"
        "## 二、高校申报\n\n申报单位：区内高校。\n\n申报要求：须有合作企业。\n",
        encoding="utf-8",
    )
    guide = build_guide(MarkdownLoader().load(path).text, guide_id="t", source=path.name)
    assert guide.projects == [] and guide.quality.layout == ""
