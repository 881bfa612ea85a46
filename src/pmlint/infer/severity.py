"""Severity from impact, when the document states none.

The yardsticks are PagerDuty's and Atlassian's published severity levels (see
../shared/research/inference.md): data loss or a security breach is SEV1; a
customer-facing service down for all or most users, leaked credentials, or a long
outage is a major incident; a long outage for all users is SEV1. The mapping is a
table in settings (`inferred_severity_*`), and when signals disagree the higher level
wins, as PagerDuty advises responders ("if unsure, assume the higher one").

The duration comes from, in order: the stated `impact.duration_minutes`, the
timeline (first `started` → first `resolved`, else `mitigated` unless the prose states
a longer outage: a mitigation need not end the impact), else the longest
duration written next to an outage word in the prose ("failed for just over nine
hours", "24 hours and 11 minutes of service degradation"), else the window between
two clock times the prose gives for the onset and the recovery (infer/window.py).
A duration that follows "every", "within", "after", "later" or "ago" is a period or a
delay, not an outage, and one after "at maximum", "at most" or "bounded to" is an upper bound, not the length.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from .. import regex_cache
from ..model import Document
from ..timeline import entries, first_of, format_minutes, measured_incident, minutes_between
from .facts import Fact
from .window import CLOCK_TIMES, told_window
from .prose import Phrases, document_texts, find, has_words, negated, phrases, quote, sentence, span_at, terms_of

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-eight": 48, "twenty-four": 24, "thirty-six": 36, "seventy-two": 72, "several": None,
}
_UNIT_MINUTES = (("min", 1), ("mo", 43200), ("h", 60), ("d", 1440), ("w", 10080), ("y", 525600))
#: Unit words a duration needs: a text with none of them is not scanned for durations.
UNIT_WORDS = frozenset({"min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days", "week",
                        "weeks", "month", "months", "year", "years"})
_NUMBER = r"(?P<number>\d{1,5}(?:[.,]\d{1,2})?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
#: "9 hours", "24-hour", "nine hours and 11 minutes", "73 hrs"
DURATION = regex_cache.compile(
    r"(?<![\w.:])" + _NUMBER + r"(?:\+)?[ \t-]{0,3}(?P<unit>min(?:ute)?s?|h(?:ou)?rs?|hours?|h|days?|weeks?|months?|years?)\b"
    r"(?:[ \t,]{0,3}(?:and[ \t]{1,3})?(?P<extra>\d{1,2})[ \t]{0,2}min(?:ute)?s?\b)?",
    re.IGNORECASE)
#: ... or a bound, not the length: "at maximum 16 hours", "at most a day", "no more than 2 hours"
_NOT_OUTAGE_BEFORE = regex_cache.compile(r"\b(?:every|each|per|within|after|next|last|past|first|up to|than|under|maximum|max|"
                                r"most|bounded[ \t]to|capped[ \t]at)\W{0,3}$",
                                re.IGNORECASE)
#: "16 days after the upgrade" is a delay, but "errors for 26 hours after the migration" an outage
_WEAK_AFTER = regex_cache.compile(r"\W{0,3}(?:after|since|into)\b", re.IGNORECASE)
_FOR_BEFORE = regex_cache.compile(r"\b(?:for|lasted|lasting|took|over|during)\W{1,3}(?:about|around|roughly|almost|nearly|over|just[ \t]+over|well[ \t]+over|more[ \t]+than|at[ \t]+least|up[ \t]+to|some|~)?\W{0,2}$",
                         re.IGNORECASE)
_NOT_OUTAGE_AFTER = regex_cache.compile(r"\W{0,3}(?:later|ago|earlier|before|prior|old|in[ \t]+advance|long[ \t]+retention|of[ \t]+(?:data|logs|history|retention))",
                               re.IGNORECASE)
OUTAGE_WORDS = ("outage", "outages", "down", "downtime", "degradation", "degraded", "unavailable",
                "unavailability", "disruption", "disrupted", "failed", "failing", "failures", "errors",
                "offline", "inaccessible", "unable", "impossible", "interruption", "stalled", "halted", "halt",
                "broken", "lasted", "lasting", "problem", "unreachable", "not working", "stopped working")


def duration_minutes(match: re.Match[str]) -> float | None:
    """Minutes a DURATION match stands for (None for "several hours")."""
    word = match.group("number").lower()
    number: float | None
    if word in _NUMBER_WORDS:
        number = _NUMBER_WORDS[word]
        if number is None:
            return None
    else:
        number = float(word.replace(",", "."))
    unit = match.group("unit").lower()
    factor = next((minutes for prefix, minutes in _UNIT_MINUTES if unit.startswith(prefix)), 0)
    minutes = float(number) * factor
    if match.group("extra"):
        minutes += float(match.group("extra"))
    return minutes or None


def outage_duration(document: Document, settings: Mapping[str, Any]) -> Fact[float] | None:
    """How long the impact lasted: timeline first, then prose (inferred either way)."""
    data = document.data if isinstance(document.data, dict) else {}
    timeline = measured_incident(entries(data), document.meta.timeline_incidents)  # never across incidents
    start = first_of(timeline, "started")
    end = first_of(timeline, "resolved") or first_of(timeline, "mitigated")
    minutes = minutes_between(start, end)
    if minutes is not None and 0 < minutes <= 90 * 1440 and end is not None:
        timed = Fact(minutes, False, f"the timeline ({format_minutes(minutes)} from start to {end.kind})",
                     document.spans.get(end.pointer))
        if end.kind == "resolved":
            return timed
        # a mitigation need not end the impact: a longer outage the prose states wins
        # ("24 hours and 11 minutes of degradation" after a failover at 17 h 32 min)
        stated = _prose_duration(document)
        return stated if stated is not None and stated.value > minutes else timed
    # a written duration first; else the window between two clock times the prose gives
    # ("became inaccessible at 9:40am" ... "came back online at 12:10pm")
    return _prose_duration(document) or told_window(document)


#: "had been running untouched for over a year", "in production for two years": how old
#: something is, not how long anything failed; "after spending over 15 years working as a
#: developer": a career, not an outage
_AGE_BEFORE = regex_cache.compile(r"\b(?:running|run|worked|working|existed|existing|live|in[ \t]+production|in[ \t]+place|"
                                  r"spending|spent|spend|"
                                  r"untouched|unchanged|stable|free|in[ \t]+use|used|around|fine|flawlessly|reliably|"
                                  r"smoothly|without[ \t]+(?:issues?|problems?|incidents?))\W{1,3}"
                                  r"(?:for|over)\W{1,3}(?:about|around|roughly|almost|nearly|over|more[ \t]+than|"
                                  r"some|at[ \t]+least|~)?\W{0,2}$", re.IGNORECASE)
#: an outage word said not to have happened: "problem free", "error-free", "without errors"
_FREE_AFTER = regex_cache.compile(r"[ \t-]{0,2}free\b", re.IGNORECASE)
_NONE_BEFORE = regex_cache.compile(r"\b(?:no|without|never|zero)[ \t]+(?:\w+[ \t]+)?$", re.IGNORECASE)
_CLAUSE_STOP = regex_cache.compile(r"[;:]|,[ \t]+(?:but|while|whereas|although)\b", re.IGNORECASE)


def _tied_to_outage(outage: Phrases, text: str, start: int, end: int) -> bool:
    """Whether the duration at text[start:end] is tied to an outage word: one in its clause
    (the sentence cut at ";", ":" and ", but"), not said to be absent ("problem free",
    "without errors"), and the duration is not the age of something ("had been running
    untouched for over a year")."""
    if _AGE_BEFORE.search(text[max(0, start - 60):start]):
        return False
    around = sentence(text, start, end)
    offset = text.find(around, max(0, start - len(around)))
    if offset < 0:
        offset = start
    here = start - offset
    cut_start, cut_end = 0, len(around)
    for stop in _CLAUSE_STOP.finditer(around):
        if stop.end() <= here:
            cut_start = stop.end()
        elif stop.start() >= here + (end - start):
            cut_end = stop.start()
            break
    clause = around[cut_start:cut_end]
    for word in outage.finditer(clause):
        if _FREE_AFTER.match(clause, word.end()) or _NONE_BEFORE.search(clause[max(0, word.start() - 30):word.start()]):
            continue
        return True
    return False


def _prose_duration(document: Document) -> Fact[float] | None:
    """The longest duration written next to an outage word in the prose."""
    best: tuple[tuple[bool, float], str, str] | None = None
    outage = phrases(OUTAGE_WORDS)
    for pointer, text in document_texts(document, ("/timeline", "/action_items", "/detection")):
        if not has_words(text, UNIT_WORDS):
            continue
        for match in DURATION.finditer(text):
            minutes = duration_minutes(match)
            if minutes is None or minutes < 5:
                continue
            if _NOT_OUTAGE_BEFORE.search(text[max(0, match.start() - 16):match.start()]):
                continue
            if _NOT_OUTAGE_AFTER.match(text, match.end()):
                continue
            if _WEAK_AFTER.match(text, match.end()) and not _FOR_BEFORE.search(text[max(0, match.start() - 24):match.start()]):
                continue
            if outage is None or not _tied_to_outage(outage, text, match.start(), match.end()):
                continue
            # "lasted for seven hours" says how long the impact was; a bare "slipped a day" may not
            stated_length = _FOR_BEFORE.search(text[max(0, match.start() - 24):match.start()]) is not None
            if best is None or (stated_length, minutes) > best[0]:
                best = ((stated_length, minutes), pointer, match.group())
    if best is None:
        return None
    (_, minutes), pointer, phrase = best
    return Fact(minutes, True, f"{quote(phrase)} of impact", span_at(document, pointer, phrase))


#: "85% of our network", "40 percent of requests"
SHARE = regex_cache.compile(r"(?<![\w.])(?P<percent>\d{1,3}(?:\.\d{1,2})?)[ \t]?(?:%|percent)[ \t]+of[ \t]+(?:all[ \t]+|our[ \t]+|the[ \t]+)?"
                   r"(?P<what>users|customers|players|traffic|requests|network|nodes|jobs|builds|sites|services|"
                   r"instances|clusters|queries|api[ \t]calls|calls|visitors|accounts|validators|pods)\b", re.IGNORECASE)


#: A verb that addresses people, right before a scope phrase: "Onboard all users with a
#: clear understanding of", "To proactively warn all users", "We emailed all customers":
#: those people are the plan's or the notice's audience, not who the incident hit. Right
#: before it, with nothing between: "Email for all users was down", "Messages to all
#: customers were dropped" name what was hit.
_ADDRESSED_BEFORE = regex_cache.compile(
    r"\b(?:onboard\w{0,3}|warn\w{0,3}|notif(?:y|ies|ied|ying)|inform\w{0,3}|e-?mail\w{0,3}|messag\w{1,3}|"
    r"train\w{0,3}|remind\w{0,3}|tell|told|telling|educat\w{1,3}|contact\w{0,3}|ask\w{0,3}|invit\w{1,3}|"
    r"encourag\w{1,3}|advis\w{1,3}|urg\w{1,3}|recommend\w{0,3})[ \t]+"
    r"(?:(?:nearly|almost|virtually|practically|essentially)[ \t]+)?$", re.IGNORECASE)
#: Characters before a scope phrase read for the verb addressing it.
_ADDRESSED_REACH = 40


def _levels(settings: Mapping[str, Any]) -> list[str]:
    return [str(level).upper() for level in settings.get("severity_levels") or ("SEV1", "SEV2", "SEV3", "SEV4")]


#: A harm named as a risk, not as what happened: "**Risk**: Split-brain scenarios, data
#: corruption, service conflicts", "which could lead to data loss", "the risk of data loss"
#: (not "A threat actor ... caused a data breach", "a high-risk migration ... resulting in
#: data loss", nor past a semicolon: "carried some risk; the script caused data corruption").
_RISKED_BEFORE = regex_cache.compile(
    r"(?:\brisks?[ \t*_]{0,3}:|(?<![\w-])risks?[ \t]+of\b|\b(?:could|would|can|may|might)[ \t]+(?:[\w-]+[ \t]+)?"
    r"(?:cause|lead[ \t]+to|result[ \t]+in|mean)\b)[^.!?;\n]{0,80}$", re.IGNORECASE)
#: Characters before a harm read for the risk it is named as.
_RISK_REACH = 80


def infer_severity(document: Document, settings: Mapping[str, Any],
                   duration: Fact[float] | None) -> Fact[str] | None:
    """The most severe level any signal supports, with the evidence that set it; None
    when no signal fires (no guess)."""
    levels = _levels(settings)
    rank = {level: index for index, level in enumerate(levels)}
    texts = document_texts(document, ("/action_items", "/timeline", "/lessons"))
    candidates: list[tuple[str, str, Any]] = []  # (level, evidence, span)

    phrase_table = settings.get("inferred_severity_phrases") or {}
    # phrase candidates go after the duration and scope ones so that, at equal level, the
    # outage length and reach are the evidence shown (min() keeps the first of equals)
    phrase_candidates: list[tuple[str, str, Any]] = []
    scope_hit = None
    for level, terms in phrase_table.items() if isinstance(phrase_table, dict) else ():
        level = str(level).upper()
        if level not in rank or not isinstance(terms, (list, tuple)):
            continue
        for pointer, text, match in find(phrases(terms_of(terms)), texts):
            if _RISKED_BEFORE.search(text, max(0, match.start() - _RISK_REACH), match.start()) is not None:
                continue  # "**Risk**: Split-brain scenarios, data corruption": what could happen
            phrase_candidates.append((level, quote(match.group()), span_at(document, pointer, match.group())))
            break
    scope_terms = settings.get("inferred_severity_scope_phrases") or ()
    for pointer, text, match in find(phrases(terms_of(scope_terms)), texts):
        if _ADDRESSED_BEFORE.search(text, max(0, match.start() - _ADDRESSED_REACH), match.start()) is not None:
            continue  # "Onboard all users with ...", "We notified all customers": told, not hit
        scope_hit = (quote(match.group()), span_at(document, pointer, match.group()))
        break
    share_min = settings.get("inferred_severity_min_share_percent")
    if isinstance(share_min, (int, float)) and scope_hit is None:
        for pointer, text in texts:
            for match in SHARE.finditer(text):
                if float(match.group("percent")) >= share_min and not negated(text, match.start()):
                    scope_hit = (quote(match.group()), span_at(document, pointer, match.group()))
                    break
            if scope_hit:
                break

    outage_table = settings.get("inferred_severity_outage_minutes") or {}
    long_level = None
    if duration is not None and isinstance(outage_table, dict):
        for level, minimum in sorted(outage_table.items(), key=lambda pair: rank.get(str(pair[0]).upper(), 99)):
            if str(level).upper() in rank and isinstance(minimum, (int, float)) and duration.value >= minimum:
                long_level = str(level).upper()
                break
    scope_level = str(settings.get("inferred_severity_scope_level") or "SEV2").upper()
    if long_level is not None:
        assert duration is not None
        lasted = duration.evidence if duration.evidence.startswith('"') else \
            f"{format_minutes(duration.value)} of impact ({duration.evidence})" if duration.evidence.startswith(CLOCK_TIMES) \
            else f"{format_minutes(duration.value)} of impact in the timeline"
        candidates.append((long_level, lasted, duration.span))
    if scope_hit is not None and scope_level in rank:
        candidates.append((scope_level, f"impact on {scope_hit[0]}", scope_hit[1]))
        # a large share of users for a long time is the top level (PagerDuty's SEV-1)
        if long_level is not None and duration is not None and rank[long_level] <= rank.get(scope_level, 99) \
                and rank[scope_level] > 0:
            candidates.append((levels[max(0, rank[scope_level] - 1)], f"{lasted} on {scope_hit[0]}", duration.span))
    candidates.extend(phrase_candidates)
    if not candidates:
        return None
    level, evidence, span = min(candidates, key=lambda item: rank[item[0]])
    return Fact(level, True, evidence, span)
