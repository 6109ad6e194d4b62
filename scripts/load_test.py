"""Load test of a running web app: N concurrent users asking through /ask with gradio_client.

Starts nothing itself: serve the app first (`guide-assistant serve --port 7860`), then

    python scripts/load_test.py --url http://127.0.0.1:7860 --users 50 --seconds 60

Only a server on this machine (127.0.0.1 / localhost) may be targeted. Bounded in time (--seconds) and
in count (--max-requests); prints requests done, errors, and p50/p95 latency as the users saw it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_USERS = 200

# (question, history, guide_id): funding, period, listings, notice items, follow-ups, a refusal, English.
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
    """What all users did, guarded by one lock."""

    max_requests: int
    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self) -> bool:
        """Reserve one request within the count bound."""
        with self.lock:
            if self.started >= self.max_requests:
                return False
            self.started += 1
            return True

    def record(self, elapsed_ms: float, result: object) -> None:
        """Count a finished request: an answer, or an error."""
        with self.lock:
            self.latencies_ms.append(elapsed_ms)
            if isinstance(result, dict) and "answer" in result:
                self.server_ms.append(float(result.get("latency_ms", 0.0)))
            else:
                message = result.get("error") if isinstance(result, dict) else result
                self.errors.append(str(message)[:200])


def check_local(url: str) -> str:
    """The URL if it points at this machine; exit with a message otherwise."""
    host = urlparse(url).hostname
    if urlparse(url).scheme not in ("http", "https") or host not in LOCAL_HOSTS:
        sys.exit(f"refusing to load-test {url!r}: only http://127.0.0.1 or http://localhost targets are allowed")
    return url


def user(number: int, url: str, deadline: float, tally: Tally) -> None:
    """One user: its own client, asking questions in turn until the time or the request budget is spent."""
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:
        with tally.lock:
            tally.errors.append(f"user {number} could not connect: {exc}"[:200])
        return
    turn = number
    while time.monotonic() < deadline and tally.claim():
        question, history, guide_id = QUESTIONS[turn % len(QUESTIONS)]
        turn += 1
        started = time.perf_counter()
        try:
            result: object = client.predict(question, history, guide_id, api_name="/ask")
        except Exception as exc:
            result = f"{type(exc).__name__}: {exc}"
        tally.record((time.perf_counter() - started) * 1000, result)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def run(url: str, users: int, seconds: float, max_requests: int) -> dict:
    """Drive the users and return the figures."""
    tally = Tally(max_requests=max_requests)
    began = time.monotonic()
    deadline = began + seconds
    threads = [
        threading.Thread(target=user, args=(i, url, deadline, tally), daemon=True, name=f"user-{i}")
        for i in range(users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()) + 60)  # a request in flight may finish late
    wall = time.monotonic() - began
    with tally.lock:
        done = len(tally.latencies_ms)
        return {
            "url": url,
            "users": users,
            "seconds": round(wall, 1),
            "requests": done,
            "errors": len(tally.errors),
            "throughput_rps": round(done / wall, 1) if wall else 0.0,
            "p50_ms": round(percentile(tally.latencies_ms, 50), 1),
            "p95_ms": round(percentile(tally.latencies_ms, 95), 1),
            "max_ms": round(max(tally.latencies_ms, default=0.0), 1),
            "server_p50_ms": round(statistics.median(tally.server_ms), 1) if tally.server_ms else 0.0,
            "first_errors": tally.errors[:5],
        }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the figures; exit 1 when any request failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860", help="the running app (this machine only)")
    parser.add_argument("--users", type=int, default=50, help=f"concurrent users, 1-{MAX_USERS}")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long users keep asking")
    parser.add_argument("--max-requests", type=int, default=20_000, help="stop after this many requests in all")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users must be between 1 and {MAX_USERS}")
    if not 0 < args.seconds <= 3600 or args.max_requests < 1:
        parser.error("--seconds must be in (0, 3600] and --max-requests at least 1")
    figures = run(check_local(args.url), args.users, args.seconds, args.max_requests)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(
            f"{figures['users']} users, {figures['seconds']} s: {figures['requests']} requests "
            f"({figures['throughput_rps']}/s), {figures['errors']} errors"
        )
        print(
            f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms "
            f"(server-side answer p50 {figures['server_p50_ms']} ms)"
        )
        for error in figures["first_errors"]:
            print(f"  error: {error}")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
