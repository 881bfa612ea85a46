"""What a document says about its detection when it names no method (PM401's evidence).

Three readings, each a claim a reviewer would accept:

- `timeline_detected`: a timeline entry marks the moment of detection ("~23:56 UTC:
  Primary connectivity loss detected", `kind: detected`): when and that, not by what.
- `own_change_seen`: the outage followed the team's own change within minutes, so the
  people making it saw it: a timeline entry of the change ("Initiated planned router-id
  standardization", "We swap the core router") followed within `minutes` by the first
  entry describing failure or noticing, and by someone noticing it or the team acting on
  it (a rollback, a fix) within the same minutes; or prose in which the author says their own
  change or planned work caused it ("I caused an outage", "the planned intervention
  resulted in ...", "I deleted the production database by accident") and the impact
  lasted no longer than `minutes` ("for a period of around four minutes"), or the author
  was at work on it within them ("After 5 minutes of blind panic, I took the website into
  maintenance mode", "the incorrect disk was accidentally detached [...], triggering an
  immediate DR response"). Automated changes (a pipeline, a cron job) are not the team at
  the keyboard.
- `came_to_light`: a sentence says the team learned of it without saying how ("the team
  was notified about the issue"): the "nothing found" message would not be true.
- `scheduled_event`: the failure struck at a scheduled event that everyone involved was
  watching ("Upon reaching the upgrade height 3341663, upgraded nodes panicked", "the
  chain halted at the planned hard fork"): that it was seen at once is self-evident.

All patterns are bounded alternations run once over each text: linear in its size.
"""

from __future__ import annotations

import re
from typing import Any

from ... import regex_cache
from ...infer.prose import document_texts, quote, sentence
from ...model import Document
from ...timeline import (
    Entry, describes_failure, describes_mitigation, describes_noticing, entries, format_minutes, minutes_between,
)

#: A change the team makes: planned work, a deploy, a swap, a migration, a config push.
_CHANGE = regex_cache.compile(
    r"\b(?:planned|maintenance|intervention|change[ \t]window|initiat(?:e|ed|es|ing)|"
    r"(?:start(?:s|ed)?|beg[ai]ns?|kick(?:s|ed)?[ \t]off)[ \t](?:the[ \t]|a[ \t]|our[ \t])?(?:[\w-]+[ \t]){0,2}?"
    r"(?:change|work|maintenance|migration|upgrade|rollout|swap|replacement|deploy(?:ment)?|cutover)|"
    r"deploy(?:s|ed|ing)?|roll(?:s|ed|ing)?[ \t]out|rollout|migrat(?:e|es|ed|ing)|upgrad(?:e|es|ed|ing)|"
    r"swap(?:s|ped|ping)?|replac(?:e|es|ed|ing)|reconfigur\w{1,6}|standardi[sz]\w{1,6}|cut[ \t]?over|"
    r"(?:push|appl(?:y|ie))(?:s|d|ed|ing)?[ \t](?:the[ \t]|a[ \t]|our[ \t]|new[ \t])?(?:config\w{0,9}|change|patch))\b",
    re.IGNORECASE)
#: A change no person was watching as it went out.
_UNATTENDED = regex_cache.compile(r"\b(?:automat\w{0,6}|cron\w{0,4}|bots?|pipelines?|nightly|unattended|dependabot|"
                                  r"renovate)\b", re.IGNORECASE)
