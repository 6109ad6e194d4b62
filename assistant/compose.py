"""Compose extractive answers: a lead sentence, the quoted clause, the citation; refusals."""

from __future__ import annotations

import re
from datetime import date

from assistant.models import Answer, Citation
from assistant.understand import KIND_EVIDENCE, KIND_NAMES
from index.models import Chunk, Clause, Guide, Item, Project, Section
from index.vocab.questions import announced_later

REFUSAL_INJECTION = "我只能依据已收录的申报指南原文回答申报相关问题，不能执行改变规则或透露系统设置的指令。请直接提问，例如：“项目十八的资助强度是多少？”"
SENTENCES = re.compile(r"(?<=[。；;])")


def sentences(text: str) -> list[str]:
    """The sentences of a text, each printed line apart (a sentence never runs over a line break)."""
    return [piece for line in text.split("\n") for piece in SENTENCES.split(line) if piece.strip()]


FLAG = "注意："  # opens the line of a guide's flags (draft, past year) under an answer
_CONTACT_LINE = re.compile(r"(\d{3,4}\s*-\s*\d{7,8}|\d{7,8}|[\w.]+@[\w.]+|QQ群?[咨询:：]*\s*\d{6,})")


def guide_label(guide: Guide) -> str:
    """《title》 with the draft / past-year flags an applicant must see."""
    return f"《{guide.title}》"


def guide_flags(guide: Guide) -> str:
    """Warnings about the guide's status: draft for comment, or a past year's notice."""
    notes = []
    if guide.status == "draft":
        notes.append("该文件为征求意见稿，内容以正式发布的指南为准")
    if guide.year and guide.year < date.today().year:
        notes.append(f"该指南为{guide.year}年度文件，申报时间可能已过，请以最新通知为准")
    return "；".join(notes)


def citation(guide: Guide, project: Project | None, name: str, text: str, lines: tuple[int, int]) -> Citation:
    """A citation of a clause or notice item, naming the clause as the guide prints it (考核方式, filed as 考核指标)."""
    return Citation(
        guide_id=guide.id,
        guide_title=guide.title,
        source=guide.source,
        project=project.label if project else "",
        project_title=project.title if project else "",
        clause=printed_name(project, name, lines),
        quote=text,
        lines=lines,
    )


def printed_name(project: Project | None, name: str, lines: tuple[int, int]) -> str:
    """The name a project's clause filed as `name` is printed under, at these lines ('name' when the same)."""
    if project is None:
        return name
    for c in project.clauses:
        if c.name == name and c.printed_name and c.lines[0] <= lines[0] <= c.lines[1]:
            return c.printed_name
    return name


def chunk_citation(guide: Guide, chunk: Chunk) -> Citation:
    """A citation of a retrieved chunk."""
    project = guide.project(chunk.project) if chunk.project else None
    return Citation(
        guide_id=chunk.guide_id,
        guide_title=guide.title,
        source=chunk.source,
        project=chunk.project,
        project_title=chunk.project_title,
        clause=printed_name(project, chunk.clause, chunk.lines),
        quote=chunk.quote,
        lines=chunk.lines,
    )


def where(c: Citation) -> str:
    """'项目十八「三峡库区…」' or '通知「申报限额」' for the lead sentence."""
    if c.project:
        return f"{c.project}「{c.project_title}」"
    return "通知部分"


def cite_line(c: Citation) -> str:
    """The printed citation: guide · project · clause · lines."""
    parts = [f"《{c.guide_title}》"]
    parts.append(f"{c.project} {c.project_title}".strip() if c.project else "通知正文")
    parts.append(c.clause)
    parts.append(f"第{c.lines[0]}–{c.lines[1]}行" if c.lines[0] != c.lines[1] else f"第{c.lines[0]}行")
    return " · ".join(parts)


def _shared_bigrams(sentence: str, question: str) -> int:
    """How many of the question's character bigrams the sentence holds."""
    return sum(1 for b in {question[i : i + 2] for i in range(len(question) - 1)} if b in sentence)


