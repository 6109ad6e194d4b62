"""Web pages saved from an issuer's site: the article body and its tables, without the site's chrome."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from index.errors import LoadError, UnreadableEncodingError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.html_tabs import unfold_tabs, words
from index.loaders.pdf_preview import unfold_pdf_preview
from index.loaders.text import decode_text, is_chrome_line
from index.vocab import pages

# Elements that never hold the guide's text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "aside",
    "footer",
    "head",
)
# A breadcrumb line ("首页 > 通知公告 > 正文"), also in pages exported to markdown.
BREADCRUMB = re.compile(r"^\s*(首页|网站首页|主页)\s*[>＞›»/]|^\s*(当前位置|您现在的位置|您的位置)\s*[:：]")
_BODY_HINT = re.compile(
    r"article|content|main|detail|TRS_Editor|zoom|text|body|zw|wenzhang|neirong|conTxt|pages?_content", re.I
)
_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "center",
    "details",
    "summary",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MAX_SPAN = 200  # rowspan/colspan beyond this are typos (or rowspan="0"-style "to the end")


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a saved page: its declared charset, else UTF-8 or GB18030."""
    if m := _CHARSET.search(data[:4096]):
        name = m.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


# The article's own foot ("article-foot": 申报时间, 咨询方式) holds notice facts; a site footer does not.
_NOTICE_FACT = re.compile(r"截止|受理|申报时间|联系电话|联系人|咨询")


def _is_chrome(element: Any) -> bool:
    named = words(element)
    if not named & set(pages().chrome_words):
        return False
    if element.tag != "footer" and named & {"foot", "footer"} and named & {"article", "content", "detail", "main"}:
        text = element.text_content()
        # The article's foot keeps its deadlines and contacts; a site footer has its 备案号/版权 lines.
        return not (_NOTICE_FACT.search(text) and not pages().chrome_line().search(text))
    return True


def _strip_chrome(root: Any) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            if element.getparent() is not None:
                element.drop_tree()
            continue
        chrome = element.tag in _DROP_TAGS or (element.tag not in ("html", "body") and _is_chrome(element))
        if chrome and element.getparent() is not None:
            element.drop_tree()


def _links_only(element: Any) -> bool:
    """A block whose words all sit in links (a title linking to another article), or with no words (an image)."""
    text = "".join(element.text_content().split())
    linked = "".join("".join(a.text_content().split()) for a in element.iter("a"))
    return text == linked


def _drop_related(root: Any) -> None:
    """Drop a heading over links to other articles ("往期推荐" over three titles) with the links under it: their
    look-alike titles name other calls, other years and other amounts."""
    headings = set(pages().related_headings)
    for element in list(root.iter(*_BLOCK)):
        if element.getparent() is None or "".join(element.text_content().split()) not in headings:
            continue
        if any(isinstance(e.tag, str) and e.tag in _BLOCK for e in element.iterdescendants()):
            continue  # only the innermost block holding the heading
        links = []
        for sibling in element.itersiblings():
            if not isinstance(sibling.tag, str) or not _links_only(sibling):
                break
            links.append(sibling)
        if any(next(s.iter("a"), None) is not None for s in links):
            for block in [element, *links]:
                block.drop_tree()


def _cjk_count(element: Any) -> int:
    return len(_CJK.findall(element.text_content()))


def _article(body: Any) -> Any:
    """The element holding the article: the smallest hinted (or <article>/<main>) element with most of the text."""
    total = _cjk_count(body)
    best, best_size = body, total
    for element in body.iter():
        if not isinstance(element.tag, str) or element is body:
            continue
        hinted = element.tag in ("article", "main") or _BODY_HINT.search(
            f"{element.get('class') or ''} {element.get('id') or ''}"
        )
        if not hinted:
            continue
        size = _cjk_count(element)
        if size >= 0.6 * total and size < best_size:
            best, best_size = element, size
    # Climb to the element that also holds the article's heading (a title above the content div).
    while best is not body and best.getparent() is not None and best.getparent() is not body:
        if best.tag in ("td", "th"):
            break  # a page laid out in a table: the cell holds the article, its row and table are the layout
        parent = best.getparent()
        inside = set(best.iter())
        headings = sum(_cjk_count(h) for h in parent.iter("h1", "h2", "h3") if h not in inside)
        if _cjk_count(parent) - best_size - headings > 0.25 * best_size:
            break
        best = parent
        best_size = _cjk_count(best)
    return best


