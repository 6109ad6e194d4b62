"""Question text helpers shared by understanding and the learned classifiers."""

from __future__ import annotations

import re

from index.vocab.questions import english_terms, questions

_SPACE_NEXT_TO_NON_ASCII = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def compact(text: str) -> str:
    """Lower case; no white space next to Chinese, one space between Latin words ("spatial transcriptomics")."""
    return re.sub(r"\s+", " ", _SPACE_NEXT_TO_NON_ASCII.sub("", text)).strip().lower()


def bigrams(text: str) -> set[str]:
    """Character bigrams within runs of Chinese characters."""
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def expand_english(question: str) -> str:
    """Append the Chinese terms an English question stands for (the guides are Chinese)."""
    if not re.search(r"[A-Za-z]{3,}", question):
        return question
    extra = [zh for pattern, zh in english_terms() if pattern.search(question)]
    return question + " " + " ".join(extra) if extra else question


def expand_abbreviations(question: str) -> str:
    """The question with the short names of programmes written out (杰青 → 杰出青年, questions.toml [abbreviations])."""
    for short, full in questions().abbreviations.items():
        if short in question and full not in question:
            question = question.replace(short, full)
    return question
