"""Listing and comparison questions, answered by scanning every project's typed fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.categories import (
    GROUP_PATH,
    NoticeRule,
    categories_of,
    category_core,
    category_name,
    longest_common,
    rule_for,
)
from assistant.compose import (
    FLAG,
    SENTENCES,
    citation,
    cite_line,
    guide_flags,
    guide_label,
    notice_answer,
    notice_citation,
)
from assistant.conditions_vocab import condition_vocab
from assistant.fields import ProjectFields, count_clause, format_wan, funding_clause, project_fields
from assistant.figure_asked import FigureAsked
from assistant.models import Answer, Citation
from assistant.numerals import number
from assistant.understand import LONG_CLAUSE_LABELS, STOP_BIGRAMS, Intent, title_runs_off
from index.models import Clause, Guide, Item, Project, Section
from index.vocab import clauses, units
from index.vocab.questions import (
    applied_for,
    counted_noun,
    group_asked,
    lacks,
    listing_filler,
    names_asked,
    negation,
    not_written,
    planned_count,
    quantities,
    questions,
    total_budget,
)


@dataclass(frozen=True)
class Measure:
    """One typed field that a listing or comparison is about."""

    name: str
    kind: str  # the clause kind the field is read from
    value: Callable[[ProjectFields], object]
    show: Callable[[ProjectFields], str]


MEASURES = {
    "city": Measure(
        "财政资助上限", "funding", lambda f: f.city_cap_wan, lambda f: format_wan(f.city_cap_wan) or "未写明"
    ),
    "amount": Measure("资助金额", "funding", lambda f: f.amount_wan, lambda f: format_wan(f.amount_wan) or "未写明"),
    "district": Measure(
        "区县财政出资", "funding", lambda f: f.district_wan, lambda f: format_wan(f.district_wan) or "无"
    ),
    "unit": Measure(
        "承担单位出资下限", "funding", lambda f: f.unit_min_wan, lambda f: format_wan(f.unit_min_wan) or "不要求"
    ),
    "period": Measure(
        "实施周期",
        "period",
        lambda f: f.period_years,
        lambda f: f.period_text or (f"不超过{f.period_years}年" if f.period_years else "未写明"),
    ),
    "org": Measure("组织方式", "organisation", lambda f: f.org_mode, lambda f: f.org_mode or "未写明"),
    "lead": Measure("牵头单位", "eligibility", lambda f: f.lead_units, lambda f: f.lead_units or "未写明"),
    "count": Measure("拟支持项目数", "funding", lambda f: f.count, lambda f: f"{f.count}项" if f.count else "未写明"),
}

# Kinds asked that a typed field compares: those its clause is read from, and a measure named by its kind (a count of
# funded units, read from the funding clause or a clause of its own: 拟资助数：4项).
MEASURED_KINDS = frozenset(m.kind for m in MEASURES.values()) | {"count"}


def pick_measure(question: str, intent: Intent) -> str:
    """Which typed field the question is about."""
    q = question
    if re.search(r"区县|区级|区财政", q):
        return "district"
    if re.search(r"单位出资|自筹|配套|承担单位|unit co-?fund", q, re.I):
        return "unit"
    if re.search(r"委托|竞争|择优|组织方式", q):
        return "org"
    if re.search(r"牵头|谁能|能申报|可以申报|申报条件|lead", q, re.I):
        return "lead"
    if re.search(r"周期|几年|多久|period", q, re.I):
        return "period"
    if re.search(r"(支持|资助|立项)(几|多少)(个|项)|(支持|资助|立项)(的)?(数量|项数|个数)|拟(支持|资助|立项)", q):
        return "count"
    if re.search(r"金额|榜额|额度|多少钱|钱最多|钱最少", q) and not re.search(
        r"财政|政府|补助|资助|拨款|国拨|[省市区县]里", q
    ):
        return "amount"  # "哪个榜单金额最高": the amount printed, not the city's part of it
    return (
        "city"
        if intent.kind in ("funding", "")
        else {"period": "period", "organisation": "org", "eligibility": "lead", "count": "count"}.get(
            intent.kind, "city"
        )
    )


def _figure_measure(figure: FigureAsked | None, picked: str) -> str:
    """The field a figure asked for is a value of: a sum or share is funding (of the kind picked, when it is one),
    a length of time the period, a number of 项 the count of funded units."""
    if figure is None:
        return picked
    if figure.kind in ("amount", "percent"):
        return picked if MEASURES[picked].kind == "funding" and picked != "count" else "city"
    return "period" if figure.kind == "duration" else "count"


# A measure a notice may set for a category of projects: (rule field, ProjectFields attribute).
MEASURE_RULES = {"city": ("cap", "city_cap_wan"), "period": ("period", "period_years"), "org": ("org", "org_mode")}


@dataclass(frozen=True)
class Row:
    """One project in a listing: its typed fields, and where the listed field came from."""

    guide: Guide
    project: Project
    fields: ProjectFields
    clause: Clause | None  # the project's own clause, or None when the notice's rule sets the field
    rule: NoticeRule | None = None

    def cited(self) -> Citation:
        if self.rule is not None and self.clause is None:
            assert self.rule.section is not None
            return notice_citation(self.guide, self.rule.section, self.rule.item)
        assert self.clause is not None
        return citation(self.guide, self.project, self.clause.name, self.clause.text, self.clause.lines)

    def text(self) -> str:
        """What the listed field is read from: the project's clause, or the notice's rule."""
        if self.rule is not None and self.clause is None:
            return self.rule.quote
        assert self.clause is not None
        return self.clause.text

    def source(self) -> str:
        if self.rule is not None and self.clause is None:
            assert self.rule.section is not None
            return f"通知“{self.rule.section.title}”：{self.rule.quote}"
        assert self.clause is not None
        return f"{self.clause.name}：{self.clause.text.replace(chr(10), ' ')}"


_ASKING_BOTH = re.compile(r"(.)不\1|有没有|是否")
_SEGMENT = re.compile(r"[，,。；;？?！!、]|(?:但|而|只|并且|或者)")


def polarity(question: str, term: str) -> int:
    """+1 when the question asks for the term, -1 when it excludes it (不是/除了/没有…), 0 when it is not there."""
    found = 0
    for segment in _SEGMENT.split(question):
        if term not in segment:
            continue
        plain = _ASKING_BOTH.sub("", segment)  # "能不能" asks, it does not negate
        negated = (
            bool(negation().search(plain))
            or bool(not_written().search(plain))  # "没提专利"
            or bool(re.search(r"不.{0,2}" + re.escape(term), plain))
        )
        found = -1 if negated else max(found, 1)
    return found


def _filter(question: str, measure: str, rows: list[Row]) -> tuple[list[Row], str]:
    """Rows a listing keeps: a named organisation mode, lead unit or co-funding, asked for or excluded."""
    if measure == "org":
        for mode in ("公开竞争", "定向委托", "竞争择优", "定向择优"):
            for word in (mode, mode[2:]):
                if (sign := polarity(question, word)) != 0:
                    if sign > 0:
                        return [r for r in rows if r.fields.org_mode == mode], mode
                    return [r for r in rows if r.fields.org_mode != mode], f"不是{mode}"
    if measure == "lead":
        lead_terms = condition_vocab().lead_terms()
        wanted = {}
        for term, synonyms in lead_terms.items():
            signs = [polarity(question, s) for s in synonyms]
            if any(signs):
                wanted[term] = -1 if -1 in signs else 1
        keep = [t for t, s in wanted.items() if s > 0]
        drop = [t for t, s in wanted.items() if s < 0]
        if keep or drop:
            only = bool(re.search(r"只能|只有|仅限|只限", question))

            def fits(row: Row) -> bool:
                lead = row.fields.lead_units
                has = {t: any(s in lead for s in lead_terms[t]) for t in lead_terms}
                if keep and not any(has[t] for t in keep):
                    return False
                return not (drop and only and any(has[t] for t in drop)) and not (
                    drop and not keep and any(has[t] for t in drop)
                )

            label = "、".join(keep) + "牵头" if keep else "不由" + "、".join(drop) + "牵头"
            if keep and drop and only:
                label = f"只能{'、'.join(keep)}牵头（{'、'.join(drop)}不能牵头）"
            return [r for r in rows if fits(r)], label
    if measure in ("unit", "district"):
        name = "承担单位出资" if measure == "unit" else "区县财政出资"
        # "区县财政出不出钱" asks both ways: no exclusion
        absent = re.search(r"不要求|不需要|无需|不用|没有要求|没有|无|不出", _ASKING_BOTH.sub("", question))
        attr = "unit_min_wan" if measure == "unit" else "district_wan"
        if absent:
            return [
                r for r in rows if getattr(r.fields, attr) is None
            ], f"不要求{name}" if measure == "unit" else f"没有{name}"
    return rows, ""


_MEASURE_WORDS = re.compile(
    r"出资|配套|自筹|委托|竞争|择优|组织方式|牵头|谁能|能申报|可以申报|周期|几年|多久|资助|经费|钱|万元|支持几|最多|最少|最高|最低|"
    r"commission|fund|lead|period",
    re.I,
)


def asks_measure(question: str) -> bool:
    """Whether the question words a field the typed catalog measures (money, period, organisation, lead units)."""
    return bool(_MEASURE_WORDS.search(question))


def _mentions(text: str, term: str) -> bool:
    """Does the text mention the term: as a substring, or (for 3+ characters) most of its bigrams?"""
    text = re.sub(r"[\s()（）,，、]", "", text).lower()
    term = term.lower()
    if term in text or len(term) < 3:
        return term in text
    bigrams = [term[i : i + 2] for i in range(len(term) - 1)]
    return sum(1 for b in bigrams if b in text) / len(bigrams) >= 0.6


def _group_text(guide: Guide, project: Project) -> str:
    """The project's group and the category headings above it, as one text."""
    return " ".join([project.group, *sorted(categories_of(guide, project))])


