"""Load test of a running `guide-assistant serve`: N concurrent users asking through POST /api/ask (or --via gradio).

Starts nothing itself: serve the app first (`guide-assistant serve --port 7860`), then

    python scripts/load_test.py --url http://127.0.0.1:7860 --users 50 --seconds 30 --runs 3 --probe-ui

Each user is a coroutine on one asyncio loop (aiohttp, keep-alive connections): it asks, waits for
the answer, asks the next question; no think time, so this is the heaviest load N users can make.
Only a server on this machine (127.0.0.1 / localhost) may be targeted; bounded in time (--seconds)
and in count (--max-requests). Prints per run: requests, errors, latency p50/p95/p99/max, answers/s,
the server's RSS over time and its CPU, and the load generator's own CPU (to show it is not the
bottleneck). --probe-ui also asks through the Gradio app's queue (the path the chat uses) every two
seconds and loads the page, and reports how long those took under the load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_USERS = 500
PROBE_EVERY = 2.0  # seconds between UI probes
SAMPLE_EVERY = 1.0  # seconds between RSS samples

# (question, history, guide): funding, period, listings, notice items, follow-ups, a refusal, English.
QUESTIONS: list[tuple[str, list[list[str]] | None, str | None]] = [
    ("重庆人口健康专项项目十八给多少钱？", None, None),
    ("那它的实施周期呢？", [["重庆人口健康专项项目十八给多少钱？", "项目十八的资助强度及方式：…200万元…"]], None),
    ("哪些项目是定向委托？", None, "cq-2024-population-health"),
    ("2023年重庆生物医药重大专项哪个项目资助最多？", None, None),
    ("柳州每家三甲医院限报几项？", None, None),
    ("江苏前沿技术项目申报截止时间是什么时候？", None, None),
    ("沙坪坝征求意见的联系电话是多少？", None, None),
    ("企业能牵头吗？", None, "cq-2023-biomedicine"),
    ("项目三的其他说明是什么？", None, "cq-2023-biomedicine"),
    ("方向 2的研究内容是什么？", None, "liuzhou-2022-medical"),
    ("申报人年龄有限制吗？", None, "cq-shapingba-2024-health"),
    ("How much funding does project 18 of the Chongqing population health guide give?", None, None),
]


@dataclass
class Tally:
    """What all users of one run did (one event loop: no lock needed)."""

    max_requests: int
    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: int = 0
    rss_mb: list[tuple[float, float]] = field(default_factory=list)  # (seconds since start, MB)
    probe_ask_ms: list[float] = field(default_factory=list)
    probe_page_ms: list[float] = field(default_factory=list)
    probe_errors: list[str] = field(default_factory=list)

    def claim(self) -> bool:
        """Reserve one request within the count bound."""
        if self.started >= self.max_requests:
            return False
        self.started += 1
        return True


def check_local(url: str) -> str:
    """The URL without a trailing slash if it points at this machine; exit with a message otherwise."""
    parsed = urlparse(url)
    if parsed.scheme != "http" or parsed.hostname not in LOCAL_HOSTS:
        sys.exit(f"refusing to load-test {url!r}: only http://127.0.0.1 or http://localhost targets are allowed")
    return url.rstrip("/")


def find_server_pid(url: str) -> int | None:
    """The pid of the process listening on the URL's port (this user's processes only), or None."""
    import psutil

    port = urlparse(url).port or 80
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
            return conn.pid
    return None


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def load_questions(path: str | None) -> list[tuple[str, list[list[str]] | None, str | None]]:
    """The built-in mix, or every question (with its history) of a facts file such as evals/facts.jsonl."""
    if path is None:
        return QUESTIONS
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(r["question"], r.get("history"), r.get("guide")) for r in rows]


async def ask_gradio(session, url: str, question: str, history, guide) -> tuple[object, int]:
    """One answer through the Gradio app's /ask endpoint (its queue, as gradio_client calls it): (body, status)."""
    async with session.post(f"{url}/gradio_api/call/ask", json={"data": [question, history, guide]}) as response:
        if response.status != 200:
            return {"error": await response.text()}, response.status
        event = (await response.json(content_type=None))["event_id"]
    async with session.get(f"{url}/gradio_api/call/ask/{event}") as response:
        lines = (await response.text()).splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.strip() == "event: complete" and lines[i + 1].startswith("data:"):
            return json.loads(lines[i + 1][5:])[0], 200
    return {"error": " ".join(lines)[:200]}, 0


