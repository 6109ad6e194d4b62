"""Typed records passed between the index stages: guide → sections/projects → clauses → chunks."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from index.vocab import kind_of

Span = tuple[int, int]
SectionKind = Literal["preamble", "notice", "group", "closing", "attachment"]


class Item(BaseModel):
    """A numbered item inside a notice section, e.g. "(一)每家三级甲等医院推荐申报10项…"."""

    label: str = Field(description="The item marker as printed, e.g. (一) or 3")
    text: str
    lines: Span


class Section(BaseModel):
    """A part of the guide outside the projects: a notice section, a group intro, an attachment."""

    title: str = Field(description="Heading without its numbering, e.g. 申报限额")
    kind: SectionKind = "notice"
    text: str
    lines: Span
    items: list[Item] = Field(default_factory=list)


class Clause(BaseModel):
    """One clause of a project, e.g. 资助强度及方式."""

    name: str = Field(description="Clause name without numbering, e.g. 资助强度及方式")
    text: str = Field(description="Clause body without its number and name")
    lines: Span
    printed_name: str = Field(default="", description="Name as printed when it differs (考核方式)")
    kind: str = Field(default="", description="Canonical kind from index/vocab/clauses.toml ('' if unknown)")

    @model_validator(mode="after")
    def _fill_kind(self) -> Clause:
        # Records written before kinds existed get theirs from the name.
        if not self.kind:
            self.kind = kind_of(self.printed_name or self.name)
        return self


class Project(BaseModel):
    """A project / direction / guide code with its clauses."""

    label: str = Field(description="Label as printed: 项目十八, 方向 4-1, 2001")
    aka: str = Field(default="", description="The heading label when the unit is labelled by its code (榜单一)")
    title: str
    subtitle: str = Field(
        default="", description="A second title printed under the heading, as a bilingual guide's English title"
    )
    group: str = Field(default="", description="Enclosing direction or category as printed")
    clauses: list[Clause] = Field(default_factory=list)
    lines: Span = (0, 0)

    def clause(self, name: str) -> Clause | None:
        """Return the clause with this name, or None."""
        return next((c for c in self.clauses if c.name == name), None)

    def clause_of_kind(self, kind: str) -> Clause | None:
        """Return the first clause of this canonical kind, or None."""
        return next((c for c in self.clauses if c.kind == kind), None)


class Quality(BaseModel):
    """How much of a guide the parser understood."""

    layout: str = Field(default="", description="Layout family the parser chose")
    units: int = 0
    clauses_per_unit: float = 0.0
    unassigned_share: float = Field(
        default=0.0, description="Share of the text's characters in no unit and no notice section item"
    )
    unknown_labels: list[str] = Field(default_factory=list, description="Clause labels not in the vocabulary")
    ocr_pages: int = Field(default=0, description="Pages read by OCR (a scan: rare characters may be misread)")

    @property
    def sections_only(self) -> bool:
        """True when no unit was found: the guide is indexed as notice sections only."""
        return self.units == 0


class Guide(BaseModel):
    """A parsed guide (申报指南) with its notice sections and projects."""

    id: str
    title: str
    issuer: str = ""
    region: str = ""
    year: int | None = None
    status: Literal["draft", "final"] = "final"
    date: str = ""
    aliases: list[str] = Field(default_factory=list, description="Other names users call it by")
    source: str = Field(description="File name in the guides folder")
    content_hash: str = ""
    sections: list[Section] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    part_title: str = Field(default="", description="Heading of the part listing the units (2024年度…申报指南)")
    part_lines: Span = (0, 0)
    warnings: list[str] = Field(default_factory=list)
    quality: Quality = Field(default_factory=Quality)

    def project(self, label: str) -> Project | None:
        """Return the project with this label, or None."""
        return next((p for p in self.projects if p.label == label), None)

    def notice_sections(self) -> list[Section]:
        """Return the notice sections (numbered headings before the projects)."""
        return self.sections_of("notice")

    def sections_of(self, *kinds: SectionKind) -> list[Section]:
        """Return the sections of these kinds, in document order."""
        return [s for s in self.sections if s.kind in kinds]

    @property
    def clause_count(self) -> int:
        """Number of clauses over all projects."""
        return sum(len(p.clauses) for p in self.projects)


class Chunk(BaseModel):
    """The unit that is embedded and retrieved: one clause or one notice item."""

    id: str
    guide_id: str
    guide_title: str
    year: int | None
    status: str
    source: str
    project: str = Field(description="Project label, '' for a notice section")
    project_title: str = ""
    group: str = ""
    clause: str = Field(description="Clause or section name")
    kind: str = Field(default="", description="Canonical clause kind ('' for notice sections)")
    quote: str = Field(description="The text shown to the user, as in the guide")
    text: str = Field(description="The text embedded and indexed: header + quote")
    lines: Span
    part: int = 0

    @model_validator(mode="after")
    def _fill_kind(self) -> Chunk:
        if not self.kind and self.project:
            self.kind = kind_of(self.clause)
        return self

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store."""
        return {
            "guide_id": self.guide_id,
            "guide_title": self.guide_title,
            "year": self.year or 0,
            "status": self.status,
            "source": self.source,
            "project": self.project,
            "project_title": self.project_title,
            "group": self.group,
            "clause": self.clause,
            "kind": self.kind,
            "quote": self.quote,
            "first_line": self.lines[0],
            "last_line": self.lines[1],
            "part": self.part,
        }
