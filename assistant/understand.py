"""Understand a question: which guide, which project, which clause kind, listing or comparison."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from index.gazetteer import gazetteer
from index.models import Guide

CN_DIGITS = "零一二三四五六七八九"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def cn_number(n: int) -> str:
    """1..99 → 一..九十九, as project labels print them."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def parse_cn_number(text: str) -> int | None:
    """一..九十九 (or digits) → int."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS + "十两" for ch in text):
        return None
    text = text.replace("两", "二")
    if "十" not in text:
        return CN_DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)


# Clause kinds: which project clauses and which notice sections answer them.
KIND_CLAUSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "funding": (("资助强度及方式",), ("支持方式", "组织方式")),
    "period": (("实施周期",), ("申报要求", "组织方式")),
    "eligibility": (("申报条件",), ("申报要求", "组织方式")),
    "indicators": (("考核指标",), ()),
    "organisation": (("组织方式",), ("组织方式",)),
    "content": (("研究内容", "研发内容", "拟解决问题"), ("支持重点",)),
    "problem": (("拟解决问题",), ()),
    "other": (("其他说明",), ()),
    "deadline": ((), ("征求意见截止时间", "其他事项", "申报要求")),
    "contact": ((), ("联系方式", "征求意见反馈方式", "其他事项")),
    "quota": ((), ("申报限额", "组织方式")),
    "count": (("资助强度及方式",), ()),
    "payment": ((), ("支持方式",)),
}
KIND_NAMES = {
    "funding": "资助强度",
    "period": "实施周期",
    "eligibility": "申报条件",
    "indicators": "考核指标",
    "organisation": "组织方式",
    "content": "研究内容",
    "problem": "拟解决问题",
    "other": "其他说明",
    "deadline": "截止时间",
    "contact": "联系方式",
    "quota": "申报限额",
    "payment": "经费拨付方式",
    "count": "拟支持项目数",
}
# Words in a clause that carry each kind's fact; used to pick the sentence to lead with.
KIND_EVIDENCE = {
    "funding": re.compile(r"万元|资助|出资|经费"),
    "period": re.compile(r"周期|\d年"),
    "eligibility": re.compile(r"牵头|申报单位|须|必须|应"),
    "indicators": re.compile(r"\d"),
    "organisation": re.compile(r"竞争|委托|择优"),
    "deadline": re.compile(r"截止"),
    "contact": re.compile(r"电话|联系|邮箱|@|\d{7,}|QQ|地址"),
    "quota": re.compile(r"限额|推荐|不超过\d+项|申报\d+项|每家"),
    "count": re.compile(r"拟支持|\d+项"),
    "payment": re.compile(r"拨付|补助"),
}
_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("count", re.compile(r"支持几|拟支持|打算支持|资助几个|资助几项|立几个|立项几")),
    (
        "quota",
        re.compile(
            r"限额|名额|能报几|报几个|报几项|推荐几|推几|能推|限报|每家.{0,8}(几|多少)项|每个单位.{0,6}(几|多少)|quota|how many (?:applications|projects can)",
            re.I,
        ),
    ),
    ("payment", re.compile(r"拨付|前补助|怎么(给|拨)钱|钱什么时候(到|给|拨)")),
    (
        "deadline",
        re.compile(r"截止|截至|deadline|几号|哪天|最晚|(什么|啥)时候(交|报|提交|申报|截|结束)|何时|due|when", re.I),
    ),
    (
        "contact",
        re.compile(
            r"联系|电话|邮箱|咨询|找谁|问谁|热线|qq|contact|phone|e-?mail|who do i call|反馈.{0,4}(哪|给谁)|发到哪|送到哪|寄到哪|地址",
            re.I,
        ),
    ),
    (
        "period",
        re.compile(r"多久|(?<![近前这过去几])几年|周期|期限|多长时间|年限|做多长|how long|duration|period", re.I),
    ),
    ("organisation", re.compile(r"委托|竞争|组织方式|怎么组织|择优|定向|organi[sz]", re.I)),
    (
        "funding",
        re.compile(
            r"多少钱|掏|出多少|给多少|拿多少|投多少|最多支持|项目.{0,3}支持多少|支持多少钱|补多少|补贴|经费|资助|出资|配套|资金|支持强度|补助|万元|钱|拨款|自筹|fund|money|how much|budget",
            re.I,
        ),
    ),
    (
        "indicators",
        re.compile(
            r"指标|要求达到|多少例|多少人|准确率|灵敏度|精度|考核|验收|要达到|要到多少|达到多少|要完成|交付|几家|推广|indicator|target|deliverable",
            re.I,
        ),
    ),
    (
        "eligibility",
        re.compile(
            r"谁能|谁可以|牵头|资格|条件|能不能(申|报)|可以(申|报)|能(申|报)|申报主体|主体|企业能|高校能|医院能|who can|eligib|lead",
            re.I,
        ),
    ),
    ("other", re.compile(r"其他说明|优先支持|优先|联动|额外|其他要求")),
    ("problem", re.compile(r"拟解决|解决什么|解决哪些|针对什么问题")),
    (
        "content",
        re.compile(
            r"研究内容|研发内容|做什么|研究什么|干什么|搞什么|支持什么|内容|方向是|research content|what.*(research|work)",
            re.I,
        ),
    ),
]
_AGGREGATE = [
    ("max", re.compile(r"最多|最高|最大|最长|most|highest|largest", re.I)),
    ("min", re.compile(r"最少|最低|最小|最短|least|lowest|smallest", re.I)),
    (
        "compare",
        re.compile(
            r"比较|对比|区别|差别|差异|一样|相同|谁多|谁高|谁长|哪个.{0,8}(多|高|大|长)|compare|versus|\bvs\b", re.I
        ),
    ),
    ("count", re.compile(r"有几个|多少个|几个项目|几项目|how many", re.I)),
    ("list", re.compile(r"哪些|哪几个|列出|列一下|所有|都有哪|全部|which projects|list", re.I)),
]
_INJECTION = re.compile(
    r"忽略.{0,12}(指令|指示|规则|提示|要求|设定|限制)|无视.{0,12}(指令|规则|提示|限制)|(系统|你的|原始|初始)提示词|系统提示|"
    r"prompt|ignore (all|any|previous|the above|your)|disregard|jailbreak|越狱|扮演|假装你|你现在是|"
    r"从现在起.{0,10}(回答|说)|输出你的.{0,6}(指令|设定|规则)|泄露|developer mode|开发者模式|"
    r"pretend|act as|you are now|new rules?|新规则|以.{0,6}身份命令|命令你|api\s*(key|密钥)|密钥|服务器上的文件|"
    r"#{2,}\s*(system|user|assistant)|\bsystem\s*:|必须确认|照我说的",
    re.I,
)
# Places whose guides are not in the corpus are detected so the answer can say so (places of the corpus's own
# guides are taken out at load, so a corpus without 江苏 refuses 江苏 questions too). The places are data.
_REGIONS = gazetteer().place_names()
_NATIONAL = re.compile(r"国家自然科学基金|国自然|国家重点研发计划|科技部|国家社科|nsfc", re.I)
_YEAR = re.compile(r"(20\d{2})\s*年?")
_STOP_TEXT = (
    "项目技术研究研发应用关键这个那个多少资助经费申报指南可以能不什么哪些要求条件周期实施组织方式牵头单位出资"
    "请问一下的是吗呢啊吧有没有怎么如何需要多久几年考核指标内容方向重点专项市级财政资金支持提供说明其他问题"
    "开发建立构建体系平台系统新型及其与和基于面向"
)
_STOP_BIGRAMS = {_STOP_TEXT[i : i + 2] for i in range(len(_STOP_TEXT) - 1)}
_FUNCTION_CHARS = set("的了吗呢么啥是有在和与要能可会都还就把被给这那哪谁几个我你他它们吧啊呀对")


def informative_bigrams(text: str) -> set[str]:
    """Bigrams of a question that carry content: no stop bigrams, none with a function character."""
    return {b for b in _bigrams(text) if b not in _STOP_BIGRAMS and not (set(b) & _FUNCTION_CHARS)}


_ENGLISH = [
    (r"directly commissioned|commissioned|designated", "定向委托"),
    (r"open competition|competitive", "公开竞争"),
    (r"co-?fund\w*|matching funds?|self-?fund\w*", "承担单位出资"),
    (r"funding cap|funding|how much money|budget|grant", "资助"),
    (r"deadline|due date|cut-?off", "截止时间"),
    (r"who do i call|whom to call|phone|contact|e-?mail", "联系电话"),
    (r"how long|duration|period", "实施周期"),
    (r"who can lead|lead|eligib\w*|who can apply", "牵头条件"),
    (r"universit\w*", "高校"),
    (r"compan\w*|enterprises?", "企业"),
    (r"hospitals?", "医院"),
    (r"quota|how many applications", "限额"),
    (r"indicators?|targets?|deliverables?", "考核指标"),
    (r"which projects", "哪些项目"),
    (r"comments?", "征求意见"),
]


def expand_english(question: str) -> str:
    """Append the Chinese terms an English question stands for (the guides are Chinese)."""
    if not re.search(r"[A-Za-z]{3,}", question):
        return question
    extra = [zh for pattern, zh in _ENGLISH if re.search(pattern, question, re.I)]
    return question + " " + " ".join(extra) if extra else question


# Words applicants use for what the guides call otherwise (appended to the search text).
_SYNONYMS = {"回复": "反馈", "答复": "反馈", "回信": "反馈", "纸质版": "纸质", "电子版": "电子件"}


@dataclass
class Intent:
    """What a question asks, resolved against the catalog."""

    question: str
    guide_ids: list[str] = field(default_factory=list)
    guide_named: bool = False
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

    @property
    def kind(self) -> str:
        """The main clause kind asked for, or ''."""
        return self.kinds[0] if self.kinds else ""


def clean_question(text: str) -> str:
    """Strip control characters and surrounding space; NFKC-normalise."""
    return _CONTROL.sub("", unicodedata.normalize("NFKC", text)).strip()


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _bigrams(text: str) -> set[str]:
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def _ascii_terms(text: str) -> set[str]:
    return {t.lower() for t in re.findall(r"[A-Za-z][A-Za-z0-9+\-]*[A-Za-z0-9+]|[A-Za-z]{2,}|\d+[Dd]", text)}


class Understanding:
    """Resolves questions against the catalog of guides."""

    def __init__(self, guides: list[Guide]) -> None:
        self.guides = guides
        self._keywords: dict[str, list[str]] = {}
        for g in guides:
            # Aliases, and the words its region, issuer (or title) give: 澜沧市科学技术局 → 澜沧, 澜沧市, 澜沧市科技局.
            words = set(g.aliases) | gazetteer().naming_words(g.region, g.issuer, g.title)
            self._keywords[g.id] = sorted({_compact(w) for w in words if w}, key=len, reverse=True)
        self._regions_in_corpus = {k for ws in self._keywords.values() for k in ws} | {
            r for g in guides for r in re.findall(r"[\u4e00-\u9fff]{2,3}", g.region)
        }
        self._titles = _TitleIndex(guides)

    # -- guides ---------------------------------------------------------------------------
    def find_guides(self, q: str) -> tuple[list[str], str]:
        """Guides the question names (all matching best), and a named guide the corpus lacks."""
        scores: dict[str, int] = {}
        for gid, words in self._keywords.items():
            hit = [w for w in words if w in q]
            if hit:
                scores[gid] = sum(len(w) for w in hit)
        years = {int(y) for y in _YEAR.findall(q) if 2000 < int(y) < 2100}
        # A four-digit guide code (2001…2022) is not a year unless followed by 年.
        years = {y for y in years if re.search(rf"{y}\s*年", q) or not self._is_code(str(y))}
        outside = ""
        for region in _REGIONS:
            if region in q and not any(region in k or k in region for k in self._regions_in_corpus if len(k) >= 2):
                outside = region
                break
        if national := _NATIONAL.search(q):
            outside = national.group(0)
        if years:
            year_ids = [g.id for g in self.guides if g.year in years]
            if scores:
                scores = {gid: s + 1 for gid, s in scores.items() if gid in year_ids}
            elif not outside:
                scores = dict.fromkeys(year_ids, 1)
            if not scores:
                outside = outside or f"{min(years)}年度"
        if not scores or (outside and not years):
            return [], outside
        best = max(scores.values())
        return [gid for gid, s in scores.items() if s == best], ""

    def _is_code(self, text: str) -> bool:
        return text in self._titles.guides_by_label

    # -- projects -------------------------------------------------------------------------
    def find_projects(self, q: str, guide_ids: list[str]) -> tuple[list[tuple[str, str]], str, bool]:
        """Projects named by label or by words of their title, a group (方向一) if named, and whether by label."""
        scope = set(guide_ids) if guide_ids else None
        labels: list[str] = []
        for m in re.finditer(r"项目\s*([一二三四五六七八九十两]+|\d{1,2})(?![\d级甲等类])", q):
            n = parse_cn_number(m.group(1))
            if n:
                labels.append(f"项目{cn_number(n)}")
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
        group = ""
        if m := re.search(r"方向\s*([一二三四五六七八九十]+)", q):
            group = f"方向{m.group(1)}"
        found = [
            (gid, lab)
            for lab in dict.fromkeys(labels)
            for gid in self._titles.guides_by_label.get(lab, ())
            if scope is None or gid in scope
        ]
        if found:
            return found, group, True
        # Words that name the guide are not words of a project title.
        stripped = self.strip_guide_words(q, guide_ids)
        parts = [p for p in re.split(r"和|跟|与|比|还是|对比|vs|以及", stripped) if p.strip()]
        if len(parts) >= 2:
            # "A那个和B那个比": each side names one project.
            per_part = [self._titles.match(p, scope) for p in parts]
            if sum(1 for m in per_part if len(m) == 1) >= 2:
                return [m[0] for m in per_part if len(m) == 1], group, False
        return self._titles.match(stripped, scope), group, False

    def strip_guide_words(self, q: str, guide_ids: list[str] | None) -> str:
        """The question without the words that named its guides."""
        for gid in guide_ids or []:
            for word in self._keywords.get(gid, []):
                q = q.replace(word, " ")
        return re.sub(r"20\d\d\s*年度?", " ", q).strip()

    # -- the whole question -----------------------------------------------------------------
    def parse(self, question: str, history: list[list[str]] | None = None) -> Intent:
        """Resolve a question (and its history, for follow-ups) into an Intent."""
        q = _compact(expand_english(question))
        intent = Intent(question=question, injection=bool(_INJECTION.search(question)))
        intent.guide_ids, intent.outside = self.find_guides(q)
        intent.guide_named = bool(intent.guide_ids)
        intent.search_text = self.strip_guide_words(q, intent.guide_ids) or q
        for word, same in _SYNONYMS.items():
            if word in intent.search_text:
                intent.search_text += same
        intent.projects, intent.group, intent.by_label = self.find_projects(q, intent.guide_ids)
        if not intent.projects and (m := re.search(r"项目\s*([一二三四五六七八九十两]+|\d{1,2})(?![\d级甲等类])", q)):
            n = parse_cn_number(m.group(1))
            intent.missing_label = f"项目{cn_number(n)}" if n else ""
        if intent.projects and not intent.guide_ids:
            intent.guide_ids = sorted({gid for gid, _ in intent.projects})
        intent.kinds = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(q)]
        if "period" in intent.kinds and "deadline" in intent.kinds:
            # "周期多长，到哪天结束": the end date of the period, not an application deadline.
            intent.kinds.remove("period")
            intent.kinds.insert(0, "period")
        for name, pattern in _AGGREGATE:
            if pattern.search(q):
                intent.aggregate = name
                break
        if intent.aggregate == "list" and intent.by_label and len(intent.projects) == 1:
            # "项目十八有哪些考核指标" lists within one project: not a listing of projects.
            intent.aggregate = ""
        if history and not intent.projects and not intent.aggregate and not intent.outside:
            self._inherit(intent, history)
            if not intent.kinds:
                # "那高层次人才项目算在里面吗？" asks the previous question's kind of thing.
                previous = _compact(history[-1][0]) if history[-1] else ""
                intent.kinds = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(previous)]
        return intent

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


class _TitleIndex:
    """Project titles indexed by bigram, ASCII term and character, so matching a question does not scan them all."""

    def __init__(self, guides: list[Guide]) -> None:
        self.titles: dict[tuple[str, str], str] = {}  # (guide id, label) → title, in catalog order
        self.guides_by_label: dict[str, list[str]] = defaultdict(list)
        self._by_bigram: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._by_term: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._by_char: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for g in guides:
            for p in g.projects:
                key = (g.id, p.label)
                if g.id not in self.guides_by_label[p.label]:
                    self.guides_by_label[p.label].append(g.id)
                self.titles[key] = p.title
                for b in _bigrams(p.title):
                    self._by_bigram[b].append(key)
                for t in _ascii_terms(p.title):
                    self._by_term[t].append(key)
                for ch in set(p.title):
                    self._by_char[ch].add(key)
        self._order = {key: i for i, key in enumerate(self.titles)}

    @staticmethod
    def _scoped(keys, scope: set[str] | None) -> list[tuple[str, str]]:
        return [k for k in keys if scope is None or k[0] in scope]

    def _abbreviations(self, q: str, scope: set[str] | None) -> dict[str, tuple[str, str]]:
        """Two-character runs no title contains that stand, in order and close together, in exactly one title."""
        found: dict[str, tuple[str, str]] = {}
        for run in re.findall(r"[\u4e00-\u9fff]{2}", re.sub(r"[的了吗呢么啥是有在和与要能可会都还就那这个]", " ", q)):
            if self._scoped(self._by_bigram.get(run, ()), scope):
                continue
            near = re.compile(f"{run[0]}.{{1,4}}{run[1]}")
            candidates = self._scoped(self._by_char.get(run[0], set()) & self._by_char.get(run[1], set()), scope)
            hits = [key for key in candidates if near.search(self.titles[key])]
            if len(hits) == 1:
                found[run] = hits[0]
        return found

    def match(self, q: str, scope: set[str] | None) -> list[tuple[str, str]]:
        """Projects whose titles share distinctive words with the question ("三峡库区药材那个")."""
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
        # A word found in one title counts 1, in two titles 1/2, …: generic words decide nothing.
        scores: dict[tuple[str, str], float] = defaultdict(float)
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)
        for w, keys in holders.items():
            weight = (2 if w in terms else 1) / len(keys) if keys else 0.0
            for key in keys:
                scores[key] += weight
                shared[key].append(w)
        if not scores:
            return []
        best = max(scores.values())
        top = sorted((key for key, s in scores.items() if s >= best - 1e-9), key=self._order.__getitem__)
        nickname = bool(re.search(r"那个|这个|项目|方向|那项|的$", q))
        # A weak match counts only as a nickname ("跌倒那个") with a word no other title has.
        unique = any(len(holders[w]) == 1 for w in shared[top[0]] if w not in terms)
        if len(top) > 3 or (best < 1.5 and not (nickname and unique and best >= 1.0)):
            return []
        return top
