"""Train the question classifiers (clause kind, intent) from labelled questions; evaluate leave-guides-out.

Labelled questions live in evals/labels/*.jsonl (format: evals/labels/README.md). `guide-assistant train`
rebuilds assistant/weights/{kind,intent}.json from them and prints accuracy with whole guides held out.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.classifier import FEATURIZERS, TextClassifier, ngrams
from assistant.text import compact, expand_english
from index.vocab import triggers
from index.vocab.questions import intent_patterns

ROOT = Path(__file__).resolve().parents[1]
LABELS_DIR = ROOT / "evals" / "labels"
WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
TASKS = ("kind", "intent")
SHIPPED = ("intent", "kind")  # the kind classifier is a feature of the clause scorer (not the kind itself)


FEATURES = "chars+words"


def question_features(text: str) -> list[str]:
    """Character n-grams, plus the vocabulary's kind and intent words that fire on the question (as evidence)."""
    question = compact(expand_english(text.split("|", 1)[0]))
    fired = [f"K:{kind}" for kind, pattern in triggers() if pattern.search(question)]
    fired += [f"A:{intent}" for intent, pattern in intent_patterns() if pattern.search(question)]
    return ngrams(text) + fired * 3


FEATURIZERS[FEATURES] = question_features


def load_labels(folder: Path = LABELS_DIR) -> list[dict]:
    """Every labelled question under folder, in file order."""
    items: list[dict] = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name}:{number}: not JSON ({exc})") from None
    return items


def training_text(item: dict) -> str:
    """What the classifier reads: the question, and for a follow-up the previous question after a marker."""
    history = item.get("history") or []
    previous = history[-1][0] if history and history[-1] else ""
    return item["question"] + ("|" + previous if previous else "")


@dataclass(frozen=True)
class HeldOut:
    """Accuracy of one task with whole guides held out of training."""

    task: str
    accuracy: float
    questions: int
    per_guide: dict[str, float]


def guide_folds(guides: Iterable[str], folds: int) -> dict[str, int]:
    """Each guide's fold: the guides in sorted order dealt round the folds (questions of one guide stay together)."""
    return {g: n % folds for n, g in enumerate(sorted(set(guides)))}


def leave_guides_out(items: list[dict], task: str, folds: int = 5) -> HeldOut:
    """Train without each fold's guides, test on them; questions naming no guide form a fold of their own."""
    fold_of = guide_folds((str(i.get("guide")) for i in items), folds)
    right: dict[str, list[bool]] = defaultdict(list)
    for fold in range(folds):
        train = [i for i in items if fold_of[str(i.get("guide"))] != fold]
        test = [i for i in items if fold_of[str(i.get("guide"))] == fold]
        if not test or len({i[task] for i in train}) < 2:
            continue
        model = TextClassifier.fit([training_text(i) for i in train], [i[task] for i in train], features=FEATURES)
        for i in test:
            right[str(i.get("guide"))].append(model.predict(training_text(i))[0] == i[task])
    flat = [v for values in right.values() for v in values]
    return HeldOut(
        task,
        round(sum(flat) / len(flat), 4) if flat else 0.0,
        len(flat),
        {g: round(sum(v) / len(v), 4) for g, v in sorted(right.items())},
    )


def train(items: list[dict], out: Path = WEIGHTS_DIR) -> dict[str, TextClassifier]:
    """Fit every shipped task on all items and write its weights; return the classifiers."""
    models = {}
    for task in SHIPPED:
        # The kind classifier reads the question alone, as the clause scorer asks it.
        texts = [training_text(i) if task == "intent" else i["question"] for i in items]
        model = TextClassifier.fit(texts, [i[task] for i in items], features=FEATURES)
        model.save(out / f"{task}.json")
        models[task] = model
    return models


def label_counts(items: list[dict]) -> dict[str, Counter]:
    """How many questions carry each label, per task."""
    return {task: Counter(i[task] for i in items) for task in TASKS}


@cache
def classifier(task: str) -> TextClassifier | None:
    """The shipped classifier for a task, or None when its weights are missing."""
    path = WEIGHTS_DIR / f"{task}.json"
    return TextClassifier.load(path) if path.exists() else None


SCORER_FILE = WEIGHTS_DIR / "scorer.toml"


@cache
def scorer_weights() -> dict[str, float]:
    """Thresholds for using the learned classifiers (assistant/weights/scorer.toml)."""
    import tomllib

    defaults = {"intent_alone": 0.6, "intent_over_rule": 0.8}
    if not SCORER_FILE.exists():
        return defaults
    return defaults | tomllib.loads(SCORER_FILE.read_text(encoding="utf-8")).get("weights", {})