#: The author says their own change or planned work caused the outage.
_OWN_CAUSE = regex_cache.compile(
    r"\b(?:i|we)[ \t]+(?:\w+[ \t]+)?(?:caused|triggered|broke|took[ \t]+down|knocked[ \t]+out)\b"
    r"|\b(?:my|our)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:change|mistake|maintenance|upgrade|migration|deploy(?:ment)?|swap|"
    r"intervention|work)[ \t]+(?:\w+[ \t]+)?(?:caused|triggered|led[ \t]+to|resulted[ \t]+in|broke|took[ \t]+down)\b"
    r"|\b(?:planned|scheduled)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:maintenance|intervention|change|work|upgrade|migration|"
    r"operation|swap|replacement)\b[^.\n]{0,160}?\b(?:resulted[ \t]+in|caused|led[ \t]+to|triggered)\b"
    # the author's own hand, by accident: "I deleted the production database by accident",
    # "we accidentally dropped the users table"
    r"|\b(?:i|we)[ \t]+(?:accidentally|mistakenly|inadvertently|unintentionally)[ \t]+(?:deleted|dropped|wiped|"
    r"erased|destroyed|truncated|overwrote|removed|shut[ \t]+down|turned[ \t]+off|unplugged)\b"
    r"|\b(?:i|we)[ \t]+(?:deleted|dropped|wiped|erased|destroyed|truncated|overwrote|removed|shut[ \t]+down|"
    r"turned[ \t]+off|unplugged)\b[^.\n]{0,120}?\b(?:by[ \t]+(?:accident|mistake)|accidentally)\b"
    # the same hand in the passive, while the team was at work on the machine: "while
    # attempting to remove a deprecated drive, the incorrect disk was accidentally detached"
    # (not "was accidentally unplugged by the datacenter": someone else's hand)
    r"|\b(?:was|were)[ \t]+(?:accidentally|mistakenly|inadvertently|unintentionally)[ \t]+(?:deleted|dropped|wiped|"
    r"erased|destroyed|truncated|overwritten|removed|unplugged|detached|disconnected|pulled|shut[ \t]+down|"
    r"turned[ \t]+off|rebooted|restarted)\b(?![ \t]+by\b)",
    re.IGNORECASE)
#: Who may slip at the keyboard: the writers, or one of their team.
_SLIP_SUBJECT = (r"\b(?:i|we|(?:a|one[ \t]+of[ \t]+our|our)[ \t]+(?:teammates?|team[ \t]+members?|colleagues?|"
                 r"co-?workers?|engineers?|developers?|admins?|administrators?|operators?|maintainers?))[ \t]+"
                 r"(?:accidentally|mistakenly|inadvertently|wrongly)")
#: The author's own command that went wrong, told in the first person: "I ran `kubectl delete
#: ns acoustid` with `KUBECONFIG` pointing to the wrong config file", "I copied a `helm upgrade
#: --install` command ... but forgot to change the release name".
#: Or a teammate's, the slip told before the command: "A teammate mistakenly believed they
#: were working in an isolated environment and ran the following command".
_OWN_COMMAND = regex_cache.compile(
    r"\b(?:i|we)[ \t]+(?:ran|executed|typed|copied|issued|pasted)\b[^.\n]{0,160}?\b(?:the[ \t]+wrong|forgot[ \t]+to|"
    r"by[ \t]+mistake|accidentally|instead[ \t]+of[ \t]+the)\b"
    # the slip told first, by the same subject in one clause (no comma: "a developer
    # accidentally merged a migration, and CI ran it" is a pipeline's run)
    + r"|" + _SLIP_SUBJECT + r"[ \t]+(?:ran|executed|typed|issued|pasted)\b"
    + r"|" + _SLIP_SUBJECT + r"\b[^.,;:\n]{0,120}?\band[ \t]+(?:then[ \t]+)?(?:ran|executed|typed|issued|pasted)\b",
    re.IGNORECASE)
#: Characters after the slip read for its going unseen (its sentence and the next).
_UNNOTICED_REACH = 400
#: The text says the slip went unseen for a while: then it was not seen at once.
#: (the slip or what it did as the subject: not "the shell profile had gone unnoticed for two
#: years", a condition in place)
_UNNOTICED = regex_cache.compile(
    r"\b(?:it|this|that|the[ \t]+(?:[\w-]+[ \t]+)?(?:loss|damage|deletion|drop|change|mistake|error|slip|command|"
    r"migration|outage|corruption|problem|issue|breakage|run))[ \t]+(?:\w+[ \t]+){0,2}?(?:went|gone|remained|stayed)"
    r"[ \t]+(?:\w+[ \t]+)?(?:unnoticed|undetected)\b"
    r"|\b(?:nobody|no[ \t]+one|none[ \t]+of[ \t]+us)[ \t]+(?:\w+[ \t]+)?(?:noticed|realized|realised|saw|spotted)"
    r"[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:for|until)\b"
    r"|\bnot[ \t]+(?:\w+[ \t]+)?(?:noticed|detected|spotted)[ \t]+(?:for|until)\b", re.IGNORECASE)
