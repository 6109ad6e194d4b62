"""A figure a listing question selects units by: "哪几类补助的单项上限是30万元", "哪些课题实施期超过3年"."""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from assistant.numerals import NAMES, Figure, extract, number
from index.vocab.questions import asks_which, questions

# The sentences of a question (a figure belongs to the one that asks which).
_SENTENCES = re.compile(r"[，,。；;？?！!]")
# "立2项", "拟支持1项": a number of funded units (a count the figure reader leaves alone, 项目 is a word).
_UNITS = re.compile(r"(?<![\d.])(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*项(?!目)")
# A length of time above this is a year (2026年), not a period.
_LONGEST_PERIOD = 50
_RELATIONS = {"eq": operator.eq, "gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le}
RELATION_WORDS = {"eq": "为", "gt": "超过", "ge": "不低于", "lt": "低于", "le": "不超过"}


@dataclass(frozen=True)
class FigureAsked:
    """A figure of a listing question and how units compare with it (eq: as printed; gt/ge/lt/le: a bound)."""

    relation: str
    kind: str  # amount (元), percent, duration (months), count (项)
    value: Decimal
    raw: str

    def holds(self, text: str) -> bool:
        """Does a figure of this kind in the text stand in the relation to the asked one?"""
        compare = _RELATIONS[self.relation]
        return any(compare(v, self.value) for v in values(text, self.kind))

    def label(self, name: str) -> str:
        """ "财政资助上限为30万元", "实施周期超过3年"."""
        return f"{'比例' if self.kind == 'percent' else name}{RELATION_WORDS[self.relation]}{self.raw}"


def values(text: str, kind: str) -> list[Decimal]:
    """The figures of a kind a text prints, in comparable units (元, months, 项)."""
    if kind == "count":
        return [v for m in _UNITS.finditer(unicodedata.normalize("NFKC", text)) if (v := number(m.group(1)))]
    return [v for f in extract(text) if (v := _comparable(f, kind)) is not None]


def _comparable(figure: Figure, kind: str) -> Decimal | None:
    if figure.value is None:
        return None
    if figure.kind == "count" and kind == "amount" and figure.raw.rstrip().endswith("万"):
        return Decimal(figure.value[0])  # 30万: ten-thousands of 元
    if figure.kind != kind:
        return None
    if kind == "duration":
        amount, unit = figure.value
        months = {"年": 12, "个月": 1}.get(unit)
        return None if months is None or (unit == "年" and amount > _LONGEST_PERIOD) else Decimal(amount) * months
    return Decimal(figure.value[0])


@cache
def _bounds() -> list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]]:
    return [
        (
            b.relation,
            re.compile(f"(?:{b.before})$") if b.before else None,
            re.compile(f"^(?:{b.after})") if b.after else None,
        )
        for b in questions().figure_bound
    ]


def _relation(before: str, after: str) -> str:
    """The bound the words around a figure make of it ("不超过" beats "超过": the longest match wins)."""
    best, length = "eq", 0
    for relation, prefix, suffix in _bounds():
        for pattern, text in ((prefix, before), (suffix, after)):
            if pattern is not None and (m := pattern.search(text)) and len(m.group(0)) > length:
                best, length = relation, len(m.group(0))
    return best


def figure_asked(question: str, fired: list[str]) -> FigureAsked | None:
    """The figure the sentence asking which units carries, read as the value of a field they print; None when
    there is none, or it is no field's value (a count without a word of funding units, a year)."""
    text = NAMES.sub(" ", unicodedata.normalize("NFKC", question))
    for sentence in _SENTENCES.split(text):
        if not asks_which().search(sentence):
            continue
        for f in extract(sentence):
            kind = "amount" if f.kind == "count" and f.raw.rstrip().endswith("万") else f.kind
            if kind not in ("amount", "percent", "duration") or (value := _comparable(f, kind)) is None:
                continue
            if (kind == "duration" and "period" not in fired) or (kind != "duration" and "funding" not in fired):
                continue  # "营收5000万的企业能报哪些": a figure of the asker's, not of a field the units print
            end = f.start + len(f.raw)
            return FigureAsked(_relation(sentence[: f.start].rstrip(), sentence[end:].lstrip()), kind, value, f.raw)
        if (
            (m := _UNITS.search(sentence))
            and re.search(questions().figure_count_words or "(?!)", sentence)
            and (value := number(m.group(1))) is not None
        ):
            relation = _relation(sentence[: m.start()].rstrip(), sentence[m.end() :].lstrip())
            return FigureAsked(relation, "count", value, m.group(0))
    return None
