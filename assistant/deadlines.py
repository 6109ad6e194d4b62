"""The deadline calendar: every date a guide prints, typed (网上填报截止, 推荐/审核截止, 纸质材料受理, 征求意见截止,
实施期开始/结束, 资格日期, 发布日期), with guide, quote and line; an .ics export.

The kind of a date is read from the words before it in its own sentence (index/vocab/dates.toml), then,
for eligibility dates (2019年7月1日后引进, 1985年1月1日(含)以后出生), from the words right after it. Years:
see assistant/datefind.py. The lines come from the guide's source file when it is at hand (exact line
of the date), else from the parsed records (the clause or section span).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from assistant.conditions_vocab import DateVocab, date_vocab
from assistant.datefind import arabic, find_dates, is_range
from index.models import Guide, Span

TZ = ZoneInfo("Asia/Shanghai")  # the guides' own time: 17:30 means Beijing time
_AFTER = 10  # characters after a date read for eligibility words (…后引进, (含)以后出生)


class Event(BaseModel):
    """One dated thing in a guide."""

    guide_id: str
    guide_title: str
    status: str = Field(description="draft (征求意见稿) or final")
    date: date
    time: str | None = Field(default=None, description="HH:MM when printed")
    kind: str
    quote: str = Field(description="The sentence holding the date, as normalised")
    lines: Span

    @property
    def deadline(self) -> bool:
        """True for the kinds an applicant must act by."""
        return self.kind in date_vocab().place.deadlines

    def when(self) -> str:
        """'2025-03-27 17:30' or '2025-03-27'."""
        return f"{self.date.isoformat()} {self.time}" if self.time else self.date.isoformat()


def _sentence_start(text: str, before: int) -> int:
    cut = max(text.rfind(mark, 0, before) for mark in "。;；\n")
    return cut + 1


def _sentence(text: str, start: int, end: int) -> str:
    first = _sentence_start(text, start)
    stops = [i for i in (text.find(mark, end) for mark in "。;；\n") if i >= 0]
    stop = min(stops) if stops else len(text)
    return text[first : stop + (text[stop : stop + 1] != "\n")].strip()


def _kind(before: str, after: str, alone: bool, vocab: DateVocab) -> str:
    for kind in vocab.kind:
        if kind.name != vocab.place.eligibility and any(w in before for w in kind.words):
            return kind.name
    eligibility = next(k for k in vocab.kind if k.name == vocab.place.eligibility)
    if any(w in after for w in eligibility.words):
        return eligibility.name
    return vocab.place.publication if alone else vocab.place.other


def events_in(text: str, lines: Span, guide: Guide, vocab: DateVocab | None = None) -> list[Event]:
    """The dated events of one line or block of a guide's text."""
    vocab = vocab or date_vocab()
    text = arabic(text)
    published = date.fromisoformat(guide.date) if guide.date else None
    found = find_dates(text, published, guide.year)
    out: list[Event] = []
    base = {"guide_id": guide.id, "guide_title": guide.title, "status": guide.status, "lines": lines}
    previous_end = 0
    for i, f in enumerate(found):
        before = text[max(previous_end, _sentence_start(text, f.start)) : f.start]
        after = text[f.end : f.end + _AFTER]
        line_end = text.find("\n", f.end)
        alone = not text[text.rfind("\n", 0, f.start) + 1 : f.start].strip()
        alone = alone and not text[f.end : line_end if line_end >= 0 else len(text)].strip()
        kind = _kind(before, after, alone, vocab)
        if kind == vocab.place.range or (i > 0 and is_range(text, found[i - 1], f)):
            starts = i + 1 < len(found) and is_range(text, f, found[i + 1])
            kind = vocab.place.range_start if starts else vocab.place.range_end
        quote = _sentence(text, f.start, f.end)
        out.append(Event(date=f.day, time=f.time, kind=kind, quote=quote, **base))
        previous_end = f.end
    return out


