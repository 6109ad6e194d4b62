"""Understand a question: which guide, which project, which clause kind, listing or comparison."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from assistant.figure_asked import FigureAsked, figure_asked
from assistant.guide_words import GuideWords
from assistant.learn import classifier, scorer_weights
from assistant.scope import HomophoneIndex, UnknownPlaces, romanised
from assistant.text import (
    COMMON_WORD_FREQUENCY,
    abbreviates,
    expand_abbreviations,
    expand_english,
    mostly_latin,
    word_frequency,
)
from assistant.text import bigrams as _bigrams
from assistant.text import compact as _compact
from index.gazetteer import gazetteer
from index.models import Guide
from index.vocab import clauses, evidence, triggers
from index.vocab.questions import (
    asks_allowed,
    details,
    each_of,
    injection,
    intent_patterns,
    kinds_join,
    limit,
    not_a_guide_year,
    numeral_words,
    points_at_unit,
    question_words,
    questions,
    refers_back,
    side_join,
    supposing,
    wants_to_apply,
    within_unit,
)

CN_DIGITS = "零一二三四五六七八九"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def cn_number(n: int) -> str:
    """1..99 → 一..九十九, as project labels print them."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def parse_cn_number(text: str) -> int | None:
    """一..九十九 (or digits) → int; the longest numeral the text starts with ("十八三峡…" → 18), else None."""
    if text.isdigit():
        return int(text)
    for end in range(min(len(text), 3), 0, -1):
        if (value := _cn_value(text[:end])) is not None:
            return value
    return None


def _cn_value(text: str) -> int | None:
    if not text or any(ch not in CN_DIGITS + "十两" for ch in text):
        return None
    text = text.replace("两", "二")
    if "十" not in text:
        return CN_DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)


PARTS = re.compile(r"[？?；;。，,]")  # what separates the parts of a question


def asking_parts(q: str) -> list[str]:
    """The sentences of a question that ask something ("我们是高校。能牵头吗？销售额有要求没" → the last two); a
    sentence ended by a question mark asks, and so does one carrying a question word."""
    parts = [m.group(0) for m in re.finditer(r"[^？?；;。!！]+[？?；;。!！]*", q)]
    parts = [side for p in parts for side in _comma_asks(p)]
    parts = [side for p in parts for side in _english_asks(p)]
    return [
        p.strip()
        for p in parts
        # "交到哪儿？" holds no word of content, but asks a detail (the address); "钱是分几次给？" a kind (payment)
        if (
            informative_bigrams(p)
            or any(asked.search(p) for asked, _, _ in details())
            or _ENGLISH_ASK_WORD.search(p)
            or any(pattern.search(p) for _, pattern in _KIND_PATTERNS)
        )
        and (re.search(r"[？?]\s*$", p) or question_words().search(p) or _ENGLISH_ASK_WORD.search(p))
    ]


# English question words, and the auxiliaries that open a yes/no question.
_WH = "what|what's|how|when|who|whom|which|where"
_AUX = "is|are|can|does|do|must|will|should|could"
# An English sentence asking a second thing after "and" or a comma ("what's the age cap and how much does one grant
# give?"): a question word or auxiliary opens the second ask.
_ENGLISH_ASK = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:{_WH}|{_AUX})\b)", re.I)
_ENGLISH_ASK_WORD = re.compile(rf"\b(?:{_WH})\b|^\s*(?:{_AUX})\b", re.I)


def _english_asks(part: str) -> list[str]:
    """The asks of a sentence written in English, split where a second one opens; else the sentence."""
    if not mostly_latin(part):
        return [part]
    sides = [s for s in _ENGLISH_ASK.split(part) if s.strip()]
    return sides if len(sides) >= 2 else [part]


def _comma_asks(part: str) -> list[str]:
    """A sentence asking two or more kinds on the sides of commas ("是怎么组织的，单个最多给多少？") or of 、 after
    the words saying what they are asked of ("那个重点项目，给多少钱、怎么拨付、研究期限几年？"): its asks; else the
    sentence."""
    for mark in "，,", "、":
        sides = [m.group(0) for m in re.finditer(rf"[^{mark}]+[{mark}]*", part)]
        if len(sides) < 2 or not all(question_words().search(side) for side in sides):
            continue
        kinds = [_first_kind(side) for side in sides]
        if all(kinds) and len(set(kinds)) == len(kinds):
            return sides
    return [part]


def _first_kind(text: str) -> str:
    """The first kind whose question words fire on the text, or ''."""
    return next((kind for kind, pattern in _KIND_PATTERNS if pattern.search(text)), "")


def _asker_asks_if_allowed(question: str) -> bool:
    """Does the asker say what they are and ask whether it is allowed, not how much ("我们是…，可以吗")?"""
    allowed, amount = asks_allowed()
    q = question.strip()
    return _opens_by_telling(q) and allowed.search(q) is not None and amount.search(q) is None


def _asker_wants_to_apply(question: str) -> bool:
    """Does the asker say what they are and that they want to apply ("我们是江苏一所高校，想申报…"), or that they apply
    in some capacity ("如果我是以硕导身份申报的")?"""
    q = question.strip()
    wants, applies_as, _ = wants_to_apply()
    return (_opens_by_telling(q) and wants.search(q) is not None) or applies_as.search(q) is not None


def _opens_by_telling(text: str) -> bool:
    """Does the text open with the asker telling what they are ("我们是…", words in conditions.toml's chat.self)?"""
    from assistant.conditions_vocab import condition_vocab

    return any(text.startswith(word) for word in condition_vocab().chat.self)


def elided_subject(part: str) -> str:
    """What a part of a question is about, for the next part that leaves it out ("汇总表纸质版最晚哪天交？交到哪儿？"
    → 汇总表纸质版): the words before its first question word, without those asking a kind (最晚)."""
    m = question_words().search(part)
    subject = part[: m.start()] if m else part
    for _, pattern in _KIND_PATTERNS:
        subject = pattern.sub("", subject)
    return subject


def elliptic(part: str) -> bool:
    """Is a part of a question too short to say what it is about ("交到哪儿？"): a few characters asking no kind?"""
    return len(re.findall(r"[\u4e00-\u9fff]", part)) <= _ELLIPTIC_CHARS and not _fires_kind(part)


_ELLIPTIC_CHARS = 6


