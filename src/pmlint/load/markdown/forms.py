"""What form a Markdown document takes, where the form leaves things out by design.

`document_forms` names them (`DocumentMeta.forms`); a rule whose findings say something
is absent lists the forms that omit it (`Rule.omitted_by`), and is `strict`-only there.

**incident-log**: a log of many incidents (a status page's history).

A status page's history ("### December 21, 2018 / #### Partial file system failure /
### December 12-20, 2018 / #### Nodes down / ...") is several incidents, each told in a
few lines of updates, newest first. Its form leaves out what a postmortem of one incident
records: how each was detected, who was paged, what was learned. A rule whose findings
say such a thing is absent (`omitted_by: [incident-log]`) is then asked for under
`strict` only, while the rules about what the entries do say (impact, causes, plans) run
as on any document. Where no heading splits it into incidents, its lines of different days
are different incidents: PM502 never holds one to another's order.

The sign: three or more short headings that are dates (or months with their year, "##
April 2021", a history grouped by month), spanning more than
`LOG_SPAN_DAYS` days, written newest first. One incident's chronology under date headings
("### March 2nd", "### March 20th", "### March 27th") reads oldest first, and a
multi-day outage's date headings span days, not weeks. Linear: one pass over the
headings.

**interim-update**: an update written while the incident is still open ("The problem is
being worked on and we hope to restore all services within the next few days", "a full
postmortem will follow", a "**Status**: ACTIVE INCIDENT" label). What it has not reached yet (the plan, how the problem was first
noticed, the lessons) is asked for under `strict` only; what it says (impact, status) is
checked as usual. Read from prose outside code, one bounded regex per text.

**personal**: one person's write-up of their own systems: a home lab ("Home DNS/DHCP
Server", "total home LAN outage", "my homelab") or a story told in the first person
singular ("I deleted the database", "my backups"), with `I`/`my`/`me` at least
`PERSONAL_MIN_SINGULAR` times, at least twice as often as `we`/`our`/`us`, and no team
named. The author is the whole staff: who owns each follow-up is not a question the
document can answer (reviewers called "no item names an owner" pedantic on a one-person
home lab), so a rule asking for owners lists the form. Counted over the first
`PERSONAL_CHARS` characters of prose outside code, with one regex pass each.

**status-notice**: a status page's entry for one incident (cState and Jekyll status pages:
front matter with `resolved`, `resolvedWhen`, `affectedsystems`). It tells customers what
broke, when, and that it is fixed; what the team learned is not what it is for, so a rule
asking for lessons lists the form. Read from the front matter's keys.
"""

from __future__ import annotations

import re
from typing import Iterable

from ... import regex_cache
from .blocks import Block
from .common import plain
from .times import find_date, month_heading

#: The form names rules list in `omitted_by`.
INCIDENT_LOG = "incident-log"
INTERIM_UPDATE = "interim-update"
PERSONAL = "personal"
STATUS_NOTICE = "status-notice"
FORMS = (INCIDENT_LOG, INTERIM_UPDATE, PERSONAL, STATUS_NOTICE)

#: Date headings needed before a document reads as a log.
LOG_DATE_HEADINGS = 3
#: Date headings spread over more than this many days are more than one incident.
LOG_SPAN_DAYS = 14
#: A heading longer than this (in words) is a title that mentions a date, not a date.
_DATE_HEADING_WORDS = 7


def incident_log(blocks: Iterable[Block], day_first: bool = False) -> bool:
    """Whether the headings that are dates (`_DATE_HEADING_WORDS` words or fewer) are at
    least LOG_DATE_HEADINGS, span more than LOG_SPAN_DAYS days and run newest first (the
    first dated heading later than the last)."""
    dates = []
    for block in blocks:
        if block.kind != "heading":
            continue
        text = plain(block.text)
        if len(text.split(None, _DATE_HEADING_WORDS)) > _DATE_HEADING_WORDS:
            continue
        found = find_date(text, day_first=day_first) or month_heading(text)
        if found is not None:
            dates.append(found)
    if len(dates) < LOG_DATE_HEADINGS:
        return False
    return (max(dates) - min(dates)).days > LOG_SPAN_DAYS and dates[0] > dates[-1]



#: Words of an update written while the incident is open: the problem still being worked
#: on or restored, the service still down, recovery hoped for, the full report to follow.
_INTERIM = regex_cache.compile(
    r"\b(?:problems?|issues?|outages?|incidents?|situation)[ \t]+(?:is|are)[ \t]+(?:currently[ \t]+|still[ \t]+)?"
    r"being[ \t]+(?:worked[ \t]+on|investigated)\b"
    r"|\b(?:is|are)[ \t]+(?:currently|still)[ \t]+being[ \t]+restored\b"
    r"|\b(?:is|are|remains?)[ \t]+still[ \t]+(?:offline|down|unavailable|degraded)\b"
    r"|\bwe[ \t]+(?:hope|expect)[ \t]+to[ \t]+restore[ \t]+(?:all[ \t]+|the[ \t]+|full[ \t]+)?"
    r"(?:services?|access|functionality|operations?)\b"
    r"|\b(?:full|detailed|complete)[ \t]+(?:post[ \t-]?mortem|report|write-?up|rca)[ \t]+"
    r"(?:will[ \t]+follow|to[ \t]+follow|will[ \t]+be[ \t]+(?:posted|published|shared))\b"
    r"|\bwill[ \t]+(?:publish|post|share)[ \t]+a[ \t]+(?:full[ \t]+|detailed[ \t]+|complete[ \t]+)?"
    r"(?:post[ \t-]?mortem|incident[ \t]+report|write-?up|rca)\b"
    # "We'll do a detailed post mortem for this incident which we will post on our blog"
    r"|\bwe(?:['\u2019]ll|[ \t]+will)[ \t]+(?:do|write|prepare|publish|post|share)[ \t]+a[ \t]+"
    r"(?:full|detailed|complete|thorough)[ \t]+(?:post[ \t-]?mortem|incident[ \t]+report|write-?up|rca)\b"
    r"|\bupdates?[ \t]+(?:will[ \t]+follow|to[ \t]+follow)\b"
    # a status label that says the incident is open: "**Status**: ACTIVE INCIDENT" (not an
    # action item's "Status: Open" or "status: ongoing", nor a copied status-page update's
    # "Status: Investigating")
    r"|\bstatus[ \t*_]*:[ \t*_]*(?:active|ongoing|open|unresolved)[ \t]+incident\b",
    re.IGNORECASE)


