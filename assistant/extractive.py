"""Extractive answering: a question resolved against the catalog, answered with the guide's own words and cited.

The checks that come first (which guide is meant, injections, places outside the corpus, a label no guide has)
may answer by asking back or refusing; then the answering strategies are tried in the order of how well they
fit what the question asks (STRATEGIES), the first that answers wins, and retrieval answers the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from assistant import compose
from assistant.aggregate import (
    MEASURED_KINDS,
    aggregate_answer,
    asks_measure,
    named_category,
    notice_stating,
    planned_answer,
)
from assistant.categories import KIND_FIELD, category_notes, longest_common, notice_rules, rule_for
from assistant.clause_rank import ANSWERS, answers, clause_scorer
from assistant.conditions_vocab import condition_vocab
from assistant.document import document_answer, document_kinds
from assistant.fields import count_clause, funding_clause
from assistant.learn import classifier
from assistant.models import Answer, ClarifyOption
from assistant.retrieve import Hit, HybridSearch
from assistant.scope import romanised_names
from assistant.selfcheck_chat import selfcheck_answer
from assistant.settings import Settings
from assistant.text import abbreviates, compact, expand_english, mostly_latin, word_frequency
from assistant.understand import (
    KIND_CLAUSES,
    KIND_EVIDENCE,
    PARTS,
    Intent,
    Understanding,
    _bigrams,
    asked_part,
    asking_parts,
    elided_subject,
    elliptic,
    informative_bigrams,
    latin_terms,
    title_runs_off,
)
from assistant.unit_rules import scoped_rules
from index.layouts.common import inline_clauses
from index.models import Guide, Item, Section
from index.vocab import clauses
from index.vocab.questions import (
    across_units,
    anaphora,
    announced_later,
    answer_types,
    asker_details,
    asks_when,
    asks_whether,
    asks_which,
    counted_noun,
    details,
    focus,
    greeting,
    planned_count,
    question_words,
    questions,
    span_asked,
    thing_asked,
    total_budget,
    which_as_that,
    within_unit,
)

_TITLES = re.compile(r"《[^》]*》|「[^」]*」")
# A number as a guide prints it before the thing it counts ("1名以上", "不少于3家", "两个"); a Chinese numeral only
# with its measure word (同一事项 counts nothing).
_MEASURE = r"(?:个|名|家|篇|件|套|台|例|位|所|人次|人|次|项)"
_PRINTED_NUMBER = (
    rf"(?:\d+(?:\.\d+)?\s*{_MEASURE}?|[一二两三四五六七八九十百]+\s*{_MEASURE})\s*(?:及以上|以上|以下|以内|左右)?\s*的?"
)


# A span of time as a guide prints it ("不少于3年", "12个月"), and how far before it the thing it is the span of stands
# ("随访时间不少于3年").
_PRINTED_SPAN = re.compile(r"\d+(?:\.\d+)?\s*(?:年|个月|月|周|天|日)(?![\d份度底初末])")
_SPAN_REACH = 10


_RULE_WORDS = 2  # question bigrams a notice rule naming the unit holds, beyond the unit's own clauses, to answer
_SITUATION_RUN = 4  # characters a question and a clause share to name the same circumstance ("科技型企业")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _named_in(project, q: str) -> list:
    """The project's clauses whose printed names (3+ characters) the compacted question writes out."""
    return [c for c in project.clauses if len(c.name) >= 3 and compact(c.name) in q]


def _rule_sections(guide: Guide) -> list[Section]:
    """Sections that state rules for the guide's projects: the notice's, the opening text (指南说明) and the
    paragraphs under a group heading (青年科学家项目说明)."""
    return guide.sections_of("notice", "preamble", "group")


def _rules_stating(guide: Guide, pattern: re.Pattern[str]) -> list[tuple[Section, Item | None]]:
    """The (section, item) units of the guide's rule sections whose text the pattern finds (a section without items
    is one unit)."""
    return [
        (section, item)
        for section in _rule_sections(guide)
        for item in (section.items or [None])
        if pattern.search(item.text if item else section.text)
    ]


MIN_FUSED_SCORE = 1.0 / 61 + 1.0 / 75  # top-ranked in one retriever and near the top in the other

CONTENT_KINDS = ("problem", "content")
# Facts every guide states for itself: asked of no guide, the assistant asks which one.
GUIDE_OWN_KINDS = ("deadline", "contact", "quota", "payment", "materials")
UNIT_STATED_KINDS = ("payment", "quota")  # … which a unit's own clauses often state too (分两次拨付, 每单位限报1项)
DATED_KINDS = ("deadline",)  # kinds whose evidence a unit's clause shows by its name (院内截止), not by a date in it
MAX_CLARIFY = 8
ONE_GUIDE_HITS = 4  # passages that, all from one guide, say which guide a question naming none is about
# How far (cosine) the nearest project title must lead the next for an English question to name it; measured on
# the layout corpora's English questions: every lead of 0.016 or more named the project the writer meant (two of
# 0.014 did not).
TITLE_MARGIN = 0.016
_QUERY_VECTORS_KEPT = 256
# Where an English question's phrases break: punctuation, dashes and brackets.
_PHRASE_BREAKS = re.compile(r"[,:;?!()\u2014\u2013]|\s-\s")
HELP_TEXT = (
    "您好！我可以依据已收录的申报指南原文回答申报问题，并给出条款出处。例如："
    "“重庆人口健康专项项目十八给多少钱？”“柳州的项目每家三甲医院能报几项？”"
    "“江苏前沿技术申报截止时间是什么时候？”“哪些项目是定向委托？”"
)


def _printed_alike(guide: Guide, label: str, clause_name: str) -> list:
    """The projects whose clause of this name reads as the given project's does, when two or more do."""
    project = guide.project(label) if label else None
    clause = project.clause(clause_name) if project is not None else None
    if clause is None:
        return []
    text = compact(clause.text)
    alike = [p for p in guide.projects if (c := p.clause(clause_name)) is not None and compact(c.text) == text]
    return alike if len(alike) >= 2 else []


def _name_hinted(clauses: list, question: str):
    """Of clauses alike for the question, the one whose name holds the word its words hint at ([name_hints]: 最多 →
    上限), or None."""
    words = {hint for word, hint in questions().name_hints.items() if word in question}
    hinted = [c for c in clauses if any(w in (c.printed_name or c.name) for w in words)]
    return hinted[0] if len(hinted) == 1 else None


def _part_hinted(project, question: str, chosen):
    """In a question of several parts, another clause of the project one part's words hint at by name ([name_hints]:
    封顶 → 上限), or None."""
    parts = [p for p in PARTS.split(question) if p.strip()]
    if len(parts) < 2:
        return None
    for part in parts:
        if (hinted := _name_hinted(project.clauses, part)) is not None and hinted is not chosen:
            return hinted
    return None


def _outvoted(kind: str, best, project, probs: dict[str, float], asked: set[str]) -> bool:
    """Do the learned readings overrule the kind words? The kind classifier's likeliest kind is the best-ranked
    clause's, not the one the words fired, and that clause alone (of the project's) holds a word of the question
    that the clause of the fired kind lacks."""
    if not probs:
        return False
    likeliest = max(probs, key=probs.__getitem__)
    # the clause must be of the kind's own first choice: a second choice (支持对象 for who may apply) outvotes nothing
    if answers(kind, likeliest) or best.kind != ANSWERS.get(likeliest, (likeliest,))[0]:
        return False
    text = compact(best.text)
    others = [compact(c.text) for c in project.clauses if c is not best]
    return any(b in text and not any(b in o for o in others) for b in asked)


# Another clause answers instead when the quote holds none of the question's own words and it holds at least
# EVIDENCE_MIN_WORDS of them weighing EVIDENCE_LEAD (idf-weighted bigrams, see Extractive._better_evidence).
EVIDENCE_LEAD = 6.0
EVIDENCE_MIN_WORDS = 2
# Clause kinds that describe a unit's topic: their words name the unit, not the clause that answers.
DESCRIPTIVE_KINDS = ("content", "problem", "indicators", "keywords")


def _guide_sentences(guide: Guide) -> list[str]:
    texts = [s.text for s in guide.sections] + [c.text for p in guide.projects for c in p.clauses]
    return [x for t in texts for x in compose.sentences(t)]


def _rarity(bigrams: set[str], sentences: list[str]) -> dict[str, float]:
    """Inverse sentence frequency of each bigram in the guide: a word few sentences hold says where the answer is;
    one no sentence holds weighs nothing."""
    n = len(sentences) or 1
    out = {}
    for b in bigrams:
        df = sum(1 for s in sentences if b in s)
        out[b] = float(np.log(n / df)) if df else 0.0
    return out


def _overlap(text: str, asked: set[str]) -> int:
    """How many of the question's informative bigrams the text contains."""
    return sum(1 for b in asked if b in text)


