"""LLM answer mode: condense → understand and retrieve (the extractive path's own) → generate → verify.

A reply is shown only when every sentence cites a given clause and states only figures found in the
clauses it cites; otherwise, and whenever the endpoint fails, the extractive answer is shown with a
short notice. LangChain (and langchain-openai, only when configured) stays behind this module.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Protocol

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableBranch, RunnableLambda, RunnableParallel, RunnablePassthrough

from assistant import compose, prompts, redact
from assistant.models import Answer, Citation
from assistant.retrieve import Hit
from assistant.settings import Settings
from assistant.understand import KIND_CLAUSES, Intent
from assistant.verify import Verification, renumber, settled_length, verify_answer
from index.errors import ConfigError, MissingExtraError
from index.models import Guide
from index.vocab.questions import greeting

log = logging.getLogger(__name__)

MAX_CLAUSES = 12  # clauses given to the model: extractive citations, named projects' asked clauses, retrieved
HISTORY_TURNS = 3  # latest turns the condense prompt sees
HISTORY_ANSWER_CHARS = 300

NOTICE_REJECTED = "大模型回答未通过核验，已改为原文摘录。"
NOTICE_TIMEOUT = "大模型服务响应超时，已改为原文摘录。"
NOTICE_AUTH = "大模型服务认证失败，已改为原文摘录。"
NOTICE_BUSY = "大模型服务繁忙，已改为原文摘录。"
NOTICE_MALFORMED = "大模型服务返回的内容无法解析，已改为原文摘录。"
NOTICE_DOWN = "大模型服务暂时不可用，已改为原文摘录。"


def make_chat_model(settings: Settings) -> BaseChatModel:
    """A ChatOpenAI for the configured OpenAI-compatible endpoint (temperature 0, bounded timeout and retries)."""
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise MissingExtraError(
            "LLM mode is configured (GUIDE_ASSISTANT_LLM_BASE_URL) but langchain-openai is not installed",
            "pip install 'guide-assistant[llm]', or unset GUIDE_ASSISTANT_LLM_BASE_URL for extractive answers",
        ) from None
    redact.install(settings.llm_api_key)  # the key, and anything key-like, never reaches a log line
    if not settings.llm_model:
        raise ConfigError(
            "GUIDE_ASSISTANT_LLM_MODEL is empty",
            "set it to a model the endpoint serves, e.g. deepseek-chat or qwen-plus",
        )
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "EMPTY",  # local servers take any key; the client insists on one
        model=settings.llm_model,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        temperature=0,
        use_responses_api=False,  # OpenAI-compatible servers speak /chat/completions
    )


def failure_notice(exc: BaseException) -> str:
    """The notice for a failed LLM call: timeout, 401/403, 429, malformed reply, or down."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    if isinstance(exc, TimeoutError) or "Timeout" in name:
        return NOTICE_TIMEOUT
    if status in (401, 403):
        return NOTICE_AUTH
    if status == 429:
        return NOTICE_BUSY
    if isinstance(exc, ValueError | TypeError | KeyError | AttributeError) or "Validation" in name or "Decode" in name:
        return NOTICE_MALFORMED
    return NOTICE_DOWN


def history_text(history: list[list[str]]) -> str:
    """The latest turns for the condense prompt: questions, and answers less their quoted lines."""
    lines = []
    for turn in history[-HISTORY_TURNS:]:
        question, answer = [*turn, "", ""][:2]
        kept = "\n".join(ln for ln in (answer or "").splitlines() if ln.strip() and not ln.lstrip().startswith(">"))
        if len(kept) > HISTORY_ANSWER_CHARS:
            kept = kept[:HISTORY_ANSWER_CHARS] + "…"
        lines.append(f"用户：{question}\n助手：{kept}")
    return "\n\n".join(lines)


def standalone_question(reply: str, question: str) -> str:
    """The condensed question from the model's reply; the follow-up itself when the reply is unusable."""
    line = next((ln.strip() for ln in reply.splitlines() if ln.strip()), "")
    line = re.sub(r"^(改写后的问题|独立问题|问题)\s*[:：]\s*", "", line).strip("“”\"' ")
    return line if 2 <= len(line) <= 4 * max(len(question), 50) else question


def clause_block(number: int, c: Citation) -> str:
    """One numbered clause as the answer prompt shows it."""
    where = f"{c.project}「{c.project_title}」" if c.project else "通知正文"
    return f"[{number}] 《{c.guide_title}》 {where} · {c.clause}\n{c.quote}"


