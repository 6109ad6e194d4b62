"""Turn an Answer into a chat message: escaped text, then citation chips that open to the clause in its context.

Everything from a question or a guide is escaped here, and the chat renders these messages as HTML without
markdown: no tag, link or image in a question or a guide can reach the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from assistant.models import Answer, Citation
from assistant.web_lookup import span

_PIECES = re.compile(r"(?<=[。；;！？!?\n])")
MAX_STREAM_STEPS = 12
Context = Callable[[Citation], str]  # a citation → the HTML of its source view


def esc(text: str) -> str:
    """HTML-escaped text, quotes included (safe inside attributes too)."""
    return html.escape(text, quote=True)


def chip_label(c: Citation) -> str:
    """'《guide》 · 项目十八 · 资助强度及方式' (通知 for a notice section)."""
    return f"《{c.guide_title}》 · {c.project or '通知'} · {c.clause}"


def citation_chip(c: Citation, context: Context | None = None) -> str:
    """One <details> chip: closed it names guide · project · clause; open it shows the clause in its context."""
    where = f"{c.project} {c.project_title}".strip() if c.project else "通知正文"
    body = context(c) if context else f'<div class="cite-quote">{esc(c.quote).replace(chr(10), "<br>")}</div>'
    whole = "查看整个项目" if c.project else "查看通知全文"
    key = "|".join([c.guide_id, c.project, c.clause, str(c.lines[0]), str(c.lines[1])])
    return (
        f'<details class="cite-chip"><summary>{esc(chip_label(c))}</summary>'
        f'<div class="cite-meta">《{esc(c.guide_title)}》 · {esc(where)} · {span(c.lines)}</div>'
        f"{body}"
        f'<button type="button" class="open-project" data-key="{esc(key)}">{whole}</button></details>'
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


def text_html(text: str) -> str:
    """Answer text as escaped HTML: '> ' lines as a quote, '- ' lines as a list, the rest as paragraphs."""
    blocks: list[str] = []
    kind, lines = "", []

    def flush() -> None:
        if not lines:
            return
        if kind == "quote":
            blocks.append("<blockquote>" + "<br>".join(lines) + "</blockquote>")
        elif kind == "list":
            blocks.append("<ul>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>")
        else:
            blocks.append("<p>" + "<br>".join(lines) + "</p>")
        lines.clear()

    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
            kind = ""
            continue
        this, body = ("quote", line[1:].lstrip()) if line.startswith(">") else ("", line)
        if not this and re.match(r"^[-*] ", line):
            this, body = "list", line[2:]
        if this != kind:
            flush()
            kind = this
        lines.append(esc(body))
    flush()
    return "".join(blocks)


def plain_text(answer: Answer) -> str:
    """What 复制 copies: the answer as plain text (lead, quote, 出处 lines), no markup."""
    lines = [re.sub(r"^>\s?", "", line) for line in answer.answer.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if answer.clarify:
        text += "\n" + "\n".join(f"- 《{o.guide_title}》" for o in answer.clarify)
    if answer.notice:
        text += f"\n\n{answer.notice}"
    return text


def answer_message(answer: Answer, context: Context | None = None) -> str:
    """The final chat message as HTML: text, notice, guide choices, chips, a copy button."""
    parts = [text_html(strip_sources(answer.answer))]
    if answer.notice:
        parts.append(f'<p class="answer-notice"><em>{esc(answer.notice)}</em></p>')
    if answer.clarify:
        buttons = "".join(
            f'<button type="button" class="choose-guide" data-guide="{esc(o.guide_id)}">《{esc(o.guide_title)}》</button>'
            for o in answer.clarify
        )
        parts.append(f'<div class="clarify" role="group" aria-label="请选择指南">{buttons}</div>')
    if answer.citations:
        label = "可咨询的联系方式" if answer.refused else "引用条款（点击查看原文）"
        chips = "".join(citation_chip(c, context) for c in answer.citations)
        parts.append(f'<div class="cite-chips"><span class="cite-head">{label}：</span>{chips}</div>')
    parts.append(
        f'<div class="answer-tools"><button type="button" class="copy-plain" data-copy="{esc(plain_text(answer))}">'
        "复制回答</button></div>"
    )
    return "".join(parts)


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
    """The user's message as shown (escaped HTML): cut when very long."""
    question = question.strip()
    shown = question if len(question) <= limit else f"{question[:limit]}…（共{len(question)}字）"
    return esc(shown).replace("\n", "<br>")


def message_html(text: str) -> str:
    """A plain reply (an error, a streamed prefix) as escaped HTML."""
    return text_html(text)
