"""The seeds' parse as plain data (labels, titles, groups, clause names, spans, text hashes), for regression checks.

Run `python -m tests.index.seed_dump` to rewrite tests/fixtures/seed_parse.json (only when a change to the
seeds' parse is intended and checked by hand).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from index.load import load_source
from index.metadata import load_metadata
from index.parse import build_guide
from tests.conftest import GUIDES, SEEDS

SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "seed_parse.json"


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def dump_seed(path: Path) -> dict:
    """One seed guide's parse: sections with items, projects with clauses, warnings, title."""
    entry = load_metadata(GUIDES)[path.name]
    meta = {k: v for k, v in entry.items() if k not in ("file", "id")}
    guide = build_guide(load_source(path).text, guide_id=entry["id"], source=path.name, meta=meta)
    return {
        "title": guide.title,
        "warnings": guide.warnings,
        "sections": [
            {
                "title": s.title,
                "kind": s.kind,
                "lines": list(s.lines),
                "text": _h(s.text),
                "items": [[i.label, list(i.lines), _h(i.text)] for i in s.items],
            }
            for s in guide.sections
        ],
        "projects": [
            {
                "label": p.label,
                "title": p.title,
                "group": p.group,
                "lines": list(p.lines),
                "clauses": [[c.name, c.printed_name, list(c.lines), _h(c.text)] for c in p.clauses],
            }
            for p in guide.projects
        ],
    }


def dump_all() -> dict:
    """Every seed's parse, by file name."""
    return {path.name: dump_seed(path) for path in SEEDS}


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(dump_all(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
