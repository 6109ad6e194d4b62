"""The Gradio web app: 咨询 (chat), 查询 (clause lookup for hotline staff), 指南 (catalog), and the /ask API.

A thin adapter: every answer comes from `Assistant.ask` (or the LLM's stream); this module only turns
answers into chat messages and tables, and errors into short Chinese messages, never tracebacks.
"""

# No `from __future__ import annotations`: gr.api reads the /ask endpoint's types from real annotations.

import fcntl
import html
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr
import pandas as pd

from assistant.assistant import Assistant
from assistant.limits import RateLimiter
from assistant.live import LiveAssistant
from assistant.models import Answer
from assistant.settings import Settings
from assistant.web_compare import COMPARE_HEADERS, comparison_rows
from assistant.web_lookup import (
    ALL,
    CATALOG_HEADERS,
    CLAUSE_HEADERS,
    CLAUSE_KINDS,
    all_examples,
    catalog_rows,
    chunk_row,
    example_questions,
    find_clauses,
    gaps_markdown,
    project_html,
    section_html,
    write_csv,
)
from assistant.web_page import CSS, THEME, launch_options  # noqa: F401  (CSS, THEME: re-exported)
from assistant.web_render import answer_message, message_html, question_bubble, stream_steps, strip_sources
from assistant.web_source import SourceView
from assistant.web_tabs import build_tabs
from index.errors import BadQuestionError

log = logging.getLogger(__name__)

ALL_GUIDES = "__all__"
STEP_DELAY = 0.03  # seconds between streamed sentences of an extractive answer
SYSTEM_ERROR = "抱歉，系统暂时出错，请稍后再试；如急需答复，请拨打指南中列出的咨询电话。"
HISTORY_ERROR = "对话历史格式不正确，应为 [[问题, 回答], ...]。"
MAX_SAVED_TURNS = 40  # turns kept in the browser across reloads
SHOWN_COMPARE = [*COMPARE_HEADERS[:8], "行号"]  # the table on the page; the CSV adds 指南 and 文件
NO_RESULTS = (
    "没有找到与“{query}”相关的条款。可以换一个关键词或减少关键词，或把“指南”设为全部指南、“条款类别”设为全部后再查。"
)
PLACEHOLDER = (
    "**您好！我可以回答申报指南中的问题**，例如资助金额、实施周期、申报条件、截止时间、联系方式。"
    "每个回答都会引用指南原文条款。"
)


class FeedbackRefusedError(Exception):
    """A vote not recorded: the client voted too often, or the feedback file is full (message in Chinese)."""


class FeedbackLog:
    """Appends 👍/👎 votes as JSON lines; locked so votes from threads and serve processes never interleave.

    At most votes_per_minute votes per client address, and nothing once the file holds max_bytes.
    """

    def __init__(self, path: Path, votes_per_minute: int = 10, max_bytes: int = 50 * 2**20) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.limiter = RateLimiter(votes_per_minute, window=60.0)
        self._lock = threading.Lock()

    def append(self, record: dict[str, Any], client: str = "") -> None:
        """Write one record as a line of JSON; FeedbackRefusedError when the client or the file is over its cap."""
        line = json.dumps(record, ensure_ascii=False) + "\n"
        if not self.limiter.allow(client):
            raise FeedbackRefusedError("您的反馈提交过于频繁，请稍后再试。")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)  # other serve processes append to the same file
                if fh.seek(0, os.SEEK_END) + len(line.encode("utf-8")) > self.max_bytes:
                    raise FeedbackRefusedError("反馈记录已满，暂时无法保存您的反馈，谢谢您的支持。")
                fh.write(line)
                fh.flush()


def parse_history(history: Any) -> list[list[str]]:
    """[[question, answer], ...] from the API's JSON; raise BadQuestionError when it is malformed."""
    if history in (None, "", []):
        return []
    if isinstance(history, str):
        try:
            history = json.loads(history)
        except json.JSONDecodeError:
            raise BadQuestionError(HISTORY_ERROR) from None
    if not isinstance(history, list):
        raise BadQuestionError(HISTORY_ERROR)
    turns = []
    for turn in history:
        if not (isinstance(turn, list | tuple) and len(turn) == 2 and all(isinstance(t, str) for t in turn)):
            raise BadQuestionError(HISTORY_ERROR)
        turns.append([turn[0], turn[1]])
    return turns


