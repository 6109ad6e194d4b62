"""How applicants ask (index/vocab/questions.toml): intent words, injections, English terms, follow-ups, negations."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from index.vocab import VOCAB_DIR, _validate


def _regex(value: str) -> str:
    if re.compile(value).search("") is not None:
        raise ValueError(f"pattern matches the empty text, so it matches everywhere: {value[-40:]!r}")
    return value


class IntentWords(BaseModel):
    """Question words that suggest an aggregate intent."""

    model_config = ConfigDict(extra="forbid")

    intent: str = Field(description="max, min, compare, count or list")
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _valid(cls, value: str) -> str:
        return _regex(value)


class _AskedPresent(BaseModel):
    """Words a question asks with, and the words a clause or notice item that answers it carries."""

    model_config = ConfigDict(extra="forbid")

    asked: str
    present: str

    @field_validator("asked", "present")
    @classmethod
    def _valid(cls, value: str) -> str:
        return _regex(value)


class FigureBound(BaseModel):
    """Words before or after a figure that make it a bound of the value asked for (超过3年, 50万元以上)."""

    model_config = ConfigDict(extra="forbid")

    relation: Literal["gt", "ge", "lt", "le"]
    before: str = ""
    after: str = ""

    @field_validator("before", "after")
    @classmethod
    def _valid(cls, value: str) -> str:
        return _regex(value) if value else value


class Detail(_AskedPresent):
    """A specific detail a question may ask about (name: how a refusal names it). `quoted`: an answer must quote a
    mention of it, wherever else the guide mentions it."""

    name: str
    quoted: bool = False
    about_asker: bool = False  # a requirement on the asker (age, title): asked even where the asker only tells it


class Focus(_AskedPresent):
    """The part of a kind's fact a question asks for."""

    kind: str


class Quantity(_AskedPresent):
    """Something counted in a clause's text (病例 → N例): a maximum or minimum over it ranks projects by the number
    printed before `present`, the unit."""

    name: str
    kind: str = "indicators"


class _Unless(BaseModel):
    """`unless`: words that make the asking words mean something else (an empty pattern: none)."""

    unless: str = ""

    @field_validator("unless")
    @classmethod
    def _valid_unless(cls, value: str) -> str:
        return _regex(value) if value else value


