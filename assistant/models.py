"""The answer contract (DESIGN.md "Answer JSON"): what every interface returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Citation(BaseModel):
    """Where a quoted text comes from: guide · project · clause, with its line span."""

    guide_id: str
    guide_title: str
    source: str
    project: str = Field(description="Project label as printed; '' for a notice section")
    project_title: str = ""
    clause: str = Field(description="Clause or section name without numbering")
    quote: str
    lines: tuple[int, int]

    @property
    def key(self) -> tuple[str, str, str, tuple[int, int]]:
        """What makes two citations the same place: guide, project, clause and lines."""
        return (self.guide_id, self.project, self.clause, tuple(self.lines))


class ClarifyOption(BaseModel):
    """A guide the assistant offers when it asks which one the question means."""

    guide_id: str
    guide_title: str


class Answer(BaseModel):
    """An answer with its citations; refused=True when the guides do not say."""

    answer: str
    refused: bool = False
    mode: Literal["extractive", "llm"] = "extractive"
    citations: list[Citation] = Field(default_factory=list)
    latency_ms: float = 0.0
    notice: str = Field(default="", description="Short note to the user, e.g. why the LLM was not used")
    clarify: list[ClarifyOption] = Field(
        default_factory=list, description="Candidate guides when the assistant asks which one is meant; empty otherwise"
    )
