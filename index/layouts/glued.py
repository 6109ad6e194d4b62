"""Clause labels printed right against their values, no colon or space between ("资助经费30万元").

A unit card whose labels are styled boxes (a web page's <span class="lbl">, a bold run in Word) keeps the gap only in
its styling: the text reads 研究内容融合…, 资助经费30万元. A label word also opens ordinary sentences ("研究内容和考核
指标是否科学合理"), so a line is read as a field only inside a run of such lines, each under a different known label,
printed in several places of the guide (once a card), and never when the label word runs on into a sentence.
"""

from __future__ import annotations

from dataclasses import replace

from index.normalize import Line, glued_label
from index.vocab import clauses


def _runs(labels: list[str]) -> list[range]:
    """Runs of lines in a row that each open with a different glued label, at least glued_run long."""
    out: list[range] = []
    start = 0
    for i in range(len(labels) + 1):
        ends = i == len(labels) or not labels[i] or labels[i] in labels[start:i]
        if not ends:
            continue
        if i - start >= clauses().glued_run:
            out.append(range(start, i))
        start = i + 1 if i < len(labels) and not labels[i] else i
    return out


def glued_labels(lines: list[Line]) -> list[Line]:
    """The lines with each label glued to its value in a run of such fields read as "label：value", for a second
    reading of the guide; the lines unchanged when the guide prints fewer than glued_runs such runs."""
    labels = ["" if ln.cells else glued_label(ln.text) for ln in lines]
    runs = _runs(labels)
    if len(runs) < clauses().glued_runs:
        return lines
    out = list(lines)
    for run in runs:
        for i in run:
            text = lines[i].text.strip()
            out[i] = replace(lines[i], text=f"{labels[i]}：{text[len(labels[i]) :]}")
    return out