class Extractive:
    """Answers questions from the catalog and the retrieved clauses; no language model."""

    def __init__(self, settings: Settings, guides: list[Guide], search: HybridSearch) -> None:
        self.settings = settings
        self.guides: dict[str, Guide] = {g.id: g for g in guides}
        self.search = search
        self.understanding = Understanding(guides)
        self._title_vectors: dict[str, np.ndarray] = {}  # guide id -> its project titles embedded
        self._query_vectors: dict[str, np.ndarray] = {}
        self._texts: dict[str, str] = {}
        self._sentences: dict[str, list[str]] = {}  # guide id -> its sentences, compacted (word rarity)

    def understand(self, question: str, history: list[list[str]] | None = None, guide_id: str | None = None) -> Intent:
        """Resolve the question against the catalog."""
        intent = self.understanding.parse(question, history)
        if guide_id and guide_id in self.guides:
            intent.guide_ids = [guide_id]
            intent.guide_named = True
            intent.projects = [p for p in intent.projects if p[0] == guide_id]
            intent.outside = ""
        return intent

    def clarify(self, question: str, guide_id: str | None) -> Answer | None:
        """When a guide is selected but the question names others, an Answer asking which one is meant; else None."""
        if not guide_id or guide_id not in self.guides:
            return None
        named = self.understanding.parse(question)
        if not named.guide_named or guide_id in named.guide_ids:
            return None
        options = [self.guides[g] for g in dict.fromkeys([guide_id, *named.guide_ids]) if g in self.guides]
        asked = "、".join(compose.guide_label(g) for g in options[1:])
        return Answer(
            answer=(
                f"您选择的指南是{compose.guide_label(options[0])}，但问题中提到的是{asked}。请问您要查询哪一份指南？"
            ),
            clarify=[ClarifyOption(guide_id=g.id, guide_title=g.title) for g in options],
        )

    def _which_guide(
        self, intent: Intent, question: str, history: list[list[str]], guide_id: str | None
    ) -> Answer | None:
        """Ask which guide is meant when the question fits several and names none; None when it is clear.

        A wrong guide quoted with confidence is worse than a question back: asked when a project label
        exists in several guides, when a follow-up ("那它呢") has nothing to refer to, and when a fact
        every guide states for itself (deadline, contact, quota, payment) is asked of no guide.
        """
        if guide_id or intent.from_history or len(self.guides) < 2:
            return None
        if intent.guide_named:
            return self._which_named(intent, history)
        # "推荐项目汇总表…纸质件最晚哪天送到省受理服务中心": a deadline is the guide's, not a project's; words of
        # one project's title do not say which guide, the question's words in a guide's text may.
        own_fact = (
            intent.kind in GUIDE_OWN_KINDS
            and intent.projects
            and not intent.by_label
            and not history
            and not self._described_unit_states(intent)
        )
        if own_fact and (only := self._distinct_guide(intent, list(self.guides))) is not None:
            intent.projects, intent.guide_ids = [], [only]
            return None
        by_label = sorted({gid for gid, _ in intent.projects}) if intent.by_label else []
        if len(by_label) >= 2 and (only := self._distinct_guide(intent, by_label)) is not None:
            intent.projects = [p for p in intent.projects if p[0] == only]
            intent.guide_ids = [only]
            return None
        if len(by_label) >= 2:
            label = intent.projects[0][1]
            return self._ask_guide(f"多份指南都有{label}，请问您问的是哪一份指南的{label}？", by_label)
        # "固态电解质那个任务…": a project described by words that titles in several guides share, no guide named
        by_title = sorted({gid for gid, _ in intent.projects}) if not intent.by_label and not intent.aggregate else []
        if len(by_title) >= 2:
            # the question's words in the described projects' own text, not anywhere in their guides
            if (only := self._distinct_guide(intent, by_title, projects=intent.projects)) is not None:
                intent.projects = [p for p in intent.projects if p[0] == only]
                intent.guide_ids = [only]
                return None
            near = "；".join(
                f"{compose.guide_label(self.guides[gid])}{label}「{project.title}」"
                for gid, label in intent.projects
                if gid in self.guides and (project := self.guides[gid].project(label)) is not None
            )
            return self._ask_guide(f"多份指南都有相近的项目：{near}。请问您问的是哪一份指南？", by_title)
        if intent.aggregate and not intent.projects:
            # "蓥湍低碳示范五个方向里，哪个支持额度最高": a ranking within the guide the question's own words are
            # clearly from, not over every guide; one opening with a name no guide prints (a place OCR misread)
            # names a guide: the one its other words lead to, else the question asks back
            unnamed = self._opens_with_unknown_name(question) or bool(romanised_names(question))
            if (only := self._distinct_guide(intent, list(self.guides), margin=1 if unnamed else 2)) is not None:
                intent.guide_ids = [only]
                return None
            if unnamed:
                return self._ask_guide(
                    "问题中的名称与已收录的指南都对不上，请问您问的是哪一份指南？", self._nearest(intent)
                )
        if intent.projects or intent.aggregate:
            return None
        if not history and anaphora().search(question):
            return self._ask_guide(
                "请问您问的是哪份指南的哪个项目？请说出指南（地区或名称）和项目，或在下面选择指南。", list(self.guides)
            )
        if intent.kind in GUIDE_OWN_KINDS and not history:
            if (only := self._distinct_guide(intent, list(self.guides))) is not None:
                intent.guide_ids = [only]
                return None
            name = compose.kind_name(intent.kind)
            return self._ask_guide(f"已收录的多份指南各有自己的{name}，请问您问的是哪一份指南？", list(self.guides))
        if not history and not intent.outside:
            # "外方合作协议是英文的，需要翻译吗": no guide, no unit named; the guide whose text holds clearly more of the
            # question's words answers, else the guides holding most of them are offered
            only = self._distinct_guide(intent, list(self.guides)) or self._retrieved_from_one(intent)
            if only is not None:
                intent.guide_ids = [only]
                return None
            return self._ask_guide(
                "已收录多份指南，这个问题没有说明是哪一份，请问您问的是哪一份指南？", self._nearest(intent)
            )
        return None

    def _described_unit_states(self, intent: Intent) -> bool:
        """Do the units a question describes, all of one guide, state the guide-wide kind asked themselves ("生猪粪污
        资源化的项目…分几次拨": its 支持强度 says 分两次拨付)? Then the description names the guide."""
        evidence = KIND_EVIDENCE.get(intent.kind)
        if intent.kind not in UNIT_STATED_KINDS or evidence is None or len({gid for gid, _ in intent.projects}) != 1:
            return False
        return any(
            evidence.search(c.text)
            for gid, label in intent.projects
            if gid in self.guides and (p := self.guides[gid].project(label)) is not None
            for c in p.clauses
        )

    def _which_named(self, intent: Intent, history: list[list[str]]) -> Answer | None:
        """A name several guides share ("Luyuan" for 鹭原 and 潞渊): the guide a project, or the question's own
        words in one guide's text, single out; else ask which is meant. None when the name is one guide's."""
        projects = sorted({gid for gid, _ in intent.projects})
        if history or not (intent.name_shared or (len(intent.guide_ids) >= 2 and len(projects) >= 2)):
            # a name of one guide; or words several guides share (省基金) with a project described in one of them only
            return None
        named = list(intent.guide_ids)
        if len(projects) == 1:
            intent.guide_ids = projects
            return None
        if (only := self._distinct_guide(intent, named)) is not None or (only := self._by_title_words(intent, named)):
            intent.projects = [p for p in intent.projects if p[0] == only]
            intent.guide_ids = [only]
            return None
        labels = "、".join(compose.guide_label(self.guides[g]) for g in named if g in self.guides)
        return self._ask_guide(f"问题中的名称与多份指南相符：{labels}。请问您问的是哪一份指南？", named)

    def _by_title_words(self, intent: Intent, guide_ids: list[str]) -> str | None:
        """The one guide of several sharing a name whose title alone holds words of the question, printed or
        abbreviated ("临澄外专项目" → 临澄's 引进外国专家 guide, not its 重点研发计划), or None."""
        runs = informative_bigrams(intent.search_text or intent.question)
        holding = [
            gid
            for gid in guide_ids
            if (title := self.guides[gid].title) and any(r in title or abbreviates(r, title) for r in runs)
        ]
        return holding[0] if len(holding) == 1 else None

    def _retrieved_from_one(self, intent: Intent) -> str | None:
        """The guide every one of the best-ranked passages comes from, when its text also holds as many of the
        question's words as any guide's ("中试平台去年刚被认定为市级的，一次性能拿多少补助": a topic one guide alone
        treats); None when the passages come from several guides."""
        hits = self.search.search(intent.search_text or intent.question, ONE_GUIDE_HITS)
        found = {h.chunk.guide_id for h in hits}
        if len(hits) < ONE_GUIDE_HITS or len(found) != 1:
            return None
        (only,) = found
        counts = self._word_counts(intent)
        return only if counts.get(only, 0) >= max(counts.values(), default=0) > 0 else None

    def _word_counts(self, intent: Intent) -> dict[str, int]:
        """Per guide, how many of the question's own words its text holds."""
        asked = self._asked_bigrams(intent)
        return {gid: sum(1 for b in asked if b in self._full_text(gid)) for gid in self.guides}

    def _nearest(self, intent: Intent) -> list[str]:
        """The guides, those holding most of the question's own words first (the choices a question back offers)."""
        counts = self._word_counts(intent)
        return sorted(self.guides, key=lambda g: -counts[g])

    def _opens_with_unknown_name(self, question: str) -> bool:
        """Does the question open with a name: two characters that are no word of the dictionary and that no guide's
        text holds together (蓥湍 where OCR read 瑞县; not 哪些, 今年, 江苏)?"""
        opening = re.match(r"[\u4e00-\u9fff]{2}", compact(question))
        if opening is None or not informative_bigrams(word := opening.group(0)) or word_frequency(word):
            return False
        return not any(word in self._full_text(g) for g in self.guides)

    def _distinct_guide(
        self, intent: Intent, guide_ids: list[str], projects: list[tuple[str, str]] | None = None, margin: int = 2
    ) -> str | None:
        """The one candidate guide whose text (or, given `projects`, whose described projects' text) holds clearly
        more of the question's own words, or None."""
        asked = self._asked_bigrams(intent)
        if len(asked) < 2:
            return None

        def text(gid: str) -> str:
            if projects is None:
                return self._full_text(gid)
            units = [p for g, label in projects if g == gid and (p := self.guides[gid].project(label)) is not None]
            return "".join(p.title + "".join(c.text for c in p.clauses) for p in units)

        hits = sorted(((sum(1 for b in asked if b in text(g)), g) for g in guide_ids), reverse=True)
        best, second = hits[0][0], hits[1][0] if len(hits) > 1 else 0
        return hits[0][1] if best >= 2 and best >= second + margin else None

    def _full_text(self, guide_id: str) -> str:
        """All the text of a guide (sections and clauses), built once."""
        if guide_id not in self._texts:
            g = self.guides[guide_id]
            parts = [s.title + s.text for s in g.sections] + [p.title + c.text for p in g.projects for c in p.clauses]
            self._texts[guide_id] = "".join(parts)
        return self._texts[guide_id]

    def _ask_guide(self, text: str, guide_ids: list[str]) -> Answer:
        options = [self.guides[g] for g in guide_ids if g in self.guides][:MAX_CLARIFY]
        return Answer(answer=text, clarify=[ClarifyOption(guide_id=g.id, guide_title=g.title) for g in options])

    # -- extractive answering --------------------------------------------------------------
    def answer(self, question: str, history: list[list[str]], guide_id: str | None = None) -> Answer:
        """The default answer: a check that asks back or refuses, else the best-fitting strategy that answers."""
        that = which_as_that().search(question) if not history else None
        if that and not question_words().search(question[: that.start()] + question[that.end() :]):
            # "那几个…？" opening a conversation, with no other word asking anything, asks which
            question = question[: that.start()] + "哪" + that.group(1) + question[that.end() :]
        if (asking := self.clarify(question, guide_id)) is not None:
            return asking
        intent = self.understand(question, history, guide_id)
        answer, checked = self._answer_intent(Asked(question, history, guide_id, intent, self.guides))
        if checked:
            return self._situation(answer, question)
        answer = self._each_part(self._directed(answer, intent), question, intent)
        answer = self._unit_rule(self._states_what_was_asked(answer, question), intent)
        return self._situation(answer, question)

    def _unit_rule(self, answer: Answer, intent: Intent) -> Answer:
        """An answer about one unit, and a notice sentence naming that unit by its label that holds words of the
        question the answer lacks ("申报指南方向1、2的，须取得本单位伦理委员会审查批件" for "…方向，要不要先拿伦理批件"):
        the rule answers, in place of the clause when the clause shares none of those words, else after it."""
        units = {(c.guide_id, c.project) for c in answer.citations if c.project}
        if answer.clarify or len(units) != 1:
            return answer
        ((gid, label),) = units
        guide = self.guides.get(gid)
        project = guide.project(label) if guide is not None else None
        if project is None:
            return answer
        asked = self._detail_bigrams(intent, project.title)
        said = "".join(compact(c.quote) for c in answer.citations) + compact(answer.answer)
        own = "".join(compact(c.text) for c in project.clauses)
        best, best_hits = None, set()
        for section, item, sentence in scoped_rules(guide, project):
            text = compact(sentence)
            if text in said:
                return answer
            hits = {b for b in asked if b in text and b not in own}
            if len(hits) > len(best_hits):
                best, best_hits = (section, item, sentence), hits
        if best is None or len(best_hits) < _RULE_WORDS:
            return answer
        section, item, sentence = best
        ruled = compose.notice_answer(
            guide, section, item, intent.kind, question=intent.search_text, focus=re.compile(re.escape(sentence[:12]))
        )
        if answer.refused or not any(b in said for b in asked):
            return ruled
        return compose.each_answer([answer, ruled])

    def _situation(self, answer: Answer, question: str) -> Answer:
        """A yes/no question about one unit that names a circumstance another of its clauses states ("我们医院…没找到科技
        型企业合作，…还能报吗" and 其他说明 "联合科技型企业研发的优先支持"): that clause follows the answer. The circumstance
        is a run of 4+ characters the question and the clause share that neither title holds and the answer lacks; the
        unit's content and indicators clauses (which only echo its topic) are left out."""
        units = {(c.guide_id, c.project) for c in answer.citations if c.project}
        if answer.refused or answer.clarify or len(units) != 1 or not asks_whether().search(question):
            return answer
        ((gid, label),) = units
        guide = self.guides.get(gid)
        project = guide.project(label) if guide is not None else None
        if project is None:
            return answer
        cited = {c.clause for c in answer.citations}
        said = compact(answer.answer) + "".join(compact(c.quote) for c in answer.citations)
        titles = compact(project.title) + "\n" + compact(guide.title)
        q = compact(question)
        best, best_run = None, _SITUATION_RUN - 1
        for clause in project.clauses:
            if clause.name in cited or clause.kind in (*CONTENT_KINDS, "indicators"):
                continue
            text = compact(clause.text)
            run = longest_common(
                q, text, lambda r: _CJK_RUN.fullmatch(r) is not None and r not in titles and r not in said
            )
            if run > best_run:
                best, best_run = clause, run
        if best is None:
            return answer
        return compose.each_answer([answer, compose.clause_answer(guide, project, best, best.kind)])

    def _directed(self, answer: Answer, intent: Intent) -> Answer:
        """Who may apply for one unit the guide awards by direct commission (定向委托): the answer says so, quoting
        the unit's organisation clause, whatever its eligibility clause says."""
        cited = {(c.guide_id, c.project) for c in answer.citations}
        if intent.kind not in ("eligibility", "target") or intent.aggregate or answer.refused or len(cited) != 1:
            return answer
        ((gid, label),) = cited
        project = self.guides[gid].project(label) if gid in self.guides and label else None
        org = project.clause_of_kind("organisation") if project is not None else None
        directed = condition_vocab().triggers.directed.words
        if org is None or not any(w in org.text for w in directed) or compact(org.text) in compact(answer.answer):
            return answer
        said = compose.clause_answer(self.guides[gid], project, org, "organisation")
        return compose.each_answer([answer, said])

    def _answer_intent(self, asked: Asked) -> tuple[Answer, bool]:
        """The answer to an understood question, and whether a check (not a strategy) gave it."""
        intent, question = asked.intent, asked.question
        for check in CHECKS:
            if (answer := check(self, asked)) is not None:
                return answer, True
        if intent.kind == "quota" and not (intent.aggregate == "compare" and len(set(intent.projects)) >= 2):
            # "每个单位限报几个项目" asks a limit, not for a count of projects; "青年人才和科技副总的名额分别是多少"
            # compares the two units' own quotas.
            intent.aggregate = ""
        if (found := self._project_by_retrieval(asked)) is not None:
            intent.projects = [found]
        for fit, strategy in sorted(((s.fit(asked), s) for s in STRATEGIES), key=lambda fs: -fs[0]):
            if fit > 0 and (answer := strategy.answer(self, asked)) is not None:
                return self._not_fixed_yet(self._better_evidence(answer, intent), question), False
        return self._not_fixed_yet(self._retrieved_answer(intent, question, asked.guides), question), False

    def _each_part(self, answer: Answer, question: str, intent: Intent) -> Answer:
        """A question asking several things ("是定向委托的吗？跟企业联合有没有加分", "拟支持几项？自筹比例多少")
        whose answer quotes what one part asks: each other part is answered on its own, about the guide and project
        the whole question names, and what it quotes that the answer lacks follows. A part that is a statement ("我们
        是高校。"), one its own answer refuses, or one answered from another guide adds nothing."""
        if answer.refused or answer.clarify or not answer.citations:
            return answer
        parts = asking_parts(question)
        cited = {c.guide_id for c in answer.citations}
        if len(parts) < 2 or len(cited) != 1:
            return answer
        (guide_id,) = cited
        said = compact(answer.answer) + "".join(compact(c.quote) for c in answer.citations)
        answered = self._unit_kinds(answer)
        added: dict[int, Answer] = {}
        for n, part in enumerate(parts):
            if n and elliptic(part):
                part = elided_subject(parts[n - 1]) + part  # "最晚哪天交？交到哪儿？": what is handed in, and where
            if (own := self._part_answer(part, guide_id, intent, said, answered)) is not None:
                added[n] = own
                said += "".join(compact(c.quote) for c in own.citations)
                answered |= self._unit_kinds(own)
        if not added:
            return answer
        # in the order the question asks them: the whole's answer stands for the first part no other answers (last
        # when each part has an answer of its own: it may still be the better one for some part)
        first = next((n for n in range(len(parts)) if n not in added), len(parts))
        return compose.each_answer([a for _, a in sorted([*added.items(), (first, answer)], key=lambda na: na[0])])

    def _unit_kinds(self, answer: Answer) -> set[tuple[str, str, str]]:
        """(guide, unit, clause kind) of each unit clause the answer cites."""
        out = set()
        for c in answer.citations:
            guide = self.guides.get(c.guide_id)
            project = guide.project(c.project) if guide is not None and c.project else None
            clause = project.clause(c.clause) if project is not None else None
            if clause is not None:
                out.add((c.guide_id, c.project, clause.kind or clause.name))
        return out

    def _kinds_restated(self, part: str, said: str, units: list[tuple[str, str]]) -> set[tuple[str, str, str]]:
        """(guide, unit, kind) of each clause of the units the answer does not quote that prints two or more of the
        part's content words the answer lacks: "农药要减少多少？示范基地要建多大？" answered from 示范规模 still asks the
        考核指标 clause (化学农药…减少), an indicators clause too, while "一年最多补多少" names no word of 补助方式."""
        wanted = {b for b in informative_bigrams(part) if b not in said}
        out = set()
        for gid, label in units:
            guide = self.guides.get(gid)
            project = guide.project(label) if guide is not None else None
            for clause in project.clauses if project is not None else []:
                text = compact(clause.text)
                if text[:24] not in said and sum(1 for b in wanted if b in text) >= 2:
                    out.add((gid, label, clause.kind or clause.name))
        return out

    def _part_answer(
        self, part: str, guide_id: str, whole: Intent, said: str, answered: set[tuple[str, str, str]]
    ) -> Answer | None:
        """One part of a question answered about the guide the whole question names, quoting something the answer so
        far (`said`) lacks and a word of the part's own, from no unit clause of a kind the answer quotes for that unit
        (`answered`: "补助比例…？一年最多补多少？" has its 补助上限 already, and 补助方式 adds nothing); or None. A part
        naming no project is asked of the project the whole names (of the guide when the whole names none); one naming
        no kind ("联合申报的算不算在里面") asks the whole's kind first, then any."""
        context = self.understand(part, [], guide_id)
        units = context.projects or whole.projects
        if (detailed := self._unsaid_detail(part, said, units)) is not None:
            return detailed  # "what matching funds are required": the unit's 配套要求 beside its 支持金额 quoted
        # a kind the answer quotes for a unit still asks, of a second clause of that kind, the words only it prints
        answered = answered - self._kinds_restated(part, said, units)
        if context.kinds and any((gid, label, context.kinds[0]) in answered for gid, label in units):
            return None  # the answer quotes the unit's clause of the kind this part asks
        # asked of the units the whole names, never widened to every unit
        inherits = not context.projects and not context.aggregate and bool(whole.projects)
        if not context.projects and context.aggregate in ("max", "min", "compare") and whole.aggregate == "compare":
            # "A和B比，哪个每项资助更多？哪个立项数更多？": each part compares the two units the whole names, not all
            context.aggregate, inherits = "compare", True
        named = whole.projects if inherits else context.projects
        kinds = [context.kinds] if context.kinds else [whole.kinds, []] if whole.kinds else [[]]
        for asked in kinds:
            intent = replace(context, projects=list(named), kinds=list(asked))
            if inherits:
                intent.by_label = whole.by_label
            if (own := self._answer_within(part, guide_id, intent)) is None:
                continue
            if all(compact(c.quote) in said for c in own.citations):
                continue  # the answer quotes it already
            if (found := self._unit_kinds(own)) and found <= answered and all(c.project for c in own.citations):
                continue  # another clause of a kind the answer quotes for the same unit
            stated = self._states_what_was_asked(own, part)
            if stated.refused or (stated is not own and stated.answer.startswith(own.answer)):
                continue  # it lacks the value the part asks for ("交几份": no number of copies)
            if self._part_evidence(part, stated, (context.kinds or whole.kinds)[:1]):
                return stated  # (… or another clause of the unit states it)
        return None

    def _answer_within(self, question: str, guide_id: str, intent: Intent) -> Answer | None:
        """A strategy's answer to a piece of a question (a part, a side compared) about the one guide, citing only it;
        None when a check answered instead, or it refuses, asks back or cites nothing."""
        answer, checked = self._answer_intent(Asked(question, [], guide_id, intent, self.guides))
        if checked or answer.refused or answer.clarify or not answer.citations:
            return None
        return answer if all(c.guide_id == guide_id for c in answer.citations) else None

    def _part_evidence(self, part: str, answer: Answer, kinds: list[str], share: float = 0.0) -> bool:
        """Does the answer to a part quote a word of that part's own (with `share`: two of them, or more than that
        share), not one of the guide's title or of the cited units' titles (which say where, not what), or the fact of
        the kind the part's own words ask ("最多支持几项": 拟支持不超过3项)?"""
        quoted = "".join(c.quote for c in answer.citations)
        if kinds and kinds[0] in KIND_EVIDENCE and KIND_EVIDENCE[kinds[0]].search(quoted):
            return True
        guide = self.guides[answer.citations[0].guide_id]
        own = title_runs_off(compact(part), compact(guide.title), shortest=2)
        where = compact("".join(c.project_title for c in answer.citations))
        asked = informative_bigrams(own) - _bigrams(where)
        said = compact("".join(c.clause + c.quote for c in answer.citations))
        found = sum(1 for b in asked if b in said)
        return found > 0 and (found > share * len(asked) or (share > 0 and found >= 2))

    def _better_evidence(self, answer: Answer, intent: Intent) -> Answer:
        """One clause or notice part answered that holds none of the question's own words, while another of the same
        unit (or of the notice) holds several rare ones ("检验检测、一般技术咨询的合同算不算" answered from 联系方式 by
        咨询, while 奖补范围 says "一般性技术咨询、检验检测类合同不纳入奖补范围"): that one answers. Words of the
        guide's title and of the unit's description (title, content, problem, indicators) say which unit, not which
        clause, and do not count; a quote stating the kind asked keeps its place over one that does not."""
        if answer.refused or answer.clarify or not answer.citations or intent.aggregate:
            return answer
        cited = {(c.guide_id, c.project, c.clause) for c in answer.citations}
        if len(cited) != 1 or (guide := self.guides.get(answer.citations[0].guide_id)) is None:
            return answer
        label = answer.citations[0].project
        project = guide.project(label) if label else None
        if label and project is None:
            return answer
        topic = project.title if project else ""
        if project is not None:
            topic += "".join(c.text for c in project.clauses if c.kind in DESCRIPTIVE_KINDS)
        # the guide's title words cut out first: no bigram straddles two of them (专项|资金 makes no 项资)
        own = title_runs_off(compact(intent.search_text or intent.question), compact(guide.title), shortest=2)
        asked = informative_bigrams(own) - _bigrams(compact(topic))
        said = compact("".join(c.clause + c.quote for c in answer.citations))
        if len(asked) < EVIDENCE_MIN_WORDS or any(b in said for b in asked):
            return answer
        notice = [(None, s, i) for s in guide.sections if s.kind in ("notice", "preamble") for i in (s.items or [None])]
        units = notice
        if project is not None:
            named = answer.citations[0].clause
            chosen = next((c for c in project.clauses if named in (c.name, c.printed_name)), None)
            if chosen is None:
                return answer
            # Does the clause answer the kind asked? Then the notice has no say, and a description answering stays
            # (its words were the question's).
            fits = bool(intent.kind) and chosen.kind in KIND_CLAUSES.get(intent.kind, ((), ()))[0]
            if fits and chosen.kind in DESCRIPTIVE_KINDS:
                return answer
            own = [(project, c, None) for c in project.clauses if c.kind not in DESCRIPTIVE_KINDS]
            units = own if fits else own + notice
        if not units:
            return answer
        if guide.id not in self._sentences:
            self._sentences[guide.id] = [compact(t) for t in _guide_sentences(guide)]
        weight = _rarity(asked, self._sentences[guide.id])
        texts = [compact(u.title if o is None else u.name) + compact(i.text if i else u.text) for o, u, i in units]
        held = [[b for b in asked if b in t and weight[b] > 0] for t in texts]
        best = max(range(len(units)), key=lambda n: sum(weight[b] for b in held[n]))
        if len(held[best]) < EVIDENCE_MIN_WORDS or sum(weight[b] for b in held[best]) < EVIDENCE_LEAD:
            return answer
        evidence = KIND_EVIDENCE.get(intent.kind) if intent.kind else None
        if evidence is not None and evidence.search(said) and not evidence.search(texts[best]):
            return answer  # "执行期一般几年": the quote states a period; 惩戒执行期 elsewhere is no answer
        owner, unit, item = units[best]
        kind = intent.kind or (unit.kind if owner is not None else "")
        if owner is not None:
            return compose.clause_answer(guide, owner, unit, kind, question=intent.question)
        return compose.notice_answer(guide, unit, item, kind, question=intent.question)

    def _states_what_was_asked(self, answer: Answer, question: str) -> Answer:
        """A question asking for a kind of value (a date, a length of time, a share, a number of copies) answered
        by quotes that carry none: the clause found is about the topic but does not say. With every kind asked
        missing, the guide does not state it (a refusal that shows the clause); with some, the answer names the
        missing ones. A matter asked (a quoted detail: 延期, 保证金) that no quote mentions makes the answer one to
        another question: refused whatever values the quotes carry."""
        if answer.refused or answer.clarify or not answer.citations:
            return answer
        asked = [(present, name, matter) for words, present, name, matter in answer_types() if words.search(question)]
        if not asked:
            return answer
        lead = answer.answer.split("\n\n", 1)[0]
        said = " ".join(c.quote for c in answer.citations) + _TITLES.sub("", lead)
        # a matter a cited project or the guide itself is named by (首台套保险补偿: 保险 is the programme's name)
        titled = said + " ".join(c.project_title for c in answer.citations) + answer.citations[0].guide_title
        missing = [(name, matter) for present, name, matter in asked if not present.search(titled if matter else said)]
        if not missing:
            return answer
        if (other := self._clause_stating(answer, [p for p, name, m in asked if (name, m) in missing])) is not None:
            # "按什么比例给，单家最多多少": of a question in parts, the clause found answers one; the one stating the
            # value missing answers another, so both stand
            parts = [p for p in PARTS.split(question) if question_words().search(p)]
            return compose.each_answer([answer, other]) if len(parts) >= 2 else other
        if any(matter for _, matter in missing):
            missing = [m for m in missing if m[1]]  # quotes off the matter asked answer another question
        elif len(missing) < len(asked):
            names = "、".join(name for name, _ in missing)
            return answer.model_copy(update={"answer": answer.answer + f"\n\n（以上条款没有写明{names}。）"})
        guide = self.guides.get(answer.citations[0].guide_id)
        names = [name for name, _ in missing]
        return compose.unstated(guide, names, answer.citations) if guide is not None else answer

    @staticmethod
    def _item_stating(guide: Guide, answer: Answer, missing: list[re.Pattern[str]]) -> Answer | None:
        """The notice's counterpart of _clause_stating: an answer from one item of a notice section lacking the value
        asked ("钱啥时候拨下来" answered by the item of sums) gives way to the one other item of that section stating
        every missing kind ("项目立项合同完成签订后拨付"), or None."""
        names = {c.clause for c in answer.citations}
        quoted = {compact(c.quote) for c in answer.citations}
        sections = [s for s in guide.notice_sections() if s.title in names and s.items]
        if len(sections) != 1:
            return None
        section = sections[0]
        stating = [i for i in section.items if compact(i.text) not in quoted and all(p.search(i.text) for p in missing)]
        if len(stating) != 1:
            return None
        return compose.notice_answer(guide, section, stating[0], "")

    def _clause_stating(self, answer: Answer, missing: list[re.Pattern[str]]) -> Answer | None:
        """An answer from one project's clause that lacks the kind of value asked ("参评的工程中心一共多少家" answered
        by 评估重点): the one other clause of that project stating every missing kind (评估对象 "…共126家"), or None."""
        cited = {(c.guide_id, c.project) for c in answer.citations}
        if len(cited) != 1 or (guide := self.guides.get((key := next(iter(cited)))[0])) is None:
            return None
        if not key[1]:
            return self._item_stating(guide, answer, missing)
        project = guide.project(key[1])
        names = {c.clause for c in answer.citations}
        stating = [
            c
            for c in (project.clauses if project else [])
            if c.name not in names and all(p.search(c.text) for p in missing)
        ]
        if len(stating) != 1:
            return None
        return compose.clause_answer(guide, project, stating[0], stating[0].kind)

    def _not_fixed_yet(self, answer: Answer, question: str) -> Answer:
        """A question asking when, answered with "具体时间另行通知": the guide gives no date; say so. And a
        draft's comment deadline is no answer to "正式申报什么时候截止": the draft sets no application date."""
        lead, _, rest = answer.answer.partition("\n")
        guide = self.guides.get(answer.citations[0].guide_id) if answer.citations else None
        if (
            guide is not None
            and guide.status == "draft"
            and not answer.refused
            and asks_when().search(question)
            and re.search(r"正式.{0,6}(申报|申请|提交|报送)", question)
            and "征求意见" in lead
            and "意见" not in question  # "征求意见截止到什么时候？正式申报大概什么时候开始？" asks both
        ):
            if (planned := _planned_window(guide, question)) is not None:
                # "网上申报时间拟为2026年2月下旬至3月下旬": the draft says when it plans the application window
                section, item = planned
                return compose.notice_answer(guide, section, item, "deadline", focus=_PLANNED_WINDOW)
            text = (
                f"抱歉，{compose.guide_label(guide)}是征求意见稿，只写明了征求意见的时间，没有正式申报的截止时间；"
                "正式申报时间以正式发布的指南为准。" + ("\n" + rest if rest else "")
            )
            return answer.model_copy(update={"answer": text, "refused": True})
        if answer.refused or not asks_when().search(question) or not (m := announced_later().search(lead)):
            return answer
        sentence = next((s for s in re.split(r"(?<=[。；;])", lead) if m.group(0) in s), lead)
        sentence = sentence.split("：", 1)[-1].strip()
        title = answer.citations[0].guide_title if answer.citations else ""
        text = f"抱歉，《{title}》没有给出具体时间，原文写明：{sentence}" + ("\n" + rest if rest else "")
        return answer.model_copy(update={"answer": text, "refused": True})

    def _project_by_retrieval(self, a: Asked) -> tuple[str, str] | None:
        """The project a question is about when no label or title words named it ("the spatial transcriptomics
        chip project", "做预制菜保鲜那个转化项目"): the one whose clauses retrieval ranks first, twice in the top 5.

        Only for a clause kind the guide's projects state one by one (not alike for all), in one guide."""
        i = a.intent
        if i.projects or i.aggregate or not a.one_guide or not i.guide_ids:
            return None
        guide = a.guides[0]
        latin = mostly_latin(a.question)
        if latin and (label := self._project_by_title(guide, a.question)) is not None:
            # an English question names its unit by a phrase the embedding matches to one title clearly
            return (guide.id, label)
        if not i.kind:
            # An English question describes its project in English ("the single-molecule protein detection
            # device"): no title word matches, the multilingual embedding does.
            if not latin:
                return None
        else:
            names, _ = KIND_CLAUSES.get(i.kind, ((), ()))
            texts = {c.text for p in guide.projects for n in names[:1] if (c := p.clause_of_kind(n)) is not None}
            if len(texts) < 2:
                return None
        whole = self.search.allowed([guide.id]) or set()
        if (
            i.kind
            and not latin  # an English question describes its unit in words the notice shares
            and (top := self.search.search(i.search_text or i.question, 1, whole))
            and not top[0].chunk.project
        ):
            return None  # "原值30万的仪器能不能申报…基金": the notice's 申报范围 fits the question better than any unit
        allowed = {cid for cid in whole if self.search.chunks[cid].project}
        hits = self.search.search(i.search_text or i.question, 5, allowed)
        labels = [h.chunk.project for h in hits]
        if (len(labels) >= 2 and labels[0] == labels[1]) or labels.count(labels[0] if labels else "") >= 3:
            return (guide.id, labels[0])
        return None

    def _project_by_title(self, guide: Guide, question: str) -> str | None:
        """The project whose title the multilingual embedding puts clearly nearest an English question ("the
        community elderly chronic-disease monitoring project" → 社区老年慢病智能监测…), or None when two are close."""
        if len(guide.projects) < 2:
            return None
        titles = self._title_vectors.get(guide.id)
        if titles is None:
            titles = self.search.embedder.embed_passages([p.title for p in guide.projects])
            self._title_vectors[guide.id] = titles
        best = self._clearly_nearest(titles, question)
        return guide.projects[best].label if best is not None else None

    def _clearly_nearest(self, vectors: np.ndarray, question: str) -> int | None:
        """The row of `vectors` the multilingual embedding puts nearest an English question by TITLE_MARGIN or more,
        over the whole question and each of its phrases: the one describing a unit ("the laser hard-tissue ablation
        surgical robot project") sets it apart more clearly than the question around it does. None when no text
        does."""
        phrases = [p.strip() for p in _PHRASE_BREAKS.split(question) if len(p.split()) >= 2]
        texts = list(dict.fromkeys([question, *phrases]))
        best_margin, best = 0.0, 0
        for similarity in self._query_vectors_of(texts) @ vectors.T:
            first, second = np.argsort(-similarity)[:2]
            if (margin := float(similarity[first] - similarity[second])) > best_margin:
                best_margin, best = margin, int(first)
        return best if best_margin >= TITLE_MARGIN else None

    def _query_vectors_of(self, texts: list[str]) -> np.ndarray:
        """The embeddings of a question's texts, those not yet seen embedded in one call and kept for the
        question's other lookups (title, then clause)."""
        missing = [t for t in texts if t not in self._query_vectors]
        if missing:
            if len(self._query_vectors) + len(missing) > _QUERY_VECTORS_KEPT:
                self._query_vectors.clear()
            self._query_vectors.update(zip(missing, self.search.embedder.embed_queries(missing), strict=True))
        return np.stack([self._query_vectors[t] for t in texts])

    # The checks: each may answer instead of the strategies (by refusing or asking back).
    def _injection(self, a: Asked) -> Answer | None:
        return Answer(answer=compose.REFUSAL_INJECTION, refused=True) if a.intent.injection else None

    def _selfcheck(self, a: Asked) -> Answer | None:
        """ "我们…能报哪些": the self-check engine, the same as the 自查 tab."""
        # "项目十八我们能报吗", "概念验证那个方向，我们…能报吗" check that project only
        named = a.intent.projects if a.intent.by_label or len(a.intent.projects) == 1 else None
        guides = a.guides if a.intent.guide_named else list(self.guides.values())  # the guides it names, else all
        return selfcheck_answer(a.question, guides, a.guide_id, named, self.settings.today)

    def _outside(self, a: Asked) -> Answer | None:
        if not a.intent.outside or a.intent.guide_named:
            return None
        titles = "；".join(compose.guide_label(g) for g in self.guides.values())
        return Answer(
            answer=f"抱歉，目前收录的申报指南中没有“{a.intent.outside}”的指南，无法回答。已收录：{titles}。",
            refused=True,
        )

    def _missing_label(self, a: Asked) -> Answer | None:
        if not a.intent.missing_label:
            return None
        scope = "、".join(f"{compose.guide_label(g)}（共{len(g.projects)}个项目）" for g in a.guides[:3])
        return compose.refusal(
            f"{scope}中没有{a.intent.missing_label}", a.guides[:1] if a.intent.guide_ids else [], "，请核对项目编号。"
        )

    def _greeting(self, a: Asked) -> Answer | None:
        return Answer(answer=HELP_TEXT) if greeting().match(a.question) else None

    def _which(self, a: Asked) -> Answer | None:
        return self._which_guide(a.intent, a.question, a.history, a.guide_id)

    # The strategies: how well each fits the question (0 = not at all), and its answer (None = cannot).
    def _aggregate(self, a: Asked) -> Answer | None:
        intent = a.intent
        if (
            intent.aggregate in ("compare", "max", "min")
            and intent.kind in GUIDE_OWN_KINDS
            and intent.kind not in MEASURED_KINDS
            and not any(p.clause_of_kind(intent.kind) for g in a.guides for p in g.projects)
        ):
            return None  # "专题二的子课题拨款有什么不一样": how money is paid is the notice's to say, no unit's
        named = list(dict.fromkeys(intent.projects))
        one_guide = len(named) >= 2 and len({gid for gid, _ in named}) == 1
        if (
            intent.aggregate == "compare"
            and one_guide
            and (
                (intent.kind and intent.kind not in MEASURED_KINDS)
                or all(
                    (p := self.guides[gid].project(label)) is not None and self._clause_printed(p, a.question)
                    for gid, label in named
                )
                or (
                    not intent.kind
                    and not asks_measure(a.question)
                    and counted_noun().search(a.question) is None  # "哪个要求的研究中心更多": the numbers compared
                    and self._details_printed(intent, named)
                )
            )
        ):
            # "超声导航项目的质控准确率和激光消融项目的骨结合成功率各要求多少": a kind no typed field measures, a
            # clause every project prints under the name the question uses ("第二档和第四档，补助比例分别是多少"), or
            # a detail every project's clauses print with no kind asked ("病例/样本量的要求哪个更高"), is compared by
            # each project's own clause, one after the other
            parts = [self._project_answer(replace(intent, projects=[p], aggregate=""), a.question) for p in named]
            if not any(p.refused or p.clarify for p in parts):
                return compose.each_answer(parts)
        return aggregate_answer(a.question, intent, a.guides)

    def _sides(self, a: Asked) -> Answer | None:
        """ "国家医学中心建设支撑项目和临床诊疗关键技术攻关项目，支持强度和组织方式有啥区别": things compared that are not two
        units the question names (a category of units, a unit and a category), each asked each kind on its own, about
        the one guide; None unless every side gets an answer of its own."""
        guide = a.guides[0]
        sides, kinds = self.understanding.compared_sides(a.question, [guide.id])
        answers: list[Answer] = []
        said = ""
        for side in sides:
            answered = False
            for _, word in kinds:
                asked = f"{side}的{word}？"
                if (answer := self._answer_within(asked, guide.id, self.understand(asked, [], guide.id))) is None:
                    continue
                answered = True
                quoted = "".join(compact(c.quote) for c in answer.citations)
                if quoted not in said:  # one quote may answer both sides (a notice rule naming each category)
                    said += quoted
                    answers.append(answer)
            if not answered:
                return None
        return compose.each_answer(answers) if answers else None

    def _project(self, a: Asked) -> Answer | None:
        named = list(dict.fromkeys(a.intent.projects))
        if len(named) >= 2 and not a.intent.aggregate and len({gid for gid, _ in named}) == 1:
            # "单分子蛋白检测设备和细胞治疗创新药物两个项目，区县财政出不出钱": each unit named answers for itself
            return compose.each_answer(
                [self._project_answer(replace(a.intent, projects=[one]), a.question) for one in named]
            )
        return self._project_answer(a.intent, a.question)

    def _thing_counted(self, a: Asked) -> Answer | None:
        """ "以导师身份申报，至少要培养几个研究生": the sentence printing a number of the thing asked ("须培养1名以上研究生"),
        in the clauses of the units the question names, else in the notice's rules; None when nothing prints it, or
        several units the question does not name do."""
        m = thing_asked().search(a.question)
        if m is None or not a.one_guide or a.intent.aggregate:
            return None
        guide, noun = a.guides[0], m.group("noun")
        named = [p for gid, label in a.intent.projects if gid == guide.id and (p := guide.project(label)) is not None]
        clauses = [(p, c) for p in named for c in p.clauses]
        rules = _rules_stating(guide, re.compile(re.escape(noun[:2])))
        for end in range(len(noun), 1, -1):
            printed = re.compile(_PRINTED_NUMBER + re.escape(noun[:end]))
            in_units = [(p, c) for p, c in clauses if printed.search(c.text.replace("\n", ""))]
            if len({p.label for p, _ in in_units}) == 1:
                # of the unit's clauses printing it, the one counting what the unit funds ("拟支持数：不超过6个品种")
                # before one that only counts by the way ("同一品种不同规格按1个品种计")
                project = in_units[0][0]
                counted = count_clause(project)
                clause = next((c for _, c in in_units if c is counted), in_units[0][1])
                return compose.clause_answer(guide, project, clause, a.intent.kind, question=a.question)
            if in_units:
                return None
            in_rules = [(s, i) for s, i in rules if printed.search((i.text if i else s.text).replace("\n", ""))]
            if in_rules:
                asked = self._asked_bigrams(a.intent)
                section, item = max(in_rules, key=lambda si: _overlap(si[1].text if si[1] else si[0].text, asked))
                return compose.notice_answer(guide, section, item, a.intent.kind, question=a.question, focus=printed)
        return None

    def _span_of_thing(self, a: Asked) -> Answer | None:
        """ "RCT的随访要多久": the clause of the one unit the question names that prints the thing asked right before a
        span of time ("随访时间不少于3年"); None when the question asks no span, the thing is the unit's period itself
        (实施周期 is answered from its clause) or the unit prints no such span."""
        if not a.one_guide or a.intent.aggregate or len(a.intent.projects) != 1 or not span_asked().search(a.question):
            return None
        guide = a.guides[0]
        if (project := guide.project(a.intent.projects[0][1])) is None:
            return None
        wanted = self._detail_bigrams(a.intent, project.title)
        wanted -= {b for label in clauses().kind["period"].labels for b in _bigrams(label)}
        if not wanted:
            return None
        for clause in project.clauses:
            text = clause.text.replace("\n", "")
            for span in _PRINTED_SPAN.finditer(text):
                before = text[max(0, span.start() - _SPAN_REACH) : span.start()]
                if any(b in before for b in wanted):
                    return compose.clause_answer(guide, project, clause, a.intent.kind, question=before + span.group(0))
        return None

    def _total(self, a: Asked) -> Answer | None:
        """ "各事项加起来最多拿多少", "今年总盘子多大": the notice sentence stating a total ("各事项资助合计不超过60万元"),
        or None when the guide states none."""
        words = total_budget()
        guide = a.guides[0]
        found = notice_stating(guide, words[1]) if words is not None else None
        return compose.notice_answer(guide, *found, "funding", focus=words[1]) if found else None

    def _section(self, a: Asked) -> Answer | None:
        guide = a.guides[0]
        section = self._named_section(guide, a.intent) or self._two_kinds_section(guide, a.intent)
        return compose.section_answer(guide, section) if section else None

    def _guide_detail(self, a: Asked) -> Answer | None:
        detail = self._detail(a.question)
        guide = a.guides[0]
        if detail is None or detail[0].search(guide.title):
            return None  # "首台套保险补偿申报受理到哪天": 保险 is the programme's name, no detail asked
        if not _rules_stating(guide, detail[0]) and any(
            detail[0].search(c.text) for p in guide.projects for c in p.clauses
        ):
            # Projects mention it and the notice does not: the clause kind asked picks among theirs. With the notice
            # stating it ("40岁以下(1985年1月1日(含)以后出生)"), a question naming no project means the notice's rule,
            # even where a project's text uses the word in another sense ("全年龄段人群").
            return None
        return self._detail_answer(guide, None, detail, a.intent.kind or "eligibility", a.question)

    def _document(self, a: Asked) -> Answer | None:
        """ "现在是正式版吗", "谁发的", "哪天发的": the guide's status, issuer or date as its text prints them."""
        return document_answer(a.question, a.guides[0])

    def _absent_detail(self, a: Asked) -> Answer | None:
        """A detail the named guide mentions nowhere (劳务费 比例, 注册资本) is refused before any listing, maximum or
        clause answers around it."""
        detail = self._detail(a.question)
        guide = a.guides[0]
        if detail is None:
            return None
        texts = [c.text for p in guide.projects for c in p.clauses] + [s.text for s in _rule_sections(guide)]
        texts += [guide.title, guide.part_title, *(s.title for s in guide.sections), *(p.title for p in guide.projects)]
        if any(detail[0].search(t) for t in texts):
            return None
        named = [p for p in guide.projects if (guide.id, p.label) in a.intent.projects]
        project = named[0] if len(named) == 1 else None
        return self._detail_answer(guide, project, detail, a.intent.kind or "eligibility", a.question)

    def _guide_kind(self, a: Asked) -> Answer | None:
        parts = list(dict.fromkeys(a.intent.part_kinds))
        if len(parts) >= 2 and len(a.guides) == 1 and a.intent.kinds[: len(parts)] == parts:
            # "实施周期多长，怎么组织": each part asked of the guide answered in turn, each cited (when the kinds of
            # the whole question agree with its parts': "交几份，送到哪个窗口" is one materials clause)
            answers = [self._guide_answer(replace(a.intent, kinds=[k]), a.guides, a.question) for k in parts]
            if all(x is not None and not x.refused and not x.clarify for x in answers):
                distinct, seen = [], set()
                for x in answers:  # two kinds answered by one item say it once
                    keys = {c.key for c in x.citations}
                    if not keys <= seen:
                        distinct.append(x)
                    seen |= keys
                return compose.each_answer(distinct)
        return self._guide_answer(a.intent, a.guides, a.question)

    def _project_answer(self, intent: Intent, question: str) -> Answer:
        gid, label = intent.projects[0]
        guide = self.guides[gid]
        project = guide.project(label)
        assert project is not None
        if not project.clauses:
            # A unit the parser found without clauses: its text is still indexed; retrieval within it answers.
            return self._retrieved_answer(intent, question, [guide])
        kind = intent.kind
        detail = self._detail(question)
        if detail is not None and (detail[0].search(project.title) or detail[0].search(guide.title)):
            detail = None  # "港澳台科技合作项目实施期限是几年": the words name the project, the detail is its period
        if detail is not None:
            return self._detail_answer(guide, project, detail, kind or "content", question)
        if len(intent.part_kinds) < 2 and len(printed_all := self._clauses_printed(project, question)) >= 2:
            # "资助额度和实施期限是多少": each clause named as the project prints it, in the order asked
            return compose.clauses_answer(
                guide, project, [(c, c.kind) for c in printed_all], question=intent.search_text
            )
        if len(intent.part_kinds) < 2 and (printed := self._clause_printed(project, question)) is not None:
            # "脐橙水肥一体化项目的绩效目标有哪些": the clause named as the project prints it
            if (other := _part_hinted(project, question, printed)) is not None:
                parts = [(printed, printed.kind), (other, other.kind)]  # "补助比例是多少？一年最多补多少"
                return compose.clauses_answer(guide, project, parts, question=intent.search_text)
            return compose.clause_answer(guide, project, printed, printed.kind, question=intent.search_text)
        if kind in GUIDE_OWN_KINDS and (own_clause := project.clause_of_kind(kind)) is not None:
            # A unit with its own contact (发榜单位联系人) answers for itself; the notice's is everyone's else.
            return compose.clause_answer(guide, project, own_clause, kind, question=intent.search_text)
        if kind in GUIDE_OWN_KINDS and (stating := self._own_evidence(project, kind)) is not None:
            # "县域科技创新能力提升，一个县能报几个": its 申报主体 says "每个县限报1项"; the notice's limit is everyone's else.
            return compose.clause_answer(guide, project, stating, kind, question=intent.search_text)
        if kind == "count" and (counted := count_clause(project)) is not None and counted.kind != "funding":
            # how many the unit funds, in a clause of its own (拟立项数：2项), not its funding clause
            return compose.clause_answer(guide, project, counted, kind, question=intent.search_text)
        asked = self._asked_bigrams(intent, project.title)
        if kind and len(parts := self._clauses_per_part(project, intent)) >= 2:
            return compose.clauses_answer(guide, project, parts, question=intent.search_text)
        if (ranked := self._ranked_clause(project, intent, asked)) is not None and not (
            kind and ranked[1] != kind and self._category_note(guide, project, kind, intent, asked) is not None
        ):
            # (a clause of another kind, when the unit states none of the kind asked, yields to the notice's rule for
            # its category: "具备硕导条件要满足哪些条件" is 申报要求's, not the 研究内容 of the 导师 unit)
            clause, clause_kind = ranked
            clause = self._conditioned(project, clause, clause_kind, question) or clause
            if (other := _part_hinted(project, question, clause)) is not None:
                # "每机时补多少？一年封顶多少": 补贴标准, and the 补贴上限 the second part's words hint at
                parts = [(clause, clause_kind), (other, other.kind)]
                return compose.clauses_answer(guide, project, parts, question=intent.search_text)
            return compose.clause_answer(guide, project, clause, clause_kind, question=intent.search_text)
        if not kind:
            # No clause kind named: the clause sharing most words with the question, else the content.
            best = max(project.clauses, key=lambda c: (_overlap(c.text, asked), c.kind in CONTENT_KINDS))
            return compose.clause_answer(guide, project, best, "", question=intent.search_text)
        kinds, _ = KIND_CLAUSES[kind]
        evidence = KIND_EVIDENCE.get(kind)
        spec = clauses().kind.get(kind)
        borrowed = tuple(spec.borrows) if spec is not None and evidence is not None else ()
        for clause_kind in (*kinds, *borrowed):
            clause = self._named_clause(project, clause_kind, question) or project.clause_of_kind(clause_kind)
            if clause is not None and clause_kind in borrowed and not evidence.search(clause.text):
                continue  # a borrowed kind's clause answers only when it states the fact ("…启动时拨付60%")
            if clause is not None:
                clause = self._conditioned(project, clause, kind, question) or clause
                return compose.clause_answer(guide, project, clause, kind, question=intent.search_text)
        if (named := self._own_evidence(project, kind, by_name=True)) is not None:
            # "微波介质陶瓷那个任务拟支持几个项目": a clause the unit prints under the kind's evidence (拟支持项目数：1项)
            # though the vocabulary files it elsewhere
            return compose.clause_answer(guide, project, named, kind, question=intent.search_text)
        if kind == "funding" and (stating := funding_clause(project)) is not None:
            # "监管信息平台那个任务给多少经费": the one clause of its own stating a fiscal amount (有关说明：…省财政资助不
            # 超过200万元), before a rule the notice sets for its category
            return compose.clause_answer(guide, project, stating, kind, question=intent.search_text)
        # The project has no such clause: a clause of its own with the question's figures, the notice's rule
        # for its category, its own text, or the notice.
        numbers = set(re.findall(r"\d{2,}", intent.search_text))
        own = max(
            project.clauses,
            key=lambda c: (any(n in c.text for n in numbers), _overlap(c.text, asked)),
            default=None,
        )
        if own is not None and any(n in own.text for n in numbers):
            return compose.clause_answer(guide, project, own, kind, question=intent.search_text)
        if kind in KIND_FIELD and (rule := rule_for(guide, project, KIND_FIELD[kind])) is not None:
            return compose.rule_answer(guide, [rule], project)
        if section := self._two_kinds_section(guide, intent):
            return compose.section_answer(guide, section)
        notice = self._notice_item(guide, kind, intent)
        evidence = KIND_EVIDENCE.get(kind)
        own_fits = own is not None and (
            any(n in own.text for n in numbers)
            or (_overlap(own.text, asked) >= 2 and (evidence is None or evidence.search(own.text)))
        )
        if own_fits and (notice is None or _overlap(own.text, asked) >= _overlap(self._unit_text(notice), asked)):
            return compose.clause_answer(guide, project, own, kind, question=intent.search_text)
        if (note := self._category_note(guide, project, kind, intent, asked)) is not None:
            return compose.category_note_answer(guide, project, note, kind)
        # "中试平台拿了补助以后要求至少运营多久": no period clause, but one of its own clauses states a length next
        # to the question's words ("获得补助后须持续运营不少于3年" in 申报条件)
        values = [present for words, present, _, matter in answer_types() if not matter and words.search(question)]
        # … or the clause answering the question's other part ("杰青一项资助多少、做几年": "每项80万元,实施周期4年")
        other_parts = [
            c for k in intent.kinds for n in KIND_CLAUSES.get(k, ((), ()))[0] if (c := project.clause_of_kind(n))
        ]
        carrying = [
            c
            for c in project.clauses
            if any(v.search(c.text) for v in values) and (_overlap(c.text, asked) or any(c is o for o in other_parts))
        ]
        if carrying:
            best = max(carrying, key=lambda c: _overlap(c.text, asked))
            return compose.clause_answer(guide, project, best, kind, question=intent.search_text)
        if notice is not None:
            section, item = notice
            return compose.notice_answer(
                guide, section, item, kind, note="（适用于该指南的所有项目）", question=intent.search_text
            )
        what = f"{compose.guide_label(guide)}中{project.label}「{project.title}」没有列出{compose.kind_name(kind)}"
        return compose.refusal(what, [guide], "，指南原文未作规定，我不能替指南作答。")

    @staticmethod
    def _own_evidence(project, kind: str, by_name: bool = False):
        """The one clause of the project stating a guide-wide kind with a figure, by its text ("每个县限报1项") or by
        its printed name ("院内推荐名额：30项", "院内截止：2026年12月18日17:00"), or None."""
        evidence = KIND_EVIDENCE.get(kind)
        if evidence is None:
            return None
        # A date range in a condition ("须于2023年1月1日至2023年12月31日期间获批") is no deadline: a date counts by
        # the clause's name only.
        by_name = by_name or kind in DATED_KINDS
        stating = [
            c
            for c in project.clauses
            if (m := evidence.search(text := f"{c.printed_name or c.name}：" + ("" if by_name else c.text)))
            and (by_name or re.search(r"\d", text[m.start() : m.end() + 12]))
        ]
        return stating[0] if len(stating) == 1 else None

    @staticmethod
    def _clauses_printed(project, question: str) -> list:
        """The project's clauses whose printed names (3+ characters, none inside another one named) the question
        writes out, in the order it writes them."""
        q = compact(question)
        named = _named_in(project, q)
        named = [c for c in named if not any(c is not o and compact(c.name) in compact(o.name) for o in named)]
        return sorted(named, key=lambda c: q.index(compact(c.name)))

    def _details_printed(self, intent: Intent, named: list[tuple[str, str]]) -> bool:
        """Whether each named unit's clauses print a detail word of the question (a bigram that names no clause kind
        and is in no title of the guide or the units), so that the comparison is of the clauses saying it."""
        projects = [self.guides[gid].project(label) for gid, label in named]
        if any(p is None for p in projects):
            return False
        details = self._detail_bigrams(intent, "".join(p.title for p in projects))
        return bool(details) and all(any(b in compact(c.text) for c in p.clauses for b in details) for p in projects)

    @staticmethod
    def _clause_printed(project, question: str):
        """The project's clause whose printed name (3+ characters) the question writes out, the longest; or None."""
        return max(_named_in(project, compact(question)), key=lambda c: len(c.name), default=None)

    @staticmethod
    def _ranked_clause(project, intent: Intent, asked: set[str]):
        """The project's clause the learned scorer ranks first (assistant/clause_rank.py), with the kind to answer
        it as: when it answers the kind the question words asked (or none was), or when the project has no clause
        of that kind and the scorer is sure of it ("有关说明: 其他经费与国拨经费比例不低于1:1"). None leaves the
        choice to the kind words and the notice (no weights, or a clause of the asked kind the scorer ranks lower:
        it never overrides a kind the project states, see the README)."""
        scorer = clause_scorer()
        if scorer is None:
            return None
        kinds = classifier("kind")
        probs = kinds.predict_proba(intent.question) if kinds is not None else {}
        ranked = scorer.rank(intent.search_text or intent.question, asked, intent.kinds, project, probs)
        score, best = ranked[0]
        tied = [c for s, c in ranked if s >= score - 1e-9]
        if len(tied) >= 2 and (hinted := _name_hinted(tied, intent.question)) is not None:
            best = hinted  # 补助基数 / 补助比例 / 补助上限 scored alike for "最多能补多少钱": 补助上限
        kind = intent.kind
        if not kind or answers(kind, best.kind):
            return best, kind
        if score >= scorer.sure and not any(answers(kind, c.kind) for c in project.clauses):
            return best, best.kind
        if score >= scorer.sure and _outvoted(kind, best, project, probs, asked):
            # "可降解支架降解周期要求多长": 多长 fired period, but the classifier reads an indicator and only the
            # 考核指标 clause holds 降解周期
            return best, best.kind
        return None

    def _category_note(self, guide: Guide, project, kind: str, intent: Intent, asked: set[str]):
        """A notice sentence stating this kind for the project's category ("制造与信息领域项目须由企业牵头…"), when
        it shares more of the question's words than any notice item does; only for kinds notices state."""
        spec = clauses().kind.get(kind)
        evidence = KIND_EVIDENCE.get(kind)
        if spec is None or evidence is None or not (spec.notice_titles or spec.any_notice):
            return None
        required = re.compile(spec.notice_requires) if spec.notice_requires else evidence
        notes = [n for n in category_notes(guide, project, evidence) if required.search(n.sentence)]
        if not notes:
            return None
        titles = set(spec.notice_titles)
        # the words of the category say which category a sentence is about, not whether it states what is asked
        # ("…高层次人才创新能力培养项目，2020年引进的博士能报吗": 申报要求's "…高层次人才项目…2019年7月1日后引进",
        # not 支持重点's description repeating the category's name)
        best = max(
            notes,
            key=lambda n: (
                3 * _overlap(n.sentence, asked - _bigrams(n.category))
                + 2 * (n.section.title in titles)
                + min(len(evidence.findall(n.sentence)), 2)
            ),
        )
        notice = self._notice_item(guide, kind, intent)
        if notice is not None and _overlap(self._unit_text(notice), asked) > _overlap(best.sentence, asked) + 1:
            return None
        return best

    @staticmethod
    def _named_clause(project, kind: str, question: str):
        """Of several clauses of one kind (发榜单位, 揭榜条件), the one whose printed name the question echoes
        ("揭榜方要满足什么条件" → 揭榜条件); None when there is one, or the question echoes none."""
        same = [c for c in project.clauses if c.kind == kind]
        if len(same) < 2:
            return None
        asked = _bigrams(question) | set(question)
        scored = [
            (sum(1 for b in _bigrams(c.name) if b in asked) * 2 + sum(1 for ch in c.name if ch in asked), c)
            for c in same
        ]
        best = max(s for s, _ in scored)
        top = [c for s, c in scored if s == best]
        if len(top) >= 2 and (hinted := _name_hinted(top, question)) is not None:
            return hinted  # "最多能补多少钱" of 补助基数 / 补助比例 / 补助上限: 补助上限
        return top[0] if best > 0 and len(top) == 1 else None

    @staticmethod
    def _clauses_per_part(project, intent: Intent) -> list:
        """For a question in parts, the project's clause answering each part's kind (those it has)."""
        out = []
        for kind in intent.part_kinds:
            names, _ = KIND_CLAUSES.get(kind, ((), ()))
            clause = next((c for n in names if (c := project.clause_of_kind(n)) is not None), None)
            if kind == "count":
                clause = count_clause(project) or clause  # "拟支持：6项", or the funding clause stating "拟支持2项"
            if clause is not None and all(clause is not c for c, _ in out):
                out.append((clause, kind))
        return out

    @staticmethod
    def _conditioned(project, clause, kind: str, question: str):
        """Another clause of the project that states this kind's fact for the lead unit the question supposes
        ("要是企业牵头，自己得掏多少" → "企业牵头的，承担单位出资不低于…"), or None."""
        evidence = KIND_EVIDENCE.get(kind)
        vocab = condition_vocab()
        named = [w for words in vocab.lead_terms().values() for w in words if w in question]
        if evidence is None or not named:
            return None
        leads = "|".join(map(re.escape, vocab.triggers.lead_after))
        supposes = re.compile(f"({'|'.join(map(re.escape, named))}).{{0,4}}({leads})")
        if supposes.search(clause.text):
            return None
        return next(
            (c for c in project.clauses if c is not clause and evidence.search(c.text) and supposes.search(c.text)),
            None,
        )

    @staticmethod
    def _detail(question: str):
        """The specific detail a question asks about (e.g. unit co-funding, age), or None; not one the asker only tells
        of ("我们是…，到账200万，能报…吗": 到账 asks no payment date)."""
        asking = asked_part(question)
        about_asker = asker_details()
        return next(
            (
                (present, label)
                for asked, present, label in details()
                if asked.search(question if label in about_asker else asking)
            ),
            None,
        )

    def _unsaid_detail(self, part: str, said: str, units: list[tuple[str, str]]) -> Answer | None:
        """A part asking a detail (单位配套, "what matching funds") the answer so far says nothing of, answered from
        the one unit's clause that mentions it (配套要求 beside the 支持金额 quoted, both funding); else None."""
        detail = self._detail(expand_english(part))
        if detail is None or detail[0].search(said) or len(units) != 1:
            return None
        guide = self.guides.get(units[0][0])
        project = guide.project(units[0][1]) if guide is not None else None
        if project is None or not any(detail[0].search(c.text) for c in project.clauses):
            return None
        return self._detail_answer(guide, project, detail, "", part)

    def _detail_answer(self, guide: Guide, project, detail, kind: str, question: str) -> Answer:
        """Answer from the clause (or notice item) that mentions the detail; refuse when none does."""
        present, label = detail
        asked = _bigrams(question)
        # the words of the detail the question itself prints (在研, of 在研|限项|同时申报) before its other words
        own = {m.group(0) for m in present.finditer(question)}

        def fit(text: str) -> tuple[int, int]:
            return sum(1 for w in own if w in text), _overlap(text, asked)

        clauses = [c for c in (project.clauses if project else []) if present.search(c.text)]
        if clauses:
            best = max(clauses, key=lambda c: fit(c.text))
            return compose.clause_answer(guide, project, best, kind)
        if items := _rules_stating(
            guide, present
        ):  # the notice's rule for every project ("企业牵头的，自筹经费与市财政经费比例不低于2:1")
            section, item = max(items, key=lambda si: fit(self._unit_text(si)))
            return compose.notice_answer(guide, section, item, kind, question=question, focus=present)
        funding = project.clause_of_kind("funding") if project else None
        if funding is not None and label.startswith("承担单位出资"):
            # The funding clause answers the question by what it does not ask for.
            return compose.clause_answer(guide, project, funding, "funding", note=f"该条款未要求{label[:-2]}。")
        where = f"{project.label}「{project.title}」" if project else "各项目"
        return compose.refusal(f"{compose.guide_label(guide)}中{where}没有写明{label}", [guide], "，指南原文未作规定。")

    def _detail_bigrams(self, intent: Intent, exclude: str = "") -> set[str]:
        """The question's informative bigrams that name no clause kind (its details), less those of `exclude` and of
        its guides' titles."""
        return {b for b in self._asked_bigrams(intent, exclude) if not clauses().kind_of(b)}

    def _asked_bigrams(self, intent: Intent, exclude: str = "") -> set[str]:
        """Informative bigrams of the question, less those of its guides' titles and of `exclude`."""
        titles = "".join(self.guides[g].title for g in intent.guide_ids if g in self.guides)
        asked = informative_bigrams(intent.search_text or intent.question) | latin_terms(intent.question)
        return asked - _bigrams(exclude) - _bigrams(titles) - set(re.findall(r"[a-z0-9-]+", (exclude + titles).lower()))

    @staticmethod
    def _named_section(guide: Guide, intent: Intent):
        """A notice section the question names by its title and asks to list (支持重点有哪几类)."""
        if not re.search(r"哪几|哪些|有什么|都有|几类|几个方面|什么方面|内容是", intent.question):
            return None
        q = intent.search_text or intent.question
        for section in guide.notice_sections():
            title = section.title
            swapped = title[2:] + title[:2] if len(title) == 4 else title
            if (title in q or swapped in q) and section.items:
                return section
        return None

    def _two_kinds_section(self, guide: Guide, intent: Intent):
        """A notice section whose items answer two kinds asked together (资助多少 + 什么时候拨), or None."""
        if len(intent.kinds) < 2:
            return None
        found = [self._notice_item(guide, k, intent) for k in intent.kinds[:2]]
        if all(found) and found[0][0] is found[1][0] and found[0][1] is not found[1][1] and len(found[0][0].items) <= 4:
            return found[0][0]
        return None

    def _items_per_part(self, guide: Guide, kind: str, intent: Intent, section: Section) -> list[tuple[Item, str]]:
        """A question in parts ("能报几项？联合申报的算不算在名额里", "找谁、交到哪里、电话多少") whose parts each find
        their own item of this notice section: (item, part) in the question's order; [] when fewer than two do."""
        question = intent.search_text or intent.question
        parts = [p for p in re.split(rf"{PARTS.pattern}|、", question) if informative_bigrams(p)]
        if len(parts) < 2 or len(section.items) < 2 or len(set(intent.part_kinds)) >= 2:
            return []  # parts asking different kinds are answered kind by kind
        found: list[tuple[Item, str]] = []
        for part in parts:
            asking = replace(intent, search_text=part, written_text=part, question=part)
            notice = self._notice_item(guide, kind, asking)
            if notice is None or notice[0] is not section or notice[1] is None:
                continue
            if _overlap(notice[1].text, self._asked_bigrams(asking)) == 0:
                continue  # the part shares no word with it: the kind's words alone picked it
            if all(notice[1] is not item for item, _ in found):
                found.append((notice[1], part))
        return found if len(found) >= 2 else []

    @staticmethod
    def _unit_text(notice) -> str:
        section, item = notice
        return item.text if item else section.text

    def _notice_item(self, guide: Guide, kind: str, intent: Intent | None = None):
        """The notice section/item of a guide that states a fact of this kind, or None."""
        asked = self._asked_bigrams(intent) if intent else set()
        question = intent.question if intent else ""
        _, titles = KIND_CLAUSES.get(kind, ((), ()))
        evidence = KIND_EVIDENCE.get(kind)
        spec = clauses().kind.get(kind)
        if evidence is None or spec is None:
            return None
        required = re.compile(spec.notice_requires) if spec.notice_requires else None
        best = None
        # What follows the 落款 (a web page's 申报时间/咨询方式 box) may state deadlines and contacts too, and a
        # draft's opening paragraphs its feedback deadline ("可于5月15日17:00前…反馈意见"): the one sentence of the
        # opening that states it competes, so a long paragraph wins on no accumulated words.
        closing = guide.sections_of("closing") if spec.any_notice else []
        opening = guide.sections_of("preamble") if kind == "deadline" and guide.status == "draft" else []
        places = [(s, False) for s in [*guide.notice_sections(), *closing]] + [(s, True) for s in opening]
        for section, opens in places:
            titled = section.title in titles
            if not titled and not spec.any_notice:
                continue
            units = section.items or [None]
            for item in units:
                text = item.text if item else section.text
                if opens:
                    stating = [x for x in compose.sentences(text) if evidence.search(x)]
                    text = max(stating, key=lambda x: _overlap(x, asked), default="")
                # a section titled with the kind's words states it in its bare text (意见反馈截止时间 / 2026年5月21日)
                stated = section.title + "：" + text if not opens else text
                if required is not None and not required.search(stated):
                    continue
                # Words shared with the question decide; the kind's evidence and a title that carries the kind
                # break ties.
                hits = 3 * _overlap(text, asked) + min(len(evidence.findall(text)), 2)
                hits += sum(
                    4
                    for k, wants, carries in focus()
                    if k == kind and wants.search(question) and carries.search(section.title + text)
                )
                if not titled and not evidence.search(stated):
                    continue
                hits += 2 if titled else 0
                if (
                    item is not None
                    and (run_in := inline_clauses(item.text))
                    and clauses().kind_of(run_in[0][0]) == kind
                ):
                    hits += 3  # "(三)名额限制。同一单位…": an item whose run-in label names the kind asked

                if hits and (best is None or hits > best[0]):
                    best = (hits, section, item)
        return (best[1], best[2]) if best else None

    def _guide_answer(self, intent: Intent, guides: list[Guide], question: str) -> Answer | None:
        """A kind asked of a named guide without a project."""
        kind = intent.kind
        if kind in ("funding", "count") and (planned := planned_answer(question, intent, guides)) is not None:
            return planned  # "联合基金一共多少钱": the call's whole budget, not its units' funding one by one
        names, _ = KIND_CLAUSES[kind]
        if len(guides) == 1:
            guide = guides[0]
            if (rules := self._rules_asked(guide, kind, question)) and not any(
                p.clause_of_kind(n) for p in guide.projects for n in names
            ):
                return compose.rule_answer(guide, rules)
            notice = self._notice_item(guide, kind, intent)
            # A guide-wide kind (限额) that a few guides also print in a unit (推荐限额) is the notice's in the rest;
            # printed by a few of a guide's units (第五档's own 申报时限), it is their exception, and the notice's
            # answers for the guide.
            holders = [p for p in guide.projects if any(p.clause_of_kind(n) for n in names[:1])]
            own = len(holders) * 2 > len(guide.projects)
            notice_kinds = ("funding", "period", "eligibility", "organisation", *GUIDE_OWN_KINDS)
            if notice is not None and (not names or kind in notice_kinds) and not own:
                section, item = notice
                if item is not None and (asked := self._items_per_part(guide, kind, intent, section)):
                    return compose.items_answer(guide, section, asked, kind)
                return compose.notice_answer(guide, section, item, kind, question=intent.search_text)
            if names:
                clauses = [(p, p.clause_of_kind(n)) for p in guide.projects for n in names[:1] if p.clause_of_kind(n)]
                texts = {c.text for _, c in clauses}
                if clauses and len(texts) == 1:
                    project, clause = clauses[0]
                    shared = [p for p, _ in clauses] if len(clauses) >= 2 else None  # one unit's is no one else's
                    return compose.clause_answer(
                        guide, project, clause, kind, shared=shared, question=intent.search_text
                    )
                if clauses and kind in ("funding", "period", "organisation", "eligibility"):
                    intent.aggregate = "list"
                    return aggregate_answer(question, intent, [guide])
            if notice is None and not holders and (not names or kind in GUIDE_OWN_KINDS):
                return compose.refusal(
                    f"{compose.guide_label(guide)}中没有写明{compose.kind_name(kind)}", [guide], "，我不能替指南作答。"
                )
        return None

    @staticmethod
    def _rules_asked(guide: Guide, kind: str, question: str) -> list:
        """The notice's rules of this kind: the one for the category the question names, else all of them."""
        if kind not in KIND_FIELD:
            return []
        rules = [r for r in notice_rules(guide) if r.field == KIND_FIELD[kind]]
        if category := named_category(question, [guide]):
            rules = [r for r in rules if r.category.startswith(category)] or [r for r in rules if not r.category]
        unique = {(r.category, r.value): r for r in rules}
        return list(unique.values())

    def _retrieve(self, intent: Intent, k: int, question: str | None = None) -> list[Hit]:
        kinds, titles = KIND_CLAUSES[intent.kind] if intent.kind else ((), ())
        allowed = self.search.allowed(
            intent.guide_ids or None, intent.projects or None, kinds=list(kinds), notice_titles=list(titles)
        )
        text = intent.search_text or question or intent.question
        hits = self.search.search(text, k, allowed)
        if not hits and (kinds or titles):
            hits = self.search.search(text, k, self.search.allowed(intent.guide_ids or None, intent.projects or None))
        return hits

    def _retrieved_answer(self, intent: Intent, question: str, guides: list[Guide]) -> Answer:
        hits = self._retrieve(intent, max(10, self.settings.top_k), question)
        if hits:
            # Rerank by the question's informative words found in the clause itself (not its header):
            # BM25's length normalisation and the dense model both favour short generic clauses.
            asked = self._asked_bigrams(intent)
            best = max(hits[:10], key=lambda h: (_overlap(h.chunk.quote, asked), h.score))
            if _overlap(best.chunk.quote, asked) >= 2:
                hits = [best] + [h for h in hits if h is not best]
        if not hits or hits[0].score < MIN_FUSED_SCORE:
            scope = "、".join(compose.guide_label(g) for g in guides[:2]) if intent.guide_ids else "已收录的指南"
            return compose.refusal(f"在{scope}中没有找到能回答这个问题的条款", guides if intent.guide_ids else [], "。")
        top = hits[0].chunk
        guide = self.guides[top.guide_id]
        if not intent.projects and (shared := _printed_alike(guide, top.project, top.clause)):
            # "这批项目跟企业联合研发有没有加分": the clause found is printed alike in several projects; it is theirs,
            # not the one retrieval happened to rank first.
            return compose.clause_answer(
                guide, shared[0], shared[0].clause(top.clause), intent.kind, shared=shared, question=question
            )
        return compose.chunk_answer(guide, top, intent.kind)