def named_category(question: str, guides: list[Guide], by_word: bool = False) -> str:
    """The category (group or heading above projects, without 项目/类) the question names, or ''.

    Named in full, or by a run of 4+ characters that covers 40% of it ("医疗卫生高层次人才那块" names
    医疗卫生高层次人才创新能力培养); when two categories fit equally, none is named. `by_word` (listings): also by
    a word only its name holds."""
    q = re.sub(r"\s", "", question)
    scored: dict[str, int] = {}
    for g in guides:
        for p in g.projects:
            for name in {category_name(p.group), *categories_of(g, p)}:
                core = category_core(name)
                if len(core) < 4 or _within_title(core, q, g.title):
                    continue
                common = len(core) if core in q else longest_common(core, q)
                if common >= 4 and common >= 0.4 * len(core):
                    scored[core] = common
    if not scored:
        return _category_by_bigrams(q, guides) if by_word else ""
    top = max(scored.values())
    best = [c for c, s in scored.items() if s == top]
    return best[0] if len(best) == 1 else ""


def _within_title(core: str, q: str, title: str) -> bool:
    """Does the question print the category's name (or the run of it it shares) only inside a longer run of its
    guide's title ("智能制造与工业软件专项" names the guide, not its 方向一工业软件)?"""
    title = re.sub(r"\s", "", title)
    run = max(
        (core[i:j] for i in range(len(core)) for j in range(i + 4, len(core) + 1) if core[i:j] in q),
        key=len,
        default="",
    )
    if not run or run not in title:
        return False
    for m in re.finditer(re.escape(run), q):
        start, end = m.start(), m.end()
        if not (start > 0 and q[start - 1 : end] in title) and not (end < len(q) and q[start : end + 1] in title):
            return False  # printed on its own at least once
    return True


