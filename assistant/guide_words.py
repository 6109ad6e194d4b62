"""Words that name a guide besides its place: distinctive words of its title, and its projects' categories.

A maintainer adds guides without aliases; applicants say "重大专项里…", "人口健康专项…", "国家医学中心支撑项目…".
These name a guide only when no place or alias in the question does (see Understanding.find_guides).
"""

from __future__ import annotations

import itertools
import re

import jieba

from assistant.categories import category_core, category_name, project_categories
from index.gazetteer import gazetteer
from index.models import Guide
from index.vocab.questions import questions

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# "澄渊省自然科学基金2023年度项目申请指南": the year splits words other titles hold whole (基金项目), and joined to
# a neighbour (年度泓, 年度人口) it makes words no applicant says.
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_PROGRAMME = re.compile(r"[“\"]([\u4e00-\u9fff]{4,20})[”\"](?:重点)?专项")
MIN_WORD = 3  # shorter title words (健康, 医药) name topics, not guides
FUZZY = 0.6  # share of a category's bigrams a question must hold to name it


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def bare_title(title: str) -> str:
    """The title without its year: the words that name the programme."""
    return _YEAR.sub("", title)


def title_words(guide: Guide) -> set[str]:
    """Content words of the title, single (前沿技术) and joined with the next (重大+专项, 人口+健康)."""
    generic = set(questions().generic_title_words)
    places = set(gazetteer().place_names())
    title = bare_title(guide.title)
    raw = [w for w in jieba.lcut(title) if _HAN_RUN.fullmatch(w)]
    content = {w for w in raw if w not in generic and w not in places and not gazetteer().leading_places(w)}
    joined = [
        a + b
        for a, b in itertools.pairwise(raw)
        if (a in content or b in content) and not {a, b} & places and a + b in title
    ]
    # "深海智能探测与作业装备”重点专项" is called 深海专项: the programme name's first word with 专项.
    short = [
        first + "专项"
        for m in _PROGRAMME.finditer(title)
        if len(first := next(iter(jieba.lcut(m.group(1))), "")) >= 2 and _HAN_RUN.fullmatch(first)
    ]
    return {w for w in [*content, *joined, *short] if len(w) >= MIN_WORD}


SHARED_WORD = 4  # a title word shared by a few guides names them only this long
SHARED_GUIDES = 3  # … and only when at most this many guides' titles hold it


class GuideWords:
    """Per guide, its distinctive title words and its category names; which of them a question holds."""

    def __init__(self, guides: list[Guide]) -> None:
        titles = {g.id: bare_title(g.title) for g in guides}
        self.words: dict[str, set[str]] = {}
        # Title words a few guides share (国际科技合作计划 in two provinces' titles): they name those guides together.
        self.shared: dict[str, set[str]] = {}
        for g in guides:
            own = title_words(g)
            self.words[g.id] = {w for w in own if not any(w in t for gid, t in titles.items() if gid != g.id)}
            self.shared[g.id] = {
                w
                for w in own - self.words[g.id]
                if len(w) >= SHARED_WORD and sum(w in t for t in titles.values()) <= SHARED_GUIDES
            }
        self.categories: dict[str, set[str]] = {}
        for g in guides:
            names = {category_name(n) for names in project_categories(g, titled=False).values() for n in names}
            cores = {category_core(n) for n in names}
            self.categories[g.id] = {c for c in cores if len(c) >= 4}
        shared = [
            c
            for gid, cs in self.categories.items()
            for c in cs
            if any(c in o for g2, o in self.categories.items() if g2 != gid)
        ]
        for cs in self.categories.values():
            cs.difference_update(shared)

    def hits(self, q: str) -> dict[str, int]:
        """Per guide the question names this way, a score (characters of the words it holds)."""
        scores: dict[str, int] = {}
        for gid, words in self.words.items():
            if found := [w for w in words if w in q]:
                scores[gid] = sum(len(w) for w in found)
        if scores:
            return scores  # a guide's own title words (深海专项) name it before another's project categories do
        for gid, cores in self.categories.items():
            for core in cores:
                grams = _bigrams(core)
                if core in q or sum(1 for b in grams if b in q) / len(grams) >= FUZZY:
                    scores[gid] = scores.get(gid, 0) + len(core)
        # Title words of a few guides, more of the question than any category it names, name those guides, all
        # alike: "国际科技合作计划" is two provinces' programme, not a third guide's 省科技合作计划 category.
        shared = {
            gid: sum(len(w) for w in found)
            for gid, words in self.shared.items()
            if (found := [w for w in words if w in q])
        }
        if shared and max(shared.values()) > max(scores.values(), default=0):
            return dict.fromkeys(shared, max(shared.values()))
        return scores