def _span(cell: Any, attr: str) -> int:
    try:
        return min(max(int(cell.get(attr) or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def table_rows(table: Any) -> list[list[str]]:
    """A table's rows as a full grid: a cell spanning rows or columns (rowspan/colspan) is repeated in every
    place it covers, so each row has a cell per column, as a Word table's merged cells come."""
    rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows it still covers, text)
    grid: list[list[str]] = []
    for tr in rows:
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        row: list[str] = []
        while cells or any(col >= len(row) for col in pending):
            col = len(row)
            if col in pending:
                left, text = pending.pop(col)
                if left > 1:
                    pending[col] = (left - 1, text)
                row.append(text)
            elif cells:
                cell = cells.pop(0)
                text = " ".join(cell.text_content().split())
                down = _span(cell, "rowspan")
                for _ in range(_span(cell, "colspan")):
                    if down > 1:
                        pending[len(row)] = (down - 1, text)
                    row.append(text)
            else:
                row.append("")
        grid.append(row)
    return grid


def _is_layout(table: Any) -> bool:
    """A table that lays out a page (a heading or another table inside it), not one of the guide's tables."""
    return any(isinstance(e.tag, str) and e.tag in _LAYOUT_INSIDE for e in table.iterdescendants())


_LAYOUT_INSIDE = {"table", "h1", "h2", "h3", "h4"}


_TERM_MAX = 12  # a <dt> longer than this is a heading of its own, not a field's name
# Blocks that make a <dd> the body of a head rather than a field's value: the list of a unit's clauses nested in it.
_BODY_INSIDE = {"dl", "table"}


def _holds(element: Any, tags: set[str]) -> bool:
    """Whether any element below this one is one of the tags."""
    return any(isinstance(e.tag, str) and e.tag in tags for e in element.iterdescendants())


def _definitions(dl: Any) -> list[tuple[str, str]] | None:
    """A definition list of fields (<dt>人选类别</dt><dd>A类</dd>) as (name, value) pairs, read as "人选类别：A类" the
    way a guide prints a field; None when a term is long or holds blocks of its own (a list used for layout), or
    when a definition holds a list or table of its own: the terms then head bodies (<dt>专项一 企业研发投入后补助
    </dt><dd><dl>…clauses…</dl></dd>), each walked as a line over its own fields, not run together as one value."""
    pairs: list[tuple[str, str]] = []
    for child in dl:
        if not isinstance(child.tag, str) or child.tag not in ("dt", "dd"):
            continue
        text = " ".join(child.text_content().split())
        if child.tag == "dd" and _holds(child, _BODY_INSIDE):
            return None
        if child.tag == "dt":
            if len(text) > _TERM_MAX or _holds(child, _LAYOUT_INSIDE):
                return None
            pairs.append((text.rstrip(":："), ""))
        elif pairs and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0], text)
        else:
            pairs.append(("", text))
    return pairs if any(term and value for term, value in pairs) else None


_INLINE = {"span", "b", "strong", "em", "i", "font", "label", "small", "code", "mark", "u"}
# Tags that only style the words they wrap: a run of a sentence, never a field of its own.
_EMPHASIS = {"b", "strong", "em", "i", "font", "mark", "u", "small"}


def _is_run(element: Any) -> bool:
    """Whether an inline element is an editor's run of a sentence rather than a field: it names no class or id and
    either only styles its words (<strong>, <span style=…>) or carries an editor's run mark (WeChat's
    <span leaf="">). Rich-text editors (WeChat, 135编辑器, Word's HTML export) cut a sentence into such runs at every
    change of colour or weight, so "榜金<red>500万元</red>，其中…" is one sentence."""
    if element.get("class") or element.get("id"):
        return False
    return element.tag in _EMPHASIS or element.get("style") is not None or element.get("leaf") is not None


def _inline_cells(element: Any) -> list[str] | None:
    """The texts of a block made only of two or more inline elements side by side, no text between them (a card's
    "<span class=k>补助标准</span><span class=v>…</span>", its header's code, name and tags): styled apart on the
    page, cells of one row here, not words run together. None for any other block, and for a block of an editor's
    runs (one sentence styled piece by piece)."""
    children = [c for c in element if isinstance(c.tag, str)]
    if len(children) < 2 or any(c.tag not in _INLINE for c in children):
        return None
    if (element.text or "").strip() or any((c.tail or "").strip() for c in children):
        return None
    if all(_is_run(c) for c in children):
        return None
    cells = [" ".join(c.text_content().split()) for c in children]
    return cells if sum(1 for c in cells if c) >= 2 else None


_FLEX_ROW = re.compile(r"display\s*:\s*(?:inline-)?flex", re.I)
_FLEX_COLUMN = re.compile(r"flex-direction\s*:\s*column", re.I)
_HEADING_MAX = 30  # a row of boxes longer than this is a layout of paragraphs, not one heading


def _flex_heading(element: Any) -> str | None:
    """The text of an editor's heading drawn as boxes side by side (<section style="display:flex"> holding a round
    badge "01" and the words "榜单发布"), as one line "01 榜单发布": one heading on the page, not a bare number
    over a line. None for any other block, and for a flex row too long to be a heading."""
    style = element.get("style") or ""
    if not _FLEX_ROW.search(style) or _FLEX_COLUMN.search(style):
        return None
    children = [c for c in element if isinstance(c.tag, str)]
    if len(children) < 2 or (element.text or "").strip() or any((c.tail or "").strip() for c in children):
        return None
    texts = [" ".join(c.text_content().split()) for c in children]
    texts = [t for t in texts if t]
    if (
        len(texts) < 2
        or sum(len(t) for t in texts) > _HEADING_MAX
        or any(re.search(r"[。；;，,：:]", t) for t in texts)
    ):
        return None
    return " ".join(texts)


