"""Helpers the durability checks share: severity, item text, word lists, open items.

Kept free of registration so unit tests can call them directly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..functions import Context, shorten
from ..items import is_open_item, is_pending_item
from ..severity import normalise_severity  # noqa: F401  (re-exported for the checks)
from ..text import PhraseRegex, find_phrases, phrase_regex
from ._markers import marker_at


def severity_of(context: Context) -> str | None:
    """The document's severity as one of `severity_levels` (aliases and `Sev-2` spellings
    normalised), else the raw value upper-cased, or None when there is none."""
    data = context.data
    value = data.get("severity") if isinstance(data, dict) else None
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
        return None
    return normalise_severity(value, context.settings) or str(value).strip().upper()


PLACEHOLDER_MARKERS = ("TODO", "FIXME")


def is_placeholder(value: Any, context: Context) -> bool:
    """Whether `value` holds a template placeholder (`YYYY-MM-DD`, `TBD`, a bare `TODO`).

    PM010 reports those once; rules that check a value's form (PM005 schema, PM303 due
    date, PM501 timestamps) leave them alone, so one unfilled phrase is one finding."""
    if not isinstance(value, str) or not value.strip():
        return False
    regex = patterns(context, "template_placeholders")
    if regex is not None and next(iter(find_phrases(value, regex)), None) is not None:
        return True
    return marker_at(value, "", PLACEHOLDER_MARKERS) is not None


def words(context: Context, setting: str) -> PhraseRegex | None:
    """One regex for a word-list setting (whole words, case-insensitive); compiled once per list."""
    return phrase_regex(tuple(context.setting(setting) or ()))


def patterns(context: Context, setting: str) -> PhraseRegex | None:
    """One regex for a setting that holds raw regular expressions."""
    try:
        return phrase_regex((), tuple(context.setting(setting) or ()))
    except re.error:
        return None


def option_words(options: dict[str, Any], name: str) -> PhraseRegex | None:
    """One regex for a rule's word-list option (whole words, case-insensitive); compiled
    once per list (`phrase_regex` caches by content, so a config override gets its own)."""
    return phrase_regex(tuple(options.get(name) or ()))


def option_patterns(options: dict[str, Any], name: str) -> PhraseRegex | None:
    """One regex for a rule's option that holds raw regular expressions (checked to compile
    when the rule or the config override loads)."""
    try:
        return phrase_regex((), tuple(options.get(name) or ()))
    except re.error:
        return None


def text_of(item: Any, fields: tuple[str, ...] = ("title", "description")) -> str:
    """The prose of an item (title and description), or the item itself when it is text."""
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return ""
    return " ".join(str(item[name]) for name in fields if isinstance(item.get(name), (str, int, float)))


def action_items(context: Context) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) for every action item that is a mapping."""
    data = context.data
    items = data.get("action_items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]


def root_causes(context: Context) -> list[tuple[int, dict[str, Any]]]:
    """(index, cause) for every root cause; a bare string cause becomes {summary: text}.
    An entry whose layer the author marks as not a factor is no cause (`not_a_factor`)."""
    data = context.data
    causes = data.get("root_causes") if isinstance(data, dict) else None
    if not isinstance(causes, list):
        return []
    out = []
    for index, cause in enumerate(causes):
        if isinstance(cause, str):
            out.append((index, {"summary": cause}))
        elif isinstance(cause, dict) and not not_a_factor(cause):
            out.append((index, cause))
    return out


#: "Architecture: not a factor", "n/a", "none": a layer the author ruled out, not a cause.
_NOT_A_FACTOR = re.compile(r"^\W*(?:n/?a|none|nothing|not applicable|not relevant|not involved|no issues?|"
                           r"no problems?|(?:was |were )?not an? (?:contributing )?factors?)\W*$"
                           r"|\b(?:was|were|is|are)\s+not\s+an?\s+(?:contributing\s+)?factor\b"
                           r"|\bdid\s+not\s+contribute\b|\bplayed\s+no\s+(?:part|role)\b", re.IGNORECASE)


def not_a_factor(cause: dict[str, Any]) -> bool:
    """A cause entry with a layer whose text rules that layer out ("not a factor")."""
    if not cause.get("layer"):  # asked first: most causes carry no layer, and joining costs
        return False
    text = " ".join(str(cause.get(key) or "") for key in ("summary", "description")).strip()
    return _rules_out(text)


@lru_cache(maxsize=4096)
def _rules_out(text: str) -> bool:
    """Cached per text: several checks read the same root causes (`root_causes`), and the
    search tries its alternatives at every character of a long cause."""
    return bool(_NOT_A_FACTOR.search(text))


def is_open(item: dict[str, Any], context: Context) -> bool:
    """Not closed as `wont-do` (done items still count as part of the plan); the
    condition `{open: true}` asks the same (`items.is_open_item`)."""
    return is_open_item(item)


def is_pending(item: dict[str, Any], context: Context) -> bool:
    """Still to do: its status is not one of `settings.closed_statuses` (`{pending: true}`)."""
    return is_pending_item(item, context.settings)


def lower(value: Any) -> str | None:
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


def title_of(item: dict[str, Any], index: int) -> str:
    """How a message names an item: its title (action items) or summary (root causes)."""
    for name in ("title", "summary"):
        if isinstance(item.get(name), str) and item[name].strip():
            return shorten(item[name])
    return f"#{index + 1}"


def search(regex: PhraseRegex | re.Pattern[str] | None, text: str) -> re.Match[str] | None:
    return regex.search(text) if regex is not None and text else None


def evidence(context: Context, kind: str) -> dict[str, Any] | None:
    """Where the document states `kind` anywhere in its text (`meta.evidence`, filled by
    the loaders' whole-document search), or None: checked before any "missing" claim."""
    found = context.document.meta.evidence
    entry = found.get(kind) if found is not None else None
    return entry if isinstance(entry, dict) else None


#: A sentence of prose: up to a full stop, ! or ? or a line end (bounded: linear).
#: (a stop inside a word is none: "pbs.proxmox.com", "v1.2" keep their sentence whole)
PROSE_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[A-Za-z0-9])){1,2000}")
#: How much of a document is read for a commitment in prose (the rest is never an answer).
PROSE_BYTES = 200_000


def prose_head(context: Context) -> str:
    """The document's lines as one text, cut at PROSE_BYTES: what the checks that read the
    prose whole (a commitment, an alert told as fixed) search."""
    return "\n".join(context.document.lines or ())[:PROSE_BYTES]


def committed_in_prose(context: Context, regex: PhraseRegex | re.Pattern[str] | None) -> bool:
    """A sentence anywhere in the document that commits to something `regex` names ("we are
    working on adding more people to be on-call", "we will test our restores monthly"): a
    plan in prose, where no list under a plan heading holds it, is still a plan (the same
    commitment words as the `actions` evidence in load/evidence.py)."""
    from ...load.evidence import COMMITMENT

    if regex is None:
        return False
    text = prose_head(context).lower()
    return any(COMMITMENT.search(sentence.group()) is not None and search(regex, sentence.group()) is not None
               for sentence in PROSE_SENTENCE.finditer(text))
