"""An e-mail thread copied out as text: only the message carrying the guide is kept, the thread's chrome blanked.

A notice often reaches an applicant forwarded down a chain (the bureau's e-mail, the university's forward, the
college secretary's forward), newest message first, each under its quoted header block (发件人/发送时间/收件人/主题).
The forwarders' own notes set internal deadlines, quotas and phones that are no rule of the call. The message whose
body holds the most text is the guide; the other messages, every header block and the mail chrome inside the kept
body (separators, phone signatures, disclaimers; index/vocab/pages.toml [mail]) become blank lines, so that every
line left keeps its number in the file.
"""

from __future__ import annotations

from index.vocab import MailVocab, pages


def _header_blocks(lines: list[str], vocab: MailVocab) -> list[tuple[int, int]]:
    """(first, end) of each run of header lines naming header_min fields or more, a sender among them."""
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        j, named = i, []
        while j < len(lines) and (name := vocab.header_field(lines[j])):
            named.append(name)
            j += 1
        if len(set(named)) >= vocab.header_min and set(named) & set(vocab.sender_fields):
            blocks.append((i, j))
        i = max(j, i + 1)
    return blocks


def _weight(lines: list[str]) -> int:
    """The characters of text in some lines."""
    return sum(len(line.strip()) for line in lines)


def mail_body(lines: list[str]) -> list[str]:
    """The lines with everything but the body of the thread's main message blanked; unchanged when they hold no
    e-mail header block."""
    vocab = pages().mail
    if vocab is None:
        return lines
    blocks = _header_blocks(lines, vocab)
    if not blocks:
        return lines
    # Each message's body runs from the end of its header block to the next block (the newest one may have none).
    starts = [0, *(end for _, end in blocks)]
    ends = [first for first, _ in blocks] + [len(lines)]
    first, end = max(zip(starts, ends, strict=True), key=lambda span: _weight(lines[span[0] : span[1]]))
    chrome = vocab.chrome_line()
    return [line if first <= i < end and not chrome.search(line.strip()) else "" for i, line in enumerate(lines)]
