"""Pandoc definition lists in markdown (a term line, then ":   definition" lines), read as the guide prints them.

Pandoc writes a Word document's "term + indented paragraphs" as a definition list: the term on a line of its own,
each definition opened by a colon (or tilde) and indentation, a blank line or none between them. Two uses occur in
guides: a field (`资助强度` / `:   每项10万元`), read as the "name：value" line a guide prints; and a head over
labelled paragraphs (`**E0407**　新型储能材料与器件` / `:   **研究范围**：…`), whose term stays a line of its own
above its definitions. Every line keeps its number: a term joined with its definition leaves the definition's line
empty.
"""

from __future__ import annotations

import re

# The definition marker: ":" or "~", indented up to two spaces, then a tab or spaces, then the text.
_MARKER = re.compile(r"^ {0,2}[:~](?:\t| {1,4})(?=\S)")
# A definition that opens with its own label ("**研究范围**：…", "研究范围："): the term is a head over fields.
_LABELLED = re.compile(r"^(?:\*\*|__)?[^\s:：*_]{2,12}(?:\*\*|__)?\s*[:：]")
_TERM_MAX = 12  # a term longer than this heads its definitions rather than naming a field
# A heading, a table row (also one a table reader has tab-joined), a list item or a quote is no term.
_TERM_NOT = re.compile(r"^\s*(?:#|\||\+[-=]|[-*+]\s|\d+[.)]\s|>)|\t|[:：]\s*$")


def _term_index(lines: list[str], i: int) -> int | None:
    """The index of the term line above the definition at i: the nearest non-blank line above, skipping one blank
    line, when it is no definition itself and no other block (heading, table row, list item)."""
    j = i - 1
    if j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or not lines[j].strip() or _MARKER.match(lines[j]) or _TERM_NOT.search(lines[j]):
        return None
    return j


def _field_term(term: str) -> str:
    """The term as a field's name ("资助强度"), or "" when it is longer than a name or has emphasis around words."""
    name = re.sub(r"\*\*|__", "", term).strip()
    return name if 0 < len(name) <= _TERM_MAX and not re.search(r"\s", name) else ""


def definition_lines(lines: list[str]) -> list[str]:
    """The lines with each definition's marker taken off; a term with a single definition that is not labelled
    itself becomes "term：definition" on the term's line (a field the guide prints as a definition list)."""
    out = list(lines)
    groups: dict[int, list[int]] = {}  # term line → its definitions' lines
    term = None
    for i, line in enumerate(lines):
        if _MARKER.match(line):
            above = _term_index(lines, i)
            if above is not None:
                term = above
            if term is not None:
                groups.setdefault(term, []).append(i)
                out[i] = _MARKER.sub("", line)
        elif line.strip() and not line.startswith(("    ", "\t")):
            term = None  # a line back at the margin ends the list; an indented one goes on in a definition
    for t, defs in groups.items():
        name = _field_term(lines[t])
        if name and len(defs) == 1 and not _LABELLED.match(out[defs[0]]):
            out[t] = f"{name}：{out[defs[0]].strip()}"
            out[defs[0]] = ""
    return out
