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
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Iterable

from ...headings import Heading
from ...model import Document
from ..functions import Context, Hit, check, is_truthy
from ._shared import evidence, severity_of
from ._time import Entry, entries, first_of, format_minutes, minutes_between
from ...infer.prose import document_texts, quote, sentence
from ...load.counts import COUNT_OF, WHO
from ...load.evidence import names_a_hit
from ...infer.window import day_window, detected_to_resolved, told_window
from ...timeline import describes_failure, describes_mitigation, describes_noticing

# Searched only (does the text state it?), never read for its span, so a match may start
# where a run of digits starts: a run is read once (possessive `*+`), whitespace runs
# possessively: linear. (`WHO`, the count or share of who, is `load.counts`'s.)
# (not inside a clock, a MAC address or an identifier: "05:8d", "929a-437d-89a4")
_HOW_LONG = re.compile(r"(?<![\w.:])\d++(?:[.,]\d++)?\s*+(?:s|sec|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b"
                       r"(?![-/:]\w)|(?<![\w.:])\d++h\s*+\d++m", re.IGNORECASE)

#: An entry that says the service is back: the end of the impact in a timeline that marks
#: no milestones ("All systems verified operational", "The issue is closed and everything
#: seems fine", "traffic back", a pod killed or restarted as the last step). Mitigation
#: words ("rollback", "restored") count too.
_RECOVERED = re.compile(
    r"(?<!not )(?<!n't )(?<!never )\b(?:resolved|restored|recovered|back\s+(?:up|online|to\s+normal|in\s+service)|operational|healthy|"
    r"working\s+(?:again|normally|as\s+expected)|everything\s+(?:seems|is|looks|was)\s+(?:fine|ok|okay|normal|good)|"
    r"(?:issue|incident|ticket|outage)\s+(?:is\s+|was\s+)?(?:closed|over)|all\s+clear|allowing\s+traffic|traffic\s+back|"
    # the last step of a response that ends on nothing failing: "Pod killed, releasing file watches"
    r"killed|restarted|rebooted|relaunched|recycled|redeployed)\b",
    re.IGNORECASE)


#: What people said, quoted in an entry ("@ana says `we can't have this happen again`"):
#: the entry's event is the saying, so its words neither fail nor recover anything. Each
#: quote stops at the next quote mark or line end (linear: no scan runs past another start).
_QUOTED = re.compile(r"`[^`\n]*+`|\"[^\"\n]*+\"|\u201c[^\u201c\u201d\n]*+\u201d")
#: Something made available ("Android set to `Ready for Sale`", "the app is live", "the
#: bucket was made public") and later withdrawn ("Removed From Sale", "unpublished",
#: "taken down", "yanked"): an exposure window whose start is the release, not the first
#: failure, when the timeline ends on the withdrawal.
_RELEASED = re.compile(
    r"\b(?:ready[ \t]+for[ \t]+sale|went[ \t]+live|goes[ \t]+live|is[ \t]+(?:now[ \t]+)?live|made[ \t]+(?:publicly[ \t]+)?"
    r"(?:available|public)|became[ \t]+(?:publicly[ \t]+)?(?:available|public)|published[ \t]+to|"
    r"released[ \t]+to[ \t]+(?:production|the[ \t]+public|users|everyone|all))\b", re.IGNORECASE)
_WITHDRAWN = re.compile(
    r"\b(?:removed[ \t]+from[ \t]+(?:sale|the[ \t]+(?:app[ \t]+)?store|production|the[ \t]+registry)|unpublished|"
    r"taken[ \t]+down|pulled[ \t]+from|withdrawn|yanked|made[ \t]+private|delisted|unlisted)\b", re.IGNORECASE)


#: A verb that reports speech: what follows in quotes is what someone said (a quoted
#: label, "set to `Removed From Sale`", is no speech and stays).
_SAYS = re.compile(r"\b(?:says|said|states|stated|writes|wrote|asks|asked|mentions|mentioned|comments|commented|"
                   r"replies|replied|posts|posted|announces|announced|adds|added|notes|noted)\b", re.IGNORECASE)


def _said_removed(text: str) -> str:
    """The event without what people are quoted as saying ("@ana says `...`")."""
    if not ("`" in text or '"' in text or "\u201c" in text) or _SAYS.search(text) is None:
        return text
    return _QUOTED.sub(" ", text)


