"""Turn an Answer into a chat message: the answer text, then citation chips that open to the full clause."""

from __future__ import annotations

import html
import re

from assistant.models import Answer, Citation
from assistant.web_lookup import span

_PIECES = re.compile(r"(?<=[。；;！？!?\n])")
MAX_STREAM_STEPS = 12


def chip_label(c: Citation) -> str:
    """'《guide》 · 项目十八 · 资助强度及方式' (通知 for a notice section)."""
    return f"《{c.guide_title}》 · {c.project or '通知'} · {c.clause}"


def citation_chip(c: Citation) -> str:
    """One <details> chip: closed it names guide · project · clause, open it shows the clause and where it is."""
    quote = html.escape(c.quote).replace("\n", "<br>")
    where = f"{c.project} {c.project_title}".strip() if c.project else "通知正文"
    meta = f"{html.escape(where)} · {span(c.lines)} · 文件 {html.escape(c.source)}"
    return (
        f'<details class="cite-chip"><summary>{html.escape(chip_label(c))}</summary>'
        f'<div class="cite-quote">{quote}</div><div class="cite-meta">{meta}</div></details>'
    )


def strip_sources(text: str) -> str:
    """The answer text less its '出处：' lines, which the chips replace."""
    out: list[str] = []
    skipping = False
    for line in text.split("\n"):
        if line.startswith("出处："):
            skipping = line.strip() == "出处："  # a block of citation lines follows
            out.append("")  # what follows is a new paragraph, not the tail of a list item
            continue
        if skipping and line.startswith("《"):
            continue
        skipping = False
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def answer_message(answer: Answer) -> str:
    """The final chat message: answer text, notice, chips (one line of HTML so markdown keeps it whole)."""
    parts = [strip_sources(answer.answer)]
    if answer.notice:
        parts.append(f"*{answer.notice}*")
    if answer.citations:
        label = "可咨询的联系方式" if answer.refused else "引用条款（点击展开原文）"
        chips = "".join(citation_chip(c) for c in answer.citations)
        parts.append(f'<div class="cite-chips"><span class="cite-head">{label}：</span>{chips}</div>')
    return "\n\n".join(parts)


def stream_steps(text: str) -> list[str]:
    """Growing prefixes of the text, cut at sentence ends, at most MAX_STREAM_STEPS of them."""
    pieces = [p for p in _PIECES.split(text) if p]
    if len(pieces) > MAX_STREAM_STEPS:
        size = -(-len(pieces) // MAX_STREAM_STEPS)
        pieces = ["".join(pieces[i : i + size]) for i in range(0, len(pieces), size)]
    steps, shown = [], ""
    for piece in pieces:
        shown += piece
        steps.append(shown)
    return steps


def question_bubble(question: str, limit: int = 200) -> str:
    """The user's message as shown: cut when very long."""
    question = question.strip()
    return question if len(question) <= limit else f"{question[:limit]}…（共{len(question)}字）"
