"""Which guides a question is about: every guide scored by the evidence naming it, with the margin.

The scorer ranks every guide by the words of the question that name it (region, issuer, aliases,
distinctive title words, year), each word weighted by how specific it is in the corpus: a word four
guides share decides less than a word only one guide has. It also finds the places a question names
that no guide covers ("澜江市的指南…" when no guide is from 澜江市), so the assistant can say the
corpus lacks that guide instead of answering from another one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from index.models import Guide

# Suffixes stripped to get the short name people use (澜沧市 → 澜沧, 青岚省 → 青岚).
_SUFFIXES = ("特别行政区", "自治区", "自治州", "省", "市", "区", "县")
_ISSUER_SHORT = (("科学技术局", "科技局"), ("科学技术厅", "科技厅"), ("科学技术委员会", "科委"))
_TITLE_NOISE = re.compile(
    r"20\d\d年度?|第[一二三四五六七八九十]+批|[（(][^)）]*[)）]|申报指南|项目指南|指南|申报|通知|关于"
)
_GENERIC_TITLE_BIGRAMS = {
    "项目",
    "年度",
    "专项",
    "科技",
    "技术",
    "计划",
    "领域",
    "重点",
    "创新",
    "研发",
    "科学",
    "工作",
    "组织",
}


def compact(text: str) -> str:
    """Lower-case, without white space."""
    return re.sub(r"\s+", "", text).lower()


def short_place(name: str) -> str:
    """澜沧市 → 澜沧; 重庆市沙坪坝区 → 沙坪坝 (the last administrative part, without its suffix)."""
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|省|市|区|县)", name)
    last = parts[-1] if parts else name
    for suffix in _SUFFIXES:
        if last.endswith(suffix) and len(last) - len(suffix) >= 2:
            return last[: -len(suffix)]
    return last


def naming_words(guide: Guide) -> set[str]:
    """Words that name this guide: its aliases, region and its parts, issuer and its short forms."""
    words = {compact(a) for a in guide.aliases}
    for region in filter(None, [guide.region]):
        region = compact(region)
        words.add(region)
        for part in re.findall(r"[\u4e00-\u9fff]+?(?:省|市|区|县|州)", region):
            words.update({part, short_place(part)})
    for issuer in re.split(r"[、，,；;\s]+", guide.issuer):
        issuer = compact(issuer)
        if len(issuer) < 4:
            continue
        words.add(issuer)
        for full, short in _ISSUER_SHORT:
            if full in issuer:
                words.add(issuer.replace(full, short))
        if m := re.match(r"([\u4e00-\u9fff]{2,}?(?:省|市|区|县))", issuer):
            words.update({m.group(1), short_place(m.group(1))})
    return {w for w in words if len(w) >= 2}


def _title_bigrams(guide: Guide) -> set[str]:
    stem = _TITLE_NOISE.sub(" ", guide.title)
    runs = re.findall(r"[\u4e00-\u9fff]+", stem)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)} - _GENERIC_TITLE_BIGRAMS


@dataclass(frozen=True)
class GuideScore:
    """One guide's evidence that the question is about it."""

    guide_id: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    """The guides a question names, best first, and the places it names that no guide covers."""

    ranked: tuple[GuideScore, ...] = ()
    unknown_places: tuple[str, ...] = ()

    @property
    def top(self) -> list[str]:
        """Guides tied for the best score (empty when nothing names a guide)."""
        if not self.ranked:
            return []
        best = self.ranked[0].score
        return [g.guide_id for g in self.ranked if g.score >= best - 1e-9]

    @property
    def margin(self) -> float:
        """How far the best guide is ahead of the next one (its whole score when it is alone)."""
        if not self.ranked:
            return 0.0
        second = self.ranked[1].score if len(self.ranked) > 1 else 0.0
        return self.ranked[0].score - second


