"""The `guide-assistant` command line. Thin: parse arguments, call library functions, print."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr, ValidationError
from rich.cells import cell_len
from rich.measure import Measurement
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.settings import Settings
from index.errors import BadQuestionError, GuideAssistantError

if TYPE_CHECKING:
    from index.ingest import IngestReport

from assistant.cli_app import app, console, err
from assistant.cli_app import fail as _fail
from assistant.cli_app import settings_or_exit as _settings


def run_ingest(settings: Settings, paths: list[Path] | None, quiet: bool = False, wait: float | None = None):
    """Run an ingest with a progress bar (waiting up to `wait` s for another ingest's lock); return the report."""
    from index.ingest import DEFAULT_WAIT, ingest

    wait = DEFAULT_WAIT if wait is None else wait

    def waiting() -> None:
        err.print(f"another ingest is writing {settings.data_dir}: waiting up to {wait:g} s for it to finish …")

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

        return ingest(
            settings.data_dir,
            settings.guides_dir,
            settings.embedding,
            settings.chroma_url,
            paths,
            progress,
            embed_threads=settings.embed_threads,
            wait=wait,
            on_wait=waiting,
        )


INGEST_COLUMNS = ("file", "guide", "status", "sections", "projects", "clauses", "per unit", "unassigned")
SECTIONS_ONLY = "SECTIONS ONLY: no projects recognised, answers can only quote the notice"


def _quality_cells(f) -> list[str]:
    """Clauses per unit and the share of text in no unit or notice section, from the parser's quality record."""
    q = f.quality
    if q is None:
        return ["", ""]
    return [f"{q.clauses_per_unit:g}" if q.units else "-", f"{q.unassigned_share:.0%}"]


def _ingest_table(report: IngestReport) -> Table:
    """Return the per-file ingest table: every column but the warnings keeps its cells whole on one line."""
    rows = [
        [f.source, f.guide_id, f.status, str(f.sections), str(f.projects), str(f.clauses), *_quality_cells(f)]
        for f in report.files
    ]
    table = Table(title="Guides")
    for i, name in enumerate(INGEST_COLUMNS):
        table.add_column(name, no_wrap=True, min_width=max(cell_len(value) for value in [name, *(r[i] for r in rows)]))
    table.add_column("warnings", min_width=20)
    for cells, f in zip(rows, report.files, strict=True):
        sections_only = f.quality is not None and f.quality.sections_only
        warnings = [SECTIONS_ONLY] if sections_only else []
        warnings += [w for w in f.warnings if not (sections_only and w.startswith("no projects recognised"))]
        style = "red" if f.status == "failed" else ("bold red" if sections_only else None)
        table.add_row(*cells, f.error or "; ".join(warnings), style=style)
    return table


def _print_unsqueezed(table: Table) -> None:
    """Print a table no narrower than its columns' minimum, wider than a narrow terminal rather than cut."""
    needed = Measurement.get(console, console.options.update_width(10_000), table).minimum
    if needed > console.width:
        table.width = needed  # a fixed width also expands the table, so only set it when the terminal is narrow
    console.print(table, crop=False)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to add or update (default: sync with GUIDES_DIR).")
    ] = None,
    wait: Annotated[
        float, typer.Option("--wait", min=0, help="Seconds to wait for another ingest on DATA_DIR, then exit 1.")
    ] = 30.0,
) -> None:
    """Build or update the index from guide files; report what the parser found per guide."""
    settings = _settings()
    try:
        report = run_ingest(settings, paths or None, wait=wait)
    except GuideAssistantError as exc:
        _fail("ingest failed", exc)
    _print_unsqueezed(_ingest_table(report))
    for problem in report.damage:
        err.print(f"index damaged: {problem}", style="yellow", markup=False, highlight=False, soft_wrap=True)
    if report.changed:
        repaired = "repaired: " if report.damage else ""
        console.print(
            f"{repaired}index {report.generation}: {report.chunks} chunks, {report.embedded} embedded, "
            f"{report.reused} from cache, {report.seconds:.1f} s",
            markup=False,
        )
    elif report.damage:
        console.print("index damaged and not rebuilt: none of the files could be read", markup=False)
    elif report.generation is None:
        console.print("no index built: none of the files could be read")
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
        _fail("", exc)
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


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(answer.model_dump_json() + "\n")
        return
    sys.stdout.write(answer.answer + "\n")  # plain: rich would re-wrap the quoted lines
    if answer.notice:
        err.print(answer.notice)