@dataclass
class Asked:
    """A question with what understanding found: the context every check and strategy reads."""

    question: str
    history: list[list[str]]
    guide_id: str | None
    intent: Intent
    catalog: dict[str, Guide]

    @property
    def guides(self) -> list[Guide]:
        """The guides in scope: those understanding (or a check since) settled on, else every guide."""
        ids = self.intent.guide_ids
        return [self.catalog[g] for g in ids if g in self.catalog] if ids else list(self.catalog.values())

    @property
    def one_guide(self) -> bool:
        return len(self.guides) == 1

    @property
    def one_named(self) -> bool:
        """One project named (by its label, or as the one side of a comparison, or by its title in a question
        asking no "which": "PCT专利申请资助一件最多几万" is that unit's cap, not a ranking)."""
        i = self.intent
        unranked = i.aggregate in ("max", "min") and not asks_which().search(i.question)
        return len(i.projects) == 1 and (i.by_label or i.aggregate == "compare" or unranked)


@dataclass(frozen=True)
class Strategy:
    """One way to answer: how well it fits what was asked, and the answer (None when it cannot)."""

    name: str
    fit: Callable[[Asked], float]
    answer: Callable[[Extractive, Asked], Answer | None]


CHECKS: tuple[Callable[[Extractive, Asked], Answer | None], ...] = (
    Extractive._injection,
    Extractive._selfcheck,
    Extractive._outside,
    Extractive._missing_label,
    Extractive._greeting,
    Extractive._which,
)

