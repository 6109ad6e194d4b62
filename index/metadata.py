"""Guide metadata: the hand-checked guides.toml, and what can be read from a guide's own text."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from index.errors import ConfigError

METADATA_FILE = "guides.toml"
_YEAR = re.compile(r"(20\d{2})\s*年")
_ISSUER = re.compile(
    r"^\s*([\u4e00-\u9fff]{2,20}(?:科学技术局|科技局|科学技术厅|科技厅|财政厅|财政局|卫生健康委员会|人民政府))\s*$"
)
_DRAFT = re.compile(r"征求意见")


def load_metadata(guides_dir: Path) -> dict[str, dict]:
    """Return {source file name: metadata} from guides.toml, or {} when there is none."""
    path = guides_dir / METADATA_FILE
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}", "fix the metadata file") from None
    out: dict[str, dict] = {}
    for entry in data.get("guide", []):
        if "file" not in entry or "id" not in entry:
            raise ConfigError(f"{path}: every [[guide]] needs `file` and `id`", "add the missing key")
        out[entry["file"]] = entry
    return out


def guide_id_for(source: str) -> str:
    """Default id for a guide without metadata: the file name without its suffix."""
    return Path(source).stem


def infer_metadata(text: str, body_title: str = "") -> dict:
    """Read title, issuer, year and status from the guide's own text."""
    head = [unicodedata.normalize("NFKC", ln).strip() for ln in text.splitlines()[:40] if ln.strip()]
    title = body_title.strip()
    if not title:
        title = next((ln for ln in head if ("指南" in ln or "通知" in ln) and len(ln) <= 80), "")
    title = re.sub(r"^#+\s*", "", title).replace("**", "")
    title = re.sub(r"\s+", "", title)
    issuer = ""
    for ln in text.splitlines():
        m = _ISSUER.match(unicodedata.normalize("NFKC", ln).replace(" ", ""))
        if m:
            issuer = m.group(1)
            break
    year_match = _YEAR.search(title) or _YEAR.search("\n".join(head))
    meta: dict = {"title": title, "status": "draft" if _DRAFT.search("\n".join(head[:10]) + title) else "final"}
    if issuer:
        meta["issuer"] = issuer
    if year_match:
        meta["year"] = int(year_match.group(1))
    return meta