@app.command("ask")
def ask_cmd(
    question: Annotated[str | None, typer.Argument(help="The question, in Chinese or English.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer JSON.")] = False,
    guide: Annotated[str | None, typer.Option("--guide", help="Only this guide id.")] = None,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help='JSONL file of {"id","question","history"}; one answer JSON per line out.'),
    ] = None,
) -> None:
    """Answer a question with the quoted clause and its citation. Exit 0 answered or refused, 2 bad input."""
    from assistant.assistant import Assistant

    settings = _settings()
    if batch is None and question is None:
        err.print("问题不能为空，请输入您想咨询的内容。")
        raise typer.Exit(2)
    try:
        assistant = Assistant.from_settings(settings)
    except GuideAssistantError as exc:
        _fail("", exc)
    if guide is not None and guide not in assistant.guides:
        sys.stderr.write(f"未知的指南 ID“{guide}”。可用的 ID：{'、'.join(sorted(assistant.guides))}\n")
        raise typer.Exit(2)
    if batch is not None:
        raise typer.Exit(_ask_batch(assistant, batch, guide))
    try:
        answer = assistant.ask(question or "", guide_id=guide)
    except BadQuestionError as exc:
        err.print(str(exc))
        raise typer.Exit(2) from None
    _print_answer(answer, as_json)


class BatchItem(BaseModel):
    """One line of an `ask --batch` file."""

    model_config = ConfigDict(extra="ignore")

    id: StrictStr | StrictInt | None = None
    question: StrictStr
    history: list[tuple[StrictStr, StrictStr]] | None = None


def _batch_error(exc: Exception) -> str:
    """A short Chinese reason for a bad batch line."""
    if isinstance(exc, json.JSONDecodeError):
        return f"该行不是有效的 JSON（第{exc.colno}列：{exc.msg}）。"
    if isinstance(exc, ValidationError):
        fields = "；".join(
            f"{'.'.join(str(p) for p in e['loc']) or '整行'}：{e['msg']}" for e in exc.errors(include_url=False)[:3]
        )
        return f'该行格式不对（需要 {{"id", "question": 文字, "history": [[问, 答], ...]}}）：{fields}'
    if isinstance(exc, BadQuestionError):
        return str(exc)
    return f"回答该行时出错（{type(exc).__name__}: {exc}）。"


