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
            if _EARLIER.search(url) and own not in url.lower() and url not in links:
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


_DATE = re.compile(r"(?<!\d)(\d{4})[-/](\d{2})[-/](\d{2})(?!\d)")


def _date_in(text: str) -> date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
