"""The five seeds parse exactly as they did before the layout families: labels, titles, clauses, spans, texts."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEEDS
from tests.index.seed_dump import SNAPSHOT, dump_seed

EXPECTED = json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_parses_as_recorded(path):
    assert dump_seed(path) == EXPECTED[path.name]