async def user(
    number: int, session, url: str, deadline: float, tally: Tally, questions: list, via: str = "api"
) -> None:
    """One user asking questions in turn until the time or the request budget is spent."""
    import aiohttp

    turn = number * 7  # users start at different questions
    while time.monotonic() < deadline and tally.claim():
        question, history, guide = questions[turn % len(questions)]
        turn += 1
        started = time.perf_counter()
        try:
            if via == "gradio":
                body, status = await ask_gradio(session, url, question, history, guide)
            else:
                async with session.post(
                    f"{url}/api/ask", json={"question": question, "history": history, "guide": guide}
                ) as response:
                    body = await response.json(content_type=None)
                    status = response.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            body, status = {"error": f"{type(exc).__name__}: {exc}"}, 0
        tally.latencies_ms.append((time.perf_counter() - started) * 1000)
        if status == 200 and isinstance(body, dict) and "answer" in body:
            tally.server_ms.append(float(body.get("latency_ms", 0.0)))
        else:
            message = body.get("error") if isinstance(body, dict) else body
            tally.errors.append(f"{status}: {message}"[:200])


async def sample_rss(pid: int | None, began: float, deadline: float, tally: Tally) -> None:
    """The server's RSS (process and children) every SAMPLE_EVERY seconds until the deadline."""
    if pid is None:
        return
    import psutil

    proc = psutil.Process(pid)
    while True:
        try:
            rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
        except psutil.Error:
            return
        tally.rss_mb.append((round(time.monotonic() - began, 1), rss / 2**20))
        if time.monotonic() >= deadline:
            return
        await asyncio.sleep(SAMPLE_EVERY)


async def probe_ui(session, url: str, deadline: float, tally: Tally) -> None:
    """Every PROBE_EVERY seconds: one question through the Gradio queue (/gradio_api/call/ask) and the page."""
    question = QUESTIONS[0][0]
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            async with session.post(f"{url}/gradio_api/call/ask", json={"data": [question, None, None]}) as r:
                event = (await r.json(content_type=None))["event_id"]
            async with session.get(f"{url}/gradio_api/call/ask/{event}") as r:
                stream = await r.text()
            if "event: complete" not in stream:
                raise ValueError(stream[:120])
            tally.probe_ask_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            async with session.get(f"{url}/") as r:
                await r.read()
                if r.status != 200:
                    raise ValueError(f"page status {r.status}")
            tally.probe_page_ms.append((time.perf_counter() - started) * 1000)
        except Exception as exc:
            tally.probe_errors.append(f"{type(exc).__name__}: {exc}"[:200])
        await asyncio.sleep(max(0.0, PROBE_EVERY - (time.perf_counter() - started)))


