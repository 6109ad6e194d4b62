"""Question text helpers shared by understanding and the learned classifiers."""

from __future__ import annotations

import re

from index.vocab.questions import english_terms, questions

_SPACE_NEXT_TO_NON_ASCII = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def compact(text: str) -> str:
    """Lower case; no white space next to Chinese, one space between Latin words ("spatial transcriptomics")."""
    return re.sub(r"\s+", " ", _SPACE_NEXT_TO_NON_ASCII.sub("", text)).strip().lower()


def mostly_latin(text: str) -> bool:
    """True for text written mostly in English (Latin letters more than twice the Chinese characters)."""
    return len(re.findall(r"[A-Za-z]", text)) > 2 * len(re.findall(r"[\u4e00-\u9fff]", text))


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


def word_frequency(word: str) -> int:
    """How often jieba's dictionary counts the word (0 for a word it lacks: a rare place name, an abbreviation)."""
    import jieba

    jieba.initialize()
    return int(jieba.dt.FREQ.get(word) or 0)


# jieba's count from which a two-character run is a word in its own right (联系 9767, 药材 1287), not an abbreviation
# of a title's words (双抗, 外专, 科特 for 科技特派 count 0–17).
COMMON_WORD_FREQUENCY = 100


def abbreviates(run: str, text: str) -> bool:
    """Does a two-character run that is no common word stand for words of the text, its characters in order and
    close together (外专 in 引进外国专家, 双抗 in 双特异性抗体)?"""
    if len(run) != 2 or run in text or word_frequency(run) >= COMMON_WORD_FREQUENCY:
        return False
    return re.search(f"{re.escape(run[0])}.{{1,4}}{re.escape(run[1])}", text) is not None