def _category_by_bigrams(q: str, guides: list[Guide]) -> str:
    """A category named by a word of its name no other category's name or guide title has ("氢能方向一共几个课题"
    names 任务2 氢能制备与储运), or ''. Only in a guide with several categories; a word of two categories names
    neither."""
    cores = {
        category_core(name)
        for g in guides
        for p in g.projects
        for name in {category_name(p.group), *categories_of(g, p)}
        if category_core(name)
    }
    if len(cores) < 2:
        return ""
    # words of the guide's title or of its units' labels (课题1-1, 项目三) name no category
    document = "".join(g.title for g in guides) + "".join(p.label for g in guides for p in g.projects)
    asked = {q[i : i + 2] for i in range(len(q) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", q[i : i + 2])}
    asked = {b for b in asked if b not in document and b not in STOP_BIGRAMS}  # 技术, 研究 name no category
    # a word of several categories' names (课题, 项目) names none of them
    holders = {b: [c for c in cores if b in c] for b in asked}
    hits = {found[0] for found in holders.values() if len(found) == 1}
    return hits.pop() if len(hits) == 1 else ""


SORTING_PHRASE = 4  # a phrase this long that some units' clauses print and others don't sorts them (重点项目)


def sorting_phrase(question: str, guides: list[Guide]) -> str:
    """The longest phrase (4+ characters) of what the question asks units to be open to that the clauses of some units
    of the guides print and of others do not, and that no clause is named by: "哪些指南代码可以申报重点项目" asks for
    the units whose clauses name 重点项目, though the notice names it too. '' when none."""
    units = [(p, "".join(c.text for c in p.clauses)) for g in guides for p in g.projects]
    if len(units) < 3:
        return ""
    for run in sorted({m.group("what") for m in applied_for().finditer(question)}, key=len, reverse=True):
        pieces = [run[i : i + n] for n in range(len(run), SORTING_PHRASE - 1, -1) for i in range(len(run) - n + 1)]
        for piece in pieces:
            if clauses().kind_of(piece) or any(piece in g.title for g in guides):
                continue
            holding = sum(1 for _, text in units if piece in text)
            if 0 < holding < len(units) and not any(piece in p.title for p, _ in units):
                return piece
    return ""


def topic_answer(intent: Intent, guides: list[Guide], sorting: str | None = None) -> Answer | None:
    """List the projects whose group, title or clauses mention the question's topic words; `sorting`: the question's
    sorting phrase when the caller has looked for it already."""
    text = listing_filler().sub(" ", intent.written_text or intent.search_text or intent.question)
    text = re.sub(r"[要能会可需请该]", " ", text)
    titles = "".join(g.title for g in guides)
    document = titles + "".join(s.title + s.text for g in guides for s in g.notice_sections())
    document += " ".join(p.label for g in guides for p in g.projects)  # "AI场景有几个": AI of AI-01 … is no topic
    found = [r for r in re.findall(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9\-]+", text) if len(r) >= 2]
    # Words of the guide's title, notice or unit labels ("附件里都有哪些项目") name the document, not a topic, unless
    # they sort the units (a phrase some units' clauses print: 重点项目).
    if sorting is None:
        sorting = sorting_phrase(intent.question, guides)
    runs = [sorting] if sorting else [r for r in found if not _mentions(document, r)]
    if not runs and (own := [r for r in found if not _mentions(titles, r)]) and _notice_words(own, guides) == own:
        # "哪些类型的项目是不受理的": the notice says which (本计划不受理涉密项目…), not a list of the units
        stated = re.compile("|".join(map(re.escape, own)))
        said = notice_stating(guides[0], stated) if len(guides) == 1 else None
        return notice_answer(guides[0], *said, intent.kind, question=intent.question, focus=stated) if said else None
    whole_runs = set(runs)
    runs = [piece for r in runs for piece in _label_split(r)]
    # a listing may name the category by a word; a phrase sorting the units by their clauses is no category's name
    named = "" if sorting else intent.group or named_category(intent.question, guides, by_word=True)
    if named:
        runs = [r for r in runs if longest_common(r, named) < 4]  # the words that named the category are no topic
    groups = [named] if named else [r for r in runs if any(r in _group_text(g, p) for g in guides for p in g.projects)]
    # "哪些项目的考核指标里提到了专利": a clause's name says where to look, it is no topic
    where_kinds = {k for r in runs if (k := clauses().kind_of(r))}
    topics = [r for r in runs if r not in groups and not clauses().kind_of(r)]
    if any(len(t) >= 3 for t in topics):
        topics = [t for t in topics if len(t) >= 3]
    any_of = bool(re.search(r"或|or\b", intent.question))
    members = [(g, p) for g in guides for p in g.projects if not groups or any(r in _group_text(g, p) for r in groups)]
    if groups:
        # "方向二数字诊疗装备与生物医学器件下面有几个": the rest of the group's own name is no topic either
        names = {_group_text(g, p) for g, p in members}
        topics = [t for t in topics if not any(longest_common(t, n) >= 4 for n in names)]
    if topics and (absent := _negated_topic(intent.question, topics, members, where_kinds)) is not None:
        return absent
    if not topics and any(r not in whole_runs and clauses().kind_of(r) for r in runs):
        return None  # "都是啥组织方式": the clause of each unit is asked, no topic of theirs
    rows = _topic_rows(members, topics, where_kinds, any_of)
    pieces = _content_words(topics) if not rows and topics else []
    if not rows and topics and all(_mentions(document, w) and not clauses().kind_of(w) for w in pieces):
        # "分了几个专题，资助这回…": what matched nothing holds no topic word at all once words of no content
        # (这回, 啥, 今年) and of the guide (资助) are set aside; a clause's name (啥组织方式) asks for that clause
        topics = []
        rows = _topic_rows(members, topics, where_kinds, any_of)
    if not rows and named and members:
        # A named group whose projects the other words match nowhere ("…下面几个方向？编号从几到几"): the question
        # asks for the group's projects; the other words ask how to show them.
        topics = []
        rows = [(g, p, p.clauses[0].name if p.clauses else "") for g, p in members]
    if not rows:
        return None
    about = "、".join(f"「{t}」" for t in topics) if topics else ""
    scope = _scope_label(guides)
    labels = "、".join(p.label for _, p, _ in rows)
    lead = f"{scope}中{'与' + about + '有关的' if about else ''}项目共{len(rows)}个：{labels}。"
    lines = [lead]
    citations: list[Citation] = []
    for g, p, where in rows:
        clause = p.clause(where) if where != "标题" else (p.clauses[0] if p.clauses else None)
        if clause is None:
            continue
        c = citation(g, p, clause.name, clause.text, clause.lines)
        citations.append(c)
        prefix = f"《{g.title}》" if len(guides) > 1 else ""
        lines.append(f"- {prefix}{p.label}「{p.title}」" + (f"（见{where}）" if where != "标题" else ""))
    one_guide = len({g.id for g, _, _ in rows}) == 1
    wholes = _structure_citations([p for _, p, _ in rows], rows[0][0], named) if not topics and one_guide else []
    citations[:0] = wholes
    for whole in reversed(wholes):
        if not whole.quote.endswith(whole.clause):  # a sentence counting them, not the bare group heading
            lines.insert(1, f"{whole.clause}：{whole.quote}")
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    return Answer(answer="\n".join(lines), citations=citations)


NOTICE_WORD = 3  # a word this long that only the notice's sentences print says the question asks the notice


def _notice_words(runs: list[str], guides: list[Guide]) -> list[str]:
    """The runs the notice's sentences print that no unit (nor its group) and no heading does ("不受理"): all of
    them, a question asks the notice. (A heading's word, 支持方向 or 先进制造领域, asks for what is listed under it.)"""
    units = "".join(_group_text(g, p) + "".join(c.text for c in p.clauses) for g in guides for p in g.projects)
    headings = "".join(s.title for g in guides for s in g.sections)
    notice = "".join(s.text for g in guides for s in g.notice_sections())
    return [
        r
        for r in runs
        if len(r) >= NOTICE_WORD and r in notice and not _mentions(units, r) and not _mentions(headings, r)
    ]


def _label_split(run: str) -> list[str]:
    """A run of words cut around the clause label inside it ("考核指标完全没提专利" → 考核指标, 完全没提专利): the label
    says where to look, the rest is the topic."""
    for label in LONG_CLAUSE_LABELS:
        if label in run and label != run:
            head, _, tail = run.partition(label)
            return [p for p in (head, label, tail) if len(p) >= 2]
    return [run]


def _topic_rows(
    members: list[tuple[Guide, Project]], topics: list[str], where_kinds: set[str], any_of: bool
) -> list[tuple[Guide, Project, str]]:
    """The units whose title or clauses mention the topics (all, or any with 或), each with where it says so."""
    rows: list[tuple[Guide, Project, str]] = []
    for g, p in members:
        if not topics:
            rows.append((g, p, p.clauses[0].name if p.clauses else ""))
            continue
        looked = [c for c in p.clauses if not where_kinds or c.kind in where_kinds]
        places = [
            "标题"
            if not where_kinds and _mentions(p.title, r)
            else next((c.name for c in looked if _mentions(c.text, r)), "")
            for r in topics
        ]
        if any(places) if any_of else all(places):
            rows.append((g, p, next(w for w in places if w)))
    return rows


def _content_words(topics: list[str]) -> list[str]:
    """The topics cut where a word of no content stands (a pronoun, numeral, time word, particle: jieba's tags in
    questions.toml function_pos): the pieces of two or more characters."""
    import jieba.posseg

    function = set(questions().function_pos)
    out: list[str] = []
    for topic in topics:
        if not re.fullmatch(r"[\u4e00-\u9fff]+", topic):
            out.append(topic)
            continue
        piece = ""
        for word, flag in [*jieba.posseg.cut(topic), ("", "x")]:
            if flag in function:
                if len(piece) >= 2:
                    out.append(piece)
                piece = ""
            else:
                piece += word
    return list(dict.fromkeys(out))


def _negated_topic(
    question: str, topics: list[str], members: list[tuple[Guide, Project]], where_kinds: set[str]
) -> Answer | None:
    """A listing that excludes a phrase ("哪些项目没有采用市区（县）联动方式实施"): the projects whose clauses never
    mention its most distinctive word, cited by the clause the others mention it in. None when the question does not
    negate the phrase or every project, or none, mentions it."""
    terms = _negated_terms(question, topics, members, where_kinds)
    if not terms:
        return None
    said: dict[str, int] = {}
    lacking: list[tuple[Guide, Project]] = []
    for g, p in members:
        where = next((c.name for c in _looked(p, where_kinds) if any(_mentions(c.text, t) for t in terms)), "")
        if where:
            said[where] = said.get(where, 0) + 1
        elif not any(_mentions(p.title, t) for t in terms):
            lacking.append((g, p))
    if not said or not lacking:
        return None
    phrase = "」「".join(terms)
    name = max(said, key=said.__getitem__)  # where the others state it (其他说明)
    guides = list({g.id: g for g, _ in members}.values())
    lines = [
        f"{_scope_label(guides)}中没有写明「{phrase}」的项目共{len(lacking)}个（其余{sum(said.values())}个项目在{name}中写明）："
    ]
    citations: list[Citation] = []
    for g, p in lacking:
        clause = p.clause(name) or (p.clauses[-1] if p.clauses else None)
        if clause is not None:
            citations.append(citation(g, p, clause.name, clause.text, clause.lines))
        lines.append(
            f"- {p.label}「{p.title}」" + (f"（{clause.name}：{clause.text.replace(chr(10), ' ')}）" if clause else "")
        )
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    return Answer(answer="\n".join(lines), citations=citations)


def _looked(project: Project, where_kinds: set[str]) -> list[Clause]:
    """The clauses a listing looks in: those of the kinds the question names, else all."""
    return [c for c in project.clauses if not where_kinds or c.kind in where_kinds]


def _negated_terms(
    question: str, topics: list[str], members: list[tuple[Guide, Project]], where_kinds: set[str]
) -> list[str]:
    """What a listing excludes: its longest phrase when the question negates it ("哪些项目没有采用市区（县）联动方式");
    else its topics some unit mentions whole, and the nouns it negates ("完全没提专利、软著这类知识产权要求" → 专利,
    软件著作权), one of them negated. [] when nothing is negated."""
    import jieba.posseg

    def mentioned(term: str) -> bool:
        return any(_mentions(c.text, term) for _, p in members for c in _looked(p, where_kinds))

    phrase = max(topics, key=len)
    if len(phrase) >= 3 and polarity(question, phrase) < 0 and mentioned(phrase):
        return [phrase]

    terms: list[str] = []
    for topic in topics:
        if len(topic) >= 2 and mentioned(topic):
            terms.append(topic)
            continue
        # "完全没提专利": the noun right after the words negating it ("没有采用市区（县）联动方式" negates no 方式)
        terms += [
            w
            for w, flag in jieba.posseg.cut(topic)
            if len(w) >= 2
            and flag in _NOUNS
            and re.search(f"(?:{lacks().pattern})[\u4e00-\u9fff]?{re.escape(w)}", question)
            and mentioned(w)
        ]
    terms = list(dict.fromkeys(terms))
    return terms if any(polarity(question, t) < 0 for t in terms) else []


_NOUNS = frozenset({"n", "nz", "vn", "nr", "ns", "nt", "eng", "an"})


# A group heading's numbering (一、 （二） 3. 第二类), left out of the name a listing cites; 专题二 is part of the name.
_GROUP_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十\d]+类)\s*"
)


