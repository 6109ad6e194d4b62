"""Which clause of a project answers a question: a learned scorer over the project's clauses.

Every clause of the named project is a candidate. Its features are evidence, not gates: does its kind answer a
kind the vocabulary's question words fired (first or any), does its printed name echo the question, how many of
the question's informative words it holds and how many of those no other clause of the project holds, does a
figure stand next to them when the question asks for a quantity, does it hold a date when the question asks
when. A logistic regression fitted on labelled questions (evals/labels, `guide-assistant train`) weighs them;
the weights are plain JSON in assistant/weights/clause.json, applied with no scikit-learn at answer time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.text import bigrams, compact
from assistant.understand import KIND_CLAUSES
from index.models import Clause, Project

WEIGHTS_FILE = Path(__file__).resolve().parent / "weights" / "clause.json"
FORMAT_VERSION = 1

FEATURES = (
    "kind_first",  # the clause's kind answers the first kind the question words fired
    "kind_any",  # ... any kind they fired
    "kind_prob",  # the kind classifier's probability that the question asks a kind this clause answers
    "no_kind",  # no kind fired (the content usually answers)
    "no_kind_content",  # no kind fired and the clause says what the project is about (content, problem)
    "name_echo",  # share of the clause name's bigrams the question holds (关键词, 申报单位要求)
    "overlap",  # log(1 + informative question bigrams the clause holds)
    "distinct",  # log(1 + those no other clause of the project holds)
    "quantity_near",  # the question asks a quantity and a figure stands next to a shared word
    "when_date",  # the question asks when and the clause holds a month or a year range
    "has_figure",  # the clause holds a figure
    "content",  # the clause is research content (a prior)
)

_QUANTITY = re.compile(
    r"多少|(?<!哪)几(?!类|种|个方面)|多大|多高|多长|多快|多久|比例|百分之|%|率|how (?:many|much|long)", re.I
)
_WHEN = re.compile(r"什么时候|何时|哪年|哪天|几月|到期|结束|截止|when", re.I)
_DATE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月|20\d{2}\s*年\s*[-—至到~～]|\d{1,2}\s*月\s*\d{1,2}\s*日")
_FIGURE = re.compile(r"\d")
NEAR = 12  # characters between a shared word and a figure
SURE = 1.0  # log-odds 1 = probability 0.73
# A kind asked → the clause kinds that answer it (index/vocab/clauses.toml `answered_by`).
ANSWERS: dict[str, tuple[str, ...]] = {kind: names for kind, (names, _) in KIND_CLAUSES.items()}


def answers(asked_kind: str, clause_kind: str) -> bool:
    """Does a clause of clause_kind answer a question asking asked_kind?"""
    return clause_kind in ANSWERS.get(asked_kind, (asked_kind,))


def _near_figure(text: str, words: set[str]) -> bool:
    for word in words:
        for m in re.finditer(re.escape(word), text):
            window = text[max(0, m.start() - NEAR) : m.end() + NEAR]
            if _FIGURE.search(window):
                return True
    return False


def project_features(
    question: str, asked: set[str], fired: list[str], project: Project, kind_probs: dict[str, float]
) -> list[list[float]]:
    """The feature vector of each clause of the project, in order (each vector in the order of FEATURES).

    asked: the question's informative bigrams (the project's title and the guide's words taken out);
    fired: the kinds the question words fired, in order; kind_probs: the kind classifier's label distribution."""
    texts = [compact(c.text) for c in project.clauses]
    return [
        _features(question, asked, fired, clause, texts[i], texts[:i] + texts[i + 1 :], kind_probs)
        for i, clause in enumerate(project.clauses)
    ]


def _features(
    question: str,
    asked: set[str],
    fired: list[str],
    clause: Clause,
    text: str,
    other_texts: list[str],
    kind_probs: dict[str, float],
) -> list[float]:
    first = fired[0] if fired else ""
    kind_first = float(bool(first) and answers(first, clause.kind))
    kind_any = float(any(answers(k, clause.kind) for k in fired))
    name_bigrams = bigrams(compact(clause.printed_name or clause.name))
    q = compact(question)
    echo = sum(1 for b in name_bigrams if b in q) / len(name_bigrams) if name_bigrams else 0.0
    shared = {b for b in asked if b in text}
    elsewhere = {b for other in other_texts for b in shared if b in other}
    quantity = bool(_QUANTITY.search(question))
    return [
        kind_first,
        kind_any,
        sum(p for k, p in kind_probs.items() if answers(k, clause.kind)),
        float(not fired),
        float(not fired and clause.kind in ("content", "problem")),
        echo,
        math.log1p(len(shared)),
        math.log1p(len(shared - elsewhere)),
        float(quantity and _near_figure(text, shared)),
        float(bool(_WHEN.search(question)) and bool(_DATE.search(text))),
        float(bool(_FIGURE.search(text))),
        float(clause.kind == "content"),
    ]


@dataclass(frozen=True)
class ClauseScorer:
    """Linear weights over FEATURES (a logistic regression's coefficients)."""

    weights: tuple[float, ...]
    bias: float
    meta: dict
    sure: float = SURE  # the score (log-odds) at which a clause of another kind answers when the asked one is absent

    def score(self, x: list[float]) -> float:
        return self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))

    def rank(
        self, question: str, asked: set[str], fired: list[str], project: Project, kind_probs: dict[str, float]
    ) -> list[tuple[float, Clause]]:
        """The project's clauses, best first (the earlier on a tie), with their scores."""
        rows = project_features(question, asked, fired, project, kind_probs)
        scored = [(self.score(x), i, c) for i, (x, c) in enumerate(zip(rows, project.clauses, strict=True))]
        scored.sort(key=lambda t: (-t[0], t[1]))
        return [(s, c) for s, _, c in scored]

    def to_json(self) -> dict:
        return {
            "version": FORMAT_VERSION,
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "sure": self.sure,
            "meta": self.meta,
        }

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> ClauseScorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != FORMAT_VERSION or data.get("features") != list(FEATURES):
            raise ValueError(f"{path}: trained for other features; run `guide-assistant train`")
        return cls(tuple(data["weights"]), data["bias"], data.get("meta", {}), data.get("sure", SURE))

    @classmethod
    def fit(cls, rows: list[list[float]], labels: list[int], meta: dict | None = None) -> ClauseScorer:
        """Fit on candidate rows (1 = the clause answers) with scikit-learn."""
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=1.0, max_iter=2000)
        model.fit(rows, labels)
        return cls(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), meta or {})


@cache
def clause_scorer() -> ClauseScorer | None:
    """The shipped scorer, or None when its weights are missing."""
    return ClauseScorer.load() if WEIGHTS_FILE.exists() else None
