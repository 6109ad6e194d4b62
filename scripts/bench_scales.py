"""Run the benchmark at several scales and append one JSON line of figures per scale to a file.

    python scripts/bench_scales.py 1 10 100 --out bench.jsonl [--no-serve] [--keep DIR]

Scales above assistant.bench.FULL_EMBED_MAX_SCALE borrow copy 1's vectors (see assistant/bench.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assistant.bench import run_bench
from assistant.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scales", nargs="+", type=int)
    parser.add_argument("--out", type=Path, default=Path("bench.jsonl"))
    parser.add_argument("--no-serve", action="store_true", help="skip the serve-RSS part")
    parser.add_argument("--keep", type=Path, help="keep each scale's corpus and index under this folder")
    args = parser.parse_args()
    settings = Settings()
    for scale in args.scales:
        started = time.perf_counter()
        workdir = args.keep / f"scale{scale}" if args.keep else None
        figures = run_bench(settings, scale=scale, progress=True, serve=not args.no_serve, workdir=workdir)
        figures["bench_wall_s"] = round(time.perf_counter() - started, 1)
        with args.out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(figures, ensure_ascii=False) + "\n")
        print(json.dumps(figures, ensure_ascii=False), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