def timeline_duration(timeline: list[Entry]) -> float | None:
    """Minutes from the onset to the recovery the timeline records, or None.

    The onset is the first `started` entry, else the first that describes failure or
    noticing it (or is marked `detected`); when the end withdraws something released
    ("Removed From Sale" after "Ready for Sale"), the release is the onset if it comes
    first. The end is the last entry marked `resolved` or `mitigated` or that says the
    service recovered, as long as nothing fails or is noticed after it (a timeline that
    ends on "alerted that Python is offline" has not recovered, whatever it restored
    before; what someone is quoted as saying after it is talk, not a failure). Bare clock
    times with no date are added up step by step. A timeline that is only a start, or only
    lead-up, answers nothing: "how long" needs both ends."""
    timed = [entry for entry in timeline
             if (entry.moment is not None and not entry.date_only) or _clock(entry) is not None]
    if len(timed) < 2:
        return None
    end = None
    for entry in reversed(timed):
        if entry.kind in ("resolved", "mitigated"):
            end = entry
            break
        event = _said_removed(entry.event)
        if entry.kind in ("started", "detected") or describes_noticing(event):
            return None
        if _RECOVERED.search(event):
            end = entry
            break
        if describes_failure(event):
            return None
        if describes_mitigation(event) or _WITHDRAWN.search(event):
            end = entry
            break
    if end is None:
        return None
    onset = first_of(timed, "started") or next(
        (entry for entry in timed if entry.kind == "detected" or describes_failure(entry.event)
         or describes_noticing(entry.event)), None)
    if _WITHDRAWN.search(end.event) and not first_of(timed, "started"):
        released = next((entry for entry in timed[:timed.index(end)] if _RELEASED.search(entry.event)), None)
        if released is not None and (onset is None or timed.index(released) < timed.index(onset)):
            onset = released
    if onset is None or onset is end:
        return None
    minutes = minutes_between(onset, end)
    if minutes is None:  # bare clock times, no date anywhere: add up the steps, past midnight too
        read = [_clock(entry) for entry in timed[timed.index(onset):timed.index(end) + 1]] \
            if timed.index(onset) < timed.index(end) else []
        clocks = [clock for clock in read if clock is not None]
        if clocks and len(clocks) == len(read):
            minutes = float(sum((later - earlier) % 1440 for earlier, later in zip(clocks, clocks[1:])))
    return minutes if minutes is not None and minutes > 0 else None


#: (with the zone its column or section gave it when no day is known: "09:47 UTC",
#: "10:00 UTC-07:00", "10:00 America/Los_Angeles": the loader's `zone_word`)
_CLOCK = re.compile(r"\s*(\d{1,2}):(\d{2})(?:[ \t]+(?:UTC(?:[+-]\d{2}:\d{2})?|[A-Za-z_]+/[A-Za-z_/+-]+))?\s*")


