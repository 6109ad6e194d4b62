"""The region gazetteer (index/vocab/regions.toml): places, their short names, and issuers' agencies.

Reads a guide's region from its issuer or title ("X市科学技术局" → X市, "X省Y区科技局" → X省Y区) and
builds the words that name a guide in questions (澜沧市科学技术局 → 澜沧, 澜沧市, 澜沧市科技局).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from index.errors import ConfigError

REGIONS_FILE = Path(__file__).parent / "vocab" / "regions.toml"
_HAN = r"\u4e00-\u9fff"


class Province(BaseModel):
    """A provincial-level division with its short name and major cities."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Full name, e.g. 江苏省, 广西壮族自治区")
    short: str = Field(description="What people call it, e.g. 江苏, 广西")
    english: list[str] = Field(default_factory=list, description="Latin spellings users type")
    cities: list[str] = Field(default_factory=list, description="Major cities, full names (南京市)")


class Gazetteer(BaseModel):
    """Place-name rules and the provinces; validated from regions.toml."""

    model_config = ConfigDict(extra="forbid")

    suffixes: list[str] = Field(min_length=1, description="Endings of a place name, longest first")
    zone_forms: dict[str, str] = Field(
        default_factory=dict, description="Short forms of a development zone's ending (高新技术产业开发区 → 高新区)"
    )
    industry_words: list[str] = Field(
        default_factory=list, description="Industry words between a park's place and its ending (生物医药产业园)"
    )
    agencies: list[str] = Field(min_length=1, description="Agency names that follow the place in an issuer")
    agency_short: dict[str, str] = Field(default_factory=dict, description="Short forms of agencies")
    agency_shape: str = Field(
        default="", description="A regex for agencies not listed (科学技术和工业信息化局) after a place the text names"
    )
    institution_suffixes: list[str] = Field(
        default_factory=list, description="Endings of an issuing institution's name (大学, 医院)"
    )
    institution_office: str = Field(default="", description="A regex for an office after an institution (科研处)")
    title_openers: list[str] = Field(default_factory=list, description="Words a title opens with before its place")
    national_issuers: list[str] = Field(default_factory=list, description="Openings of national issuers (国家…)")
    national_region: str = Field(default="全国", description="The region of a national issuer's guide")
    province: list[Province] = Field(min_length=1)
    question_suffixes: list[str] = Field(
        min_length=1, description="Endings that make a word of a question a place name (澜江 + 市)"
    )
    not_places: list[str] = Field(default_factory=list, description="Words tagged as places that are none (上市)")
    opening_suffixes: list[str] = Field(
        default_factory=list, description="Endings that make the two characters opening a question a place (屿沣省)"
    )
    not_place_chars: str = Field(default="", description="Characters no place name opens with (本省, 各市, 这县)")

    @field_validator("suffixes", "agencies", "industry_words")
    @classmethod
    def _longest_first(cls, values: list[str]) -> list[str]:
        return sorted(values, key=len, reverse=True)

    # -- names ------------------------------------------------------------------------------
    def short_name(self, place: str) -> str:
        """澜沧市 → 澜沧, 广西壮族自治区 → 广西; a name whose stem would be one character stays whole."""
        for p in self.province:
            if place == p.name:
                return p.short
        for suffix in self.suffixes:
            if place.endswith(suffix) and len(place) - len(suffix) >= 2:
                return self._without_industry(place[: -len(suffix)])
        return place

    def _without_industry(self, stem: str) -> str:
        """A park's place without the industry words before its ending: 浯岘生物医药 → 浯岘."""
        changed = True
        while changed:
            changed = False
            for word in self.industry_words:  # longest first
                if stem.endswith(word) and len(stem) > len(word):
                    stem, changed = stem[: -len(word)], True
        return stem

    def zone_short(self, place: str) -> str:
        """A development zone as people say it (翚屺高新技术产业开发区 → 翚屺高新区); any other place unchanged."""
        for long, short in self.zone_forms.items():
            if place.endswith(long):
                return place[: -len(long)] + short
        return place

    def own_place(self, region: str) -> tuple[str, str]:
        """A guide's own place in full and short: 重庆市沙坪坝区 → (沙坪坝区, 沙坪坝); ('', '') when none."""
        places = self.leading_places(region) if region else []
        return (places[-1], self.short_name(places[-1])) if places else ("", "")

    def within(self, place: str, region: str) -> bool:
        """Is the place (a city, full or short: 南京市, 南京) inside the region (a province it belongs to)?"""
        return any(
            (p.name in region or p.short in region) and any(place in (c, self.short_name(c)) for c in p.cities)
            for p in self.province
        )

    def place_names(self) -> list[str]:
        """Every place the gazetteer knows, in the forms users write (全名, 简称, English), longest first."""
        names: set[str] = set()
        for p in self.province:
            names.update((p.name, p.short, *p.english))
            for city in p.cities:
                names.update((city, self.short_name(city)))
        return sorted(names, key=len, reverse=True)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        names = {n for p in self.province for n in (p.name, p.short, *p.cities)}
        known = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        suffixes = "|".join(re.escape(s) for s in self.suffixes)
        return re.compile(rf"(?:{known}|[{_HAN}]{{2,6}}?(?:{suffixes}))")

    def leading_places(self, text: str) -> list[str]:
        """The chain of place names a string starts with: 青岚省云川区科学技术局 → [青岚省, 云川区]."""
        pattern = self._pattern
        places: list[str] = []
        rest = text
        while m := pattern.match(rest):
            place = m.group(0)
            if any(place.endswith(a) or a in place for a in self.agencies) or place.startswith(tuple(self.agencies)):
                break
            if len(short := self.short_name(place)) < 2 or short in self.industry_words:
                break  # 钦|生物医药|产业园 (a scan that lost a character of 嵚漷): an industry, no place before it
            places.append(place)
            rest = rest[len(place) :]
            if not rest or rest.startswith(tuple(self.agencies)):
                break
        return places

    # -- reading a guide's region -------------------------------------------------------------
    def split_issuer(self, issuer: str) -> tuple[str, str]:
        """(place, agency) of an issuer: 澜沧市科学技术局 → (澜沧市, 科学技术局); ('', issuer) when no agency matches."""
        for agency in self.agencies:
            if issuer.endswith(agency) and len(issuer) > len(agency):
                return issuer[: -len(agency)], agency
        if self.agency_shape and (places := self.leading_places(issuer)):
            place = "".join(places)
            if re.fullmatch(self.agency_shape, rest := issuer[len(place) :]):
                return place, rest  # 嵩陵市岚溪区 + 科学技术和工业信息化局, an agency no list names
        if (name := self.institution(issuer)) and (
            not (rest := issuer[len(name) :]) or re.fullmatch(self.institution_office, rest)
        ):
            return name, rest  # 崶湉大学 + 实验室与设备管理处, or the institution alone
        return "", issuer

    def run_issuers(self, text: str) -> list[str]:
        """The issuers a run of characters names one after another, the space between them lost (a web page's
        whitespace collapsed, a letter-spaced signature read as one name): 罍峒市科学技术局罍峒市卫生健康委员会 →
        [罍峒市科学技术局, 罍峒市卫生健康委员会]; [text] when it is one issuer, or no such run of issuers."""
        place, agency = self.split_issuer(text)
        if not place or not agency or self._places_only(place):
            return [text]
        for cut in range(len(text) - 4, 3, -1):  # the longest first issuer first (…局 + 分局 stays one)
            head, rest = text[:cut], text[cut:]
            head_place, head_agency = self.split_issuer(head)
            if not head_agency or not self._places_only(head_place):
                continue
            tail = self.run_issuers(rest)
            if all(self._places_only(self.split_issuer(t)[0]) and self.split_issuer(t)[1] for t in tail):
                return [head, *tail]
        return [text]

    def _places_only(self, text: str) -> bool:
        """Is the text a chain of place names and nothing else (青岚省云川区)?"""
        return bool(text) and "".join(self.leading_places(text)) == text

    def institution(self, text: str) -> str:
        """The institution a string opens with (崶湉大学实验室与设备管理处 → 崶湉大学), or ''."""
        if not self.institution_suffixes:
            return ""
        ends = "|".join(map(re.escape, self.institution_suffixes))
        m = re.match(rf"[{_HAN}]{{2,20}}(?:{ends})", text)
        return m.group(0) if m else ""

    def region_of_issuer(self, issuer: str) -> str:
        """The region an issuer belongs to: 重庆市沙坪坝区科学技术局 → 重庆市沙坪坝区; '' when none is named."""
        first = re.split(r"[、，,\s]+", issuer.strip())[0]
        if first.startswith(tuple(self.national_issuers)):
            return self.national_region
        place, _agency = self.split_issuer(first)
        places = self.leading_places(place) if place else []
        return "".join(places) if places and "".join(places) == place else ""

    def region_of_title(self, title: str) -> str:
        """The region a title names before its year or programme: 关于组织申报璟州市2025年度… → 璟州市."""
        return "".join(self.leading_places(self._title_rest(title)))

    def institution_of_title(self, title: str) -> str:
        """The institution a title names before its programme: 关于组织申报2026年度楝塘理工大学… → 楝塘理工大学."""
        return self.institution(self._title_rest(title))

    def _title_rest(self, title: str) -> str:
        """The title after the words and year it opens with (关于, 组织, 申报, 2025年度)."""
        rest = re.sub(r"\s+", "", title)
        rest = re.sub(r"^(?:20\d{2}年度?)", "", rest)
        changed = True
        while changed:
            changed = False
            for word in self.title_openers:
                if rest.startswith(word):
                    rest, changed = rest[len(word) :], True
        return re.sub(r"^(?:20\d{2}年度?)", "", rest)

    def naming_words(self, region: str, issuer: str, title: str = "") -> set[str]:
        """Words that name a guide in a question: its places in full and short form, its issuers and their short forms."""
        words: set[str] = set()
        places = self.leading_places(region) if region and region != self.national_region else []
        if not places and title:
            places = self.leading_places(self.region_of_title(title))
        # The guide's own place in full and short form; an enclosing place (重庆市 of 重庆市沙坪坝区) by its short
        # name only, so that a question naming the city prefers the city's own guides.
        if places:
            words.update((places[-1], self.short_name(places[-1]), self.zone_short(places[-1]), "".join(places)))
            words.update(self.short_name(p) for p in places[:-1])
        for one in re.split(r"[、，,\s]+", issuer.strip()):
            place, agency = self.split_issuer(one)
            if not place:
                continue
            words.add(one)
            if self.institution(place) == place:
                words.add(place)  # 崶湉大学: an institution names its own calls
            short_agency = self.agency_short.get(agency, "")
            chain = self.leading_places(place) or [place]
            if places and chain[-1] not in places:
                # an issuer's own place the title does not print, or prints otherwise (a scanned title OCR read as
                # 屿洋省 under the issuer 屿沣省科学技术厅) names the guide too
                words.update((chain[-1], self.short_name(chain[-1]), self.zone_short(chain[-1])))
            for name in {place, chain[-1], self.short_name(chain[-1])}:
                words.add(name + agency)
                if short_agency:
                    words.add(name + short_agency)
        return {w for w in words if len(w) >= 2}


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer from index/vocab/regions.toml (read once); a bad file is a ConfigError naming it."""
    try:
        data = tomllib.loads(REGIONS_FILE.read_text(encoding="utf-8"))
        return Gazetteer.model_validate(data)
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"{REGIONS_FILE}: {exc}", "fix the region gazetteer file") from None
