"""申报资格自查 on the seeds: typed conditions, verdicts from evals/selfcheck.jsonl, the check command, the chat hook."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.current import parse_folder
from assistant.eligibility import guide_conditions
from assistant.selfcheck import ProfileError, check, profile_from_dict
from assistant.selfcheck_chat import selfcheck_answer
from tests.conftest import GUIDES, ROOT

CASES = [json.loads(line) for line in (ROOT / "evals" / "selfcheck.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def guides():
    return parse_folder(GUIDES)


def _verdicts(guides, profile: dict) -> dict[tuple[str, str], object]:
    return {(r.guide_id, r.project): r for r in check(profile_from_dict(profile), guides)}


def test_selfcheck_facts_pass_with_no_wrong_lead_verdict(guides):
    assert len(CASES) >= 40
    wrong_lead, wrong = [], []
    for case in CASES:
        result = _verdicts(guides, case["profile"])[(case["guide_id"], case["project"])]
        if result.verdict != case["verdict"]:
            wrong.append((case["id"], case["verdict"], result.verdict, result.reason))
            if result.verdict == "可以牵头":
                wrong_lead.append(case["id"])
    assert wrong_lead == []
    assert wrong == []


def test_facts_cover_every_verdict_and_guide():
    assert {c["verdict"] for c in CASES} == {"可以牵头", "可以参与", "不符合", "需人工确认"}
    assert len({c["guide_id"] for c in CASES}) == 5
    assert all("L" in c["note"] for c in CASES)


def test_lead_verdict_cites_the_clause_it_rests_on(guides):
    result = _verdicts(guides, {"unit_type": "企业", "region": "重庆市渝北区"})[
        ("cq-2024-population-health", "项目十八")
    ]
    assert result.verdict == "可以牵头"
    lead = next(c for c in result.conditions if c.kind == "lead_unit")
    assert (lead.quote, lead.lines, lead.met, lead.clause) == ("企业牵头", (882, 882), True, "申报条件")


def test_text_no_rule_reads_stays_a_manual_condition(guides):
    biomedicine = next(g for g in guides if g.id == "cq-2023-biomedicine")
    manual = [c for c in guide_conditions(biomedicine)["项目十"] if c.kind == "manual"]
    assert [c.quote for c in manual] == ["申报品种近3年年均销售额不少于5000万元(申报时须提供相关证明材料)"]
    assert manual[0].lines == (418, 420) and manual[0].binding


def test_jiangsu_notice_conditions_are_typed_and_scoped(guides):
    jiangsu = next(g for g in guides if g.id == "js-2025-frontier-health")
    conditions = guide_conditions(jiangsu)
    clinical, centre = conditions["2001"], conditions["1001"]
    assert {c.region for c in clinical if c.kind == "region"} == {"江苏省"}
    assert any(c.kind == "held" and c.lines == (53, 53) for c in clinical)
    assert any(c.kind == "exclude_unit" and c.units[0].types == ["政府机关"] for c in clinical)
    assert any(c.kind == "join" and c.subject_not_grade == "三级甲等" for c in clinical)
    young = next(c for c in clinical if c.born_on_or_after)
    assert (young.kind, young.born_on_or_after, young.binding) == ("encourage", date(1985, 1, 1), False)
    # 定向委托 is the rule of the 国家医学中心 category only (L37)
    assert any(c.kind == "org_mode" and c.binding for c in centre)
    assert not any(c.kind == "org_mode" and c.binding for c in clinical)


def test_every_quote_is_guide_text(guides):
    for guide in guides:
        text = "".join([s.text for s in guide.sections] + [c.text for p in guide.projects for c in p.clauses]).replace(
            "\n", ""
        )
        for conditions in guide_conditions(guide).values():
            for c in conditions:
                for part in c.quote.split(","):
                    assert part in text, (guide.id, c.quote)


def test_unknown_profile_key_is_an_error_naming_it():
    with pytest.raises(ProfileError, match="无法识别的键：hospital"):
        profile_from_dict({"unit_type": "医院", "hospital": "三甲"})
    with pytest.raises(ProfileError, match="医院等级“四级”"):
        profile_from_dict({"hospital_grade": "四级"})
    with pytest.raises(ProfileError, match="YYYY-MM-DD"):
        profile_from_dict({"pi_birth_date": "六八年"})


def test_check_command_prints_the_json_contract(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('unit_type = "企业"\nregion = "重庆市渝北区"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["results"]
    assert len(results) == 72
    row = next(r for r in results if r["project"] == "项目十八" and r["guide_id"] == "cq-2024-population-health")
    assert row["verdict"] == "可以牵头"
    assert {"text", "quote", "lines", "met"} <= set(row["conditions"][0])


def test_check_command_rejects_unknown_keys_without_traceback(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('unit_type = "企业"\nfoo = 1\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--profile", str(profile)])
    assert result.exit_code == 2
    assert "无法识别的键：foo" in result.output and "Traceback" not in result.output


def test_chat_question_gets_the_same_verdicts(guides):
    answer = selfcheck_answer("我们是重庆的企业，能报哪些项目？", guides)
    assert answer is not None and not answer.refused
    assert "可以牵头（5项）" in answer.answer and "项目十八" in answer.answer
    assert any(c.project == "项目十八" and c.lines == (882, 882) for c in answer.citations)
    assert selfcheck_answer("项目十八的资助强度是多少？", guides) is None


def test_chat_reads_grade_and_birth_year(guides):
    answer = selfcheck_answer("我们是二级医院，负责人1968年出生，哪些项目能牵头？", guides)
    assert "单位类型：医院（二级）" in answer.answer and "负责人出生：1968" in answer.answer
    assert "可以牵头（" not in answer.answer  # no region given: nothing is certain


@pytest.mark.slow
def test_assistant_routes_selfcheck_questions(built_index):
    from assistant.assistant import Assistant
    from assistant.settings import Settings

    answer = Assistant.from_settings(Settings(data_dir=built_index)).ask("我们是重庆的企业，能报哪些项目？")
    assert "可以牵头（5项）" in answer.answer
    assert answer.citations and answer.citations[0].guide_id == "cq-2024-population-health"


def test_web_form_leaves_unfilled_fields_unknown():
    from assistant.web_tabs import NOT_GIVEN, _profile

    assert _profile("企业", NOT_GIVEN, " ", "", NOT_GIVEN, "", "") == {"unit_type": "企业"}
    filled = _profile("医院", "三级甲等", "江苏省南京市", "1980", "副高", "0", "三级甲等医院，企业")
    profile = profile_from_dict(filled)
    assert (profile.projects_held, profile.partners) == (0, ["三级甲等医院", "企业"])


def test_chat_question_naming_a_project_checks_that_project_only(guides):
    answer = selfcheck_answer(
        "我们是重庆的企业，项目十八能报吗？", guides, projects=[("cq-2024-population-health", "项目十八")]
    )
    assert answer.answer.startswith("按您提供的情况（单位类型：企业；注册地：重庆市），逐项对照1个项目")
    assert "可以牵头（1项）" in answer.answer


YOUTH_NOTICE = """重庆市科学技术局
关于2025年度青年科技项目申报的通知
一、申报要求
(一)申报单位须为在重庆市注册的高校、科研院所或医疗卫生机构。
(二)项目负责人年龄不超过45周岁。
(三)项目负责人须具有副高及以上职称。
(四)有在研市级科技计划项目的负责人不得牵头申报。
二、申报时间
网上申报截止时间为二〇二五年五月三十日下午五点。
2025年4月1日
附件
2025年度青年科技项目指南
项目一:智能诊疗关键技术研究
1.研究内容:开展研究。
2.申报条件:医疗卫生机构牵头。
"""


@pytest.mark.parametrize(
    ("birth", "title", "verdict"),
    [
        ("1985-02-01", "副主任医师", "可以牵头"),
        (
            "1979-06-01",
            "主任医师",
            "需人工确认",
        ),  # 45 or 46 on the notice's date: the text does not say which day counts
        ("1978", "主任医师", "不符合"),
        ("1985", "主治医师", "不符合"),
        ("", "主任医师", "需人工确认"),
    ],
)
def test_age_title_and_ongoing_rules_of_a_guide_beyond_the_seeds(birth, title, verdict):
    from index.parse import build_guide

    guide = build_guide(
        YOUTH_NOTICE, guide_id="youth", source="youth.txt", meta={"region": "重庆市", "date": "2025-04-01"}
    )
    profile = {"unit_type": "医院", "hospital_grade": "三级甲等", "region": "重庆市渝中区", "title": title}
    profile |= {"projects_held": 0} | ({"pi_birth_date": birth} if birth else {})
    (result,) = check(profile_from_dict(profile), [guide])
    assert result.verdict == verdict, result.reason
    kinds = {c.kind: c for c in result.conditions}
    assert kinds["pi_birth"].lines == (5, 5) and kinds["title"].lines == (6, 6) and kinds["held"].lines == (7, 7)
    held = check(profile_from_dict(profile | {"projects_held": 1}), [guide])[0]
    assert held.verdict != "可以牵头"


def test_results_flag_drafts_past_years_and_closed_applications(guides):
    profile = profile_from_dict({"unit_type": "医院", "hospital_grade": "三级甲等", "region": "江苏省南京市"})
    after = {r.guide_id: r.flags for r in check(profile, guides, date(2025, 3, 28))}
    assert after["js-2025-frontier-health"] == ["网上填报已于2025-03-27 17:30截止"]
    assert after["liuzhou-2022-medical"] == ["2022年度指南"]
    assert after["cq-shapingba-2024-health"] == ["征求意见稿，以正式发布的指南为准", "2024年度指南"]
    before = {r.guide_id: r.flags for r in check(profile, guides, date(2025, 3, 20))}
    assert before["js-2025-frontier-health"] == []
