"""The JSON API beside the web app: POST /api/ask, GET /api/guides, GET /api/status; docs at /api/docs.

Plain HTTP for portals and hotline tools (the Gradio app keeps its own /ask endpoint). Answers are
computed in a thread pool of `concurrency_limit` threads, never on the event loop; at most
`api_max_waiting` requests wait for a thread, and the next ones get 503 at once rather than a long
wait. Every error is `{"error": "<中文说明>"}` with a 4xx/5xx status, never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Answer
from assistant.settings import Settings
from assistant.startup import Startup
from index.errors import BadQuestionError

log = logging.getLogger(__name__)

SYSTEM_ERROR = "抱歉，系统暂时出错，请稍后再试；如急需答复，请拨打指南中列出的咨询电话。"
BUSY = "服务繁忙，请稍后再试。"
HISTORY_ERROR = "对话历史格式不正确，应为 [[问题, 回答], ...]。"
FIELDS = "question、history、guide"
EXAMPLE_QUESTION = "重庆人口健康专项项目十八给多少钱？"


class AskRequest(BaseModel):
    """A question, with the conversation so far and an optional guide to answer from."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": EXAMPLE_QUESTION, "history": None, "guide": None},
                {
                    "question": "那它的实施周期呢？",
                    "history": [[EXAMPLE_QUESTION, "项目十八的资助强度及方式：…不超过200万元…"]],
                    "guide": "cq-2024-population-health",
                },
            ]
        },
    )

    question: str = Field(description="The question (Chinese or English), at most MAX_QUESTION_CHARS characters")
    history: list[tuple[str, str]] | None = Field(
        default=None, description="Earlier turns as [[question, answer], ...], oldest first; follow-ups use them"
    )
    guide: str | None = Field(default=None, description="Answer only from this guide id (see GET /api/guides)")


class ErrorBody(BaseModel):
    """What went wrong, in Chinese, for the user."""

    error: str


class GuideSummary(BaseModel):
    """One guide of the catalog."""

    id: str
    title: str
    issuer: str
    region: str
    year: int | None
    status: str = Field(description="draft (征求意见稿) or final")
    date: str
    source: str = Field(description="File name in the guides folder")
    sections: int = Field(description="Notice sections")
    projects: int
    clauses: int = Field(description="Clauses over all projects")


class Guides(BaseModel):
    """The catalog of the index now open."""

    generation: str
    guides: list[GuideSummary]


class Status(BaseModel):
    """Start-up state: ready once the index is open and the web app mounted."""

    ready: bool
    phase: str
    done: int
    total: int
    error: str
    seconds: float


class BusyError(Exception):
    """Every answering thread is busy and the waiting line is full."""


class Answering:
    """A pool of `workers` answering threads with at most `max_waiting` requests waiting for one."""

    def __init__(self, workers: int, max_waiting: int) -> None:
        self.workers = workers
        self.max_waiting = max_waiting
        self.pending = 0  # running + waiting; only touched on the event loop
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="api-answer")

    async def run(self, fn: Any, *args: Any) -> Any:
        """fn(*args) in the pool; BusyError at once when the line is full."""
        if self.pending >= self.workers + self.max_waiting:
            raise BusyError
        self.pending += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)
        finally:
            self.pending -= 1


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """{"error": message} with a status."""
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def validation_message(exc: RequestValidationError) -> str:
    """The first problem of a request body, in Chinese."""
    for problem in exc.errors():
        loc = [str(p) for p in problem.get("loc", ()) if p != "body"]
        kind = problem.get("type", "")
        if kind in ("json_invalid", "model_attributes_type", "dict_type") or (not loc and kind == "missing"):
            break
        field = loc[0] if loc else ""
        if kind == "extra_forbidden":
            return f"不认识的字段“{field}”；可用字段：{FIELDS}。"
        if field == "question":
            return "缺少问题（question）。" if kind == "missing" else "问题（question）必须是文字。"
        if field == "history":
            return HISTORY_ERROR
        if field == "guide":
            return "指南编号（guide）必须是文字或 null，可用的编号见 GET /api/guides。"
    return f'请求内容应为 JSON 对象，例如 {{"question": "{EXAMPLE_QUESTION}"}}。'


