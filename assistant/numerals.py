"""Figures as canonical (kind, value) pairs, however they are written: 五百万元 = 500万元 = 5000000元.

The verifier compares these, not strings, so a figure the cited clause does not state cannot pass by
being written in Chinese numerals, another scale (万/亿/元) or another date form. Kinds: amount (in 元),
count (a bare 万/亿 amount), percent, duration (年, 个月, 天, 周, 工作日, each its own unit: 3年 is not
36个月 as far as a quote goes), date (year?, month, day?), time (HH:MM), phone (digits), email.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_CN_DIGIT = "〇零一二两三四五六七八九"
_CN = f"[{_CN_DIGIT}十百千万亿]"
# A Chinese numeral starts with a digit or 十 (not a bare 万/百), may have a decimal part (一点五).
_CN_NUM = f"[{_CN_DIGIT}十]{_CN}*(?:点[{_CN_DIGIT}]+)?{_CN}*"
_AR_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[十百千万亿]*"
NUM = rf"(?:{_AR_NUM}|{_CN_NUM})"
_SMALL = rf"(?:\d{{1,4}}|[{_CN_DIGIT}十]{{1,4}})"  # a month, day, hour or minute in either notation
_YEAR = rf"(?:\d{{4}}|[{_CN_DIGIT}]{{4}})"
_UNIT = r"万元|亿元|元|%|个月|个?工作日|天|周|年(?!度)"
_RANGE_SEP = r"[-~～—–至到]"
_NOT_AFTER = rf"(?<![\d.第{_CN_DIGIT}十百千])"  # not the tail of a longer number, not an ordinal (第一年)

FIGURE = re.compile(
    r"(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
    rf"|{_NOT_AFTER}(?P<date>(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>{_SMALL})\s*月\s*(?P<d>{_SMALL})\s*[日号])"
    r"|(?P<iso>(?P<iy>\d{4})\s*[-/.]\s*(?P<im>\d{1,2})\s*[-/.]\s*(?P<id>\d{1,2}))(?!\d)"
    rf"|{_NOT_AFTER}(?P<ym>(?P<yy>{_YEAR})\s*年\s*(?P<ymm>{_SMALL})\s*月)(?!份?度)"
    r"|(?P<phone>\(?\d{3,4}\)?\s*-\s*\d{7,})"
    r"|(?P<clock>(?P<ch>\d{1,2})\s*:\s*(?P<cm>\d{2}))(?!\d)"
    rf"|{_NOT_AFTER}(?P<hour>(?P<ap>上午|下午|晚上|中午)?(?P<h>{_SMALL})\s*"
    rf"(?:时(?![间期候刻代段])|(?(ap)点|点(?=\s*(?:{_SMALL}\s*分|半|整))))\s*(?:(?P<min>{_SMALL})\s*分|(?P<half>半))?)"
    rf"|{_NOT_AFTER}(?P<range>(?P<r1>{NUM})\s*(?:{_UNIT})?\s*{_RANGE_SEP}\s*(?P<r2>{NUM})\s*(?P<ru>{_UNIT}))"
    rf"|{_NOT_AFTER}(?P<amount>(?P<n>{NUM})\s*(?P<u>{_UNIT})?)"
    rf"|(?P<pct>百分之(?P<pn>{NUM}))"
)
# Names, not stated figures: 2024年度 (a guide's year), 项目 18 / 方向 4-1 (project labels), but not 项目200万元.
_NO_UNIT = r"(?!\s*(?:[\d.,:%]|万|亿|元|年|月|日|号|个|天|周|工作日))"
NAMES = re.compile(rf"(?:19|20)\d{{2}}\s*年度|(?:项目|方向)\s*\d{{1,2}}(?:\s*-\s*\d{{1,2}})?{_NO_UNIT}")
_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_DURATION = {"年": "年", "个月": "个月", "天": "天", "周": "周", "工作日": "工作日", "个工作日": "工作日"}


@dataclass(frozen=True)
class Figure:
    """A figure as printed (`raw`) and as compared (`kind`, `value`); value None when it cannot be read."""

    raw: str
    kind: str
    value: tuple | None
    start: int = 0  # where the figure's match starts in the text (a range gives two figures of one match)


def number(text: str) -> Decimal | None:
    """The value of an Arabic (1,000 / 1.5亿 / 5千万) or Chinese (五百万 / 一点五 / 两百) numeral."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace(",", "")
    arabic = re.fullmatch(r"(\d+(?:\.\d+)?)([十百千万亿]*)", text)
    try:
        if arabic:
            value = Decimal(arabic.group(1))
            for ch in arabic.group(2):
                value *= _SCALE[ch]
            return value.normalize()
        import cn2an  # only when a Chinese numeral is met

        return Decimal(str(cn2an.cn2an(text, "smart"))).normalize()
    except (ValueError, KeyError, InvalidOperation, TypeError, AttributeError):
        if len(text) > 1 and text[-1] in "万亿":  # 一点五亿: cn2an reads no scale after a decimal part
            inner = number(text[:-1])
            return None if inner is None else (inner * _SCALE[text[-1]]).normalize()
        return None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    value = number(text) if not re.fullmatch(rf"[{_CN_DIGIT}]{{4}}", text) else _digits_year(text)
    return int(value) if value is not None and value == int(value) else None


