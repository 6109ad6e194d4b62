"""The eligibility and date vocabularies (index/vocab/conditions.toml, dates.toml), validated at load."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

import index

VOCAB_DIR = Path(index.__file__).resolve().parent / "vocab"


class Clauses(BaseModel):
    model_config = ConfigDict(extra="forbid")
    eligibility: list[str]
    funding: list[str]
    notice: list[str]
    limits: list[str]
    empty: list[str]


class Grades(BaseModel):
    model_config = ConfigDict(extra="forbid")
    order: list[str]
    words: dict[str, str]


class Title(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rank: int
    words: list[str]


class Directed(BaseModel):
    model_config = ConfigDict(extra="forbid")
    words: list[str]
    open: list[str]


class Procedure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    words: list[str]


class Hospital(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    parent: str


class Triggers(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lead_after: list[str]
    lead_before: list[str]
    modal: list[str]
    filler: list[str]
    open_list: list[str]
    exclude: list[str]
    join: list[str]
    join_mark: list[str]
    negation: list[str]
    region: list[str]
    own_region: list[str]
    held: list[str]
    held_bar: list[str]
    title_floor: list[str]
    limit_person: list[str]
    limit_unit: list[str]
    cofunding: list[str]
    integrity: list[str]
    encourage: list[str]
    encourage_bar: list[str]
    participation: dict[str, list[str]]
    directed: Directed
    procedure: Procedure


class Chat(BaseModel):
    model_config = ConfigDict(extra="forbid")
    asks: list[str]
    self: list[str]
    no_held: list[str]
    not_self: list[str] = []
    partner_before: list[str] = []
    partner_after: list[str] = []


class ConditionVocab(BaseModel):
    """What conditions.toml holds: clause names, unit types, grades, titles, trigger words."""

    model_config = ConfigDict(extra="forbid")
    clauses: Clauses
    units: dict[str, list[str]]
    hospital: Hospital
    unit_parents: dict[str, list[str]] = Field(default_factory=dict)
    unit_compounds: dict[str, list[str]] = Field(default_factory=dict)
    grades: Grades
    titles: dict[str, Title]
    triggers: Triggers
    chat: Chat

    def unit_words(self) -> list[tuple[str, list[str]]]:
        """(printed word, unit types) pairs, longest word first, so 科技型企业 wins over 企业."""
        pairs = [(w, [t]) for t, words in self.units.items() for w in words]
        pairs += [(w, types) for w, types in self.unit_compounds.items()]
        return sorted(pairs, key=lambda p: -len(p[0]))

    def lead_terms(self) -> dict[str, tuple[str, ...]]:
        """Per unit type, the words that name it in a lead-unit clause: its own words and its parent types'
        ("医院" asks for a project 医疗机构 may lead)."""
        out = {}
        for unit, words in self.units.items():
            parents = self.unit_parents.get(unit, [])
            out[unit] = tuple(dict.fromkeys([*words, *(w for p in parents for w in self.units.get(p, []))]))
        return out

    def grade_words(self) -> list[tuple[str, str]]:
        """(printed grade word, canonical grade), longest first."""
        return sorted(self.grades.words.items(), key=lambda p: -len(p[0]))

    def title_rank(self, word: str) -> int | None:
        """The rank of a title word (正高 3 … 初级 0), or None when unknown."""
        word = word.strip()
        for name, title in self.titles.items():
            if word == name or word in title.words:
                return title.rank
        return None


class DateKind(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    words: list[str]


class Place(BaseModel):
    model_config = ConfigDict(extra="forbid")
    publication: str
    range_start: str
    range_end: str
    other: str
    eligibility: str
    range: str
    application: str
    deadlines: list[str]


class DateVocab(BaseModel):
    """What dates.toml holds: date kinds with the words that announce them."""

    model_config = ConfigDict(extra="forbid")
    kind: list[DateKind]
    place: Place


def _read(name: str) -> dict:
    return tomllib.loads((VOCAB_DIR / name).read_text(encoding="utf-8"))


@cache
def condition_vocab() -> ConditionVocab:
    """The validated eligibility vocabulary."""
    return ConditionVocab.model_validate(_read("conditions.toml"))


@cache
def date_vocab() -> DateVocab:
    """The validated date vocabulary."""
    return DateVocab.model_validate(_read("dates.toml"))