def key_sentence(text: str, kind: str, question: str = "", title: str = "") -> str:
    """The sentence of a clause that carries the asked-for fact (the whole text when short)."""
    flat = text.replace("\n", " ")
    if len(flat) <= 80:
        return flat
    # a line is a sentence's end too: a table's rows are lines without a full stop
    sentences = [s.strip() for line in text.split("\n") for s in SENTENCES.split(line) if s.strip()]
    # "多少例" / "几家": the sentence with a number in that unit answers it.
    unit = re.search(r"(?:多少|几)(例|家|个|项|套|种|篇|人|亩|次|年|分钟|小时)", question)
    if unit:
        counted = [s for s in sentences if re.search(rf"\d+(?:\.\d+)?{unit.group(1)}", s)]
        if len(counted) == 1:
            return counted[0]
    noise = {title[i : i + 2] for i in range(len(title) - 1)}
    asked = {question[i : i + 2] for i in range(len(question) - 1)} - noise
    if asked:

        def shared(sentence: str) -> int:
            return sum(1 for b in asked if b in sentence)

        scored = max(sentences, key=shared)
        if (
            shared(scored) >= 2
            and kind in ("contact", "deadline")
            and not KIND_EVIDENCE[kind].search(scored)
            and not announced_later().search(scored)
        ):
            # the sentence sharing most words states no deadline (the notice's own title): one sharing some that does
            stating = [x for x in sentences if KIND_EVIDENCE[kind].search(x) and shared(x)]
            if stating:
                return max(stating, key=shared)
        if shared(scored) >= 2:
            return scored
    if kind not in KIND_EVIDENCE:
        return sentences[0] if sentences else flat
    evidence = KIND_EVIDENCE[kind]
    if kind in ("funding", "quota", "contact", "deadline"):
        # Every sentence with such a figure counts (e.g. both caps of 004's 组织方式 item 2).
        carrying = [s for s in sentences if evidence.search(s)][:3]
        if carrying:
            return "".join(carrying)
    best = max(sentences, key=lambda s: len(evidence.findall(s)), default=flat)
    return best if evidence.search(best) else flat[:80] + "…"


def render(lead: str, citations: list[Citation], guide: Guide | None, quote_all: bool = True) -> str:
    """Answer text: lead sentence, quoted clauses, citations, flags."""
    parts = [lead]
    for c in citations if quote_all else citations[:1]:
        parts.append("> " + c.quote.replace("\n", "\n> "))
        parts.append("出处：" + cite_line(c))
    flags = guide_flags(guide) if guide else ""
    if flags:
        parts.append(f"{FLAG}{flags}。")
    return "\n\n".join(parts)


def clause_answer(
    guide: Guide,
    project: Project,
    clause: Clause,
    kind: str,
    shared: list[Project] | None = None,
    question: str = "",
    note: str = "",
) -> Answer:
    """Answer about one clause of one project (or of all `shared` projects that print it alike)."""
    c = citation(guide, project, clause.name, clause.text, clause.lines)
    sentence = key_sentence(clause.text, kind, question, project.title)
    if not shared:
        lead = f"根据{guide_label(guide)}，{where(c)}的{clause.name}：{sentence}" + (f"（{note}）" if note else "")
        return Answer(answer=render(lead, [c], guide), citations=[c])
    citations = [c]
    for other in shared:
        same = other.clause_of_kind(clause.kind) if clause.kind else other.clause(clause.name)
        if other is not project and same is not None:
            citations.append(citation(guide, other, same.name, same.text, same.lines))
    labels = "、".join(p.label for p in shared)
    lead = f"{guide_label(guide)}各项目（{labels}）的{clause.name}相同：{sentence}"
    return Answer(answer=render(lead, [c], guide), citations=citations)


def notice_citation(guide: Guide, section: Section, item: Item | None) -> Citation:
    """A citation of a notice item, or of its whole section when it has none."""
    unit = item or section
    return citation(guide, None, section.title, unit.text, unit.lines)