def _asked_after_telling(parts: list[str]) -> list[str]:
    """The parts of a question an asker opens by telling about themselves ("我们是一所外地大学，去年…，到账200万，
    能报…吗？能拿多少？"), from the first that asks on: what they tell (到账) asks no kind."""
    if not parts or not _opens_by_telling(parts[0]):
        return parts
    first = next((n for n, p in enumerate(parts) if question_words().search(p)), 0)
    return parts[first:]


def asked_part(question: str) -> str:
    """The question from its first asking part on, when the asker opens by telling about themselves."""
    parts = re.split(r"(?<=[？?；;。，,])", question)
    return "".join(_asked_after_telling(parts)) or question


def part_kinds(q: str) -> list[str]:
    """The kinds a question in several parts asks, one per part ("要做几年？公开竞争还是定向的？" → period,
    organisation); [] when it asks one thing."""
    kinds: list[str] = []
    if re.search(r"[A-Za-z]{3,}(\s+[A-Za-z]{2,}){3,}", q):
        # An English question asks its parts in one sentence ("how much … and how long"): every kind it names.
        fired = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(q)]
        return list(dict.fromkeys(fired))[:2] if len(set(fired)) >= 2 and " and " in q else []
    for part in _asked_after_telling(PARTS.split(q)):
        if supposing().search(part):
            continue  # "要是企业牵头的话": a condition of the question, not a question
        for fired in _joined_kinds(part):
            if fired and fired not in kinds:
                kinds.append(fired)
    return kinds if len(kinds) >= 2 else []


def _joined_kinds(part: str) -> list[str]:
    """The kinds a part asks: one per side when it asks two or more joined in one breath ("那它的经费和周期呢"), each
    side a kind of its own; else the part's first kind ('' when none fires)."""
    kinds = [_first_kind(side) for side in kinds_join().split(part) if side]
    return kinds if len(kinds) >= 2 and all(kinds) and len(set(kinds)) == len(kinds) else [_first_kind(part)]


_PROJECT_NUMBER = re.compile(r"项目\s*([一二三四五六七八九十两]+|\d{1,2})(?![\d级甲等类])")


def project_numbers(q: str) -> list[int]:
    """The numbers of 项目N labels a question names; 项目一般, 项目一起 are words, not labels."""
    out = []
    for m in _PROJECT_NUMBER.finditer(q):
        if not numeral_words().match(q, m.start(1)) and (n := parse_cn_number(m.group(1))):
            out.append(n)
    return out


# Clause kinds (index/vocab/clauses.toml): which clause kinds and which notice sections answer each kind (those its
# notice_titles list, and those headed by one of its own labels: a notice section "四、申报时间" states the deadline).
KIND_CLAUSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    kid: (tuple(k.answered_by), tuple(dict.fromkeys([*k.notice_titles, *k.labels])))
    for kid, k in clauses().kind.items()
}
KIND_NAMES = {kid: k.name for kid, k in clauses().kind.items()}
# Words in a clause that carry each kind's fact; used to pick the sentence to lead with.
KIND_EVIDENCE = evidence()
# Question words per kind, checked in order.
_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = triggers()
_AGGREGATE = intent_patterns()
AGGREGATES = ("max", "min", "compare", "count", "list")
_INJECTION = injection()
# Places whose guides are not in the corpus are detected so the answer can say so (places of the corpus's own
# guides are taken out at load, so a corpus without 江苏 refuses 江苏 questions too). The places are data.
_REGIONS = gazetteer().place_names()
_NATIONAL = re.compile(r"国家自然科学基金|国自然|国家重点研发计划|科技部|国家社科|nsfc", re.I)
_YEAR = re.compile(r"(20\d{2})\s*年?")
_BATCH = re.compile(r"第\s*([一二三四五六七八九十\d]{1,3})\s*批")  # 第二批: the batch of a year's calls
_STOP_TEXT = (
    "项目技术研究研发应用关键这个那个多少资助经费申报指南可以能不什么哪些要求条件周期实施组织方式牵头单位出资"
    "请问一下的是吗呢啊吧有没有怎么如何需要多久几年考核指标内容方向重点专项市级财政资金支持提供说明其他问题"
    "开发建立构建体系平台系统新型及其与和基于面向"
)
_STOP_BIGRAMS = {_STOP_TEXT[i : i + 2] for i in range(len(_STOP_TEXT) - 1)}
STOP_BIGRAMS = frozenset(_STOP_BIGRAMS)  # bigrams of questions' common words (技术, 项目): they name nothing
_FUNCTION_CHARS = set(questions().function_chars)


def informative_bigrams(text: str) -> set[str]:
    """Bigrams of a question that carry content: no stop bigrams, none with a function character."""
    return {b for b in _bigrams(text) if b not in _STOP_BIGRAMS and not (set(b) & _FUNCTION_CHARS)}


# A Latin term a guide prints as it is (AUC, CT, PCR, mRNA, PET-CT): two capitals, or a capital and a digit.
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z0-9])[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]")


def latin_terms(text: str) -> set[str]:
    """The Latin terms of a question written as guides print them ("what AUC is required" → auc), lower-cased as
    the compacted texts they are looked up in; read from the question as asked (its case tells a term)."""
    return {m.group(0).lower() for m in _ACRONYM.finditer(text)}


@dataclass
class Intent:
    """What a question asks, resolved against the catalog."""

    question: str
    guide_ids: list[str] = field(default_factory=list)
    guide_named: bool = False
    name_shared: bool = False  # the guides were named only by words they share (鹭原 and 潞渊 are both "Luyuan")
    projects: list[tuple[str, str]] = field(default_factory=list)  # (guide id, label)
    group: str = ""
    kinds: list[str] = field(default_factory=list)
    aggregate: str = ""
    injection: bool = False
    outside: str = ""  # a guide the corpus does not have (region, programme or year)
    missing_label: str = ""  # a project label named that no guide in scope has (项目二十五)
    from_history: bool = False
    by_label: bool = False  # the project was named by its label, not by words of its title
    search_text: str = ""  # the question without the words that name the guide (those are filters)
    written_text: str = ""  # … its colloquial words as guides print them (软著 → 软件著作权): a listing's topic
    part_kinds: list[str] = field(default_factory=list)  # a question in parts: the kind each part asks, in order
    label: str = ""  # the intent classifier's label: fact, list, count, max, min, compare, yesno, selfcheck, ...
    intent_probability: float = 0.0
    figure: FigureAsked | None = None  # "哪几类的单项上限是30万元": the units listed are those printing it

    @property
    def kind(self) -> str:
        """The main clause kind asked for, or ''."""
        return self.kinds[0] if self.kinds else ""


