"""Categories of projects (a group, the heading above it) and the notice's rules scoped to them.

A notice often states a fact for one category only ("国家医学中心建设支撑项目采用定向委托方式…临床诊疗关键技术
攻关项目…单个项目支持强度不超过400万元"). A project without its own clause of that kind takes the rule that
names its category, else the rule that names none; chat answers, listings and 项目对比 all read them here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.fields import ORG_MODES, TOTAL
from index.layouts.headed import GROUP_PATH  # nested groups as the parser writes them (一、…领域 > （一）…方向组)
from index.models import Guide, Item, Project, Section

_NUMBERING = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|(?:方向|专题|类别|领域)[一二三四五六七八九十\d]+[:：、.．\s])\s*"
)
_SENTENCE = re.compile(r"(?<=[。])")
_CLAUSE = re.compile(r"(?<=[；;])")
_LIST_CLAUSE = re.compile(r"(?<=[；;，,])")
PATTERNS = {
    "cap": re.compile(
        r"(?:资助|支持强度|经费|支持|补助|资助额度)[^。；;]{0,12}?(?:不超过|最高|最多)(\d+(?:\.\d+)?)万元"
    ),
    "period": re.compile(r"(?:周期|实施期|执行期|期限)[^。；;]{0,8}?(?:不超过|一般为|原则上为|为|不多于)\s*(\d+)\s*年"),
    "org": re.compile(f"采用({'|'.join(ORG_MODES)})(?:的组织)?方式|采取({'|'.join(ORG_MODES)})的?(?:组织)?方式"),
}
# The clause kind a rule answers.
KIND_FIELD = {"funding": "cap", "period": "period", "organisation": "org"}


@dataclass(frozen=True)
class NoticeRule:
    """A cap, period or organisation mode the notice states, the category it names ('' = every project)."""

    field: str  # "cap" | "period" | "org"
    value: float | str
    category: str
    lines: tuple[int, int]
    quote: str = ""  # the clause of the sentence that states it
    section: Section | None = field(default=None, compare=False, repr=False)
    item: Item | None = field(default=None, compare=False, repr=False)

    def shown(self) -> str:
        """The value as an answer prints it."""
        if self.field == "cap":
            value = float(self.value)
            return f"不超过{int(value) if value == int(value) else value}万元"
        if self.field == "period":
            return f"不超过{int(float(self.value))}年"
        return str(self.value)


_CATEGORY_WORD = re.compile(r"(项目|方向|类|领域)$")


def category_core(name: str) -> str:
    """A category without the word that says it is one: 临床诊疗关键技术攻关项目 → 临床诊疗关键技术攻关."""
    return _CATEGORY_WORD.sub("", name)


def longest_common(a: str, b: str, keep: Callable[[str], bool] | None = None) -> int:
    """Length of the longest run of characters a and b share (of those `keep` accepts, when given)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            if keep is None or keep(a[i:j]):
                best = j - i
    return best


def category_name(name: str) -> str:
    """A group or heading without its numbering."""
    return _NUMBERING.sub("", name).strip()


def _group_names(group: str) -> list[str]:
    """A project's groups, outermost first, without numbering."""
    return [category_name(part) for part in group.split(GROUP_PATH)] if group else []


# A category printed at the end of a unit's title: （共性关键技术类）, (青年科学家项目).
_TITLE_CATEGORY = re.compile(r"[(（]([\u4e00-\u9fff]{2,12}(?:类|项目|课题))[)）]$")
SCOPE_JOIN = "·"  # a category named with the one enclosing it: 电子信息领域·新型显示方向组


def _innermost(named: list[str], outer: dict[str, set[str]]) -> list[str]:
    """Named categories, one enclosing another named one folded into it (电子信息领域 named with its 新型显示方向组:
    电子信息领域·新型显示方向组, which only the projects under both belong to)."""
    out = []
    for c in named:
        if any(c in outer.get(other, set()) for other in named):
            continue  # it encloses another named one
        enclosing = sorted((o for o in named if o in outer.get(c, set())), key=lambda o: len(outer.get(o, set())))
        out.append(SCOPE_JOIN.join([*enclosing, c]))
    return out


def _enclosing(guide: Guide) -> dict[str, set[str]]:
    """Per category, the categories that enclose it in some project's group path."""
    out: dict[str, set[str]] = {}
    for p in guide.projects:
        names = _group_names(p.group)
        for k, name in enumerate(names):
            out.setdefault(name, set()).update(names[:k])
    return out


def project_categories(guide: Guide, titled: bool = True) -> dict[str, set[str]]:
    """Per project label, the categories it belongs to: its own group (each level of a nested one), the group
    heading above it and (`titled`) the category its title ends with (（共性关键技术类）: a type many guides share,
    so it scopes rules but names no guide)."""
    headings = sorted((s.lines[0], category_name(s.title)) for s in guide.sections if s.kind == "group")
    out: dict[str, set[str]] = {}
    for p in guide.projects:
        path = _group_names(p.group)
        names = set(path) | {SCOPE_JOIN.join(path[: k + 1]) for k in range(1, len(path))}
        # A group named with any group enclosing it (电子信息领域·新型显示方向组, not only the whole path).
        names |= {SCOPE_JOIN.join([o, inner]) for k, inner in enumerate(path) for o in path[:k]}
        above = [title for first, title in headings if first <= p.lines[0]]
        if above:
            names.add(above[-1])
        # 钙钛矿光伏组件…应用示范(应用示范类): the title names its category
        m = _TITLE_CATEGORY.search(p.title) if titled else None
        if m:
            names.add(m.group(1))
        out[p.label] = {n for n in names if n}
    return out


