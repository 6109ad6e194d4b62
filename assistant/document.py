"""Questions about a guide as a document: is it final, who issued it, when.

Answered from the guide's own text: the line that prints its issuer or its date, the sentence that says what
becomes of a draft. Metadata a maintainer supplied (an issuer the file never prints) is no quote, so a guide that
does not name its issuer is said not to.
"""

from __future__ import annotations

import re

from assistant.compose import citation, guide_label, refusal, render, sentences
from assistant.models import Answer, Citation
from index.models import Guide
from index.vocab.questions import document_asks, document_release

_PARTS = re.compile(r"[？?；;。!！]")
_ISSUERS = re.compile(r"[、,，/]")


def document_kinds(question: str) -> list[str]:
    """The document facts asked, in vocabulary order, when every part of the question asks one; else []."""
    parts = [p for p in _PARTS.split(question) if p.strip()]
    asked: list[str] = []
    for part in parts:
        kinds = [
            k for k, words, unless in document_asks() if words.search(part) and not (unless and unless.search(question))
        ]
        if not kinds:
            return []
        asked += [k for k in kinds if k not in asked]
    return asked


def _quoted(guide: Guide, pattern: re.Pattern[str]) -> Citation | None:
    """The first sentence (or printed line) of the guide's sections that matches, cited to its section."""
    for section in guide.sections:
        for piece in sentences(section.text):
            if pattern.search(piece):
                return citation(guide, None, section.title, piece.strip(), section.lines)
    return None


def _title(guide: Guide) -> Citation:
    return citation(guide, None, "标题", guide.title, guide.part_lines)


def _cn_date(iso: str) -> str:
    """2024-06-27 → 2024年6月27日."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _dated(guide: Guide) -> Citation | None:
    """The line printing the guide's date (its 落款), or None."""
    return _quoted(guide, re.compile(re.escape(_cn_date(guide.date)))) if guide.date else None


def _status(guide: Guide) -> tuple[str, Citation | None]:
    if guide.status == "draft":
        cited = _quoted(guide, document_release()) or _quoted(guide, re.compile("征求意见"))
        return "是征求意见稿，还不是正式发布的申报指南", cited or _title(guide)
    dated = f"，落款日期为{_cn_date(guide.date)}" if guide.date else ""
    return f"是正式发布的文件（不是征求意见稿）{dated}", _dated(guide) or _title(guide)


def _issuer(guide: Guide) -> tuple[str, Citation | None]:
    names = [n for n in _ISSUERS.split(guide.issuer) if n.strip()]
    cited = _quoted(guide, re.compile("|".join(re.escape(n) for n in names))) if names else None
    return f"由{guide.issuer}发布", cited


def _date(guide: Guide) -> tuple[str, Citation | None]:
    return (f"落款日期是{_cn_date(guide.date)}" if guide.date else ""), _dated(guide)


_FACTS = {"status": _status, "issuer": _issuer, "date": _date}
_NAMES = {"status": "文件状态", "issuer": "发布单位", "date": "发布日期"}


def document_answer(question: str, guide: Guide) -> Answer | None:
    """The guide's status, issuer or date as its text prints them; a refusal naming what it does not print;
    None when the question asks none of them."""
    kinds = document_kinds(question)
    if not kinds:
        return None
    leads: list[str] = []
    citations: list[Citation] = []
    missing: list[str] = []
    for kind in kinds:
        lead, cited = _FACTS[kind](guide)
        if cited is None:
            missing.append(_NAMES[kind])
            continue
        leads.append(lead)
        if cited not in citations:
            citations.append(cited)
    if not citations:
        return refusal(f"{guide_label(guide)}正文没有写明{'、'.join(missing)}", [guide], "，我不能替指南作答。")
    lead = (
        guide_label(guide)
        + "，".join(leads)
        + "。"
        + (f"（指南正文没有写明{'、'.join(missing)}。）" if missing else "")
    )
    return Answer(answer=render(lead, citations, guide), citations=citations)