def _blocks(guide: Guide) -> list[tuple[str, Span]]:
    """Texts of the parsed records with their spans (when the source file is not at hand)."""
    blocks: list[tuple[str, Span]] = []
    for s in guide.sections:
        blocks.extend((i.text, i.lines) for i in s.items) if s.items else blocks.append((s.text, s.lines))
    blocks.extend((c.text, c.lines) for p in guide.projects for c in p.clauses)
    return blocks


def source_lines(guide: Guide, guides_dir: Path | None) -> list[tuple[str, Span]] | None:
    """The guide's logical lines with their source line spans, or None when its file is not in guides_dir."""
    if guides_dir is None or not (guides_dir / guide.source).is_file():
        return None
    from index.errors import LoadError
    from index.load import load_source
    from index.normalize import logical_lines

    try:
        lines, _ = logical_lines(load_source(guides_dir / guide.source).text)
    except LoadError:
        return None
    return [(ln.text, (ln.first, ln.last)) for ln in lines]


def guide_events(guide: Guide, guides_dir: Path | None = None) -> list[Event]:
    """Every dated event of a guide, in the order of the text."""
    vocab = date_vocab()
    blocks = source_lines(guide, guides_dir) or _blocks(guide)
    events = [e for text, span in blocks for e in events_in(text, span, guide, vocab)]
    unique: dict[tuple, Event] = {}
    for e in events:
        unique.setdefault((e.date, e.time, e.kind, e.lines), e)
    return list(unique.values())


def calendar(guides: list[Guide], guides_dir: Path | None = None) -> list[Event]:
    """The events of every guide, by date and time."""
    events = [e for g in guides for e in guide_events(g, guides_dir)]
    return sorted(events, key=lambda e: (e.date, e.time or "", e.guide_id, e.lines))


def today_from(setting: str) -> date:
    """'今天': the GUIDE_ASSISTANT_TODAY setting (YYYY-MM-DD), or the real date when it is empty."""
    return date.fromisoformat(setting) if setting else datetime.now(TZ).date()


def upcoming_first(events: list[Event], today: date) -> list[tuple[Event, bool]]:
    """(event, past) pairs: events from today on by date, then past events, latest first."""
    upcoming = [(e, False) for e in events if e.date >= today]
    past = [(e, True) for e in sorted(events, key=lambda e: (e.date, e.time or ""), reverse=True) if e.date < today]
    return upcoming + past


def events_json(events: list[Event]) -> dict:
    """The CLI's --json payload: {"events": [{"guide_id", "date", "time", "kind", "quote", "lines", ...}]}."""
    return {"events": [e.model_dump(mode="json") for e in events]}


def to_ics(events: list[Event]) -> bytes:
    """An iCalendar file of the events (deadlines with a reminder the day before), checked by parsing it back."""
    from icalendar import Alarm, Calendar
    from icalendar import Event as IcsEvent

    cal = Calendar()
    cal.add("prodid", "-//guide-assistant//申报指南日程//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "申报指南日程")
    for e in events:
        item = IcsEvent()
        draft = "（征求意见稿）" if e.status == "draft" else ""
        item.add("summary", f"{e.kind}：{e.guide_title}{draft}")
        item.add("description", f"{e.quote}\n（{e.guide_title}，第{e.lines[0]}–{e.lines[1]}行）")
        item.add("uid", f"{e.guide_id}-{e.lines[0]}-{e.when().replace(' ', 'T')}-{e.kind}@guide-assistant")
        item.add("dtstamp", datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))  # fixed: the file depends on the guides only
        if e.time:
            start = datetime.combine(e.date, datetime.strptime(e.time, "%H:%M").time(), TZ)
            item.add("dtstart", start)
            item.add("dtend", start)
        else:
            item.add("dtstart", e.date)
            item.add("dtend", e.date + timedelta(days=1))
        if e.deadline:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"明天截止：{e.kind}")
            alarm.add("trigger", timedelta(days=-1))
            item.add_component(alarm)
        cal.add_component(item)
    cal.add_missing_timezones()
    data = cal.to_ical()
    parsed = Calendar.from_ical(data)
    if len(parsed.walk("VEVENT")) != len(events):
        raise ValueError("the .ics file does not read back with every event")
    return data
