"""Run the known-facts file through the Assistant (and the naive-RAG baseline); write the reports."""

from __future__ import annotations

import json
import re
import time
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from assistant.models import Answer
from assistant.verify import figures, stated_text, ungrounded_figures
from index.vocab import clauses

DEFAULT_FACTS = Path(__file__).with_name("facts.jsonl")
DEFAULT_GATE = Path(__file__).with_name("gate.toml")


def norm(text: str) -> str:
    """Fold width, drop whitespace, lower-case: how facts are matched."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@dataclass
class Verdict:
    """How one answer fared against one known fact."""

    facts_ok: bool
    citation_ok: bool
    refusal_ok: bool
    grounded: bool
    retrieval_hit: bool | None
    correct: bool
    wrong_guide: bool = False


def load_facts(path: Path) -> list[dict]:
    """Read a facts JSONL file."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc})") from None
    return items


# A clause is named without its numbering (DESIGN: "资助强度及方式", "申报限额"); a gold name written with the
# heading's number ("三、申报限额", "（二）考核指标", a group's "方向二：") names the same clause.
_CLAUSE_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)"
    r"|[\u4e00-\u9fff]{1,2}[一二三四五六七八九十\d]{1,3}\s*[:：])\s*"
)


def clause_name(name: str) -> str:
    """A clause or section name compared without its numbering, white space and width, under the name the clause
    vocabulary files it (a guide's 考核方式 is its 考核指标: writers cite either)."""
    bare = _CLAUSE_NUMBER.sub("", unicodedata.normalize("NFKC", name).strip())
    bare = _SCOPE_NOTE.sub("", bare) or bare  # 申报条件(适用于全部专题) is the 申报条件 section
    return norm(clauses().filed_name(bare))


# A note in brackets closing a heading on whom it applies to or its standing (适用于全部专题, 拟): no part of the
# clause's name (a unit in brackets, 资助额度(万元), is: a table's column).
_SCOPE_NOTE = re.compile(r"\s*\((?:适用|拟|暂|试行|仅|限|含|不含)[^()]{0,10}\)$")


def same_unit(cited: str, gold: str) -> bool:
    """A cited unit label names the gold one: equal (the punctuation after a heading's number aside), or the gold is
    the bare running number of a table row or list item ("3") and the citation prints it with the guide's unit word
    (项目3, 序号3)."""
    cited, gold = cited.rstrip("、.．"), gold.rstrip("、.．")  # "一、" is how the heading prints unit 一
    return cited == gold or (gold.isdigit() and re.fullmatch(rf"[\u4e00-\u9fff]{{1,3}}{gold}", cited) is not None)


def names_unit(citation, gold: str, akas: dict[tuple[str, str], str] | None = None) -> bool:
    """The gold unit is the cited one: by its label, by the heading number a unit labelled by its code also prints
    ("1.1" of 2025SW0101, `akas`), or by its title as printed (writers name a unit either way: "（1）" or
    "国内发明专利授权资助")."""
    title = norm(citation.project_title)
    aka = (akas or {}).get((citation.guide_id, citation.project), "")
    return (
        same_unit(norm(citation.project), gold)
        or (bool(aka) and same_unit(norm(aka), gold))
        or (len(gold) >= 4 and bool(title) and gold in title)
    )


def _item_label(quote: str) -> str:
    """The label a quoted notice item opens with ("5.联系方式: 联系人…" → 联系方式, "(三)时间安排。…" → 时间安排),
    compared like a clause name."""
    m = re.match(r"\s*(\S{1,16}?)[:：]", unicodedata.normalize("NFKC", quote)) or re.match(
        r"\s*(\([一二三四五六七八九十\d]{1,3}\)\S{1,12}?)[。.]", unicodedata.normalize("NFKC", quote)
    )  # "(三)时间安排。网上填报…": a numbered run-in label
    return clause_name(m.group(1)) if m else ""


# A year as a title prints it ("2022 年度"), and the spaces and quotes a printed title carries.
_TITLE_NOISE = re.compile(r"20\d{2}\s*年度?|[\s“”\"'《》]")


def names_guide(title: str, keyword: str) -> bool:
    """The writer's guide keyword names this guide title: a run of it, the year and spaces aside (a writer copies
    "柳州市医疗卫生" off the printed heading "2022 年度柳州市医疗卫生…" while the catalog titles it
    "柳州市2022年度医疗卫生…")."""
    if keyword in title:
        return True
    bare = _TITLE_NOISE.sub("", unicodedata.normalize("NFKC", keyword))
    return bool(bare) and bare in _TITLE_NOISE.sub("", unicodedata.normalize("NFKC", title))