def _names_clause(q: str) -> bool:
    """Does the question print a clause label (绩效目标, 考核指标)?"""
    return any(label in q for label in LONG_CLAUSE_LABELS)


# Clause labels of four or more characters: printed in a question, they name the clause asked (绩效目标).
LONG_CLAUSE_LABELS = [label for label in clauses().all_labels() if len(label) >= 4]


def clean_question(text: str) -> str:
    """Strip control characters and surrounding space; NFKC-normalise."""
    return _CONTROL.sub("", unicodedata.normalize("NFKC", text)).strip()


def _ascii_terms(text: str) -> set[str]:
    return {t.lower() for t in re.findall(r"[A-Za-z][A-Za-z0-9+\-]*[A-Za-z0-9+]|[A-Za-z]{2,}|\d+[Dd]", text)}


def _agency_forms(issuer: str) -> set[str]:
    """The agencies of an issuer (one or several, 、-separated) in the forms questions use: 卫生健康委员会, 卫健委."""
    forms: set[str] = set()
    for one in re.split(r"[、，,\s]+", issuer.strip()):
        place, agency = gazetteer().split_issuer(one)
        if place and agency and gazetteer().institution(place) != place:  # a 科研处 is every hospital's
            forms |= {_compact(agency), _compact(gazetteer().agency_short.get(agency, ""))}
    return {f for f in forms if len(f) >= 3}


