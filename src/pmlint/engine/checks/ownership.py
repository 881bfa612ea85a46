"""Whether anyone owns the plan: one finding per document when no open item names an owner.

Reviewers of real postmortems raise "none of these actions has an owner or a date" as
one point about the plan, not one per item: the per-item rules (PM301, PM302) are the
`strict` preset's; this is the `recommended` one's summary of them (`plan_owned`).

Contract (see `checks/__init__.py`): input is the document (`$`): its action items, the
Markdown loader's `meta.action_item_source` and the text of the whole document. An
item names an owner when its `owner` field holds a name (not a placeholder such as
"???" or "TBD") or its text matches one of the rule's `owner_patterns` ("@alice",
"assigned to", "— Jane"); a due date likewise (`due`, or `due_patterns`: a date, a
quarter, "next sprint"). An item whose title reports work done ("We enabled ...",
"... was introduced": `done_patterns`) is not open, whatever its status. Silent when the plan is tracked elsewhere: the document says
so (`tracked_patterns`: "tracked in JIRA-123", "owners are in the tracker"), or more
than `tracked_share` of the open items link a ticket (the tracker holds assignees and
milestones); an item listed under a heading that links a tracking issue ("### Short-term
([Follow along](.../issues/39133))") is linked, one under a heading that names a date or a
quarter ("Long-term (Q4 2025 - Q1 2026)") is dated. Silent too when the document names the
plan's owner once for all items (`plan_owner_patterns`: "## Owner: @alice", "Owner: Jane"
among the metadata lines).

Who the document is written for decides how much the finding weighs: a team's own record
(metadata lines, an attendee list, a checkbox plan) is asked who owns its plan; a write-up
for outside readers (an apology to its users, "thank you for your patience", a "Public /
Sanitized" label, a blog's front matter: `public_patterns`) speaks for the company as a
whole, whose owners live in its internal tracker, so the finding there is pedantic
(`strict` only, at info). The vocabulary is the rule file's; the function only counts.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any, Iterable

from ..functions import Context, Hit, check
from ._due import read_due
from ._shared import is_pending, option_patterns, prose_head

#: a ticket reference a tracker resolves: a URL, `ABC-123`, `#123` (not "TODO" in a Ticket column)
#: (a GitHub cross-repository reference too: `lucas42/lucos_backups#332`)
_TRACKER_REFERENCE = re.compile(r"https?://|\b[A-Z][A-Z0-9]{1,9}-\d{1,7}\b|(?<![\w&])#\d{1,7}\b"
                                r"|\b[\w.-]{1,100}/[\w.-]{1,100}#\d{1,7}\b")
#: an owner value that names nobody: only punctuation ("???", "-")
_NO_NAME = re.compile(r"^[\W_]*$")
#: a heading that links a tracker's issue, pull request, epic or board, or names a ticket
_TRACKING_HEADING = re.compile(r"https?://\S*/(?:issues|pull|merge_requests|browse|milestones?|projects?|epics?|boards?)/"
                               r"|\b[A-Z][A-Z0-9]{1,9}-\d{1,7}\b|(?<![\w&])#\d{1,7}\b")
#: a Markdown section heading (ATX, level 2 and below: the title's date is the incident's,
#: not the plan's) or a line that is only a bold label ("**Next steps:**", "- **Review actions**:")
_HEADING_LINE = re.compile(r"^\s{0,3}(?:#{2,6}\s|(?:[-*]\s+)?\*\*[^*\n]{1,120}\*\*:?\s*$)")


@check("plan_owned",
       {"owner_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                           "description": "Regexes: an item's title or description that matches one names its owner."},
        "due_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                         "description": "Regexes: an item's title or description that matches one names a due date."},
        "no_owner_values": {"type": "array", "items": {"type": "string"},
                            "description": "`owner` values that name nobody (`TBD`, `unassigned`), compared case-insensitively."},
        "tracked_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                             "description": "Regexes: a document whose text matches one says its plan's owners are "
                                            "kept elsewhere (\"tracked in JIRA-123\"): no finding."},
        "done_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                          "description": "Regexes: an item whose title matches one reports work already done "
                                         "(\"We enabled branch protection\", \"... was introduced\"): not open."},
        "tracked_share": {"type": "number", "minimum": 0, "maximum": 1,
                          "description": "When at least this share of the open items link a ticket, the tracker "
                                         "holds the owners: no finding (1: only when every one does)."},
        "plan_owner_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                                "description": "Multiline regexes over the document's text: a match names the "
                                               "owner of the whole plan (\"## Owner: @alice\"); what follows its colon "
                                               "must not be one of `no_owner_values`."},
        "plan_done_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                               "description": "Regexes over the document's text: a match says the plan as a "
                                              "whole was carried out (\"Most immediate remedies have been "
                                              "deployed\"), where the finding is pedantic (strict only)."},
        "heading_due_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                                 "description": "Regexes over the heading an item is listed under only: a match "
                                                "dates its items (\"### Short Term (1-2 weeks)\"); after an item's "
                                                "own title the same words are an effort estimate (\"(2-3 days)\")."},
        "horizon_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                             "description": "Regexes over the heading an item is listed under: a match puts the item "
                                            "on a horizon (\"### Short term\", \"## Future Work\"); when every open "
                                            "item is on one and none names an owner or a date, the finding (variant "
                                            "`horizon`) is `info`."},
        "later_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                           "description": "Regexes over a horizon heading that sets its items aside for later "
                                          "(\"## Future Work\"): enough alone for variant `horizon` (other "
                                          "horizons count only when the plan has two or more)."},
        "public_patterns": {"type": "array", "items": {"type": "string", "format": "regex"},
                            "description": "Multiline regexes over the document's text: a match marks a write-up "
                                           "for outside readers (an apology to users, a \"Public\" label, a blog's "
                                           "front matter), where the finding is pedantic (strict only)."}},
       required=("owner_patterns", "due_patterns"))
def plan_owned(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """One finding on the first open action item when none of the open items names an
    owner (variant `owner` when some name a due date; `one` / `one_owner` for a plan of
    one item); at `info` when the items are paragraphs of prose rather than a list, a
    table or YAML. No open item: nothing (PM313 asks for a plan). Pedantic (strict only)
    in a write-up for outside readers (`public_patterns`) and when the document reports
    the plan as carried out (`plan_done_patterns`)."""
    items = value.get("action_items") if isinstance(value, dict) else None
    if not isinstance(items, list):
        return
    done = option_patterns(options, "done_patterns")
    pending = [(index, item) for index, item in enumerate(items) if isinstance(item, dict) and is_pending(item, context)
               and not (done is not None and isinstance(item.get("title"), str) and done.search(item["title"]))]
    if not pending:
        return
    owner_regex = option_patterns(options, "owner_patterns")
    nobody = {str(word).strip().lower() for word in options.get("no_owner_values") or ()}
    if any(_owned(item, owner_regex, nobody) for _, item in pending):
        return
    text = prose_head(context)
    if _plan_owner(text, options, nobody):
        return
    headings = _headings_of(context, pointer, pending)
    share = options.get("tracked_share", 0.5)
    linked = sum(1 for index, item in pending
                 if _tracked(item.get("ticket")) or _TRACKING_HEADING.search(headings.get(index, "")) is not None)
    if share <= 1 and linked and linked >= share * len(pending):
        return
    if all(_links_a_ticket(item) for _, item in pending):
        return  # every item links its ticket in its own words (one link of two leaves the other unowned)
    tracked = option_patterns(options, "tracked_patterns")
    if tracked is not None:
        joined = context.strings(context.document.data, "")[1].text
        if tracked.search(joined) is not None:
            return
    due_regex = option_patterns(options, "due_patterns")
    heading_due = option_patterns(options, "heading_due_patterns")
    dated = any(_has(item.get("due")) or _says(item, due_regex)
                or any(regex is not None and regex.search(headings.get(index, "")) is not None
                       for regex in (due_regex, heading_due))
                for index, item in pending)
    variant = ("one_owner" if dated else "one") if len(pending) == 1 else ("owner" if dated else None)
    values: dict[str, Any] = {"count": len(pending)}
    horizon = option_patterns(options, "horizon_patterns")
    horizons = [_heading_words(headings[index]) for index, _ in pending
                if horizon is not None and index in headings and horizon.search(headings[index]) is not None]
    later = option_patterns(options, "later_patterns")
    named = list(dict.fromkeys(horizons))
    if not dated and horizons and len(horizons) == len(pending) and (
            len(named) > 1 or (later is not None and later.search(named[0]) is not None)):
        # every item sits under a horizon, and the plan is ordered by when ("### short term",
        # "### long term") or set aside for later ("## Future Work"): what is left to ask
        # (who, and a real date) is worth a note
        variant = "horizon"
        values["heading"] = " / ".join(named)
    prose = context.document.meta.action_item_source == "prose"
    public = option_patterns(options, "public_patterns")
    outside = public is not None and public.search(text) is not None
    finished = option_patterns(options, "plan_done_patterns")
    carried_out = finished is not None and finished.search(text) is not None
    yield Hit(f"{pointer.rstrip('/')}/action_items/{pending[0][0]}", values, variant=variant,
              demote=prose or variant == "horizon", pedantic=outside or carried_out)


def _heading_words(line: str) -> str:
    """A heading line as its reader sees it: no `#`, emphasis, list marker or trailing colon."""
    return re.sub(r"^\s*(?:[-*]\s+)?#*\s*|[*_`]|:?\s*$", "", line).strip()


def _plan_owner(text: str, options: dict, nobody: set[str]) -> bool:
    """Whether the document names one owner for its whole plan ("## Owner: @alice")."""
    regex = option_patterns(options, "plan_owner_patterns")
    if regex is None:
        return False
    for found in regex.finditer(text):
        line = found.group()
        name = re.split(r"[:=]", line, maxsplit=1)[-1].strip(" \t*_`'\"").lower()
        if name and not _NO_NAME.match(name) and name not in nobody:
            return True
    return False


def _headings_of(context: Context, pointer: str, pending: list[tuple[int, Any]]) -> dict[int, str]:
    """The raw source line of the heading each pending item is listed under (Markdown),
    links and all: the heading may carry the tracking issue or the date of its items."""
    lines = context.document.lines
    spans = context.document.spans
    base = pointer.rstrip("/")
    wanted = {}
    for index, _ in pending:
        span = spans.get(f"{base}/action_items/{index}")
        if span is not None and 0 < span.line <= len(lines):
            wanted[index] = span.line
    if not wanted or context.document.format != "markdown":
        return {}
    heading_lines = [number for number, line in enumerate(lines, 1) if _HEADING_LINE.match(line)]
    found: dict[int, str] = {}
    for index, line in wanted.items():
        position = bisect.bisect_left(heading_lines, line) - 1
        if position >= 0:
            found[index] = lines[heading_lines[position] - 1]
    return found


def _owned(item: dict[str, Any], regex: Any, nobody: set[str]) -> bool:
    owner = item.get("owner")
    if isinstance(owner, list):
        owner = " ".join(str(part) for part in owner if part)
    if isinstance(owner, str) and owner.strip() and not _NO_NAME.match(owner) and owner.strip().lower() not in nobody:
        return True
    return _says(item, regex)


def _has(value: Any) -> bool:
    """A due value that names a date or horizon: not blank, not "soon" or "n/a" (`_due`)."""
    if isinstance(value, date):
        return True
    return isinstance(value, (str, int)) and not isinstance(value, bool) and bool(str(value).strip()) \
        and not _NO_NAME.match(str(value)) and read_due(value).kind != "none"


def _says(item: dict[str, Any], regex: Any) -> bool:
    if regex is None:
        return False
    return any(isinstance(item.get(name), str) and regex.search(item[name]) is not None
               for name in ("title", "description"))


def _links_a_ticket(item: dict[str, Any]) -> bool:
    """Whether the item's own words link its tracker's ticket ("Update queries to handle
    stale systems: https://jira.example.com/browse/RHCLOUD-5027"): who owns it and when it
    is due live in the ticket, as with a `ticket` field."""
    return any(isinstance(item.get(name), str) and _TRACKING_HEADING.search(item[name][:2000]) is not None
               for name in ("title", "description"))


def _tracked(ticket: Any) -> bool:
    return isinstance(ticket, str) and _TRACKER_REFERENCE.search(ticket) is not None
