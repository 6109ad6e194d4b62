"""`guide-assistant check` (申报资格自查) and `guide-assistant calendar` (日程), registered on the CLI app."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli_app import app, console, err
from assistant.cli_app import settings_or_exit as _settings
from index.errors import GuideAssistantError

_STYLE = {"可以牵头": "green", "可以参与": "cyan", "不符合": "red", "需人工确认": "yellow"}


def _guides():
    from assistant.current import current_guides

    try:
        return current_guides(_settings())
    except GuideAssistantError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None


@app.command("check")
def check_cmd(
    profile: Annotated[Path, typer.Option("--profile", help="TOML file: unit_type, hospital_grade, region, …")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdicts as JSON.")] = False,
) -> None:
    """申报资格自查: every project of every guide → 可以牵头 / 可以参与 / 不符合 / 需人工确认, with the conditions cited."""
    from assistant.selfcheck import ProfileError, check, load_profile, results_json

    try:
        who = load_profile(profile)
    except ProfileError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    from assistant.deadlines import today_from

    results = check(who, _guides(), today_from(_settings().today))
    if as_json:
        sys.stdout.write(json.dumps(results_json(results), ensure_ascii=False) + "\n")
        return
    table = Table(title="申报资格自查")
    for column in ("指南", "项目", "结论", "依据"):
        table.add_column(column, overflow="fold")
    for r in results:
        title = r.guide_title + "".join(f"（{f}）" for f in r.flags)
        table.add_row(title, f"{r.project} {r.project_title}", r.verdict, r.reason, style=_STYLE[r.verdict])
    console.print(table)
    counts = {v: sum(r.verdict == v for r in results) for v in _STYLE}
    console.print("；".join(f"{v} {n} 项" for v, n in counts.items()))


@app.command("calendar")
def calendar_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print the events as JSON.")] = False,
    ics: Annotated[Path | None, typer.Option("--ics", help="Write the events to this .ics file.")] = None,
) -> None:
    """日程: every date in every guide, typed (网上填报截止, 推荐/审核截止, …), upcoming first."""
    from assistant.deadlines import calendar, events_json, to_ics, today_from, upcoming_first

    settings = _settings()
    events = calendar(_guides(), settings.guides_dir)
    if ics is not None:
        try:
            ics.write_bytes(to_ics(events))
        except (OSError, ValueError) as exc:
            err.print(f"[red]cannot write {ics}: {exc}[/red]")
            raise typer.Exit(1) from None
        err.print(f"{len(events)} events written to {ics}")
    if as_json:
        sys.stdout.write(json.dumps(events_json(events), ensure_ascii=False) + "\n")
        return
    if ics is not None:
        return
    today = today_from(settings.today)
    table = Table(title=f"申报指南日程（今天 {today.isoformat()}）")
    for column in ("日期", "类型", "指南", "行", "原文"):
        table.add_column(column, overflow="fold")
    for event, past in upcoming_first(events, today):
        title = event.guide_title + (
            "（征求意见稿）" if event.status == "draft" and "征求意见" not in event.guide_title else ""
        )
        lines = f"{event.lines[0]}" if event.lines[0] == event.lines[1] else f"{event.lines[0]}–{event.lines[1]}"
        table.add_row(event.when(), event.kind, title, lines, event.quote, style="dim" if past else None)
    console.print(table)
