"""Train the clause scorer (assistant/clause_rank.py) on labelled questions; evaluate it leave-guides-out.

The labelled questions (evals/labels) name a guide, a project and the kind asked, and note the line the answer
is on. Each question about one project yields the project's clauses as candidates; the one holding the noted
line (else one of the labelled kind) is the right one. `guide-assistant train` rebuilds
assistant/weights/clause.json and prints the held-out figure next to what the kind words alone pick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.classifier import TextClassifier
from assistant.clause_rank import ANSWERS, ClauseScorer, answers, project_features
from assistant.learn import FEATURES, ROOT, guide_folds
from assistant.text import bigrams, compact, expand_english
from assistant.understand import informative_bigrams
from index.vocab import triggers

CORPUS_DIRS = (ROOT / "guides", *sorted((ROOT / "tests" / "fixtures").glob("layouts*")))
NOTICE_KINDS = {"deadline", "contact", "quota", "payment", "count", "none"}


def labelled_guides(ids: set[str], folders: tuple[Path, ...] = CORPUS_DIRS) -> dict:
    """The guides labelled questions are about, read and parsed as ingest does: guides/ by their guides.toml
    ids, the layout corpora by file stem. A file that cannot be read here (a scanned PDF without OCR) is left out."""
    from index.errors import GuideAssistantError
    from index.load import is_candidate, load_source
    from index.metadata import guide_id_for, load_metadata
    from index.parse import build_guide

    guides = {}
    for folder in folders:
        meta = load_metadata(folder)
        for path in sorted(folder.iterdir()):
            entry = meta.get(path.name, {})
            gid = entry.get("id") or guide_id_for(path.name)
            if gid not in ids or gid in guides or not is_candidate(path) or path.name.endswith(".json"):
                continue
            try:
                text = load_source(path).text
            except (GuideAssistantError, OSError):
                continue
            fields = {k: v for k, v in entry.items() if k not in ("file", "id")}
            guides[gid] = build_guide(text, guide_id=gid, source=path.name, meta=fields)
    return guides


def _label_key(label: str) -> str:
    return re.sub(r"\s", "", label)


def clause_candidates(item: dict, guides: dict, kind_probs: dict[str, float]):
    """(rows, labels, project, fired) for one labelled question about one project, or None."""
    guide = guides.get(item.get("guide") or "")
    if guide is None or not item.get("project") or not item.get("answerable", True) or item["kind"] in NOTICE_KINDS:
        return None
    project = next((p for p in guide.projects if _label_key(p.label) == _label_key(item["project"])), None)
    if project is None or not project.clauses:
        return None
    question = compact(expand_english(item["question"]))
    fired = [kind for kind, pattern in triggers() if pattern.search(question)]
    asked = informative_bigrams(question) - bigrams(project.title) - bigrams(guide.title)
    rows = project_features(question, asked, fired, project, kind_probs)
    # The clause holding the line the labeller noted answers ("L275 …"); else a clause of the labelled kind.
    noted = [int(n) for n in re.findall(r"L(\d+)", item.get("note", ""))]
    at_line = [int(any(c.lines[0] <= n <= c.lines[1] for n in noted)) for c in project.clauses]
    labels = at_line if any(at_line) else [int(answers(item["kind"], c.kind)) for c in project.clauses]
    return rows, labels, project, fired


def rule_choice(project, fired: list[str]) -> int:
    """What the kind words alone pick: the first clause of a kind answering the first kind fired, else content."""
    for kind in ANSWERS.get(fired[0], (fired[0],)) if fired else ():
        if (clause := project.clause_of_kind(kind)) is not None:
            return project.clauses.index(clause)
    content = project.clause_of_kind("content")
    return project.clauses.index(content) if content is not None else 0


@dataclass(frozen=True)
class ClauseHeldOut:
    """The clause scorer with whole guides held out, against the kind words alone."""

    questions: int
    scorer: float
    rule: float
    guides: int


def out_of_fold_kinds(items: list[dict], folds: int = 5) -> list[dict[str, float]]:
    """The kind classifier's distribution for each question, from a classifier that never saw its guide."""
    fold_of = guide_folds((str(i.get("guide")) for i in items), folds)
    probs: list[dict[str, float]] = [{} for _ in items]
    for fold in range(folds):
        train = [i for i in items if fold_of[str(i.get("guide"))] != fold]
        model = TextClassifier.fit([i["question"] for i in train], [i["kind"] for i in train], features=FEATURES)
        for n, item in enumerate(items):
            if fold_of[str(item.get("guide"))] == fold:
                probs[n] = model.predict_proba(item["question"])
    return probs


def clause_rows(items: list[dict], guides: dict) -> list[tuple[str, list, list, int]]:
    """(guide id, rows, labels, rule's pick) per labelled question that names one project with a clause to pick;
    the kind probabilities are out of fold, as they will be on a guide nobody labelled."""
    out = []
    for item, probs in zip(items, out_of_fold_kinds(items), strict=True):
        found = clause_candidates(item, guides, probs)
        if found is None:
            continue
        rows, labels, project, fired = found
        out.append((item["guide"], rows, labels, rule_choice(project, fired)))
    return out


def clause_leave_guides_out(data: list[tuple[str, list, list, int]], folds: int = 5) -> ClauseHeldOut:
    """Fit without each fold's guides; on its questions that have an answering clause, is the top one right?"""
    fold_of = guide_folds((g for g, *_ in data), folds)
    right, rule_right = [], []
    for fold in range(folds):
        train = [d for d in data if fold_of[d[0]] != fold]
        test = [d for d in data if fold_of[d[0]] == fold and any(d[2])]
        if not test or not train:
            continue
        model = ClauseScorer.fit([r for d in train for r in d[1]], [y for d in train for y in d[2]])
        for _, rows, labels, rule in test:
            scores = [model.score(r) for r in rows]
            right.append(labels[scores.index(max(scores))] == 1)
            rule_right.append(labels[rule] == 1)
    n = len(right)
    return ClauseHeldOut(
        n, round(sum(right) / n, 4) if n else 0.0, round(sum(rule_right) / n, 4) if n else 0.0, len(fold_of)
    )


def train_clause_scorer(data: list[tuple[str, list, list, int]], held_out: ClauseHeldOut | None = None):
    """Fit the clause scorer on every labelled question and write assistant/weights/clause.json."""
    meta = {"questions": len(data), "guides": len({g for g, *_ in data})}
    if held_out is not None:
        meta |= {"leave_guides_out": held_out.scorer, "kind_words_alone": held_out.rule}
    model = ClauseScorer.fit([r for d in data for r in d[1]], [y for d in data for y in d[2]], meta)
    model.save()
    return model
