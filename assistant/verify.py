"""Verify an answer against the clauses it cites: citation markers, figures, dates, phones, emails.

Figures are compared as canonical (kind, value) pairs (assistant/numerals.py): 五百万元 against a clause
saying 200万元 fails, 二百万元 passes.

Pure functions, shared by the LLM answerer (verify before showing) and the evals (grounding check).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from assistant.models import Citation
from assistant.numerals import FIGURE, extract, grounded  # noqa: F401 - FIGURE re-exported

# Citation markers: [1], [1][2], [1, 2], [1、2], 【1】, full-width ［１］ (\d and int() take full-width digits).
_MARKER = r"[\[［]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］]|【\s*(\d{1,3})\s*】"
MARKER = re.compile(_MARKER)
_LEADING_MARKERS = re.compile(rf"^(?:\s*(?:{_MARKER}))+")
# Sentence ends: Chinese and ASCII stops, semicolons, line breaks; a '.' only before space or the end (not 1.5).
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])|(?<=\.)(?=\s|$)")
_CONTENT = re.compile(r"\w")
_PARTIAL_MARKER = re.compile(r"[\[［【][\d\s,，、]*")

_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")  # 1,000万元 (not 85485831,025-…)


def normalise(text: str) -> str:
    """NFKC (folds full/half width), no white space, no thousands separators, lower case."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    text = _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)
    return text.lower()


def figures(text: str) -> list[str]:
    """Amounts, percentages, dates, times, durations, phone numbers and emails stated in a text, as printed
    (Arabic or Chinese numerals)."""
    return list({f.start: f.raw for f in extract(text)}.values())


def appears_in(figure: str, haystack: str) -> bool:
    """True when the (normalised) figure appears in the normalised haystack, not as the tail of a longer number."""
    wanted = normalise(figure)
    tail = r"(?!\d)" if wanted[-1:].isdigit() else ""
    return re.search(rf"(?<![\d.]){re.escape(wanted)}{tail}", haystack) is not None


def unstated(text: str, sources: str) -> list[str]:
    """The figures of `text` (as printed) whose canonical value `sources` does not state, however written."""
    stated = extract(sources)
    missing: dict[int, str] = {}
    for figure in extract(text):
        if not grounded(figure, stated) and not (figure.value is None and appears_in(figure.raw, normalise(sources))):
            missing[figure.start] = figure.raw
    return list(missing.values())


_CITATION_LINE = re.compile(r"^《[^》]*》 · ")  # a citation under "出处：" in a listing, one line per row


def stated_text(answer_text: str) -> str:
    """What an answer itself states: without quoted lines ('>'), citation lines ('出处'), 《guide titles》 and
    「project titles」 (a tier titled 「年度研发费用200万元(含)至1000万元的企业」 states no figure of its own)."""
    lines = [
        ln
        for ln in answer_text.splitlines()
        if not ln.lstrip().startswith((">", "出处")) and not _CITATION_LINE.match(ln.strip())
    ]
    # an emptied 「」 keeps the unit's label apart from what follows ("方向 1「…」：80万元" is no ratio 1:80)
    return re.sub(r"「[^」]*」", "「」", re.sub(r"《[^》]*》", "", "\n".join(lines)))


def ungrounded_figures(answer_text: str, quotes: list[str]) -> list[str]:
    """Figures the answer states (outside quotes and citation lines) that none of the quotes states."""
    return unstated(stated_text(answer_text), "\n".join(quotes))


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer: its text without markers, and the clause numbers it cites."""

    text: str
    cited: tuple[int, ...]


def cited_numbers(text: str) -> list[int]:
    """Clause numbers of the [n] / 【n】 markers in a text, in order, each once."""
    found: list[int] = []
    for m in MARKER.finditer(text):
        for number in re.findall(r"\d+", m.group(1) or m.group(2)):
            if int(number) not in found:
                found.append(int(number))
    return found


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their markers; a marker right after a sentence's stop belongs to that sentence."""
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(unicodedata.normalize("NFKC", text)):
        lead = _LEADING_MARKERS.match(piece)
        if lead and pieces:
            pieces[-1] += lead.group(0)
            piece = piece[lead.end() :]
        pieces.append(piece)
    sentences = []
    for piece in pieces:
        body = MARKER.sub("", piece).strip()
        if _CONTENT.search(body):  # skip pieces that are only punctuation or markdown
            sentences.append(Sentence(body, tuple(cited_numbers(piece))))
    return sentences


