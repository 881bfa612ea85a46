"""How an incident was detected, and how long that took, from the timeline or prose.

Method: the first passage, in document order (a Detection section first), that names
what noticed the problem, from settings.detection_method_phrases (method → phrases):
"a user reported" is `customer`, "an engineer noticed" is `employee`, "our monitoring
detected" is `monitoring`, "an alert fired" is `alert`. A sentence that names an
alert or monitoring is never read as a person noticing by chance.

Time to detect: the timeline's first `started` → first `detected`; when the timeline
cannot say, a duration in prose tied to noticing: "a week later, a user reported",
"8 hours before anyone noticed", "went unnoticed for about 16 months".
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ..model import Document
from ..timeline import Entry, entries, first_of, format_minutes, minutes_between
from .facts import Fact
from .prose import document_texts, find, has_words, phrases, quote, sentence, span_at, terms_of
from .severity import DURATION, UNIT_WORDS, duration_minutes

_ALERTING = re.compile(r"\b(?:alert|alerts|alerted|alerting|alarm|monitoring|pager|pagerduty|opsgenie)\b", re.IGNORECASE)
_NOTICING = re.compile(r"\b(?:notic\w{0,4}|discover\w{0,4}|detect\w{0,4}|report\w{0,4}|realis\w{0,4}|realiz\w{0,4}|"
                       r"spott\w{0,4}|identif\w{0,6}|found|alerted|caught|became aware|flagged)\b", re.IGNORECASE)
_DELAY_AFTER = re.compile(r"[ \t,]{0,3}(?:later|earlier|before[ \t]+(?:anyone|anybody|someone|somebody|we|it|the|our|they|a|an)\b)",
                          re.IGNORECASE)
_DELAY_BEFORE = re.compile(r"(?:unnoticed|undetected|unnoticed|exposed|exposure|dormant|latent|unknown|unaware|"
                           r"went[ \t]+undiscovered|in[ \t]+place|lurking)\W{1,4}(?:for[ \t]+)?(?:about|around|roughly|almost|nearly|over|some|~)?[ \t]*$",
                           re.IGNORECASE)


def _ordered_texts(document: Document) -> list[tuple[str, str]]:
    texts = document_texts(document, ("/action_items",))
    return sorted(texts, key=lambda pair: 0 if pair[0].startswith("/detection") else 1)  # stable: document order


def infer_method(document: Document, settings: Mapping[str, Any]) -> Fact[str] | None:
    """The detection method the prose names first, else None."""
    table = settings.get("detection_method_phrases") or {}
    if not isinstance(table, dict):
        return None
    regexes = [(str(method), phrases(terms_of(terms))) for method, terms in table.items()
               if isinstance(terms, (list, tuple))]
    texts = _ordered_texts(document)
    order = {id(pair[1]): index for index, pair in enumerate(texts)}
    best: tuple[int, int, str, str, str] | None = None  # (rank of the text, offset, method, pointer, phrase)
    for method, regex in regexes:
        for pointer, text, match in find(regex, texts):
            if method in ("employee", "customer") and _ALERTING.search(sentence(text, match.start(), match.end())):
                continue
            rank = (order.get(id(text), len(texts)), match.start())
            if best is None or rank < best[:2]:
                best = (rank[0], rank[1], method, pointer, match.group())
            break  # the first usable match of this method: later ones rank lower
    if best is None:
        return None
    return Fact(best[2], True, quote(best[4]), span_at(document, best[3], best[4]))


#: With a detection but no start marked, the first entry is taken as the start only when it
#: lies within a day of detection: entries days earlier are lead-up (a beta, a deploy).
SAME_DAY_MINUTES = 1440
#: Shortest gap, in minutes, read from date-only entries: days are all a date can tell.
DAY_GAP_MINUTES = 2 * 1440


def _first_report(timeline: list[Entry], data: dict, settings: Mapping[str, Any]) -> tuple[float, str] | None:
    """(minutes, pointer) from the first entry to the first one that reports or notices the
    problem, for timelines that mark no milestones. Only gaps of at least DAY_GAP_MINUTES
    count: a latent exposure of days or months is what this reveals, while a first entry
    minutes before the first report is as likely the report's own lead-up (and a date is
    all some entries have, so hours are not knowable)."""
    dated = [entry for entry in timeline if entry.moment is not None]
    if len(dated) < 2:
        return None
    listed = data.get("timeline")
    events = listed if isinstance(listed, list) else []
    first = dated[0]
    for entry in dated[1:]:
        node = events[entry.index] if entry.index < len(events) else None
        text = node.get("event") if isinstance(node, dict) else None
        if not isinstance(text, str) or _NOTICING.search(text) is None:
            continue
        start, end = first.moment, entry.moment
        assert start is not None and end is not None
        if first.date_only or entry.date_only or (start.tzinfo is None) != (end.tzinfo is None):
            start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
            minutes = (end - start).total_seconds() / 60
            return (minutes, entry.pointer) if minutes >= DAY_GAP_MINUTES else None
        minutes = (end - start).total_seconds() / 60
        return (minutes, entry.pointer) if minutes >= DAY_GAP_MINUTES else None
    return None


def infer_time_to_detect(document: Document, settings: Mapping[str, Any]) -> Fact[float] | None:
    """Minutes from start to detection: the timeline's milestones, else prose."""
    data = document.data if isinstance(document.data, dict) else {}
    timeline = entries(data)
    start, detected = first_of(timeline, "started"), first_of(timeline, "detected")
    minutes = minutes_between(start, detected)
    wrapped = False
    if minutes is not None and -1440 < minutes < 0 and start is not None and detected is not None \
            and start.moment is not None and detected.moment is not None \
            and start.moment.date() == detected.moment.date() and start.moment.time() > detected.moment.time():
        minutes += 1440  # a time-only timeline that crossed midnight without a new date
        wrapped = True
    if minutes is not None and minutes >= 0 and detected is not None:  # arithmetic on the milestones: stated
        how = ", read as crossing midnight" if wrapped else ""
        return Fact(minutes, wrapped, f"the timeline ({format_minutes(minutes)} from start to detection{how})",
                    document.spans.get(detected.pointer))
    best: tuple[float, str, str] | None = None
    for pointer, text in document_texts(document, ("/action_items", "/timeline")):
        if not has_words(text, UNIT_WORDS):
            continue
        for match in DURATION.finditer(text):
            minutes = duration_minutes(match)
            if minutes is None:
                continue
            tail = _DELAY_AFTER.match(text, match.end())
            head = _DELAY_BEFORE.search(text[max(0, match.start() - 40):match.start()])
            if tail is None and head is None:
                continue
            if head is None and _NOTICING.search(text, max(0, match.start() - 160), min(len(text), match.end() + 120)) is None:
                continue
            if best is None or minutes > best[0]:
                best = (minutes, pointer, match.group())
    if best is not None:
        minutes, pointer, phrase = best
        return Fact(minutes, True, f"{quote(phrase)} before detection", span_at(document, pointer, phrase))
    if start is None and detected is not None:
        first = next((entry for entry in timeline if entry.moment is not None and not entry.date_only), None)
        minutes = minutes_between(first, detected)
        if first is not None and minutes is not None and 0 < minutes < SAME_DAY_MINUTES:
            return Fact(minutes, True, f"the timeline ({format_minutes(minutes)} from its first entry to detection)",
                        document.spans.get(detected.pointer))
    if start is None and detected is None:
        found = _first_report(timeline, data, settings)
        if found is not None:
            return Fact(found[0], True, f"the timeline ({format_minutes(found[0])} from its first entry to "
                        f"the first report)", document.spans.get(found[1]))
    return None


def time_to_mitigate(document: Document) -> Fact[float] | None:
    """Minutes from the timeline's first `started` to its first `mitigated` (else `resolved`)
    entry: arithmetic on the milestones, so a stated fact; None when they are missing."""
    data = document.data if isinstance(document.data, dict) else {}
    timeline = entries(data)
    start = first_of(timeline, "started")
    end = first_of(timeline, "mitigated") or first_of(timeline, "resolved")
    minutes = minutes_between(start, end)
    if minutes is None or minutes < 0 or end is None:
        return None
    return Fact(minutes, False, f"the timeline ({format_minutes(minutes)} from start to {end.kind})",
                document.spans.get(end.pointer))
