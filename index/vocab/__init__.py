"""Domain vocabulary as data: clause kinds with their labels (clauses.toml), numbering schemes (units.toml),
the chrome of saved web pages (pages.toml).

Loaded once and validated into pydantic models; a bad file raises a ConfigError naming the file and key.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from index.errors import ConfigError

VOCAB_DIR = Path(__file__).resolve().parent
_FLAGS = {"i": re.IGNORECASE}


def _compile(pattern: str, flags: str = "") -> re.Pattern[str]:
    value = 0
    for f in flags:
        value |= _FLAGS[f]
    return re.compile(pattern, value)


def _key(label: str) -> str:
    """A label as compared: NFKC, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))


class Kind(BaseModel):
    """One canonical clause kind."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str = Field(description="Chinese name shown for the kind")
    labels: list[str] = Field(default_factory=list, description="Clause labels guides print for it")
    answered_by: list[str] = Field(default_factory=list, description="Clause kinds answering a question of it")
    borrows: list[str] = Field(
        default_factory=list, description="Kinds of a unit's clause that answer it when they carry its evidence"
    )
    notice_titles: list[str] = Field(default_factory=list, description="Notice section titles answering it")
    evidence: str = Field(default="", description="Regex of the words carrying the fact")
    notice_requires: str = Field(default="", description="Regex a notice item must match to answer this kind")
    any_notice: bool = Field(default=False, description="Any notice section may state it (titles only rank)")
    heads: list[str] = Field(default_factory=list, description="Last words of a field label of this kind (合作内容)")

    @field_validator("evidence", "notice_requires")
    @classmethod
    def _valid_regex(cls, value: str) -> str:
        if value:
            re.compile(value)
        return value


class Trigger(BaseModel):
    """Question words that ask for a kind."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    pattern: str
    flags: str = ""

    @field_validator("flags")
    @classmethod
    def _known_flags(cls, value: str) -> str:
        if set(value) - set(_FLAGS):
            raise ValueError(f"unknown flag in {value!r} (only 'i')")
        return value

    @model_validator(mode="after")
    def _valid_regex(self) -> Trigger:
        _compile(self.pattern, self.flags)
        return self