async def run_once(
    url: str,
    users: int,
    seconds: float,
    max_requests: int,
    pid: int | None,
    probe: bool,
    questions: list,
    via: str = "api",
) -> dict:
    """One run: the users, the RSS sampler and the UI probe; return the figures."""
    import aiohttp
    import psutil

    tally = Tally(max_requests=max_requests)
    me = psutil.Process()
    server = psutil.Process(pid) if pid else None
    cpu_me, cpu_server = sum(me.cpu_times()[:2]), sum(server.cpu_times()[:2]) if server else 0.0
    connector = aiohttp.TCPConnector(limit=users + 4, force_close=False)
    timeout = aiohttp.ClientTimeout(total=120)
    began = time.monotonic()
    deadline = began + seconds
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [user(i, session, url, deadline, tally, questions, via) for i in range(users)]
        tasks.append(sample_rss(pid, began, deadline, tally))
        if probe:
            async with aiohttp.ClientSession(timeout=timeout) as probe_session:
                tasks.append(probe_ui(probe_session, url, deadline, tally))
                await asyncio.gather(*tasks)
        else:
            await asyncio.gather(*tasks)
    wall = time.monotonic() - began
    done = len(tally.latencies_ms)
    rss = [mb for _, mb in tally.rss_mb]
    figures = {
        "url": url,
        "users": users,
        "seconds": round(wall, 1),
        "requests": done,
        "errors": len(tally.errors),
        "answers_per_s": round((done - len(tally.errors)) / wall, 1) if wall else 0.0,
        "p50_ms": round(percentile(tally.latencies_ms, 50), 1),
        "p95_ms": round(percentile(tally.latencies_ms, 95), 1),
        "p99_ms": round(percentile(tally.latencies_ms, 99), 1),
        "max_ms": round(max(tally.latencies_ms, default=0.0), 1),
        "server_answer_p50_ms": round(percentile(tally.server_ms, 50), 2),
        "server_answer_p95_ms": round(percentile(tally.server_ms, 95), 2),
        "generator_cpu_percent": round(100 * (sum(me.cpu_times()[:2]) - cpu_me) / wall, 0),
        "first_errors": tally.errors[:5],
    }
    if server:
        figures["server_pid"] = pid
        figures["server_cpu_percent"] = round(100 * (sum(server.cpu_times()[:2]) - cpu_server) / wall, 0)
    if rss:
        figures["rss_mb"] = {"start": round(rss[0]), "max": round(max(rss)), "end": round(rss[-1])}
        figures["rss_timeline_mb"] = [[t, round(mb)] for t, mb in tally.rss_mb[:: max(1, len(rss) // 12)]]
    if probe:
        figures["ui_probe"] = {
            "asks": len(tally.probe_ask_ms),
            "ask_p50_ms": round(percentile(tally.probe_ask_ms, 50), 1),
            "ask_max_ms": round(max(tally.probe_ask_ms, default=0.0), 1),
            "page_p50_ms": round(percentile(tally.probe_page_ms, 50), 1),
            "page_max_ms": round(max(tally.probe_page_ms, default=0.0), 1),
            "errors": tally.probe_errors[:5],
        }
    return figures


def show(figures: dict, run: int) -> None:
    """Print one run's figures for a reader."""
    print(
        f"run {run}: {figures['users']} users, {figures['seconds']} s: {figures['requests']} requests, "
        f"{figures['errors']} errors, {figures['answers_per_s']} answers/s"
    )
    print(
        f"  latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, "
        f"max {figures['max_ms']} ms (the answer itself, server-side: p50 {figures['server_answer_p50_ms']} ms, "
        f"p95 {figures['server_answer_p95_ms']} ms)"
    )
    cpu = f"load generator CPU {figures['generator_cpu_percent']:.0f}%"
    if "server_cpu_percent" in figures:
        cpu += f", server CPU {figures['server_cpu_percent']:.0f}% (pid {figures['server_pid']})"
    print(f"  {cpu}")
    if "rss_mb" in figures:
        rss = figures["rss_mb"]
        timeline = ", ".join(f"{t:.0f}s {mb}" for t, mb in figures["rss_timeline_mb"])
        print(f"  server RSS MB: start {rss['start']}, max {rss['max']}, end {rss['end']} ({timeline})")
    if "ui_probe" in figures:
        ui = figures["ui_probe"]
        print(
            f"  UI under load: {ui['asks']} asks through the Gradio queue, p50 {ui['ask_p50_ms']} ms, "
            f"max {ui['ask_max_ms']} ms; page load p50 {ui['page_p50_ms']} ms, max {ui['page_max_ms']} ms"
        )
        for error in ui["errors"]:
            print(f"  UI probe error: {error}")
    for error in figures["first_errors"]:
        print(f"  error: {error}")


async def main_async(args: argparse.Namespace) -> int:
    """All runs in a row; exit status 1 when any request failed."""
    url = check_local(args.url)
    pid = args.pid or find_server_pid(url)
    questions = load_questions(args.questions)
    failed = False
    for run in range(1, args.runs + 1):
        if run > 1:
            await asyncio.sleep(args.pause)
        figures = await run_once(
            url, args.users, args.seconds, args.max_requests, pid, args.probe_ui, questions, args.via
        )
        figures["via"] = args.via
        figures["questions"] = args.questions or "built-in mix"
        figures["run"] = run
        failed = failed or bool(figures["errors"])
        if args.json:
            print(json.dumps(figures, ensure_ascii=False), flush=True)
        else:
            show(figures, run)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860", help="the running app (this machine only)")
    parser.add_argument("--users", type=int, default=50, help=f"concurrent users, 1-{MAX_USERS}")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long each run lasts")
    parser.add_argument("--runs", type=int, default=1, help="runs in a row (RSS after each shows growth)")
    parser.add_argument("--pause", type=float, default=2.0, help="seconds between runs")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop a run after this many requests")
    parser.add_argument("--pid", type=int, default=None, help="server pid for RSS/CPU (default: found by port)")
    parser.add_argument("--probe-ui", action="store_true", help="also time the Gradio queue and the page")
    parser.add_argument(
        "--questions", default=None, help="a facts file (evals/facts.jsonl) instead of the built-in mix"
    )
    parser.add_argument(
        "--via", choices=("api", "gradio"), default="api", help="POST /api/ask, or the Gradio app's /ask endpoint"
    )
    parser.add_argument("--json", action="store_true", help="print each run's figures as one JSON object")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users must be between 1 and {MAX_USERS}")
    if not 0 < args.seconds <= 3600 or args.max_requests < 1 or not 1 <= args.runs <= 20:
        parser.error("--seconds must be in (0, 3600], --max-requests at least 1, --runs 1-20")
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main_async(args))
    return uvloop.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