def _quotes_unit(quote: str, label: str) -> bool:
    """Does a quoted passage name the unit by its label, a label of its own (子课题1-2, YF2026-03) and not a bare
    number or numeral (1, 一) that any passage holds?"""
    own = len(label) >= 3 and re.search(r"[\u4e00-\u9fffA-Za-z]", label) and re.search(r"\d", label)
    return bool(own) and label in norm(quote)


# A clause a writer cites with a notice heading's number ("二、申报条件", "一、人工智能技术…"): a section of the
# notice, cited as such whichever unit the question is about.
_NOTICE_HEADING = re.compile(r"\s*[一二三四五六七八九十]{1,3}、")

SHORT_CLAUSE = 4  # a writer's clause name this long that opens the printed one names it


def _names_clause(gold: str, cited: str) -> bool:
    """The gold clause name is the cited one, or the opening of it: writers shorten a heading such as 资助强度及方式
    or 考核指标及评价方式 to 资助强度, 考核指标."""
    return gold == cited or (len(gold) >= SHORT_CLAUSE and cited.startswith(gold))


def cites(answer: Answer, cite: dict | None, akas: dict[tuple[str, str], str] | None = None) -> bool:
    """True when one of the answer's citations is the gold (guide, project, clause).

    A listing read from one clause of every project ("哪些项目只能企业牵头": 申报条件) is cited by its writers as
    (project '', that clause); an answer citing that clause in two or more of the guide's projects cites it
    project by project, which counts too. A notice item with a label of its own ("5.联系方式: …" under 其他事项) is
    cited by its writers either by the section or by that label; both count. A writer who names no clause (the
    fact sits in running text) accepts any clause of the right guide and unit. A writer who cites a notice section by
    its heading number ("二、申报条件") beside the unit the question is about accepts that section of the notice. A
    writer who joins two units or two clause names with "/" (both units compared) accepts either.
    """
    if not cite:
        return True
    if "/" in cite.get("project", "") + cite["clause"]:
        # a writer naming both units compared, or two names of the clause ("C类/B1类", "遴选名额/遴选数量"): either
        projects, names = cite.get("project", "").split("/"), cite["clause"].split("/")
        return any(cites(answer, {**cite, "project": p, "clause": n}, akas) for p in projects for n in names)
    project, clause = norm(cite.get("project", "")), clause_name(cite["clause"])
    same = [
        c
        for c in answer.citations
        if names_guide(c.guide_title, cite["guide"])
        and (not clause or _names_clause(clause, clause_name(c.clause)) or clause == _item_label(c.quote))
    ]
    if any(names_unit(c, project, akas) for c in same):  # numbering, width and spaces ignored
        return True
    if project and _NOTICE_HEADING.match(cite["clause"]) and any(not c.project for c in same):
        return True  # "二、申报条件" of the unit asked about: the notice's section, which no unit owns
    if project and not clause and any(_quotes_unit(c.quote, project) for c in same):
        return True  # the fact sits in running text about the unit: a passage naming it ("其中子课题1-2为60万元")
    return not project and len({c.project for c in same if c.project}) >= 2


def wrong_guide(item: dict, answer: Answer) -> bool:
    """True when the answer states something cited from a guide other than the one the question is about."""
    cite = item.get("cite")
    if not cite or answer.refused or not answer.citations:
        return False
    return not any(names_guide(c.guide_title, cite["guide"]) for c in answer.citations)


def judge(
    item: dict, answer: Answer, retrieved_hit: bool | None, akas: dict[tuple[str, str], str] | None = None
) -> Verdict:
    """Verdicts for one question (`akas`: the heading number of each unit labelled by its code)."""
    text = norm(answer.answer)
    facts_ok = all(any(norm(alt) in text for alt in group) for group in item.get("facts", []))
    citation_ok = cites(answer, item.get("cite"), akas)
    quotes = [c.quote for c in answer.citations]
    grounded = not ungrounded_figures(answer.answer, quotes)
    if item.get("refuse"):
        states_figure = bool(figures(stated_text(answer.answer))) and not grounded
        refusal_ok = answer.refused and not states_figure
        correct = refusal_ok
    else:
        refusal_ok = not answer.refused
        correct = refusal_ok and facts_ok and citation_ok
    return Verdict(facts_ok, citation_ok, refusal_ok, grounded, retrieved_hit, correct, wrong_guide(item, answer))