#: The author at work on it within minutes: "After 5 minutes of blind panic, I took the
#: website into maintenance mode", "within two minutes we had started the restore".
_REACTED = regex_cache.compile(
    r"\b(?:after|within|in[ \t]+under|in[ \t]+less[ \t]+than)[ \t]+(?:about[ \t]+|around[ \t]+|roughly[ \t]+|just[ \t]+|"
    r"only[ \t]+)?(?P<number>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a[ \t]+few|a[ \t]+couple[ \t]+of|a)"
    r"[ \t]+(?P<unit>seconds?|secs?|minutes?|mins?)\b(?:[ \t]+of[ \t]+(?:[\w-]+[ \t]+){0,3}?[\w-]+)?,?[ \t]+(?:i|we)[ \t]+"
    r"(?:had[ \t]+)?(?:took|put|started|began|restored|rolled|reverted|stopped|switched|turned|disabled|shut|"
    r"brought|ran|called|paused|blocked|moved)\b"
    # the response told as immediate: "the volume was marked as Failed, triggering an
    # immediate DR response" (at once: no minutes to count)
    r"|\b(?:triggering|prompting|starting|began|begins|started|with)[ \t]+(?:an?[ \t]+)?immediate[ \t]+"
    r"(?:(?:dr|disaster[ \t]+recovery|incident|emergency)[ \t]+)?(?:response|restore|recovery|rollback|revert)\b",
    re.IGNORECASE)
_SHORT_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a few": 5, "a couple of": 2, "a": 1}
#: How long the impact lasted, in seconds or minutes: "for a period of around four minutes".
_SHORT = regex_cache.compile(
    r"\b(?:for|lasted|lasting|of)[ \t]+(?:(?:a[ \t]+period[ \t]+of|about|around|approximately|roughly|just|only|"
    r"under|less[ \t]+than)[ \t]+){0,3}~?[ \t]?(?P<number>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"a[ \t]+few|a[ \t]+couple[ \t]+of|a)[ \t]+(?P<unit>seconds?|secs?|minutes?|mins?)\b", re.IGNORECASE)
#: Words of impact for the sentence a short duration sits in ("traffic was blackholed").
_IMPACT = regex_cache.compile(r"\b(?:outages?|blackhol\w{0,4}|dropp\w{0,3}|lost|loss|disrupt\w{0,6}|impact\w{0,3}|"
                              r"down|offline|unreachable)\b", re.IGNORECASE)
#: The team learned of it, how unsaid: "the team was notified about the issue".
_CAME_TO_LIGHT = regex_cache.compile(
    r"\b(?:team|we|engineers?|on-?call(?:ers?)?|staff|responders?|maintainers?|operators?|admins?|i)[ \t]+"
    r"(?:was|were|got|had[ \t]+been|became|is|are)[ \t]+(?:first[ \t]+)?(?:notified|informed|alerted|made[ \t]+aware|"
    r"told|aware)\b|\bcame[ \t]+to[ \t]+light\b"
    # "Web team quickly identified widespread impact across multiple systems" (not "we
    # identified the issue as ...": the cause found)
    r"|\b(?:team|we|engineers?|on-?call(?:ers?)?|staff|responders?|i)[ \t]+(?:quickly[ \t]+|rapidly[ \t]+|soon[ \t]+|"
    r"then[ \t]+|first[ \t]+)?(?:identified|recogni[sz]ed|realised|realized)[ \t]+(?:the[ \t]+|an?[ \t]+)?"
    # (nor "Engineers identified an outage in the underlying provider": a cause found)
    r"(?:widespread[ \t]+|broad[ \t]+|site-?wide[ \t]+|platform-?wide[ \t]+)?(?:impact|breakage)\b",
    re.IGNORECASE)


