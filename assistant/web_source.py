"""The source view behind a citation chip: the cited lines of the guide file with a few lines around them."""

from __future__ import annotations

import html
import logging
import re
import threading
from collections import OrderedDict
from pathlib import Path

from index.errors import LoadError
from index.load import load_source
from index.normalize import clean_line

log = logging.getLogger(__name__)

AROUND = 3  # non-blank lines shown before and after the cited ones
MAX_CITED = 40  # cited lines shown at most (a long clause is cut, with a note)
CACHED_FILES = 16


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


class SourceView:
    """Reads guide files from the guides folder (a few kept in memory) and cuts out a citation's context."""

    def __init__(self, guides_dir: Path) -> None:
        self.guides_dir = guides_dir
        self._files: OrderedDict[tuple[str, int, int], list[str]] = OrderedDict()
        self._lock = threading.Lock()

    def lines(self, source: str) -> list[str] | None:
        """The file's lines as ingest numbered them (1-based: index 0 is line 1), or None when unreadable."""
        path = self.guides_dir / Path(source).name
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (path.name, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if key in self._files:
                self._files.move_to_end(key)
                return self._files[key]
        try:
            text = load_source(path).text
        except (LoadError, OSError):
            log.warning("source view: cannot read %s", path)
            return None
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        with self._lock:
            self._files[key] = lines
            while len(self._files) > CACHED_FILES:
                self._files.popitem(last=False)
        return lines

    def context(self, source: str, span: tuple[int, int], quote: str) -> list[tuple[int, str, bool]] | None:
        """(line number, text, cited?) for the cited lines and AROUND non-blank lines each side; None when the
        file is missing or no longer holds the quote (changed since it was indexed)."""
        lines = self.lines(source)
        first, last = span
        if lines is None or not 1 <= first <= last <= len(lines):
            return None
        cited = [(n, clean_line(lines[n - 1])) for n in range(first, last + 1)]
        head = _compact(quote)[:8]
        if head and head not in _compact("".join(t for _, t in cited)):
            return None
        before: list[tuple[int, str, bool]] = []
        n = first - 1
        while n >= 1 and len(before) < AROUND:
            if text := clean_line(lines[n - 1]):
                before.insert(0, (n, text, False))
            n -= 1
        after: list[tuple[int, str, bool]] = []
        n = last + 1
        while n <= len(lines) and len(after) < AROUND:
            if text := clean_line(lines[n - 1]):
                after.append((n, text, False))
            n += 1
        shown = [(n, t, True) for n, t in cited if t]
        if len(shown) > MAX_CITED:
            shown = [*shown[:MAX_CITED], (0, f"……（本条共{last - first + 1}行，余下略）", True)]
        return before + shown + after

    def context_html(self, source: str, span: tuple[int, int], quote: str) -> str:
        """The context as escaped HTML: line numbers, the cited lines marked; the quote alone when unavailable."""
        rows = self.context(source, span, quote)
        if rows is None:
            text = html.escape(quote).replace("\n", "<br>")
            return f'<div class="src-lines"><div class="src-line hit">{text}</div></div>'
        out = []
        for number, text, cited in rows:
            label = f'<span class="ln" aria-hidden="true">{number}</span>' if number else '<span class="ln"></span>'
            cls = "src-line hit" if cited else "src-line"
            out.append(f'<div class="{cls}">{label}<span class="tx">{html.escape(text)}</span></div>')
        return '<div class="src-lines">' + "".join(out) + "</div>"