def _rate(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def summarise(rows: list[dict]) -> dict:
    """Metrics over rows: accuracy, citation, refusal, grounding, recall@5, latency."""
    latencies = sorted(r["answer"]["latency_ms"] for r in rows)

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 2) if latencies else 0.0

    answerable = [r for r in rows if not r["item"].get("refuse")]
    refusals = [r for r in rows if r["item"].get("refuse")]
    return {
        "questions": len(rows),
        "accuracy": _rate([r["verdict"]["correct"] for r in rows]),
        "citation_accuracy": _rate([r["verdict"]["citation_ok"] for r in answerable]),
        "facts_accuracy": _rate([r["verdict"]["facts_ok"] for r in answerable]),
        "refusal_accuracy": _rate([r["verdict"]["refusal_ok"] for r in refusals]),
        "false_refusals": sum(1 for r in answerable if r["answer"]["refused"]),
        "wrong_guide_answers": sum(1 for r in rows if r["verdict"].get("wrong_guide")),
        "grounding_rate": _rate([r["verdict"]["grounded"] for r in rows]),
        "recall_at_5": _rate(
            [r["verdict"]["retrieval_hit"] for r in answerable if r["verdict"]["retrieval_hit"] is not None]
        ),
        "latency_p50_ms": pct(0.5),
        "latency_p95_ms": pct(0.95),
    }


def _grouped(rows: list[dict], key) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    return {k: summarise(v) for k, v in sorted(groups.items())}


def _guide_key(row: dict) -> str:
    cite = row["item"].get("cite") or {}
    return cite.get("guide") or "(none)"


def run_system(
    name: str, ask, retrieve, items: list[dict], akas: dict[tuple[str, str], str] | None = None
) -> list[dict]:
    """Ask every question; return rows with the full answer JSON and verdicts."""
    rows = []
    for item in items:
        started = time.perf_counter()
        answer: Answer = ask(item["question"], item.get("history") or [])
        if not answer.latency_ms:
            answer.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        hit = None
        if retrieve is not None and item.get("cite") and not item.get("refuse"):
            hits = retrieve(item["question"], item.get("history") or [])
            hit = any(
                item["cite"]["guide"] in h.chunk.guide_title
                and norm(h.chunk.project) == norm(item["cite"].get("project", ""))
                and h.chunk.clause == item["cite"]["clause"]
                for h in hits
            ) or cites(answer, item["cite"], akas)
        verdict = judge(item, answer, hit, akas)
        rows.append(
            {
                "id": item["id"],
                "system": name,
                "item": item,
                "answer": answer.model_dump(mode="json"),
                "verdict": verdict.__dict__,
            }
        )
    return rows


def write_reports(out: Path, systems: dict[str, list[dict]], gate: dict) -> dict:
    """Write report.json, report.md and chart.png; return the summary."""
    out.mkdir(parents=True, exist_ok=True)
    summary = {
        name: {
            "summary": summarise(rows),
            "per_category": _grouped(rows, lambda r: r["item"]["category"]),
            "per_guide": _grouped(rows, _guide_key),
        }
        for name, rows in systems.items()
    }
    report = {"gate": gate, "systems": summary, "questions": [r for rows in systems.values() for r in rows]}
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(summary, systems, gate), encoding="utf-8")
    _chart(out / "chart.png", summary)
    return summary


def _fmt(v, metric: str = "") -> str:
    if v is None:
        return "–"
    if metric.endswith("_ms"):
        return f"{v:.1f} ms"
    return f"{v:.1%}" if isinstance(v, float) and v <= 1 else str(v)


