"""Impact checks (PM6xx): who was affected, and for how long, in numbers.

A YAML postmortem states numbers in fields; a Markdown one usually writes them in
prose ("78% of requests failed for 1h48m"), so the description counts too, and a
timeline with started and mitigated/resolved entries gives the duration.

Contract (see `checks/__init__.py`): input is the whole document (impact fields, the
description's prose, the timeline); output is at most one hit naming what is missing
(who, how long). Code because it recognises quantities in prose and measures the
timeline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from ..functions import Context, Hit, check, is_truthy
from ._shared import evidence
from ._time import entries, first_of, minutes_between

# Both are only ever searched (does the description state it?), never read for their
# span, so each match may start where a run of digits starts: a search that restarts at
# every digit of a 3,000-digit run, each time reading the run and backtracking through
# it, took minutes (cubic). A run is read once (possessive `*+`, and a start only where
# the run starts), whitespace runs possessively: linear, and the same documents match.
_WHO = re.compile(r"(?<![\d,.])[,.]*+\d[\d,.]*+\s*+(?:%|percent|k\b|m\b)?\s*+(?:of\s++)?(?:\w++\s++)?"
                  r"(?:users?|customers?|requests?|calls?|errors?|accounts?|orders?|sessions?|builds?|jobs?"
                  r"|queries|tenants?|sites?|pods?|members?|tickets?|%|percent)", re.IGNORECASE)
_HOW_LONG = re.compile(r"(?<!\d)\d++(?:[.,]\d++)?\s*+(?:s|sec|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b"
                       r"|(?<!\d)\d++h\s*+\d++m", re.IGNORECASE)

def _security_exposure(data: dict, options: dict) -> bool:
    """Whether the title or the summary names a security exposure (the rule's
    `security_words`: "leaked", "vulnerability", "compromised", ...) rather than an outage."""
    listed = options.get("security_words") or ()
    if not listed:
        return False
    regex = _security_regex(tuple(str(word) for word in listed))
    return any(isinstance(data.get(key), str) and regex.search(data[key]) for key in ("title", "summary"))


@lru_cache(maxsize=8)
def _security_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")", re.IGNORECASE)


def _number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
        isinstance(value, str) and any(char.isdigit() for char in value))


@check("impact_quantified", {"security_words": {
    "type": "array", "items": {"type": "string"},
    "description": "Words of a title or summary that name a security exposure: with who or what was affected "
                   "stated, the outage minutes are not asked for."}})
def impact_quantified(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Impact states who or what was affected (users_affected, requests_failed, a number
    with a unit in the description, or a count, share or "all users" anywhere in the text)
    and for how long (duration_minutes, a duration in the description or anywhere in the
    text, or started and mitigated/resolved in the timeline).

    Nothing quantified anywhere is a warning that says where pmlint looked; one half
    stated and the other not is reported at `info` (a reviewer seldom raises it)."""
    data = value if isinstance(value, dict) else {}
    impact = data.get("impact")
    impact = impact if isinstance(impact, dict) else {"description": impact} if isinstance(impact, str) else {}
    stated = impact.get("description")
    description = stated if isinstance(stated, str) else ""
    missing = []
    if not (_number(impact.get("users_affected")) or _number(impact.get("requests_failed"))
            or _WHO.search(description) or evidence(context, "impact_who")):
        missing.append("who or what was affected (`users_affected` or `requests_failed`)")
    timeline = entries(data)
    start = first_of(timeline, "started")
    computed = any(minutes_between(start, first_of(timeline, kind)) is not None for kind in ("mitigated", "resolved"))
    if not (_number(impact.get("duration_minutes")) or _HOW_LONG.search(description) or computed
            or evidence(context, "impact_duration")):
        missing.append("how long (`duration_minutes`)")
    if len(missing) == 1 and missing[0].startswith("how long") and _security_exposure(data, options):
        # a leaked token, a vulnerability or a compromised device is an exposure, not an
        # outage: with who or what was affected stated, asking for an outage's minutes is
        # noise a reviewer would not raise (an exposure with nothing quantified still is)
        return
    if missing:
        target = "/impact" if is_truthy(data.get("impact")) else "/impact/description"
        values = {"missing": " and ".join(missing)}
        if len(missing) == 1:
            yield Hit(target, values, demote=True)
        else:
            yield Hit(target, values, variant="several_missing")
