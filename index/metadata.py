"""Guide metadata: the hand-checked guides.toml, and what can be read from a guide's own text.

From the text: title, issuer, region (from the issuer or the title, by the gazetteer), year, status
(征求意见稿 → draft), publication date (the 落款 date), deadlines and contacts. guides.toml overrides
any of them; a guide without an entry is described from its text alone.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from index.errors import ConfigError
from index.gazetteer import gazetteer

METADATA_FILE = "guides.toml"
VOCAB_FILE = Path(__file__).parent / "vocab" / "metadata.toml"
_CN = "〇零一二三四五六七八九十"
_YEAR = re.compile(r"(20\d{2}|二[〇零][一二三四五六七八九〇零][〇零一二三四五六七八九])\s*年")  # 2026年, 二〇二六年
_DATE = re.compile(
    rf"(?:(20\d{{2}}|[二][〇零][一二三四五六七八九〇零][〇零一二三四五六七八九])\s*年\s*)?"
    rf"(\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]"
)
_DATE_AT_END = re.compile(_DATE.pattern + "$")
_TIME = re.compile(r"^\s*(?:[（(]?\s*(?:上午|下午|晚上)?\s*)(\d{1,2})\s*[:：时点]\s*(\d{2})?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(
    r"(?<![\dA-Za-z.@_-])(?:[(（]?0\d{2,3}[)）]?[-－—\s]?\d{3,4}[-\s]?\d{4}|1[3-9]\d{9}|\d{3,4}[-\s]?\d{4})(?![\d年月日元万%])"
)


_LETTER_SPACED = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_AREA_CODE = re.compile(r"^[(（]?0\d{2,3}[)）]?[-－—\s]")


class VocabMetadata(BaseModel):
    """index/vocab/metadata.toml: the words metadata is read by."""

    model_config = ConfigDict(extra="forbid")

    draft_words: list[str] = Field(min_length=1)
    title_words: list[str] = Field(min_length=1)
    deadline_cues: list[str] = Field(min_length=1)
    contact_cues: list[str] = Field(min_length=1)
    date_notes: list[str] = Field(default_factory=list, description="Notes printed after the 落款 date")
    issuer_labels: list[str] = Field(default_factory=list, description="Labels of a web page's issuer field (来源)")
    date_labels: list[str] = Field(default_factory=list, description="Labels of an info bar's date field (发布日期)")
    deadline_kinds: dict[str, list[str]] = Field(min_length=1)


class Deadline(BaseModel):
    """A date the guide sets: when applications, recommendations or comments are due."""

    date: str = Field(description="YYYY-MM-DD")
    time: str | None = Field(default=None, description="HH:MM when the guide gives one")
    kind: str = Field(description="网上填报截止, 推荐/审核截止, 纸质材料受理, 征求意见截止")
    quote: str = Field(description="The sentence it was read from")


class Contact(BaseModel):
    """A phone number or email address with the text around it."""

    value: str = Field(description="As printed: 0871-65123456, kjc@example.gov.cn")
    kind: Literal["phone", "email"]
    context: str = Field(description="The line it stands in")


class TextMetadata(BaseModel):
    """What a guide's own text says about it."""

    title: str = ""
    issuer: str = ""
    region: str = ""
    year: int | None = None
    status: Literal["draft", "final"] = "final"
    date: str = ""
    deadlines: list[Deadline] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)


