"""The 自查 (eligibility self-check) and 日程 (deadline calendar) tabs of the web app.

Thin adapters: verdicts come from assistant.selfcheck, events from assistant.deadlines; this module
turns them into a form, a sortable table with CSV export, and an HTML agenda with an .ics download.
"""

from __future__ import annotations

import html
import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.conditions_vocab import condition_vocab
from assistant.deadlines import calendar, to_ics, today_from, upcoming_first
from assistant.selfcheck import CheckResult, ProfileError, check, profile_from_dict
from assistant.settings import Settings
from assistant.web_lookup import write_csv

log = logging.getLogger(__name__)

CHECK_HEADERS = ["指南", "项目", "项目名称", "结论", "依据", "条件（✓满足 ✗不满足 ?待确认）"]
NOT_GIVEN = "（不填）"
_MARK = {True: "✓", False: "✗", None: "?"}
_VERDICT_CLASS = {"可以牵头": "v-lead", "可以参与": "v-join", "不符合": "v-no", "需人工确认": "v-ask"}

TABS_CSS = """
#agenda table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
#agenda th, #agenda td { border-bottom: 1px solid var(--border-color-primary); padding: 6px 8px; text-align: left;
  vertical-align: top; }
#agenda td.when, #agenda td.kind { white-space: nowrap; }
#agenda tr.past td { color: var(--body-text-color-subdued); opacity: 0.55; }
#agenda tr.deadline td.kind { font-weight: 600; color: var(--color-accent); }
#agenda .draft { display: inline-block; margin-left: 4px; padding: 0 6px; border-radius: 8px; font-size: 0.8em;
  background: #fff3cd; color: #7a5b00; border: 1px solid #e6c65c; }
#agenda .today { font-weight: 600; }
"""


def _lines(lines: tuple[int, int] | None) -> str:
    if lines is None:
        return "未写明"
    return f"第{lines[0]}行" if lines[0] == lines[1] else f"第{lines[0]}–{lines[1]}行"


def result_row(r: CheckResult) -> list[str]:
    """One table row: guide, project, title, verdict, reason, the deciding conditions with marks and lines."""
    deciding = [c for c in r.conditions if c.binding]
    conditions = "；".join(f"{_MARK[c.met]}{c.text}（{_lines(c.lines)}）" for c in deciding)
    title = r.guide_title + "".join(f"（{f}）" for f in r.flags)
    return [title, r.project, r.project_title, r.verdict, r.reason, conditions]


def result_markdown(r: CheckResult) -> str:
    """Every condition of one project, quoted and cited."""
    flags = "".join(f"（{f}）" for f in r.flags)
    out = [f"#### {r.project}「{r.project_title}」：{r.verdict}", f"《{r.guide_title}》{flags}", "", r.reason, ""]
    for c in r.conditions:
        where = f"{c.project or '通知'} · {c.clause} · {_lines(c.lines)}" if c.lines else "指南未写明"
        role = "" if c.binding else "（不影响结论）"
        out.append(f"- {_MARK[c.met]} **{c.text}**{role}  \n  > {c.quote or '（指南未写明）'}  \n  {where}")
    return "\n".join(out)


