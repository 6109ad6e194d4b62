"""The learned clause scorer: which clause of a named project answers, with weights fitted on labelled questions."""

from __future__ import annotations

import pytest

from assistant.clause_rank import FEATURES, ClauseScorer, clause_scorer
from assistant.learn import classifier
from assistant.learn_clause import clause_leave_guides_out
from assistant.text import compact
from assistant.understand import informative_bigrams
from index.parse import build_guide
from index.vocab import triggers

GUIDE = """青禾市科学技术局关于组织申报2026年度青禾市民生科技项目的通知

一、支持方向

项目1：县域慢病早筛智能辅助诊断技术研究
研究内容：研究多源健康数据融合的慢病风险评估模型，开发面向基层医疗机构的智能辅助诊断系统。
考核指标：辅助诊断系统在不少于20家基层医疗机构应用，早筛准确率不低于90%。
关键词：慢病早筛；辅助诊断；基层医疗
支持强度：市财政资助不超过80万元。
实施周期：2026年7月至2028年6月。

项目2：城市内涝实时监测与智能预警系统研发
研究内容：研究城市内涝多源感知与实时预警技术。
考核指标：预警提前量不少于30分钟。
关键词：内涝；预警
支持强度：市财政资助不超过60万元。
实施周期：2年。
"""


def _top(question: str, label: str = "项目1") -> str:
    guide = build_guide(GUIDE, guide_id="qinghe", source="qinghe.txt")
    project = guide.project(label)
    assert project is not None and len(project.clauses) == 5
    q = compact(question)
    asked = informative_bigrams(q) - informative_bigrams(project.title)
    fired = [kind for kind, pattern in triggers() if pattern.search(q)]
    model = classifier("kind")
    probs = model.predict_proba(question) if model is not None else {}
    scorer = clause_scorer()
    assert scorer is not None, "assistant/weights/clause.json is shipped"
    return scorer.rank(q, asked, fired, project, probs)[0][1].name


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("慢病早筛那个项目，要在多少家基层医疗机构用起来？", "考核指标"),  # no kind word: the figure next to its words
        ("慢病早筛那个项目的关键词有哪些", "关键词"),
        ("慢病早筛那个要做到哪年哪月结束？", "实施周期"),
        ("慢病早筛那个市里给多少钱", "支持强度"),
        ("慢病早筛那个主要研究啥", "研究内容"),
    ],
)
def test_the_shipped_scorer_picks_the_clause_that_answers(question, clause):
    assert _top(question) == clause


def test_shipped_weights_match_the_features_and_record_their_held_out_figure():
    scorer = clause_scorer()
    assert scorer is not None and len(scorer.weights) == len(FEATURES)
    meta = scorer.meta
    assert meta["guides"] >= 15 and meta["questions"] >= 300
    assert meta["leave_guides_out"] > meta["kind_words_alone"]


def test_leave_guides_out_holds_whole_guides_out_and_beats_a_constant():
    # Two features, the first decides: a scorer fitted on other guides must learn it.
    def question(guide: str, right: int) -> tuple[str, list, list, int]:
        rows = [[1.0 if i == right else 0.0] + [0.0] * (len(FEATURES) - 1) for i in range(3)]
        return (guide, rows, [int(i == right) for i in range(3)], 0)

    data = [question(f"g{n % 6}", n % 3) for n in range(60)]
    held = clause_leave_guides_out(data, folds=3)
    assert held.guides == 6 and held.questions == 60
    assert held.scorer == 1.0 and held.rule < 0.5
    fitted = ClauseScorer.fit([r for d in data for r in d[1]], [y for d in data for y in d[2]])
    assert fitted.weights[0] > 0
