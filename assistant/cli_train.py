"""`guide-assistant train`: rebuild the question classifiers from evals/labels and report leave-guides-out accuracy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli_app import app, console, err


@app.command("train")
def train_cmd(
    labels: Annotated[Path | None, typer.Option(help="Folder of labelled .jsonl files (default evals/labels).")] = None,
    folds: Annotated[int, typer.Option(help="Folds of guides held out for the accuracy report.")] = 5,
    evaluate_only: Annotated[bool, typer.Option("--evaluate-only", help="Report accuracy; write no weights.")] = False,
) -> None:
    """Train the question classifiers on labelled questions; print accuracy with whole guides held out."""
    from assistant.learn import LABELS_DIR, SHIPPED, TASKS, WEIGHTS_DIR, label_counts, leave_guides_out, load_labels

    try:
        items = load_labels(labels or LABELS_DIR)
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    if not items:
        err.print(f"[red]no labelled questions in {labels or LABELS_DIR}[/red]")
        raise typer.Exit(1)
    guides = {str(i.get("guide")) for i in items}
    console.print(f"{len(items)} labelled questions over {len(guides - {'None'})} guides")
    table = Table("task", "labels", "leave-guides-out accuracy", "questions", "worst guide")
    for task in TASKS:
        result = leave_guides_out(items, task, folds)
        worst = min(result.per_guide.items(), key=lambda kv: kv[1]) if result.per_guide else ("–", 0.0)
        table.add_row(
            task,
            str(len(label_counts(items)[task])),
            f"{result.accuracy:.1%}",
            str(result.questions),
            f"{worst[0]} {worst[1]:.0%}",
        )
    console.print(table)
    from assistant.learn_clause import clause_leave_guides_out, clause_rows, labelled_guides

    data = clause_rows(items, labelled_guides({str(i.get("guide")) for i in items}))
    held = clause_leave_guides_out(data, folds)
    console.print(
        f"clause scorer: {held.questions} questions naming one project, {held.guides} guides; leave-guides-out "
        f"top clause right {held.scorer:.1%} (the kind words alone: {held.rule:.1%})"
    )
    if not evaluate_only:
        from assistant.learn import train
        from assistant.learn_clause import train_clause_scorer

        train(items)
        train_clause_scorer(data, held)
        console.print(f"wrote {', '.join(f'{t}.json' for t in SHIPPED)}, clause.json to {WEIGHTS_DIR}")
