"""The guides the self-check and the calendar read: the index's catalog, or GUIDES_DIR parsed directly."""

from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings
from index.errors import ConfigError, GuideAssistantError
from index.loaders import SUPPORTED_SUFFIXES
from index.models import Guide


def parse_folder(guides_dir: Path) -> list[Guide]:
    """Every readable guide of a folder, parsed with its guides.toml metadata (nothing is embedded)."""
    from index.load import load_source
    from index.metadata import guide_id_for, load_metadata
    from index.parse import build_guide

    if not guides_dir.is_dir():
        raise ConfigError(
            f"no guides folder at {guides_dir}",
            "set GUIDE_ASSISTANT_GUIDES_DIR to the folder of guide files, or build the index with `guide-assistant ingest`",
        )
    meta = load_metadata(guides_dir)
    guides = []
    for path in sorted(p for p in guides_dir.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES):
        entry = meta.get(path.name, {})
        try:
            source = load_source(path)
        except GuideAssistantError:
            continue  # ingest reports unreadable files; the self-check uses the rest
        fields = {k: v for k, v in entry.items() if k not in ("file", "id")}
        gid = entry.get("id") or guide_id_for(path.name)
        guides.append(
            build_guide(source.text, guide_id=gid, source=path.name, content_hash=source.content_hash, meta=fields)
        )
    return guides


def current_guides(settings: Settings) -> list[Guide]:
    """The guides of the active index generation; GUIDES_DIR parsed directly when no index is built yet."""
    from index.ingest import read_snapshot
    from index.store import Generations

    if Generations(settings.index_dir).current() is not None:
        return read_snapshot(settings.index_dir).guides
    return parse_folder(settings.guides_dir)