class Document(_Unless):
    """A question about the guide as a document (status, issuer, date); `unless`: "这个榜是谁发的" asks for a 发榜单位."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["status", "issuer", "date"]
    asked: str

    @field_validator("asked")
    @classmethod
    def _valid(cls, value: str) -> str:
        return _regex(value)


class AnswerType(_AskedPresent, _Unless):
    """A kind of value a question asks for (a date, a length of time, a share): an answer whose quotes carry no
    such value does not answer it (name: how a refusal names what is missing; `unless`: "指南代码从几号到几号" asks
    for no date)."""

    name: str


class QuestionVocab(BaseModel):
    """questions.toml, validated."""

    model_config = ConfigDict(extra="forbid")

    intent: list[IntentWords]
    injection: str
    anaphora: str
    negation: str
    not_a_guide_year: str
    greeting: str
    numeral_words: str = ""
    generic_title_words: list[str] = Field(default_factory=list)
    listing_filler: str = ""
    group_asked: str = ""
    counted_noun: str = ""
    thing_asked: str = ""
    span_asked: str = ""
    refers_back: str = ""
    document_release: str = ""
    document: list[Document] = Field(default_factory=list)
    limit: str = ""
    within_unit: str = ""
    which_as_that: str = ""
    each_of: str = ""
    side_join: str = ""
    kinds_join: str = ""
    label_join: str = ""
    label_ordinal: str = ""
    asks_whether: str = ""
    points_at_unit: str = ""
    applied_for: str = ""
    not_written: str = ""
    lacks: str = ""
    supposing: str = ""
    function_chars: str = ""
    function_pos: list[str] = Field(default_factory=list)
    announced_later: str = ""
    asks_when: str = ""
    asks_which: str = ""
    question_words: str = ""
    detail: list[Detail] = Field(default_factory=list)
    figure_bound: list[FigureBound] = Field(default_factory=list)
    figure_count_words: str = ""
    focus: list[Focus] = Field(default_factory=list)
    quantity: list[Quantity] = Field(default_factory=list)
    answer_type: list[AnswerType] = Field(default_factory=list)
    planned_count: _AskedPresent | None = None
    total_budget: _AskedPresent | None = None
    english: dict[str, str] = Field(default_factory=dict)
    english_place_words: str = ""
    asks_allowed: str = ""
    asks_amount: str = ""
    wants_to_apply: str = ""
    applies_as: str = ""
    terms_asked: str = ""
    names_asked: str = ""
    across_units: str = ""
    synonyms: dict[str, str] = Field(default_factory=dict)
    name_hints: dict[str, str] = Field(default_factory=dict)
    abbreviations: dict[str, str] = Field(default_factory=dict)

    @field_validator(
        "injection",
        "anaphora",
        "negation",
        "not_a_guide_year",
        "greeting",
        "english_place_words",
        "asks_allowed",
        "asks_amount",
        "wants_to_apply",
        "applies_as",
        "terms_asked",
        "names_asked",
        "across_units",
        "numeral_words",
        "listing_filler",
        "group_asked",
        "counted_noun",
        "thing_asked",
        "span_asked",
        "label_join",
        "label_ordinal",
        "refers_back",
        "document_release",
        "supposing",
        "announced_later",
        "asks_when",
        "asks_which",
        "question_words",
        "figure_count_words",
        "lacks",
        "which_as_that",
        "side_join",
        "kinds_join",
        "asks_whether",
        "points_at_unit",
    )
    @classmethod
    def _valid(cls, value: str) -> str:
        return _regex(value)

    @field_validator("english")
    @classmethod
    def _english_patterns(cls, value: dict[str, str]) -> dict[str, str]:
        for pattern in value:
            _regex(pattern)
        return value


@cache
def questions() -> QuestionVocab:
    """The question vocabulary, loaded once."""
    return _validate(QuestionVocab, VOCAB_DIR / "questions.toml")


@cache
def intent_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(intent, pattern) in file order."""
    return [(w.intent, re.compile(w.pattern, re.I)) for w in questions().intent]


@cache
def injection() -> re.Pattern[str]:
    """Words of an attempt to change the assistant's rules."""
    return re.compile(questions().injection, re.I)


@cache
def anaphora() -> re.Pattern[str]:
    """Words of a follow-up that refers back to something said before."""
    return re.compile(questions().anaphora)


@cache
def lacks() -> re.Pattern[str]:
    """Words saying a unit's text does not mention what follows (没提, 没有)."""
    return re.compile(questions().lacks or r"(?!)")


@cache
def negation() -> re.Pattern[str]:
    """Words that reverse what a listing asks for."""
    return re.compile(questions().negation)


@cache
def english_terms() -> list[tuple[re.Pattern[str], str]]:
    """(English pattern, Chinese term) pairs."""
    return [(re.compile(p, re.I), zh) for p, zh in questions().english.items()]


@cache
def not_a_guide_year() -> re.Pattern[str]:
    """What follows a year that makes it a date in the asker's life ("2018年底引进"), not a guide's year."""
    return re.compile(questions().not_a_guide_year)


@cache
def asks_allowed() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(asks whether it is allowed, asks an amount too)."""
    return re.compile(questions().asks_allowed), re.compile(questions().asks_amount)


@cache
def wants_to_apply() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(wants to apply, said after the asker tells what they are; applies in a capacity, said anywhere; asks the
    terms an applicant must meet)."""
    q = questions()
    return tuple(re.compile(p or r"(?!)") for p in (q.wants_to_apply, q.applies_as, q.terms_asked))