class Understanding:
    """Resolves questions against the catalog of guides."""

    def __init__(self, guides: list[Guide], learned: bool = True) -> None:
        self.guides = guides
        self.learned = learned
        self._by_id = {g.id: g for g in guides}
        self._keywords: dict[str, list[str]] = {}
        for g in guides:
            # Aliases, and the words its region, issuer (or title) give: 澜沧市科学技术局 → 澜沧, 澜沧市, 澜沧市科技局.
            words = set(g.aliases) | gazetteer().naming_words(g.region, g.issuer, g.title)
            # English questions name places in pinyin ("Jingzhou 2025 key core technology…").
            words |= {romanised(gazetteer().own_place(g.region)[1])} if g.region else set()
            institution = gazetteer().institution(g.issuer) or gazetteer().institution_of_title(g.title)
            if len(institution) >= 4:
                words.add(romanised(institution[:2]))  # "Liantang University" for 楝塘理工大学: its place-name opening
                # 瑢大 for 瑢嶷大学, as 浙大 for 浙江大学: the first character and 大, when that is no word of its own
                # (重大 is one)
                short = institution[0] + "大"
                if institution.endswith("大学") and word_frequency(short) < COMMON_WORD_FREQUENCY:
                    words.add(short)
            self._keywords[g.id] = sorted({_compact(w) for w in words if w}, key=len, reverse=True)
        self._regions_in_corpus = {k for ws in self._keywords.values() for k in ws} | {
            r for g in guides for r in re.findall(r"[\u4e00-\u9fff]{2,3}", g.region)
        }
        # The agencies that issue each guide as questions name them without a place (卫健委, 科技局, 管委会)
        self._agencies = {g.id: _agency_forms(g.issuer) for g in guides}
        self._titles = _TitleIndex(guides)
        self._guide_words = GuideWords(guides)
        self._unknown_places = UnknownPlaces(guides, self._keywords)
        self._homophones = HomophoneIndex(self._keywords)

    # -- guides ---------------------------------------------------------------------------
    def find_guides(self, q: str) -> tuple[list[str], str]:
        """Guides the question names (all matching best), and a named guide the corpus lacks."""
        scores: dict[str, int] = {}
        for gid, words in self._keywords.items():
            hit = [w for w in words if w in q]
            if hit:
                scores[gid] = sum(len(w) for w in hit)
        if not scores:
            # 沙平坝, 沙坪霸, 柳洲: a name written with a homophone of one character still names its guide, before
            # title words do and before the misspelt name is taken for a place no guide is from.
            for gid, hit in self._homophones.hits(q).items():
                scores[gid] = sum(len(w) for w in hit)
        if not scores:
            scores = self._unknown_places.mentioned_in_one(q)  # 屿沣省…, a title OCR read as 屿洋省
        weak = not scores
        if not scores:
            # No place or alias: distinctive title words (重大专项) and project categories (国家医学中心建设支撑).
            scores = self._guide_words.hits(q)
            whole = {gid for gid, _ in self._titles.whole(q)}
            # title words of their own, not only a category name of their projects (产业服务类)
            own = any(w in q for gid in scores for w in self._guide_words.words.get(gid, ()))
            if scores and whole and not own and not whole & set(scores):
                # "国际联合研发项目考核要求…": a unit's title printed whole names its guide before another guide's
                # category name (联合研发类) does.
                scores = dict.fromkeys(whole, max(scores.values()))
            # A word of one guide's title may be a common word of another's project ("深海采矿车那个方向是不是揭榜
            # 挂帅": 揭榜挂帅 is a mode there): when the title words found are all words other guides' projects
            # use too, a guide whose project the question describes counts as much.
            described = {gid for gid, _ in self._titles.match(q, None)} if scores else set()
            titled = described - set(scores)
            # … unless a guide its title words name holds the project described too ("先进制造新材料指南里硫化物
            # 固态电解质那个项目": that guide's own project, not another guide's with the same topic)
            if titled and not described & set(scores) and (not own or self._common_words(q, set(scores))):
                best = max(scores.values())
                scores |= dict.fromkeys(titled, best)
        if weak and (issued := {gid for gid, forms in self._agencies.items() if any(f in q for f in forms)}):
            # "卫健委这个科研项目…": an agency named without a place keeps to the guides it issued; among those the
            # other words choose (or, none choosing, the question is theirs to tell apart), never another issuer's
            scores = {gid: s for gid, s in scores.items() if gid in issued} or dict.fromkeys(issued, 1)
        years = {int(m.group(1)) for m in _YEAR.finditer(q) if 2000 < int(m.group(1)) < 2100}
        # "2018年底引进的博士": a date in the asker's life, not the year of a guide.
        years -= {int(m.group(1)) for m in _YEAR.finditer(q) if not_a_guide_year().match(q, m.end(1))}
        # A four-digit guide code (2001…2022) is not a year unless followed by 年.
        years = {y for y in years if re.search(rf"{y}\s*年", q) or not self._is_code(str(y))}
        outside = ""
        for region in _REGIONS:
            if region in q and not any(region in k or k in region for k in self._regions_in_corpus if len(k) >= 2):
                outside = region
                break
        if national := _NATIONAL.search(q):
            outside = national.group(0)
        if weak and scores:
            # "鄣砻中医药课题道地药材那个方向…": title words of two guides, and a place opening the question that one
            # of them (嵘江市's) is not: that one is not meant
            # (narrowing only: a place no candidate is from leaves them all to the checks below)
            away = self._unknown_places.elsewhere(q, [self._by_id[gid] for gid in scores])
            scores = {gid: s for gid, s in scores.items() if gid not in away} or scores
        if not outside and (not scores or weak) and (unknown := self._unknown_places.find(q, bare=not scores)):
            outside = unknown[0]  # a place no guide of the corpus is from (澜江市…)
        if outside and scores and any(gazetteer().within(outside, g.region) for g in self.guides if g.id in scores):
            outside = ""  # "我们是南京一所高校，江苏…": the asker's city, inside the guide's province
        if outside and scores and any(self._own_place_named(q, g) for g in self.guides if g.id in scores):
            # "翀岵省的国际合作奖，一位香港教授能被提名吗": the guide named by its place; 香港 is the person's
            outside = ""
        if outside and weak:
            return [], outside  # "浙江省…卫生健康领域": a title word of ours does not make 浙江 one of our guides
        if years:
            year_ids = [g.id for g in self.guides if g.year in years]
            if scores:
                scores = {gid: s + 1 for gid, s in scores.items() if gid in year_ids}
            elif not outside:
                scores = dict.fromkeys(year_ids, 1)
            if not scores:
                outside = outside or f"{min(years)}年度"
        if scores and (asked := _BATCH.search(q)):
            # "沙坪坝区2024年第二批…" when the corpus holds its 第一批: another call, not this guide
            titles = {g.id: _BATCH.search(g.title) for g in self.guides if g.id in scores}
            wanted = parse_cn_number(asked.group(1))
            other = {gid for gid, m in titles.items() if m and parse_cn_number(m.group(1)) != wanted}
            scores = {gid: s for gid, s in scores.items() if gid not in other}
            if not scores:
                outside = f"第{asked.group(1)}批"
        if not scores or outside:
            # "广东省2023年…生物医药专项": a province no guide is from, though a year and an alias (生物医药专项) fit
            return [], outside
        best = max(scores.values())
        tied = [gid for gid, s in scores.items() if s == best]
        if len(tied) > 1 and not weak:
            # "重庆…重大专项": the place names three guides; a title word or category singles one out.
            extra = {gid: s for gid, s in self._guide_words.hits(q).items() if gid in tied}
            if extra and list(extra.values()).count(max(extra.values())) == 1:
                return [max(extra, key=extra.get)], ""
        return tied, ""

    @staticmethod
    def _own_place_named(q: str, guide: Guide) -> bool:
        """Does the question name the guide's own place (翀岵省, 翀岵)?"""
        full, short = gazetteer().own_place(guide.region)
        return any(len(name) >= 2 and name in q for name in (full, short))

    def _shared_name(self, q: str, guide_ids: list[str]) -> bool:
        """True when the words naming these guides in q are the same for each (one place in pinyin, 重庆 for three
        guides of the city, a year alone): the name does not say which is meant. A comparison names each by its own
        words."""
        hits = {frozenset(w for w in self._keywords.get(gid, ()) if w in q) for gid in guide_ids}
        if hits == {frozenset()}:
            # named by nothing but a year ("Xiuyuan province's 2024 … call" with 岫 lost from the PDF's text layer)
            return not self._guide_words.hits(q)
        return len(hits) == 1

    @cached_property
    def _bodies(self) -> dict[str, str]:
        """Per guide, its projects' titles and clauses as one text (built on the first question that needs it)."""
        return {g.id: "".join(p.title + "".join(c.text for c in p.clauses) for p in g.projects) for g in self.guides}

    def _common_words(self, q: str, named: set[str]) -> bool:
        """True when every title word the question holds of the `named` guides also occurs in another guide's
        projects (揭榜挂帅, 青年科学家), so it names a kind of project more than a guide."""
        words = {w for gid in named for w in self._guide_words.words.get(gid, ()) if w in q}
        return bool(words) and all(
            any(w in body for gid, body in self._bodies.items() if gid not in named) for w in words
        )

    def _is_code(self, text: str) -> bool:
        return text in self._titles.guides_by_label

    # -- projects -------------------------------------------------------------------------
    def find_projects(
        self, q: str, guide_ids: list[str], counting: bool = False
    ) -> tuple[list[tuple[str, str]], str, bool]:
        """Projects named by label or by words of their title, a group (方向一) if named, and whether by label.

        `counting` (a count or listing): runs copied from a named guide's title name that guide, not a project."""
        scope = set(guide_ids) if guide_ids else None
        labels: list[str] = []
        labels += [f"项目{cn_number(n)}" for n in project_numbers(q)]
        for m in re.finditer(r"第\s*([一二三四五六七八九十两]+|\d{1,2})\s*(?:个|号)?\s*项目?", q):
            n = parse_cn_number(m.group(1))
            if n:
                labels.append(f"项目{cn_number(n)}")
        for m in re.finditer(r"(\d{1,2})\s*号\s*项目|project\s*(?:no\.?\s*)?(\d{1,2})(?!\d)", q, re.I):
            labels.append(f"项目{cn_number(int(m.group(1) or m.group(2)))}")
        for m in re.finditer(r"方向\s*(\d(?:\s*-\s*\d)?)", q):
            labels.append("方向 " + re.sub(r"\s", "", m.group(1)))
        for m in re.finditer(r"(?<!\d)(\d{4})(?!\s*年|\d)", q):
            labels.append(m.group(1))
        labels += self._titles.labels_in(q)
        group = ""
        if m := re.search(r"方向\s*([一二三四五六七八九十]+)", q):
            group = f"方向{m.group(1)}"
        found = [
            (gid, self._titles.label_of.get((gid, lab), lab))
            for lab in dict.fromkeys(labels)
            for gid in self._titles.guides_by_label.get(lab, ())
            if scope is None or gid in scope
        ]
        if found:
            return found, group, True
        # Words that name the guide are not words of a project title.
        stripped = self.strip_guide_words(q, guide_ids)
        for gid in guide_ids:
            if (guide := self._by_id.get(gid)) is None:
                continue
            if counting:  # "智能制造与工业软件专项…几个": the guide, not a project
                stripped = title_runs_off(stripped, _compact(guide.title))
            else:
                # "焜秭省自然科学基金的青年项目…": a run copied from the guide's title that no unit's title holds names
                # the guide; its words (科学) are no unit's (应用统计与数据科学)
                titles = [_compact(p.title) for p in guide.projects]
                stripped = title_runs_off(
                    stripped, _compact(guide.title), only=lambda run, titles=titles: not any(run in t for t in titles)
                )
        parts = [p for p in self._titles.split_sides(stripped, scope) if p.strip()]
        if len(parts) >= 2:
            # "A那个和B那个比": each side names one project.
            per_part = [self._titles.match(p, scope, mention=True) for p in parts]
            if sum(1 for m in per_part if len(m) == 1) >= 2:
                return [m[0] for m in per_part if len(m) == 1], group, False
        return self._titles.match(stripped, scope), group, False

    def _without_titles(self, q: str, projects: list[tuple[str, str]]) -> str:
        """The question with the titles of the projects it names printed whole taken out."""
        for gid, label in projects:
            guide = self._by_id.get(gid)
            project = guide.project(label) if guide is not None else None
            if project is not None and len(title := _compact(project.title)) >= 4:
                q = q.replace(title, " ")
        return q

    def _without_title_words(self, q: str, projects: list[tuple[str, str]]) -> str:
        """The question without the kind words it copies from the titles of the projects it names ("科技特派员团队和
        农村实用技术培训推广两个任务，资助方式…": 推广 is the title's), unless no other kind word is left."""
        out = q
        for gid, label in projects:
            guide = self._by_id.get(gid)
            if guide is not None and (project := guide.project(label)) is not None:
                out = _mention_kind_words_off(out, _compact(project.title))
        return out if out != q and _fires_kind(out) else q

    def strip_guide_words(self, q: str, guide_ids: list[str] | None) -> str:
        """The question without the words that named its guides."""
        for gid in guide_ids or []:
            for word in self._keywords.get(gid, []):
                q = q.replace(word, " ")
        return re.sub(r"20\d\d\s*年度?", " ", q).strip()

    def compared_sides(self, question: str, guide_ids: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        """What a comparison names and what it asks of each ("国家医学中心建设支撑项目和临床诊疗关键技术攻关项目，支持强度
        和组织方式有啥区别" → the two names, then (funding, 支持强度) and (organisation, 组织方式) in the order asked).
        The names are the sides of the one part joined by 和/跟/与 none of whose sides asks a kind; ([], []) when no
        part is such, or nothing else in the question asks a kind."""
        q = _compact(question)
        scope = set(guide_ids) if guide_ids else None
        for part in PARTS.split(q):
            stripped = self.strip_guide_words(part, guide_ids)
            sides = [s for s in self._titles.split_sides(stripped, scope) if s.strip()]
            if len(sides) < 2 or any(_fires_kind(s) for s in sides):
                continue
            rest = q.replace(part, "，")
            asked = sorted(
                (m.start(), kind, m.group()) for kind, pattern in _KIND_PATTERNS if (m := pattern.search(rest))
            )
            kinds = list({kind: (kind, word) for _, kind, word in reversed(asked)}.values())[::-1]
            return (sides, kinds) if kinds else ([], [])
        return [], []

    # -- the whole question -----------------------------------------------------------------
    def parse(self, question: str, history: list[list[str]] | None = None) -> Intent:
        """Resolve a question (and its history, for follow-ups) into an Intent."""
        q = _compact(expand_abbreviations(expand_english(question)))
        intent = Intent(question=question, injection=bool(_INJECTION.search(question)))
        intent.guide_ids, intent.outside = self.find_guides(q)
        if len(intent.guide_ids) > 1 and history:
            # "那特派员每年得去…" after a turn about 澄岚: words two guides share name the one the conversation is about
            focus = [gid for gid in self._history_guides(history) if gid in intent.guide_ids]
            intent.guide_ids = focus or intent.guide_ids
        elif intent.guide_ids and history and refers_back().search(q) and not self._named_by_name(q):
            # "那什么样的实验室可以申请这个奖补？" after a turn about 霁州: a title word of another guide (实验室) in a
            # question pointing back does not move the conversation
            focus = self._history_guides(history)
            if focus and not set(focus) & set(intent.guide_ids):
                intent.guide_ids = focus
        intent.guide_named = bool(intent.guide_ids)
        intent.name_shared = len(intent.guide_ids) > 1 and self._shared_name(q, intent.guide_ids)
        stripped = self.strip_guide_words(q, intent.guide_ids) or q
        intent.search_text, intent.written_text = stripped, stripped
        for word, same in questions().synonyms.items():
            if word in stripped:
                intent.search_text += same
                intent.written_text = intent.written_text.replace(word, same)
        aggregates = [name for name, pattern in _AGGREGATE if pattern.search(q)]  # in order: the first is the rule's
        counting = "count" in aggregates or "list" in aggregates
        intent.projects, intent.group, intent.by_label = self.find_projects(q, intent.guide_ids, counting)
        if not intent.projects and (numbers := project_numbers(q)):
            intent.missing_label = f"项目{cn_number(numbers[0])}"
        if intent.projects and not intent.guide_ids:
            intent.guide_ids = sorted({gid for gid, _ in intent.projects})
        # Kind words inside a project's title the question prints whole name the project, not what is asked
        # ("国外发明专利授权资助要交哪些材料": 资助 is the title's).
        asked = self._without_titles(q, intent.projects)
        for gid in intent.guide_ids if intent.guide_named else []:
            # … and so do kind words inside the named guide's own title ("琤浦研发后补助…联系人是谁": 后补助 is the
            # programme's name, no question of how it is paid)
            if (guide := self._by_id.get(gid)) is not None:
                asked = title_runs_off(asked, _compact(guide.title), shortest=3, only=_fires_kind)
                # … and those of a mention of it in runs ("新型研发机构|补助指南" of 新型研发机构绩效评价补助申报指南)
                asked = _mention_kind_words_off(asked, _compact(guide.title))
        asked = self._without_title_words(asked, intent.projects)
        told = "，".join(_asked_after_telling(PARTS.split(asked)))
        fired = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(told)]
        fired += [kind for kind, pattern in _KIND_PATTERNS if pattern.search(asked) and kind not in fired]
        if "eligibility" not in fired and _asker_wants_to_apply(question) and wants_to_apply()[2].search(question):
            fired.append("eligibility")  # "以硕导身份申报，有什么额外要求": the terms on the asker, who applies
        if "eligibility" in fired and (_asker_asks_if_allowed(question) or _asker_wants_to_apply(question)):
            # "我们是软件企业，想申报…转化资助，可以吗": who may apply, before 资助 of how the unit is named; "我们是一所
            # 高校，想申报…有什么额外要求": the requirements on the asker, not the guide's other notes (额外)
            fired.remove("eligibility")
            fired.insert(0, "eligibility")
        named_kinds = [
            k
            for label in LONG_CLAUSE_LABELS
            if re.search(rf"(?:哪些|什么|啥|哪几[个项条]){re.escape(label)}", told)
            and (k := clauses().kind_of(label)) in fired
        ]
        if named_kinds and fired[0] not in named_kinds:
            # "联合实验室建设期要完成哪些考核指标": the clause the question asks for by its label (哪些考核指标) is asked,
            # not the kind a plain word fired first (建设期)
            fired.remove(named_kinds[0])
            fired.insert(0, named_kinds[0])
        if "period" in fired and "deadline" in fired:
            # "周期多长，到哪天结束": the end date of the period, not an application deadline.
            fired.remove("period")
            fired.insert(0, "period")
        intent.part_kinds = part_kinds(asked)
        self._classify(intent, question, history, fired, aggregates[0] if aggregates else "")
        labels = {label for gid, label in intent.projects if intent.guide_ids and gid == intent.guide_ids[0]}
        named_both = intent.by_label or each_of().search(q)
        if not intent.aggregate and named_both and len(labels) >= 2 and len(intent.guide_ids) == 1:
            # "项目十九和项目十八，市级资助分别最多多少", "政府间合作项目和港澳台合作项目，资助上限各是多少": a fact
            # asked of two projects named (by label, or by title words joined with 和 and asked of each) is a
            # comparison.
            intent.aggregate = "compare"
        if (
            intent.aggregate == "list"
            and len(intent.projects) == 1
            and (intent.by_label or within_unit().search(q) or _names_clause(q))
        ):
            # "项目十八有哪些考核指标", "医共体远程诊疗项目要建哪些诊断中心", "脐橙水肥一体化项目的绩效目标有哪些"
            # list within one project: not projects.
            intent.aggregate = ""
        if not intent.by_label and intent.aggregate in ("", "list", "count") and (figure := figure_asked(asked, fired)):
            # "哪些方向的补助比例是40%": units selected by a figure of a field, not a fact of the unit its words name
            intent.figure, intent.aggregate, intent.projects = figure, intent.aggregate or "list", []
        if history and not intent.guide_named and not intent.by_label and intent.projects and not intent.outside:
            # "这个榜是谁发的？对监测设备有什么限制吗？": words of a title in another guide do not move the
            # conversation away from the guide it is about.
            focus = self._history_guides(history)
            if focus and not any(gid in focus for gid, _ in intent.projects):
                intent.projects, intent.guide_ids = [], []
        if history and intent.projects and not intent.by_label and points_at_unit().search(q):
            # "它那个全国多中心随机对照研究要几个中心": the project of the conversation, whose part the words describe
            intent.projects = []
        if history and intent.aggregate and not intent.guide_ids and not intent.outside:
            # "那这种人才项目最多资助多少钱？": a listing or maximum within the guide the conversation is about.
            self._inherit(intent, history)
            intent.projects = []
        elif history and not intent.projects and not intent.aggregate and not intent.outside:
            self._inherit(intent, history)
            if not intent.kinds and refers_back().search(q):
                # "那高层次人才项目算在里面吗？" asks the previous question's kind of thing; "他们会单独给我们回复吗"
                # (nothing pointing back) asks a thing of its own.
                previous = _compact(history[-1][0]) if history[-1] else ""
                intent.kinds = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(previous)]
        return intent

    def _classify(
        self, intent: Intent, question: str, history: list[list[str]] | None, fired: list[str], rule_aggregate: str
    ) -> None:
        """Kinds from the vocabulary's words; the intent from the learned classifier, the words as its evidence.

        The classifier's label replaces the first intent word that fires only when it is sure of it
        (thresholds in assistant/weights/scorer.toml, fitted on evals/facts.jsonl and the blind set).
        """
        intent.kinds = fired
        intent.aggregate = rule_aggregate
        if rule_aggregate in ("max", "min") and limit().search(question):
            intent.aggregate = ""  # "参与单位最多几家": a limit, asked of the guide
            return
        model = classifier("intent") if self.learned else None
        if model is None:
            return
        previous = history[-1][0] if history and history[-1] else ""
        label, probability = model.predict(question + ("|" + previous if previous else ""))
        intent.label, intent.intent_probability = label, probability
        learned = label if label in AGGREGATES else ""
        w = scorer_weights()
        if learned == rule_aggregate or probability < w["intent_alone"]:
            return
        if rule_aggregate and probability < w["intent_over_rule"]:
            return
        intent.aggregate = learned

    def _named_by_name(self, q: str) -> bool:
        """Does the question name a guide by a place, issuer or alias (not only by words of its title)?"""
        return any(w in q for words in self._keywords.values() for w in words) or bool(self._homophones.hits(q))

    def _history_guides(self, history: list[list[str]]) -> list[str]:
        """The guides the latest turn that named one was about."""
        for turn in reversed(history):
            for text in turn[:2]:
                if text and (gids := self.find_guides(_compact(text))[0]):
                    return gids
        return []

    def _inherit(self, intent: Intent, history: list[list[str]]) -> None:
        """A follow-up keeps the guide and project in focus from the latest turn that had them."""
        for turn in reversed(history):
            previous_q = _compact(turn[0]) if turn else ""
            previous_a = _compact(turn[1]) if len(turn) > 1 and turn[1] else ""
            cited = re.search(r"出处[:：](.*)", previous_a)
            for text in (previous_q, cited.group(1) if cited else previous_a[:300]):
                if not text:
                    continue
                gids, _ = self.find_guides(text)
                gids = intent.guide_ids or gids
                projects, _, _ = self.find_projects(text, gids)
                if projects:
                    intent.projects = projects[:1]
                    intent.guide_ids = [projects[0][0]]
                    intent.from_history = True
                    return
                if gids and not intent.guide_ids:
                    intent.guide_ids = gids
                    intent.from_history = True
            if intent.guide_ids:
                return


