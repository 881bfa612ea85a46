"""Severity names as a document writes them → the configured levels (`Sev-2` → SEV2).

Its own module because both conditions (`when: {path: $.severity, ...}`) and the
durability checks need it, and neither may import the other.
"""

from __future__ import annotations

import re
from typing import Any

_SEV_NUMBER = re.compile(r"(?:sev(?:erity)?)[ \t_-]*(\d)", re.IGNORECASE)


def strip_marks(text: str) -> str:
    """`text` without the marks around a level ("🔴 Critical", "**High**", "(SEV2)",
    "critical!"): every character that is not a letter or digit at either end. Linear,
    by index (a regex anchored at the end retried a long run of spaces at each of its
    characters)."""
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def normalise_severity(value: Any, settings: dict) -> str | None:
    """The `severity_levels` name `value` means, or None when it names none of them.

    Case is ignored (`sev2` → SEV2); `Sev-2`, `SEV 2`, `sev_2`, `Severity 2` are SEV2 when
    SEV2 is a level; a word in `severity_aliases` (`Critical`, `high`) maps to its level, and
    so does a status page's own scale in `status_page_severities` (`major outage` → SEV1).
    An emoji or punctuation around the word is no part of it (`🔴 Critical` is `Critical`).
    `P1` alone stays unknown: it is a priority scale, and guessing would be ambiguous; beside
    a level word ("P2 Medium") the word is read. A level followed by the author's reason
    ("Medium (single service)", "High - all checkouts failed") is the level."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    found = _level(text, settings)
    if found is None:
        bare = strip_marks(text)
        if bare and bare != text:
            found = _level(bare, settings)
    if found is None and len(text) <= 60:
        # "P2 Medium", "Medium (P2)", "P1 - Critical": a priority beside a level word; the
        # word says the level, the priority (a scale of its own) is left alone
        word = _BESIDE_PRIORITY.fullmatch(strip_marks(text))
        if word is not None:
            found = _level(strip_marks(word.group("a") or word.group("b")), settings)
    if found is None and len(text) <= 80:
        # "Medium (single service, home automation)", "High - all checkouts failed",
        # "SEV2: customer facing": a level word, then the author's reason for it
        qualified = _QUALIFIED.match(strip_marks(text))
        if qualified is not None:
            found = _level(strip_marks(qualified.group("level")), settings)
    return found


#: A level word first, then a qualifier in brackets or after a colon or a spaced dash;
#: bounded: the level is at most 20 characters and has no bracket, colon or dash in it.
_QUALIFIED = re.compile(r"(?P<level>[^\n(\[:–—-]{1,20}?)[ \t]{0,3}(?:[(\[]|[:–—-][ \t])")


#: A level word beside a priority code ("P2 Medium", "Medium (P2)"); bounded: linear.
_BESIDE_PRIORITY = re.compile(
    r"[ \t(\[]{0,3}p\d[ \t)\]]{0,3}[-–—:/|]?[ \t]{0,3}(?P<a>[^\n]{1,40}?)[ \t]*"
    r"|(?P<b>[^\n]{1,40}?)[ \t]{0,3}[-–—:/|]?[ \t]{0,3}[(\[]?p\d[)\]]?[ \t]*",
    re.IGNORECASE)


def scale_word(text: str) -> str:
    """A severity word as a scale names it: case, a final full stop, and the hyphens,
    underscores and spaces between its words ignored (a status page's `partial-outage`,
    Statuspage's API `major_outage`, "Partial  outage" are one word)."""
    return " ".join(text.lower().rstrip(".").replace("-", " ").replace("_", " ").split())


def _level(text: str, settings: dict) -> str | None:
    levels = {str(level).upper(): str(level) for level in settings.get("severity_levels") or ()}
    if text.upper() in levels:
        return levels[text.upper()]
    word = scale_word(text)
    for table in ("severity_aliases", "status_page_severities"):
        aliases = {scale_word(str(key)): target for key, target in (settings.get(table) or {}).items()}
        target = aliases.get(word)
        if target is not None:
            return levels.get(str(target).upper())
    match = _SEV_NUMBER.fullmatch(text)
    if match:
        return levels.get(f"SEV{match.group(1)}")
    return None