@cache
def names_asked() -> re.Pattern[str]:
    """A count that also asks what the things are called ("分别叫什么"): a listing."""
    return re.compile(questions().names_asked or r"(?!)")


@cache
def across_units() -> re.Pattern[str]:
    """Words saying a total is over all the guide's items ("各事项加起来")."""
    return re.compile(questions().across_units or r"(?!)")


@cache
def greeting() -> re.Pattern[str]:
    """A question that is only a greeting or thanks."""
    return re.compile(questions().greeting, re.I)


@cache
def details() -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """(asked, present, name) per detail, in file order."""
    return [(re.compile(d.asked), re.compile(d.present), d.name) for d in questions().detail]


@cache
def asker_details() -> frozenset[str]:
    """The names of the details that are requirements on the asker ("我是1990年出生的…能报吗" asks the age limit)."""
    return frozenset(d.name for d in questions().detail if d.about_asker)


@cache
def quantities() -> list[tuple[re.Pattern[str], re.Pattern[str], str, str]]:
    """(asked, unit, name, kind) per counted thing, in file order."""
    return [(re.compile(x.asked, re.I), re.compile(x.present), x.name, x.kind) for x in questions().quantity]


@cache
def answer_types() -> list[tuple[re.Pattern[str], re.Pattern[str], str, bool]]:
    """(asked, present, name, matter) per kind of value a question may ask for, in file order, then per detail an
    answer must quote (a matter: quotes that never mention it answer another question, whatever values they carry)."""
    values = [
        (
            re.compile(rf"^(?!.*(?:{t.unless})).*(?:{t.asked})" if t.unless else t.asked, re.I),
            re.compile(t.present),
            t.name,
            False,
        )
        for t in questions().answer_type
    ]
    matters = [(re.compile(d.asked), re.compile(d.present), d.name, True) for d in questions().detail if d.quoted]
    return values + matters


@cache
def planned_count() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(asked, present): how many projects a call plans to fund, asked, and stated in a notice sentence."""
    found = questions().planned_count
    return (re.compile(found.asked, re.I), re.compile(found.present)) if found else None


@cache
def total_budget() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(asked, present): the call's whole budget, asked, and stated in a notice sentence."""
    found = questions().total_budget
    return (re.compile(found.asked, re.I), re.compile(found.present)) if found else None


@cache
def numeral_words() -> re.Pattern[str]:
    """Words that start with a numeral and are no number (一般, 一起…), matched where the numeral starts."""
    return re.compile(questions().numeral_words or r"(?!)")


@cache
def limit() -> re.Pattern[str]:
    """A maximum or minimum asked as a count of things ("最多几家", "至少几项"): a limit the guide states."""
    return re.compile(questions().limit or r"(?!)")


@cache
def not_written() -> re.Pattern[str]:
    """A listing of the projects that lack a clause ("哪些方向没有写申报单位要求")."""
    return re.compile(questions().not_written or r"(?!)")


@cache
def applied_for() -> re.Pattern[str]:
    """What a listing asks units to be open to ("哪些方向可以报重点项目": group `what` holds 重点项目)."""
    return re.compile(questions().applied_for or r"(?!)")


@cache
def asks_whether() -> re.Pattern[str]:
    """A question asking yes or no ("还能报吗", "能不能报")."""
    return re.compile(questions().asks_whether or r"(?!)")


def kinds_join() -> re.Pattern[str]:
    """Words joining two things asked in one breath ("经费和周期")."""
    return re.compile(questions().kinds_join or r"(?!)")


def side_join() -> re.Pattern[str]:
    """Words joining the two sides of a comparison ("A和B哪个多"); 跟 before a partner word joins none."""
    return re.compile(questions().side_join or r"(?!)", re.I)


