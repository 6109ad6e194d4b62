"""Find the dates a guide prints (2025年3月27日17:30, 7月3日18:00, 二〇二五年三月二十七日, 2022年1月1日-2024年12月31日).

A date without a year takes its year from the guide: the year of its publication date when it has one,
else the guide's year; when that puts the date before the publication date, the next year (a notice
published on 2024-12-20 that says "1月10日" means 2025-01-10).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = "〇零一二三四五六七八九十"
_CN_DATE = re.compile(
    rf"[{_CN_DIGITS}]{{1,4}}\s*年\s*[{_CN_DIGITS}]{{1,2}}\s*月|[{_CN_DIGITS}]{{1,2}}\s*月\s*[{_CN_DIGITS}]{{1,3}}\s*日"
)
_DATE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"(?:\s*(?:上午|下午|晚上)?\s*(?P<H>\d{1,2})\s*[:：时点]\s*(?P<M>\d{2})?\s*分?)?"
)
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)")
_RANGE_GAP = re.compile(r"^\s*(?:[-—–~～至到]|—至)\s*$")


@dataclass(frozen=True)
class FoundDate:
    """A date in a text: where it is, the day, the time when printed, and whether the year was."""

    start: int
    end: int
    day: date
    time: str | None
    has_year: bool


_CN_RUN = re.compile(rf"([{_CN_DIGITS}]+)\s*(年|月|日|号|点|时|分)")
_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _cn_number(run: str, unit: str) -> str:
    if unit == "年":  # 二〇二五年: read digit by digit
        return "".join(_DIGIT.get(c, c) for c in run)
    try:
        return str(int(_cn2an(run, "smart")))
    except ValueError:
        return run


def arabic(text: str) -> str:
    """The text with Chinese-numeral dates and times as digits (二〇二五年三月二十七日下午五点三十分 → 2025年3月27日下午5点30分)."""
    if not _CN_DATE.search(text):
        return text
    return _CN_RUN.sub(lambda m: _cn_number(m.group(1), m.group(2)) + m.group(2), text)


def year_for(month: int, day: int, published: date | None, year: int | None) -> int | None:
    """The year of a date printed without one (see the module docstring), or None without context."""
    if published is not None:
        try:
            candidate = date(published.year, month, day)
        except ValueError:
            return published.year
        return published.year + 1 if candidate < published else published.year
    return year


def find_dates(text: str, published: date | None = None, year: int | None = None) -> list[FoundDate]:
    """Every date in the text, in order; dates whose year cannot be known are left out."""
    found: list[FoundDate] = []
    for pattern in (_DATE, _ISO):
        for m in pattern.finditer(text):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            has_year = bool(m.group("y"))
            month, dd = int(m.group("m")), int(m.group("d"))
            y = int(m.group("y")) if has_year else year_for(month, dd, published, year)
            if y is None:
                continue
            try:
                day = date(y, month, dd)
            except ValueError:
                continue
            hour = m.groupdict().get("H")
            time = None
            if hour is not None and int(hour) < 24:
                h = int(hour)
                if "下午" in m.group(0) and h < 12:
                    h += 12
                time = f"{h:02d}:{m.group('M') or '00'}"
            found.append(FoundDate(m.start(), m.end(), day, time, has_year))
    return sorted(found, key=lambda f: f.start)


def is_range(text: str, first: FoundDate, second: FoundDate) -> bool:
    """True when two dates are printed as a range (2022年1月1日-2024年12月31日)."""
    return bool(_RANGE_GAP.match(text[first.end : second.start]))


def parse_day(value: str) -> tuple[date, date]:
    """The earliest and latest day a YYYY, YYYY-MM or YYYY-MM-DD string can mean; ValueError otherwise."""
    parts = value.strip().replace("/", "-").replace(".", "-").split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(value)
    numbers = [int(p) for p in parts]
    if len(numbers) == 3:
        d = date(*numbers)
        return d, d
    if len(numbers) == 2:
        y, m = numbers
        last = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
        return date(y, m, 1), date.fromordinal(last)
    return date(numbers[0], 1, 1), date(numbers[0], 12, 31)


def _cn2an(text: str, mode: str) -> float:
    """cn2an's Chinese-numeral reading, imported on first use (the import takes a quarter of a second)."""
    import cn2an

    return cn2an.cn2an(text, mode)
