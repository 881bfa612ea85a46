"""Repeat incidents: the document says this happened before, or links an earlier postmortem.

Signals (settings.repeat_phrases): "happened again", "part two", "a recurrence of",
"same issue as", "once again" — read outside the timeline, whose "failing again" is
one incident's own course, and outside the action items. An emphatic capitalised
"AGAIN" counts too. Links (Markdown or bare URLs) whose address names a postmortem,
incident report or post-incident review are related incidents; a link alone infers a
repeat only when its address carries a date more than a day before this incident's
(posts also link their own announcement).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Mapping

from ..model import Document
from .facts import Fact
from .prose import document_texts, find, phrases, quote, span_at, terms_of

_EMPHATIC_AGAIN = re.compile(r"(?<![A-Za-z])AGAIN(?![A-Za-z])")
_LINK = re.compile(r"https?://[^\s)\]>\"']{1,300}")
_EARLIER = re.compile(r"post-?mortem|incident[-_ ]?report|post-incident|incident-review|/incidents?/\d", re.IGNORECASE)


def infer_repeat(document: Document, settings: Mapping[str, Any]) -> tuple[Fact[bool] | None, tuple[str, ...]]:
    """(repeat fact, links to earlier postmortems) — (None, ()) when nothing says so."""
    data = document.data if isinstance(document.data, dict) else {}
    texts = document_texts(document, ("/timeline", "/action_items"))
    own = document.path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    links: list[str] = []
    link_pointer = ""
    for pointer, text in texts:
        if "http" not in text:  # (every link starts so: a substring test, not a scan)
            continue
        for match in _LINK.finditer(text):
            url = match.group().rstrip(".,;:")
            if _EARLIER.search(url) and own not in url.lower() and url not in links and \
                    not _someone_elses(text, match.start()):
                links.append(url)
                link_pointer = link_pointer or pointer
    hit = next(iter(find(phrases(terms_of(settings.get("repeat_phrases"))), texts)), None)
    if hit is None:
        for pointer, text in texts:
            emphatic = _EMPHATIC_AGAIN.search(text) if "AGAIN" in text else None
            if emphatic:
                hit = (pointer, text, emphatic)
                break
    if hit is not None:
        pointer, _, match = hit
        return Fact(True, True, quote(match.group()), span_at(document, pointer, match.group())), tuple(links)
    # a link alone is a repeat only when it is dated well before this incident: posts also
    # link their own announcement, and a link with no date says nothing about when
    own_date = _date_in(str(data.get("date") or "")) or _date_in(document.path.rsplit("/", 1)[-1])
    earlier = [url for url in links if own_date and (_date_in(url) or own_date) < own_date - timedelta(days=1)]
    if earlier:
        return Fact(True, True, f"a link to an earlier postmortem ({earlier[0][:80]})",
                    span_at(document, link_pointer, earlier[0])), tuple(earlier)
    return None, ()


#: How far before a link its sentence is read for whose incident it is (characters).
_ATTRIBUTION_REACH = 240
#: Another party named as the author or owner of a linked incident: "[the October 21 incident
#: analysis by Github](...)", "Cloudflare's postmortem", "the report from AWS" (a capitalised
#: name; bounded gaps, linear).
_OTHER_PARTY = re.compile(r"\b(?:by|from)[ \t]+(?:the[ \t]+)?(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|"
                          r"Thu|Fri|Sat|Sun|Last|Our|This|That|The|An?)\b|(?:January|February|March|April|June|July|August|"
                          r"September|October|November|December)\b)[A-Z][\w.&-]{1,40}\b|\b[A-Z][\w.&-]{1,40}(?:['\u2019]s)[ \t]+"
                          r"(?:[\w-]+[ \t]+){0,4}?(?:post-?mortem|incident|outage|analysis|report|review|write-?up|rca)\b")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)


def _someone_elses(text: str, at: int) -> bool:
    """Whether the link at `at` is to another organisation's incident: its sentence, up to
    the link, names another party as its author ("the incident analysis by Github", "AWS's
    post-mortem") and says nothing of "we" or "our". Reading someone else's postmortem is
    no repeat of one's own incident ("our previous postmortem by the SRE team" still is)."""
    start = max(0, at - _ATTRIBUTION_REACH)
    window = text[start:at]
    cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n"))
    window = window[cut + 1:] if cut >= 0 else window
    return _OTHER_PARTY.search(window) is not None and _FIRST_PERSON_PLURAL.search(window) is None


_DATE = re.compile(r"(?<!\d)(\d{4})[-/](\d{2})[-/](\d{2})(?!\d)")


def _date_in(text: str) -> date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