def each_of() -> re.Pattern[str]:
    """Words that ask a fact of each of the projects named ("各出多少", "分别", "这俩项目")."""
    return re.compile(questions().each_of or r"(?!)", re.I)


@cache
def which_as_that() -> re.Pattern[str]:
    """A 那 typed for 哪 ("那几个的考核指标要求软件著作权？" opening a conversation: no earlier thing it points at)."""
    return re.compile(questions().which_as_that or r"(?!)")


@cache
def within_unit() -> re.Pattern[str]:
    """A "which ones" that asks for things inside one project ("要建哪些诊断中心"), not for projects."""
    return re.compile(questions().within_unit or r"(?!)")


@cache
def document_asks() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    """(kind, asked, unless) per question about the guide as a document."""
    return [
        (d.kind, re.compile(d.asked, re.I), re.compile(d.unless) if d.unless else None) for d in questions().document
    ]


@cache
def document_release() -> re.Pattern[str]:
    """A draft's sentence about its final version."""
    return re.compile(questions().document_release or r"(?!)")


@cache
def group_asked() -> re.Pattern[str]:
    """A count or listing of a guide's groups; the noun asked in group `noun` or `noun2`."""
    return re.compile(questions().group_asked or r"(?!)")


@cache
def counted_noun() -> re.Pattern[str]:
    """A comparison of two units by how many of a thing they require; the thing in group `noun`."""
    return re.compile(questions().counted_noun or r"(?!)")


@cache
def label_join() -> re.Pattern[str]:
    """What joins the numbers of units a notice names in one breath ("指南方向1、2", "方向3至5"): group `range` is set
    when the two numbers bound a range."""
    return re.compile(questions().label_join or r"(?!)")


def label_ordinal() -> re.Pattern[str]:
    """A notice naming a unit by its place in the list ("第4项与第5项不得兼报"): the number in group `n`."""
    return re.compile(questions().label_ordinal or r"(?!)")


def span_asked() -> re.Pattern[str]:
    """Words asking how long a thing inside a project lasts ("随访要多久")."""
    return re.compile(questions().span_asked or r"(?!)")


def thing_asked() -> re.Pattern[str]:
    """A number of a thing asked ("至少要培养几个研究生"): the measure word in group `measure`, the run of words
    naming the thing in group `noun` (units and time spans are excluded by the pattern)."""
    return re.compile(questions().thing_asked or r"(?!)")


@cache
def points_at_unit() -> re.Pattern[str]:
    """A question opening with a pronoun for the project the conversation is about (它那个…)."""
    return re.compile(questions().points_at_unit or r"(?!)")


def refers_back() -> re.Pattern[str]:
    """A question pointing back at what the conversation is about (这个奖补)."""
    return re.compile(questions().refers_back or r"(?!)")


@cache
def listing_filler() -> re.Pattern[str]:
    """Words of a listing question that name no topic."""
    return re.compile(questions().listing_filler or r"(?!)")


@cache
def supposing() -> re.Pattern[str]:
    """Words of a part of a question that supposes something ("要是企业牵头的话") instead of asking it."""
    return re.compile(questions().supposing or r"(?!)")


@cache
def focus() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(kind, asked, present) per focus entry."""
    return [(f.kind, re.compile(f.asked, re.I), re.compile(f.present)) for f in questions().focus]


@cache
def announced_later() -> re.Pattern[str]:
    """Words of a guide saying a date will be announced later."""
    return re.compile(questions().announced_later or r"(?!)")


@cache
def asks_when() -> re.Pattern[str]:
    """Words of a question asking when."""
    return re.compile(questions().asks_when or r"(?!)", re.I)


@cache
def asks_which() -> re.Pattern[str]:
    """Words of a question asking which one."""
    return re.compile(questions().asks_which or r"(?!)", re.I)


@cache
def question_words() -> re.Pattern[str]:
    """Words that make a sentence of a question ask something."""
    return re.compile(questions().question_words or r"(?!)", re.I)