def answer_stream(
    assistant: Assistant, question: str, history: list[list[str]], guide_id: str | None
) -> Iterator[str | Answer]:
    """Growing answer texts, then the final Answer: the LLM's own stream when it has one, else by sentences."""
    stream = getattr(assistant.llm, "stream", None) if assistant.llm is not None else None
    clarify = getattr(assistant, "clarify", None)
    if callable(stream) and callable(clarify) and (asking := clarify(assistant.validate(question), guide_id)):
        yield asking
        return
    if callable(stream):
        started = time.perf_counter()
        cleaned = assistant.validate(question)
        text, final = "", None
        for piece in stream(cleaned, history, guide_id):
            if isinstance(piece, Answer):
                final = piece
            else:
                text += str(piece)
                yield text
        final = final or Answer(answer=text, mode="llm")
        final.latency_ms = final.latency_ms or round((time.perf_counter() - started) * 1000, 2)
        yield final
        return
    answer = assistant.ask(question, history=history, guide_id=guide_id)
    for step in stream_steps(strip_sources(answer.answer)):
        yield step
        time.sleep(STEP_DELAY)
    yield answer


def _guide_choices(assistant: Assistant, with_all: bool = True) -> list[tuple[str, str]]:
    choices = [(g.title, g.id) for g in assistant.guides.values()]
    return [("全部指南", ALL_GUIDES), *choices] if with_all else choices


def _guide_id(value: str | None) -> str | None:
    return None if value in (None, "", ALL_GUIDES) else value