# A draft's sentence planning the application window ("网上申报时间拟为2026年2月下旬至3月下旬").
_PLANNED_WINDOW = re.compile(
    r"(申报|申请)[^。；;]{0,8}?(时间|日期)?[^。；;]{0,4}?(拟|预计|计划)[^。；;]{0,6}?20\d\d\s*年\s*\d{1,2}\s*月"
)


# A draft's section titled as the planned application time ("四、申报时间（拟定）": 正式指南发布之日起30日内…).
_PLANNED_TITLE = re.compile(r"(申报|申请|受理)(时间|日期|安排).{0,2}(拟|预计|计划)")
_DAY_ASKED = re.compile(r"哪一?天|几号|几月几|日期")


def _planned_window(guide: Guide, question: str = "") -> tuple[Section, Item | None] | None:
    """The notice section (and item) of a draft planning when applications open, or None. A section titled as the
    plan answers "大概什么时候受理" whatever it says, and "截止日期是哪一天" only when it prints a date."""
    day_asked = _DAY_ASKED.search(question) is not None
    for section in guide.sections_of("notice", "preamble"):
        if _PLANNED_TITLE.search(section.title) and (not day_asked or _PLANNED_WINDOW.search(section.text)):
            return section, None
    for section in guide.sections_of("notice", "preamble"):
        for item in section.items or [None]:
            if _PLANNED_WINDOW.search(item.text if item else section.text):
                return section, item
    return None