def notice_answer(
    guide: Guide,
    section: Section,
    item: Item | None,
    kind: str,
    note: str = "",
    question: str = "",
    focus: re.Pattern[str] | None = None,
) -> Answer:
    """Answer from a notice section or one of its items; the lead is the sentence `focus` finds, if given."""
    c = notice_citation(guide, section, item)
    focused = ""
    if focus is not None:
        # a sentence, not the lines above it; of several, the one sharing most of the question's words (the 青年项目
        # row of a table of categories, not the first row printing a date)
        found = [x.strip() for x in sentences(c.quote) if focus.search(x)]
        focused = max(found, key=lambda x: _shared_bigrams(x, question), default="")
    lead = (
        f"根据{guide_label(guide)}通知的“{section.title}”部分{note}："
        f"{focused or key_sentence(c.quote, kind, question, guide.title)}"  # the words naming the guide pick no sentence
    )
    return Answer(answer=render(lead, [c], guide), citations=[c])


def items_answer(guide: Guide, section: Section, asked: list[tuple[Item, str]], kind: str) -> Answer:
    """Answer a question in parts from the items of one notice section, each part from its own item, in order."""
    citations = [notice_citation(guide, section, item) for item, _ in asked]
    said = "；".join(
        key_sentence(c.quote, kind, part).rstrip("。；;") for c, (_, part) in zip(citations, asked, strict=True)
    )
    lead = f"根据{guide_label(guide)}通知的“{section.title}”部分：{said}"
    return Answer(answer=render(lead, citations, guide), citations=citations)


def section_answer(guide: Guide, section: Section) -> Answer:
    """A whole notice section, item by item, when the question asks what it lists."""
    citations = [citation(guide, None, section.title, item.text, item.lines) for item in section.items]
    heads = "；".join(item.text.split("\n")[0] for item in section.items)
    lead = f"根据{guide_label(guide)}通知的“{section.title}”部分，共{len(section.items)}项：{heads}"
    return Answer(answer=render(lead, citations, guide), citations=citations)


def chunk_answer(guide: Guide, chunk: Chunk, kind: str) -> Answer:
    """Answer with the best retrieved chunk."""
    c = chunk_citation(guide, chunk)
    lead = f"根据{guide_label(guide)}，{where(c)}的{chunk.clause}：{key_sentence(chunk.quote, kind)}"
    return Answer(answer=render(lead, [c], guide), citations=[c])


def contact_citations(guide: Guide) -> list[Citation]:
    """The guide's own contact items (phones, emails), to offer when it does not answer."""
    out: list[Citation] = []
    for section in guide.sections:
        if section.kind not in ("notice", "closing"):
            continue
        units: list[tuple[str, tuple[int, int]]] = [(i.text, i.lines) for i in section.items] or [
            (section.text, section.lines)
        ]
        for text, lines in units:
            if ("联系" in section.title or "联系" in text) and _CONTACT_LINE.search(text):
                out.append(citation(guide, None, section.title, text, lines))
    return out


def refusal(what: str, guides: list[Guide], reason: str = "") -> Answer:
    """A plain 'the guide does not say', with the guide's contacts where it has them."""
    lines = [f"抱歉，{what}{reason}" if reason else f"抱歉，{what}"]
    citations: list[Citation] = []
    for guide in guides[:2]:
        contacts = contact_citations(guide)
        if contacts:
            lines.append(f"如需进一步确认，可联系{guide_label(guide)}中列出的联系方式：")
            for c in contacts:
                lines.append("> " + c.quote.replace("\n", "\n> "))
                lines.append("出处：" + cite_line(c))
            citations.extend(contacts)
        elif guide.issuer:
            lines.append(f"{guide_label(guide)}未列出联系电话或邮箱，请向发布单位（{guide.issuer}）咨询。")
    return Answer(answer="\n\n".join(lines), refused=True, citations=citations)