def _shared_group(guide: Guide, listed: list[Project]) -> str:
    """The innermost group heading all listed units sit under and no other unit does ('' if none)."""
    labels = {p.label for p in listed}
    for segment in reversed(listed[0].group.split(GROUP_PATH) if listed[0].group else []):
        holders = {p.label for p in guide.projects if segment in p.group.split(GROUP_PATH)}
        if holders == labels:
            return segment
    return ""


def _count_sentence(
    sections: list[Section], n: int, counts: Callable[[str], list[str]] | None = None
) -> tuple[Section, str] | None:
    """The first sentence of these sections that states the guide has n units ("共设置11个攻关项目"), or n of what
    `counts` reads (the numbers a sentence states)."""
    counts = counts or units().structure.counts
    for section in sections:
        for sentence in SENTENCES.split(section.text):
            if any(number(c) == n for c in counts(sentence)):
                return section, sentence.strip()
    return None


def _group_heading(guide: Guide, name: str) -> Section | None:
    """The guide's group heading of this name, its numbering ignored (方向一:创新生物药 for 创新生物药)."""
    return next((s for s in guide.sections_of("group") if _GROUP_NUMBER.sub("", s.title) == name), None)


def _structure_citations(listed: list[Project], guide: Guide, named: str = "") -> list[Citation]:
    """Where a listing of all of a guide's units, or of one group's, is stated as a whole: the notice sentence
    that counts them and the heading they are printed under (or the category heading the question named).
    Writers cite those, not a unit's clause."""
    if {p.label for p in listed} == {p.label for p in guide.projects}:
        out: list[Citation] = []
        if (found := _count_sentence(guide.sections_of("notice", "preamble"), len(listed))) is not None:
            section, sentence = found
            out.append(citation(guide, None, section.title, sentence, section.lines))
        heading = None
        if group := _shared_group(guide, listed):  # 二、资助专题 over every unit
            heading = _group_heading(guide, _GROUP_NUMBER.sub("", group))
        if heading is None:  # else a notice heading the units follow (支持任务, 支持方向)
            first = min(p.lines[0] for p in listed)
            under = [
                s
                for s in guide.sections
                if s.kind == "notice" and s.lines[0] <= first and units().structure.is_generic_heading(s.title)
            ]
            heading = max(under, key=lambda s: s.lines[0]) if under else None
        title = _GROUP_NUMBER.sub("", heading.title) if heading is not None else ""
        if heading is not None and all(c.clause != title for c in out):  # (not the section whose sentence counted)
            out.append(citation(guide, None, title, heading.text.strip() or heading.title, heading.lines))
        elif guide.part_title and not out:  # the heading of the part listing them (附件 2024年度人口健康专项申报指南)
            out.append(citation(guide, None, guide.part_title, guide.part_title, guide.part_lines))
        return out
    if not (group := _shared_group(guide, listed)):
        # a category the question named whose heading stands over its units (二、临床诊疗关键技术攻关项目)
        heading = next((s for s in guide.sections_of("group") if named and named in s.title), None)
        if heading is None:
            return []
        title = _GROUP_NUMBER.sub("", heading.title)
        return [citation(guide, None, title, heading.text.strip() or heading.title, heading.lines)]
    name = _GROUP_NUMBER.sub("", group)
    heading = _group_heading(guide, name)
    if heading is not None and (found := _count_sentence([heading], len(listed))) is not None:
        return [citation(guide, None, name, found[1], heading.lines)]
    spans = [p.lines for p in listed]
    lines = heading.lines if heading is not None else (min(a for a, _ in spans), max(b for _, b in spans))
    return [citation(guide, None, name, group, lines)]