class ClauseVocab(BaseModel):
    """clauses.toml: kinds, renames, question triggers."""

    model_config = ConfigDict(extra="forbid")

    kind: dict[str, Kind]
    opening: str = ""
    glued_run: int = Field(default=3, ge=2, description="Lines in a row opening with a label glued to its value")
    glued_runs: int = Field(default=2, ge=1, description="Such runs a guide must print for them to be fields")
    glued_sentence: str = Field(default="", description="Regex of words running a label word on into a sentence")
    gloss: str = Field(default="", description="Regex of an English name printed after a label (支持强度 Funding：)")
    gloss_line: str = Field(default="", description="Regex of a line in the Latin script alone (an English title)")
    alternatives: str = Field(default="", description="Regex between two labels printed as one (执行期/核算期)")
    rename: dict[str, str] = Field(default_factory=dict)
    trigger: list[Trigger] = Field(default_factory=list)
    _index: dict[str, str] = PrivateAttr(default_factory=dict)

    @field_validator("opening", "glued_sentence", "gloss", "gloss_line", "alternatives")
    @classmethod
    def _valid_regex(cls, value: str) -> str:
        re.compile(value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _ids(cls, data: dict) -> dict:
        for kid, body in (data.get("kind") or {}).items():
            if isinstance(body, dict):
                body.setdefault("id", kid)
        return data

    @model_validator(mode="after")
    def _consistent(self) -> ClauseVocab:
        seen: dict[str, str] = {}
        for kid, kind in self.kind.items():
            for label in kind.labels:
                other = seen.setdefault(_key(label), kid)
                if other != kid:
                    raise ValueError(f"kind.{kid}.labels: {label!r} is already a label of kind.{other}")
            for target in kind.answered_by:
                if target not in self.kind:
                    raise ValueError(f"kind.{kid}.answered_by: unknown kind {target!r}")
        for i, trig in enumerate(self.trigger):
            if trig.kind not in self.kind:
                raise ValueError(f"trigger[{i}].kind: unknown kind {trig.kind!r}")
        for printed, name in self.rename.items():
            if _key(printed) not in seen or _key(name) not in seen:
                raise ValueError(f"rename.{printed}: both {printed!r} and {name!r} must be labels of a kind")
        self._index = seen
        return self

    # -- look-ups ----------------------------------------------------------------------------
    def kind_of(self, label: str) -> str:
        """The canonical kind of a printed clause label, or '' when the vocabulary does not know it. Labels printed
        as alternatives (执行期/核算期, a column over units of either sort) are of the kind they all share."""
        key = _key(label)
        if key in self._index or not self.alternatives:
            return self._index.get(key, "")
        kinds = {self._index.get(part, "") for part in re.split(self.alternatives, key)}
        return kinds.pop() if len(kinds) == 1 else ""

    def kind_by_head(self, label: str) -> str:
        """The kind of a field label the vocabulary does not list, from its last word (合作内容 → content), or ''.
        Only short labels: a long one is a sentence, not a label."""
        key = _key(label)
        if len(key) > 8:
            return ""
        found = [(len(h), kid) for kid, k in self.kind.items() for h in k.heads if key.endswith(h) and key != h]
        return max(found)[1] if found else ""

    def name_of(self, kind: str) -> str:
        """The Chinese name of a kind ('相关内容' for an unknown one)."""
        return self.kind[kind].name if kind in self.kind else "相关内容"

    def filed_name(self, printed: str) -> str:
        """The name a clause printed as `printed` is filed under (考核方式 → 考核指标)."""
        return self.rename.get(printed, printed)

    def is_label(self, text: str) -> bool:
        """True when the text is a clause label of some kind."""
        return bool(self.kind_of(text))

    def is_gloss_line(self, text: str) -> bool:
        """True when a whole line is in the Latin script alone, as a bilingual guide's English title under its
        Chinese one ("Category I  Intergovernmental Bilateral Cooperation")."""
        return bool(self.gloss_line) and re.fullmatch(self.gloss_line, text.strip()) is not None

    def is_notice_title(self, text: str) -> bool:
        """True when the text is a notice section title some kind is answered from (有关要求, 组织方式)."""
        return _key(text) in {_key(t) for k in self.kind.values() for t in k.notice_titles}

    def all_labels(self) -> list[str]:
        """Every clause label, longest first (so 资助强度及方式 is tried before 资助强度)."""
        return sorted({_key(lab) for k in self.kind.values() for lab in k.labels}, key=len, reverse=True)


class Scheme(BaseModel):
    """A numbering scheme: one heading line's pattern and how its label is printed."""

    model_config = ConfigDict(extra="forbid")

    id: str
    pattern: str
    label: str = "{num}"

    def regex(self, cn: str, stems: str = "") -> re.Pattern[str]:
        """The compiled pattern with {cn} (and {stems}) filled in."""
        return _scheme_regex(self.pattern, cn, stems)


class Structure(BaseModel):
    """units.toml [structure]: words that tell the parts of a guide apart, whatever its numbering."""

    model_config = ConfigDict(extra="forbid")

    generic_headings: list[str] = Field(
        default_factory=list, description="Headings naming the part that lists the units (三、支持方向): no group"
    )
    generic_heading_affixes: str = Field(default="", description="Regex of words around a generic heading")
    part_title_end: str = Field(
        default="", description="Regex ending the heading of the part listing the units (…项目指南, …榜单)"
    )
    label_headers: list[str] = Field(default_factory=list, description="Table cells heading a unit's code")
    label_header_end: str = Field(
        default="", description="Regex of the word a short cell heading a unit's code ends in (课题编号, 方向代码)"
    )
    total_cells: list[str] = Field(default_factory=list, description="First cells of a table's totals row")
    group_headers: list[str] = Field(default_factory=list, description="Table cells heading a unit's group")
    serial_headers: list[str] = Field(default_factory=list, description="Table cells heading a running number")
    title_headers: list[str] = Field(default_factory=list, description="Table cells heading a unit's title")
    title_header_end: str = Field(
        default="", description="Regex of the word a short cell heading a unit's title ends in (奖励名称)"
    )
    inline_head: str = Field(
        default="",
        description="Regex of a line printing a unit's code and name fields inline (a form card's head), groups "
        "label_name, label, title_name, title",
    )
    field_table_headers: list[str] = Field(
        default_factory=list, description="Header cells of a two-column field table inside a unit (名称 | 内容)"
    )
    document_title: str = Field(default="", description="Regex of a heading that is the document's own title")
    title_fields: list[str] = Field(
        default_factory=list, description="Field labels whose value is the title of a unit opened by a bare number"
    )
    header_unit: str = Field(default="", description="Regex of a unit in a table header cell, group `unit`")
    head_cells: list[str] = Field(
        default_factory=list,
        description="Regexes of a cell merged over a unit's table naming it (重点项目（YN-A1）), groups `title`, `code`",
    )
    field_label_kind: str = Field(default="other", description="Clause kind of an unknown field label")
    field_label_chars: tuple[int, int] = Field(default=(2, 8), description="Length of an unknown field label")
    field_label_units: int = Field(default=2, description="Units an unknown field label must open a line in")
    field_label_share: float = Field(default=0.25, description="Share of the units it must open a line in")
    not_field_label: str = Field(default="", description="Regex of line-start words that are prose, not a label")
    empty_cells: list[str] = Field(
        default_factory=list, description="Table cell values that say 'nothing here' (—, /, 无): no clause"
    )
    cell_legend: str = Field(
        default="", description="Regex of a note saying what a placeholder cell means, groups `mark` and `meaning`"
    )
    induced_not_unit_words: list[str] = Field(
        default_factory=list, description="Words before a running number that head no unit (附件1, 表2)"
    )
    appended_notice: str = Field(
        default="",
        description="Regex of a heading that appends notice text after the 落款 (附：政策答疑), group `title`",
    )
    unit_note: str = Field(
        default="", description="Regex of a paragraph stating a unit's own terms by naming it (本方向拟支持2项…)"
    )
    unit_note_name: str = Field(
        default="说明", description="The clause name such an unlabelled paragraph is filed under"
    )
    count_trigger: str = Field(default="", description="Regex of words telling a sentence sets out the guide's size")
    count_phrase: str = Field(
        default="", description="Regex of 'N units' in such a sentence, group `n` (or `m`: 榜单6项)"
    )

    @field_validator(
        "not_field_label",
        "generic_heading_affixes",
        "header_unit",
        "document_title",
        "count_trigger",
        "count_phrase",
        "inline_head",
        "cell_legend",
        "unit_note",
    )
    @classmethod
    def _valid_regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        return value

    @field_validator("head_cells")
    @classmethod
    def _head_groups(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                groups = re.compile(pattern).groupindex
            except re.error as exc:
                raise ValueError(f"not a regular expression: {pattern}: {exc}") from None
            if not {"title", "code"} <= set(groups):
                raise ValueError(f"needs (?P<title>…) and (?P<code>…) groups: {pattern}")
        return value

    @field_validator("header_unit")
    @classmethod
    def _unit_group(cls, value: str) -> str:
        if value and "unit" not in re.compile(value).groupindex:
            raise ValueError("needs a (?P<unit>…) group")
        return value

    @field_validator("count_phrase")
    @classmethod
    def _count_group(cls, value: str) -> str:
        if value and "n" not in re.compile(value).groupindex:
            raise ValueError("needs a (?P<n>…) group")
        return value

    def counts(self, sentence: str) -> list[str]:
        """The unit counts a sentence states ("共设置11个攻关项目" → ['11']); [] when it sets out no size."""
        if not (self.count_trigger and self.count_phrase) or not re.search(self.count_trigger, sentence):
            return []
        found = re.finditer(self.count_phrase, sentence)
        return [m.group("n") or m.groupdict().get("m") or m.groupdict().get("c") or "" for m in found]

    def header_unit_of(self, cell: str) -> tuple[str, str]:
        """(field name, unit) of a table header cell: 资助额度（万元） → (资助额度, 万元); no unit → (cell, '')."""
        key = _key(cell)
        m = re.search(self.header_unit, key) if self.header_unit else None
        if m is None or m.start() == 0:
            return key, ""
        return key[: m.start()], m.group("unit")

    def head_cell(self, cell: str) -> tuple[str, str] | None:
        """(title, code) of a cell merged over a unit's table that names the unit (重点项目（YN-A1）), else None."""
        for pattern in self.head_cells:
            if m := re.match(pattern, cell.strip()):
                return m.group("title").strip(), m.group("code")
        return None

    def is_document_title(self, heading: str) -> bool:
        """True for a heading that is the document's own title (…的通知, …申报指南), no group of units."""
        return bool(self.document_title) and re.search(self.document_title, heading) is not None

    def is_generic_heading(self, title: str) -> bool:
        """True when a heading's title (numbering removed) only names the units' part of the guide."""
        key = _key(title)
        if self.generic_heading_affixes:
            key = re.sub(self.generic_heading_affixes, "", key)
        return bool(key) and key in {_key(h) for h in self.generic_headings}

    def is_label_header(self, name: str) -> bool:
        """True for the name of a unit's code field or column (需求编号, 指南代码)."""
        key = _key(name)
        if key in {_key(w) for w in self.label_headers}:
            return True
        return bool(self.label_header_end) and len(key) <= 6 and re.search(self.label_header_end, key) is not None

    def is_total_cell(self, cell: str) -> bool:
        """True for the cell opening a table's totals row (合计, 小计)."""
        return _key(cell) in {_key(w) for w in self.total_cells}

    def is_part_title(self, line: str) -> bool:
        """True when a line reads as the heading of the guide's part listing the units (2024年度人口健康专项申报指南)."""
        return bool(self.part_title_end) and re.search(self.part_title_end, _key(line)) is not None

    def appended_title(self, line: str) -> str | None:
        """The title of the notice part a heading appends after the 落款 (附：政策答疑 → 政策答疑), else None."""
        m = re.match(self.appended_notice, _key(line)) if self.appended_notice else None
        return m.group("title") if m else None

    def title_field(self, line: str) -> str | None:
        """The value of a title field line (榜单名称：高功率…), else None."""
        m = re.match(r"^([\u4e00-\u9fff]{2,8})\s*[:：]\s*(\S.*)$", line)
        if m is None or _key(m.group(1)) not in {_key(w) for w in self.title_fields}:
            return None
        return m.group(2).strip()

    def inline_fields(self, line: str) -> list[tuple[str, str]]:
        """The (field name, value) pairs of a line printing a unit's code and name inline, as a form card's head row
        does ("指南卡片编号：2026YJ01专项名称：临床研究重点专项"); [] for any other line. A name is the longest end of
        the words before the colon that heads a code (or a title), as the spaces around it are gone."""
        m = re.search(self.inline_head, line) if self.inline_head else None
        if m is None:
            return []
        label_name = self._header_end(m.group("label_name"), "label")
        title_name = self._header_end(m.group("title_name"), "title")
        if not (label_name and title_name):
            return []
        return [(label_name, m.group("label")), (title_name, m.group("title").strip())]

    def _header_end(self, words: str, role: str) -> str:
        """The longest end of `words` (two characters or more) that is a header of `role`, '' when none is."""
        ends = (words[k:] for k in range(len(words) - 1))
        return next((end for end in ends if self.header_role(end) == role), "")

    def is_empty_cell(self, cell: str) -> bool:
        """True when a table cell holds nothing or only a placeholder (—, /, 无)."""
        key = _key(cell)
        return not key or key in {_key(w) for w in self.empty_cells}

    def placeholder_meanings(self, text: str) -> dict[str, str]:
        """What a guide's notes say its placeholder cells mean ("表中“—”表示不作要求" → {"—": "不作要求"})."""
        if not self.cell_legend:
            return {}
        found = (m for m in re.finditer(self.cell_legend, text) if self.is_empty_cell(m.group("mark")))
        return {_key(m.group("mark")): m.group("meaning") for m in found}

    def header_role(self, cell: str) -> str:
        """'label', 'serial', 'title', 'group' or '' for a table header cell or a first-column row label."""
        key = _key(cell)
        if self.is_label_header(cell):
            return "label"
        for role, words in (
            ("serial", self.serial_headers),
            ("title", self.title_headers),
            ("group", self.group_headers),
        ):
            if key in {_key(w) for w in words}:
                return role
        if self.title_header_end and len(key) <= 6 and re.search(self.title_header_end, key):
            return "title"
        return ""


class UnitVocab(BaseModel):
    """units.toml: numbering schemes and structure words."""

    model_config = ConfigDict(extra="forbid")

    cn: str
    stems: str = Field(default="", description="The Heavenly Stems some guides letter their units with (甲乙丙…)")
    scheme: dict[str, Scheme]
    structure: Structure = Field(default_factory=Structure)

    @model_validator(mode="before")
    @classmethod
    def _ids(cls, data: dict) -> dict:
        for sid, body in (data.get("scheme") or {}).items():
            if isinstance(body, dict):
                body.setdefault("id", sid)
        return data

    @model_validator(mode="after")
    def _valid(self) -> UnitVocab:
        for sid, scheme in self.scheme.items():
            try:
                rx = scheme.regex(self.cn, self.stems)
            except re.error as exc:
                raise ValueError(f"scheme.{sid}.pattern: {exc}") from None
            if "num" not in rx.groupindex:
                raise ValueError(f"scheme.{sid}.pattern: needs a (?P<num>…) group")
        return self

    def match(self, scheme_id: str, line: str) -> re.Match[str] | None:
        """Match one line against a scheme."""
        return self.scheme[scheme_id].regex(self.cn, self.stems).match(line)

    def label(self, scheme_id: str, m: re.Match[str]) -> str:
        """The unit label of a match, as the scheme prints it."""
        groups = {k: v or "" for k, v in m.groupdict().items()}
        return self.scheme[scheme_id].label.format(**groups)


def _compiling(patterns: list[str]) -> list[str]:
    """The patterns, each a valid regular expression; the error names the one that is not."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r}: {exc}") from None
    return patterns


class MailVocab(BaseModel):
    """pages.toml [mail]: the chrome of an e-mail thread copied as text (header blocks, separators, signatures)."""

    model_config = ConfigDict(extra="forbid")

    header_fields: list[str] = Field(min_length=1, description="Names of the header lines a mail client quotes")
    sender_fields: list[str] = Field(min_length=1, description="Those naming the sender: every header block has one")
    header_min: int = Field(default=3, ge=2, description="Header fields a run of lines names at least to be a block")
    chrome_lines: list[str] = Field(default_factory=list, description="Regexes of whole lines of mail chrome")
    _header: re.Pattern[str] = PrivateAttr()

    @field_validator("chrome_lines")
    @classmethod
    def _valid_regexes(cls, value: list[str]) -> list[str]:
        return _compiling(value)

    @model_validator(mode="after")
    def _senders_are_fields(self) -> MailVocab:
        if missing := set(self.sender_fields) - set(self.header_fields):
            raise ValueError(f"sender_fields not in header_fields: {sorted(missing)}")
        # the longest name first (发送时间 before 时间); built once, every line of every guide is tried against it
        names = "|".join(re.escape(f) for f in sorted(self.header_fields, key=len, reverse=True))
        self._header = re.compile(rf"^\s*({names})\s*[:：]", re.I)
        return self

    def header_field(self, line: str) -> str:
        """The header field a line opens ("发件人: 张三" → 发件人), '' for any other line."""
        m = self._header.match(line)
        return m.group(1) if m else ""

    def chrome_line(self) -> re.Pattern[str]:
        """One pattern matching any line of mail chrome (a separator, a phone signature, a disclaimer)."""
        return _any_of(tuple(self.chrome_lines) or ("(?!)",))


class ChangeMarkVocab(BaseModel):
    """pages.toml [change_marks]: changes typed into a draft's text (【删除：…】【新增：…】), read as made."""

    model_config = ConfigDict(extra="forbid")

    keep: list[str] = Field(min_length=1, description="Words of a mark whose text stays (新增, 修改为)")
    drop: list[str] = Field(min_length=1, description="Words of a mark whose text goes (删除, 原)")
    brackets: list[str] = Field(min_length=1, description="Opening and closing bracket of a mark, two characters each")
    placeholder: str = Field(default="(?!)", description="Regex of a mark's whole text that only shows the convention")
    _opening: re.Pattern[str] = PrivateAttr()

    @field_validator("brackets")
    @classmethod
    def _pairs(cls, value: list[str]) -> list[str]:
        if bad := [pair for pair in value if len(pair) != 2]:
            raise ValueError(f"not an opening and a closing bracket: {bad}")
        return value

    @field_validator("placeholder")
    @classmethod
    def _valid_regex(cls, value: str) -> str:
        return _compiling([value])[0]

    @model_validator(mode="after")
    def _disjoint(self) -> ChangeMarkVocab:
        if both := set(self.keep) & set(self.drop):
            raise ValueError(f"words both kept and dropped: {sorted(both)}")
        # the longest word first (修改为 before 改为); built once, every loaded guide is searched with it
        words = "|".join(re.escape(w) for w in sorted({*self.keep, *self.drop}, key=len, reverse=True))
        opening = "".join(re.escape(pair[0]) for pair in self.brackets)
        self._opening = re.compile(rf"([{opening}])[ \u3000]*({words})[ \u3000]*[:：]")
        return self

    def opening(self) -> re.Pattern[str]:
        """The opening of a mark: its bracket (group 1), its word (group 2) and the colon after it."""
        return self._opening

    def closing(self, bracket: str) -> str:
        """The bracket closing a mark opened by `bracket`."""
        return next(pair[1] for pair in self.brackets if pair[0] == bracket)


class FootnoteVocab(BaseModel):
    """pages.toml [footnotes]: the rule over a page's notes, their markers, and how a note joins the text citing it."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(description="Regex of the rule line over a page's notes")
    marker: str = Field(description="Regex of a note's marker (①, ¹)")
    cites_after: str = Field(description="Regex of the one character before a marker that cites a note")
    note: str = Field(description="A note written after its marker; {text} is the note")
    note_line: str = Field(description="A note no marker cites, as a line of its own; {text} is the note")

    @field_validator("rule", "marker", "cites_after")
    @classmethod
    def _valid_regex(cls, value: str) -> str:
        return _compiling([value])[0]

    @field_validator("note", "note_line")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if "{text}" not in value:
            raise ValueError(f"{value!r} lacks {{text}}")
        return value


class GazetteVocab(BaseModel):
    """pages.toml [gazette]: an issue of a government gazette (政府公报) reprinting the guide among other items."""

    model_config = ConfigDict(extra="forbid")

    doc_number: str = Field(description="Regex of a line that is only a document number (焘科发〔2026〕21号)")
    title_ends: list[str] = Field(min_length=1, description="Words an item's title ends with (通知, 决定)")
    column_heads: str = Field(description="Regex of a gazette column's head over its items (【部门文件】)")
    signature_notes: list[str] = Field(
        default_factory=list, description="Notes under an item's signature date (此件公开发布)"
    )
    max_title_lines: int = Field(default=3, ge=1, description="Lines an item's title may wrap over")
    _doc_number: re.Pattern[str] = PrivateAttr()
    _column_head: re.Pattern[str] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> GazetteVocab:
        self._doc_number, self._column_head = map(re.compile, _compiling([self.doc_number, self.column_heads]))
        return self

    def is_doc_number(self, line: str) -> bool:
        """Is the line only a document number?"""
        return bool(self._doc_number.fullmatch(line.strip()))

    def column_head(self, line: str) -> re.Match[str] | None:
        """The gazette column head a line ends with ("（此件公开发布）【部门文件】" joined by the layout), or None."""
        return self._column_head.search(line.strip())


class PageVocab(BaseModel):
    """pages.toml: the words of a web page's chrome, of an e-mail thread's, and a draft's typed change marks."""

    model_config = ConfigDict(extra="forbid")

    chrome_words: list[str] = Field(min_length=1, description="class/id words of site chrome")
    chrome_lines: list[str] = Field(min_length=1, description="Regexes of short lines of chrome inside the body")
    related_headings: list[str] = Field(
        default_factory=list, description="Headings over links to other articles (往期推荐)"
    )
    tab_words: list[str] = Field(
        default_factory=list, description="class/id/role words of a row of tab labels over panels (tab-nav)"
    )
    tab_panel_words: list[str] = Field(
        default_factory=list, description="class/id/role words of a tab's panel (tab-pane), for tabs naming no id"
    )
    toggle_hints: list[str] = Field(
        default_factory=list, description="Regexes of an online doc's click prompt in a toggle's summary (点击展开)"
    )
    history_headings: list[str] = Field(
        default_factory=list, description="Headings of a document's revision history (修订记录): earlier figures"
    )
    comment_lines: list[str] = Field(
        default_factory=list, description="Regexes of a quoted line of a reader's comment thread (评论 @name：…)"
    )
    mail: MailVocab | None = Field(default=None, description="The chrome of an e-mail thread copied as text")
    change_marks: ChangeMarkVocab | None = Field(
        default=None, description="Changes typed into a draft's text (【删除：…】【新增：…】), read as made"
    )
    footnotes: FootnoteVocab | None = Field(
        default=None, description="A paged document's footnotes (① at a page's foot)"
    )
    gazette: GazetteVocab | None = Field(
        default=None, description="A government gazette's items around the reprinted guide (政府公报)"
    )

    @field_validator("chrome_lines", "toggle_hints", "comment_lines")
    @classmethod
    def _valid_regexes(cls, value: list[str]) -> list[str]:
        return _compiling(value)

    def chrome_line(self) -> re.Pattern[str]:
        """One pattern matching any chrome line (case-insensitive: ICP备, icp备)."""
        return _any_of(tuple(self.chrome_lines))

    def toggle_hint(self) -> re.Pattern[str]:
        """One pattern matching any click prompt of a toggle's summary."""
        return _any_of(tuple(self.toggle_hints or ["(?!)"]))

    def comment_line(self) -> re.Pattern[str]:
        """One pattern matching a quoted line of a comment thread."""
        return _any_of(tuple(self.comment_lines or ["(?!)"]))

    def is_history_heading(self, title: str) -> bool:
        """True for the heading of a revision history (修订记录, 版本历史 …), a note in brackets after it allowed."""
        bare = re.sub(r"[(（][^()（）]*[)）]$", "", re.sub(r"\s+", "", title))
        return bare in self.history_headings


@cache
def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@cache
def _scheme_regex(pattern: str, cn: str, stems: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{cn}", cn).replace("{stems}", stems))


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: vocabulary file missing", "restore it from the repository") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}", "fix the vocabulary file") from None


def _validate(model: type[BaseModel], path: Path):
    try:
        return model.model_validate(_read(path))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ConfigError(f"{path.name}: {where}: {first['msg']}", f"fix `{where}` in {path}") from None


def load_clause_vocab(path: Path) -> ClauseVocab:
    """Read and validate a clauses.toml."""
    return _validate(ClauseVocab, path)


def load_unit_vocab(path: Path) -> UnitVocab:
    """Read and validate a units.toml."""
    return _validate(UnitVocab, path)


@cache
def clauses() -> ClauseVocab:
    """The clause vocabulary (index/vocab/clauses.toml), loaded once."""
    return load_clause_vocab(VOCAB_DIR / "clauses.toml")


def load_page_vocab(path: Path) -> PageVocab:
    """Read and validate a pages.toml."""
    return _validate(PageVocab, path)


@cache
def pages() -> PageVocab:
    """The words of a web page's chrome (index/vocab/pages.toml), loaded once."""
    return load_page_vocab(VOCAB_DIR / "pages.toml")


@cache
def _unit_file() -> UnitVocab:
    return load_unit_vocab(VOCAB_DIR / "units.toml")


# A numbering scheme read off one document (index/layouts/induced.py) is in force only while that document parses.
_DOCUMENT_SCHEMES: ContextVar[UnitVocab | None] = ContextVar("document_schemes", default=None)


def units() -> UnitVocab:
    """The numbering schemes (index/vocab/units.toml), loaded once; with a document's own scheme while it parses."""
    return _DOCUMENT_SCHEMES.get() or _unit_file()


@contextmanager
def document_scheme(scheme: Scheme) -> Iterator[None]:
    """Parse with one more numbering scheme, read off the document being parsed."""
    base = _unit_file()
    token = _DOCUMENT_SCHEMES.set(base.model_copy(update={"scheme": {**base.scheme, scheme.id: scheme}}))
    try:
        yield
    finally:
        _DOCUMENT_SCHEMES.reset(token)


@cache
def triggers() -> list[tuple[str, re.Pattern[str]]]:
    """Question trigger patterns in file order: (kind, compiled pattern)."""
    return [(t.kind, _compile(t.pattern, t.flags)) for t in clauses().trigger]


@cache
def evidence() -> dict[str, re.Pattern[str]]:
    """Evidence patterns by kind (kinds without one are left out)."""
    return {kid: re.compile(k.evidence) for kid, k in clauses().kind.items() if k.evidence}


def kind_of(label: str) -> str:
    """Canonical kind of a printed clause label ('' when unknown)."""
    return clauses().kind_of(label)


def field_kind(label: str) -> str:
    """The kind of a field label a layout found by its shape: by its last word (合作内容), else the field kind."""
    return clauses().kind_by_head(label) or units().structure.field_label_kind


def vocab_digest() -> str:
    """A short hash of the vocabulary files a guide is loaded, parsed and its metadata read by: a changed vocabulary (a new
    clause label, a place suffix) means guides must be parsed again."""
    import hashlib

    names = ("clauses.toml", "units.toml", "regions.toml", "metadata.toml", "pages.toml")
    data = b"".join((VOCAB_DIR / name).read_bytes() for name in names)
    return hashlib.sha256(data).hexdigest()[:12]
