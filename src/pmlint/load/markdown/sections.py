"""Which section a heading (or a bold label) opens: normalisation and the alias table.

Real headings carry emoji (`:eye: Detection`, `⚠️`), numbering (`3.`), bold wrappers
(`## **Timeline**`), trailing `?`/`:` and qualifiers (`Timeline (all times PST) Sat Oct
30th ...`). `normalise_heading` strips all of that; the stripped qualifier is kept by
the caller because it often declares the timezone. A heading matches an alias exactly,
or starts with one followed by a word boundary (longest alias wins), so "Action Items
& Followups" is an action-items section but "Summary of impact" (an exact alias) is
impact.

Keys are the postmortem schema's field names; `lessons` headings also name a sub-key
(went_well, went_wrong, got_lucky). Teams add aliases with the `section_aliases`
setting (key → list of headings), merged with the built-in table.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

#: key → aliases (already normalised: lower case, no punctuation at the ends).
BUILTIN_ALIASES: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "issue summary", "incident summary", "executive summary", "overview", "description",
        "tl;dr", "tldr", "what happened", "brief description", "synopsis", "abstract",
        "what was the problem", "what is the problem", "what was the issue", "the problem", "problem",
        "problem statement", "incident description", "description of the incident",
    ),
    "impact": (
        "impact", "user impact", "customer impact", "summary of impact", "business impact", "affected users",
        "impact assessment", "who was affected", "blast radius", "what was impacted", "what was affected",
        "who was impacted", "what was the impact", "what is impacted", "scope of impact",
        "what is the impact", "what's the impact", "what were the impacts", "what are the impacts",
        # what was seen to fail: "## Symptoms" over "`fastapi-vault` pod: `Init:0/1` for 17h"
        "symptoms", "observed symptoms", "user-facing symptoms", "customer-facing symptoms",
    ),
    "detection": (
        "detection", "how was it detected", "how it was detected", "how we detected it", "identified",
        "incident detected by", "detected by", "discovery", "alerting",
        "alert received", "alerts received", "alert", "alerts", "first alert", "how we found out",
        "how we noticed", "how it was noticed", "how was it noticed", "how it was discovered",
        "how did we find out", "how was it discovered", "how we discovered it", "how we found it",
    ),
    "timeline": (
        "timeline", "incident timeline", "timeline of events", "chronology", "chain of events", "key events",
        "timeline summary", "sequence of events", "event log", "investigation timeline", "response timeline",
        "recovery timeline", "outage timeline", "debugging timeline", "event timeline", "events timeline",
        "resolution timeline",
        # dated updates kept as the incident went on ("## 🔄 Status Updates" over "- **2025-09-26**:
        # Incident occurred, new key generated"): the timeline, when its entries give dates
        "status updates", "incident updates", "status history", "update log",
    ),
    "trigger": ("trigger", "triggers", "leadup", "lead-up", "lead up", "what triggered it", "triggering event"),
    "root_causes": (
        "root cause", "root causes", "root cause analysis", "rca", "contributing factors", "contributing factor",
        "underlying cause", "underlying causes", "primary cause", "primary causes",
        "causes", "cause", "why did it happen", "how did it happen", "root causes and trigger",
        "contributing conditions analysis", "what caused the incident", "blameless root cause", "fault",
        # a security report's findings: "### What's Wrong" under "## Vulnerability Details"
        "what's wrong", "what is wrong", "vulnerability details",
        "causal analysis", "technical root cause", "how did this happen", "how this happened", "how it happened",
        "why this happened", "why it happened", "what caused it", "what caused this", "conclusions", "conclusion",
        "root causes found", "root cause found", "causes found", "what allowed this to happen",
        "what allowed it to happen", "what made this possible", "what exactly went wrong", "mistakes",
        "mistakes made", "our mistakes", "mistakes we made", "reason", "reasons", "reason for the outage",
        "reason for the incident", "analysis of causes", "analysis of the causes", "analysis of the cause",
        "contributing causes",
        # a diagnosis that ends at the cause: "Diagnosing the issue" over "The issue was two-fold: ..."
        "diagnosing the issue", "diagnosing the problem", "diagnosis",
    ),
    "whys": ("five whys", "five why's", "5 whys", "5 why's", "the five whys"),
    "layer_analysis": ("layer analysis", "layers", "analysis by layer"),
    "resolution": (
        "resolution", "resolution and recovery", "recovery", "mitigation", "mitigation and resolution",
        "mitigation & resolution", "remediation steps taken", "how it was resolved", "how was it resolved",
        "fix", "the fix", "solving", "restoration", "how did we fix it", "how we fixed it",
        "fixing the problem", "fixing the issue", "fixing it", "the solution", "solution",
        "resolution steps", "mitigation steps", "recovery steps", "workaround", "workarounds",
        "what was done to fix it", "what we did to fix it",
    ),
    "action_items": (
        "action items", "action item", "actions", "follow-ups", "follow ups", "followups", "follow-up tasks",
        "follow up tasks", "follow-up actions", "corrective actions", "corrective and preventative measures",
        "corrective and preventive measures", "corrective and preventive actions", "next steps", "next steps required", "next steps needed", "required next steps", "remediation",
        "remediations", "future actions", "review actions", "recommendations", "preventive actions",
        "preventative actions", "todo", "to do", "tasks", "how are we preventing it from happening again",
        "action items & followups", "action items and follow-ups", "improvements",
        "what we're doing about it", "what we are doing about it", "what we're doing", "what we are doing",
        "what we will do", "what we're changing", "what we are changing", "where do we go from here",
        "remediation and follow-up steps", "remediation and follow up steps", "follow-up steps", "follow up steps",
        "recent improvements and future steps", "future steps", "future improvements", "future work",
        "preventing recurrence", "prevention", "what's next", "next actions", "action plan", "action plans",
        "prevention measures", "preventive measures", "preventative measures", "corrective measures",
        "remediation measures", "follow-up measures", "follow up measures", "actions planned", "planned actions",
        # (the grammar below reads these too; as aliases they are also found misspelled: "Remeidal action")
        "remedial action", "remedial actions", "remedial measures", "corrective action", "preventive action",
        "preventative action",
        "what we changed", "what we've changed", "what we have changed", "what we fixed", "changes we made",
        "changes made", "what we did about it", "fixes made",
        # completed fixes are actions, done: "Fixes implemented in this patch", "Changes applied"
        "fixes implemented", "fixes applied", "fixes shipped", "fixes deployed", "fixes merged",
        "changes implemented", "changes applied", "changes deployed", "changes shipped",
        # safeguards put in place after a security incident: "Security Measures Implemented"
        "measures implemented", "measures taken", "security measures", "security measures implemented",
        "security measures taken", "security improvements", "hardening measures",
        # a fix designed, its steps in order: "Fix design", "Implementation order (recommendation)"
        "fix design", "fix plan", "proposed fix", "proposed fixes", "implementation plan", "implementation order",
        # one fix per mistake: "## Mistake #1: Ignored alerts" over "### Fix action #1"
        "fix action", "fix actions", "corrective action", "corrective actions",
        # the plan announced as a change of course or an outlook: "What we're doing differently",
        # "Looking forward" (a public write-up's plan is often headed so)
        "what we're doing differently", "what we are doing differently", "what we will do differently",
        "what we'll do differently", "what we'll be doing differently", "what we're changing going forward",
        "doing differently", "looking forward", "looking ahead", "going forward", "moving forward",
        # a plan kept as a to-do list: "TODO List", "To-do", "Follow-up list"
        "todo list", "to do list", "to-do list", "to-do", "to-dos", "todos", "todo items", "to-do items",
        "follow-up list", "follow up list", "action list", "action item list",
        # what the incident left to do: "Still open" (not "What changed": as often the change
        # that triggered it)
        "still open", "open items", "remaining work", "remaining items",
        "outstanding items", "outstanding work",
        # a list of measures, done and proposed: "## Mitigations" over "Implemented: ..." and
        # "Suggested: ..." (the singular "Mitigation" is how the incident was mitigated)
        "mitigations",
    ),
    "lessons": (
        "lessons learned", "lessons learnt", "lessons", "insights", "learnings", "lessons learned and future improvements",
        "takeaways", "reflections", "what we learned", "what we learnt", "what we've learned", "what i learned",
        "what i learnt", "key takeaways", "key learnings", "moral of the story", "the moral of the story", "morals of the story",
    ),
    "on_call": (
        "on-call", "on call", "oncall", "on-call burden", "on-call impact", "response", "responders",
        "incident response", "pages", "toil", "people involved", "involved parties",
    ),
    "related_incidents": ("related incidents", "related", "previous incidents", "similar incidents", "see also"),
}

#: lessons sub-keys by heading or label
LESSON_ALIASES: dict[str, tuple[str, ...]] = {
    "went_well": (
        "what went well", "went well", "what went right", "went right", "things that went well", "what worked",
        "what worked well", "what we did well", "things we did well",
    ),
    "went_wrong": (
        "what went wrong", "went wrong", "what went poorly", "what went badly", "what didn't go so well",
        "what did not go so well", "what could have gone better", "what could be improved", "what didn't work",
        "things that went wrong", "what went not so well", "went badly", "went poorly", "things that went badly",
        "what we could do better", "what could go better", "what went less well", "went less well",
        # "## Critical Gaps Identified" over "❌ No monitoring/alerting for worker health"
        "gaps identified", "critical gaps identified", "critical gaps", "gaps found",
    ),
    "got_lucky": (
        "where we got lucky", "where did we get lucky", "where we were lucky", "got lucky", "lucky", "luck",
        "where we got lucky and unlucky", "we got lucky", "where were we lucky", "things we got lucky on",
    ),
}

_SHORTCODE = re.compile(r":[a-z0-9_+\-]+:")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)]"
                        # a report's own numbering: "Section 3: Concrete fix recommendation", "Part 2 - Timeline"
                        r"|(?:section|part|chapter)\s+(?:\d{1,2}|[ivx]{1,4})\s*[:.\-\u2013\u2014])\s+")
_PARENS = re.compile(r"\([^()]*\)|\{[^{}]*\}|\[[^\[\]]*\]\([^()]*\)")
#: Words that qualify a section name without changing it ("Detailed Timeline", "Full RCA"),
#: and the conversational openers of a blog's headings ("But how did this happen?", "So,
#: what happened?", "Okay, what went wrong").
_LEADING_MODIFIERS = re.compile(
    r"^(?:(?:but|so|and|now|okay|ok|well|finally),?\s+)?"
    r"(?:(?:detailed|full|complete|brief|short|extended|high-level|high level|overall|initial|final|updated|"
    r"preliminary|technical|incident|our|the|an?)\s+)?"
)
_MARKUP = re.compile(r"[*_`]+")
#: A heading's number in a series, written with a hash, at its end: "Fix action #1".
_HASH_NUMBER = re.compile(r"\s+#\d{1,3}$")
_SPACES = re.compile(r"\s+")


class SectionMatch(NamedTuple):
    key: str
    sub: str | None
    qualifier: str  # the text the normalisation removed (may declare a timezone)


def normalise_heading(text: str) -> tuple[str, str]:
    """(normalised heading, qualifier): lower case, no emoji/numbering/markup/qualifiers."""
    cleaned = _SHORTCODE.sub(" ", text)
    cleaned = "".join(char for char in cleaned if not _is_symbol(char))
    cleaned = _MARKUP.sub("", cleaned).strip()
    qualifiers = [match.group(0) for match in _PARENS.finditer(cleaned)]
    cleaned = _PARENS.sub(" ", cleaned)
    cleaned = _NUMBERING.sub("", cleaned.strip().lower())
    cleaned = cleaned.replace("’", "'").replace(" & ", " and ")
    cleaned = _SPACES.sub(" ", cleaned).strip(" :?.!-–—#")
    cleaned = _HASH_NUMBER.sub("", cleaned)  # "Fix action #1", "Mistake #2": one of a series
    return cleaned, " ".join(qualifiers)


def _is_symbol(char: str) -> bool:
    if char.isascii():
        return False
    category = unicodedata.category(char)
    return category in ("So", "Sk", "Cf", "Mn", "Cs", "Co") or char == "\ufe0f"


class AliasTable:
    """Normalised alias → (key, sub-key), with prefix matching on word boundaries."""

    def __init__(self, extra: dict[str, list[str]] | None = None) -> None:
        self.exact: dict[str, tuple[str, str | None]] = {}
        self._memo: dict[tuple[str, bool], SectionMatch | None] = {}
        for key, aliases in BUILTIN_ALIASES.items():
            for alias in aliases:
                self._add(alias, key, None)
        for sub, aliases in LESSON_ALIASES.items():
            for alias in aliases:
                self._add(alias, "lessons", sub)
        for key, texts in (extra or {}).items():
            part: str | None = None
            if key in LESSON_ALIASES:
                key, part = "lessons", key
            for alias in texts or ():
                self._add(str(alias), str(key), part)
        self.by_length = sorted(self.exact, key=len, reverse=True)
        #: every alias of FUZZY_MIN characters or more with one character deleted → that alias
        self._deleted: dict[str, str | None] = {}
        for alias in self.exact:
            if len(alias) >= FUZZY_MIN:
                for variant in {alias[:at] + alias[at + 1:] for at in range(len(alias))}:
                    other = self._deleted.get(variant, alias)
                    self._deleted[variant] = alias if other == alias else None  # ambiguous: no match

    def _add(self, alias: str, key: str, sub: str | None) -> None:
        normalised, _ = normalise_heading(alias)
        if normalised:
            self.exact[normalised] = (key, sub)

    def match(self, heading: str, allow_prefix: bool = True) -> SectionMatch | None:
        """The section `heading` opens, or None (memoised: the same headings recur across files)."""
        key = (heading, allow_prefix)
        if key in self._memo:
            return self._memo[key]
        found = self._match(heading, allow_prefix)
        if len(self._memo) < 20000:
            self._memo[key] = found
        return found

    def _match(self, heading: str, allow_prefix: bool) -> SectionMatch | None:
        normalised, qualifier = normalise_heading(heading)
        if not normalised:
            return None
        found = self.exact.get(normalised)
        if found:
            return SectionMatch(found[0], found[1], qualifier)
        stripped = _LEADING_MODIFIERS.sub("", normalised, count=1)
        if stripped != normalised:
            found = self.exact.get(stripped)
            if found:
                return SectionMatch(found[0], found[1], qualifier)
            normalised = stripped
        near = self._near(normalised)
        if near is not None:
            key, sub = self.exact[near]
            return SectionMatch(key, sub, qualifier)
        if _ACTION_HEADING.fullmatch(normalised) or CHANGED_AFTER.fullmatch(normalised):  # the whole heading
            return SectionMatch("action_items", None, qualifier)
        if _PLAN_LEAD.search(heading) and not _OPTIONS.search(normalised):  # a lead-in promoted to a heading
            return SectionMatch("action_items", None, qualifier)
        if not allow_prefix:
            return None
        for alias in self.by_length:
            if len(alias) < len(normalised) and normalised.startswith(alias) \
                    and not normalised[len(alias)].isalnum() and len(alias) >= 4:
                key, sub = self.exact[alias]
                rest = normalised[len(alias):]
                if _is_qualifier(rest, key):
                    return SectionMatch(key, sub, f"{qualifier} {rest}".strip())
        if _PREVENTION.search(normalised) and not _OPTIONS.search(normalised):
            return SectionMatch("action_items", None, qualifier)
        # "Consensus and recommendation", "Conclusions and next steps": a plan named after a
        # word of judgement (not "Short-Term Fix and Follow-Up", whose prose tells the fix
        # made, nor "Current Status and Future Plans", a status first)
        head, joined, tail = normalised.rpartition(" and ")
        if joined and head in _PLAN_COMPANIONS and tail:
            named = self.match(tail, allow_prefix=False)
            if named is not None and named.key == "action_items":
                return SectionMatch("action_items", None, qualifier)
        if _DETECTION_HEADING.search(normalised):
            return SectionMatch("detection", None, qualifier)
        if _CAUSE_HEADING.search(normalised):
            return SectionMatch("root_causes", None, qualifier)
        return None


    def _near(self, normalised: str) -> str | None:
        """The one alias `normalised` misspells by one letter ("Moving Foward", "Lessons
        Leanred", "Timline of events"): a letter missing, added, changed or two swapped.
        Only aliases of FUZZY_MIN letters or more, and only when one alias is that close."""
        if not FUZZY_MIN <= len(normalised) <= FUZZY_MAX:
            return None
        found: set[str] = set()
        deleted = self._deleted
        if normalised in deleted:  # a letter missing
            found.add(deleted[normalised] or "")
        for at in range(len(normalised)):
            variant = normalised[:at] + normalised[at + 1:]
            if variant in self.exact and len(variant) >= FUZZY_MIN:  # a letter added
                found.add(variant)
            if variant in deleted:  # a letter changed, or two swapped
                alias = deleted[variant] or ""
                if alias == "" or len(alias) == len(normalised) and _one_apart(alias, normalised):
                    found.add(alias)
        found.discard(normalised)
        return found.pop() if len(found) == 1 and "" not in found else None


#: A heading that asks or says how a recurrence is prevented is the plan, however it is
#: worded: "What is being done to prevent future incidents?", "Preventing this from
#: happening again", "How we will avoid a repeat", "What should prevent it next time".
_PREVENTION = re.compile(
    r"\b(?:prevent(?:ing|ion)?|avoid(?:ing)?)\b[^?]{0,40}?\b(?:future|again|recurr\w*|repeat\w*|reoccurr\w*)\b"
    r"|\bprevent\w*\b[^?]{0,40}?\bnext\s+time\b"
    r"|^what (?:is|are) (?:being|now being) done\b|^what (?:we|we're|we are) (?:doing|changing|will do|did) "
    r"(?:about|to prevent|next)\b"
    # "Improving Recovery Procedures", "Hardening our deploys": the work that follows (not
    # "Fixing the issue", which is the resolution)
    r"|^(?:improving|hardening|strengthening)\s+(?:our\s+|the\s+)?[\w-]+(?:\s+[\w-]+){0,3}$")


#: Words that may stand before "and" in a heading of the plan ("Consensus and recommendation").
_PLAN_COMPANIONS = frozenset({"consensus", "conclusion", "conclusions", "decision", "decisions", "outcome",
                              "outcomes", "verdict"})
#: A heading of options, not commitments: "What we could do to prevent this happening
#: again", "Ideas to avoid a repeat" (a brainstorm the plan picks from).
_OPTIONS = re.compile(r"\b(?:could|might|ideas?|brainstorm\w*|options|possible|possibilities)\b")


#: A heading that asks why or how the incident went unseen: "Why it took 22 hours to
#: notice", "How we found out", "Why nobody noticed", "Why it went undetected".
_DETECTION_HEADING = re.compile(
    r"^(?:why|how)\b[^?]{0,40}?\b(?:to|before)\s+(?:we\s+|anyone\s+|somebody\s+|someone\s+)?"
    r"(?:notice|detect|spot|discover|find\s+out|catch)\b"
    r"|^(?:why|how)\s+(?:nobody|no\s+one|we|it\s+was|this\s+was)\s+(?:didn't\s+|did\s+not\s+)?"
    r"(?:noticed?|detected?|found\s+out|caught|spotted)\b"
    r"|\b(?:went|go|goes|stayed|remained)\s+(?:unnoticed|undetected)\b")

#: A heading that asks why the incident happened, in the writers' words: "Why it
#: happened", "Why we didn't have backups", "Why the deploy broke chat".
_CAUSE_HEADING = re.compile(
    # ("Why the machine never recovered on its own", "Why the failover didn't kick in")
    r"^why\s+(?:(?:it|this|that|the\s+[\w-]+|our\s+[\w-]+)\s+(?:never\s+|didn't\s+|did\s+not\s+|couldn't\s+|"
    r"could\s+not\s+|wasn't\s+|was\s+not\s+)\w+"
    r"|(?:it|this|that|the\s+[\w-]+|our\s+[\w-]+)\s+(?:happened|failed|broke|went\s+down|stopped|crashed)"
    r"|we\s+(?:didn't|did\s+not|had\s+no|lacked|missed|weren't|were\s+not)|(?:did|was|were)\s+)\b")


#: What changed because of the incident, the whole heading: "What changed as a result"
#: (not the bare "What changed", as often the change that triggered it, nor "What changed
#: as a result of the config push", what the push did).
CHANGED_AFTER = re.compile(r"what (?:has )?changed (?:as a result|afterwards|since(?: then)?|after (?:the|this|that) "
                           r"(?:incident|outage|breach|event|compromise))|changes (?:as a result|since then)"
                           # what the fix did, named as a fix: "What the fix changed" (not "What
                           # changed", nor "What #4521 changed": often the trigger)
                           r"|what (?:(?:the|this|our) )?(?:fix|fixes|patch|remediation) changed")


#: A heading that names the plan by what it holds, however it qualifies it: "Resulting
#: action", "Resolving actions", "Remedial measures", "Proactive measures", "Follow-up
#: items", "Corrective action points", "Open action items", "Long-term fixes",
#: "Preventative measures implemented", "Remediation plan". Only the whole heading (one to three qualifiers,
#: then the noun), so "Actions taken during the incident" is not the plan.
_ACTION_QUALIFIER = (r"(?:resulting|resolving|remedial|corrective|correcting|preventive|preventative|proactive|"
                     r"follow[- ]?up|future|planned|next|open|outstanding|remaining|pending|recommended|"
                     r"further|additional|long[- ]term|short[- ]term|medium[- ]term|mid[- ]term|"
                     r"improvement|remediation|prevention|repair|resulting|post[- ]incident|postmortem|"
                     r"agreed|proposed|identified|committed|decided|approved|concrete|"
                     r"and|&|/|,)")
_ACTION_HEADING = re.compile(
    r"(?:" + _ACTION_QUALIFIER + r" ?){1,4}"
    r"(?:actions?|action items?|action points?|measures?|steps?|tasks?|items?|follow[- ]?ups?|(?:fix )?recommendations?|"
    r"improvements?|remediations?|work items?|todos?|to-dos?|fix|fixes|(?:action )?plans?)(?: list)?"
    # "Preventative measures implemented", "Corrective actions taken": the plan, some of it done
    r"(?: (?:implemented|taken|applied|adopted|deployed|introduced|(?:put )?in place))?")


#: Shortest and longest heading matched with one letter off: shorter names are too close
#: to ordinary words ("cause" / "cases"), longer headings are sentences.
FUZZY_MIN, FUZZY_MAX = 8, 48


def _one_apart(alias: str, text: str) -> bool:
    """Same length, and one letter changed or two neighbours swapped."""
    diffs = [at for at in range(len(alias)) if alias[at] != text[at]]
    return len(diffs) == 1 or len(diffs) == 2 and diffs[1] == diffs[0] + 1 and \
        alias[diffs[0]] == text[diffs[1]] and alias[diffs[1]] == text[diffs[0]]


_QUALIFIER_WORDS = re.compile(
    # a subtitle after a dash or colon: "Fix design — backtest-consistent execution", "Impact: who was hit"
    r"^\s*(?:[–—:]|\s-)\s+\S"
    r"|^[\s/,:;–—-]*(?:and\b|&|/|\d|all times|times|in |utc|gmt|\(|for |of events|of the|summary|"
    r"[a-z]{3,9} \d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|pst|pdt|cet|est|edt|ist|bst|"
    r"on |follow|detail|notes|overview|analysis|items|tasks|\w+ improvements|$)"
)


#: How a timeline was put together, after its name: "Timeline pattern", "Timeline
#: reconstruction", "Timeline breakdown" (after another section's name these words name
#: something else: "Alert pattern", "Mitigation outline").
_TIMELINE_QUALIFIER = re.compile(r"^[\s/,:;–—-]*(?:pattern|reconstruct|sketch|outline|approximat|recap|breakdown|"
                                 r"narrative|walk-?through|highlights)")


def _is_qualifier(rest: str, key: str = "") -> bool:
    """Whether what follows an alias prefix is a qualifier ("(all times UTC)", "and follow-ups";
    for the timeline also "pattern", "reconstruction")."""
    return bool(_QUALIFIER_WORDS.match(rest)) or key == "timeline" and bool(_TIMELINE_QUALIFIER.match(rest))


# -- assigning blocks to sections ---------------------------------------------------------

from dataclasses import dataclass, field, replace  # noqa: E402

from .blocks import Block  # noqa: E402
from .common import bold_label, plain  # noqa: E402

#: Sections whose sub-headings are content (groups of actions, one entry per heading).
_CONTAINERS = ("action_items", "timeline")
#: Sections where a bold lead-in is content, never a new section ("**Detection**: add an alert").
_NO_LABELS = ("action_items", "timeline", "root_causes", "whys")


@dataclass(slots=True)
class Section:
    """A recognised section: its key, the heading (or bold label) that opened it, its blocks."""

    key: str
    sub: str | None
    line: int
    heading: Block | None
    qualifier: str = ""
    blocks: list[Block] = field(default_factory=list)
    provisional: bool = False  # opened by a CONTENT_LABELS label: kept only if the content fits


def find_title(blocks: list[Block], aliases: AliasTable) -> Block | None:
    """The first H1 that is not itself a section heading (else the first heading, if it is no section)."""
    headings = [block for block in blocks if block.kind == "heading" and not block.quoted and block.parent < 0]
    for block in headings:
        if block.level == 1 and aliases.match(plain(block.text)) is None:
            return block
    if headings and aliases.match(plain(headings[0].text)) is None and headings[0].level <= 2:
        return headings[0]
    return None


def assign_sections(blocks: list[Block], aliases: AliasTable, title: Block | None,
                    lines: list[str]) -> list[Section]:
    """Every recognised section with its content blocks, in document order.

    A section runs until the next heading of the same or a higher level. Bold labels
    that name a section (`- **Impact**: ...`, MoJ style) open a section covering that
    item and its children, or that paragraph. A top-level label item with no text and no
    children (`- **Context**:` followed by plain paragraphs) also takes the paragraphs, and
    the lists of another kind, that follow it up to the next label or heading.
    """
    sections: list[Section] = []
    stack: list[tuple[int, Section | None]] = []
    labelled: dict[int, Section] = {}
    open_label: Section | None = None  # an empty top-level label whose text follows as paragraphs
    open_started = False
    open_ordered = False  # items of another list (`1.` after `- **Review actions**:`) are its content
    for position, block in enumerate(blocks):
        if block.kind == "paragraph":
            _promote_label_line(block, _past_lead_in(blocks, _next_content(blocks, position)), aliases,
                                _innermost(stack))
        if open_label is not None and block.parent >= 0 and labelled.get(block.parent) is open_label:
            open_label = None  # the label has children: its content is those, not what follows
        if open_label is not None and block.parent < 0 and block.kind != "heading" and not block.quoted:
            found = bold_label(block.text) if block.kind in ("item", "paragraph") else None
            if found is None or aliases.match(found[0], allow_prefix=False) is None and \
                    _normal_label(found[0]) not in CONTENT_LABELS:
                if block.kind != "item" or open_started or block.ordered != open_ordered:
                    open_started = True
                    open_label.blocks.append(block)
                    continue
            open_label = None
        if block.kind == "heading":
            open_label = None
        if block.kind == "heading" and not block.quoted and block.parent < 0:
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            current = _innermost(stack)
            if block is title:
                stack.append((block.level, None))
                continue
            match = aliases.match(plain(block.text))
            if current is not None and current.key in _CONTAINERS and (
                    match is None or match.key == current.key or not _exact(aliases, block.text)):
                stack.append((block.level, None))
                current.blocks.append(block)
                continue
            if match is None:
                stack.append((block.level, None))
                if current is not None:
                    current.blocks.append(block)
                continue
            section = Section(match.key, match.sub, block.line, block, match.qualifier,
                              provisional=match.key == "root_causes" and _WRAP_UP.match(
                                  normalise_heading(plain(block.text))[0]) is not None)
            sections.append(section)
            stack.append((block.level, section))
            continue
        owner = labelled.get(block.parent)
        if owner is not None:
            owner.blocks.append(block)
            if block.kind == "item":
                labelled[block.index] = owner
            continue
        current = _innermost(stack)
        if block.kind in ("item", "paragraph") and not block.quoted and (current is None or current.key not in _NO_LABELS):
            labelled_section = _label_section(block, aliases, current, lines)
            if labelled_section is not None:
                section = labelled_section
                sections.append(section)
                if block.kind == "item" or block.kind == "label":
                    labelled[block.index] = section
                if block.kind == "label" and block.parent < 0 and block.level == 0:
                    open_label, open_started, open_ordered = section, False, block.ordered
                continue
        if current is not None:
            current.blocks.append(block)
    return [section for section in sections if _keep(section)]


#: A heading line written as a paragraph: plain, bold or italic text and nothing else
#: ("Action Items", "_Lessons learned_", "**Follow-up**:", "**Action items.**").
_LABEL_LINE = re.compile(r"^(\*\*|__|\*|_)?([A-Za-z][A-Za-z0-9 '\u2019&/,-]{1,58}?)\.?\1?[ \t]*:?[ \t]*\1?$")
#: Longest line read as a label line (its name is at most 59 characters, with emphasis and colon).
_LABEL_CHARS = 72
#: Level given to a promoted label line: below every real heading, so the next heading
#: of any level (or the next label line) ends its section.
LABEL_LEVEL = 7


#: Blank lines (or a template's HTML comment) allowed between a label line and its list or table.
_LABEL_GAP = 2


def _next_content(blocks: list[Block], position: int) -> Block | None:
    """The block after blocks[position], past a template's HTML comments ("<!-- What are
    the action items ... -->" between "**Action Items**" and its table), with `line` moved
    up to the comment's so the gap to the label is measured without the comment."""
    following = position + 1
    skipped = None
    while following < len(blocks) and blocks[following].kind == "html" and \
            blocks[following].text.lstrip().startswith("<!--") and following - position <= 3:
        skipped = skipped or blocks[following]
        following += 1
    if following >= len(blocks):
        return None
    if skipped is None:
        return blocks[following]
    found = blocks[following]
    return found if found.line - blocks[following - 1].end_line > _LABEL_GAP else replace(found, line=skipped.line)


#: A sentence that introduces the list after it as work done or to do against a recurrence:
#: "Art Blocks has taken steps to improve its security posture, including:", "We are taking
#: the following measures to prevent this from happening again:". The purpose ("to improve",
#: "to prevent") is what makes it the plan: "Steps taken to restore service:" is the
#: resolution. Bounded gaps: linear.
_PLAN_LEAD = re.compile(
    r"\b(?:steps|measures|actions|changes|improvements)\b[^:.]{0,60}?\bto[ \t]+(?:further[ \t]+)?"
    r"(?:improve|prevent|strengthen|harden|reduce|avoid|protect|mitigate|stop|guard|make[ \t]+sure|ensure)\b"
    r"[^:]{0,120}:[ \t]*$"
    # the team's own commitment to the changes listed: "some of the most important changes we
    # will implement for the mysql service over the next month or two include:" ("Changes we
    # made during the outage:" is the response, in the past)
    r"|\b(?:steps|measures|actions|changes|improvements)[ \t]+(?:that[ \t]+)?(?:we|i)[ \t]+(?:will|are[ \t]+going[ \t]+to|"
    r"plan[ \t]+to|intend[ \t]+to)[ \t]+(?:implement|make|take|introduce|put[ \t]+in[ \t]+place|roll[ \t]+out|deploy)\b"
    r"[^:]{0,120}:[ \t]*$", re.IGNORECASE)
#: Longest lead-in sentence read (characters): a paragraph longer than this is prose, not a lead-in.
_PLAN_LEAD_CHARS = 300


def _plan_lead(block: Block) -> bool:
    """Whether a paragraph of at most two lines is a lead-in to the plan (`_PLAN_LEAD`)."""
    text = block.text.strip()
    return len(text) <= _PLAN_LEAD_CHARS and text.count("\n") <= 1 and _PLAN_LEAD.search(text) is not None


def _ends_label_section(block: Block, following: Block | None, current: Section | None) -> bool:
    """Whether a label line ("Post Mortem:") over prose ends a section that a label line
    opened ("Further improvements" over its list): a plan's group label is followed by its
    items, so a label followed by paragraphs starts another part of the document, and the
    section must not run on to the document's end over it."""
    if current is None or current.heading is None or current.heading.level != LABEL_LEVEL:
        return False
    if block.quoted or block.parent >= 0 or "\n" in block.text or following is None or \
            following.kind != "paragraph" or following.quoted or following.line - block.end_line > _LABEL_GAP:
        return False
    text = block.text.strip()
    return len(text) <= _LABEL_CHARS and text.endswith(":") and _LABEL_LINE.match(text) is not None


#: Longest lead-in sentence between a label line and its list ("Our immediate action items:").
_LEAD_IN_WORDS = 25


def _past_lead_in(blocks: list[Block], following: Block | None) -> Block | None:
    """`following`, or, when it is a short lead-in sentence ending with ":" ("**Remediation
    plan:**", then "Our immediate action items:", then the list), the list or table right
    after it, placed at the lead-in's line: the label names that list all the same."""
    if following is None or following.kind != "paragraph" or following.quoted or following.parent >= 0 or \
            not following.text.rstrip(" *_").endswith(":") or following.text.count("\n") > 1 or \
            len(following.text.split(None, _LEAD_IN_WORDS)) > _LEAD_IN_WORDS or following.index < 0:
        return following
    after = _next_content(blocks, following.index)
    if after is None or after.kind not in ("item", "table") or after.line - following.end_line > _LABEL_GAP:
        return following
    return replace(after, line=following.line)


def _promote_label_line(block: Block, following: Block | None, aliases: AliasTable, current: Section | None) -> None:
    """A one-line paragraph that is only a section name, directly followed by a list or a
    table (past a template's HTML comment), or a plain one over a paragraph outside the plan
    and the timeline ("Detection" over "Users ... received connection failures."), is a
    heading written without `#` (sushibar's
    plain "Action Items" over three bullets, turboflakes' "_Lessons learned_", a
    template's "**Action Items**" over its table): it becomes a heading one level below
    every real one. Only an exact section name (no prefix match) counts, and a bold or
    italic name inside the plan or the timeline stays a group label there (`**Detection**`
    over detection items). A lead-in sentence of one or two lines (`_PLAN_LEAD`: "Art Blocks
    has taken steps to improve its security posture, including:") is promoted the same way,
    and its heading opens the plan."""
    if _ends_label_section(block, following, current):
        block.kind, block.level = "heading", LABEL_LEVEL
        return
    if block.quoted or block.parent >= 0 or following is None or \
            following.kind not in ("item", "table", "paragraph") or following.parent >= 0 or following.quoted or \
            following.line - block.end_line > _LABEL_GAP:
        return
    # over a paragraph, only a plain section name: "Detection" on its own line over "Users
    # attempting to access ... received connection failures." (a bold or italic one over
    # prose is emphasis, and `bold_label` reads the bold ones; where it may stand, below)
    over_prose = following.kind == "paragraph"
    if over_prose and block.text.lstrip()[:1] in "*_":
        return
    if not over_prose and (current is None or current.key not in _CONTAINERS) and _plan_lead(block):
        block.kind, block.level = "heading", LABEL_LEVEL  # `_match` reads the lead-in as the plan
        return
    if "\n" in block.text or len(block.text) > _LABEL_CHARS:
        return  # (a label is short: the pattern is never run over a long line, whatever it holds)
    found = _LABEL_LINE.match(block.text.strip())
    if found is None or found.group(1) and not block.text.strip().rstrip(": \t").endswith(found.group(1)):
        return
    if current is not None and current.key in _NO_LABELS and (found.group(1) or current.key in _CONTAINERS):
        return
    match = aliases.match(found.group(2), allow_prefix=False)
    if match is None or current is not None and current.key == match.key and current.sub == match.sub:
        return
    if over_prose and (match.key in _CONTAINERS or current is not None and current.key in _NO_LABELS):
        # "Action Items" over "None were written down yet.": a plan or a timeline is a list;
        # "Impact" over a paragraph inside the root cause is a part of the cause
        return
    block.kind, block.level = "heading", LABEL_LEVEL


#: Bold labels that are no section name but whose content decides the section: MoJ's
#: `- **Context**:` holds the detailed timeline in some documents and background prose in others.
CONTENT_LABELS = {"context": "timeline"}


def _normal_label(label: str) -> str:
    return normalise_heading(label)[0]


#: A heading that closes a write-up ("Conclusion", "Conclusions and feedback"): the cause
#: where it names one (mybinder's "Conclusions": "The ultimate cause of this incident was a
#: bug ..."), else a blog post's wrap-up (thanks, what users said, a promise to communicate
#: better), which is no cause section.
_WRAP_UP = re.compile(r"conclusions?\b")
#: Words that state a cause: "the cause was", "caused by", "due to", "because", "led to",
#: and blame ("human error", "our mistake").
_CAUSAL = re.compile(r"\b(?:caus(?:e|es|ed|ing)|due[ \t]+to|because|root|led[ \t]+to|result(?:ed|s)?[ \t]+(?:of|from)"
                     r"|triggered|culprit|reasons?[ \t]+(?:for|why|was|is)"
                     # blame is a cause told too: "In conclusion, this was human error"
                     r"|human[ \t]+error|operator[ \t]+error|(?:my|our|his|her|their|a|the)[ \t]+mistake|by[ \t]+mistake"
                     r"|mistakenly|fault)\b", re.IGNORECASE)
#: Characters of a wrap-up section read for a cause.
_WRAP_UP_CHARS = 20_000


def _keep(section: Section) -> bool:
    """A content-decided section stays only when its content is what the key says
    (a `Context` label is a timeline only when most of its lines start with a time; a
    `Conclusion`'s words are causes only when it states one, `_CAUSAL`)."""
    if not section.provisional:
        return True
    if section.key == "root_causes":
        told = "\n".join(block.text for block in section.blocks)[:_WRAP_UP_CHARS]
        if _CAUSAL.search(told) is None:
            # a wrap-up: its heading stays (PM011 counts a cause heading as the section,
            # where such posts tell the cause in their story), its words are no causes
            section.blocks = []
        return True
    from .times import parse_stamp

    texts = [line for block in section.blocks if block.kind in ("item", "paragraph")
             for line in block.text.split("\n") if line.strip()]
    stamped = sum(1 for line in texts if parse_stamp(line) is not None)
    return stamped >= 2 and stamped * 2 >= len(texts)


def _exact(aliases: AliasTable, heading: str) -> bool:
    return aliases.match(plain(heading), allow_prefix=False) is not None


def _innermost(stack: list[tuple[int, Section | None]]) -> Section | None:
    for _, section in reversed(stack):
        if section is not None:
            return section
    return None


#: A list item that is only a section's name and a colon ("* Summary:", "- Root cause:"),
#: its content in the items nested under it: a label written without bold.
_PLAIN_LABEL_ITEM = re.compile(r"[ \t]*([A-Za-z][A-Za-z '\u2019/&-]{1,40}?)[ \t]*:[ \t]*")


#: A label's value that is a quantity alone: "+1.98 GB free RAM", "40% faster", "-120 ms".
_QUANTITY_VALUE = re.compile(r"[ \t]*[+\-\u2212~\u2248]?[ \t]?\d[\d.,]*[ \t]?(?:%|[a-z]{1,5}\b)", re.IGNORECASE)


def _label_section(block: Block, aliases: AliasTable, current: Section | None, lines: list[str]) -> Section | None:
    found = bold_label(block.text)
    plain_item = False
    if found is None and block.kind == "item" and "\n" not in block.text:
        plain_label = _PLAIN_LABEL_ITEM.fullmatch(block.text)
        found, plain_item = ((plain_label.group(1), ""), True) if plain_label is not None else (None, False)
    if found is None:
        return None
    match = aliases.match(found[0], allow_prefix=False)
    if plain_item and match is not None and match.key == "action_items":
        # "- Corrective actions:" over steps told done ("changed to ...", "added ..."): a log
        # of what was done reads as a plan of open items; left to the plan's own readers
        return None
    if match is not None and match.key == "action_items" and _QUANTITY_VALUE.match(plain(found[1])):
        # "- **Improvement**: **+1.98 GB free RAM**" beside "**Before**" and "**After**": a
        # gain measured, no work to do
        return None
    provisional = False
    if match is None and _normal_label(found[0]) in CONTENT_LABELS:
        match, provisional = SectionMatch(CONTENT_LABELS[_normal_label(found[0])], None, ""), True
    if match is None or (current is not None and current.key == match.key and current.sub == match.sub):
        return None
    section = Section(match.key, match.sub, block.line, None, match.qualifier, provisional=provisional)
    rest = found[1]
    if rest.strip():
        relocate(block, lines, block.text, rest)
        section.blocks.append(block)
    else:
        block.kind = "label" if block.kind == "item" else "empty"
    return section


def relocate(block: Block, lines: list[str], old: str, rest: str) -> None:
    """Point `block` at where `rest` (a suffix of its text `old`) starts in the source."""
    consumed = old[: len(old) - len(rest)]
    skipped_lines = consumed.count("\n")
    stripped = rest.lstrip()
    skipped_lines += rest[: len(rest) - len(stripped)].count("\n")
    block.text = stripped
    block.line = min(block.line + skipped_lines, block.end_line)
    source = lines[block.line - 1] if 0 < block.line <= len(lines) else ""
    probe = stripped.split("\n", 1)[0][:12]
    found = source.find(probe) if probe else -1
    if found >= 0:
        block.column = found + 1


def timeline_by_content(blocks: list[Block], sections: list[Section], lines: list[str],
                        incident_log: bool = False) -> list[Section]:
    """Time-stamped lines are a timeline whatever their heading: with no Timeline heading,
    a recognised section whose lines mostly start with a time (a "Leadup" list of
    `09:47 ...`) becomes the timeline, else the stamped items, paragraphs and table rows that
    no section holds (a time table at the end of a post, under "Appendix") form one.
    In an incident log (`forms.incident_log`), the headings and bold lines that head each
    incident with its date (`### 10-Apr-2023: Bigdata down`, `__28-Oct-2020: Jobs failed__`,
    `times.incident_heading`) go with the lines under them: they date them."""
    if any(section.key == "timeline" for section in sections):
        return sections
    from .times import (STATUS_LEAD, date_heading, entry_pieces, incident_heading, labelled_time, parse_stamp,
                        shortcode_line, status_stamp)

    def heads(block: Block) -> bool:
        # an incident's date, alone or leading its title: a heading, or a bold line of its own
        if block.kind == "heading":
            text = plain(block.text)
            return date_heading(text) is not None or (incident_log and incident_heading(text) is not None)
        return incident_log and block.kind == "paragraph" and "\n" not in block.text.strip() and \
            block.text.strip()[:2] in ("**", "__") and incident_heading(block.text) is not None

    def timed(line: str) -> bool:
        # `Restored. {{< track "2018-12-31T09:13:00Z" >}}`: a stamp in a shortcode counts too;
        # so does a status update's lead (`**Resolved** - ...`, its stamp on the next line)
        # and its stamp after "Posted" (`Posted Jan 04, 2025 - 09:27 UTC`), and a labelled
        # time field (`Down: 15:21 UTC`, `**Update: 18:52** ...`)
        return _clock(parse_stamp((shortcode_line(line) or line).strip(" *_"))) or \
            STATUS_LEAD.match(line) is not None or status_stamp(line) is not None or labelled_time(line) is not None

    def stamped(block: Block) -> tuple[int, int]:
        if block.kind == "code":
            hits = len(timeline_code(block))  # (the fence lines hold no entry either way)
            return hits, hits
        if block.kind == "table":
            return sum(1 for row in block.rows if row and parse_stamp(plain(row[0].text)) is not None), len(block.rows)
        if block.kind not in ("item", "paragraph"):
            return 0, 0
        # a wrapped entry is one entry: its continuation lines are no evidence against it;
        # updates joined by `<br />` in one line are one entry each (times.entry_pieces)
        pieces = [piece for line in block.text.split("\n") for piece in entry_pieces(line)]
        hits = sum(1 for piece in pieces if piece.strip() and timed(piece))
        first = next((piece for piece in pieces if piece.strip()), "")
        return hits, hits + (0 if timed(first) else 1)

    def field_item(block: Block) -> bool:
        # a labelled time field nested under an item (`- **Time**:` over `- Down: 15:21 UTC`)
        return block.kind == "item" and labelled_time(block.text.split("\n", 1)[0]) is not None

    updates = _status_updates(blocks, sections)
    if updates:
        sections.append(updates)
        sections.sort(key=lambda section: section.line)
        return sections
    rekeyed = False
    for section in sections:
        if section.key in ("action_items", "lessons", "whys", "timeline") or section.provisional:
            continue
        counts = [stamped(block) for block in section.blocks]
        hits, total = sum(count[0] for count in counts), sum(count[1] for count in counts)
        if hits >= 3 and hits * 2 >= total:
            section.key, section.sub = "timeline", None
            rekeyed = True
    if rekeyed:
        return sections
    held = {id(block) for section in sections for block in section.blocks}
    loose = [block for block in blocks if id(block) not in held and not block.quoted
             and (block.parent < 0 or field_item(block) and id(blocks[block.parent]) not in held)
             and block.kind in ("item", "paragraph", "table", "code") and stamped(block)[0] > 0]
    if sum(stamped(block)[0] for block in loose) >= 3:
        # a status page or incident log: `### June 25, 2020` over each incident's updates
        # dates the time-only lines under it (timeline.py), so the heading goes with them
        openers = {id(section.heading) for section in sections if section.heading is not None}
        taken = {id(block) for block in loose}
        dated = [block for block in blocks if block.kind in ("heading", "paragraph") and block.parent < 0
                 and not block.quoted and id(block) not in openers and id(block) not in held
                 and id(block) not in taken and block.line < loose[-1].line and heads(block)]
        if dated:
            loose = sorted([*loose, *dated], key=lambda block: block.line)
        sections.append(Section("timeline", None, loose[0].line, None, blocks=loose))
        sections.sort(key=lambda section: section.line)
    return sections


#: Fewest time-stamped lines that make a fenced code block a timeline.
_CODE_ENTRIES = 3
#: A time to the second (`21:26:21`): what a log writes, not a person typing a timeline.
_SECONDS = re.compile(r"\d:\d{2}:\d{2}")


def timeline_code(block: Block) -> list[int]:
    """The offsets (in the block's text) of a fenced code block's timeline lines, or none:
    a timeline typed in a fence (```` ``` ```` over `10:40 UTC - we closed the cloud`, one
    entry a line) has three time-stamped lines or more, at least half its lines, each
    opening with a time of day to the minute, and as many distinct minutes as half its
    stamps: a log excerpt (times to the second, or one burst, many lines a minute) is the
    failure's evidence, not its timeline.
    Linear: one stamp read per line."""
    from .times import parse_stamp

    if block.kind != "code" or block.indented:
        return []
    offsets: list[int] = []
    minutes: set[tuple[int, int]] = set()
    lines = block.text.split("\n")
    filled = 0
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        filled += 1
        stamp = parse_stamp(line.strip()[:200])
        if stamp is not None and stamp.has_time and stamp.clock is not None and not stamp.unknown_time and \
                _SECONDS.search(stamp.raw) is None:  # `21:26:21 host app: error` is a log line
            offsets.append(offset)
            minutes.add(stamp.clock[:2])
    if len(offsets) < _CODE_ENTRIES or 2 * len(offsets) < filled or 2 * len(minutes) < len(offsets) or \
            len(minutes) < _CODE_ENTRIES:
        return []
    return offsets


#: Fewest status updates (`## Investigating 2025-01-04 9:27a`, `## Resolved ...`) that make a timeline.
_STATUS_UPDATES = 2
#: Sections after which a dated "Update" heading is an addendum to the document.
_ANALYSIS_KEYS = frozenset({"root_causes", "action_items", "lessons"})
#: Date-only update headings (`## Update 2021-07-15`) that make a page of daily updates a
#: timeline: more than a status page's two, since a date alone is a weaker sign of a log.
_DAILY_UPDATES = 3
#: Fewest headings that are a time of day (`### 7:00`, `### 13:20 - 15:25`) that make one.
_TIME_HEADINGS = 3


def _status_updates(blocks: list[Block], sections: list[Section]) -> Section | None:
    """A status page's updates as headings (`## Investigating 2025-01-04 9:27a`,
    `## Monitoring ...`, `## Resolved ...`), two or more, or daily updates headed by their
    dates (`## Update 2021-07-15`), three or more, or a day told hour by hour under
    headings that are times of day (`### 7:00`, `### 8:30`, `### 13:20 - 15:25`), three or
    more: none opening a recognised section, they are the timeline, each heading with the
    blocks under it (up to the next heading as high). With no Timeline heading, "no
    timeline" would be false: the updates are one."""
    from .times import date_heading, status_stamp

    openers = {id(section.heading) for section in sections if section.heading is not None}
    held = {id(block) for section in sections for block in section.blocks}
    # daily updates come before the analysis: "## Update 2021-08-03" after the root cause or
    # the plan is an addendum to the document ("Added the owner"), not a day of the incident
    analysed = min((section.line for section in sections if section.key in _ANALYSIS_KEYS), default=None)
    found: list[Block] = []
    level = 0  # the level of the update heading whose blocks are being gathered (0: none)
    updates = clocks = days = 0
    above: Block | None = None  # the last heading of a level above the update headings
    dated: set[int] = set()  # the date headings taken in (each once)
    for block in blocks:
        if block.kind == "heading" and not block.quoted and block.parent < 0:
            if id(block) not in openers and id(block) not in held:
                text = plain(block.text)
                stamped = status_stamp(text, date_only=True)
                kind = "update" if stamped is not None and stamped[1].has_time else \
                    "clock" if _time_heading(text) else \
                    "daily" if stamped is not None and (analysed is None or block.line < analysed) else None
                if kind is not None:
                    if above is not None and above.level < block.level and id(above) not in dated \
                            and date_heading(plain(above.text)) is not None:
                        found.append(above)  # `## May 8th, the conference day` over `### 7:00` dates it
                        dated.add(id(above))
                    found.append(block)
                    level = block.level
                    updates += kind == "update"
                    clocks += kind == "clock"
                    days += kind == "daily"
                    continue
            if level and block.level <= level:
                level = 0
            above = block
        if level and id(block) not in held and not block.quoted:
            found.append(block)
    if updates < _STATUS_UPDATES and clocks < _TIME_HEADINGS and days < _DAILY_UPDATES:
        return None
    return Section("timeline", None, found[0].line, None, blocks=found)


def _time_heading(text: str) -> bool:
    """A heading that opens with a time of day (`7:00`, `8:00 AM`, `13:20 - 15:25`,
    `14:05 UTC - rollback begins`): one entry of an hour-by-hour account. One that runs on
    for a sentence after its time is a topic that happens to start with a number."""
    from .times import parse_stamp

    stamp = parse_stamp(text.strip(" *_"))
    if stamp is None or not stamp.has_time or stamp.unknown_time or stamp.clock is None:
        return False
    rest = text.strip(" *_")[stamp.end:]
    return len(_WORDS.findall(rest)) <= _TIME_HEADING_WORDS


#: Words a time heading may carry after its time (a zone, "AM", "rollback begins").
_TIME_HEADING_WORDS = 8
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _clock(stamp) -> bool:
    """A stamp with a time of day (a bare date opens too many ordinary sentences)."""
    return stamp is not None and stamp.has_time


#: A task-list box that opens an item: `[ ]`, `[]` (an unchecked box as people type it), `[x]`
_TASK_BOX = re.compile(r"^[ \t]{0,3}\[(?P<mark>[ xX~/-]?)\][ \t]+\S")


#: Longest group label over a task list ("Long Term", "Short term (this month)"), in words.
_GROUP_WORDS = 5


def _task_items(run: list[Block]) -> list[Block]:
    """The items of a list that would carry task boxes: its top-level items, except that a
    short top-level item without a box whose children are items ("- Long Term" over
    "- [ ] Move the monitor offsite") is a group label, and its children count instead."""
    children: dict[int, list[Block]] = {}
    for block in run:
        if block.parent >= 0:
            children.setdefault(block.parent, []).append(block)
    found: list[Block] = []
    for block in run:
        if block.parent >= 0:
            continue
        nested = children.get(block.index)
        if nested and _TASK_BOX.match(block.text) is None and len(block.text.split()) <= _GROUP_WORDS:
            found.extend(nested)
        else:
            found.append(block)
    return found


def plan_by_content(blocks: list[Block], sections: list[Section]) -> list[Section]:
    """A task list is a plan whatever its heading: with no action-item section, a list that
    no section holds, of two or more items each opening with a task box (most of them
    unchecked: work still to do), becomes the plan; short group labels over the boxes
    ("- Long Term" / "- Short Term") count their boxed children (`_task_items`). Read as nothing, "- [ ] Add an alert"
    under "## Next" made PM313 say the document commits to nothing."""
    if any(section.key == "action_items" for section in sections):
        return sections
    held = {id(block) for section in sections for block in section.blocks}
    found: list[Section] = []
    run: list[Block] = []  # the current list: its top-level items and what is nested under them

    def close() -> None:
        tops = _task_items(run)
        boxes = [_TASK_BOX.match(block.text) for block in tops]
        if len(tops) >= 2 and all(boxes) and \
                2 * sum(1 for box in boxes if box is not None and box.group("mark") in ("", " ", "~", "/", "-")) > len(tops):
            found.append(Section("action_items", None, run[0].line, None, blocks=list(run)))
        run.clear()

    for block in blocks:
        if id(block) in held or block.quoted:
            if run:
                close()
            continue
        if block.kind == "item" and (block.parent < 0 or run):
            if block.parent < 0 and run and run[-1].ordered != block.ordered:
                close()
            run.append(block)
        elif run and block.parent < 0:
            close()
    if run:
        close()
    if not found:
        return sections
    return sorted([*sections, *found], key=lambda section: section.line)