def _ask_batch(assistant, path: Path, guide: str | None) -> int:
    """Answer every line of a JSONL file; report bad lines on stderr and go on; return the exit code."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"无法读取 {path}：{exc}\n")
        return 2
    if not any(line.strip() for line in lines):
        sys.stderr.write(f'{path} 中没有问题（文件为空）：每行一个 {{"id", "question", "history"}}。\n')
        return 2
    failed = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item_id: str | int | None = number
        try:
            raw = json.loads(line)
            if isinstance(raw, dict) and isinstance(raw.get("id"), str | int):
                item_id = raw["id"]
            item = BatchItem.model_validate(raw)
            answer = assistant.ask(item.question, [list(turn) for turn in item.history or []], guide_id=guide)
            payload = {"id": item_id, **answer.model_dump(mode="json")}
        except Exception as exc:  # one bad line must not end the batch: report it and go on
            reason = _batch_error(exc)
            sys.stderr.write(f"{path}:{number}: {reason}\n")  # one plain line per bad line: grep-able
            payload, failed = {"id": item_id, "error": reason}, failed + 1
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if failed:
        sys.stderr.write(f"{failed} line(s) of {path} failed (see above).\n")
    return 1 if failed else 0


@app.command("eval")
def eval_cmd(
    questions: Annotated[
        Path | None, typer.Option("--questions", help="Facts JSONL (default evals/facts.jsonl).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for report.json, report.md, chart.png.")] = Path(
        "eval-out"
    ),
    min_accuracy: Annotated[
        float | None, typer.Option("--min-accuracy", help="Fail below this answer accuracy.")
    ] = None,
    mode: Annotated[
        str, typer.Option("--mode", help="extractive or llm (llm also runs extractive beside it).")
    ] = "extractive",
    gate: Annotated[Path | None, typer.Option("--gate", help="TOML thresholds (default evals/gate.toml).")] = None,
    baseline: Annotated[
        bool, typer.Option("--baseline/--no-baseline", help="Run the naive-RAG baseline beside.")
    ] = True,
) -> None:
    """Run the known facts through the assistant and the baseline; exit 1 below the thresholds."""
    from evals.runner import DEFAULT_FACTS, DEFAULT_GATE, check_gate, load_gate, run_eval

    settings = _settings()
    if mode not in ("extractive", "llm"):
        err.print("--mode must be extractive or llm")
        raise typer.Exit(2)
    try:
        summary = run_eval(settings, questions or DEFAULT_FACTS, out, mode, baseline, both_modes=mode == "llm")
    except (GuideAssistantError, ValueError, OSError) as exc:
        err.print(f"[red]eval failed:[/red] {exc}")
        raise typer.Exit(1) from None
    table = Table(title="Eval")
    metrics = [
        "accuracy",
        "citation_accuracy",
        "refusal_accuracy",
        "grounding_rate",
        "recall_at_5",
        "latency_p50_ms",
        "latency_p95_ms",
    ]
    table.add_column("metric")
    for name in summary:
        table.add_column(name)
    for m in metrics:
        table.add_row(m, *[str(summary[n]["summary"][m]) for n in summary])
    console.print(table)
    console.print(f"reports in {out}/ (report.md, report.json, chart.png)")
    thresholds = load_gate(gate or DEFAULT_GATE)
    if min_accuracy is not None:
        thresholds["min_accuracy"] = min_accuracy
    first = next(iter(summary.values()))["summary"]
    failures = check_gate(first, thresholds)
    for f in failures:
        err.print(f"[red]below threshold:[/red] {f}")
    raise typer.Exit(1 if failures else 0)


@app.command("bench")
def bench_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    scale: Annotated[int, typer.Option("--scale", min=1, help="Copies of the five guides in a synthetic corpus.")] = 1,
) -> None:
    """Measure ingest time, answer latency, throughput and serving memory on this machine."""
    from assistant.bench import run_bench

    settings = _settings()
    try:
        figures = run_bench(settings, scale=scale, progress=not as_json)
    except GuideAssistantError as exc:
        err.print(f"[red]bench failed:[/red] {exc}")
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Benchmark (scale {scale}×)")
    table.add_column("measure")
    table.add_column("value")
    for key, value in figures.items():
        table.add_row(key, str(value))
    console.print(table)


@app.command("serve")
def serve_cmd(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default GUIDE_ASSISTANT_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default GUIDE_ASSISTANT_PORT).")] = None,
) -> None:
    """Serve the web app (咨询 chat, 查询 lookup, 指南 catalog); builds the index first if there is none."""
    settings = _settings()
    if host:
        settings.host = host
    if port:
        settings.port = port
    from assistant.server import serve
    from index.errors import GuidesFolderError

    try:
        serve(settings)
    except GuidesFolderError as exc:  # no index, and nothing to build one from
        err.print(f"[red]ingest failed:[/red] {exc}")
        raise typer.Exit(1) from None
    except GuideAssistantError as exc:
        _fail("", exc)


import assistant.cli_calendar  # noqa: E402  registers `check` and `calendar`
import assistant.cli_train  # noqa: E402, F401  registers `train`

if __name__ == "__main__":
    app()