def _frame(headers: list[str], rows: list[list[Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def _history(records: list, scope: str | None) -> list[list[str]]:
    """[[question, answer], ...] of the turns a new question may follow up on.

    Under 全部指南, turns asked under a selected guide are left out: the conversation must not keep a guide
    in scope that the selector no longer shows. Questions that asked which guide is meant carry nothing.
    """
    turns = [r for r in records or [] if isinstance(r, dict) and isinstance(r.get("answer"), dict)]
    if scope is None:
        turns = [t for t in turns if not t.get("guide")]
    return [[t["question"], t["answer"].get("answer", "")] for t in turns if not t["answer"].get("clarify")]


def build_app(assistant: Assistant | LiveAssistant, settings: Settings, feedback_path: Path | None = None) -> gr.Blocks:
    """The web app around an opened Assistant; votes go to feedback_path (default DATA_DIR/feedback.jsonl)."""
    feedback = FeedbackLog(
        feedback_path or settings.data_dir / "feedback.jsonl",
        settings.votes_per_minute,
        int(settings.feedback_max_mb * 2**20),
    )
    sources = SourceView(settings.guides_dir)
    guides = list(assistant.guides.values())
    compared = [g for g in guides if g.projects]
    csv_paths: dict[str, str] = {}  # guide id:content hash → CSV file
    csv_lock = threading.Lock()

    def examples_for(choice: str | None) -> list[str]:
        gid = _guide_id(choice)
        guides = assistant.guides
        return example_questions(guides[gid]) if gid in guides else all_examples(list(guides.values()))

    def context(citation) -> str:
        return sources.context_html(citation.source, citation.lines, citation.quote)

    def render_turn(turn: dict) -> str:
        """A saved turn as its chat message (re-rendered and escaped, whatever the browser kept)."""
        if isinstance(turn.get("answer"), dict):
            try:
                return answer_message(Answer.model_validate(turn["answer"]), context)
            except ValueError:
                return message_html("（这条回答无法显示）")
        return message_html(str(turn.get("error") or ""))

    # -- 咨询 ------------------------------------------------------------------------------
    def respond(message: str, chat: list, records: list, choice: str):
        """Stream one answer into the chat; errors become a short Chinese reply."""
        message = message if isinstance(message, str) else ""
        if not message.strip():
            yield gr.skip(), gr.skip(), "", gr.skip()
            return
        scope = _guide_id(choice)
        history = _history(records, scope)
        chat = [*(chat or []), {"role": "user", "content": question_bubble(message)}]
        records = [*(records or []), None]
        yield chat, records, "", gr.skip()
        turn: dict[str, Any] = {"question": message, "guide": scope}
        try:
            for step in answer_stream(assistant, message, history, scope):
                if isinstance(step, Answer):
                    answer = step
                else:
                    yield [*chat, {"role": "assistant", "content": message_html(step)}], records, "", gr.skip()
        except BadQuestionError as exc:
            turn["error"] = str(exc)
        except Exception:
            log.exception("answering %r failed", message[:200])
            turn["error"] = SYSTEM_ERROR
        else:
            turn["answer"] = answer.model_dump(mode="json")
        records = [*records, turn]
        yield [*chat, {"role": "assistant", "content": render_turn(turn)}], records, "", save(records)

    def save(records: list) -> list:
        """The turns to keep in the browser (the latest MAX_SAVED_TURNS)."""
        return [r for r in records or [] if isinstance(r, dict)][-MAX_SAVED_TURNS:]

    def restore(saved: Any):
        """The conversation kept in the browser, rendered again."""
        chat: list[dict] = []
        records: list = []
        for turn in saved if isinstance(saved, list) else []:
            if not (isinstance(turn, dict) and isinstance(turn.get("question"), str)):
                continue
            chat += [
                {"role": "user", "content": question_bubble(turn["question"])},
                {"role": "assistant", "content": render_turn(turn)},
            ]
            records += [None, turn]
        return chat, records

    def vote(records: list, data: gr.LikeData, request: gr.Request) -> None:
        """Append a 👍/👎 on an answer to the feedback log."""
        if data.liked not in (True, False):
            return  # a vote taken back
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        turn = records[index] if isinstance(index, int) and 0 <= index < len(records or []) else None
        if not (isinstance(turn, dict) and isinstance(turn.get("answer"), dict)):
            return
        try:
            feedback.append(
                {
                    "time": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "vote": "up" if data.liked else "down",
                    "question": turn["question"],
                    "answer": turn["answer"].get("answer", ""),
                    "citations": turn["answer"].get("citations", []),
                },
                client=getattr(request.client, "host", "") or "",
            )
        except FeedbackRefusedError as exc:
            gr.Warning(str(exc))
            return
        except OSError:
            log.exception("cannot write feedback to %s", feedback.path)
            gr.Warning("反馈未能保存，请稍后再试。", title="注意")
            return
        gr.Info("已记录您的反馈，谢谢！", title="提示")

    def pick_example(index: int | None, choice: str):
        questions = examples_for(choice)
        return questions[index] if isinstance(index, int) and 0 <= index < len(questions) else gr.skip()

    def choose(guide_id: str, records: list):
        """A guide picked from 'which guide?': select it and put the question asked back in the box."""
        for turn in reversed(records or []):
            options = (turn or {}).get("answer", {}).get("clarify") if isinstance(turn, dict) else None
            if options and any(o.get("guide_id") == guide_id for o in options) and guide_id in assistant.guides:
                return gr.Dropdown(value=guide_id), turn["question"]
        return gr.skip(), gr.skip()

    # -- 查询 ------------------------------------------------------------------------------
    def lookup(query: str, choice: str, kind: str):
        """Matching clauses as a table (and the keys of its rows), and a status line."""
        query = (query or "").strip()
        try:
            opened = assistant.current if isinstance(assistant, LiveAssistant) else assistant  # one generation
            chunks = find_clauses(opened.search, opened.snapshot.chunks, query, _guide_id(choice), kind)
        except Exception:
            log.exception("lookup %r failed", query)
            return _frame(CLAUSE_HEADERS, []), [], f"<p>{html.escape(SYSTEM_ERROR)}</p>"
        rows = [chunk_row(c, query) for c in chunks]
        keys = [
            [c.guide_id, c.project, c.clause, c.lines[0], c.lines[1], *r] for c, r in zip(chunks, rows, strict=True)
        ]
        if chunks:
            what = f"“{html.escape(query)}”的匹配条款（按相关度）" if query else "符合筛选条件的全部条款"
            status = f"<p>{what}：共 {len(chunks)} 条。点击一行查看整个项目。</p>"
        elif query:
            status = f'<p class="no-results"><strong>无结果。</strong>{html.escape(NO_RESULTS.format(query=query))}</p>'
        else:
            status = '<p class="no-results"><strong>无结果。</strong>这一类别在所选指南中没有条款。</p>'
        return _frame(CLAUSE_HEADERS, rows), keys, status

    def whole(gid: str, project: str, clause: str, first: int, last: int) -> str:
        guide = assistant.guides.get(gid)
        if guide is None:
            return "<p>该指南已不在索引中。</p>"
        return project_html(guide, project) if project else section_html(guide, clause, (first, last))

    def show_row(keys: list, evt: gr.SelectData) -> str:
        """The whole project (or notice section) of the selected row."""
        keys = keys or []
        shown = list(evt.row_value or [])
        key = next((k for k in keys if shown and k[5:] == shown), None)  # the row as shown, even when sorted
        if key is None:
            row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
            if not isinstance(row, int) or not 0 <= row < len(keys):
                return gr.skip()
            key = keys[row]
        return whole(*key[:5])

    def open_source(key: str):
        """查看整个项目 in a citation: the project (or notice section) on the 查询 tab."""
        parts = (key or "").split("|")
        if len(parts) != 5 or not parts[3].isdigit() or not parts[4].isdigit():
            return gr.skip(), gr.skip()
        return whole(parts[0], parts[1], parts[2], int(parts[3]), int(parts[4])), gr.Tabs(selected="lookup")

    def compare(choice: str):
        """The guide's projects side by side, and the same table as a CSV file to download."""
        guide = assistant.guides.get(choice)
        if guide is None:
            return _frame(SHOWN_COMPARE, []), None
        rows = comparison_rows(guide)
        with csv_lock:  # one file per version of a guide (a new index generation may change it)
            key = f"{guide.id}:{guide.content_hash}"
            path = csv_paths.get(key)
            if path is None:
                try:
                    path = csv_paths[key] = str(write_csv(COMPARE_HEADERS, rows, f"{guide.title}_项目对比"))
                except OSError:
                    log.exception("cannot write the comparison CSV")
                    gr.Warning("导出文件未能生成，请稍后再试。", title="注意")
        return _frame(SHOWN_COMPARE, [[*r[:8], r[-1]] for r in rows]), path

    def refresh():
        """The guide lists of the index open now (serve follows new index generations; a page gets them on load)."""
        current = list(assistant.guides.values())
        return (
            gr.Dropdown(choices=_guide_choices(assistant)),
            gr.Dropdown(choices=_guide_choices(assistant)),
            gr.Dropdown(choices=_guide_choices(assistant, with_all=False)),
            _frame(CATALOG_HEADERS, catalog_rows(current)),
            gaps_markdown(current),
        )

    # -- API -------------------------------------------------------------------------------
    def ask(question: str, history: list | None = None, guide_id: str | None = None) -> dict:
        """Answer a question about the guides: the answer JSON, or {"error": "<中文说明>"}."""
        try:
            turns = parse_history(history)
            if guide_id and guide_id not in assistant.guides:
                known = "、".join(assistant.guides)
                return {"error": f"没有编号为“{guide_id}”的指南。可用的指南编号：{known}。"}
            return assistant.ask(question, history=turns, guide_id=guide_id or None).model_dump(mode="json")
        except BadQuestionError as exc:
            return {"error": str(exc)}
        except Exception:
            log.exception("/ask failed")
            return {"error": SYSTEM_ERROR}

    with gr.Blocks(title="申报指南问答助手", analytics_enabled=False) as app:
        gr.Markdown(
            "## 申报指南问答助手\n依据已收录的申报指南原文作答，每个回答都注明出处（指南 · 项目 · 条款 · 行号）。"
        )
        with gr.Tabs() as tabs:
            with gr.Tab("咨询", id="chat"):
                guide = gr.Dropdown(_guide_choices(assistant), value=ALL_GUIDES, label="指南", elem_id="chat-guide")
                chatbot = gr.Chatbot(
                    label="对话",
                    height=520,
                    placeholder=PLACEHOLDER,
                    feedback_options=("Like", "Dislike"),
                    group_consecutive_messages=False,
                    buttons=[],
                    latex_delimiters=[],
                    render_markdown=False,  # messages are escaped HTML built by web_render …
                    sanitize_html=False,  # … so nothing is left to sanitise, and data-* attributes survive
                    elem_id="chat",
                )
                records = gr.State([])
                saved = gr.BrowserState([], storage_key="guide-assistant-chat")
                with gr.Row(equal_height=True, elem_id="ask-row"):
                    box = gr.Textbox(
                        placeholder="请输入您的问题，例如：项目十八的资助强度是多少？",
                        label="您的问题",
                        show_label=False,
                        scale=6,
                        max_lines=6,
                        elem_id="question",
                    )
                    send = gr.Button("发送", variant="primary", scale=1, min_width=60, elem_id="send")
                    clear = gr.Button("清空对话", scale=1, min_width=60, elem_id="clear-chat")
                examples = gr.Dataset(
                    components=["textbox"],
                    samples=[[q] for q in examples_for(ALL_GUIDES)],
                    type="index",
                    label="示例问题（随所选指南变化）",
                    headers=["示例问题"],
                    elem_id="examples",
                )
                with gr.Row(elem_classes=["ui-hidden"]):  # fields the buttons inside messages write to
                    choose_key = gr.Textbox(elem_id="choose-key", label="所选指南", show_label=False)
                    choose_go = gr.Button("选择指南", elem_id="choose-go")
                    open_key = gr.Textbox(elem_id="open-key", label="所选条款", show_label=False)
                    open_go = gr.Button("查看整个项目", elem_id="open-go")
            with gr.Tab("查询", id="lookup"):
                with gr.Row():
                    query = gr.Textbox(
                        label="关键词",
                        placeholder="例如：定向委托、实施周期、联系电话",
                        scale=4,
                        elem_id="lookup-query",
                    )
                    l_guide = gr.Dropdown(
                        _guide_choices(assistant), value=ALL_GUIDES, label="指南", scale=3, elem_id="lookup-guide"
                    )
                    l_kind = gr.Dropdown(CLAUSE_KINDS, value=ALL, label="条款类别", scale=2, elem_id="lookup-kind")
                    search = gr.Button("查询", variant="primary", scale=1, elem_id="search")
                status = gr.HTML(elem_id="lookup-status")
                table = gr.Dataframe(
                    headers=CLAUSE_HEADERS,
                    datatype=["str", "str", "str", "html", "str"],
                    interactive=False,
                    wrap=True,
                    max_height=420,
                    # Pixels, not percentages: on a phone the table scrolls sideways instead of squeezing 行号
                    # into one character per line.
                    column_widths=["200px", "80px", "110px", "560px", "120px"],
                    buttons=[],
                    label="匹配条款",
                    show_label=False,
                    elem_id="clauses",
                )
                keys = gr.State([])
                detail = gr.HTML("<p>点击上表中的一行，在这里查看该项目的全部条款。</p>", elem_id="project-detail")
                gr.Markdown("### 项目对比")
                gr.Markdown(
                    "项目条款未写明、由通知统一规定的，注明“通知”及行号；通知按类别规定的，只用于该类别的项目。"
                    "导出的 CSV 另含指南名称、文件名和行号。",
                    elem_id="compare-note",
                )
                with gr.Row():
                    c_guide = gr.Dropdown(
                        _guide_choices(assistant, with_all=False),
                        value=compared[0].id if compared else None,
                        label="指南",
                        scale=4,
                        elem_id="compare-guide",
                    )
                    download = gr.DownloadButton("导出 CSV", scale=1, elem_id="export-csv")
                comparison = gr.Dataframe(
                    headers=SHOWN_COMPARE,
                    interactive=False,
                    wrap=True,
                    max_height=1600,
                    column_widths=["80px", "200px", "190px", "80px", "100px", "170px", "150px", "150px", "80px"],
                    buttons=[],
                    label="项目对比",
                    show_label=False,
                    elem_id="compare",
                )
            with gr.Tab("指南", id="guides"):
                catalog = gr.Dataframe(
                    value=_frame(CATALOG_HEADERS, catalog_rows(guides)),
                    interactive=False,
                    wrap=True,
                    label="已收录的指南",
                    buttons=[],
                    elem_id="catalog",
                )
                gaps = gr.Markdown(gaps_markdown(guides), elem_id="gaps")
            build_tabs(app, assistant, settings)  # 自查 and 日程

        # The answer and the turns kept in the browser arrive in one update: a reload right after keeps it.
        chat_io = {"inputs": [box, chatbot, records, guide], "outputs": [chatbot, records, box, saved]}
        private: dict[str, Any] = {"api_visibility": "private"}
        for trigger in (box.submit, send.click):
            trigger(respond, **chat_io, **private)
        examples.click(pick_example, [examples, guide], box, **private).success(respond, **chat_io, **private)
        choose_go.click(choose, [choose_key, records], [guide, box], **private).then(respond, **chat_io, **private)
        open_go.click(open_source, open_key, [detail, tabs], **private)
        guide.change(lambda choice: gr.Dataset(samples=[[q] for q in examples_for(choice)]), guide, examples, **private)
        clear.click(lambda: ([], [], "", []), None, [chatbot, records, box, saved], **private)
        chatbot.clear(lambda: ([], []), None, [records, saved], **private)
        chatbot.like(vote, records, None, **private)

        lookup_io = {"inputs": [query, l_guide, l_kind], "outputs": [table, keys, status]}
        for trigger in (query.submit, search.click, l_guide.change, l_kind.change):
            trigger(lookup, **lookup_io, **private)
        table.select(show_row, keys, detail, **private)
        c_guide.change(compare, c_guide, [comparison, download], **private)
        app.load(lookup, **lookup_io, **private).then(compare, c_guide, [comparison, download], **private)
        app.load(refresh, None, [guide, l_guide, c_guide, catalog, gaps], **private)
        app.load(restore, saved, [chatbot, records], **private)

        gr.api(ask, api_name="ask")
    return app