#: A scheduled event a whole network watches: an upgrade height, a planned fork or upgrade.
_SCHEDULED = regex_cache.compile(
    r"\b(?:upon|on|at|after|when)[ \t]+(?:reaching|hitting|arriving[ \t]+at|crossing)[ \t]+(?:the[ \t]+)?(?:[\w-]+[ \t]+)?"
    r"(?:upgrade|fork|halt)[ \t]+(?:height|block|epoch|slot)\b"
    r"|\bat[ \t]+(?:the[ \t]+)?(?:upgrade|fork|halt)[ \t]+(?:height|block|epoch|slot)\b"
    r"|\b(?:at|during|after)[ \t]+(?:the[ \t]+)?(?:planned|scheduled|coordinated)[ \t]+(?:network[ \t]+|chain[ \t]+|"
    r"software[ \t]+)?(?:upgrade|hard[ \t-]?fork|fork|activation)\b", re.IGNORECASE)
#: What went wrong at it: a panic, a halt, a crash, errors.
_BROKE = regex_cache.compile(r"\b(?:panic\w{0,3}|halt\w{0,3}|crash\w{0,4}|fail\w{0,4}|stall\w{0,3}|stopped|errors?|"
                             r"down|stuck|consensus[ \t]+failure)\b", re.IGNORECASE)


def scheduled_event(document: Document) -> str | None:
    """The words of a sentence saying the failure struck at a scheduled event the whole
    network was watching (an upgrade height, a planned fork): None when there is none."""
    for _, text in document_texts(document, ("/action_items",)):
        for match in _SCHEDULED.finditer(text):
            around = sentence(text, match.start(), match.end())
            if _BROKE.search(around):
                return quote(around, 80)
    return None


def timeline_detected(data: Any) -> Entry | None:
    """The first timeline entry that marks the moment of detection (`kind: detected`), else
    the first timed one whose subject notices it ("19:26 UTC - sheriffs detect infra issue,
    close trees"): when it was found is recorded, only not by what."""
    timeline = entries(data)
    marked = next((entry for entry in timeline if entry.kind == "detected"), None)
    if marked is not None:
        return marked
    return next((entry for entry in timeline if entry.moment is not None and _SOMEONE_NOTICES.match(entry.event)), None)


#: A log line whose subject notices, in the present: "sheriffs detect infra issue", "Rob sees
#: errors" (not the passive "Technical problems reported", "First crashes observed", "team
#: was notified": who noticed is unsaid there, and the finding asks it).
_SOMEONE_NOTICES = regex_cache.compile(
    r"[ \t]*(?:the[ \t]+)?[@\w-]{2,40}(?:[ \t]+[@\w-]{2,40})?[ \t]+(?:detect|detects|notice|notices|spot|spots|see|"
    r"sees|discover|discovers|report|reports|flag|flags)\b", re.IGNORECASE)