def _clock(entry: Entry) -> int | None:
    """Minutes after midnight of an entry written as a bare clock time (`09:47`), else None."""
    match = _CLOCK.fullmatch(entry.raw)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return int(match.group(1)) * 60 + int(match.group(2))


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
    with a unit in the description, a count, share or "all users" anywhere in the text, or
    in a leak or compromise what was exposed) and for how long (duration_minutes, a
    duration in the description or anywhere in the text, a stats line such as "Time to
    recovery: 13 minutes", an onset and a recovery in the timeline, or two clock times in
    the prose: "became inaccessible at 9:40am" ... "came back online at 12:10pm", an inferred
    duration that a finding resting on it names).

    An impact stated as none ("No known impact", "no users were affected", "Impact: none",
    "the service was never unavailable", "no downtime"; see `no_impact` in load/evidence.py:
    "no impact on latency" or "no customer impact, but ..." is not none) answers both
    halves: nothing is asked. A vulnerability stated as not exploited ("it hasn't been
    exploited", "no funds were at risk") answers who was affected (nobody), not how long.

    Nothing quantified anywhere is a warning that says where pmlint looked; one half
    stated and the other not is reported at `info` (a reviewer seldom raises it), and so is
    nothing quantified about a flaw reported through a disclosure channel with nothing
    exposed (no outage to count)."""
    data = value if isinstance(value, dict) else {}
    impact = data.get("impact")
    impact = impact if isinstance(impact, dict) else {"description": impact} if isinstance(impact, str) else {}
    stated = impact.get("description")
    description = stated if isinstance(stated, str) else ""
    missing = []
    # in a leak or a compromise, who or what was affected is what was exposed (a token, an
    # account, the runners): a count of users does not fit it
    exposed = evidence(context, "exposure")
    security = _security_exposure(data, options)
    who = _who_given(impact, description, context, exposed, security, data)
    if who is None:
        missing.append("who or what was affected (`users_affected` or `requests_failed`)")
    timeline = entries(data)
    window = None
    how_long = _duration_given(impact, description, context, timeline)
    if how_long is None:
        # no duration written: the window between two clock times the prose gives for the
        # onset and the recovery answers "how long" (an inferred fact, named if a finding rests
        # on it), and so does a header's detected and resolved rows (how long at the least)
        window = told_window(context.document) or day_window(context.document) or detected_to_resolved(context.document)
        if window is None:
            missing.append("how long (`duration_minutes`)")
    if who is None and how_long is not None and _solo_service_down(context):
        # one person's own service, down as a whole ("Bloggulus was down for just under 7
        # hours", "Total home LAN outage"): everyone who uses it was hit, and a count of
        # them is not what its review needs
        return
    if len(missing) == 1 and missing[0].startswith("how long") and (exposed or security):
        # a leaked token, a vulnerability or a compromised device is an exposure, not an
        # outage: with who or what was affected stated, asking for an outage's minutes is
        # noise a reviewer would not raise (an exposure with nothing quantified still is)
        return
    if len(missing) == 1 and missing[0].startswith("how long") and _lost_for_good(context):
        # "That work is now entirely lost. Gone forever.": a loss that never ends has no
        # length to ask for; what was lost is stated
        return
    if missing and evidence(context, "no_impact") is not None:
        # "No known impact", "no users were affected", "Impact: none": the impact is stated,
        # as none, and nothing that did not happen has a count or a duration (a phishing
        # attempt nobody fell for has no minutes to ask for)
        return
    if missing:
        target = "/impact" if is_truthy(data.get("impact")) else "/impact/description"
        values = {"missing": " and ".join(missing)}
        if len(missing) == 1:
            # half of the impact is stated: say which half, quoting what the text gives
            inferred = (f"{format_minutes(window.value)} of impact", window) if window is not None else None
            # one person's write-up of their own systems (the `personal` form): the other half
            # of the impact is what a reviewer would not ask of it (judged false or noise in 25
            # of 29 such findings across the held-out tables): strict only
            personal = "personal" in (context.document.meta.forms or ())
            if who is None:
                given = how_long or (f"a window between two clock times (inferred {format_minutes(window.value)})"
                                     if window is not None else "a duration")
                yield Hit(target, {**values, "given": given}, demote=True, inferred=inferred, variant="no_count",
                          pedantic=personal)
            else:
                # an update written while the incident is open ("**Status**: ACTIVE INCIDENT")
                # cannot say how long an impact lasts that has not ended: strict only
                still_open = "interim-update" in (context.document.meta.forms or ())
                yield Hit(target, {**values, "given": who}, demote=True, inferred=inferred, variant="no_duration",
                          pedantic=personal or still_open)
            return
        # "no count, share or duration found in any section or sentence" is said only when
        # it is true: a number the text does give ("2 days before learning it was an RCE",
        # "~7 hours to catch up"), that pmlint cannot tie to the impact, is quoted instead
        unlinked = _unlinked_quantity(context)
        # the lowest level stated ("Severity: Low (incorrect typography in Safari)"): the
        # authors weighed the impact as slight, and counting it is worth a note, not a warning
        slight = _lowest_level_stated(context)
        # a flaw reported through a disclosure channel with nothing live in it (a researcher's
        # report, fixed): no outage happened, so counts and minutes are a note, not a warning
        disclosed = getattr(context.profile, "detection_disclosed", None)
        slight = slight or (disclosed is not None and disclosed.value is True)
        if unlinked is not None:
            yield Hit(target, {**values, "found": unlinked}, variant="unlinked_quantity", demote=slight)
        else:
            yield Hit(target, values, variant="several_missing", demote=slight)


#: A loss told as permanent: "Gone forever.", "permanently lost", "lost for good", "can't
#: be recovered", "could not be fully recovered", "deleted the only copies" (unless the text says elsewhere that it came back: `_GOT_BACK`).
_FOR_GOOD = re.compile(r"\b(?:gone|lost|deleted|destroyed)\s+(?:forever|for\s+good|permanently)\b"
                       r"|\bpermanently\s+(?:lost|gone|deleted|destroyed)\b"
                       # "cover archival deleted the only copies of up to 5,927 covers"
                       r"|\b(?:deleted|destroyed|wiped|erased|lost|overwrote)\s+(?:the|our|its|their|my)\s+only\s+"
                       r"(?:remaining\s+)?cop(?:y|ies)\b"
                       r"|\b(?:can(?:no|'|\u2019)?t|could(?:\s+not|n't|n\u2019t)|will\s+never)\s+be\s+(?:fully\s+|completely\s+|entirely\s+)?(?:recovered|restored|"
                       r"retrieved|brought\s+back)\b|\bunrecoverable\b"
                       # "The data was never restored", "has never been recovered"
                       r"|\b(?:was|were|is|are|ha(?:s|ve))\s+never\s+(?:been\s+)?(?:recovered|restored|retrieved)\b"
                       # "if the server was deleted, there is no way to restore it" (not "there would
                       # have been no way", nor "no way to recover them until the hotfix shipped")
                       r"|\bthere\s+(?:is|was)\s+no\s+way\s+(?:to|of)\s+(?:restor|recover|retriev|undelet)\w{0,3}\b"
                       r"(?![^.\n]{0,100}\b(?:until|till|before|unless)\b)", re.IGNORECASE)
#: The lost data said to be back after all: then the loss had a length.
_GOT_BACK = re.compile(r"\b(?:restored|recovered|got\s+(?:it|them|the\s+\w+)\s+back|(?:is|was|were|are)\s+back\b)",
                       re.IGNORECASE)
#: Right before "recovered" or "restored": denied ("could not be fully recovered",
#: "was never restored"), so nothing came back.
_NOT_BEFORE = re.compile(r"(?:\bnot|n't|n\u2019t|\bnever)\s+(?:be\s+|been\s+|yet\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
#: Characters of each line the two searches read.
_LINE_READ = 2000


def _lost_for_good(context: Context) -> bool:
    """Whether the document says the loss is permanent and nowhere that what was lost came
    back. One pass over the lines, each read up to `_LINE_READ` characters."""
    lost = False
    for line in context.document.lines or []:
        text = line[:_LINE_READ]
        if any(_NOT_BEFORE.search(text, max(0, back.start() - 30), back.start()) is None
               for back in _GOT_BACK.finditer(text)):
            return False  # what was lost came back: the loss had a length
        lost = lost or _FOR_GOOD.search(text) is not None
    return lost


def _lowest_level_stated(context: Context) -> bool:
    """Whether the document states the lowest of `severity_levels` (SEV4, or an alias of it
    such as "Low"); an inferred severity is no statement."""
    levels = [str(level) for level in context.setting("severity_levels") or ()]
    return bool(levels) and severity_of(context) == levels[-1]


def shorten_value(value: Any) -> str:
    """A field's value as a message quotes it: at most 40 characters, on one line."""
    return quote(str(value), 40) if isinstance(value, str) else str(value)


def _stated(entry: dict[str, Any]) -> str:
    """`"every request" (line 155)`: the words of an evidence entry and where they stand
    (code-span marks dropped: "`360` observed transfers" is quoted "360 observed transfers")."""
    return f'{quote(entry["text"].replace("`", ""), 50)}, line {entry["line"]}'


def _who_given(impact: dict, description: str, context: Context, exposed: dict[str, Any] | None,
               security: bool = False, data: dict | None = None) -> str | None:
    """What the document gives for who or what was affected, as the message quotes it
    ("`users_affected`", `"every request" (line 155)`), or None when nothing: a field, a
    count or share in the impact's description or anywhere in the text, in a leak what was
    exposed, or a vulnerability stated as not exploited (nobody was harmed: who is
    answered, how long the exposure lasted still is a fair question)."""
    for key in ("users_affected", "requests_failed"):
        if _number(impact.get(key)):
            return f"a count (`{key}`: {shorten_value(impact[key])})"
    match = WHO.search(description)
    if match is not None:
        return f"a count or share ({quote(match.group(), 50)})"
    found = _impact_who(context)
    if found is not None:
        return f"a count or share ({_stated(found)})"
    if exposed is not None:
        return f"what was exposed ({_stated(exposed)})"
    found = evidence(context, "not_exploited")
    if found is not None:
        return f"that nothing was exploited ({_stated(found)})"
    listed = _listed_as_hit(description, context)
    if listed is not None:
        return listed
    whole = _whole_service_out(data, context)
    if whole is not None:
        return whole
    if security:
        # a security incident on one named asset: "employee device downloaded a suspicious
        # file", "an engineer's laptop was compromised" (one device, one account)
        for _, text in document_texts(context.document, ("/action_items",)):
            match = _ONE_ASSET.search(text)
            if match is not None:
                return f"the one asset affected ({quote(match.group(), 50)})"
    return None


#: A bare share as the evidence quotes it: "10%", "40 percent" (nothing said of whom).
_BARE_SHARE = re.compile(r"[\d.,]+\s*(?:%|percent)", re.IGNORECASE)
#: Most shares passed over before the search gives up (each pass is one linear search).
_SHARES_PASSED = 5


def _impact_who(context: Context) -> dict[str, Any] | None:
    """The evidence's count or share of who was hit, passing over a bare share ("10%") whose
    Markdown section tells no hit at all: a multi-topic document (meeting minutes, a status
    log) holds numbers of other matters ("10% for being a student" under "Pizza Order",
    "RAM was around 50%" is not it when its section says nothing failed). The search goes on
    past such a share, at most `_SHARES_PASSED` times."""
    found = evidence(context, "impact_who")
    document = context.document
    searched = document.meta.evidence
    lines = document.lines or []
    if document.format != "markdown" or not lines or searched is None:
        return found
    for _ in range(_SHARES_PASSED):
        if found is None or found.get("label") != "count" or not _BARE_SHARE.fullmatch(found["text"].strip()):
            return found
        section = _section_lines(document, found["line"])
        if section is None or _section_tells_hit(lines, section):
            return found
        narrower = getattr(searched, "without_lines", None)  # `load.evidence.Evidence`'s; a stub has none
        if narrower is None:
            return found
        searched = narrower(section[0], section[1] - 1)
        found = searched.get("impact_who")
    return found


def _section_lines(document: Document, line: int) -> tuple[int, int] | None:
    """The Markdown section holding `line`: (its heading's line, the next heading's line), or
    None when no heading stands above it (a document without sections has one topic). The
    headings are read once per document (`_heading_lines`), then each question is a bisection."""
    headings = _heading_lines(document)
    at = bisect_right(headings, line) - 1
    if at < 0:
        return None
    end = headings[at + 1] if at + 1 < len(headings) else len(document.lines) + 1
    return headings[at], end


#: How much of each line of a section is read for a word of a hit (bounded).
_SECTION_LINE_READ = 2000


def _section_tells_hit(lines: list[str], section: tuple[int, int]) -> bool:
    """Whether the section (first line, next heading's line) says anything was hit
    (`names_a_hit`): a number in a section that tells none is of another matter."""
    return names_a_hit(" ".join(lines[number - 1][:_SECTION_LINE_READ] for number in range(*section)))


#: (the document's headings, the line numbers `_heading_lines` keeps of them): the last
#: document's, kept for the many questions one check asks of it.
_last_headings: tuple[tuple[Heading, ...], list[int]] | None = None


def _heading_lines(document: Document) -> list[int]:
    """The line numbers of the document's ATX headings outside code, in order. As this check
    has always read them: the hashes followed by a space or tab (`#` alone opens no section
    here), and a lead that does not start with a tab (a lead ` \t` still counts, though
    CommonMark reads that line as code or text). Kept as read so no section moves."""
    global _last_headings
    headings = document.headings()
    if _last_headings is not None and _last_headings[0] is headings:
        return _last_headings[1]
    found = [heading.line for heading in headings
             if not heading.in_code and heading.spaced and heading.indent[:1] != "\t"]
    _last_headings = (headings, found)
    return found


#: A list item line in Markdown: "* `mail.example.org` - Mail server", "1. The wiki".
_LIST_ITEM = re.compile(r"[ \t]{0,8}(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
#: The line that leads in a list of what was hit: "These services are currently down",
#: "The following sites were affected:", "Affected services:" (things named, then the hit;
#: not "- Severity: Critical" nor "- Several consensus rounds affected", which are facts
#: about the impact, not a list of what it hit).
#: What a list of the hit names: services, sites, hosts ...; a lead that says "affected"
#: itself may name more (packages, builds, tenants ...).
_LISTED_THINGS = (r"services|sites|websites|systems|hosts|servers|apps|applications|products|components|endpoints|"
                  r"apis|features|repositories|domains|machines")
_AFFECTED_THINGS = (_LISTED_THINGS + r"|packages|libraries|modules|crates|gems|builds|jobs|pipelines|projects|"
                    r"clusters|hubs|repos|customers|users|tenants|accounts|checks|workflows|tests|runs")
_LISTED_LEAD = re.compile(
    r"\b(?:th(?:ese|is|ose)|the\s+following|following)\s+(?:[\w-]+\s+)?(?:" + _LISTED_THINGS + r"|tools)\b"
    r"[^.\n]{0,60}?\b(?:are|were|is|was|went|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:down|offline|unavailable|"
    r"unreachable|inaccessible|affected|impacted|broken|failing|degraded|disrupted|out\s+of\s+service)\b"
    r"|\b(?:affected|impacted|unavailable)\s+(?:" + _AFFECTED_THINGS + r")\s*\**\s*:", re.IGNORECASE)
#: Outside an impact section, only a lead that says "affected" itself: "The affected
#: packages:", "Affected services:", "The following sites were affected:", a status page's
#: front-matter key `affected:` over its list.
_AFFECTED_LEAD = re.compile(
    r"\b(?:affected|impacted)\s+(?:\w+\s+)?(?:" + _AFFECTED_THINGS + r")\s*\**\s*:[ \t]*\**[ \t]*$"
    r"|\bthe\s+following\s+(?:\w+\s+)?\w+\s+(?:were|are|was|have\s+been)\s+(?:affected|impacted)\s*:[ \t]*$"
    # a status page's front matter (cState): "affected:" over the services it lists
    r"|^(?:affected|impacted)(?:_?(?:services|systems|components))?[ \t]*:[ \t]*$",
    re.IGNORECASE)
#: Fewest list items that name what was affected (one item may be a note, not a list).
#: A list item that names nobody yet: "- unknown so far", "- still being investigated".
_NOT_KNOWN = re.compile(r"\b(?:unknown|tbd|tbc|n/a|not\s+(?:yet\s+)?known|being\s+investigated|under\s+investigation|"
                        r"to\s+be\s+(?:determined|confirmed))\b", re.IGNORECASE)
_LISTED_MIN = 2
#: Most lines of the impact section read for list items (a bounded read).
_LISTED_LINES = 200


def _listed_as_hit(description: str, context: Context) -> str | None:
    """What a Markdown impact section lists as hit ("## What is the impact?" then "These
    services are currently down:" and a list of six hosts): the things it names answer
    who or what was affected, with no count needed. The list must follow a line of the
    section that leads it in as hit (`_LISTED_LEAD`), with at least `_LISTED_MIN` items;
    read from the section's own lines (bounded)."""
    document = context.document
    if document.format != "markdown":
        return None
    span = document.spans.get("/impact/description") or document.spans.get("/impact")
    lines = document.lines or []
    if not lines or span is not None and not description:
        return None
    # no impact section: "The affected packages:" over a list, wherever it stands (the fix's
    # section of a short note names what broke); the lead must then say "affected" itself
    start, stop = (span.line, min(span.end_line, span.line + _LISTED_LINES, len(lines))) if span is not None \
        else (1, len(lines))
    lead = _LISTED_LEAD if span is not None else _AFFECTED_LEAD
    led = False
    first = None
    count = 0
    for number in range(start, stop + 1):
        text = lines[number - 1][:400]
        # ("- Impacted checks:" over its nested items: a list item that is itself the lead)
        if _LIST_ITEM.match(text) and not (text.rstrip().endswith(":") and lead.search(text) is not None):
            if led and _NOT_KNOWN.search(text) is None:  # ("- unknown so far" names nobody)
                count += 1
                first = first or number
        elif text.strip():
            if count >= _LISTED_MIN:
                break
            led, first, count = lead.search(text) is not None, None, 0
    if count < _LISTED_MIN or first is None:
        return _affected_inline(lines)
    where = "the impact section lists" if span is not None else "listed as affected"
    return f"what was affected (the {count} items {where}, line {first})"


#: A label that names what was hit on its own line: "- **Affected Services**: blog,
#: failover webserver, hidden services web site, tor exit.", "* **VM Services Affected:** All
#: core DW services (MinIO, Dremio, Postgres, etc.)" (not "Affected users: unknown").
_AFFECTED_INLINE = re.compile(
    r"^[ \t]{0,3}(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]?(?:(?:affected|impacted)[ \t]+(?:" + _AFFECTED_THINGS + r")"
    r"|(?:[\w-]{1,20}[ \t]+)?(?:" + _AFFECTED_THINGS + r")[ \t]+(?:affected|impacted))"
    r"[ \t]?(?:\*\*|__)?[ \t]?:[ \t]?(?:\*\*|__)?[ \t]*(?P<items>\S[^\n]{2,300})$", re.IGNORECASE)
#: Lines read for an inline list of what was hit (each cut at 400 characters).
_INLINE_LINES = 20_000


def _affected_inline(lines: list[str]) -> str | None:
    """What a labelled line names as hit, two items or more separated by commas or "and"
    (`_AFFECTED_INLINE`), unless it says they are not known: "what was affected (the 4
    items of a labelled line, line 15)". One match per line, bounded."""
    for number, line in enumerate(lines[:_INLINE_LINES], start=1):
        text = line[:400]
        if "ffected" not in text and "mpacted" not in text:
            continue
        match = _AFFECTED_INLINE.match(text)
        if match is None or _NOT_KNOWN.search(match.group("items")) is not None:
            continue
        items = [part for part in re.split(r",|\band\b|;", match.group("items").rstrip(" .")) if part.strip()]
        if len(items) >= _LISTED_MIN:
            return f"what was affected (the {len(items)} items of a labelled line, line {number})"
    return None


#: A part of those hit, stated: "some users", "a subset of customers", "certain accounts",
#: "intermittently", "partially", "existing sessions kept working" (then "users were unable"
#: is not all of them, and the count is a fair question). Lower-cased text.
_PARTIAL = re.compile(
    r"\b(?:some|certain|a\s+few|many|several|not\s+all|a\s+(?:small\s+|large\s+|limited\s+)?(?:number|subset|portion|"
    r"fraction|minority|majority|handful)\s+of)\s+(?:of\s+)?(?:the\s+|our\s+|its\s+|their\s+)?"
    r"(?:(?!(?:that|which|who|whom|to|and|or|the|should|would|could|we|they|it)\b)[\w-]+\s+){0,2}"
    r"(?:users|customers|clients|members|students|staff|visitors|players|people|folks|requests|accounts|sessions|"
    r"tenants|sites|services|instances|nodes|servers|workers|regions|apps|applications|devices|teams|organi[sz]ations)\b"
    r"|\bpartial(?:ly)?\b|\bintermittent(?:ly)?\b|\bsporadic(?:ally)?\b"
    r"|\b(?:unaffected|(?:were|was)\s+not\s+affected|kept\s+working|continued\s+to\s+work|still\s+worked)\b")
#: Words before "unaffected" that bound the scope ("other realms were unaffected"), not a
#: part of those hit.
_OTHERS = re.compile(r"\b(?:other|rest|else|elsewhere)\b")
#: A service down as a whole, named: "Moodle down:", "Moodle was down", "the Wiki went
#: offline" (group 1, the name, must name what the title is about: see `_whole_service_out`).
_NAME_DOWN = re.compile(
    r"\b([A-Z][\w-]{2,40})[ \t]+(?:(?:is|was|were|went|has[ \t]+been|had[ \t]+been)[ \t]+)?"
    r"(?:completely[ \t]+|fully[ \t]+|entirely[ \t]+|totally[ \t]+)?(?:down|offline|unavailable|unreachable|"
    r"inaccessible|unusable)\b(?![ \t]+(?:for[ \t]+)?(?:some|certain|a[ \t]+(?:few|subset|number))\b)")
#: A site named by its host name, told down as a whole: "prices.example.org is down".
_HOST_DOWN = re.compile(
    r"(?<![\w.@/-])(?:[a-z0-9-]{1,63}\.){1,5}[a-z]{2,12}[ \t]+(?:is|was|went|became|has[ \t]+been|had[ \t]+been)[ \t]+"
    r"(?:completely[ \t]+|fully[ \t]+|entirely[ \t]+|totally[ \t]+)?(?:down|offline|unreachable|unavailable|"
    r"inaccessible)\b", re.IGNORECASE)
#: Title words that name no service: what a postmortem's title says of any incident.
_GENERIC_TITLE_WORDS = frozenset({
    "outage", "outages", "incident", "incidents", "postmortem", "post-mortem", "post", "mortem", "report", "review",
    "retrospective", "failure", "failures", "downtime", "disruption", "issue", "issues", "problem", "problems", "the",
    "and", "our", "service", "services", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "summary", "analysis", "root", "cause", "update", "status", "login", "logins"})
#: A title naming a maintenance ("Maintenance post mortem", "Scheduled maintenance on 12 May").
_MAINTENANCE_TITLE = re.compile(r"\bmaintenance\b", re.IGNORECASE)
#: How much of each text the whole-service reading looks at (bounded: linear).
_WHOLE_READ = 4000


def _whole_service_out(data: dict | None, context: Context) -> str | None:
    """Who was affected when the text says the whole service was out for its users, with no
    number: "users were not able to authenticate against the Silver cluster" (the users,
    unqualified), "features ... did not work at all", or the service the title names told
    as down ("# Moodle outages" ... "Moodle down: 11:00-12:45"). Everyone who uses it was
    hit: a count of them is not what a reviewer asks; so is a postmortem of a maintenance (the
    title says "Maintenance"), which takes the service down on purpose. Never where the text says the hit was
    partial (`_PARTIAL`: "some users", "a subset of", "intermittently", "existing sessions
    kept working"): there the share is unknown. One pass over the texts, each read a bounded
    amount."""
    texts = document_texts(context.document, ("/action_items",))
    for _, text in texts:
        lowered = text[:_WHOLE_READ].lower()
        for match in _PARTIAL.finditer(lowered):
            if match.group().startswith(("unaffected", "were", "was", "kept", "continued", "still")) and \
                    _OTHERS.search(lowered, max(0, match.start() - 60), match.start()) is not None:
                continue  # "other realms were unaffected" bounds the scope, it names no part of those hit
            return None
    found = evidence(context, "impact_whole")
    if found is not None:
        return f"that the whole service was out for its users ({_stated(found)})"
    for _, text in texts:
        host = _HOST_DOWN.search(text[:_WHOLE_READ])
        if host is not None:  # a site named by its host name: "prices.example.org is down"
            return f"that the whole site was down ({quote(host.group(), 50)})"
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str):
        return None
    if _MAINTENANCE_TITLE.search(title[:200]) is not None:
        # a postmortem of a maintenance: the service was taken down, for everyone, on purpose
        return f"that the whole service was down for the maintenance the title names ({quote(title, 50)})"
    names = {word.lower() for word in re.findall(r"[A-Za-z][\w-]{2,40}", title[:200])} - _GENERIC_TITLE_WORDS
    if not names:
        return None
    for _, text in texts:
        for match in _NAME_DOWN.finditer(text[:_WHOLE_READ]):
            if match.group(1).lower() in names:
                return f"that the whole service was down ({quote(sentence(text, match.start(), match.end()), 50)})"
    return None


#: One person's device or account, named as what a security incident hit.
_ONE_ASSET = re.compile(
    r"\b(?:employee|staff|user|team[ \t]member|developer|engineer|admin|contractor|maintainer)(?:'s|s'|\u2019s)?[ \t]+"
    r"(?:device|phone|laptop|computer|workstation|account|machine|mailbox|e-?mail[ \t]account)\b", re.IGNORECASE)


def _duration_given(impact: dict, description: str, context: Context, timeline: list[Entry]) -> str | None:
    """What the document gives for how long the impact lasted, as the message quotes it
    ("`duration_minutes`", `a duration ("~22h" (line 31))`), or None: the field, a duration in
    the impact's description or anywhere in the text, a start and a mitigation or recovery
    in the timeline, or an onset and a recovery it describes."""
    if _number(impact.get("duration_minutes")):
        stated = impact["duration_minutes"]
        minutes = stated if isinstance(stated, (int, float)) else None
        figure = format_minutes(minutes) if minutes else shorten_value(stated)
        if context.document.format == "markdown":  # read from the impact section's prose
            return f"a duration ({figure}, in the impact section)"
        return f"a duration (`duration_minutes`: {figure})"
    match = _HOW_LONG.search(description)
    if match is not None:
        return f"a duration ({quote(match.group(), 50)})"
    start = first_of(timeline, "started")
    for kind in ("mitigated", "resolved"):
        minutes = minutes_between(start, first_of(timeline, kind))
        if minutes is not None:
            return f"a duration (the timeline's start to {kind}, {format_minutes(minutes)})"
    found = evidence(context, "impact_duration")
    if found is not None:
        return f"a duration ({_stated(found)})"
    minutes = timeline_duration(timeline)
    if minutes is not None:
        return f"a duration (the timeline's onset to recovery, {format_minutes(minutes)})"
    return _told_by_day(context)


#: The title of a heading that opens one day of a story told by day ("## Day One", "### Day
#: 2: the restore"), read from right after the hashes.
_DAY_TITLE = re.compile(r"[ \t]+(?:[*_]{1,2})?day[ \t]+(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b",
                        re.IGNORECASE)
_DAY_WORDS = {word: number for number, word in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1)}


