"""Synthetic corpora for scale tests: N altered copies of a guides folder.

Copy 1 is the folder as it is. Copy k (k ≥ 2) of each guide gets its own id (`<id>-k`), a
place tag (试点k区) in front of its title and among its aliases, a shifted year, every project
title suffixed with ·tag, and the 万元 figures of its funding clauses (资助强度及方式, and the
notice sections 支持方式 / 组织方式) multiplied by k. A question that names copy k by its tag or
its year must therefore pick copy k's guide to get copy k's figure.

The text functions are pure; only `generate` reads and writes files.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from index.load import load_source
from index.metadata import METADATA_FILE, guide_id_for, load_metadata
from index.normalize import logical_lines
from index.parse import build_guide

FUNDING_KIND = "funding"
FUNDING_SECTIONS = ("支持方式", "组织方式")
_WAN = re.compile(r"(\d+(?:\.\d+)?)(\s*万元)")
_FIRST_YEAR, _YEARS = 2001, 99  # years stay in 2001…2099, where questions name them


@dataclass(frozen=True)
class Copy:
    """How copy k differs from the original: its tag, year shift and funding factor."""

    k: int

    @property
    def tag(self) -> str:
        """Place tag naming the copy; digits between two CJK characters, so 试点1区 is not inside 试点12区."""
        return f"试点{self.k}区"

    @property
    def factor(self) -> int:
        """Multiplier of the copy's 万元 figures."""
        return self.k

    def year(self, year: int | None) -> int | None:
        """The copy's year: shifted by k-1, wrapping inside 2001…2099 (distinct for up to 99 copies)."""
        if year is None or self.k == 1:
            return year
        return _FIRST_YEAR + (year - _FIRST_YEAR + self.k - 1) % _YEARS

    def file_name(self, source: str, width: int = 3) -> str:
        """File name of the copy: the original for copy 1, `k002_<name>` after (sorted after all originals)."""
        return source if self.k == 1 else f"k{self.k:0{width}d}_{source}"


def scale_figures(text: str, factor: int) -> str:
    """Multiply every number written before 万元 by factor, keeping the spacing around it."""
    if factor == 1:
        return text

    def times(m: re.Match[str]) -> str:
        number = m.group(1)
        value = int(number) * factor if "." not in number else float(number) * factor
        return _fmt(value) + m.group(2)

    return _WAN.sub(times, text)


def _fmt(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


def _split(text: str) -> list[str]:
    """Source lines, numbered as the parser numbers them (1-based after splitting on any newline)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def alter_text(text: str, copy: Copy) -> str:
    """The text of copy k: project titles suffixed with the tag, funding figures multiplied."""
    if copy.k == 1:
        return text
    guide = build_guide(text, guide_id="synth", source="synth.txt")
    lines = _split(text)
    spans: list[tuple[int, int]] = [c.lines for p in guide.projects for c in p.clauses if c.kind == FUNDING_KIND] + [
        s.lines for s in guide.notice_sections() if s.title in FUNDING_SECTIONS
    ]
    for first, last in spans:
        block = scale_figures("\n".join(lines[first - 1 : last]), copy.factor)
        lines[first - 1 : last] = block.split("\n")
    # A project title may wrap onto further source lines: the tag goes after its last one. It is
    # kept short (·试点100区): plain-text lines of 24+ characters count as wrapped at a page break,
    # so a longer title line would swallow the prose line after it (江苏 1001).
    header_ends = {ln.first: ln.last for ln in logical_lines("\n".join(lines))[0]}
    for project in guide.projects:
        last = header_ends.get(project.lines[0], project.lines[0])
        line = lines[last - 1].rstrip()
        closing = re.search(r"\*\*$", line)  # markdown bold around a heading: keep it closed
        body = line[: closing.start()] if closing else line
        lines[last - 1] = f"{body}·{copy.tag}" + ("**" if closing else "")
    return "\n".join(lines)


def alter_meta(meta: dict, copy: Copy) -> dict:
    """The guides.toml entry of copy k (meta holds id, title, year, aliases … of the original)."""
    if copy.k == 1:
        return dict(meta)
    out = dict(meta)
    out["id"] = f"{meta['id']}-{copy.k}"
    title = meta.get("title", "")
    year = meta.get("year")
    if year:
        out["year"] = copy.year(year)
        title = title.replace(str(year), str(out["year"]), 1)
    out["title"] = f"{copy.tag}{title}"
    out["aliases"] = [copy.tag, *meta.get("aliases", [])]
    return out


def render_toml(entries: list[dict]) -> str:
    """guides.toml text for metadata entries (strings, integers and lists of strings)."""

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, list):
            return "[" + ", ".join(json.dumps(str(x), ensure_ascii=False) for x in v) + "]"
        return json.dumps(str(v), ensure_ascii=False)

    blocks = []
    for entry in entries:
        rows = [f"{key} = {value(v)}" for key, v in entry.items() if v is not None]
        blocks.append("[[guide]]\n" + "\n".join(rows) + "\n")
    return "# Synthetic copies (index/synth.py); copy 1 is the original.\n\n" + "\n".join(blocks)


def base_meta(path: Path, entry: dict, text: str) -> dict:
    """The original's metadata: its guides.toml entry, completed from the text where it has none."""
    meta = {k: v for k, v in entry.items() if k != "file"}
    meta.setdefault("id", guide_id_for(path.name))
    if "title" not in meta or "year" not in meta:
        guide = build_guide(text, guide_id=meta["id"], source=path.name, meta=meta)
        meta.setdefault("title", guide.title)
        if guide.year:
            meta.setdefault("year", guide.year)
    return meta


def generate(guides_dir: Path, out_dir: Path, copies: int) -> list[Path]:
    """Write copies × the .txt guides of guides_dir (with their guides.toml) into out_dir; return the files."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    out_dir.mkdir(parents=True, exist_ok=True)
    metadata = load_metadata(guides_dir)
    width = max(3, len(str(copies)))
    written: list[Path] = []
    entries: list[dict] = []
    sources = sorted(p for p in guides_dir.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    originals = [(p, load_source(p).text) for p in sources]
    for k in range(1, copies + 1):
        copy = Copy(k)
        for path, text in originals:
            name = copy.file_name(path.name, width)
            target = out_dir / name
            if k == 1:
                shutil.copyfile(path, target)
            else:
                target.write_text(alter_text(text, copy), encoding="utf-8")
            meta = alter_meta(base_meta(path, metadata.get(path.name, {}), text), copy)
            entries.append({"file": name, **meta})
            written.append(target)
    (out_dir / METADATA_FILE).write_text(render_toml(entries), encoding="utf-8")
    return written
