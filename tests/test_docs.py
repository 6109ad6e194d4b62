"""The README cannot drift from the code: settings table, set-up commands, CI."""

from __future__ import annotations

import re

from assistant.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_settings_table_matches_settings_class():
    rows = re.findall(r"^\| `GUIDE_ASSISTANT_(\w+)` \| `([^`]*)` \| (.+?) \|$", README, re.M)
    documented = {name.lower(): (default, text) for name, default, text in rows}
    fields = Settings.model_fields
    assert set(documented) == set(fields)
    for name, field in fields.items():
        default, text = documented[name]
        assert default == str(field.default), name
        assert text == field.description, name


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in README and "<!-- test-command -->" in ci
    command = README.split("<!-- test-command -->")[1].strip().splitlines()[0].strip()
    assert command.endswith("python -m pytest")
    assert "torch==2.13.0" in command
