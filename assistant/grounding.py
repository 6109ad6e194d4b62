"""Grounding check: every figure, date, phone number and email an answer states is in a quote."""

from __future__ import annotations

import re
import unicodedata

FIGURE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email
    r"|\d{3,4}\s*-\s*\d{7,11}"  # phone with area code
    r"|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日"  # dates
    r"|\d{1,2}:\d{2}"  # times
    r"|\d+(?:\.\d+)?\s*(?:万元|亿元|元|%|个月|年(?!度))"  # amounts, percentages, durations
    r"|\d{7,}"  # bare phone / QQ numbers
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def stated_text(answer_text: str) -> str:
    """What the answer itself states: without quoted lines, citation lines and 《guide titles》."""
    lines = [ln for ln in answer_text.splitlines() if not ln.lstrip().startswith((">", "出处"))]
    return re.sub(r"《[^》]*》", "", "\n".join(lines))


def ungrounded_figures(answer_text: str, quotes: list[str]) -> list[str]:
    """Figures stated in the answer that appear in none of the quotes (normalised)."""
    haystack = _norm("\n".join(quotes))
    return [f for f in FIGURE.findall(stated_text(answer_text)) if _norm(f) not in haystack]