def _digits_year(text: str) -> Decimal:
    """二〇二五 → 2025 (a year is read digit by digit)."""
    return Decimal("".join(str("〇一二三四五六七八九".find(ch) if ch != "零" else 0) for ch in text))


def _quantity(num: str, unit: str | None) -> tuple[str, tuple] | None:
    """(kind, value) of a number with its unit; None when it is no figure (a bare small number)."""
    value = number(num)
    if value is None:
        return None
    if unit in ("万元", "亿元"):
        return "amount", ((value * _SCALE[unit[0]]).normalize(), "元")
    if unit == "元":
        return "amount", (value, "元")
    if unit == "%":
        return "percent", (value,)
    if unit in _DURATION:
        return "duration", (value, _DURATION[unit])
    if re.search(r"[万亿]$", num):
        return "count", (value,)
    return None


def _read(m: re.Match[str]) -> list[Figure]:
    """The figures of one match (two for a range)."""
    raw = m.group(0).strip()
    if m.group("email"):
        return [Figure(raw, "email", (raw.lower(),))]
    if m.group("date"):
        parts = (_int(m.group("y")), _int(m.group("m")), _int(m.group("d")))
        return [Figure(raw, "date", parts if None not in parts[1:] else None)]
    if m.group("iso"):
        return [Figure(raw, "date", (int(m.group("iy")), int(m.group("im")), int(m.group("id"))))]
    if m.group("ym"):
        parts = (_int(m.group("yy")), _int(m.group("ymm")), None)
        return [Figure(raw, "date", parts if None not in parts[:2] else None)]
    if m.group("phone"):
        return [Figure(raw, "phone", (re.sub(r"\D", "", raw),))]
    if m.group("clock"):
        return [Figure(raw, "time", (int(m.group("ch")), int(m.group("cm"))))]
    if m.group("hour"):
        hour = _int(m.group("h"))
        minute = 30 if m.group("half") else (_int(m.group("min")) if m.group("min") else 0)
        if hour is None or minute is None:
            return [Figure(raw, "time", None)]
        if m.group("ap") in ("下午", "晚上") and hour < 12:
            hour += 12
        return [Figure(raw, "time", (hour, minute))]
    if m.group("range"):
        first, second, unit = m.group("r1"), m.group("r2"), m.group("ru")
        scale = re.search(r"[万亿]+$", second)
        if scale and not re.search(r"[万亿]$", first):
            first += scale.group(0)  # 200~300万元 is 200万元 to 300万元
        found = [_quantity(first, unit), _quantity(second, unit)]
        return [Figure(raw, *q) for q in found if q is not None]
    if m.group("amount"):
        num, unit = m.group("n"), m.group("u")
        plain = re.sub(r"[,\s]", "", num)
        if unit is None and plain.isdigit() and len(plain) >= 7:
            return [Figure(raw, "phone", (plain,))]  # 65368251, a mobile number, a QQ group
        quantity = _quantity(num, unit)
        return [Figure(raw, *quantity)] if quantity else []
    if m.group("pct"):
        value = number(m.group("pn"))
        return [Figure(raw, "percent", (value,) if value is not None else None)]
    return []


def extract(text: str) -> list[Figure]:
    """Every figure stated in a text, in order (guide years such as 2024年度 and project labels are names)."""
    text = NAMES.sub(" ", unicodedata.normalize("NFKC", text))
    return [Figure(f.raw, f.kind, f.value, m.start()) for m in FIGURE.finditer(text) for f in _read(m)]


def grounded(figure: Figure, stated: list[Figure]) -> bool:
    """True when a figure of the same kind and value is among `stated` (the cited clauses' figures)."""
    if figure.value is None:
        return False
    for other in stated:
        if other.value is None:
            continue
        if figure.kind == "date" and other.kind == "date":
            # 3月27日 is stated by 2025年3月27日; 2025年3月27日 is not stated by 3月27日 alone.
            if all(mine is None or mine == theirs for mine, theirs in zip(figure.value, other.value, strict=True)):
                return True
        elif figure.kind == "phone" and other.kind == "phone":
            # 65368251 is the local part of 025-65368251; a number cut short is not the printed one.
            if figure.value == other.value or _local(other.raw) == figure.value[0]:
                return True
        elif figure.kind == "count" and other.kind in ("count", "amount"):
            if figure.value[0] == other.value[0]:
                return True
        elif figure.kind == other.kind and figure.value == other.value:
            return True
    return False


def _local(phone: str) -> str:
    """The number after the area code."""
    return re.sub(r"\D", "", re.split(r"[-)]", phone)[-1])