def unknown_guide(guide_id: str, known: list[str]) -> str:
    """The message for a guide id the index does not have."""
    shown = "、".join(known[:20]) + ("等" if len(known) > 20 else "")
    return f"没有编号为“{guide_id}”的指南。可用的指南编号：{shown}（完整列表见 GET /api/guides）。"


def summary(guide: Any) -> GuideSummary:
    """A catalog row of a Guide."""
    return GuideSummary(
        id=guide.id,
        title=guide.title,
        issuer=guide.issuer,
        region=guide.region,
        year=guide.year,
        status=guide.status,
        date=guide.date,
        source=guide.source,
        sections=len(guide.notice_sections()),
        projects=len(guide.projects),
        clauses=guide.clause_count,
    )


def create_api(settings: Settings, startup: Startup) -> FastAPI:
    """A FastAPI app serving /api/* (the Gradio app is mounted on it once startup is ready)."""
    answering = Answering(settings.concurrency_limit, settings.api_max_waiting)
    errors: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in (400, 413, 422, 500, 503)}
    app = FastAPI(
        title="申报指南问答助手 API",
        version="1",
        description=(
            "Answers about the indexed application guides (申报指南), each with the quoted clause and its "
            'citation. Errors are `{"error": "<中文说明>"}`.'
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        telemetry={"tracing": False, "metrics": False, "logs": False},  # nothing to export, no cost per request
    )
    app.state.answering = answering
    static = Path(__import__("fastapi_offline").__file__).parent / "static"
    app.mount("/api/static", StaticFiles(directory=static), name="api-static")
    router = APIRouter(prefix="/api")

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, validation_message(exc))

    def not_ready() -> JSONResponse:
        return error(503, startup.message(), {"Retry-After": "2"})

    @router.post("/ask", response_model=Answer, responses=errors, summary="Answer a question")
    async def ask(body: AskRequest) -> Response:
        """The answer JSON (quoted clause, citations), or `{"error"}`: 400 empty or too long question or unknown guide, 413 body too large, 422 malformed request, 503 index not ready or busy."""
        assistant = startup.assistant
        if assistant is None:
            return not_ready()
        history = [list(turn) for turn in body.history or []]
        try:
            if body.guide is not None and body.guide not in assistant.guides:
                return error(400, unknown_guide(body.guide, list(assistant.guides)))
            answer = await answering.run(assistant.ask, body.question, history, body.guide or None)
        except BusyError:
            return error(503, BUSY, {"Retry-After": "1"})
        except BadQuestionError as exc:
            return error(400, str(exc))
        except Exception:
            log.exception("/api/ask failed for %r", body.question[:200])
            return error(500, SYSTEM_ERROR)
        return Response(answer.model_dump_json(), media_type="application/json")

    @router.get("/guides", response_model=Guides, responses={503: {"model": ErrorBody}}, summary="The catalog")
    async def guides() -> Response:
        """Every guide of the index now open, with its counts of sections, projects and clauses."""
        assistant = startup.assistant
        if assistant is None:
            return not_ready()
        current = getattr(assistant, "current", assistant)  # one generation for the whole list
        catalog = Guides(generation=current.snapshot.generation, guides=[summary(g) for g in current.guides.values()])
        return Response(catalog.model_dump_json(), media_type="application/json")

    @router.get("/status", response_model=Status, summary="Start-up state")
    async def status() -> JSONResponse:
        """Ready, or what start-up is doing (building the index, loading it) and how far it is."""
        return JSONResponse(jsonable_encoder(startup.status()))

    @router.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="申报指南问答助手 API",
            swagger_js_url="/api/static/swagger-ui-bundle.js",
            swagger_css_url="/api/static/swagger-ui.css",
            swagger_favicon_url="/api/static/favicon.png",
            swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0},
        )

    app.include_router(router)
    return app