@dataclass
class Plan:
    """What the chain prepared for one question: the clauses to give the model, the fallback answer."""

    question: str
    history: list[list[str]]
    guide_id: str | None
    extractive: Answer
    standalone: str = ""
    clauses: list[Citation] = field(default_factory=list)

    def inputs(self) -> dict[str, Any]:
        """The answer chain's input."""
        return {"question": self.standalone or self.question, "clauses": self.clauses}


class Grounding(Protocol):
    """What the model answers over: the assistant's understanding, retrieval and extractive answer."""

    settings: Settings
    guides: dict[str, Guide]

    def understand(self, question: str, history: list[list[str]] | None = None, guide_id: str | None = None) -> Intent:
        """The question resolved against the catalog."""

    def answer_extractive(self, question: str, history: list[list[str]], guide_id: str | None = None) -> Answer:
        """The answer without a model (the fallback, and the source of the clauses it cites)."""

    def retrieve(
        self, question: str, k: int | None = None, history: list[list[str]] | None = None, guide_id: str | None = None
    ) -> list[Hit]:
        """Clauses for the question."""


class LLMAnswerer:
    """Answers with a chat model over the assistant's own understanding and retrieval, verified before shown."""

    def __init__(self, assistant: Grounding, model: BaseChatModel, k: int | None = None) -> None:
        self.assistant = assistant
        self.model = model
        self.k = k or assistant.settings.top_k
        self.refusal = prompts.load("refusal")
        self.system = prompts.render("system", refusal=self.refusal)
        self.condense_chain: Runnable = RunnableLambda(self._condense_messages) | model | StrOutputParser()
        standalone = RunnableParallel(reply=self.condense_chain, question=itemgetter("question")) | RunnableLambda(
            lambda x: standalone_question(x["reply"], x["question"])
        )
        # {question, history, guide_id, extractive} → + standalone (condensed only with history) → + clauses
        self.prepare_chain: Runnable = RunnablePassthrough.assign(
            standalone=RunnableBranch((lambda x: bool(x["history"]), standalone), itemgetter("question"))
        ) | RunnablePassthrough.assign(clauses=RunnableLambda(self._gather))
        # {question, clauses} → reply text
        self.answer_chain: Runnable = RunnableLambda(self._answer_messages) | model | StrOutputParser()

    @classmethod
    def from_settings(cls, settings: Settings, assistant: Grounding) -> LLMAnswerer:
        """An answerer over the configured OpenAI-compatible endpoint."""
        return cls(assistant, make_chat_model(settings), settings.top_k)

    # -- public API ------------------------------------------------------------------------
    def answer(self, question: str, history: list[list[str]] | None = None, guide_id: str | None = None) -> Answer:
        """The verified LLM answer, or the extractive answer (with a notice) when it fails or is rejected."""
        plan = self._plan(question, history, guide_id)
        if isinstance(plan, Answer):
            return plan
        try:
            reply = self.answer_chain.invoke(plan.inputs())
        except Exception as exc:  # the endpoint is outside our control: any failure falls back
            return self._failed(plan, exc)
        return self._finish(plan, reply)

    def stream(
        self, question: str, history: list[list[str]] | None = None, guide_id: str | None = None
    ) -> Iterator[str | Answer]:
        """The model's text as it comes, a sentence at a time once verified, then the final Answer.

        A sentence is shown only when the reply up to it passes verification; at the first that does
        not, streaming stops and the final Answer is the extractive one (callers replace the streamed
        text with the final Answer in any case).
        """
        started = time.perf_counter()
        plan = self._plan(question, history, guide_id)
        if isinstance(plan, Answer):
            final = plan
        else:
            final = None
            reply, shown = "", 0
            tokens = self.answer_chain.stream(plan.inputs())
            try:
                for token in tokens:
                    reply += token
                    settled = settled_length(reply)
                    if settled > shown:
                        verdict = verify_answer(reply[:settled], plan.clauses, self.refusal)
                        if not verdict.ok:
                            final = self._rejected(plan, verdict)
                            break
                        yield reply[shown:settled]
                        shown = settled
            except Exception as exc:  # the endpoint is outside our control: any failure falls back
                final = self._failed(plan, exc)
            finally:
                tokens.close()  # stop reading the reply (and close the connection) when we stop early
            if final is None:
                final = self._finish(plan, reply)
                if final.mode == "llm" and reply[shown:].strip():
                    yield reply[shown:]
        final.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        yield final

    # -- the chain's steps -----------------------------------------------------------------
    def _plan(self, question: str, history: list[list[str]] | None, guide_id: str | None) -> Plan | Answer:
        """Condense and gather clauses; an Answer instead when the model must not or need not be asked."""
        history = [list(turn) for turn in (history or []) if turn]
        intent = self.assistant.understand(question, history, guide_id)
        extractive = self.assistant.answer_extractive(question, history, guide_id)
        if (
            intent.injection  # never sent to the model
            or extractive.clarify  # the question names another guide than the one selected: ask which
            or (intent.outside and not intent.guide_named)  # a guide the corpus does not have
            or intent.missing_label  # a project no guide in scope has
            or greeting().match(question)
        ):
            return extractive
        plan = Plan(question, history, guide_id, extractive)
        try:
            state = self.prepare_chain.invoke(
                {"question": question, "history": history, "guide_id": guide_id, "extractive": extractive}
            )
        except Exception as exc:
            return self._failed(plan, exc)
        plan.standalone, plan.clauses = state["standalone"], state["clauses"]
        if not plan.clauses:
            return extractive  # nothing to answer from: the extractive answer already says so
        return plan

    def _condense_messages(self, x: dict[str, Any]) -> list[BaseMessage]:
        return [HumanMessage(prompts.render("condense", history=history_text(x["history"]), question=x["question"]))]

    def _gather(self, x: dict[str, Any]) -> list[Citation]:
        """Context: the extractive answer's citations, the named projects' asked clauses, the top-k retrieved."""
        question = x["standalone"]
        if question != x["question"] and self.assistant.understand(question).injection:
            question = x["question"]  # a condensed question must not smuggle an instruction in
        extractive: Answer = x["extractive"]
        found = [] if extractive.refused else list(extractive.citations)
        found += self._named_clauses(self.assistant.understand(question, x["history"], x["guide_id"]))
        for hit in self.assistant.retrieve(question, self.k, x["history"], x["guide_id"]):
            found.append(compose.chunk_citation(self.assistant.guides[hit.chunk.guide_id], hit.chunk))
        clauses: dict[tuple, Citation] = {}
        for c in found:
            clauses.setdefault((c.guide_id, c.project, c.clause, c.lines), c)
        return list(clauses.values())[:MAX_CLAUSES]

    def _named_clauses(self, intent: Intent) -> list[Citation]:
        """The clauses of every kind asked (资助 and 周期 both) of each project the question names."""
        out = []
        for gid, label in intent.projects[:3]:
            guide = self.assistant.guides[gid]
            project = guide.project(label)
            for kind in intent.kinds[:3]:
                for clause_kind in KIND_CLAUSES.get(kind, ((), ()))[0]:
                    clause = project.clause_of_kind(clause_kind) if project else None
                    if clause is not None:
                        out.append(compose.citation(guide, project, clause.name, clause.text, clause.lines))
        return out

    def _answer_messages(self, x: dict[str, Any]) -> list[BaseMessage]:
        numbered = "\n\n".join(clause_block(n, c) for n, c in enumerate(x["clauses"], 1))
        return [
            SystemMessage(self.system),
            HumanMessage(prompts.render("answer", question=x["question"], clauses=numbered)),
        ]

    # -- outcomes --------------------------------------------------------------------------
    def _finish(self, plan: Plan, reply: str) -> Answer:
        """The verified answer, the LLM's refusal, or the extractive answer when verification fails."""
        verdict = verify_answer(reply, plan.clauses, self.refusal)
        if not verdict.ok:
            return self._rejected(plan, verdict)
        if verdict.refused:
            return Answer(answer=self.refusal, refused=True, mode="llm")
        return Answer(answer=self._render(reply, verdict), mode="llm", citations=verdict.citations)

    def _render(self, reply: str, verdict: Verification) -> str:
        """The model's sentences with markers as 【k】, a '出处：' line per cited clause, the guides' flags."""
        parts = [renumber(reply.strip(), verdict.numbers)]
        parts.append("\n".join(f"出处：【{k}】{compose.cite_line(c)}" for k, c in enumerate(verdict.citations, 1)))
        guides = [self.assistant.guides[g] for g in dict.fromkeys(c.guide_id for c in verdict.citations)]
        for guide in guides:
            if flag := compose.guide_flags(guide):
                named = f"（{compose.guide_label(guide)}）" if len(guides) > 1 else ""
                parts.append(f"注意{named}：{flag}。")
        return "\n\n".join(parts)

    @staticmethod
    def _rejected(plan: Plan, verdict: Verification) -> Answer:
        log.warning("LLM answer rejected, showing the extractive answer: %s", verdict.reason)
        return plan.extractive.model_copy(update={"notice": NOTICE_REJECTED})

    @staticmethod
    def _failed(plan: Plan, exc: BaseException) -> Answer:
        log.warning("LLM request failed, showing the extractive answer: %s: %s", type(exc).__name__, exc)
        return plan.extractive.model_copy(update={"notice": failure_notice(exc)})
