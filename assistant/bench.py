"""Benchmark on this machine: ingest time, index size, answer latency, throughput, serving memory.

`run_bench(settings, scale)` builds a corpus in a temp folder (the guides for scale 1, else `scale`
synthetic copies from index/synth.py), ingests it into a temp DATA_DIR with no embedding cache (cold),
re-ingests it unchanged, ingests it once more into a new DATA_DIR with the embedding cache copied
(warm), then answers the questions of evals/facts.jsonl: latency percentiles of a warm pass, answers
per second with one thread, two threads and two processes (each with every core for its embedding
engine, then with the cores shared out by GUIDE_ASSISTANT_EMBED_THREADS), and the peak RSS of
`guide-assistant serve` answering them through its /ask API. Above scale 1 it also asks the facts of
copies 2 and N by their tag (试点k区…) and counts how often the answer cites that copy and states its
figures.

Above FULL_EMBED_MAX_SCALE copies, embedding every copy does not fit in a bench run on two cores:
the copies' vectors are then borrowed from copy 1 (the same clause of the same guide, without the
copy's tag and factor) and the cold ingest is estimated from the measured embedding rate. The figures
say which was done (`vectors`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant.local import NotServingError, ask_api, free_port, stop, wait_until_serving
from assistant.settings import Settings
from index.loaders import SUPPORTED_SUFFIXES

FULL_EMBED_MAX_SCALE = 10
SERVE_START_TIMEOUT = 600.0
WORKERS = 2


def _say(progress: bool, message: str) -> None:
    if progress:
        print(f"[bench] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0…100) of values; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def folder_mb(path: Path, exclude: tuple[str, ...] = ()) -> float:
    """Size on disk of the files under path (top-level names in exclude left out), in MB."""
    total = 0
    if path.exists():
        for child in path.iterdir():
            if child.name in exclude:
                continue
            files = [child] if child.is_file() else [p for p in child.rglob("*") if p.is_file()]
            total += sum(p.stat().st_blocks * 512 for p in files)
    return round(total / 2**20, 2)


def load_facts_file(path: Path | None = None) -> list[dict]:
    """The items of a facts file, default evals/facts.jsonl."""
    from evals.runner import DEFAULT_FACTS, load_facts

    return load_facts(path or DEFAULT_FACTS)


def load_questions(path: Path | None = None) -> list[dict]:
    """The questions (and histories) of a facts file, default evals/facts.jsonl."""
    return [{"question": f["question"], "history": f.get("history") or []} for f in load_facts_file(path)]


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed_ingest(data_dir: Path, corpus: Path, settings: Settings) -> dict:
    """Ingest corpus into data_dir; return wall and CPU seconds, the embedding part, and the report."""
    from index.ingest import ingest

    marks: list[float] = []

    def progress(_advance: int, _total: int) -> None:
        marks.append(time.perf_counter())

    cpu, started = _cpu_s(), time.perf_counter()
    report = ingest(
        data_dir,
        corpus,
        settings.embedding,
        settings.chroma_url,
        progress=progress,
        embed_threads=settings.embed_threads,
    )
    wall = time.perf_counter() - started
    failed = [f"{f.source}: {f.error}" for f in report.failed]
    if failed:
        raise RuntimeError("bench corpus did not ingest: " + "; ".join(failed))
    return {
        "s": round(wall, 3),
        "cpu_s": round(_cpu_s() - cpu, 2),
        "embed_s": round(marks[-1] - marks[0], 3) if len(marks) > 1 else 0.0,
        "report": report,
    }


def _corpus_chunks(corpus: Path) -> Iterator:
    """The chunks ingest will make of a corpus folder (same metadata handling as index.ingest)."""
    from index.chunk import chunk_guide
    from index.load import load_source
    from index.metadata import guide_id_for, load_metadata
    from index.parse import build_guide

    metadata = load_metadata(corpus)
    for path in sorted(p for p in corpus.iterdir() if p.suffix.lower() == ".txt"):
        meta = metadata.get(path.name, {})
        fields = {k: v for k, v in meta.items() if k not in ("file", "id")}
        guide = build_guide(
            load_source(path).text, guide_id=meta.get("id") or guide_id_for(path.name), source=path.name, meta=fields
        )
        yield from chunk_guide(guide)


def borrow_vectors(seed_dir: Path, data_dir: Path, corpus: Path, model: str) -> int:
    """Fill data_dir's embedding cache for the copies in corpus with copy 1's vectors from seed_dir.

    Copy k of a guide is file `kNNN_<original file>` and its chunks have the ids of copy 1's
    chunks with `-k` after the guide id; each gets the vector of its copy-1 clause. Returns the
    number of texts given a borrowed vector (texts that would otherwise be embedded).
    """
    from index.store import EmbeddingCache

    def sha(text: str) -> str:  # the cache key of index.ingest.embed_texts
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    chunks = list(_corpus_chunks(corpus))
    originals = {(c.source, c.id.split(":", 1)[1]): sha(c.text) for c in chunks if not c.source.startswith("k")}
    seed = EmbeddingCache(seed_dir, model)
    try:
        vectors = seed.get_many(list(set(originals.values())))
    finally:
        seed.close()
    borrowed = {}
    for c in chunks:
        key = sha(c.text)
        if key in vectors or key in borrowed:
            continue
        source = c.source.split("_", 1)[1] if c.source.startswith("k") else c.source
        original = originals.get((source, c.id.split(":", 1)[1]))
        if original in vectors:
            borrowed[key] = vectors[original]
    cache = EmbeddingCache(data_dir, model)
    try:
        cache.put_many({**vectors, **borrowed})
    finally:
        cache.close()
    return len(borrowed)


def measure_latency(assistant, questions: list[dict]) -> tuple[list[float], list[str], float]:
    """Milliseconds per answer over a timed pass that follows a warm-up pass; failed questions; the warm-up's seconds.

    A question whose answer raises is counted and skipped (not timed): one bad answer must not end the bench.
    """
    latencies, errors, first_pass = [], [], 0.0
    for timed in (False, True):
        pass_started = time.perf_counter()
        for q in questions:
            started = time.perf_counter()
            try:
                assistant.ask(q["question"], history=q["history"])
            except Exception as exc:
                if timed:
                    errors.append(f"{q['question']}: {type(exc).__name__}: {exc}")
                continue
            if timed:
                latencies.append((time.perf_counter() - started) * 1000)
        if not timed:
            first_pass = time.perf_counter() - pass_started
    return latencies, errors, first_pass


def copy_questions(facts: list[dict], k: int, originals: list) -> list[dict]:
    """The facts' answerable single-turn questions asked of copy k, each with what it must cite.

    A question names copy k as a user would: its tag (试点k区) in front and its guide's year shifted
    as synth shifts it (originals: the copy-1 Guides). `figures`: for a funding clause, the fact's
    万元 figures that the original clause states, scaled to copy k.
    """
    from index.synth import FUNDING_KIND, Copy, scale_figures

    copy = Copy(k)
    out = []
    for f in facts:
        cite = f.get("cite")
        if f.get("refuse") or f.get("history") or not cite or not cite.get("guide"):
            continue
        question = f["question"]
        guide = next((g for g in originals if cite["guide"] in g.title), None)
        if guide is not None and guide.year:
            question = re.sub(rf"(?<!\d){guide.year}(?!\d)", str(copy.year(guide.year)), question)
        project = guide.project(cite.get("project", "")) if guide is not None else None
        clause = project.clause(cite["clause"]) if project is not None else None
        figures = []
        if clause is not None and clause.kind == FUNDING_KIND:
            stated = [
                group for group in f.get("facts", []) if any("万元" in alt and alt in clause.text for alt in group)
            ]
            figures = [[scale_figures(alt, copy.factor) for alt in group] for group in stated]
        out.append({"question": copy.tag + question, "guide": cite["guide"], "figures": figures, "tag": copy.tag})
    return out


def measure_copies(assistant, items: list[dict]) -> dict:
    """How often a question naming copy k cites copy k's guide, and states copy k's figures where it must."""
    from evals.runner import norm

    right_guide = right_figures = with_figures = 0
    for item in items:
        try:
            answer = assistant.ask(item["question"])
        except Exception:
            continue
        first = answer.citations[0].guide_title if answer.citations else ""
        right_guide += first.startswith(item["tag"]) and item["guide"] in first
        if item["figures"]:
            with_figures += 1
            text = norm(answer.answer)
            right_figures += all(any(norm(alt) in text for alt in group) for group in item["figures"])
    return {
        "copy_questions": len(items),
        "copy_right_guide": round(right_guide / len(items), 4) if items else None,
        "copy_figure_questions": with_figures,
        "copy_right_figures": round(right_figures / with_figures, 4) if with_figures else None,
    }


def measure_threads(assistant, questions: list[dict], threads: int = WORKERS) -> float:
    """Answers per second with `threads` threads sharing one Assistant (as the web app does)."""

    def one(q: dict) -> None:
        with contextlib.suppress(Exception):
            assistant.ask(q["question"], history=q["history"])

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, questions))
    return len(questions) / (time.perf_counter() - started)


class RssSampler:
    """Samples the RSS of processes (with their children) in a thread; keeps each one's peak."""

    def __init__(self, pids: list[int], interval: float = 0.1) -> None:
        import psutil

        self._procs = [psutil.Process(pid) for pid in pids]
        self.peak: dict[int, float] = dict.fromkeys(pids, 0.0)
        self.last: dict[int, float] = dict.fromkeys(pids, 0.0)
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss_mb(self, proc) -> float:
        import psutil

        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
        return total / 2**20

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for proc in self._procs:
                with contextlib.suppress(psutil.Error):
                    rss = self._rss_mb(proc)
                    self.last[proc.pid] = rss
                    self.peak[proc.pid] = max(self.peak[proc.pid], rss)
            self._stop.wait(self._interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _child_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GUIDE_ASSISTANT_DATA_DIR=str(settings.data_dir),
        GUIDE_ASSISTANT_GUIDES_DIR=str(settings.guides_dir),
        GUIDE_ASSISTANT_EMBEDDING=settings.embedding,
        GUIDE_ASSISTANT_EMBED_THREADS=str(settings.embed_threads),
        GUIDE_ASSISTANT_CHROMA_URL=settings.chroma_url,
        GUIDE_ASSISTANT_LLM_BASE_URL="",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
    )
    return env


