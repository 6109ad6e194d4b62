"""A small text classifier for questions: character n-gram TF-IDF and multinomial logistic regression.

Trained with scikit-learn (`fit`), stored as plain JSON (vocabulary, idf, coefficients, the training data's
hash and a version), and applied with numpy alone, so answering needs no pickle and costs microseconds.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT_VERSION = 1


def normalise(text: str) -> str:
    """NFKC, lower case, white space dropped: what the n-grams are taken from."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def ngrams(text: str, low: int = 1, high: int = 3) -> list[str]:
    """Character n-grams of the normalised text, with ^ and $ marking its ends."""
    t = "^" + normalise(text) + "$"
    return [t[i : i + n] for n in range(low, high + 1) for i in range(len(t) - n + 1)]


# Named feature functions: a classifier stores the name of the one it was trained with.
FEATURIZERS: dict[str, Callable[[str], list[str]]] = {"chars": ngrams}


@dataclass
class TextClassifier:
    """Predicts a label distribution for a question."""

    labels: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # labels × features
    intercept: np.ndarray
    data_hash: str = ""
    features: str = "chars"

    @classmethod
    def fit(
        cls, texts: list[str], labels: list[str], c: float = 64.0, min_df: int = 1, features: str = "chars"
    ) -> TextClassifier:
        """Train on (text, label) pairs with scikit-learn."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = TfidfVectorizer(analyzer=FEATURIZERS[features], sublinear_tf=True, min_df=min_df)
        x = vectorizer.fit_transform(texts)
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(x, labels)
        classes = [str(k) for k in model.classes_]
        coef, intercept = model.coef_, model.intercept_
        if len(classes) == 2:  # scikit-learn keeps one row for two classes
            coef, intercept = np.vstack([-coef[0], coef[0]]) / 2, np.array([-intercept[0], intercept[0]]) / 2
        digest = hashlib.sha256("\n".join(f"{t}\t{y}" for t, y in zip(texts, labels, strict=True)).encode()).hexdigest()
        return cls(
            labels=classes,
            vocabulary={k: int(v) for k, v in vectorizer.vocabulary_.items()},
            idf=np.asarray(vectorizer.idf_, dtype=np.float32),
            coef=np.asarray(coef, dtype=np.float32),
            intercept=np.asarray(intercept, dtype=np.float32),
            data_hash=digest[:16],
            features=features,
        )

    def _features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(g for g in FEATURIZERS[self.features](text) if g in self.vocabulary)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        index = np.fromiter((self.vocabulary[g] for g in counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(n) for n in counts.values()), dtype=np.float32, count=len(counts))
        weights = tf * self.idf[index]
        return index, weights / (np.linalg.norm(weights) or 1.0)

    def predict_proba(self, text: str) -> dict[str, float]:
        """Probability of every label for this text."""
        index, weights = self._features(text)
        logits = self.intercept + (self.coef[:, index] @ weights if len(index) else 0.0)
        logits = logits - logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return {label: float(v) for label, v in zip(self.labels, p, strict=True)}

    def predict(self, text: str) -> tuple[str, float]:
        """The most probable label and its probability."""
        proba = self.predict_proba(text)
        label = max(proba, key=proba.__getitem__)
        return label, proba[label]

    # -- storage -----------------------------------------------------------------------------
    def to_json(self) -> dict:
        """Plain JSON: vocabulary, idf and weights rounded to 5 decimals."""
        return {
            "format": FORMAT_VERSION,
            "data_hash": self.data_hash,
            "labels": self.labels,
            "features": self.features,
            "vocabulary": self.vocabulary,
            "idf": [round(float(v), 5) for v in self.idf],
            "coef": [[round(float(v), 5) for v in row] for row in self.coef],
            "intercept": [round(float(v), 5) for v in self.intercept],
        }

    @classmethod
    def from_json(cls, data: dict) -> TextClassifier:
        """Rebuild a classifier saved by to_json."""
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"classifier format {data.get('format')} is not {FORMAT_VERSION}: retrain it")
        return cls(
            labels=list(data["labels"]),
            vocabulary=dict(data["vocabulary"]),
            idf=np.asarray(data["idf"], dtype=np.float32),
            coef=np.asarray(data["coef"], dtype=np.float32),
            intercept=np.asarray(data["intercept"], dtype=np.float32),
            data_hash=data.get("data_hash", ""),
            features=data.get("features", "chars"),
        )

    def save(self, path: Path) -> None:
        """Write the classifier as JSON."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TextClassifier:
        """Read a classifier written by save."""
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