def _counts_its_own(a: Asked) -> bool:
    """ "创新药物和医疗器械临床研究与产品研发，一共打算支持几个项目": how many one named unit funds, which its own text
    states (拟支持3项), not a count of the units it stands among."""
    if a.intent.aggregate != "count" or len(a.intent.projects) != 1 or (words := planned_count()) is None:
        return False
    gid, label = a.intent.projects[0]
    project = a.catalog[gid].project(label) if gid in a.catalog else None
    return project is not None and words[0].search(a.question) is not None and count_clause(project) is not None


def _asks_total(a: Asked) -> bool:
    """ "同一家企业一年各事项加起来最多拿多少": a total over all the guide's items, which the notice states, not a fact of
    the units whose words the question happens to share (每家企业); a unit named by its label keeps its own."""
    words = total_budget()
    if words is None or a.intent.by_label or words[0].search(a.question) is None:
        return False
    return not a.intent.projects or across_units().search(a.question) is not None


def _lists_named_section(a: Asked) -> bool:
    """ "一共有哪几个支持重点": the items of a notice section the question names are listed, not the guide's units (no
    unit word follows the "which")."""
    return (
        a.intent.aggregate in ("list", "count")
        and bool(within_unit().search(a.question))
        and Extractive._named_section(a.guides[0], a.intent) is not None
    )