_BADGE_NUMBER = re.compile(r"^(?:0[1-9]|[1-9]\d)$")


def _badge_heading(element: Any) -> str | None:
    """The text of a unit card's head an editor stacks as two boxes (<section>01</section> over <section><p>法人科技
    特派员服务项目</p></section>, a column flex or plain blocks): the big number alone in the first, the bold title in
    the second, as one line "01 法人科技特派员服务项目", not a bare number (read as a page number) over a line. None
    for any other block."""
    children = [c for c in element if isinstance(c.tag, str)]
    if (element.text or "").strip() or any((c.tail or "").strip() for c in children):
        return None
    texts = [t for t in (" ".join(c.text_content().split()) for c in children) if t]
    if len(texts) != 2 or not _BADGE_NUMBER.match(texts[0]) or len(texts[1]) > _HEADING_MAX:
        return None
    return None if re.search(r"[。；;，,：:]", texts[1]) else " ".join(texts)


def _walk(element: Any, out: list[str]) -> None:
    """Append the element's text as lines: blocks start new lines, <br> breaks, a table row is one tab-joined line
    (a table laying out the page is walked as blocks, cell by cell)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("table", "tr") and _is_layout(element):
        for child in element:
            out.append("")
            _walk(child, out)
            out.append("")
        return
    if tag in ("td", "th", "tbody", "thead"):
        out.append("")
    if tag == "table":
        out.append("")
        for caption in element.findall("caption"):
            out.extend([" ".join(caption.text_content().split()), ""])
        for row in table_rows(element):
            out.extend(["\t".join(row), ""])
        return
    if tag == "tr":  # a row outside any table
        cells = [c for c in element if isinstance(c.tag, str) and c.tag in ("td", "th")]
        out.extend(["\t".join(" ".join(c.text_content().split()) for c in cells), ""])
        return
    if tag in _BLOCK and (heading := _flex_heading(element) or _badge_heading(element)) is not None:
        out.extend(["", heading, ""])
        return
    if tag in _BLOCK and (cells := _inline_cells(element)) is not None:
        out.extend(["", "\t".join(cells), ""])  # <div><span>补助对象</span><span>…</span></div>: a row of cells
        return
    if tag == "dl" and (pairs := _definitions(element)) is not None:
        out.append("")
        for term, definition in pairs:
            out.extend([f"{term}：{definition}" if term and definition else term or definition, ""])
        return
    if tag in _BLOCK:
        out.append("")
    if tag == "br":
        out.append("")
    elif element.text:
        out[-1] += element.text
    for child in element:
        _walk(child, out)
        if child.tail:
            out[-1] += child.tail
    if tag in _BLOCK:
        out.append("")


def _wechat_headline(document: Any) -> str:
    """A WeChat 公众号 article's headline: its rich_media_title, else (a page saved without it) its og:title; '' for
    any other page, whose og:title may be the site's."""
    for element in document.find_class("rich_media_title"):
        if headline := " ".join(element.text_content().split()):
            return headline
    if document.get_element_by_id("js_content", None) is None:
        return ""
    meta = document.xpath('//meta[@property="og:title"]/@content')
    return " ".join(meta[0].split()) if meta else ""


def html_lines(text: str) -> list[str]:
    """The article body of a saved page as lines (chrome removed, tables as tab rows)."""
    import lxml.html
    from lxml.etree import ParserError

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        document = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise LoadError(f"not an HTML page ({exc})") from None
    unfold_pdf_preview(document)  # before <head> goes: its style sheet places the preview's lines
    headline = _wechat_headline(document)  # before <head> goes
    body = document.find("body")
    if body is None:
        body = document
    unfold_tabs(body)  # before the chrome goes: a row of tab labels (tab-nav) reads as a site's nav
    _strip_chrome(body)
    _drop_related(body)
    out: list[str] = [""]
    _walk(_article(body), out)
    lines = [" ".join(line.replace("\u00a0", " ").split(" ")).strip() for line in out]
    lines = [re.sub(r"[ \u3000]{2,}", " ", ln) if "\t" not in ln else ln for ln in lines]
    lines = [ln for ln in lines if ln and not is_chrome_line(ln)]
    if headline and not any(headline in ln for ln in lines[:_HEADLINE_LINES]):
        lines.insert(0, headline)  # the article's title stood outside its body: metadata reads it first
    return lines


_HEADLINE_LINES = 3


class HtmlLoader:
    """.html / .htm saved from a website."""

    suffixes = (".html", ".htm")

    def load(self, path: Path) -> SourceText:
        """Decode the page and keep its article body."""
        data = read_bytes(path)
        try:
            text, encoding = decode_html(data)
        except UnreadableEncodingError as exc:
            raise UnreadableEncodingError(f"{path.name}: {exc.args[0]}") from None
        try:
            lines = html_lines(text)
        except LoadError as exc:
            raise LoadError(f"{path.name}: {exc.args[0]}", "save the page again as HTML, or copy its text") from None
        return finish(path, lines, f"html/{encoding}", content_hash(data))
