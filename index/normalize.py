"""Turn raw guide text into logical lines: NFKC, PDF hard breaks re-joined, page debris dropped.

Each logical line keeps the span of source lines it came from, so every clause can be cited
by its place in the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’、。《》〔〕【】—―…·"
# After a number: a date or a quantity (2024年, 1000 份, 5000万元), not a guide code or a phone number.
QUANTITY_UNITS = "年月日万亿元例个项份件次台套篇株余倍%"
# Spaces next to Chinese characters are typesetting artefacts, except before a phone/QQ number
# (five or more digits and dashes, not followed by a unit: 不超过 10000 万元 is an amount).
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}])[ \t]+(?![\d-]{{5,}}+(?!\s*[{QUANTITY_UNITS}]))|[ \t]+(?=[{CJK}])")
_MULTISPACE = re.compile(r"[ \t]{2,}")
_PAGE_DEBRIS = re.compile(r"^[\s\-―—–‒_·.]*\d{0,4}[\s\-―—–‒_·.]*$")
_NUMBER = re.compile(r"\d+")
_TOC_LINE = re.compile(r"(\.{3,}|…{2,}|·{3,})\s*\d+\s*$")
# Markdown heading marks and list bullets, and the bullet glyphs guides print before a clause ("◆ 支持标准：…",
# "·执行期：…", "——资助对象：…"): they open a line and carry no words.
# An emoji an editor sets before a heading or a point ("📢 一、支持对象", "☎️ 六、联系方式", "🔹网上申报：…", a WeChat
# article's section pills): a picture, no word of the line, so the numbering behind it still opens the line. Pictographs,
# dingbats and symbols with their presentation selector, joiner and skin tone; never ①… or the dingbat numbers ❶….
EMOJI = (
    r"(?:[\U0001F000-\U0001FAFF\u2600-\u2775\u2794-\u27BF\u2B05-\u2B07\u2B1B\u2B1C\u2B50\u2B55"
    r"\u231A\u231B\u23E9-\u23FA\u2122\u2139\u2194-\u21AA\u24C2\u25AA\u25AB\u25B6\u25C0\u25FB-\u25FE\u2934\u2935\u3030\u303D]"
    r"[\uFE0E\uFE0F\u20E3]?\u200D?)"
)
_MARKDOWN = re.compile(
    rf"^(?:#{{1,6}}\s*|[-*]\s+|[·•・◆◇■□●○▪▫►▶➢➤★☆✓√]\s*|{EMOJI}+\s*|[—―]{{1,2}}(?=[\u4e00-\u9fff]))+"
)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}")
_BOLD = re.compile(r"\*\*")
# A clause label in 【】 opening a line as OCR misreads it: square brackets of another shape on both sides
# ("[扶持对象]", "〖申报条件〗", "「名额】"), or the opening one read as a stroke or lost ("I扶持对象】", "扶持对象】"),
# the text going on after it (not a markdown link: "[申报指南](…)").
_OPEN_LIKE = r"[【\[［〖〔]"
_CLOSE_LIKE = r"[】\]］〗〕]"
_LOST_CLOSE_VALUE = 6  # characters after a bracket label whose closing bracket OCR lost, for a value to follow
_MISREAD_BRACKET_LABEL = re.compile(
    rf"^(?:{_OPEN_LIKE}|[「『]|[Il|丨])?([\u4e00-\u9fff]{{2,8}}){_CLOSE_LIKE}(?=[^\s(])"
    rf"|^(?:{_OPEN_LIKE})([\u4e00-\u9fff]{{2,8}})(?:{_CLOSE_LIKE}|[」』])(?=[^\s(])"
)
TERMINAL = tuple("。！？；：!?;:")
NOT_A_QUANTITY = rf"(?!\s*[{QUANTITY_UNITS}]|\d)"

# A line that starts a new structural unit and must never be glued to the previous one.
MARKER = re.compile(
    rf"""^(?:
        项目[一二三四五六七八九十百零〇\d]+[:：]           # 项目十八：
      | 方向\s*[一二三四五六七八九十\d]+(?:-\d+)?[:：]      # 方向 4-1：
      | [一二三四五六七八九十]+[、.]                        # 一、
      | [(（][一二三四五六七八九十\d]+[)）]                  # (一)
      | \d{{1,2}}[.．、](?!\d)                                # 1.  (not 0.5)
      | \d{{1,2}}[)）]                                        # 1）
      | \d{{1,2}}\.\d{{1,2}}(?![\d{QUANTITY_UNITS}%])[\u4e00-\u9fff“"(（]  # 1.1 任务 (not 1.5倍)
      | \d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}(?![\d{QUANTITY_UNITS}%])[\u4e00-\u9fff“"(（]  # 1.2.3 方向
      | (?:专题|课题|子课题|任务|榜单)[一二三四五六七八九十\d]+(?![\d{QUANTITY_UNITS}])  # 专题一, 榜单1
      | 方向\s*\d+(?:-\d+)?(?=[\s:：、.．]|[\u4e00-\u9fff])(?![{QUANTITY_UNITS}])  # 方向1 title
      | 20\d{{2}}[A-Z]{{1,4}}\d{{2,9}}                             # 2026C01001
      | [①②③④⑤⑥⑦⑧⑨⑩]
      | 【[\u4e00-\u9fff]{{2,12}}】                            # 【研究内容】
      | 第[一二三四五六七八九十]+条
      | \d{{4}}{NOT_A_QUANTITY}\S                             # 2001 guide code (not 1000份)
      | 附件                                                  # 附件 2
      | [\u4e00-\u9fff]{{2,7}}[:：]                           # 研究内容：
      | 注\d{{0,2}}[:：]                                      # 注：, 注1： (a note, a footnote's text)
    )""",
    re.VERBOSE,
)
# Lines that stand alone: an attachment mark, (此件公开), a signature date (2025年5月8日) above the annex title.
_STANDALONE = re.compile(
    r"^(附件\s*[\d\-]*|\(此件.*\)|（此件.*）|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)


# A banner: words framed by runs of one rule character ("====== 附件1（以下为正文粘贴）======", "----- 原始邮件 -----"),
# as pasted text marks where an attachment or a quoted part begins. A line of its own; its words are its text.
_BANNER = re.compile(r"^([=\-*_~—―])\1{2,}\s*(?P<words>[^=\-*_~—―\s].*?)\s*\1{3,}$")


@dataclass(frozen=True)
class Line:
    """A logical line and the first and last source line (1-based) it spans."""

    text: str
    first: int
    last: int
    tail: int = 0  # length of the last source line glued in
    heading: bool = False  # a markdown heading (# …) or a banner: a line of its own
    cells: tuple[str, ...] = ()  # a table row (tab-separated cells in the source), each cell cleaned
    level: int = 0  # a heading's level (the number of #; a Word Heading N style reaches here as N #)
    indent: int = 0  # the width of the blanks opening its first source line (an ideographic space counts 2)


def indent_width(raw: str) -> int:
    """The width of the blanks a source line opens with: a space 1, an ideographic space 2 (one Chinese character's
    width), a tab 4."""
    width = 0
    for ch in raw:
        if ch not in " \u00a0\u3000\t":
            break
        width += {"\u3000": 2, "\t": 4}.get(ch, 1)
    return width


def table_cells(raw: str) -> tuple[str, ...]:
    """The cleaned cells of a tab-separated table row, or () when the line is not one (fewer than 2 cells)."""
    if "\t" not in raw:
        return ()
    cells = tuple(clean_line(cell) for cell in raw.strip("\r\n").split("\t"))
    return cells if sum(1 for c in cells if c) >= 2 else ()


_NOT_CIRCLED = re.compile(r"[^\u2460-\u2473]+")


def nfkc(text: str) -> str:
    """NFKC, but for circled numbers: ①…⑳ number units and items ("① 高价值专利组合培育"), NFKC's 1…20 would
    run into the words after them."""
    return _NOT_CIRCLED.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def clean_line(raw: str) -> str:
    """NFKC-normalise one source line, strip markdown emphasis and spacing artefacts."""
    text = nfkc(raw).replace("\u00a0", " ").strip()
    text = _MARKDOWN.sub("", text)
    text = _BOLD.sub("", text).strip()
    text = _SPACE_NEAR_CJK.sub("", text)
    return _MULTISPACE.sub(" ", text)


def _mend_bracket_label(text: str) -> str:
    """The line with a misread bracket label opening it printed as 【label】 ("[扶持对象]在园区…", "I名额】不限").

    OCR reads the heavy 【】 of a faxed or scanned notice as other brackets, a stroke, or not at all; the label in
    them opens a clause only when its brackets are whole. A pair of quotation marks alone (「…」) is left as it is:
    it quotes a term as often as it sets a label off. A closing bracket lost ("【名额不限") is put back after the
    label the line opens with (_lost_close). Not for a line going on inside a bracket the line before opened
    ("…【本专题资" / "助方式】…"): logical_lines asks first.
    """
    if m := _MISREAD_BRACKET_LABEL.match(text):
        return f"【{m.group(1) or m.group(2)}】{text[m.end() :]}"
    if text.startswith("【") and "】" not in text and (label := _lost_close(text[1:])):
        return f"【{label}】{text[len(label) + 1 :]}"
    return text


def _inside_bracket(text: str) -> bool:
    """Does the text end inside a 【 it opened (a bracket label wrapped onto the next line)?"""
    return text.rfind("【") > text.rfind("】")


def _lost_close(text: str) -> str:
    """The clause label `text` opens with, a value going on after it; '' when none.

    The longest label the vocabulary lists (资助强度 before 资助); else the shortest words ending in a kind's last
    word (扶持内容, not 扶持内容重点), only before a value of a few words: a bracket label wrapped onto the next
    line ("【本专题资助方式" / "】…") keeps its words together.
    """
    from index.vocab import clauses

    vocab = clauses()
    words = re.match(r"[\u4e00-\u9fff]{2,8}", text)
    ends = range(2, len(words.group(0)) + 1) if words else range(0)
    listed = [end for end in ends if end < len(text) and vocab.is_label(text[:end])]
    if listed:
        return text[: max(listed)]
    headed = [end for end in ends if len(text) - end >= _LOST_CLOSE_VALUE and vocab.kind_by_head(text[:end])]
    return text[: min(headed)] if headed else ""


def is_markdown_heading(raw: str) -> bool:
    """True when a source line is a markdown heading (# …)."""
    return bool(_MARKDOWN_HEADING.match(unicodedata.normalize("NFKC", raw)))


def heading_level(raw: str) -> int:
    """The level of a markdown heading line (## … → 2), 0 for any other line."""
    m = _MARKDOWN_HEADING.match(unicodedata.normalize("NFKC", raw))
    return m.group(0).count("#") if m else 0


def _is_debris(text: str) -> bool:
    return bool(_PAGE_DEBRIS.match(text)) and len(text) <= 12


def is_wrapped(lengths: list[int]) -> bool:
    """True when most lines are hard-wrapped at a fixed width (text extracted from a PDF)."""
    if len(lengths) < 20:
        return False
    narrow = sum(1 for n in lengths if 16 <= n <= 34)
    return narrow / len(lengths) >= 0.5


_HEADING_WORDS = re.compile(r"^(?:[一二三四五六七八九十]+、)?[\u4e00-\u9fff\d“”\"《》()]{2,20}$")


_CUT_LABEL = re.compile(r"^([\u4e00-\u9fff]{1,7})[:：]")


def _label_cut(prev: str, nxt: str) -> bool:
    """Does a line break cut a clause label in two ("…不少于2个;支" / "持强度:按项目总投入…"): the words before the
    colon no label the vocabulary lists, with the last character or two of the line before them one?"""
    from index.vocab import clauses

    if (m := _CUT_LABEL.match(nxt)) is None:
        return False
    vocab = clauses()
    label = m.group(1)
    if vocab.is_label(label):
        return False
    return any(vocab.is_label(prev[-k:] + label) for k in (1, 2) if re.fullmatch(r"[\u4e00-\u9fff]+", prev[-k:]))


_CUT_LINE = 24  # characters from which a plain-text line that stops mid-sentence was cut, not ended
_RUN_IN_END = re.compile(r"[;；。]\s*([\u4e00-\u9fff]{2,8})[:：]$")


def _run_in_label_ends(prev: str) -> bool:
    """Does a wrapped line end with a known label opening a clause inside a run of clauses ("…;实施期限:"), its value
    on the next line?"""
    from index.vocab import clauses

    m = _RUN_IN_END.search(prev)
    return m is not None and clauses().is_label(m.group(1))


def glued_label(text: str) -> str:
    """The known label a line's text opens with, glued to a value that follows it directly; '' for any other."""
    from index.vocab import clauses

    text = text.strip()
    sentence = clauses().glued_sentence
    for label in clauses().all_labels():  # longest first: 资助强度及方式 before 资助强度
        if text.startswith(label) and len(text) > len(label):
            rest = text[len(label) :]
            return "" if rest[0].isspace() or (sentence and re.match(sentence, rest)) else label
    return ""


def _glued_fields(prev: str, nxt: str) -> bool:
    """Are both lines fields of a card whose labels are glued to their values ("研究期限18个月（…）" over "合作要求须
    与…"): the next line opens a field of its own, under another label, however long the line before it."""
    label = glued_label(nxt)
    return bool(label) and glued_label(prev) not in ("", label)


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


@cache
def _glossed_pattern() -> re.Pattern[str]:
    from index.vocab import clauses

    gloss = clauses().gloss or "(?!)"
    return re.compile(rf"^[\u4e00-\u9fff]{{2,8}}(?:/[\u4e00-\u9fff]{{1,8}})?(?:{gloss})\s*[:：]")


@cache
def _lettered_pattern() -> re.Pattern[str]:
    from index.vocab import units

    return re.compile(rf"^[{units().stems}A-Z][、.．](?=[\u4e00-\u9fff“\"(（《])")


def _glossed_label(text: str) -> bool:
    """Does the line open with a clause label and its English name before the colon ("合作国别/地区Partner Country/
    Region:匈牙利", as a bilingual guide prints every field): a field of its own, as "研究内容：" is."""
    return _glossed_pattern().match(text) is not None


def _lettered(text: str) -> bool:
    """Does the line open with a lettered heading, a Heavenly Stem or a capital and a full stop or an enumeration comma
    before words ("乙、老年人居家跌倒…", "B. 城市内涝…"): a unit of its own, as "（二）" is."""
    return _lettered_pattern().match(text) is not None


def _translation(prev: str, nxt: str) -> bool:
    """Do the lines pass from one script to the other, a Chinese title over its English one or an English title over
    the Chinese text after it (a bilingual guide): two lines, not one sentence wrapped."""
    from index.vocab import clauses

    vocab = clauses()
    if vocab.is_gloss_line(nxt):
        return _CJK_CHAR.search(prev) is not None
    return vocab.is_gloss_line(prev) and _CJK_CHAR.match(nxt) is not None


_CUT_FIGURE = re.compile(r"\d[A-Za-z]{1,3}$")  # a figure and the first letters of its unit (4MW, 150mA) …
_UNIT_REST = re.compile(r"^[A-Za-z]{1,3}(?![A-Za-z])")  # … and the rest of the unit on the next line (h, h/g)


def unit_cut(before: str, after: str) -> bool:
    """Does a line break cut a unit after its figure ("1MW/4MW" / "h的示范系统")? The parts join without a space:
    a Chinese line wraps at its width, not between words, so the letters run on into one unit (4MWh)."""
    return bool(_CUT_FIGURE.search(before)) and bool(_UNIT_REST.match(after))


def wrap_glue(before: str, after: str) -> str:
    """What joins a line's text to the next one it continues: a space between Latin words, nothing inside a unit
    cut after its figure (unit_cut) nor between Chinese characters."""
    if unit_cut(before, after):
        return ""
    return " " if before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii() else ""


_CENTRED = 8  # blanks opening a plain-text line set in the middle of its page (a title, a signature): a line alone


def _continues(prev_line: Line, nxt_raw: str, nxt: str, wrapped: bool, width: int = 0) -> bool:
    """Should `nxt` be glued onto `prev` (a hard line break inside a sentence)?"""
    prev = prev_line.text
    if not prev or _STANDALONE.match(prev):
        return False
    # a long line cut after a label opening a clause in a run of them ("…;实施期限:" / "2025年4月至…") goes on
    label_end = (wrapped or prev_line.tail >= _CUT_LINE) and _run_in_label_ends(prev)
    if prev.endswith(TERMINAL) and not label_end:
        return False
    if (MARKER.match(nxt) or _glossed_label(nxt) or _lettered(nxt)) and not _label_cut(prev, nxt) and not label_end:
        return False
    if _translation(prev, nxt):
        return False
    if prev_line.heading or is_markdown_heading(nxt_raw):
        return False
    if "\t" in nxt_raw or len(nxt_raw) - len(nxt_raw.lstrip(" \u3000")) >= 3:  # right-aligned signature or date
        return False
    if prev_line.cells:  # a line after a table row (续表, a note) is no part of its last cell
        return False
    if _glued_fields(prev, nxt):
        return False
    if wrapped:
        # A short line of words alone (指南说明, 申报受理与咨询) is a heading, not a wrapped sentence.
        short_heading = prev_line.first == prev_line.last and len(prev) <= width * 0.6 and _HEADING_WORDS.match(prev)
        return not short_heading
    # Plain text files: only long lines cut at a page break continue on the next line, never a centred one.
    return prev_line.tail >= _CUT_LINE and not prev.startswith("关于") and prev_line.indent <= _CENTRED


def running_key(text: str) -> str:
    """A line as a page header or footer repeats it: its numbers masked, as each page prints its own (a fax
    header's 第2/3页, a date and time)."""
    return _NUMBER.sub("#", text)


def _running_heads(cleaned: list[tuple[int, str, str]]) -> set[str]:
    """Page headers/footers (by running_key): a line printed at least 3 times, each time next to a page number."""
    counts: dict[str, list[int]] = {}
    for i, (_, _, c) in enumerate(cleaned):
        if len(c) >= 6:
            counts.setdefault(running_key(c), []).append(i)
    heads = set()
    for text, places in counts.items():
        if len(places) < 3:
            continue
        near = 0
        for i in places:
            around = [cleaned[j][2] for j in range(max(0, i - 2), min(len(cleaned), i + 3)) if j != i]
            near += any(c and _is_debris(c) and any(ch.isdigit() for ch in c) for c in around)
        if near >= 0.6 * len(places):
            heads.add(text)
    return heads


def logical_lines(text: str) -> tuple[list[Line], bool]:
    """Split raw text into logical lines; return them and whether PDF wrapping was detected."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = [(i + 1, raw, clean_line(raw)) for i, raw in enumerate(raw_lines)]
    heads = _running_heads(cleaned)
    content = [
        (n, raw, c)
        for n, raw, c in cleaned
        if c and not _is_debris(c) and not _TOC_LINE.search(c) and running_key(c) not in heads
    ]
    lengths = [len(c) for _, _, c in content]
    wrapped = is_wrapped(lengths)
    width = sorted(lengths)[len(lengths) * 3 // 4] if lengths else 0
    lines: list[Line] = []
    for number, raw, text_line in content:
        if not (lines and _inside_bracket(lines[-1].text)):
            text_line = _mend_bracket_label(text_line)
        banner = _BANNER.match(text_line)
        if banner:
            text_line = banner.group("words")
        if lines and not banner and _continues(lines[-1], raw, text_line, wrapped, width):
            prev = lines[-1]
            glue = wrap_glue(prev.text, text_line)
            cells = (*prev.cells[:-1], prev.cells[-1] + glue + text_line) if prev.cells else ()
            lines[-1] = Line(
                prev.text + glue + text_line, prev.first, number, len(text_line), cells=cells, indent=prev.indent
            )
        else:
            level = heading_level(raw)
            heading = level > 0 or banner is not None  # a line of its own: nothing is glued onto it
            lines.append(
                Line(text_line, number, number, len(text_line), heading, table_cells(raw), level, indent_width(raw))
            )
    return lines, wrapped
