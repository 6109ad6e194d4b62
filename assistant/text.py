"""Question text helpers shared by understanding and the learned classifiers."""

from __future__ import annotations

import re

from index.vocab.questions import english_terms


def compact(text: str) -> str:
    """Lower case, no white space."""
    return re.sub(r"\s+", "", text).lower()


def expand_english(question: str) -> str:
    """Append the Chinese terms an English question stands for (the guides are Chinese)."""
    if not re.search(r"[A-Za-z]{3,}", question):
        return question
    extra = [zh for pattern, zh in english_terms() if pattern.search(question)]
    return question + " " + " ".join(extra) if extra else question