def own_change_seen(document: Document, minutes: float) -> str | None:
    """Evidence that the outage followed the team's own change and was seen within
    `minutes` (see the module docstring), as words for the finding; None otherwise."""
    data = document.data if isinstance(document.data, dict) else {}
    timed = [entry for entry in entries(data) if entry.moment is not None and not entry.date_only]
    for position, (change, after) in enumerate(zip(timed, timed[1:])):
        if _failing(change):
            break  # the failure came first: what follows is the response, not the change
        if not _failing(after):
            continue
        gap = minutes_between(change, after)
        if gap is None or not 0 <= gap <= minutes or not _CHANGE.search(change.event) or \
                _UNATTENDED.search(change.event):
            break
        # seen: someone noticing it, or the team acting on it, within the same minutes
        seen = next((entry for entry in timed[position + 1:] if _noticed_or_answered(entry)), None)
        reach = minutes_between(change, seen)
        if reach is not None and 0 <= reach <= minutes:
            return (f"{quote(after.event, 50)} {format_minutes(gap)} after the team's own change "
                    f"{quote(change.event, 50)}")
        break
    texts = document_texts(document, ("/action_items", "/timeline"))
    # (the timeline too: "2019-01-19 Saturday: I copied a `helm upgrade` command ...")
    command = next(((text, match) for _, text in document_texts(document, ("/action_items",))
                    for match in [_OWN_COMMAND.search(text)] if match), None)
    if command is not None and not _UNATTENDED.search(sentence(command[0], command[1].start(), command[1].end())) \
            and _UNNOTICED.search(command[0], command[1].start(), command[1].end() + _UNNOTICED_REACH) is None:
        # a command of the team's own went wrong (the author's or a teammate's): the person at the keyboard saw what it did
        return f"{quote(command[1].group(), 60)}: a command of the team's own"
    cause = next(((text, match) for _, text in texts for match in [_OWN_CAUSE.search(text)] if match), None)
    if cause is None or _UNATTENDED.search(sentence(cause[0], cause[1].start(), cause[1].end())):
        return None
    for _, text in texts:
        reacted = _REACTED.search(text)
        if reacted is not None and 0 < _minutes(reacted) <= minutes:
            # the author caused it and was at work on it within minutes: seen at once
            return f"{quote(cause[1].group(), 50)}, then {quote(reacted.group(), 50)}"
        for match in _SHORT.finditer(text):
            value = _minutes(match)
            around = sentence(text, match.start(), match.end())
            if 0 < value <= minutes and (_IMPACT.search(around) or describes_failure(around)):
                return f"{quote(cause[1].group(), 50)}, with impact {quote(match.group(), 50)}"
    return None


def _minutes(match: re.Match[str]) -> float:
    """The minutes a `_SHORT` or `_REACTED` match says ("four minutes", "30 seconds"); a
    response told as immediate ("an immediate DR response") says one."""
    if match.group("number") is None:
        return 1.0
    number = match.group("number").lower()
    value = float(_SHORT_NUMBER.get(re.sub(r"[ \t]+", " ", number), 0) if not number.isdigit() else number)
    return value / 60 if match.group("unit").lower().startswith("sec") else value


def _failing(entry: Entry) -> bool:
    """The entry describes failure or impact ("traffic is dropped"), or someone noticing it."""
    return entry.kind in ("started", "detected") or describes_failure(entry.event) or \
        describes_noticing(entry.event) or _IMPACT.search(entry.event) is not None


def _noticed_or_answered(entry: Entry) -> bool:
    """Someone noticed the failure, or the team acted on it (a rollback, a fix, a restore)."""
    return entry.kind in ("detected", "mitigated", "resolved") or describes_noticing(entry.event) or \
        describes_mitigation(entry.event)


def came_to_light(document: Document) -> str | None:
    """The words of a sentence saying the team learned of the problem without saying how
    (the plan's items done count: "1. **Issue Recognition**: Web team quickly identified
    widespread impact" under "### Immediate Response" is the response told, not a plan)."""
    data = document.data if isinstance(document.data, dict) else {}
    items = data.get("action_items")
    plan: list[Any] = items if isinstance(items, list) else []
    done = [(f"/action_items/{index}", str(item.get("title") or "")) for index, item in enumerate(plan[:500])
            if isinstance(item, dict) and item.get("status") == "done"]
    for _, text in document_texts(document, ("/action_items",)) + done:
        match = _CAME_TO_LIGHT.search(text)
        if match is not None:
            around = sentence(text, match.start(), match.end())
            at = around.find(match.group())
            return quote(around[at:] if at >= 0 else around, 60)  # from the subject on: "team was notified …"
    return None
