"""Plain text guides: UTF-8 (with or without BOM), GB18030 or UTF-16, any line ending."""

from __future__ import annotations

from pathlib import Path

from index.errors import UnreadableEncodingError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.box_table import box_table_lines
from index.loaders.footnotes import page_notes
from index.vocab import pages

CHROME_LINE_MAX = 80  # a longer line holding a chrome word (浏览次数, 当前位置) is the guide's own sentence
_PAGE_CHROME_MIN = 3  # a text holding this many lines of a web page's chrome is a page copied as text


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 or GB18030, or as UTF-16 (what Notepad saves as "Unicode"); return (text, encoding) or
    raise."""
    if (wide := _utf16(data)) is not None:
        return wide
    if b"\x00" in data[:4096]:
        raise UnreadableEncodingError("binary file (contains NUL bytes), not a text guide")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    raise UnreadableEncodingError("neither UTF-8 nor GB18030 text")


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text: with its byte-order mark, or without one when many of the high bytes of its opening are NUL
    (those of ASCII characters: line breaks, digits, tabs) and few of the low bytes are (一 is 00 4E); None for
    anything else."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _wide(data[2:], encoding)
    head = data[:4096]
    if len(head) < 64 or len(data) % 2:
        return None
    for high, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        nul_high, nul_low = head[high::2].count(0), head[1 - high :: 2].count(0)
        if nul_high > len(head) // 16 and nul_low * 4 < nul_high:
            return _wide(data, encoding)
    return None


def _wide(data: bytes, encoding: str) -> tuple[str, str] | None:
    """The bytes decoded as UTF-16 in the byte order given, when that reads as text."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _looks_like_text(text) else None


def _looks_like_text(text: str) -> bool:
    """Reject decodings dominated by control or private-use characters."""
    if not text.strip():
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.01


def read_text(path: Path) -> tuple[str, str, str]:
    """(text, encoding, content hash) of a text file; the error names the file."""
    data = read_bytes(path)
    try:
        text, encoding = decode_text(data)
    except UnreadableEncodingError as exc:
        raise UnreadableEncodingError(f"{path.name}: {exc.args[0]}") from None
    return text, encoding, content_hash(data)


def is_chrome_line(line: str) -> bool:
    """Is the line a web page's chrome (当前位置：首页 > …, 浏览次数, 打印本页, 备案号), short as chrome lines are?"""
    return len(line.strip()) <= CHROME_LINE_MAX and pages().chrome_line().search(line) is not None


def copied_page(lines: list[str]) -> list[str]:
    """A web page copied out as text (a browser's select-all saved by Notepad): its chrome lines blanked, each kept
    line in its place, so the breadcrumb (当前位置：首页 > 通知公告) is never read as the guide's title; any other text
    as it is."""
    chrome = [bool(ln.strip()) and is_chrome_line(ln) for ln in lines]
    return lines if sum(chrome) < _PAGE_CHROME_MIN else ["" if c else ln for ln, c in zip(lines, chrome, strict=True)]


def _pages(lines: list[str]) -> list[list[str]]:
    """The lines page by page: a form feed (what pdftotext writes between pages) opens a new page."""
    out: list[list[str]] = [[]]
    for line in lines:
        if "\f" in line and any(out[-1]):
            out.append([])
        out[-1].append(line)
    return out


def _margin(page: list[str]) -> int:
    """The spaces every written line of a page opens with: a `pdftotext -layout` dump keeps the page's left margin."""
    opening = [len(bare) - len(bare.lstrip(" ")) for line in page if (bare := line.replace("\f", "")).strip()]
    return min(opening, default=0)


def paged_lines(lines: list[str]) -> list[str]:
    """The lines of a text printed page by page (pages split by form feeds, or one page): each page's left margin
    taken off, so a paragraph's indent is told from its wrapped lines again, and its footnotes written in after the
    markers citing them (index/loaders/footnotes.py), every line keeping its place."""
    out: list[str] = []
    for page in _pages(lines):
        margin = _margin(page)
        if margin:
            page = [
                "\f" * line.count("\f") + line.replace("\f", "")[margin:] if line.strip() else line for line in page
            ]
        out += page_notes(page)[0]
    return out


class TextLoader:
    """.txt: the text as it is (line breaks kept: the normaliser re-joins wrapped lines), a box-drawn table's rows
    as tab-joined cells."""

    suffixes = (".txt",)

    def load(self, path: Path) -> SourceText:
        """Decode the file; CRLF and CR become LF later, in the normaliser (here too when a table is redrawn)."""
        text, encoding, digest = read_text(path)
        lines = paged_lines(copied_page(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
        rows = box_table_lines(lines)
        return finish(path, rows if rows != lines else ["\n".join(lines)], encoding, digest)