def notice_rules(guide: Guide, categories: set[str] | None = None) -> list[NoticeRule]:
    """Caps, periods and organisation modes the notice states, each scoped to the category its sentence names.

    A sentence naming one category scopes what follows in its item until another names a category; a
    sentence naming several ("其中，A采用…，B采用…") scopes only its own clauses, each by the one it names.
    """
    if categories is None:
        by_project = project_categories(guide)
        categories = set().union(*by_project.values()) if by_project else set()
    rules: list[NoticeRule] = []
    outer = _enclosing(guide)
    # The notice's sections, and the opening text (a national guide's 指南说明 paragraph before its tasks).
    for section in guide.sections_of("notice", "preamble"):
        units = [(i, i.text, i.lines) for i in section.items] or [(None, section.text, section.lines)]
        for item, text, lines in units:
            current = ""
            for sentence in _SENTENCE.split(text):
                named = _innermost([c for c in categories if c in sentence], outer)
                if len(named) == 1:
                    current = named[0]
                elif len(named) > 1:
                    current = ""
                for clause in (_LIST_CLAUSE if len(named) > 1 else _CLAUSE).split(sentence):
                    own = _innermost([c for c in categories if c in clause], outer)
                    scope = own[0] if len(own) == 1 else ("" if len(named) > 1 else current)
                    for name, pattern in PATTERNS.items():
                        if name == "cap" and TOTAL.search(clause):
                            continue  # the programme's budget, not each project's cap
                        for m in pattern.finditer(clause):
                            raw = next(g for g in m.groups() if g)
                            value = raw if name == "org" else float(raw)
                            quote = clause.strip(" ，,；;。\n") if len(named) <= 1 else sentence.strip()
                            rules.append(NoticeRule(name, value, scope, lines, quote, section, item))
    return rules


_CACHE: dict[int, tuple[Guide, dict[str, set[str]], list[NoticeRule]]] = {}


def _rules(guide: Guide) -> tuple[dict[str, set[str]], list[NoticeRule]]:
    cached = _CACHE.get(id(guide))
    if cached is None or cached[0] is not guide:
        by_project = project_categories(guide)
        categories = set().union(*by_project.values()) if by_project else set()
        cached = _CACHE[id(guide)] = (guide, by_project, notice_rules(guide, categories))
    return cached[1], cached[2]


def pick_rule(rules: list[NoticeRule], field_name: str, categories: set[str]) -> NoticeRule | None:
    """The rule for a project: one naming its category, else one naming none (when they agree)."""
    mine = [r for r in rules if r.field == field_name and r.category in categories]
    general = [r for r in rules if r.field == field_name and not r.category]
    for candidates in (mine, general):
        if candidates and len({r.value for r in candidates}) == 1:
            return candidates[0]
    return None


def rule_for(guide: Guide, project: Project, field_name: str) -> NoticeRule | None:
    """The notice's rule of this field that applies to the project, or None."""
    by_project, rules = _rules(guide)
    return pick_rule(rules, field_name, by_project.get(project.label, set()))


def categories_of(guide: Guide, project: Project) -> set[str]:
    """The categories (group, heading above) a project belongs to."""
    return _rules(guide)[0].get(project.label, set())


@dataclass(frozen=True)
class CategoryNote:
    """A notice sentence that states something for a category of projects ("制造与信息领域项目须由企业牵头申报…")."""

    category: str
    sentence: str
    section: Section
    item: Item | None


def category_notes(guide: Guide, project: Project, evidence: re.Pattern[str]) -> list[CategoryNote]:
    """Notice sentences naming one of the project's categories and carrying the kind's evidence words."""
    # The most specific category a sentence names (电子信息领域·新型显示方向组 before either alone), whatever the
    # order of the set: the same question gets the same note in every process.
    cats = sorted(categories_of(guide, project), key=lambda c: (-c.count(SCOPE_JOIN), -len(c), c))
    cores = {c: category_core(c) for c in cats}
    notes = []
    for section in guide.notice_sections():
        for item, text in [(i, i.text) for i in section.items] or [(None, section.text)]:
            for sentence in _SENTENCE.split(text):
                named = next((c for c, core in cores.items() if len(core) >= 2 and _names(sentence, core)), "")
                if named and evidence.search(sentence):
                    notes.append(CategoryNote(named, sentence.strip(), section, item))
    # The text under the project's own group heading ("专题1… 本专题…每项支持不超过500万元,实施周期2年") states it for
    # that group, naming it or not.
    groups = {g.strip() for g in project.group.split(GROUP_PATH)} if project.group else set()
    for section in guide.sections_of("group"):
        if section.title.strip() in groups:
            for sentence in _SENTENCE.split(section.text):
                if evidence.search(sentence):
                    notes.append(CategoryNote(section.title, sentence.strip(), section, None))
    return notes


def _names(sentence: str, core: str) -> bool:
    """Does the sentence name the category: in full, or by a run of 4+ of its characters covering 40% of it
    ("医疗卫生高层次人才项目" names 医疗卫生高层次人才创新能力培养)?"""
    if core in sentence:
        return True
    if len(core) < 6:
        return False
    common = longest_common(core, sentence)
    return common >= 4 and common >= 0.4 * len(core)