_TITLE_STOP_TERMS = {"ai", "the", "of", "and", "how", "much", "what", "project"}


_NICKNAME = re.compile(r"([\u4e00-\u9fff]{2,12})(?:那个|这个|那项|那块)")


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LABEL_EDGE = re.compile(r"[A-Za-z0-9\-.]")  # a character that would continue a label before it
_LABEL_NEXT = re.compile(r"[A-Za-z0-9\-.一二三四五六七八九十]")  # … or after it


def title_runs_off(q: str, title: str, shortest: int = 4, only: Callable[[str], bool] | None = None) -> str:
    """The question without the runs of `shortest` or more characters it copies from the guide's title; with `only`,
    just the runs it holds true of (kind words on their own: 后补助 of 研发投入后补助资金), words across a run's edge
    left alone."""
    out, i = [], 0
    while i < len(q):
        j = i
        while j < len(q) and q[i : j + 1] in title:
            j += 1
        if j - i >= shortest and (only is None or only(q[i:j])):
            out.append(" ")
            i = j
        else:
            out.append(q[i])
            i += 1
    return "".join(out)


_MENTION_RUN = 4  # characters copied from a title from which a run alone is a mention of it (质押融资补助)


def _mention_kind_words_off(q: str, title: str) -> str:
    """The question without the kind words that are part of its mention of a title: a run of 2+ characters copied
    from the title that fires a kind and touches another such run ("农村实用技术培训|推广" of 农村实用技术培训与数字化
    推广), or a run of four or more ("第③项质押融资补助" of 知识产权质押融资补助), not a short one standing apart
    ("…绩效评优秀，奖励分别多少": 奖励 is asked)."""
    runs, i = [], 0
    while i < len(q):
        j = i
        while j < len(q) and q[i : j + 1] in title:
            j += 1
        if j - i >= 2:
            runs.append((i, j))
            i = j
        else:
            i += 1
    out = q
    for n, (start, end) in enumerate(runs):
        touches = (n > 0 and runs[n - 1][1] == start) or (n + 1 < len(runs) and runs[n + 1][0] == end)
        if (touches or end - start >= _MENTION_RUN) and _fires_kind(q[start:end]):
            out = out[:start] + " " * (end - start) + out[end:]
    return out