def _scope_label(guides: list[Guide]) -> str:
    """How an answer over these guides names them: one or two by title, more as 已收录的各指南."""
    return "、".join(guide_label(g) for g in guides) if len(guides) <= 2 else "已收录的各指南"


def _counted(text: str, unit: re.Pattern[str], asked: re.Pattern[str]) -> tuple[float, str] | None:
    """The largest number a clause counts in this unit ("不少于10000例" → 10000), with the sentence stating it;
    sentences naming the counted thing (患者, 专利) first."""
    found: list[tuple[bool, float, str]] = []
    for sentence in re.split(r"[；;。]", text):
        for m in re.finditer(rf"(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*(?:{unit.pattern})", sentence):
            value = float(m.group(1).replace(",", "")) * (10000 if m.group(2) else 1)
            found.append((bool(asked.search(sentence)), value, sentence.strip()))
    if not found:
        return None
    best = max(found)
    return best[1], best[2]


def quantity_answer(question: str, intent: Intent, guides: list[Guide], group: str) -> Answer | None:
    """ "哪个方向要求的患者样本量最大": projects ranked by a number their clauses count (questions.toml [[quantity]]),
    not by funding; None when the question counts nothing the vocabulary knows or no project states it."""
    # the words of the units the question names say which units, not what is counted ("质押融资补助和专利开放许可转化
    # …哪个高": 专利 is a title's word)
    by_guide = {g.id: g for g in guides}
    own = question
    for gid, label in intent.projects:
        if gid in by_guide and (project := by_guide[gid].project(label)) is not None:
            own = title_runs_off(own, project.title, shortest=4)
    picked = next(((a, u, n, k) for a, u, n, k in quantities() if a.search(own)), None)
    if picked is None or intent.aggregate not in ("max", "min"):
        return None
    asked, unit, name, kind = picked
    rows: list[tuple[float, Guide, Project, Clause, str]] = []
    for g in guides:
        for p in g.projects:
            if group and not in_group(g, p, group):
                continue
            for c in sorted(p.clauses, key=lambda c: c.kind != kind):  # its clause of that kind first
                if (hit := _counted(c.text, unit, asked)) is not None:
                    rows.append((hit[0], g, p, c, hit[1]))
                    break
    if not rows:
        return None
    pick = max if intent.aggregate == "max" else min
    target = pick(r[0] for r in rows)
    top = [r for r in rows if r[0] == target]
    scope = _scope_label(guides)
    word = "最多" if intent.aggregate == "max" else "最少"
    names = "、".join(f"{p.label}「{p.title}」" for _, _, p, _, _ in top)
    lines = [f"{scope}中，{name}{word}的是{names}：{top[0][4]}。"]
    citations = [citation(g, p, c.name, c.text, c.lines) for _, g, p, c, _ in top]
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    return Answer(answer="\n".join(lines), citations=citations)