def settled_length(text: str) -> int:
    """Length of the longest prefix of whole sentences, each with the markers that follow it (for streaming)."""
    settled = 0
    for end in _SENTENCE_END.finditer(text):
        rest = text[end.start() :]
        lead = _LEADING_MARKERS.match(rest)
        after = rest[lead.end() :] if lead else rest
        # The next sentence has begun (not just white space, nor a marker still arriving): this one is whole.
        if after.strip() and not _PARTIAL_MARKER.fullmatch(after.strip()):
            settled = end.start() + (lead.end() if lead else 0)
    return settled


def parse_citations(text: str, clauses: list[Citation]) -> list[Citation]:
    """The clauses (numbered [1]..[n] in the order given) that the text's markers cite, in order of first citation."""
    return [clauses[n - 1] for n in cited_numbers(text) if 1 <= n <= len(clauses)]


def is_refusal(sentence: str, refusal: str) -> bool:
    """True when the sentence says the fixed refusal (punctuation and markers aside) and states no figure."""
    core = re.sub(r"\W", "", normalise(refusal))
    return core in re.sub(r"\W", "", normalise(MARKER.sub("", sentence))) and not figures(sentence)


def clause_text(c: Citation) -> str:
    """A clause's quote with the names it may be referred to by (guide title, project label and title)."""
    return "\n".join((c.quote, c.guide_title, c.project, c.project_title))


@dataclass
class Verification:
    """The verdict on an answer: ok, or the reason it was rejected; whether it is the refusal; what it cites."""

    ok: bool
    reason: str = ""
    refused: bool = False
    numbers: list[int] = field(default_factory=list)  # the given clause numbers cited, in order of first citation
    citations: list[Citation] = field(default_factory=list)


def verify_answer(text: str, clauses: list[Citation], refusal: str) -> Verification:
    """Check every sentence cites a given clause and states only figures found in the clauses it cites."""
    sentences = split_sentences(text)
    if not sentences:
        return Verification(False, "the reply is empty")
    answering = [s for s in sentences if not is_refusal(s.text, refusal)]
    if not answering:
        return Verification(True, refused=True)
    for number, s in enumerate(answering, 1):
        if not s.cited:
            return Verification(False, f"sentence {number} cites no clause: {s.text[:80]!r}")
        unknown = [n for n in s.cited if not 1 <= n <= len(clauses)]
        if unknown:
            return Verification(
                False, f"sentence {number} cites {unknown}, only [1]..[{len(clauses)}] were given: {s.text[:80]!r}"
            )
        missing = unstated(s.text, "\n".join(clause_text(clauses[n - 1]) for n in s.cited))
        if missing:
            return Verification(
                False, f"sentence {number} states {missing}, not in its clauses {list(s.cited)}: {s.text[:80]!r}"
            )
    numbers = cited_numbers(text)
    return Verification(True, numbers=numbers, citations=[clauses[n - 1] for n in numbers])


def renumber(text: str, numbers: list[int]) -> str:
    """The text with each marker rewritten as 【k】, k the clause's rank among `numbers` (the cited ones)."""
    rank = {n: k for k, n in enumerate(numbers, 1)}

    def sub(m: re.Match[str]) -> str:
        cited = [int(n) for n in re.findall(r"\d+", m.group(1) or m.group(2))]
        return "".join(f"【{rank[n]}】" for n in cited if n in rank)

    return MARKER.sub(sub, text)