def render_markdown(summary: dict, systems: dict[str, list[dict]], gate: dict) -> str:
    """The human-readable report: summary, per category, per guide, failures."""
    names = list(systems)
    metrics = [
        "accuracy",
        "citation_accuracy",
        "facts_accuracy",
        "refusal_accuracy",
        "grounding_rate",
        "recall_at_5",
        "false_refusals",
        "wrong_guide_answers",
        "latency_p50_ms",
        "latency_p95_ms",
    ]
    lines = ["# Eval report", "", "| metric | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    for m in metrics:
        lines.append(f"| {m} | " + " | ".join(_fmt(summary[n]["summary"][m], m) for n in names) + " |")
    lines += ["", f"Gate: {gate}", ""]
    for title, key in (("Per category (accuracy)", "per_category"), ("Per guide (accuracy)", "per_guide")):
        groups = sorted({g for n in names for g in summary[n][key]})
        lines += [
            f"## {title}",
            "",
            "| group | n | " + " | ".join(names) + " |",
            "| --- | --- |" + " --- |" * len(names),
        ]
        for g in groups:
            n_q = summary[names[0]][key].get(g, {}).get("questions", 0)
            lines.append(
                f"| {g} | {n_q} | " + " | ".join(_fmt(summary[n][key].get(g, {}).get("accuracy")) for n in names) + " |"
            )
        lines.append("")
    first = names[0]
    failures = [r for r in systems[first] if not r["verdict"]["correct"] or not r["verdict"]["grounded"]]
    lines += [f"## Failures of {first} ({len(failures)})", ""]
    for r in failures:
        item, ans, v = r["item"], r["answer"], r["verdict"]
        got = ans["answer"].split("\n")[0][:160]
        cited = "; ".join(f"{c['guide_title'][:12]}·{c['project']}·{c['clause']}" for c in ans["citations"][:3])
        lines.append(
            f"- **{item['id']}** ({item['category']}) {item['question']}\n  - expected: facts {item.get('facts')} cite {item.get('cite')} refuse {item.get('refuse')}\n"
            f"  - got: refused={ans['refused']} `{got}` cites [{cited}]\n  - verdict: {v}"
        )
    return "\n".join(lines) + "\n"


def _chart(path: Path, summary: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(summary)
    categories = sorted({c for n in names for c in summary[n]["per_category"]})
    width = 0.8 / len(names)
    fig, ax = plt.subplots(figsize=(max(8, len(categories) * 0.8), 4.5))
    for i, name in enumerate(names):
        values = [summary[name]["per_category"].get(c, {}).get("accuracy") or 0 for c in categories]
        ax.bar([x + i * width for x in range(len(categories))], values, width, label=name)
    ax.set_xticks(
        [x + width * (len(names) - 1) / 2 for x in range(len(categories))], categories, rotation=45, ha="right"
    )
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("answer accuracy")
    ax.set_title("Accuracy per category: ours vs naive RAG baseline")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def load_gate(path: Path | None) -> dict:
    """Thresholds from a TOML file (min_accuracy, min_refusal_accuracy, min_grounding)."""
    if path is None or not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8")).get("gate", {})


def check_gate(summary: dict, gate: dict) -> list[str]:
    """Reasons the run is below its thresholds (empty when it passes)."""
    s = summary
    failures = []
    for key, metric in (
        ("min_accuracy", "accuracy"),
        ("min_refusal_accuracy", "refusal_accuracy"),
        ("min_grounding", "grounding_rate"),
    ):
        if key in gate and (s.get(metric) or 0) < gate[key]:
            failures.append(f"{metric} {s.get(metric)} < {gate[key]}")
    return failures


def run_eval(
    settings, questions: Path, out: Path, mode: str = "extractive", baseline: bool = True, both_modes: bool = False
) -> dict:
    """Run the facts through the Assistant (and baseline); write reports; return {system: summary}."""
    from assistant.assistant import Assistant

    items = load_facts(questions)
    assistant = Assistant.from_settings(settings)
    systems: dict[str, list[dict]] = {}

    def retrieve(q, h):
        return assistant.retrieve(q, k=5, history=h)

    akas = {(g.id, p.label): p.aka for g in assistant.snapshot.guides for p in g.projects if p.aka}

    llm = assistant.llm
    if mode == "llm" and llm is None:
        raise ValueError("--mode llm needs GUIDE_ASSISTANT_LLM_BASE_URL")
    if mode == "extractive" or both_modes:
        assistant.llm = None
        systems["ours-extractive"] = run_system(
            "ours-extractive", lambda q, h: assistant.ask(q, h), retrieve, items, akas
        )
    if mode == "llm":
        assistant.llm = llm
        systems["ours-llm"] = run_system("ours-llm", lambda q, h: assistant.ask(q, h), retrieve, items, akas)
    if baseline:
        from evals.baseline import NaiveRAG

        rag = NaiveRAG(assistant.snapshot.guides, settings.guides_dir, assistant.search.embedder, settings.data_dir)
        systems["naive-rag"] = run_system("naive-rag", rag.ask, None, items, akas)
    gate = load_gate(DEFAULT_GATE)
    return write_reports(out, systems, gate)