def missing_clause_answer(question: str, intent: Intent, guides: list[Guide], group: str) -> Answer | None:
    """ "哪些方向没有写申报单位要求": the projects with no clause of the kind the question names, each cited by its
    first clause (its text shows what it does state); None unless the question asks so of a named clause."""
    if not intent.aggregate or not not_written().search(question):
        return None
    named = [label for label in clauses().all_labels() if label in re.sub(r"\s", "", question)]
    kinds = {k for label in named if (k := clauses().kind_of(label))}
    if not kinds:
        return None
    scoped = [(g, p) for g in guides for p in g.projects if not group or in_group(g, p, group)]
    lacking = [(g, p) for g, p in scoped if p.clauses and not any(c.kind in kinds for c in p.clauses)]
    if not lacking:
        return None
    head = f"{_scope_label(guides)}中没有写明{named[0]}的项目共{len(lacking)}个："
    lines = [head + "、".join(p.label for _, p in lacking) + "。"]
    lines += [f"- {p.label}「{p.title}」（列有：{'、'.join(c.name for c in p.clauses)}）" for _, p in lacking]
    citations = [citation(g, p, p.clauses[0].name, p.clauses[0].text, p.clauses[0].lines) for g, p in lacking]
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    return Answer(answer="\n".join(lines), citations=citations)


_RANKED_ROWS = 40  # a maximum over at most this many projects lists them all after the first


def planned_answer(question: str, intent: Intent, guides: list[Guide]) -> Answer | None:
    """ "大概要支持多少个项目": the notice sentence stating how many projects the call plans to fund ("拟支持项目约30
    项"), not a count of the units it lists; None when the question does not ask it or no sentence states it."""
    words = next((w for w in (planned_count(), total_budget()) if w is not None and w[0].search(question)), None)
    if words is None or intent.projects or len(guides) != 1:
        return None
    stated = words[1]  # … or the call's whole budget ("一共多少钱": "基金总额6000万元")
    found = notice_stating(guides[0], stated)
    return notice_answer(guides[0], *found, "count", focus=stated) if found else None


def notice_stating(guide: Guide, stated: re.Pattern[str]) -> tuple[Section, Item | None] | None:
    """The first notice section (or item of one) whose text `stated` finds: a figure the notice states once for the
    whole call ("拟支持项目约30项", "各事项资助合计不超过60万元")."""
    for section in guide.sections_of("notice", "preamble"):
        for item in section.items or [None]:
            if stated.search(item.text if item else section.text):
                return section, item
    return None


# A count of the units asked beside a count of their groups ("分了几个方向？总共多少个项目？").
_UNITS_COUNTED = re.compile(r"(?:几|多少)个?(?:项目|课题|任务|榜单)")


def _groups_asked(question: str, guide: Guide) -> tuple[str, list[tuple[str, list[Project]]]]:
    """The group noun a count or listing asks for (方向 in "分成了几个方向") and the guide's groups it names, in
    order with their units: the first level of group headings that carries the noun. ('', []) when the question
    asks no group, or the guide's units are themselves labelled by the noun (方向1…)."""
    asked = list(group_asked().finditer(question))
    counts = len(re.findall(r"(?:几|多少)(?:个|大|类|种)", question)) - len(_UNITS_COUNTED.findall(question))
    if len(asked) != 1 or counts > 1:
        return "", []  # "分几个专题、几个指南方向": a count of two levels, stated together in the notice
    noun = asked[0].group("noun") or asked[0].group("noun2")
    if any(p.label.startswith(noun) or p.label.endswith(noun) for p in guide.projects):
        return "", []
    depth = max((len(p.group.split(GROUP_PATH)) for p in guide.projects if p.group), default=0)
    for level in range(depth):
        groups: dict[str, list[Project]] = {}
        for p in guide.projects:
            path = p.group.split(GROUP_PATH) if p.group else []
            if level < len(path):
                name = _GROUP_NUMBER.sub("", path[level]).removesuffix("项目")
                if path[level].startswith(noun) or name.startswith(noun) or name.endswith(noun):
                    groups.setdefault(path[level], []).append(p)
        if len(groups) >= 2:
            return noun, list(groups.items())
    # Headings that do not carry the noun (1.海洋环境立体感知传感器) are still what it counts when the notice says
    # so: "围绕…3个技术方向" over three first-level groups.
    top: dict[str, list[Project]] = {}
    for p in guide.projects:
        if p.group:
            top.setdefault(p.group.split(GROUP_PATH)[0], []).append(p)
    if len(top) >= 2 and len(top) < len(guide.projects) and _noun_count(guide, noun, len(top)) is not None:
        return noun, list(top.items())
    return "", []


def _noun_count(guide: Guide, noun: str, n: int) -> tuple[Section, str] | None:
    """The notice sentence stating the guide has n of the noun ("围绕…3个技术方向"), with its section."""
    counted = re.compile(rf"(\d{{1,2}}|[一二三四五六七八九十两]{{1,3}})\s*(?:个|大|项)?[\u4e00-\u9fff]{{0,4}}?{noun}")
    return _count_sentence(guide.sections_of("notice", "preamble"), n, counted.findall)