@dataclass
class GuideScorer:
    """Scores every guide of a corpus against a question by the words that name it."""

    guides: list[Guide]
    _holders: dict[str, set[str]] = field(default_factory=dict, init=False)
    _corpus_text: str = field(default="", init=False)

    def __post_init__(self) -> None:
        holders: dict[str, set[str]] = defaultdict(set)
        for g in self.guides:
            for w in naming_words(g):
                holders[w].add(g.id)
            for b in _title_bigrams(g):
                holders["title:" + b].add(g.id)
        self._holders = dict(holders)
        # Every name a guide prints (titles, project titles, sections): a place found there is known.
        parts = [g.title + g.issuer + g.region + "".join(g.aliases) for g in self.guides]
        parts += [p.title + p.group for g in self.guides for p in g.projects]
        parts += [s.title + s.text[:2000] for g in self.guides for s in g.sections]
        self._corpus_text = compact("".join(parts))

    def _weight(self, word: str) -> float:
        """Longer words and words fewer guides share weigh more."""
        holders = len(self._holders.get(word, ())) or 1
        length = len(word.removeprefix("title:"))
        return length / holders if not word.startswith("title:") else 0.5 / holders

    def score(self, question: str) -> Scope:
        """Rank the guides the question names; list places it names that no guide covers."""
        q = compact(question)
        scores: dict[str, float] = defaultdict(float)
        evidence: dict[str, list[str]] = defaultdict(list)
        matched_names = [w for w in self._holders if not w.startswith("title:") and w in q]
        # A name inside a longer matched name counts once (重庆 inside 重庆市沙坪坝区 is not extra evidence).
        matched_names = [w for w in matched_names if not any(w != o and w in o for o in matched_names)]
        for w in matched_names:
            for gid in self._holders[w]:
                scores[gid] += self._weight(w)
                evidence[gid].append(w)
        bigrams = {q[i : i + 2] for i in range(len(q) - 1)}
        for b in bigrams:
            key = "title:" + b
            for gid in self._holders.get(key, ()):
                scores[gid] += self._weight(key)
                evidence[gid].append(b)
        ranked = sorted(
            (GuideScore(gid, round(s, 4), tuple(evidence[gid])) for gid, s in scores.items() if s > 0),
            key=lambda g: -g.score,
        )
        return Scope(tuple(ranked), tuple(self.unknown_places(question)))

    def unknown_places(self, question: str) -> list[str]:
        """Places the question names that appear nowhere in the corpus (not in any title, issuer, project)."""
        found = []
        for name in place_mentions(question):
            short = short_place(name)
            if compact(name) in self._corpus_text or compact(short) in self._corpus_text:
                continue
            if any(short in w for w in self._holders if not w.startswith("title:")):
                continue
            found.append(name)
        return found


_ADMIN_SUFFIXES = {"省", "市", "区", "县", "州", "自治区", "自治州", "特别行政区"}
# Words jieba tags as places that are not places in applicants' questions.
_NOT_PLACES = {"上市", "城市", "超市", "门市", "市场", "国内", "国外", "境内", "境外", "省内", "市内", "区内", "县域"}


def place_mentions(question: str) -> list[str]:
    """Place names in a question: a word followed by 省/市/区/县, or a place word that ends with one."""
    import jieba.posseg

    words = [(w, flag) for w, flag in jieba.posseg.cut(compact(question)) if w.strip()]
    places: list[str] = []
    for i, (word, flag) in enumerate(words):
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if word in _NOT_PLACES or not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", word):
            continue
        # Only a name with its administrative suffix counts (东西, 上市 are tagged as places too).
        if nxt in _ADMIN_SUFFIXES and flag not in ("v", "d", "p", "c", "u", "r", "m"):
            places.append(word + nxt)
        elif flag == "ns" and word.endswith(tuple(_ADMIN_SUFFIXES)):
            places.append(word)
    return list(dict.fromkeys(places))


def entropy(scope: Scope) -> float:
    """Spread of the scores (0 when one guide holds all the evidence): a confidence signal for callers."""
    total = sum(g.score for g in scope.ranked)
    if total <= 0:
        return 0.0
    return -sum((g.score / total) * math.log(g.score / total) for g in scope.ranked if g.score > 0)


@cache
def _syllable(char: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(char)[0] if "\u4e00" <= char <= "\u9fff" else char


def romanised(name: str) -> str:
    """澜沧 → 'lancang' (pinyin without tones or spaces); '' for a name of fewer than two characters."""
    if len(name) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return ""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))  # whole words: 重庆 is chongqing, not zhongqing


class HomophoneIndex:
    """Names written with a homophone or a typo of one character (沙平坝 for 沙坪坝, 柳洲 for 柳州).

    A name counts when the question holds its syllables in a row and all but one of its characters
    (a two-character name: one). Names are indexed by their syllables, so a question costs one look-up
    per position and name length, whatever the number of guides.
    """

    def __init__(self, names: dict[str, list[str]]) -> None:
        self._by_sound: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
        for key, words in names.items():
            for word in words:
                if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                    self._by_sound[tuple(_syllable(c) for c in word)].append((key, word))
        self._lengths = sorted({len(s) for s in self._by_sound})

    def hits(self, question: str) -> dict[str, list[str]]:
        """{key: names it holds written with a homophone} (names found verbatim are exact hits, not here)."""
        q = compact(question)
        sounds = [_syllable(c) for c in q]
        found: dict[str, list[str]] = defaultdict(list)
        for n in self._lengths:
            for i in range(len(q) - n + 1):
                for key, word in self._by_sound.get(tuple(sounds[i : i + n]), ()):
                    same = sum(1 for a, b in zip(q[i : i + n], word, strict=True) if a == b)
                    if word not in q and same >= max(1, n - 1) and word not in found[key]:
                        found[key].append(word)
        return dict(found)
