"""A borderless label/value table (a narrow label column beside a value column, no rulings) is rebuilt into one
"label：value" line per row, its wrapped label and value joined, also across a page break; a numbered list with a
hanging indent and prose stay as they were. Pure geometry over PageLines that carry their words."""

from __future__ import annotations

from index.loaders.label_table import label_rows
from index.loaders.layout import PageLine

LEFT, VALUE, RIGHT, CHAR = 85.0, 141.0, 519.0, 10.5
LABELS = {"资助额度", "实施期限", "申报单位条件"}


def _line(top: float, label: str = "", value: str = "", full: bool = False) -> PageLine:
    """A line of the table at `top`: a label fragment in the left column and/or a value line (to the right edge)."""
    words = []
    if label:
        words.append((LEFT, LEFT + CHAR * len(label), label))
    if value:
        words.append((VALUE, RIGHT if full else VALUE + CHAR * len(value), value))
    x0, x1 = words[0][0], words[-1][1]
    return PageLine(" ".join(w[2] for w in words), x0, x1, top, top + CHAR + 1, words=tuple(words))


def _texts(pages: list[list[PageLine]]) -> list[list[str]]:
    return [[ln.text for ln in page] for page in label_rows(pages, lambda text: text in LABELS)]


def test_a_wrapped_label_interleaved_with_its_value_is_one_row():
    page = [
        _line(100, "合作伙伴", "境外合作方须为高等院校、科研机构或企业，并承诺", full=True),
        _line(115, "要求", "投入相应的人员和配套资源。"),
        _line(136, "资助额度", "每项不超过80万元。"),
        _line(157, "申报单位", "省内高等院校和企业均可牵头申报。"),
        _line(172, "条件"),
    ]
    assert _texts([page]) == [
        [
            "合作伙伴要求：境外合作方须为高等院校、科研机构或企业，并承诺投入相应的人员和配套资源。",
            "资助额度：每项不超过80万元。",
            "申报单位条件：省内高等院校和企业均可牵头申报。",
        ]
    ]


def test_a_value_wrapped_over_a_page_break_stays_in_its_row():
    first = [
        _line(700, "资助额度", "每项不超过80万元。"),
        _line(721, "实施期限", "2026年7月至2028年12月，中期评估合格后继续支持，", full=True),
    ]
    second = [_line(95, value="评估不合格的终止实施。"), _line(116, "申报单位", "省内企业。"), _line(131, "条件")]
    assert _texts([first, second]) == [
        [
            "资助额度：每项不超过80万元。",
            "实施期限：2026年7月至2028年12月，中期评估合格后继续支持，评估不合格的终止实施。",
        ],
        ["申报单位条件：省内企业。"],
    ]


def test_without_row_padding_a_known_label_ends_the_row():
    page = [
        _line(100, "资助额度", "每项不超过80万元，分两期拨付，首期拨付百分之六十，", full=True),
        _line(115, value="中期评估合格后拨付其余经费。"),
        _line(130, "实施期限", "两年。"),
        _line(145, "申报单位", "省内企业。"),
        _line(160, "条件"),
    ]
    assert _texts([page]) == [
        [
            "资助额度：每项不超过80万元，分两期拨付，首期拨付百分之六十，中期评估合格后拨付其余经费。",
            "实施期限：两年。",
            "申报单位条件：省内企业。",
        ]
    ]


def test_a_numbered_list_with_a_hanging_indent_stays_as_it_is():
    page = [
        _line(100, "（一）", "申报单位须为省内注册的独立法人单位，具有较好的国际合作基础和", full=True),
        _line(115, value="相应的研发条件。"),
        _line(136, "（二）", "项目负责人年龄不超过60周岁。"),
        _line(157, "（三）", "每个申报单位限报3项。"),
    ]
    assert _texts([page]) == [[ln.text for ln in page]]