# Fit: a detail the named guide never mentions is refused first; a listing, count or comparison over projects fits
# best; then one project's clause; then a notice section
# the question names, a detail the guide never mentions, a kind asked of a whole guide. Retrieval answers the rest.
STRATEGIES = (
    Strategy(
        "document",
        lambda a: (
            1.2 if a.one_guide and a.intent.guide_ids and not a.intent.projects and document_kinds(a.question) else 0.0
        ),
        Extractive._document,
    ),
    Strategy("absent_detail", lambda a: 1.1 if a.one_guide and a.intent.guide_ids else 0.0, Extractive._absent_detail),
    Strategy(
        "aggregate",
        lambda a: (
            1.0
            if a.intent.aggregate
            and (a.intent.aggregate not in ("compare", "max", "min") or not a.one_named)
            and not _counts_its_own(a)
            else 0.0
        ),
        Extractive._aggregate,
    ),
    Strategy(
        "sides",
        lambda a: 1.02 if a.intent.aggregate == "compare" and a.one_guide and len(set(a.intent.projects)) < 2 else 0.0,
        Extractive._sides,
    ),
    Strategy(
        "project",
        lambda a: (
            0.9 if a.intent.projects and (a.intent.kind or not a.intent.aggregate) and not _asks_total(a) else 0.0
        ),
        Extractive._project,
    ),
    Strategy(
        "total", lambda a: 1.15 if a.one_guide and a.intent.guide_ids and _asks_total(a) else 0.0, Extractive._total
    ),
    Strategy("thing_counted", lambda a: 0.95 if a.one_guide and a.intent.guide_ids else 0.0, Extractive._thing_counted),
    Strategy(
        "span_of_thing", lambda a: 0.95 if a.one_guide and a.intent.kind == "period" else 0.0, Extractive._span_of_thing
    ),
    Strategy(
        "section",
        lambda a: (1.05 if _lists_named_section(a) else 0.8) if a.one_guide and not a.intent.projects else 0.0,
        Extractive._section,
    ),
    Strategy(
        "guide_detail",
        lambda a: (
            0.7 if a.one_guide and a.intent.guide_ids and not a.intent.projects and not a.intent.aggregate else 0.0
        ),
        Extractive._guide_detail,
    ),
    Strategy("guide_kind", lambda a: 0.6 if a.intent.kind and a.intent.guide_ids else 0.0, Extractive._guide_kind),
)