def _fires_kind(text: str) -> bool:
    """Do the vocabulary's question words of any kind fire on the text?"""
    return any(pattern.search(text) for _, pattern in _KIND_PATTERNS)


class _TitleIndex:
    """Project titles indexed by bigram, ASCII term and character, so matching a question does not scan them all."""

    def __init__(self, guides: list[Guide]) -> None:
        self.titles: dict[tuple[str, str], str] = {}  # (guide id, label) → title, in catalog order
        self.guides_by_label: dict[str, list[str]] = defaultdict(list)
        self.label_of: dict[tuple[str, str], str] = {}  # (guide id, heading label 榜单一) → its code label
        self._by_bigram: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._by_term: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._by_char: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for g in guides:
            for p in g.projects:
                key = (g.id, p.label)
                if g.id not in self.guides_by_label[p.label]:
                    self.guides_by_label[p.label].append(g.id)
                if p.aka and g.id not in self.guides_by_label[p.aka]:
                    self.guides_by_label[p.aka].append(g.id)
                    self.label_of[(g.id, p.aka)] = p.label
                self.titles[key] = p.title
                for b in _bigrams(p.title):
                    self._by_bigram[b].append(key)
                for t in _ascii_terms(p.title):
                    self._by_term[t].append(key)
                for ch in set(p.title):
                    self._by_char[ch].add(key)
        self._order = {key: i for i, key in enumerate(self.titles)}
        self._guide_titles = "".join(_compact(g.title) for g in guides)
        self._compact_titles = {key: _compact(t) for key, t in self.titles.items()}
        # Titles short enough to be written out whole in a question (categories: 重点项目, A类 研发投入增量补助).
        self._short_titles = [(key, t) for key, t in self._compact_titles.items() if 4 <= len(t) <= 12]
        # Labels as printed, compact, longest first, for finding them anywhere in a question (XC-03, 课题3, 2.1).
        self._printed = sorted(
            {(_compact(lab), lab) for lab in self.guides_by_label if len(_compact(lab)) >= 2 and not lab.isdigit()},
            key=lambda cl: (-len(cl[0]), cl),
        )

    def labels_in(self, q: str) -> list[str]:
        """Labels printed in any guide that the question writes out, as whole tokens (课题3 not in 课题30), in the
        order the question writes them."""
        found: list[tuple[int, str]] = []
        taken: set[int] = set()  # positions inside a longer label found (方向1 within 指南方向1)
        spots: set[tuple[int, str]] = set()
        for compact, label in self._printed:  # str.find, not a regex per label: a large corpus has thousands
            start = q.find(compact)
            while start >= 0:
                end = start + len(compact)
                before, after = q[start - 1 : start], q[end : end + 1]
                span = set(range(start, end))
                # "重点项目一项给多少", "科创项目10个名额": a quantity, not project 一's or 10's number
                counted = (compact[-1] in "一二三四五六七八九十" or compact[-1].isdigit()) and numeral_words().match(
                    q, end - 1
                )
                # an English word run on against a label with its own words ("for课题3-1 on…" once the space before
                # it is gone) is none of its characters
                cjk = _CJK.search(compact) is not None
                prev_char = _LABEL_EDGE.match(before or " ") and not (cjk and before.isascii() and before.isalpha())
                next_char = _LABEL_NEXT.match(after or " ") and not (cjk and after.isascii() and after.isalpha())
                same_spot = (start, compact) in spots  # 方向 2 (柳州) and 方向2 (瑢嶷): one label written two ways
                if same_spot or not (span & taken or counted or prev_char or next_char):
                    taken |= span
                    spots.add((start, compact))
                    found.append((start, label))
                    break
                start = q.find(compact, start + 1)
        return [label for _, label in sorted(found)]

    @staticmethod
    def _scoped(keys, scope: set[str] | None) -> list[tuple[str, str]]:
        return [k for k in keys if scope is None or k[0] in scope]

    def _abbreviations(self, q: str, scope: set[str] | None) -> dict[str, tuple[str, str]]:
        """Two-character runs no title (of a project or a guide) contains that stand, in order and close together, in
        exactly one project title (not common words: 联系 abbreviates no 联动数控系统)."""
        found: dict[str, tuple[str, str]] = {}
        for run in re.findall(r"[\u4e00-\u9fff]{2}", re.sub(r"[的了吗呢么啥是有在和与要能可会都还就那这个]", " ", q)):
            if self._scoped(self._by_bigram.get(run, ()), scope) or run in self._guide_titles:
                continue  # a word of a title, or of a guide's title (专项), abbreviates nothing
            if abbreviates(run, self._guide_titles):
                continue  # 科特派 for a guide's 科技特派员: it abbreviates the guide, not one of its units
            candidates = self._scoped(self._by_char.get(run[0], set()) & self._by_char.get(run[1], set()), scope)
            hits = [key for key in candidates if abbreviates(run, self.titles[key])]
            if len(hits) == 1:
                found[run] = hits[0]
        return found

    def clipped(self, q: str, scope: set[str] | None) -> list[tuple[str, str]]:
        """Units the question names by the head and tail of the title with its middle left out ("青年项目" for
        青年科学基金项目, "面上项目"): a run of at least two characters the title opens with, then at least two it ends
        with. Only a title that opens with the head counts, so 优秀青年科学基金项目 is no 青年项目."""
        found = []
        for key, title in self._compact_titles.items():
            if scope is not None and key[0] not in scope:
                continue
            for cut in range(2, len(title) - 3):
                head = title[:cut]
                if head not in q:
                    break
                if any(head + title[end:] in q for end in range(cut + 2, len(title) - 1)):
                    found.append(key)
                    break
        return found

    def split_sides(self, q: str, scope: set[str] | None) -> list[str]:
        """The sides of "A和B" / "A跟B比": split at each joining word that is not inside a word of a title in scope
        (碳中和, 比例)."""
        if not side_join().search(q):
            return [q]
        titles = [t for key, t in self._compact_titles.items() if scope is None or key[0] in scope]
        sides, start = [], 0
        for m in side_join().finditer(q):
            windows = [w for w in (q[max(0, m.start() - 2) : m.end()], q[m.start() : m.end() + 2]) if len(w) >= 3]
            if any(w in t for w in windows for t in titles):
                continue
            sides.append(q[start : m.start()])
            start = m.end()
        return [*sides, q[start:]]

    def whole(self, q: str, scope: set[str] | None = None) -> list[tuple[str, str]]:
        """Units whose short title the question prints whole ("国际联合研发项目")."""
        return [key for key, t in self._short_titles if t in q and (scope is None or key[0] in scope)]

    def match(self, q: str, scope: set[str] | None, mention: bool = False) -> list[tuple[str, str]]:
        """Projects whose titles share distinctive words with the question ("三峡库区药材那个"); a title the question
        prints whole ("重点项目", "青年科学基金项目") names its unit, even when its words are generic. `mention`: q is
        one side of "A和B", a name by itself, as a nickname is."""
        whole = self.whole(q, scope)
        if whole:
            longest = max(len(self.titles[k]) for k in whole)
            return [k for k in whole if len(self.titles[k]) == longest][:3]
        if mention and len(clipped := self.clipped(q, scope)) == 1:
            return clipped
        words = informative_bigrams(q)
        terms = _ascii_terms(q) - _TITLE_STOP_TERMS
        # Abbreviations ("双抗" for 双特异性抗体) count as a word of the one title they abbreviate.
        abbreviated = self._abbreviations(q, scope)
        words |= set(abbreviated)
        if not words and not terms:
            return []
        holders: dict[str, list[tuple[str, str]]] = {}
        for w in words:
            holders[w] = [abbreviated[w]] if w in abbreviated else self._scoped(self._by_bigram.get(w, ()), scope)
        for t in terms:
            holders[t] = self._scoped(self._by_term.get(t, ()), scope)
        # A word found in one title counts 1, in two titles 1/2, …: generic words decide nothing. The words right
        # before 那个 ("固态电解质那个任务，离子电导率…") are how the asker names the project: they count double.
        nicknamed = _NICKNAME.search(q)
        named = _bigrams(nicknamed.group(1)) if nicknamed else set()
        scores: dict[tuple[str, str], float] = defaultdict(float)
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)
        # With a nickname that some title holds, the other words (the fact asked: "离子电导率") count half: they may
        # be words of another project's title.
        other = 0.5 if any(holders.get(b) for b in named) else 1.0
        for w, keys in holders.items():
            weight = (2 if w in terms or w in named else other) / len(keys) if keys else 0.0
            for key in keys:
                scores[key] += weight
                shared[key].append(w)
        if not scores:
            return []
        best = max(scores.values())
        top = sorted((key for key, s in scores.items() if s >= best - 1e-9), key=self._order.__getitem__)
        if len(top) > 3:
            return []
        if best < 1.5:
            # A weak match counts only as a nickname ("跌倒那个") with a word no other title has, said inside one of
            # the question's words ("年人" of 青年|人才 names no 老年人群 project).
            nickname = mention or bool(re.search(r"那个|这个|项目|方向|那项|的$", q))
            own = [w for w in shared[top[0]] if w not in terms and len(holders[w]) == 1]
            if not (nickname and best >= 1.0 and own and _inside_words(own, q)):
                return []
        return top


def _inside_words(bigrams: list[str], q: str) -> bool:
    """Whether the question says one of the bigrams inside one of its words (jieba's): "年人" in 青年人才 straddles
    青年|人才."""
    import jieba

    words = [w for w in jieba.lcut(q) if len(w) >= 2]
    return any(b in w for b in bigrams for w in words)