def unstated(guide: Guide, names: list[str], near: list[Citation]) -> Answer:
    """The guide's clauses on the topic state no value of the kind asked (a date, a length, a share): say so, show
    the clauses found, and offer the guide's contacts."""
    missing = "、".join(names)
    answer = refusal(f"{guide_label(guide)}中与问题相关的条款没有写明{missing}", [guide], "，我不能替指南作答。")
    head, _, rest = answer.answer.partition("\n\n")
    shown: list[Citation] = []
    for c in near:
        if len(shown) < 3 and all(c.quote != s.quote for s in shown):  # one of each distinct quote
            shown.append(c)
    quoted = [f"找到的相关原文如下，其中没有{missing}："]
    for c in shown:
        quoted.append("> " + c.quote.replace("\n", "\n> "))
        quoted.append("出处：" + cite_line(c))
    text = "\n\n".join([head, *quoted] + ([rest] if rest else []))
    return answer.model_copy(update={"answer": text, "citations": shown + answer.citations})


def kind_name(kind: str) -> str:
    """Chinese name of a clause kind for messages."""
    return KIND_NAMES.get(kind, "相关内容")


def rule_answer(guide: Guide, rules: list, project: Project | None = None) -> Answer:
    """The notice's rule(s) for a field (assistant.categories.NoticeRule), scoped to their categories."""
    citations: list[Citation] = []
    for rule in rules:
        c = notice_citation(guide, rule.section, rule.item)
        if c not in citations:
            citations.append(c)
    first = rules[0]
    if project is not None:
        scope = f"（适用于{first.category}）" if first.category else "（适用于该指南的所有项目）"
        who = f"{project.label}「{project.title}」" + (f"属于{first.category}，" if first.category else "：")
        lead = f"根据{guide_label(guide)}通知的“{first.section.title}”部分{scope}，{who}{first.quote}。"
    elif len(rules) == 1:
        scope = f"（适用于{first.category}）" if first.category else "（适用于该指南的所有项目）"
        lead = f"根据{guide_label(guide)}通知的“{first.section.title}”部分{scope}：{first.quote}。"
    else:
        parts = "；".join(f"{r.category or '其他项目'}：{r.quote}" for r in rules)
        lead = f"根据{guide_label(guide)}通知，按项目类别分别规定——{parts}。"
    return Answer(answer=render(lead, citations, guide), citations=citations)


def clauses_answer(guide: Guide, project: Project, parts: list[tuple[Clause, str]], question: str = "") -> Answer:
    """A question in several parts ("要做几年？公开竞争还是定向的？"): one clause per part, each quoted."""
    citations = [citation(guide, project, clause.name, clause.text, clause.lines) for clause, _ in parts]
    answers = "；".join(
        f"{clause.name}：{key_sentence(clause.text, kind, question, project.title).rstrip('。；;')}"
        for clause, kind in parts
    )
    lead = f"根据{guide_label(guide)}，{where(citations[0])}——{answers}"
    return Answer(answer=render(lead, citations, guide), citations=citations)


def category_note_answer(guide: Guide, project: Project, note, kind: str) -> Answer:
    """A notice sentence that states this kind for the project's category (assistant.categories.CategoryNote)."""
    c = notice_citation(guide, note.section, note.item)
    lead = (
        f"根据{guide_label(guide)}通知的“{note.section.title}”部分，{project.label}「{project.title}」属于"
        f"{note.category}：{note.sentence}"
    )
    return Answer(answer=render(lead, [c], guide), citations=[c])


def each_answer(parts: list[Answer]) -> Answer:
    """One question asked of each of several projects: their answers one after the other, every citation kept and
    the guide's flags said once, at the end."""
    texts = [p.answer.split("\n\n" + FLAG, 1)[0] for p in parts[:-1]] + [parts[-1].answer]
    return Answer(answer="\n\n".join(texts), citations=[c for p in parts for c in p.citations])