def measure_processes(settings: Settings, questions_file: Path, workers: int = WORKERS) -> dict:
    """Answers per second of `workers` processes, each with its own Assistant, started together."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "assistant.bench", "--worker", str(questions_file)],
            env=_child_env(settings),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    try:
        with RssSampler([p.pid for p in procs]) as sampler:
            for p in procs:  # each has loaded its Assistant
                json.loads(p.stdout.readline() or "{}")
            started = time.perf_counter()
            for p in procs:
                p.stdin.write("go\n")
                p.stdin.flush()
            results = [json.loads(p.stdout.readline() or "{}") for p in procs]
            wall = time.perf_counter() - started
        return {
            "answers_per_s": round(sum(r.get("answers", 0) for r in results) / wall, 2),
            "peak_rss_mb": round(max(sampler.peak.values()), 1),
        }
    finally:
        for p in procs:
            with contextlib.suppress(Exception):
                p.stdin.close()
            p.wait(timeout=30)


def measure_serve(settings: Settings, questions: list[dict], progress: bool = False) -> dict:
    """Start `guide-assistant serve` on a free port, answer the questions through /ask, sample its RSS."""
    base = f"http://127.0.0.1:{free_port()}"
    # Its log goes to a file: a pipe nobody reads would block the server once full.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", base.rsplit(":", 1)[1]],
            env=_child_env(settings),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            return _answer_over_http(base, proc, log, questions, progress)
        finally:
            stop(proc)


def _answer_over_http(base: str, proc: subprocess.Popen, log, questions: list[dict], progress: bool) -> dict:
    out: dict = {"serve_mode": "guide-assistant serve"}
    with RssSampler([proc.pid]) as sampler:
        try:
            out["serve_start_s"] = round(wait_until_serving(base + "/", proc, SERVE_START_TIMEOUT), 2)
        except NotServingError as exc:
            log.seek(0)
            return {"serve_mode": f"serve {exc}: {log.read()[-300:]}"}
        time.sleep(1.0)
        out["serve_idle_rss_mb"] = round(sampler.last[proc.pid], 1)
        _say(progress, f"serve up in {out['serve_start_s']} s; asking {len(questions)} questions over HTTP")
        latencies, errors = [], 0
        for q in questions:
            t0 = time.perf_counter()
            try:
                answer = ask_api(base, q["question"], q["history"])
            except (OSError, RuntimeError, ValueError, KeyError):
                errors += 1
                continue
            errors += "error" in answer
            latencies.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
    out.update(
        serve_http_p50_ms=round(percentile(latencies, 50), 1),
        serve_http_p95_ms=round(percentile(latencies, 95), 1),
        serve_errors=errors,
        serve_peak_rss_mb=round(sampler.peak[proc.pid], 1),
    )
    return out


def run_bench(
    settings: Settings,
    scale: int = 1,
    progress: bool = True,
    *,
    serve: bool = True,
    processes: bool = True,
    questions: list[dict] | None = None,
    seed_cache: Path | None = None,
    borrow: bool | None = None,
    workdir: Path | None = None,
) -> dict:
    """Measure ingest, index size, latency, throughput and serving memory; return {measure: value}.

    serve / processes: skip the serve-RSS / two-process parts (tests). questions: default the
    facts file's. seed_cache: an embcache folder copied into the cold DATA_DIR (then the ingest is
    not cold and `vectors` says so). borrow: vectors of copies k ≥ 2 taken from copy 1 (default
    above FULL_EMBED_MAX_SCALE copies). workdir: keep the corpus and data there instead of a temp dir.
    """
    from assistant.assistant import Assistant
    from index import synth

    questions = questions if questions is not None else load_questions()
    borrow = scale > FULL_EMBED_MAX_SCALE if borrow is None else borrow
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="ga-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict = {"scale": scale, "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)}
    try:
        if scale == 1:
            corpus = settings.guides_dir
        else:
            corpus = work / "guides"
            synth.generate(settings.guides_dir, corpus, scale)
        figures["guides"] = sum(1 for p in corpus.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
        data = work / "data"
        bench = settings.model_copy(update={"data_dir": data, "guides_dir": corpus, "llm_base_url": ""})
        if seed_cache is not None:
            shutil.copytree(seed_cache, data / "embcache")
        if borrow and scale > 1:
            _say(progress, "cold ingest of copy 1 (the guides), to borrow its vectors")
            seed = _timed_ingest(work / "seed", settings.guides_dir, bench)
            rate = seed["report"].embedded / seed["embed_s"] if seed["embed_s"] else 0.0
            figures.update(cold_ingest_1x_s=seed["s"], embed_texts_per_s=round(rate, 2))
            borrowed = borrow_vectors(work / "seed", data, corpus, _embedder_name(bench))
            figures["vectors"] = f"copies 2…{scale} borrowed from copy 1 ({borrowed} texts not embedded)"
            _say(progress, f"ingest of {scale} copies with borrowed vectors")
            run = _timed_ingest(data, corpus, bench)
            figures.update(warm_cache_ingest_s=run["s"], warm_cache_ingest_cpu_s=run["cpu_s"])
            if rate:
                figures["cold_ingest_est_s"] = round(run["s"] + seed["embed_s"] + borrowed / rate, 1)
        else:
            figures["vectors"] = "embedded (cache seeded)" if seed_cache is not None else "embedded (cold)"
            _say(progress, f"cold ingest of {figures['guides']} guides")
            run = _timed_ingest(data, corpus, bench)
            rate = run["report"].embedded / run["embed_s"] if run["embed_s"] else 0.0
            figures.update(cold_ingest_s=run["s"], cold_ingest_cpu_s=run["cpu_s"], embed_s=run["embed_s"])
            figures.update(embedded=run["report"].embedded, embed_texts_per_s=round(rate, 2))
        figures["chunks"] = run["report"].chunks
        again = _timed_ingest(data, corpus, bench)
        figures["reingest_unchanged_s"] = again["s"]
        figures["index_mb"] = folder_mb(data, exclude=("embcache",))
        figures["embcache_mb"] = folder_mb(data / "embcache")
        if not borrow:
            _say(progress, "ingest with the embedding cache warm")
            warm_dir = work / "warm"
            shutil.copytree(data / "embcache", warm_dir / "embcache")
            warm = _timed_ingest(warm_dir, corpus, bench)
            figures.update(warm_cache_ingest_s=warm["s"], warm_cache_ingest_cpu_s=warm["cpu_s"])
            shutil.rmtree(warm_dir, ignore_errors=True)

        started = time.perf_counter()
        assistant = Assistant.from_settings(bench)
        figures["assistant_load_s"] = round(time.perf_counter() - started, 2)
        _say(progress, f"latency over {len(questions)} questions (after a warm-up pass)")
        latencies, errors, first_pass = measure_latency(assistant, questions)
        figures.update(
            questions=len(questions),
            errors=len(errors),
            first_pass_s=round(first_pass, 2),
            p50_ms=round(percentile(latencies, 50), 1),
            p95_ms=round(percentile(latencies, 95), 1),
            p99_ms=round(percentile(latencies, 99), 1),
            max_ms=round(max(latencies, default=0.0), 1),
            answers_per_s_1thread=round(len(latencies) / (sum(latencies) / 1000), 2) if latencies else 0.0,
        )
        if errors:
            figures["first_error"] = errors[0][:300]
        _say(progress, "throughput with 2 threads")
        figures["answers_per_s_2threads"] = round(measure_threads(assistant, questions), 2)
        if scale > 1:
            ks = sorted({2, scale})
            _say(progress, f"questions naming copies {ks} by their tag")
            facts = load_facts_file()
            names = {p.name for p in settings.guides_dir.iterdir()}
            originals = [g for g in assistant.guides.values() if g.source in names]  # copy k ≥ 2 is k002_…
            figures.update(measure_copies(assistant, [q for k in ks for q in copy_questions(facts, k, originals)]))
        if processes:
            questions_file = work / "questions.json"
            questions_file.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
            shared = max(1, (os.cpu_count() or 1) // WORKERS)
            for label, threads in (("", 0), ("_shared_threads", shared)):
                _say(progress, f"throughput with {WORKERS} processes, engine threads {threads or 'all cores'} each")
                run = measure_processes(bench.model_copy(update={"embed_threads": threads}), questions_file)
                figures[f"answers_per_s_2procs{label}"] = run["answers_per_s"]
                figures["assistant_peak_rss_mb"] = max(figures.get("assistant_peak_rss_mb", 0.0), run["peak_rss_mb"])
        if serve:
            _say(progress, "guide-assistant serve: start, answer over HTTP, sample RSS")
            figures.update(measure_serve(bench, questions, progress))
        return figures
    finally:
        if workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def _embedder_name(settings: Settings) -> str:
    from index.embed import make_embedder

    return make_embedder(settings.embedding, settings.embed_threads).name


def _worker(questions_file: Path) -> None:
    """A throughput worker: load the Assistant, say ready, wait for `go`, answer all, report."""
    from assistant.assistant import Assistant

    questions = json.loads(questions_file.read_text(encoding="utf-8"))
    assistant = Assistant.from_settings(Settings())
    for q in questions:  # warm-up pass, as for the in-process figures
        with contextlib.suppress(Exception):
            assistant.ask(q["question"], history=q["history"])
    print(json.dumps({"ready": True}), flush=True)
    sys.stdin.readline()
    started, answers = time.perf_counter(), 0
    for q in questions:
        with contextlib.suppress(Exception):
            assistant.ask(q["question"], history=q["history"])
            answers += 1
    print(json.dumps({"answers": answers, "seconds": time.perf_counter() - started}), flush=True)


if __name__ == "__main__" and sys.argv[1:2] == ["--worker"]:
    _worker(Path(sys.argv[2]))
