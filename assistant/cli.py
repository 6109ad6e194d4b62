"""The `guide-assistant` command line. Thin: parse arguments, call library functions, print."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.settings import Settings
from index.errors import GuideAssistantError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="申报指南问答助手: answers about funding guides, with cited clauses.",
)
console = Console()
err = Console(stderr=True)


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic ValidationError: show the field and the fix
        err.print(f"[red]Invalid settings:[/red] {exc}")
        raise typer.Exit(2) from None


def run_ingest(settings: Settings, paths: list[Path] | None, quiet: bool = False):
    """Run an ingest with a progress bar; return the report."""
    from index.ingest import ingest

    with Progress(
        TextColumn("[bold]embedding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    ) as bar:
        task = bar.add_task("embed", total=None)

        def progress(advance: int, total: int) -> None:
            bar.update(task, total=total, advance=advance)

        return ingest(settings.data_dir, settings.guides_dir, settings.embedding, settings.chroma_url, paths, progress)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to add or update (default: sync with GUIDES_DIR).")
    ] = None,
) -> None:
    """Build or update the index from guide files; report what the parser found per guide."""
    settings = _settings()
    try:
        report = run_ingest(settings, paths or None)
    except GuideAssistantError as exc:
        err.print(f"[red]ingest failed:[/red] {exc}")
        raise typer.Exit(1) from None
    table = Table(title="Guides")
    for column in ("file", "guide", "status", "sections", "projects", "clauses", "warnings"):
        table.add_column(column)
    for f in report.files:
        detail = f.error or "; ".join(f.warnings)
        style = "red" if f.status == "failed" else None
        table.add_row(
            f.source, f.guide_id, f.status, str(f.sections), str(f.projects), str(f.clauses), detail, style=style
        )
    console.print(table)
    if report.changed:
        console.print(
            f"index {report.generation}: {report.chunks} chunks, {report.embedded} embedded, "
            f"{report.reused} from cache, {report.seconds:.1f} s"
        )
    else:
        console.print(f"nothing changed, index {report.generation} kept ({report.seconds:.2f} s)")
    for f in report.failed:
        err.print(f"[red]could not read {f.source}:[/red] {f.error}")
    raise typer.Exit(1 if report.failed else 0)


@app.command("guides")
def guides_cmd(as_json: Annotated[bool, typer.Option("--json", help="Print the catalog as JSON.")] = False) -> None:
    """Show the catalog: guides, their sections, projects and clauses."""
    from index.ingest import read_snapshot

    settings = _settings()
    try:
        snapshot = read_snapshot(settings.index_dir)
    except GuideAssistantError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    if as_json:
        payload = {"guides": [g.model_dump(mode="json") for g in snapshot.guides]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Catalog ({snapshot.generation})")
    for column in ("id", "title", "issuer", "year", "status", "sections", "projects", "clauses"):
        table.add_column(column)
    for g in snapshot.guides:
        table.add_row(
            g.id,
            g.title,
            g.issuer,
            str(g.year or ""),
            g.status,
            str(len(g.notice_sections())),
            str(len(g.projects)),
            str(g.clause_count),
        )
    console.print(table)


if __name__ == "__main__":
    app()
