"""One loader per file format behind one protocol, picked by suffix from a dict."""

from __future__ import annotations

from index.loaders.base import Loader, SourceText, content_hash
from index.loaders.doc import DocLoader
from index.loaders.docx import DocxLoader
from index.loaders.html import HtmlLoader
from index.loaders.markdown import MarkdownLoader
from index.loaders.odt import OdtLoader
from index.loaders.pdf import PdfLoader
from index.loaders.text import TextLoader, decode_text
from index.loaders.xlsx import XlsxLoader

_ALL: tuple[Loader, ...] = (
    TextLoader(),
    MarkdownLoader(),
    DocxLoader(),
    PdfLoader(),
    HtmlLoader(),
    DocLoader(),
    OdtLoader(),
    XlsxLoader(),
)
LOADERS: dict[str, Loader] = {suffix: loader for loader in _ALL for suffix in loader.suffixes}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(LOADERS)

__all__ = ["LOADERS", "SUPPORTED_SUFFIXES", "Loader", "SourceText", "content_hash", "decode_text"]