@cache
def vocab() -> VocabMetadata:
    """The metadata vocabulary, read once; a bad file is a ConfigError naming it."""
    try:
        return VocabMetadata.model_validate(tomllib.loads(VOCAB_FILE.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigError(f"{VOCAB_FILE}: {exc}", "fix the metadata vocabulary file") from None


def load_metadata(guides_dir: Path) -> dict[str, dict]:
    """Return {source file name: metadata} from guides.toml, or {} when there is none."""
    path = guides_dir / METADATA_FILE
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}", "fix the metadata file") from None
    out: dict[str, dict] = {}
    for entry in data.get("guide", []):
        if "file" not in entry or "id" not in entry:
            raise ConfigError(f"{path}: every [[guide]] needs `file` and `id`", "add the missing key")
        out[entry["file"]] = entry
    return out


def guide_id_for(source: str) -> str:
    """Default id for a guide without metadata: the file name without its suffix."""
    return Path(source).stem


# -- reading the text ----------------------------------------------------------------------------
# One ideographic space between two words of two or more characters sets them apart ("槎垭市科学技术局　槎垭市农业
# 农村局", two issuers signing), where a space between single characters only spaces out one name.
_WORD_GAP = re.compile(r"(?<=[\u4e00-\u9fff]{2})\u3000(?=[\u4e00-\u9fff]{2})")


def _plain(line: str) -> str:
    """A line as printed, without markdown heading marks and emphasis."""
    text = _WORD_GAP.sub("  ", line).replace("\u3000", " ").strip()
    text = _LETTER_SPACED.sub("", text)  # 澜 沧 市 科 学 技 术 局 (a single space; two or more separate issuers)
    return re.sub(r"^#+\s*", "", text).replace("**", "").strip()


def _clean(line: str) -> str:
    return unicodedata.normalize("NFKC", _plain(line))


_GUIDE_TITLE = re.compile(r"[^，。：:；;,、]{4,60}指南(?:[（(][^）)]{1,12}[)）])?")
_PAREN_LINE = re.compile(r"[（(][^）)]{1,12}[)）]")
# A heading of a part of the document is no title of it: "1.…指南", "第二部分 项目申报指南", "三、…".
_NUMBERED_HEADING = re.compile(r"^(\d+[.．、]|[-*]\s|第[一二三四五六七八九十\d]+[部章篇编]|[一二三四五六七八九十]+、)")
# A title the text runs on into the addressee line ("…的通知各县（市、区）科技局，各有关单位："), as OCR joins them.
_ADDRESSEE = re.compile(r"(?<=[知南告])各[^。]{2,80}[:：]$")


# A line that is no part of a title: a sentence, a label, an 附件 line, a document number.
_NO_TITLE_PART = re.compile(r"[。：:，,；;〔]|^附件|号$")
_DATE_LINE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")  # a signature's date, no part of a title


_BARE_GUIDE_WORD = 6  # "项目指南", "申报指南", "项目申报指南": a line this short is the word for a guide, no title


def _guide_title(lines: list[str]) -> str:
    """The guide's own title as printed (…申报指南), where it stands on a line of its own; '' when none does."""
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i > 0 else ""
        wrapped = (
            len(line) < 6
            and not _NUMBERED_HEADING.match(prev)
            and not _NO_TITLE_PART.search(prev)
            # a signature's date, or a title ending its own line, over a heading (a workbook's next sheet, 项目指南)
            and not _DATE_LINE.search(prev)
            and not prev.endswith(tuple(vocab().title_words))
        )
        if wrapped and _GUIDE_TITLE.fullmatch(prev + line):
            return re.sub(r"\s+", "", prev + line)  # "…专项资金申报" + "指南": the title wrapped before its last word
        if line.startswith("附件") or _NUMBERED_HEADING.match(line) or not _GUIDE_TITLE.fullmatch(line):
            continue
        title = line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _PAREN_LINE.fullmatch(nxt):  # "…申报指南" + "（征求意见稿）" on the next line
            title += nxt
        prev = lines[i - 1] if i > 0 else ""
        # "霁江市2026年度数字经济重大科技专项" + "课题申报指南（征求意见稿）": a title without a year on a line
        # after one that has it continues that line.
        yearless = not re.search(r"20\d{2}", title) and re.search(r"20\d{2}\s*年", prev)
        short_or_dated = re.match(r"^20\d{2}\s*年", title) or len(title) <= 8 or yearless
        if (
            short_or_dated
            and prev
            and len(prev) <= 30
            and not _NO_TITLE_PART.search(prev)
            and not _PAREN_LINE.fullmatch(prev)
            and not _DATE_LINE.fullmatch(prev.strip())
            and not _issuers_in(prev)
        ):
            title = prev + title  # "“…”重点专项" + "2026年度项目申报指南"
        if len(re.sub(r"\s+", "", title)) <= _BARE_GUIDE_WORD:
            continue  # "项目指南" alone (a heading, a workbook's sheet name) names no guide: the title is further on
        return re.sub(r"\s+", "", title)
    return ""


def cn_int(text: str) -> int:
    """12 or 十二 → 12; 二〇二六 → 2026 (digit by digit)."""
    if text.isdigit():
        return int(text)
    import cn2an

    if "十" not in text and len(text) > 1:
        return int("".join(str("〇一二三四五六七八九".index(ch.replace("零", "〇"))) for ch in text))
    return int(cn2an.cn2an(text.replace("〇", "零"), "smart"))


def parse_date(match: re.Match[str], default_year: int | None) -> str:
    """A _DATE match as YYYY-MM-DD ('' when it has no year and none is known, or is not a real date)."""
    year = cn_int(match.group(1)) if match.group(1) else default_year
    if year is None:
        return ""
    month, day = cn_int(match.group(2)), cn_int(match.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _issuers_in(line: str) -> list[str]:
    """The issuers a line consists of (one or several separated by spaces or 、), or []."""
    gaz = gazetteer()
    parts = [p for p in re.split(r"[\s、，,]+", line.replace(" ", " ")) if p]
    if not parts or len(line) > 80:
        return []
    found = []
    for part in (one for run in parts for one in gaz.run_issuers(run)):  # two issuers glued: each on its own
        place, agency = gaz.split_issuer(part)
        alone = place == part and gaz.institution(part) == part  # a university's masthead: 楝塘理工大学 alone
        if (
            (not agency and not alone)
            or not place
            or agency == part
            or not re.fullmatch(r"[\u4e00-\u9fff]{2,30}", part)
        ):
            return []
        found.append(part)
    return found


def _title(head: list[str], body_title: str) -> str:
    """The notice's title (关于…的通知), joined when wrapped onto two lines."""
    words = tuple(vocab().title_words)
    for i, line in enumerate(head):
        if not any(w in line for w in words) or len(line) > 80 or line.startswith(("附件", "来源", "发布时间")):
            continue
        title = _ADDRESSEE.sub("", line)
        if title.rstrip().endswith(("：", ":", "。")):
            continue  # a sentence naming the notice or the guide ("具体要求见附件1《…申报指南》："), no title
        nxt = head[i + 1] if i + 1 < len(head) else ""
        prev = head[i - 1] if i > 0 else ""
        if len(line) <= 12 and prev.startswith("关于"):  # "关于…项目的" + "通知": the title's first line lacks the word
            return re.sub(r"\s+", "", prev + line)
        if "关于" in prev and "关于" not in title and len(prev) <= 40 and not re.search(r"[。：:，,；;〔]|号$", prev):
            # "霁州市科学技术局关于组织申报2026年度霁州" + "市科技创新平台建设项目的通知": wrapped anywhere.
            return re.sub(r"\s+", "", prev + title)
        # A title wrapped onto a second line: "关于…项目的" + "通知".
        if nxt and len(nxt) <= 12 and nxt.endswith(words) and not title.endswith(words):
            title += nxt
        # A title printed on two lines: "“…”重点专项" + "2026年度项目申报指南".
        elif (
            prev
            and len(prev) <= 30
            and not re.search(r"[。：:，,；;]|^附件|〔|号$", prev)
            and not _issuers_in(prev)
            and not _DATE_LINE.fullmatch(prev.strip())
            and re.match(r"^20\d{2}\s*年", title)
        ):
            title = prev + title
        return re.sub(r"\s+", "", title)
    return ""


def _without_date_note(line: str) -> str:
    """The line without a bracketed note after the date: 2026年2月16日（此件公开发布） → 2026年2月16日."""
    for note in vocab().date_notes:
        for wrapped in (f"({note})", f"（{note}）"):
            if line.endswith(wrapped):
                return line[: -len(wrapped)]
    return line


def _issuer_and_date(lines: list[str], default_year: int | None) -> tuple[str, str]:
    """The issuer (first line that is one, or a web page's 来源：…, else the 落款's) and the publication date (the
    落款's date, also when the 落款 prints it on the issuer's line)."""
    issuer = ""
    date = ""
    labelled: list[str] = []  # 来源：… names one of the issuers; the 落款 names them all
    labelled_date = ""  # 发布日期：… in an info bar; the 落款's date wins
    for i, line in enumerate(lines):
        found = _issuers_in(line)
        labelled = labelled or _labelled_issuer(line)
        labelled_date = labelled_date or _labelled_date(line, default_year)
        if found and not issuer:
            issuer = "、".join(found)
        bare = _without_date_note(re.sub(r"\s+", "", line))
        m = _DATE.fullmatch(bare)
        if m is None and (tail := _DATE_AT_END.search(bare)) and (signed_here := _issuers_in(bare[: tail.start()])):
            # "岚溪区科学技术和工业信息化局2024年8月6日": the 落款 on one line
            if not date and (parsed := parse_date(tail, default_year)):
                date, issuer = parsed, issuer or "、".join(signed_here)
            continue
        if m and not date:
            # A line that is only a date, right under an issuer (the 落款), or the first such line.
            signed = any(_issuers_in(lines[j]) for j in range(max(0, i - 4), i))
            parsed = parse_date(m, default_year)
            if parsed and (signed or not date):
                date = parsed
                if signed and not issuer:
                    issuer = "、".join(
                        next(_issuers_in(lines[j]) for j in range(i - 1, max(-1, i - 5), -1) if _issuers_in(lines[j]))
                    )
    return issuer or "、".join(labelled), date or labelled_date


_ISO_DATE = re.compile(r"(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")


def _labelled_date(line: str, default_year: int | None) -> str:
    """The publication date an info bar or a knowledge-base export's meta box names ("发布日期：2026年1月12日",
    "发布时间：2024-08-06 10:30"), as YYYY-MM-DD, or ''."""
    labels = "|".join(map(re.escape, vocab().date_labels))
    m = re.search(rf"(?:{labels})\s*[:：]\s*", line) if labels else None
    if m is None:
        return ""
    rest = line[m.end() :]
    if (cn := _DATE.match(rest)) is not None:
        return parse_date(cn, default_year)
    if (iso := _ISO_DATE.match(rest)) is not None and 1 <= int(iso.group(2)) <= 12 and 1 <= int(iso.group(3)) <= 31:
        return f"{iso.group(1)}-{int(iso.group(2)):02d}-{int(iso.group(3)):02d}"
    return ""


def _labelled_issuer(line: str) -> list[str]:
    """The issuer a web page's info bar names ("发布日期：2024-08-06　来源：岚溪区科学技术局"), or []."""
    labels = "|".join(map(re.escape, vocab().issuer_labels))
    m = re.search(rf"(?:{labels})\s*[:：]\s*([\u4e00-\u9fff]{{4,30}})", line) if labels else None
    return _issuers_in(m.group(1)) if m else []


def _sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        out.extend(s.strip() for s in re.split(r"(?<=[。；;])", line) if s.strip())
    return out


def read_deadlines(lines: list[str], default_year: int | None) -> list[Deadline]:
    """Dates the guide sets as deadlines, with the time, the kind and the sentence."""
    words = vocab()
    deadlines: list[Deadline] = []
    previous_line = ""
    for line in lines:
        for sentence in _sentences([line]):
            deadlines.extend(_sentence_deadlines(sentence, previous_line, default_year, words))
        previous_line = line
    timed = {(d.date, d.kind) for d in deadlines if d.time}
    unique: dict[tuple, Deadline] = {}
    for d in deadlines:
        if (d.time or (d.date, d.kind) not in timed) and (d.date, d.time, d.kind) not in unique:
            unique[(d.date, d.time, d.kind)] = d
    return list(unique.values())


def _sentence_deadlines(sentence: str, heading: str, default_year: int | None, words: VocabMetadata) -> list[Deadline]:
    """The deadlines of one sentence: each date that ends a range or stands alone, with its clause's kind."""
    out: list[Deadline] = []
    matches = list(_DATE.finditer(sentence))
    if not matches or not any(cue in sentence for cue in words.deadline_cues):
        return out
    year = default_year
    for m in matches:
        date = parse_date(m, None if m.group(1) else year)
        if not date:
            continue
        year = int(date[:4])
        after = sentence[m.end() :]
        tm = _TIME.match(after)
        rest = after[tm.end() :] if tm else after
        if re.match(r"\s*(?:[)）])?\s*(?:至|到|—|–|-|~|～)", rest):  # the start of a range
            continue
        start = max(sentence.rfind(sep, 0, m.start()) for sep in "，,；;") + 1
        ends = [i for i in (sentence.find(sep, m.end()) for sep in "，,；;") if i >= 0]
        clause = sentence[start : min(ends) if ends else len(sentence)]
        kind = next(
            (
                k
                for text in (clause, sentence, heading)
                for k, ws in words.deadline_kinds.items()
                if any(w in text for w in ws)
            ),
            "截止",
        )
        time = f"{int(tm.group(1)):02d}:{tm.group(2) or '00'}" if tm else None
        out.append(Deadline(date=date, time=time, kind=kind, quote=sentence))
    return out


def read_contacts(lines: list[str]) -> list[Contact]:
    """Phone numbers (on lines that speak of contacts) and email addresses, each with its line."""
    cues = tuple(vocab().contact_cues)
    contacts: list[Contact] = []
    seen: set[str] = set()
    for line in lines:
        context = line.strip()[:120]
        for m in _EMAIL.finditer(line):
            if m.group(0) not in seen:
                seen.add(m.group(0))
                contacts.append(Contact(value=m.group(0), kind="email", context=context))
        masked = _EMAIL.sub(" ", line)
        cued = any(cue in line for cue in cues)
        for m in _PHONE.finditer(masked):
            value = m.group(0).strip()
            if not cued and not _AREA_CODE.match(value):  # a bare 7–8 digit number counts on a contact line only
                continue
            if value not in seen:
                seen.add(value)
                contacts.append(Contact(value=value, kind="phone", context=context))
    return contacts


def read_metadata(text: str, body_title: str = "") -> TextMetadata:
    """Everything the text says about its guide: title, issuer, region, year, status, date, deadlines, contacts."""
    plain = [_plain(ln) for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    plain = [ln for ln in plain if ln]
    lines = [unicodedata.normalize("NFKC", ln) for ln in plain]
    head = lines[:40]
    # The guide's own title line wins over the parser's guess (body_title), which wins over the notice's title.
    body = re.sub(r"\s+", "", body_title)
    body = "" if _NUMBERED_HEADING.match(body) else body  # "第二部分 项目申报指南" heads a part, not the guide
    title = _guide_title(plain) or body or _title(plain[:40], "") or _headline(plain[:_HEADLINE_LINES])
    year_match = _YEAR.search(title) or _YEAR.search("\n".join(head))
    year = cn_int(year_match.group(1)) if year_match else None
    issuer, date = _issuer_and_date(lines, year)
    gaz = gazetteer()
    if not issuer and (m := _TITLE_ISSUER.match(re.sub(r"\s+", "", title))) and gaz.institution(m.group(1)):
        issuer = m.group(1)  # "崶湉大学关于申报…的通知": the issuer before 关于 (发文机关 + 事由 + 文种)
    region = gaz.region_of_issuer(issuer) if issuer else ""
    region = region or gaz.region_of_title(title)
    draft = any(w in line for w in vocab().draft_words for line in [title, *head[:10]])
    if title.startswith("关于") and issuer and not _names_place(title, region):
        # A notice's full title names its issuer (发文机关 + 事由 + 文种); the letterhead printed it above.
        title = issuer.split("、")[0] + title
    date_year = int(date[:4]) if date else year
    return TextMetadata(
        title=title,
        issuer=issuer,
        region=region,
        year=year,
        status="draft" if draft else "final",
        date=date,
        deadlines=read_deadlines(lines, date_year),
        contacts=read_contacts(lines),
    )


_HEADLINE_LINES = 3  # a page's headline opens its text (a WeChat article's rich_media_title, the loader's first line)
_HEADLINE = re.compile(r"[^。；;：:]{6,60}")


def _headline(lines: list[str]) -> str:
    """The headline a web article opens with ("重磅｜2026年度槎垭市科技特派员项目申报启动！最高支持50万元"), when no line
    names the guide or the notice: a line of its first few that dates its call (20xx年), no sentence, issuer or date."""
    for line in lines:
        text = line.strip()
        if (
            _HEADLINE.fullmatch(text)
            and _YEAR.search(text)
            and not _DATE_LINE.search(text)
            and not _issuers_in(text)
            and not text.startswith(("附件", "来源"))
        ):
            return re.sub(r"\s+", "", text)
    return ""


_TITLE_ISSUER = re.compile(r"^([\u4e00-\u9fff]{4,30}?)关于")


def _names_place(title: str, region: str) -> bool:
    """Does the title name the region's own place (澜沧市 or 澜沧)?"""
    full, short = gazetteer().own_place(region)
    return bool(full) and (full in title or (len(short) >= 2 and short in title))


def infer_metadata(text: str, body_title: str = "") -> dict:
    """The text's metadata as the fields build_guide takes (empty values left out, so guides.toml wins)."""
    meta = read_metadata(text, body_title).model_dump()
    return {k: v for k, v in meta.items() if v not in ("", None, []) or k == "status"}