def _profile(unit, grade, region, birth, title, held, partners) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in (("unit_type", unit), ("hospital_grade", grade), ("title", title)):
        if value and value != NOT_GIVEN:
            data[key] = value
    if (region or "").strip():
        data["region"] = region.strip()
    if (birth or "").strip():
        data["pi_birth_date"] = birth.strip()
    if str(held or "").strip():
        data["projects_held"] = str(held).strip()
    if (partners or "").strip():
        data["partners"] = [p.strip() for p in partners.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    return data


def agenda_html(settings: Settings, guides: list) -> str:
    """The agenda: upcoming dates first, past ones greyed, drafts marked, deadlines in bold."""
    today = today_from(settings.today)
    events = calendar(guides, settings.guides_dir)
    rows = []
    for event, past in upcoming_first(events, today):
        classes = " ".join(c for c in ("past" if past else "upcoming", "deadline" if event.deadline else "") if c)
        draft = '<span class="draft">征求意见稿</span>' if event.status == "draft" else ""
        rows.append(
            f'<tr class="{classes}"><td class="when">{html.escape(event.when())}</td><td class="kind">{html.escape(event.kind)}</td>'
            f"<td>{html.escape(event.guide_title)}{draft}</td><td>{_lines(event.lines)}</td>"
            f"<td>{html.escape(event.quote)}</td></tr>"
        )
    upcoming = sum(1 for e in events if e.date >= today)
    head = (
        f'<p class="today">今天：{today.isoformat()}。共 {len(events)} 个日期，'
        f"其中 {upcoming} 个在今天或以后（排在前面）；已过的日期显示为灰色。</p>"
    )
    table = "<table><thead><tr><th>日期</th><th>类型</th><th>指南</th><th>行</th><th>原文</th></tr></thead>"
    return head + table + "<tbody>" + "".join(rows) + "</tbody></table>"


def build_tabs(app: gr.Blocks, assistant: Any, settings: Settings) -> None:
    """Add the 自查 and 日程 tabs to the Blocks being built (call inside `with gr.Tabs():`)."""
    vocab = condition_vocab()
    private: dict[str, Any] = {"api_visibility": "private"}

    def run_check(unit, grade, region, birth, title, held, partners):
        try:
            profile = profile_from_dict(_profile(unit, grade, region, birth, title, held, partners))
        except ProfileError as exc:
            return pd.DataFrame([], columns=CHECK_HEADERS), [], str(exc).split(" (")[0], None
        results = check(profile, list(assistant.guides.values()), today_from(settings.today))
        rows = [result_row(r) for r in results]
        counts = "；".join(f"{v} {sum(r.verdict == v for r in results)} 项" for v in _VERDICT_CLASS)
        status = f"共 {len(results)} 个项目：{counts}。点击一行查看该项目的全部条件及原文；点击表头可排序。"
        try:
            path = str(write_csv(CHECK_HEADERS, rows, "申报资格自查"))
        except OSError:
            log.exception("cannot write the self-check CSV")
            path = None
        return pd.DataFrame(rows, columns=CHECK_HEADERS), [r.model_dump(mode="json") for r in results], status, path

    def show(results: list, evt: gr.SelectData) -> str:
        shown = list(evt.row_value or [])
        for data in results or []:
            r = CheckResult.model_validate(data)
            if shown[:2] == [result_row(r)[0], r.project]:
                return result_markdown(r)
        return gr.skip()

    def agenda():
        guides = list(assistant.guides.values())
        try:
            body = agenda_html(settings, guides)
            folder = Path(tempfile.mkdtemp(prefix="guide-assistant-"))
            path = folder / "申报指南日程.ics"
            path.write_bytes(to_ics(calendar(guides, settings.guides_dir)))
        except Exception:
            log.exception("the calendar failed")
            return "日程暂时无法生成，请稍后再试。", None
        return body, str(path)

    with gr.Tab("自查", id="selfcheck"):
        gr.Markdown("填写单位和项目负责人情况，逐项对照每个项目的申报条件。不确定的条件一律判为“需人工确认”。")
        with gr.Row():
            unit = gr.Dropdown([NOT_GIVEN, *vocab.units], value=NOT_GIVEN, label="单位类型", elem_id="sc-unit")
            grade = gr.Dropdown([NOT_GIVEN, *vocab.grades.order], value=NOT_GIVEN, label="医院等级", elem_id="sc-grade")
            region = gr.Textbox(label="注册地", placeholder="如：重庆市沙坪坝区", elem_id="sc-region")
            birth = gr.Textbox(label="负责人出生日期", placeholder="如：1978-05-01", elem_id="sc-birth")
        with gr.Row():
            titles = [NOT_GIVEN, *vocab.titles]
            title = gr.Dropdown(titles, value=NOT_GIVEN, label="负责人职称", elem_id="sc-title")
            held = gr.Textbox(label="负责人在研项目数", placeholder="不填 = 未知；没有填 0", elem_id="sc-held")
            partners = gr.Textbox(
                label="合作单位（逗号分隔）", placeholder="如：三级甲等医院, 企业", elem_id="sc-partners"
            )
            run = gr.Button("开始自查", variant="primary", elem_id="sc-run")
        status = gr.Markdown(elem_id="sc-status")
        table = gr.Dataframe(
            headers=CHECK_HEADERS,
            interactive=False,
            wrap=True,
            max_height=460,
            column_widths=["17%", "7%", "16%", "9%", "21%", "30%"],
            elem_id="sc-results",
        )
        results = gr.State([])
        download = gr.DownloadButton("导出 CSV", elem_id="sc-csv")
        detail = gr.Markdown("点击上表中的一行，在这里查看该项目的全部条件及原文。", elem_id="sc-detail")
        inputs = [unit, grade, region, birth, title, held, partners]
        run.click(run_check, inputs, [table, results, status, download], **private)
        table.select(show, results, detail, **private)

    with gr.Tab("日程", id="calendar"):
        gr.Markdown("各指南中的全部日期：截止时间加粗，征求意见稿有标记，已过的日期为灰色。")
        body = gr.HTML(elem_id="agenda")
        ics = gr.DownloadButton("导出日历（.ics）", elem_id="cal-ics")
        refresh = gr.Button("刷新", size="sm", elem_id="cal-refresh")
        refresh.click(agenda, None, [body, ics], **private)
    app.load(agenda, None, [body, ics], **private)  # on each page load: follows new index generations
