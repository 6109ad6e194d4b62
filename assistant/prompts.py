"""Prompts are text files in the prompts package, loaded by name and rendered strictly."""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template

PACKAGE = "prompts"


@cache
def load(name: str) -> str:
    """The text of prompts/<name>.txt (trailing white space removed)."""
    path = resources.files(PACKAGE).joinpath(f"{name}.txt")
    if not path.is_file():
        raise FileNotFoundError(
            f"no prompt named {name!r}: expected {PACKAGE}/{name}.txt (known: {', '.join(names())})"
        )
    return path.read_text(encoding="utf-8").rstrip()


def names() -> list[str]:
    """Names of the bundled prompts."""
    return sorted(p.name[:-4] for p in resources.files(PACKAGE).iterdir() if p.name.endswith(".txt"))


def variables(name: str) -> set[str]:
    """The $variables prompts/<name>.txt expects."""
    return set(Template(load(name)).get_identifiers())


def render(name: str, **values: str) -> str:
    """prompts/<name>.txt with its $variables filled; a missing or unexpected variable raises KeyError."""
    expected = variables(name)
    missing = sorted(expected - values.keys())
    unexpected = sorted(values.keys() - expected)
    if missing or unexpected:
        raise KeyError(f"prompt {name!r}: missing variables {missing}, unexpected variables {unexpected}")
    return Template(load(name)).substitute(values)