#: One of these is in every phrase of `_INTERIM` (lower case): a text without any is no
#: interim update, and the regex (ten `\b`-led alternatives tried at every position) is
#: not run on it.
_INTERIM_WORDS = ("being", "still", "to restore", "follow", "will publish", "will post", "will share",
                  "ll do", "ll write", "ll prepare", "ll publish", "ll post", "ll share", "will do", "will write",
                  "will prepare", "status")
#: How much prose (characters, from the top) is read for the words of an interim update.
INTERIM_CHARS = 50_000


def _prose_prefix(blocks: Iterable[Block], kinds: tuple[str, ...], limit: int) -> str:
    """The texts of the blocks of `kinds`, joined by line breaks, cut at `limit` characters:
    a form is told early, so a 5 MB post costs a form test no more than a short one."""
    texts: list[str] = []
    size = 0
    for block in blocks:
        if block.kind in kinds:
            texts.append(block.text[:limit - size])
            size += len(texts[-1]) + 1
            if size >= limit:
                break
    return "\n".join(texts)


def interim_update(blocks: Iterable[Block]) -> bool:
    """Whether a paragraph or list item (outside code) in the first `INTERIM_CHARS`
    characters of prose says the incident is still open (`_INTERIM`)."""
    # one search over the joined texts (one C call), not one per block; an update written
    # while the incident is open is short, or says so early: the first INTERIM_CHARS
    # characters are read (a 5 MB post costs nothing more than a short one); the phrases
    # never span a line break
    joined = _prose_prefix(blocks, ("paragraph", "item", "html"), INTERIM_CHARS)
    lowered = joined.lower()
    # a substring test first (C speed): each phrase holds one of these words
    if not any(word in lowered for word in _INTERIM_WORDS):
        return False
    return _INTERIM.search(joined) is not None


#: Infrastructure of one household: "homelab", "home LAN", "Home DNS/DHCP Server", "my house".
_HOME_LAB = regex_cache.compile(
    r"\bhome[ \t-]?lab\b|\bhome[ \t]+(?:network|lan|server|dns|router|setup|nas|cluster)\b"
    r"|\bmy[ \t]+(?:home|house|apartment|flat)\b", re.IGNORECASE)
#: The narrator's pronouns (`I` in capitals only: "i.e." and "i18n" are no narrator).
_SINGULAR = regex_cache.compile(r"\b(?:I|I['\u2019](?:m|ve|d|ll)|[Mm]y|[Mm]e|[Mm]yself)\b")
_PLURAL = regex_cache.compile(r"\b(?:we|our|ours|us|ourselves)\b", re.IGNORECASE)
#: A team named anywhere ("the platform team", "our team"): more than one person.
_TEAM = regex_cache.compile(r"\bteams?\b", re.IGNORECASE)
#: Fewest first-person-singular pronouns that make a narrator (a quoted "I" is not one).
PERSONAL_MIN_SINGULAR = 5
#: How much prose (characters, from the top) is read for the narrator's voice.
PERSONAL_CHARS = 50_000


def personal(blocks: Iterable[Block]) -> bool:
    """Whether the prose (headings, paragraphs, list items; not code) in the first
    `PERSONAL_CHARS` characters names a home lab (`_HOME_LAB`), or speaks in the first
    person singular at least `PERSONAL_MIN_SINGULAR` times and twice as often as in the
    plural, naming no team."""
    joined = _prose_prefix(blocks, ("heading", "paragraph", "item"), PERSONAL_CHARS)
    if _HOME_LAB.search(joined) is not None:
        return True
    singular = len(_SINGULAR.findall(joined))
    if singular < PERSONAL_MIN_SINGULAR:
        return False
    return singular >= 2 * len(_PLURAL.findall(joined)) and _TEAM.search(joined) is None


#: Front-matter keys only a status page's entry carries (cState: `resolved`, `resolvedWhen`,
#: `affectedsystems`; Jekyll status pages: `resolvedDate`, `affected`).
STATUS_PAGE_KEYS = frozenset(("resolved", "resolvedwhen", "resolved_when", "resolveddate", "resolved_date",
                              "affectedsystems", "affected_systems", "affected", "incident_states"))


def status_notice(front_keys: Iterable[str]) -> bool:
    """Whether the front matter is a status page entry's (`STATUS_PAGE_KEYS`)."""
    return any(str(key).lower() in STATUS_PAGE_KEYS for key in front_keys)


def document_forms(blocks: list[Block], day_first: bool = False, front_keys: Iterable[str] = (),
                   log: bool | None = None) -> tuple[str, ...]:
    """The forms (`FORMS`) the document takes (`log`: whether it is an incident log, when
    the caller has asked `incident_log` already)."""
    log = incident_log(blocks, day_first) if log is None else log
    return tuple(name for name, found in ((INCIDENT_LOG, log),
                                          (INTERIM_UPDATE, interim_update(blocks)),
                                          (PERSONAL, personal(blocks)),
                                          (STATUS_NOTICE, status_notice(front_keys))) if found)
