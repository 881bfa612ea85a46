"""Repeat incidents: the document says this happened before, or links an earlier postmortem.

Signals (settings.repeat_phrases): "happened again", "part two", "a recurrence of",
"same issue as", "once again" — read outside the timeline, whose "failing again" is
one incident's own course, and outside the action items. An emphatic capitalised
"AGAIN" counts too. When a repeat is inferred, links (Markdown or bare URLs) whose
address names a postmortem, incident report or post-incident review are its related
incidents; a link alone infers nothing (posts link their own announcement).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ..model import Document
from .facts import Fact
from .prose import document_texts, find, phrases, quote, span_at

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
        for match in _LINK.finditer(text):
            url = match.group().rstrip(".,;:")
            if _EARLIER.search(url) and own not in url.lower() and url not in links:
                links.append(url)
                link_pointer = link_pointer or pointer
    hit = next(iter(find(phrases(tuple(str(term) for term in settings.get("repeat_phrases") or ())), texts)), None)
    if hit is None:
        for pointer, text in texts:
            match = _EMPHATIC_AGAIN.search(text)
            if match:
                hit = (pointer, text, match)
                break
    if hit is not None:
        pointer, _, match = hit
        return Fact(True, True, quote(match.group()), span_at(document, pointer, match.group())), tuple(links)
    # a link alone is no repeat: posts link their own announcement or other teams' reports
    return None, ()
