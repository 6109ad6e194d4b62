"""Notice sentences scoped to units by their labels: "申报指南方向1、2的，须取得本单位伦理委员会审查批件",
"第4项与第5项不得兼报", "申报（4）（5）的，…不得存在控股、参股等关联关系". Such a rule applies to the units it names only;
a question about one of them whose words the rule holds, and the unit's own clauses do not, is answered by it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.compose import SENTENCES
from index.models import Guide, Item, Project, Section
from index.vocab.questions import label_join, label_ordinal

_NUMBERED = re.compile(r"^(?P<prefix>\D*?)(?P<n>\d+)(?P<suffix>\D*)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HALF_WIDTH = str.maketrans("（）", "()")
_LIST_RUN = 12  # characters between two numbers of one list at most ("指南方向1、指南方向2")


def _listed_numbers(text: str, start: int, prefix: str, suffix: str) -> list[int]:
    """The numbers of a list of units beginning at `start` ("1、2", "3至5", "1、指南方向2"): ranges expanded."""
    number = re.compile(rf"\s*(?:{re.escape(prefix)})?\s*(\d+)\s*(?:{re.escape(suffix)})?" if prefix else r"\s*(\d+)")
    found = number.match(text, start)
    if found is None:
        return []
    numbers = [int(found.group(1))]
    pos = found.end()
    while (joined := re.match(r"\s*(\S)", text[pos : pos + 2])) and (join := label_join().match(joined.group(1))):
        after = number.match(text, pos + joined.end())
        if after is None or after.end() - pos > _LIST_RUN:
            break
        n = int(after.group(1))
        if join.group("range") and numbers[-1] < n <= numbers[-1] + 20:
            numbers.extend(range(numbers[-1] + 1, n + 1))
        else:
            numbers.append(n)
        pos = after.end()
    return numbers


def names_unit(sentence: str, label: str) -> bool:
    """Does the sentence name the unit by its label: as printed, in a list of numbers after the label's words
    ("指南方向1、2" names 指南方向2), or by its place ("第4项" names unit 4 of a list numbered 1, 2, …)?"""
    sentence, label = sentence.translate(_HALF_WIDTH), label.translate(_HALF_WIDTH)  # 第(4)项 names （4）
    if re.search(rf"(?<!\d){re.escape(label)}(?!\d)", sentence):
        return True
    m = _NUMBERED.match(label)
    if m is None:
        return False
    prefix, n, suffix = m.group("prefix").strip(), int(m.group("n")), m.group("suffix").strip(" .．、")
    if not _CJK.search(prefix):
        return any(int(x) == n for x in label_ordinal().findall(sentence))
    short = prefix[-2:]  # "方向1、2" for 指南方向1
    for at in re.finditer(re.escape(short), sentence):
        if n in _listed_numbers(sentence, at.end(), prefix, suffix):
            return True
    return False


def scoped_rules(guide: Guide, project: Project) -> Iterator[tuple[Section, Item | None, str]]:
    """The notice's sentences naming this unit by its label, with the section and item holding each."""
    for section in guide.sections_of("notice", "preamble"):
        for item, text in [(i, i.text) for i in section.items] or [(None, section.text)]:
            for sentence in SENTENCES.split(text.replace("\n", "")):
                if sentence.strip() and names_unit(sentence, project.label):
                    yield section, item, sentence.strip()