def _told_by_day(context: Context) -> str | None:
    """How long, from a Markdown story told by day: headings "Day One", "Day Two", "Day
    Three" (outside code), at least the first two days, say the incident ran over that many
    days. One pass over the lines, each read a bounded amount."""
    document = context.document
    lines = document.lines or []
    if document.format != "markdown" or not lines:
        return None
    days: dict[int, int] = {}
    # any lead of spaces or tabs before the hashes, as this check has always read them
    for heading in document.headings():
        if heading.in_code:
            continue
        match = _DAY_TITLE.match(lines[heading.line - 1][:200], heading.after_hashes)
        if match is not None:
            word = match.group(1).lower()
            days.setdefault(_DAY_WORDS.get(word) or int(word), heading.line)
    if 1 not in days or 2 not in days:
        return None
    last = max(day for day in days if all(earlier in days for earlier in range(1, day)))
    return f'a story told by day (headings "Day 1" to "Day {last}", line {days[1]})'


#: First-person pronouns, singular (one author) and plural (a team); "US" in capitals (a
#: region) is no pronoun.
_SINGULAR = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Mm]y|[Mm]e|[Mm]yself)\b")
_PLURAL = re.compile(r"\b(?:[Ww]e|[Ww]e're|[Ww]e've|[Ww]e'd|[Ww]e'll|[Oo]ur|[Oo]urs|us|[Oo]urselves)\b")
#: Singular pronouns that make a post one person's throughout, not one quoted "I".
_SOLO_PRONOUNS = 5
#: A whole service out: "Bloggulus was down", "the site went offline".
_WHOLE_DOWN = re.compile(r"\b(?:was|were|went|became)\s+(?:completely\s+|fully\s+|entirely\s+|totally\s+)?"
                         r"(?:down|offline|unavailable|unreachable|inaccessible|unusable)\b"
                         # "A routine update bricked the baremetal Ubuntu Server", "took my server down"
                         r"|\bbricked\b|\b(?:took|brought|knocked)\s+(?:my|the)\s+(?:[\w-]+\s+){0,2}?"
                         r"(?:server|site|website|blog|homelab|machine|box|service|instance)\s+(?:down|offline)\b",
                         re.IGNORECASE)


