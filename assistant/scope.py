"""How questions name places: places no guide covers, names written with a homophone, names in pinyin.

A question that names a place no guide of the corpus is from ("澜江市的指南…") is about a guide the corpus
lacks: the assistant says so instead of answering from another guide.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from functools import cache, lru_cache

from index.gazetteer import gazetteer
from index.models import Guide
from index.vocab.questions import questions


def compact(text: str) -> str:
    """Lower-case, without white space."""
    return re.sub(r"\s+", "", text).lower()


class UnknownPlaces:
    """Finds the places a question names that appear nowhere in the corpus (no title, issuer, project, section)."""

    def __init__(self, guides: list[Guide], names: dict[str, list[str]]) -> None:
        self._texts = {
            g.id: compact(
                g.title
                + g.issuer
                + g.region
                + "".join(g.aliases)
                + "".join(p.title + p.group for p in g.projects)
                + "".join(s.title + s.text[:2000] for s in g.sections)
            )
            for g in guides
        }
        self._corpus_text = "".join(self._texts.values())
        self._titles = [compact(g.title + "".join(p.title for p in g.projects)) for g in guides]
        self._names = [w for words in names.values() for w in words]
        # Guides whose place the metadata could not read (a scan whose OCR lost or misread a rare character of it:
        # 岫原省 read as 原省): only these may be named by a place written one character apart.
        self._unplaced = {g.id: compact(g.title + g.issuer) for g in guides if not g.region}
        # Scanned guides whose place OCR read, maybe as other characters of the same shape (琇崟省 read as 绣鉴省).
        # Its name is its place or, for an institution's call, the institution (崶湉大学 read as 對活大学).
        # A development zone's place is compared as people say it (翠配高新技术产业开发区 as 翠配高新区).
        # The endings such a name is recognised by in a question (大学, 高新区 …), longest first.
        self._scanned_ends = sorted(
            [*gazetteer().institution_suffixes, *(s for s in gazetteer().suffixes if len(s) >= 3)],
            key=len,
            reverse=True,
        )
        self._zone_ends = [e for e in self._scanned_ends if e not in gazetteer().institution_suffixes]
        self._scanned = {
            g.id: (
                compact(gazetteer().zone_short(name)),
                compact(g.title + "".join(p.label + p.title for p in g.projects)),
            )
            for g in guides
            if g.quality.ocr_pages and (name := g.region or gazetteer().institution(g.issuer))
        }
        # Scanned guides whose OCR lost the place altogether (郪垟 of a zone's title dropped): named by a place no guide
        # names together with a run of their title.
        self._placeless = {
            g.id: compact(g.title + "".join(p.title for p in g.projects))
            for g in guides
            if g.quality.ocr_pages and not g.region and not gazetteer().institution(g.issuer)
        }
        # … by a run of its own: not one other guides' titles print too (征求意见, 项目申报)
        self._other_titles = {
            gid: compact("".join(g.title + "".join(p.title for p in g.projects) for g in guides if g.id != gid))
            for gid in self._placeless
        }

    def mentioned_in_one(self, question: str) -> dict[str, int]:
        """{guide id: length} when a place the question names by its suffix (屿沣省) is no guide's name but occurs in
        the text of exactly one guide (in a contact line, a project title): OCR may have misread its title."""
        for name in place_mentions(question):
            short = compact(gazetteer().short_name(name))
            holders = [gid for gid, text in self._texts.items() if short in text] if len(short) >= 2 else []
            if len(holders) == 1:
                return {holders[0]: len(short)}
        for name in place_mentions(question):
            # … with a run of that guide's title besides (岫原国际合作指南: 国际合作): a place one character apart
            # alone is no name of a guide about another topic
            forms = _one_apart(name)
            rest = compact(question).replace(compact(name), "")
            holders = [
                gid
                for gid, text in self._unplaced.items()
                if any(v.search(text) for v in forms) and _shares_run(rest, text)
            ]
            if len(holders) == 1:
                return {holders[0]: len(name) - 1}
        for name in [*place_mentions(question), *self._scanned_name_mentions(question)]:
            # A place no guide names, of the same length and kind as a scanned guide's place, with a run of that
            # guide's title or a unit's label or title (科普项目, 2027KP-05) in the question: OCR misread every
            # character of a rare name.
            name = compact(name)
            if name in self._corpus_text or any(name.startswith(p) for p in gazetteer().place_names()):
                continue  # a real place (浙江省) is another province's guide, never a misread one
            q = compact(question).replace(name, "")
            holders = [
                gid
                for gid, (region, title) in self._scanned.items()
                if len(region) == len(name) and region[-1] == name[-1] and _shares_run(q, title.replace(region, ""))
            ]
            if len(holders) == 1:
                return {holders[0]: 1}
        opening = _opening_name(question)
        if self._placeless:
            # A name printed with its suffix (郪垟高新区) is a place; two characters opening the question may be one
            # (郪垟科小…) or a word the dictionary lacks (卫健委…): those need a run of the title no other guide has.
            named = [*place_mentions(question), *self._suffixed_runs(question)]
            names = [(n, False) for n in named] + [(opening, True)]
            for name, weak in names:
                name = compact(name)
                if not name or name in self._corpus_text or any(name.startswith(p) for p in gazetteer().place_names()):
                    continue
                q = compact(question).replace(name, "")
                holders = [
                    gid
                    for gid, title in self._placeless.items()
                    if _shares_run(q, title, exclude=self._other_titles[gid] if weak else "")
                ]
                if len(holders) == 1:
                    return {holders[0]: 1}
        if name := opening:
            # "岫原国际合作指南里…": two characters opening the question, printed with an administrative suffix
            # (岫原省) in one guide's text only, where its title lost the place to OCR
            suffixes = gazetteer().opening_suffixes
            opening = re.compile(re.escape(name) + "(?:" + "|".join(map(re.escape, suffixes)) + ")")
            holders = [gid for gid, text in self._texts.items() if opening.search(text)]
            if len(holders) == 1:
                return {holders[0]: 2}
            # … or, with one character of it lost or misread, in the title or issuer of the one guide without a place
            forms = [f for suffix in suffixes for f in _one_apart(name + suffix)]
            holders = [gid for gid, text in self._unplaced.items() if any(f.search(text) for f in forms)]
            if len(holders) == 1:
                return {holders[0]: 1}
        return {}

    def elsewhere(self, question: str, guides: list[Guide]) -> set[str]:
        """The guides, each with a place of its own, that a place the question names (澜江市, 鄣砻 opening it) is not
        the place of, and whose text nowhere holds its name. (A scan whose OCR lost its place may be from anywhere.)"""
        # two characters opening the question are a name only when no agency opens it (卫健委…)
        agencies = (*gazetteer().agencies, *gazetteer().agency_short.values())
        opening = "" if compact(question).startswith(agencies) else _opening_name(question)
        named = [n for n in (*place_mentions(question), *self._suffixed_runs(question), opening) if n]
        return {
            g.id
            for g in guides
            if g.region
            and any(
                compact(gazetteer().short_name(name)) not in self._texts.get(g.id, "")
                and not gazetteer().within(name, g.region)
                for name in named
            )
        }

    def _suffixed_runs(self, question: str) -> list[str]:
        """Two characters before a development zone's ending (郪垟高新区), maybe with a park's industry words between
        (嵚漷生物医药产业园): a name the tagger may not split off. (Not an institution's: 三甲医院, 我们大学 are no
        names; nor an industry's or a pointing word's: 生物医药产业园, 那个产业园.)"""
        if not self._zone_ends:
            return []
        ends = "|".join(map(re.escape, self._zone_ends))
        industry = "|".join(map(re.escape, gazetteer().industry_words))
        q = compact(question)
        starts = _word_starts(q)
        runs = re.finditer(rf"([\u4e00-\u9fff]{{2}})(?:{industry})*(?:{ends})", q)
        return [
            m.group(0)
            for m in runs
            if m.start() in starts
            and not set(m.group(1)) & set(gazetteer().not_place_chars)
            and not any(m.group(1) in w for w in gazetteer().industry_words)
        ]

    def _scanned_name_mentions(self, question: str) -> list[str]:
        """The runs of the question as long as a scanned institution's or development zone's name and ending as it
        does (崶湉大学 for a guide whose OCR read 對活大学, 翚屺高新区 for 翠配高新区)."""
        q = compact(question)
        found = []
        for name, _ in self._scanned.values():
            end = next((e for e in self._scanned_ends if name.endswith(e)), "")
            for m in re.finditer(re.escape(end), q) if end else ():
                if m.end() >= len(name):
                    found.append(q[m.end() - len(name) : m.end()])
        return found

    def _bare_names(self, question: str) -> list[str]:
        """Names of rare characters without a suffix whose question shares no run of a guide's title or a unit's
        title besides; none when the corpus holds a scan ("蓥湍低碳示范…" is a scan's own guide, its place misread)."""
        if self._scanned or self._placeless:
            return []  # a scanned guide may hold the name misread: the checks for OCR'd places decide
        q = compact(question)
        return [
            n for n in _unsuffixed_names(question) if not any(_shares_run(q.replace(n, ""), t) for t in self._titles)
        ]

    def find(self, question: str, bare: bool = False) -> list[str]:
        """The places of the question no guide covers, in the order they stand; with `bare`, also a name of rare
        characters without a suffix ("焌垸创新券": asked only when no guide's words fit the question, since a scan may
        hold its own place misread)."""
        found = []
        named = [
            *place_mentions(question),
            *self._suffixed_runs(question),
            *_agency_places(question),
            *(self._bare_names(question) if bare else ()),
        ]
        for name in dict.fromkeys(named):
            short = gazetteer().short_name(name)
            if compact(name) in self._corpus_text or compact(short) in self._corpus_text:
                continue
            if any(short in w for w in self._names):
                continue
            found.append(name)
        return found


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """The text cut into words by jieba: (word, start, end) each (cached: the place checks of one question share it)."""
    import jieba

    return tuple(jieba.tokenize(text))


def _word_starts(text: str) -> frozenset[int]:
    """Where the words of a text start (a name opens a word: 们是 of 我们是… is none)."""
    return frozenset(start for _word, start, _end in _tokens(text))


RARE_CHAR = 100  # a character jieba's dictionary counts fewer times than this is rare (焌 4, 榧 95; 券 508, 疫 in 疫苗)


def _unsuffixed_names(question: str) -> list[str]:
    """Two characters the tagger leaves as single words, no word of the dictionary together, one of them rare
    ("焌垸创新券", "那罍峒的…"): a name, most often a place's, whatever follows it. None of 1,771 questions about
    the seeds holds such a pair; every one in the layout corpora's questions is a place."""
    import jieba

    jieba.dt.check_initialized()
    freq = jieba.dt.FREQ
    not_place = set(gazetteer().not_place_chars)
    words = [w for w, _start, _end in _tokens(compact(question))]
    return [
        a + b
        for a, b in itertools.pairwise(words)
        if len(a) == len(b) == 1
        and _CJK_PAIR.fullmatch(a + b)
        and min(freq.get(a, 0), freq.get(b, 0)) < RARE_CHAR
        and not freq.get(a + b)
        and not {a, b} & not_place
    ]


_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def _agency_places(question: str) -> list[str]:
    """Two rare characters before an agency ("椤粲文旅局", "穄筻市监局"): a place named by its issuer's short form, no
    word of the dictionary (重庆科技局's 重庆 is a place the tagger already knows, 我们科技局 none)."""
    shape = gazetteer().agency_shape
    if not shape:
        return []
    import jieba

    jieba.dt.check_initialized()
    q = compact(question)
    starts = _word_starts(q)
    suffixes = set(gazetteer().question_suffixes)
    return [
        m.group(1)
        for m in re.finditer(rf"([\u4e00-\u9fff]{{2}})(?={shape})", q)
        if m.start() in starts
        and not set(m.group(1)) & set(gazetteer().not_place_chars)
        and m.group(1)[-1] not in suffixes
        and not jieba.dt.FREQ.get(m.group(1))
    ]


TITLE_RUN = 4  # characters of a scanned guide's title a question must hold in a row to name it by a misread place


def _opening_name(question: str) -> str:
    """The two characters opening a question when they may be a place's name printed without its 省/市/县 (no word
    of the dictionary: a rare name such as 岫原), else ''."""
    m = re.match(r"([\u4e00-\u9fff]{2})", compact(question))
    suffixes = gazetteer().opening_suffixes
    if m is None or not suffixes:
        return ""
    name = m.group(1)
    if name[0] in gazetteer().not_place_chars or name in gazetteer().not_places or name[1] in suffixes:
        return ""
    import jieba

    jieba.dt.check_initialized()
    return "" if jieba.dt.FREQ.get(name) else name  # a word the dictionary knows (申报, 高校) is no rare place name


def _shares_run(question: str, title: str, exclude: str = "") -> bool:
    """Does the question hold TITLE_RUN characters in a row of the title (a year aside), a run `exclude` lacks?"""
    title = re.sub(r"20\d{2}年度?", "", title)
    runs = (title[i : i + TITLE_RUN] for i in range(len(title) - TITLE_RUN + 1))
    # digits alone are a year or a number, no name (2027 of "2027KP-01" and of "2027揭榜挂帅")
    return any(run in question and run not in exclude and not run.isdigit() for run in runs)


def _one_apart(name: str) -> list[re.Pattern[str]]:
    """Forms of a place name (岫原省) with one character of its stem lost (原省) or read as another (.原省, 岫.省);
    the administrative suffix is kept."""
    stem, suffix = name[:-1], name[-1]
    if len(stem) < 2:
        return []
    forms = [re.escape(stem[:i] + stem[i + 1 :] + suffix) for i in range(len(stem))]
    forms += [re.escape(stem[:i]) + "[\u4e00-\u9fff]" + re.escape(stem[i + 1 :] + suffix) for i in range(len(stem))]
    return [re.compile(f) for f in forms]


def place_mentions(question: str) -> list[str]:
    """Place names in a question: a word followed by 省/市/区/县, or a place word that ends with one."""
    return list(_place_mentions(question))


@lru_cache(maxsize=64)
def _place_mentions(question: str) -> tuple[str, ...]:
    # Cached: a question naming no guide is tagged once, though both the place-in-one-guide check and the
    # unknown-place check read its places.
    import jieba.posseg

    words = [(w, flag) for w, flag in jieba.posseg.cut(compact(question)) if w.strip()]
    suffixes, not_places = set(gazetteer().question_suffixes), set(gazetteer().not_places)
    places: list[str] = []
    levels = {s for s in suffixes if len(s) == 1}  # 市区县联动, 省市两级: levels of government, no name
    for i, (word, flag) in enumerate(words):
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if word in not_places or not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", word) or set(word) <= levels:
            continue
        # Only a name with its administrative suffix counts (东西, 上市 are tagged as places too).
        if nxt in suffixes and flag not in ("v", "d", "p", "c", "u", "r", "m"):
            places.append(word + nxt)
        elif flag == "ns" and word.endswith(tuple(suffixes)) and gazetteer().short_name(word) != word:
            places.append(word)  # a name of two or more characters before its suffix (管省 in 科研处管省… is none)
    # A name no dictionary holds, split by the tagger: two characters opening the question (or a clause) before
    # 省/市/县 ("屿沣省农业科技重大专项…").
    opening = "|".join(map(re.escape, gazetteer().opening_suffixes))
    if opening:
        for m in re.finditer(rf"(?:^|[\s，,。；;：:？?！!、（(])([\u4e00-\u9fff]{{2}})({opening})", compact(question)):
            name = m.group(1) + m.group(2)
            if m.group(1)[0] not in gazetteer().not_place_chars and not {name, m.group(1)} & not_places:
                places.append(name)
    places += _rare_names(compact(question))
    return tuple(dict.fromkeys(places))


COMMON_WORD = 20  # jieba's count from which a dictionary word is one people use (砻市 has 2, 区县 90, 超市 534)


def _rare_names(q: str) -> list[str]:
    """Two characters opening a word before 省/市/县/州 with no dictionary word across them (报鄣砻市…, which the
    tagger cuts 鄣|砻市; not 去超市, where 超市 is a word): a name no dictionary holds."""
    import jieba

    jieba.dt.check_initialized()
    ends = "".join(s for s in gazetteer().opening_suffixes if len(s) == 1)
    if not ends:
        return []
    words = [(a, b) for w, a, b in _tokens(q) if b - a >= 2 and jieba.dt.FREQ.get(w, 0) >= COMMON_WORD]
    starts = _word_starts(q)
    found = []
    for m in re.finditer(rf"(?=([\u4e00-\u9fff]{{2}})([{ends}]))", q):
        start, cut = m.start(), m.start() + 2
        name = m.group(1) + m.group(2)
        if (
            start in starts
            and not any(a < cut < b or a < start < b for a, b in words)
            and not set(m.group(1)) & set(gazetteer().not_place_chars)
            and not {name, m.group(1)} & set(gazetteer().not_places)
            and jieba.dt.FREQ.get(m.group(1), 0) < COMMON_WORD
        ):
            found.append(name)
    return found


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


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable of the common CJK block."""
    from pypinyin import lazy_pinyin

    return frozenset(lazy_pinyin([chr(c) for c in range(0x4E00, 0x9FA6)]))


def _is_pinyin(word: str, parts: int = 2) -> bool:
    """Does the word split wholly into `parts` or more pinyin syllables (qiyang = qi|yang)?"""
    word = word.lower()

    @cache
    def split(i: int) -> int:  # the most syllables word[i:] splits into; -1 when it does not split
        if i == len(word):
            return 0
        counts = [
            n + 1 for j in range(i + 1, min(len(word), i + 6) + 1) if word[i:j] in _syllables() and (n := split(j)) >= 0
        ]
        return max(counts, default=-1)

    return split(0) >= parts


def romanised_names(question: str) -> list[str]:
    """Capitalised words of an English question that read as a Chinese name in pinyin ("Xiuyuan province's",
    "the Guide"): two syllables or more; the question's first word only when a place word follows ("Qiyang hi-tech
    zone"), since an English word may open a sentence."""
    place = re.compile(questions().english_place_words)
    names = []
    for m in re.finditer(r"\b([A-Z][a-z]{4,})\b(?![-'’]?[a-z])", question):
        opening = not question[: m.start()].strip(" \"'“(")
        if _is_pinyin(m.group(1)) and (not opening or place.match(question[m.end() :].lstrip())):
            names.append(m.group(1))
    return list(dict.fromkeys(names))


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
        self._function_chars = set(questions().function_chars)

    def hits(self, question: str) -> dict[str, list[str]]:
        """{key: names it holds written with a homophone} (names found verbatim are exact hits, not here)."""
        q = compact(question)
        sounds = [_syllable(c) for c in q]
        found: dict[str, list[str]] = defaultdict(list)
        for n in self._lengths:
            for i in range(len(q) - n + 1):
                for key, word in self._by_sound.get(tuple(sounds[i : i + n]), ()):
                    pairs = list(zip(q[i : i + n], word, strict=True))
                    same = sum(1 for a, b in pairs if a == b)
                    # "有啥区别" holds the sounds of 沙区: a question word is never the replaced character.
                    replaced = {a for a, b in pairs if a != b}
                    if replaced & self._function_chars:
                        continue
                    if word not in q and same >= max(1, n - 1) and word not in found[key]:
                        found[key].append(word)
        return dict(found)
