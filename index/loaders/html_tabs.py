"""Tab widgets of a saved page: a row of tab labels over panels of which the page shows one at a time.

Issuers' portals put a guide's categories in tabs (重点项目 | 青年项目), each label opening a panel of its units,
the panels after the first hidden (display:none) until a script shows them. Every panel is the guide's content,
and its tab's label is the heading over it: the label is moved into its panel, and the row of labels goes.
"""

from __future__ import annotations

import re
from typing import Any

from index.vocab import pages

# Attributes by which a tab names the id of its panel (Bootstrap, ARIA, jQuery plug-ins).
_REFERENCES = ("aria-controls", "data-for", "data-target", "data-tab", "data-pane", "data-id", "href")
_ITEMS = {"li", "a", "button", "span", "div", "h3", "h4", "h5", "dt"}
_LABEL_MAX = 30  # a longer "tab" is a paragraph, not a label


def words(element: Any) -> set[str]:
    """The lower-cased words of an element's class, id and role, split at -, _ and spaces (tab-nav → tab, nav)."""
    out: set[str] = set()
    for attr in ("class", "id", "role"):
        out.update(w.lower() for w in re.split(r"[\s\-_]+", element.get(attr) or "") if w)
    return out


def _names(element: Any) -> set[str]:
    """An element's words (tab-item → tab, item) and its class, id and role tokens written as one word (tabitem)."""
    tokens = " ".join(element.get(attr) or "" for attr in ("class", "id", "role")).split()
    return words(element) | {re.sub(r"[\-_]+", "", t).lower() for t in tokens}


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _tab_items(nav: Any) -> list[Any]:
    """The tabs of a row of labels: its item children (or the items of its one list), each with a short text; an
    empty child (a clearing <div>) is no tab."""
    children = [c for c in nav if isinstance(c.tag, str) and _text(c)]
    if len(children) == 1 and children[0].tag in ("ul", "ol"):
        children = [c for c in children[0] if isinstance(c.tag, str) and _text(c)]
    items = [c for c in children if c.tag in _ITEMS and len(_text(c)) <= _LABEL_MAX]
    return items if len(items) >= 2 and len(items) == len(children) else []


def _referenced(item: Any, ids: dict[str, Any]) -> Any:
    """The panel a tab names by id (data-for="pane-qn", href="#tab2"), on the tab or on its link."""
    for element in (item, *item.iter("a", "button")):
        for attr in _REFERENCES:
            ref = (element.get(attr) or "").strip()
            if attr == "href" and not ref.startswith("#"):
                continue
            if (panel := ids.get(ref.lstrip("#"))) is not None:
                return panel
    return None


def _following_panels(nav: Any, count: int) -> list[Any]:
    """Panels after a row of labels, in order, for tabs that name none: the panel-worded siblings after it, or the
    panel-worded children of the one block after it (a tab-content wrapper)."""
    panel_words = set(pages().tab_panel_words)
    siblings = [s for s in nav.itersiblings() if isinstance(s.tag, str)]
    panels = [s for s in siblings if _names(s) & panel_words]
    if len(panels) != count and siblings:
        panels = [c for c in siblings[0] if isinstance(c.tag, str) and _names(c) & panel_words]
    return panels if len(panels) == count else []


def _tab_rows(root: Any) -> list[tuple[Any, list[tuple[str, Any]]]]:
    """Each row of tab labels in the page, with (label, panel) for each of its tabs."""
    tab_words = set(pages().tab_words)
    ids = {e.get("id"): e for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    rows = []
    for nav in root.iter():
        if not isinstance(nav.tag, str) or not _names(nav) & tab_words:
            continue
        items = _tab_items(nav)
        if not items:
            continue
        panels = [_referenced(item, ids) for item in items]
        if any(p is None for p in panels) or len({id(p) for p in panels}) < len(panels):
            panels = _following_panels(nav, len(items))
        if panels and not any(nav in set(p.iterancestors()) or p in set(nav.iter()) for p in panels):
            rows.append((nav, [(_text(item), panel) for item, panel in zip(items, panels, strict=True)]))
    return rows


def unfold_tabs(root: Any) -> None:
    """Head each tab panel with its tab's label, as a line of its own, and drop the row of labels: the panels are
    read in order whether the page shows or hides them."""
    for nav, tabs in _tab_rows(root):
        for label, panel in tabs:
            heading = panel.makeelement("p", {})
            heading.text, heading.tail, panel.text = label, panel.text, None
            panel.insert(0, heading)
        if nav.getparent() is not None:
            nav.drop_tree()