def _stated_groups(question: str, guide: Guide) -> Answer | None:
    """ "一共分几类项目": a guide whose units stand under no headings of the noun asked, but whose notice states how many
    there are ("按…和…两类组织申报"), answers with that sentence. None when the question lists or names them (哪些方向,
    分别叫什么), names a group (生态环境领域一共几个方向), or the number stated is the units' own (共发布9个指南方向)."""
    asked = list(group_asked().finditer(question))
    if len(asked) != 1 or not asked[0].group("noun") or _UNITS_COUNTED.search(question):
        return None
    noun = asked[0].group("noun")
    if names_asked().search(question) or named_category(question, [guide]):
        return None
    if any(p.label.startswith(noun) or p.label.endswith(noun) for p in guide.projects):
        return None
    stated = re.compile(
        rf"(?<![第\d])(\d{{1,2}}|[一二三四五六七八九十两]{{1,3}})\s*(?:个|大)?[\u4e00-\u9fff]{{0,2}}?{noun}"
    )
    for section in guide.sections_of("notice", "preamble"):
        for item in [*section.items, None]:  # an item stating it, else the section's own lead
            found = stated.search(item.text if item else section.text)
            if found and number(found.group(1)) != len(guide.projects):
                return notice_answer(guide, section, item, "count", focus=stated)
    return None


def group_answer(question: str, guides: list[Guide]) -> Answer | None:
    """ "分成了几个方向？都叫什么": the guide's groups of that noun, each with its units, each heading cited."""
    if len(guides) != 1:
        return None
    guide = guides[0]
    noun, groups = _groups_asked(question, guide)
    if not groups:
        return _stated_groups(question, guide)
    lead = f"{_scope_label(guides)}共分{len(groups)}个{noun}：{'、'.join(name for name, _ in groups)}。"
    if _UNITS_COUNTED.search(question):
        lead += f"{len(groups)}个{noun}下共{sum(len(members) for _, members in groups)}个项目。"
    lines, citations = [lead], []
    if (counted := _noun_count(guide, noun, len(groups))) is not None:
        section, sentence = counted
        citations.append(citation(guide, None, section.title, sentence, section.lines))
        lines.append(f"{section.title}：{sentence}")
    # the heading all the groups stand under (一、支持领域和方向), or the sentence counting the units
    for whole in _structure_citations(guide.projects, guide):
        if whole.clause != guide.part_title and all(c.lines != whole.lines for c in citations):
            citations.append(whole)
    for name, members in groups:
        bare = _GROUP_NUMBER.sub("", name)
        heading = _group_heading(guide, bare)
        span = heading.lines if heading is not None else (members[0].lines[0], members[0].lines[0])
        citations.append(citation(guide, None, bare, name, span))
        lines.append(f"- {name}（{'、'.join(p.label for p in members)}）")
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    if flags := guide_flags(guide):
        lines.append(f"{FLAG}{flags}。")
    return Answer(answer="\n".join(lines), citations=citations)


def counted_answer(question: str, intent: Intent, guides: list[Guide]) -> Answer | None:
    """ "2008和2020哪个要求的研究中心更多": named units compared by the number each one's text prints with the thing
    asked ("不少于5个研究中心"), each quoted and cited; None unless every named unit prints one."""
    m = counted_noun().search(question)
    named = list(dict.fromkeys(intent.projects))
    if m is None or len(named) < 2 or len({gid for gid, _ in named}) != 1:
        return None
    guide = next((g for g in guides if g.id == named[0][0]), None)
    if guide is None:
        return None
    noun = m.group("noun")
    printed = re.compile(r"(\d+(?:\.\d+)?)\s*[个家项例套种篇人所名座]?\s*" + re.escape(noun))
    rows = []
    for _, label in named:
        project = guide.project(label)
        found = next(
            (
                (c, s, hit)
                for c in (project.clauses if project else [])
                for s in SENTENCES.split(c.text.replace("\n", ""))
                if (hit := printed.search(s))
            ),
            None,
        )
        if project is None or found is None:
            return None
        rows.append((project, *found))
    more = m.group(0).endswith("多")
    values = [float(hit.group(1)) for _, _, _, hit in rows]
    target = max(values) if more else min(values)
    top = [p for (p, *_), v in zip(rows, values, strict=True) if v == target]
    said = "；".join(f"{p.label}「{p.title}」：{s.strip().rstrip('。；;')}" for p, _, s, _ in rows)
    verdict = (
        f"{'两者' if len(rows) == 2 else '各项目'}{noun}数量相同。"
        if len(top) == len(rows)
        else f"{'、'.join(p.label for p in top)}要求的{noun}{'更多' if more else '更少'}。"
    )
    citations = [citation(guide, p, c.name, c.text, c.lines) for p, c, _, _ in rows]
    lines = [f"{_scope_label([guide])}中，按{noun}的数量：{said}。{verdict}"]
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    if flags := guide_flags(guide):
        lines.append(f"{FLAG}{flags}。")
    return Answer(answer="\n".join(lines), citations=citations)


