"""The Typer app every command module registers on, and the consoles and settings they share."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

from assistant.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="申报指南问答助手: answers about funding guides, with cited clauses.",
)
console = Console()
err = Console(stderr=True)


def settings_or_exit() -> Settings:
    """The settings, or exit 2 with the invalid field and its fix."""
    try:
        return Settings()
    except Exception as exc:  # pydantic ValidationError: show the field and the fix
        err.print(f"[red]Invalid settings:[/red] {exc}")
        raise typer.Exit(2) from None


def fail(what: str, exc: Exception, code: int = 1) -> NoReturn:
    """Print an error (its text as is: no rich markup read into it) and exit with code."""
    err.print(f"{what}: {exc}" if what else str(exc), style="red", markup=False, highlight=False)
    raise typer.Exit(code)
