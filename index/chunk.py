"""Cut a parsed guide into chunks: one per clause and per notice item, never two in one."""

from __future__ import annotations

import re

from index.models import Chunk, Guide

MAX_CHARS = 500
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")


def split_long(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Split a long text at sentence ends into parts of at most ~max_chars."""
    if len(text) <= max_chars:
        return [text]
    parts: list[str] = []
    current = ""
    for sentence in (s for s in _SENTENCE_END.split(text) if s):
        if current and len(current) + len(sentence) > max_chars:
            parts.append(current)
            current = ""
        current += sentence
    if current:
        parts.append(current)
    return parts


def _header(guide: Guide, project: str, project_title: str, clause: str, subtitle: str = "") -> str:
    # The guide title is left out: guides are told apart by metadata filters, and every
    # token here is paid for at embedding time. A unit's English title (a bilingual guide) is searched with it.
    where = " ".join(x for x in (project, project_title, subtitle) if x)
    return " | ".join(x for x in (where, clause) if x)


def chunk_guide(guide: Guide) -> list[Chunk]:
    """Return the chunks of a guide, each carrying guide/project/clause metadata."""
    chunks: list[Chunk] = []

    def add(
        project: str,
        project_title: str,
        group: str,
        clause: str,
        body: str,
        lines: tuple[int, int],
        key: str,
        kind: str = "",
        subtitle: str = "",
    ) -> None:
        header = _header(guide, project, project_title, clause, subtitle)
        for part, piece in enumerate(split_long(body)):
            chunks.append(
                Chunk(
                    id=f"{guide.id}:{key}:{part}",
                    guide_id=guide.id,
                    guide_title=guide.title,
                    year=guide.year,
                    status=guide.status,
                    source=guide.source,
                    project=project,
                    project_title=project_title,
                    group=group,
                    clause=clause,
                    kind=kind,
                    quote=piece,
                    text=f"{header}\n{piece}",
                    lines=lines,
                    part=part,
                )
            )

    for s_index, section in enumerate(guide.sections):
        if section.kind in ("closing", "preamble"):
            # Letterhead, salutation and sign-off: they name the guide but answer nothing,
            # and in retrieval they crowd out the sections that do.
            continue
        if section.items:
            lead = section.text.split("\n" + section.items[0].text.split("\n")[0])[0]
            if lead and lead != section.text and not lead.startswith(section.items[0].text[:10]):
                add(
                    "",
                    "",
                    "",
                    section.title,
                    lead,
                    (section.lines[0], section.items[0].lines[0] - 1),
                    f"s{s_index}:lead",
                )
            for i_index, item in enumerate(section.items):
                add("", "", "", section.title, item.text, item.lines, f"s{s_index}:i{i_index}")
        elif section.text:
            add("", "", "", section.title, section.text, section.lines, f"s{s_index}")
    for p_index, project in enumerate(guide.projects):
        for c_index, clause in enumerate(project.clauses):
            add(
                project.label,
                project.title,
                project.group,
                clause.name,
                clause.text,
                clause.lines,
                f"p{p_index}:c{c_index}",
                clause.kind,
                project.subtitle,
            )
    return chunks