def aggregate_answer(question: str, intent: Intent, guides: list[Guide]) -> Answer | None:
    """Answer a listing / max / min / count / compare question, every row cited; None if not applicable."""
    if intent.aggregate == "count" and (planned := planned_answer(question, intent, guides)) is not None:
        return planned
    if intent.aggregate in ("compare", "max", "min") and (counted := counted_answer(question, intent, guides)):
        return counted
    figure = intent.figure
    if (
        intent.aggregate in ("count", "list")
        and not intent.projects
        and figure is None
        and (grouped := group_answer(question, guides))
    ):
        return grouped
    group = None  # the named group, looked up once and only where it is needed
    if intent.aggregate in ("max", "min") or not_written().search(question):
        group = intent.group or named_category(question, guides)
        if (counted := quantity_answer(question, intent, guides, group)) is not None:
            return counted
        if (lacking := missing_clause_answer(question, intent, guides, group)) is not None:
            return lacking
    if intent.aggregate in ("list", "count") and figure is None:
        sorting = sorting_phrase(question, guides)  # "哪些指南代码可以申报重点项目": the units whose clauses name it
        if sorting or (not _MEASURE_WORDS.search(question) and intent.kind in ("", "content", "indicators", "other")):
            # (topic_answer reads the whole question; a part asked on its own looks again)
            return topic_answer(intent, guides, sorting if question == intent.question else None)
    if group is None:
        group = intent.group or named_category(question, guides)
    measure_key = _figure_measure(figure, pick_measure(question, intent))
    measure = MEASURES[measure_key]
    rows: list[Row] = []
    wanted = set(intent.projects)
    for g in guides:
        for p in g.projects:
            if intent.aggregate in ("compare", "max", "min") and len(wanted) >= 2 and (g.id, p.label) not in wanted:
                continue
            if group and len(wanted) < 2 and not in_group(g, p, group):
                continue  # (units the question names are compared whatever group a word of it names)
            if (row := _row(g, p, measure_key, measure)) is not None:
                rows.append(row)
    if not rows:
        return None
    measured = rows
    rows, condition = _filter(question, measure_key, rows)
    if figure is not None and not condition:
        rows, condition = [r for r in rows if figure.holds(r.text())], figure.label(measure.name)
    if intent.aggregate == "count" and not condition and (counted := topic_answer(intent, guides)) is not None:
        return counted  # "补助一共分几类": the units counted, not those with a funding clause
    scope = _scope_label(guides)
    one_rule = {r.rule.quote for r in rows if r.rule is not None and r.clause is None}
    if len(one_rule) == 1 and len(rows) > 3 and all(r.clause is None for r in rows) and not condition:
        rule = rows[0].rule
        assert rule is not None
        lead = f"{scope}中，{group + '项目' if group else '各项目'}的{measure.name}由通知统一规定：{rule.shown()}。"
    elif intent.aggregate in ("max", "min"):
        valued = [r for r in rows if isinstance(measure.value(r.fields), int | float)]
        if not valued:
            return None
        pick = max if intent.aggregate == "max" else min
        target = pick(measure.value(r.fields) for r in valued)
        top = [r for r in valued if measure.value(r.fields) == target]
        word = "最高" if intent.aggregate == "max" else "最低"
        names = "、".join(f"{r.project.label}「{r.project.title}」" for r in top)
        lead = f"{scope}中，{measure.name}{word}的是{names}：{measure.show(top[0].fields)}。"
        # then every project compared, in order, each cited: the claim rests on all of them (a ranking over many
        # guides shows only the first)
        others = sorted((r for r in valued if r not in top), key=lambda r: measure.value(r.fields))
        others = (others[::-1] if intent.aggregate == "max" else others) if len(valued) <= _RANKED_ROWS else []
        rows = top + others
    elif intent.aggregate == "count" or condition:
        by_guide: dict[str, list[str]] = {}
        for r in rows:
            by_guide.setdefault(r.guide.title, []).append(r.project.label)
        labels = (
            "、".join(by_guide[next(iter(by_guide))])
            if len(by_guide) == 1
            else "；".join(f"《{title}》{'、'.join(labs)}" for title, labs in by_guide.items())
        )
        what = condition or measure.name
        lead = f"{scope}中，{what}的项目共{len(rows)}个：{labels}。" if rows else f"{scope}中没有{what}的项目。"
        if not rows:
            # "no project is led by a university" rests on what every project says of it: shown and cited
            lead += f"各项目的{measure.name}如下："
            rows = measured
    elif intent.aggregate == "compare":
        lead = f"{scope}中各项目的{measure.name}对比如下："
    else:
        lead = f"{scope}中各项目的{measure.name}如下："
    citations: list[Citation] = []
    lines = [lead]
    shared = {r.rule.quote for r in rows if r.rule is not None and r.clause is None}
    if len(rows) > 3 and len(shared) == 1 and all(r.clause is None for r in rows):
        # One notice rule sets the field for all of them: say it once.
        c = rows[0].cited()
        lines.append(f"- {rows[0].source()}（适用于{'、'.join(r.project.label for r in rows)}）")
        rows, citations = [], [c]
    seen: set[tuple] = set()  # (guide, project, clause, lines): comparing citations one by one is quadratic
    for r in rows:
        c = r.cited()
        if (key := c.key) not in seen:
            seen.add(key)
            citations.append(c)
        prefix = f"《{r.guide.title}》" if len(guides) > 1 else ""
        lines.append(f"- {prefix}{r.project.label}「{r.project.title}」：{measure.show(r.fields)}（{r.source()}）")
        if measure_key == "unit":
            # Another clause may set a different co-funding (003: 企业牵头承担单位出资不低于1500万元).
            for other in r.project.clauses:
                if other is not r.clause and "承担单位出资" in other.text:
                    citations.append(citation(r.guide, r.project, other.name, other.text, other.lines))
                    lines.append(f"  另见{other.name}：{other.text.replace(chr(10), ' ')}")
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    flags = {guide_flags(r.guide) for r in rows if guide_flags(r.guide)}
    if flags and len(guides) == 1:
        lines.append(f"{FLAG}{flags.pop()}。")
    return Answer(answer="\n".join(lines), citations=citations)


def _row(guide: Guide, project: Project, key: str, measure: Measure) -> Row | None:
    """The project's row: its own clause of the measure's kind, else the notice's rule for its category."""
    clause = (count_clause(project) if key == "count" else None) or (
        funding_clause(project) if measure.kind == "funding" else project.clause_of_kind(measure.kind)
    )
    fields = project_fields(project)
    rule = None
    if key in MEASURE_RULES and measure.value(fields) in (None, ""):
        field_name, attr = MEASURE_RULES[key]
        rule = rule_for(guide, project, field_name)
        if rule is not None:
            value = rule.value if field_name == "org" else (int(rule.value) if field_name == "period" else rule.value)
            fields = replace(fields, **{attr: value})
            clause = None  # the field comes from the notice, not from the project's clause of that kind
    if clause is None and rule is None:
        return None
    return Row(guide, project, fields, clause, rule)


def in_group(guide: Guide, project: Project, group: str) -> bool:
    """Does the project belong to the named group (its own group or a category heading above it)?"""
    return project.group.startswith(group) or any(c.startswith(group) for c in categories_of(guide, project))