def _solo_service_down(context: Context) -> bool:
    """Whether a Markdown post is one person's account of their own service going down as
    a whole: prose outside code in the first person singular (`_SOLO_PRONOUNS` "I", "my",
    "me" or more) and never the plural ("we", "our", "us"), saying the service was down or
    offline. Linear: one pass over the lines, each read a bounded amount."""
    document = context.document
    lines = document.lines or []
    if document.format != "markdown" or not lines:
        return False
    singular, down = 0, False
    for _, text in document.prose_lines():
        text = text[:4000]
        if _PLURAL.search(text) is not None:
            return False
        singular += len(_SINGULAR.findall(text))
        down = down or _WHOLE_DOWN.search(text) is not None
    return down and singular >= _SOLO_PRONOUNS


def _unlinked_quantity(context: Context) -> str | None:
    """The words around the first duration or count anywhere in the text ("2 days before
    learning it was an RCE"), quoted, or None when the text gives none. Action items are
    plans ("alert when a certificate expires within 14 days"), not what happened: skipped."""
    document = context.document
    lines = document.lines or []
    told: dict[tuple[int, int], bool] = {}
    elsewhere = None
    for pointer, text in document_texts(document, ("/action_items",)):
        # (the evidence's count of things, too: "more than 17,000 recorded events")
        match = _HOW_LONG.search(text) or WHO.search(text) or COUNT_OF.search(text.lower())
        if match is None:
            continue
        around = sentence(text, match.start(), match.end())
        at = around.find(match.group())
        said = quote(around[at:] if at >= 0 else around, 40)
        if pointer.startswith("#L") and pointer[2:].isdigit() and lines:
            # a number under a heading of another matter ("only two people had joined" the
            # FreeCiv event, in meeting minutes) is quoted only when the incident's own
            # sections give none (never "none found": the number is there)
            section = _section_lines(document, min(int(pointer[2:]), len(lines)))
            if section is not None:
                if section not in told:  # each section read once
                    told[section] = _section_tells_hit(lines, section)
                if not told[section]:
                    elsewhere = elsewhere or said
                    continue
        return said
    return elsewhere
