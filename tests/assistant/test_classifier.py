"""The question classifier: trained with scikit-learn, stored as JSON, applied with numpy alone."""

from __future__ import annotations

import pytest

from assistant.classifier import FORMAT_VERSION, TextClassifier
from assistant.learn import leave_guides_out

TRAIN = [
    ("这个项目给多少钱", "funding"),
    ("资助强度是多少万元", "funding"),
    ("市级财政最多支持多少经费", "funding"),
    ("单位要配套出资多少", "funding"),
    ("项目做几年", "period"),
    ("实施周期多长", "period"),
    ("执行期限是几年", "period"),
    ("要做多久才能结题", "period"),
    ("联系电话是多少", "contact"),
    ("有问题打给谁", "contact"),
    ("咨询电话和邮箱", "contact"),
    ("找谁问申报的事", "contact"),
]


@pytest.fixture(scope="module")
def model() -> TextClassifier:
    return TextClassifier.fit([t for t, _ in TRAIN], [y for _, y in TRAIN])


@pytest.mark.parametrize(
    ("question", "label"), [("能给多少钱啊", "funding"), ("周期几年", "period"), ("电话多少，打给谁", "contact")]
)
def test_unseen_wording_gets_the_right_label(model, question, label):
    assert model.predict(question)[0] == label


def test_probabilities_sum_to_one_and_survive_a_json_round_trip(model, tmp_path):
    path = tmp_path / "kind.json"
    model.save(path)
    again = TextClassifier.load(path)
    p, q = model.predict_proba("项目做几年"), again.predict_proba("项目做几年")
    assert abs(sum(p.values()) - 1) < 1e-5
    assert all(abs(p[k] - q[k]) < 1e-3 for k in p)


def test_a_text_with_no_known_ngram_gets_the_prior_not_a_crash(model):
    label, probability = model.predict("ZZZZ")
    assert label in {"funding", "period", "contact"} and 0 < probability < 1


def test_weights_of_another_format_are_refused(model):
    data = model.to_json() | {"format": FORMAT_VERSION + 1}
    with pytest.raises(ValueError, match="retrain"):
        TextClassifier.from_json(data)


def test_leave_guides_out_never_tests_on_a_guide_it_trained_on():
    items = [{"question": t, "kind": y, "intent": "fact", "guide": f"g{i % 3}"} for i, (t, y) in enumerate(TRAIN * 2)]
    result = leave_guides_out(items, "kind", folds=3)
    assert result.questions == len(items)
    assert set(result.per_guide) == {"g0", "g1", "g2"}
