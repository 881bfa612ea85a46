"""Learning checks (PM8xx): a repeat incident gets an architecture-level answer.

The first time is an incident, the second a pattern, the third a design decision
nobody made. When `related_incidents` lists earlier incidents with the same cause,
only a change to the architecture (settings.repeat_required_layer) breaks the loop.

Contract (see `checks/__init__.py`): inputs are the whole document, its lessons and
prose, and the inferred repeat fact; outputs are one hit per unanswered repeat,
missing lesson split or unfollowed intention (at most MAX_INTENTS). Code because it
infers from prose (a repeat, an intention) and words an ordinal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Iterable

from ...headings import Heading
from ...infer.prose import document_texts, sentence, span_at, words_of
from ..functions import Context, Hit, check, is_truthy, shorten
from ..kinds import of_kind
from ._shared import action_items, evidence, is_open, lower, text_of
from .action_items import BAND_AID, classify, significant


@check("repeat_prevented", {"repeat_required_layer": of_kind(
    "text", "Layer of the prevent item a repeat incident needs.")}, infers=True, required=("repeat_required_layer",))
def repeat_prevented(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """With `related_incidents`, the plan holds an open prevent item at the required layer
    (`repeat_required_layer`). A repeat inferred from the prose ("the same issue as in
    June") with no link to an earlier postmortem anywhere in the document is reported as
    the `unlinked` variant: it asks for that link too."""
    related = value.get("related_incidents") if isinstance(value, dict) else None
    if not is_truthy(related):
        return
    layer = str(options["repeat_required_layer"]).lower()
    for _, item in action_items(context):
        if (is_open(item, context) and lower(item.get("type")) == "prevent" and lower(item.get("layer")) == layer
                and classify(item, context) != BAND_AID):
            return
    count = len(related) if isinstance(related, list) else 1
    fact = getattr(context.profile, "repeat", None)
    inferred = fact is not None and fact.inferred
    # a repeat read from the prose with no link to the earlier incident anywhere: the
    # finding asks for the link as well as for the fix ("unlinked" in the rule's messages)
    unlinked = inferred and not getattr(context.profile, "related_incidents", ())
    yield Hit("/related_incidents", {"count": count, "layer": layer,
                                     "times": "second" if count == 1 else f"{_ordinal(count + 1)}"},
              span=fact.span if fact is not None and inferred else None, variant="unlinked" if unlinked else None)


def _ordinal(number: int) -> str:
    words = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return words.get(number, f"{number}th")


_PARTS = (("went_well", "what went well"), ("went_wrong", "what went wrong"), ("got_lucky", "where we got lucky"))


@check("lessons_recorded")
def lessons_recorded(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`lessons.went_well`, `went_wrong` and `got_lucky` all hold something. Lessons written
    as one undivided list (`lessons.learned`, e.g. a Markdown "Insights" section) are
    reported as such: the team did reflect, and only the split is missing. Both that and a
    partial split are pedantic (reported at `info` under the `strict` preset only); only no
    lessons anywhere in the text is a warning."""
    lessons = value.get("lessons") if isinstance(value, dict) else None
    lessons = lessons if isinstance(lessons, dict) else {}
    missing = [label for key, label in _PARTS if not is_truthy(lessons.get(key))]
    if not missing:
        return
    if is_truthy(lessons.get("learned")) and len(missing) == len(_PARTS):
        yield Hit(f"{pointer}/lessons", variant="one_list", pedantic=True)
        return
    # some lessons, or lessons stated in prose elsewhere: only the three-way split is missing
    partial = len(missing) < len(_PARTS) or evidence(context, "lessons") is not None
    yield Hit(f"{pointer}/lessons/{_PARTS[0][0]}" if not lessons else f"{pointer}/lessons",
              {"missing": ", ".join(missing)}, pedantic=partial)


#: "we should deploy …", "the team needs to …", "in the future we must …" (not "should have")
_INTENT = re.compile(r"\b(?:we|the[ \t]+team|our[ \t]+team)[ \t]+(?:also[ \t]+)?(?:should|must|need[ \t]+to|needs[ \t]+to|"
                     r"will[ \t]+need[ \t]+to|have[ \t]+to|ought[ \t]+to)[ \t]+(?:also[ \t]+)?(?P<first>first[ \t]+)?"
                     r"(?!have\b|been\b|not\b)(?P<verb>[a-z]{3,20})\b",
                     re.IGNORECASE)
#: Verbs (and verb phrases) that, after "we have to / need to / must", explain how things
#: are, not what the team will do: "we have to trust the LP token to report the amount"
#: describes a design, "we need to rely on the provider" a dependency, "we must accept some
#: risk" a stance. A state, a belief or an acceptance is no commitment a plan could take
#: up. ("be" and "have" never reach this list: `_INTENT` skips "have" and needs a verb of
#: three letters or more; "we need to know when ..." asks for detection, so only "know
#: that" explains.) The rule's `explanation_verbs` replaces the list.
EXPLANATION_VERBS = ("trust", "rely on", "rely upon", "assume", "accept", "believe", "depend on", "depend upon",
                     "live with", "wait for", "wait until", "wait on", "hope", "expect", "tolerate", "know that",
                     "take it on faith", "take their word")
#: Verbs after the modal that speak about the write-up itself: "we need to talk about the
#: deploy", "to do that we must first understand the precursors" leads into what follows, it
#: plans no work. "talk about", "recap", "look back" always do; the others ("understand",
#: "discuss", "look at") only as the last words before a heading, or after "first" (an order
#: of telling): "we need to understand why the alert did not fire" mid-paragraph is a lesson.
#: The rule's `discourse_verbs` replaces the list; RHETORICAL_VERBS need no heading.
DISCOURSE_VERBS = ("talk about", "recap", "look back", "step back", "take a step back", "go back to", "understand",
                   "discuss", "explain", "describe", "mention", "look at", "examine", "dig into", "dive into",
                   "go over", "go through", "walk through", "consider the", "review the events")
RHETORICAL_VERBS = frozenset({"talk about", "recap", "look back", "step back", "take a step back", "go back to"})
#: A reason clause right before the intention: "We do this because we must support older
#: browsers" states a standing constraint that explains the design, not a lesson to act on.
_REASON_BEFORE = re.compile(r"\b(?:because|since|as|given[ \t]+that|seeing[ \t]+that|for)[ \t]+$", re.IGNORECASE)
#: Right before an intention: someone's idea or words retold ("the architect had an idea that
#: we should run tests on production data", "he said we should"): a proposal the story
#: tells, often the one that went wrong, not the writers' lesson.
_RETOLD_BEFORE = re.compile(r"\b(?:idea|ideas|said|says)[ \t]+(?:was[ \t]+)?(?:that[ \t]+)?$", re.IGNORECASE)
#: Every _INTENT match holds one of these words.
_INTENT_WORDS = frozenset({"we", "team"})
#: Words (cut to five letters, as `significant` does) too generic to tie a sentence to an item.
_GENERIC = frozenset({"shoul", "must", "need", "needs", "issue", "cause", "cause", "incid", "syste", "servi", "probl",
                      "error", "futur", "time", "make", "sure", "ensur", "also", "work", "thing", "thing", "able",
                      "again", "prevent", "preve", "happe", "order", "avoid", "like", "much", "many"})
#: Words (cut to five letters) that name a kind of work, not what it is about.
_KIND_OF_WORK = frozenset({"alert", "monit", "test", "testi", "runbo", "docum", "loggi", "logs", "dashb", "metri",
                           "obser", "pagin", "notif"})
#: An intention about a whole class of systems: "on critical systems", "for all services",
#: "across every component". Bounded and anchored on words: linear.
_BROAD = re.compile(r"\b(?:all|every|each|critical|key|core|other)[ \t]{1,3}(?:of[ \t]{1,3}(?:our|the)[ \t]{1,3})?"
                    r"(?:systems?|services?|components?|dependencies|hosts?|servers?|databases?|parts)\b|"
                    r"\bacross[ \t]{1,3}the[ \t]{1,3}board\b|\beverywhere\b", re.IGNORECASE)


def _taken_up(words: set[str], items: list[set[str]], broad: bool) -> bool:
    """Whether an item shares a word with the intention (lenient: one word is enough). For
    an intention about a whole class of systems (`broad`: "improve our monitoring and
    alerting on critical systems"), a shared word that only names the kind of work
    (`_KIND_OF_WORK`) is not enough: an alert on one component ("Alerts added for pgbouncer
    errors") takes up a part of it, and the rest is still only written down."""
    for item in items:
        shared = words & item
        if shared and not (broad and shared <= _KIND_OF_WORK):
            return True
    return False


#: At most this many unanswered intentions are reported per document: the point is made by the first ones.
MAX_INTENTS = 3


#: "Service Level Agreement" → "sla": an item says "Review the ISP SLAs" for the intent
#: "understand the Service Level Agreement"
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,4}\b")
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|^[ \t]+\S")
#: Lines looked back over for the sentence that leads a list in.
_LEAD_IN_REACH = 60


def _initials(text: str) -> set[str]:
    """The acronyms of the capitalised names a sentence spells out ("Service Level
    Agreement" → "sla"), so an item that uses the acronym takes the intent up."""
    return {"".join(word[0] for word in run.split()).lower() for run in _CAPITALISED_RUN.findall(text)}


def _singular(word: str) -> str:
    """"slas" → "sla": an acronym's plural (item words are cut to five letters already)."""
    return word[:-1] if 3 <= len(word) <= 5 and word.endswith("s") and word[:-1].isalpha() else word


def _led_in_by_statement(lines: list[str], line: int) -> bool:
    """Whether `line` is an item of a list that a statement ending in ":" leads in, not an
    intention ("We've established guiding criteria for disabling the system:" over
    "- If an attack is ongoing: we should disable or pause"): the items are what was
    established. A lead-in that is itself an intention leaves its items to be judged."""
    if not 1 <= line <= len(lines) or not _LIST_LINE.match(lines[line - 1]):
        return False
    for number in range(line - 1, max(0, line - 1 - _LEAD_IN_REACH), -1):
        text = lines[number - 1]
        if not text.strip() or _LIST_LINE.match(text):
            continue
        lead = text.strip()
        return lead.endswith(":") and not lead.startswith("#") and _INTENT.search(lead) is None
    return False


#: A heading that names a procedure: "Restart procedure", "How to recover", "Runbook",
#: "Steps", "Upgrade instructions" (but not a plan: "How to prevent this", "Next steps").
_PROCEDURE_HEADING = re.compile(
    r"\b(?:runbooks?|playbooks?|procedures?|how[ -]to|instructions?|walk-?through|guide|steps?)\b", re.IGNORECASE)
_PLAN_HEADING = re.compile(r"\b(?:prevent\w*|avoid\w*|future|again|improve\w*|next|follow[- ]?ups?|action|"
                           r"remediation|lessons?|learn\w*)\b", re.IGNORECASE)
#: A heading that opens the background: "Background", "Background: waitForEvent", "Context"
#: (not "How the vault works": a team's "we need to rotate the keys" there is still a plan).
_BACKGROUND_HEADING = re.compile(r"(?:\d{1,3}[.)][ \t]+)?(?:background|context)\b", re.IGNORECASE)
#: A heading that is one step of a procedure: "### 11. Restore the backup", "Step 3: ..."
_STEP_HEADING = re.compile(r"^(?:step[ \t]+\d{1,3}\b|\d{1,3}[.)][ \t]+\S)", re.IGNORECASE)
_ORDERED_ITEM = re.compile(r"^[ \t]{0,6}\d{1,3}[.)][ \t]+\S")
#: Lines either side of a numbered item looked at for the commands of its step.
_STEP_REACH = 6


def _read_here(heading: Heading) -> bool:
    """Whether this check reads `heading` as a section heading: outside code, spaces only
    before the hashes and a space or tab after them (`#` alone opens no section here): as
    it has always read them, so no procedure's section moves."""
    return not heading.in_code and heading.spaced and "\t" not in heading.indent


def _title(line: str, heading: Heading) -> str:
    """A heading's title as this check has always read it: after the hashes, less every
    trailing `#`, space and tab (even a `#` with no space before it, which CommonMark keeps:
    "C#"), trimmed, less the emphasis around it ("**Runbook**" -> "Runbook")."""
    return line[heading.after_hashes:].lstrip(" \t").rstrip(" \t#").strip().strip("*_")


class _Procedures:
    """Which lines of a Markdown document are instructions of a runbook or a how-to, not
    lessons: under a heading that names a procedure ("Restart procedure", "How to recover",
    "Runbook", "Steps"), or in a numbered step (a "### 11. Restore ..." heading, or an item
    of an ordered list) with a code block in that step ("We need to restore our backup to
    prevent this." over the `cp` commands that do it). A numbered section heading without
    commands ("## 3. Lessons") is no step. The headings are read once per document and
    each question is a binary search: linear however many intentions the text states."""

    def __init__(self, document: Any) -> None:
        self.lines: list[str] = document.lines or []
        self.code = sorted(getattr(document.meta, "code_lines", ()) or ())
        self.code_starts = [first for first, _ in self.code]
        self.headings = [(heading.line, heading.level, _title(self.lines[heading.line - 1], heading))
                         for heading in document.headings() if _read_here(heading)]  # (line, level, title)
        self.heading_lines = [number for number, _, _ in self.headings]
        # where each heading's section ends: the next heading of its level or above (one pass, a stack)
        self.ends = [len(self.lines) + 1] * len(self.headings)
        open_: list[int] = []
        for index, (number, level, _) in enumerate(self.headings):
            while open_ and self.headings[open_[-1]][1] >= level:
                self.ends[open_.pop()] = number
            open_.append(index)

        # where the background begins ("### Background: waitForEvent") and where a section the
        # loader knows (timeline, impact, causes, ...) opens: the background runs between them
        self.background = [number for number, _, title in self.headings if _BACKGROUND_HEADING.match(title)]
        self.known = sorted(set(getattr(document.meta, "sections", {}).values()))

    def in_background(self, line: int) -> bool:
        """Whether `line` lies after a "Background" heading and before the next heading
        of a section the loader knows: the part that tells how the system works, whose
        "we need to sample every event" is the design's requirement, not a lesson."""
        at = bisect_right(self.background, line) - 1
        if at < 0:
            return False
        known = bisect_right(self.known, line) - 1
        return known < 0 or self.known[known] <= self.background[at]

    def _code_between(self, first: int, last: int) -> bool:
        at = bisect_right(self.code_starts, last) - 1  # the last block starting by `last`
        return at >= 0 and self.code[at][1] >= first

    def __contains__(self, line: object) -> bool:
        if not isinstance(line, int) or not 1 <= line <= len(self.lines):
            return False
        if _ORDERED_ITEM.match(self.lines[line - 1]) and self._code_between(line - _STEP_REACH, line + _STEP_REACH):
            return True
        at = bisect_right(self.heading_lines, line - 1) - 1
        if at < 0:
            return False
        number, _, title = self.headings[at]
        if _PROCEDURE_HEADING.search(title) and not _PLAN_HEADING.search(title):
            return True
        if not _STEP_HEADING.match(title):
            return False
        return self._code_between(number + 1, self.ends[at] - 1)


def _explains(text: str, start: int, verbs: tuple[str, ...]) -> bool:
    """Whether the words at `start` open one of `verbs` ("trust", "rely on") as whole
    words: "trust the token" does, "trustworthy" and "relying" do not."""
    rest = " ".join(text[start:start + 40].lower().split())
    return any(rest.startswith(verb) and (len(rest) == len(verb) or not (rest[len(verb)].isalnum() or rest[len(verb)] == "-"))
               for verb in verbs)


def _leads_into_heading(text: str, said: str, lines: list[str], line: int) -> bool:
    """Whether the sentence `said` ends its paragraph `text` and the next non-blank line of
    the document after that paragraph is a heading: the sentence announces the section."""
    if not text.rstrip().endswith(said.rstrip()) or line < 1:
        return False
    at = line  # 1-based line of the intention: walk to the paragraph's end, then past blanks
    while at < len(lines) and lines[at - 1].strip():
        at += 1
    while at <= len(lines) and not lines[at - 1].strip():
        at += 1
    return at <= len(lines) and lines[at - 1].lstrip().startswith("#")


def _rhetorical(match: re.Match[str], text: str, said: str, verbs: tuple[str, ...], lines: list[str],
                line: int | None) -> bool:
    """Whether the intention speaks about the write-up (see DISCOURSE_VERBS): a rhetorical
    verb anywhere; another discourse verb after "first" or as the lead into a heading."""
    verb = next((verb for verb in verbs if _explains(match.string, match.start("verb"), (verb,))), None)
    if verb is None:
        return False
    if verb in RHETORICAL_VERBS or match.group("first"):
        return True
    return line is not None and _leads_into_heading(text, said, lines, line)


def _asks(tail: str) -> bool:
    """Whether the intention is part of a question: its clause runs into a "?" before the
    sentence ends ("we need to reset the database, do you want to continue?", a tool's
    prompt quoted in the narrative, or "should we add alerting?")."""
    stop = min((at for at in (tail.find("."), tail.find("!")) if at >= 0), default=len(tail))
    return "?" in tail[:stop]


@check("intent_followed_up", {"explanation_verbs": of_kind(
    "words", "Verbs after \"we have to\", \"we need to\" or \"we must\" that explain how things are (trust, rely "
             "on, assume, accept, know) rather than say what the team will do: no intention."),
    "discourse_verbs": of_kind(
    "words", "Verbs after the modal that speak about the write-up (talk about, understand, discuss): no intention "
             "when rhetorical (talk about, recap, look back), after \"first\", or as the last words before a heading.")})
def intent_followed_up(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """A sentence outside the action items that says what the team should do ("we should
    deploy in smaller steps", "we need to add alerting") shares a content word (not a
    generic one such as "issue" or "system") with some action item; otherwise the lesson
    was written down and never became work. Lenient on purpose: one shared word is
    enough, so a finding means no item is even about the same thing (an acronym counts:
    "Service Level Agreement" meets "SLAs"). One finding per paragraph, and none for an
    intention that shares a word with one already reported: a lesson said twice is one
    missing item. An intention ending in ":" leads in the list that says what, and the
    items of a list a statement leads in ("We've established these criteria:") were
    adopted, not intended: neither is reported. A stative verb after the modal
    (`explanation_verbs`: "we have to trust the token", "we must rely on the provider")
    explains the design or a dependency: no intention either. An intention in a question
    ("should we add alerting?", a tool's prompt quoted in the narrative) asks, and plans
    nothing. An intention in a reason clause ("we do this because we must support older
    browsers") states a standing constraint, and one that speaks about the write-up
    (`discourse_verbs`: "to do that we must first understand the precursors", before the
    "Precursors" heading) leads into the telling: neither is reported."""
    explaining = tuple(" ".join(str(verb).lower().split()) for verb in
                       (options.get("explanation_verbs", EXPLANATION_VERBS) or ()))
    discourse = tuple(" ".join(str(verb).lower().split()) for verb in
                      (options.get("discourse_verbs", DISCOURSE_VERBS) or ()))
    items: list[set[str]] | None = None  # each item's words, read at the first intention found
    reported: list[set[str]] = []  # the words of each intention reported
    procedures: _Procedures | None = None  # read at the first intention placed on a line
    for where, text in document_texts(context.document, ("/action_items", "/timeline")):
        if _INTENT_WORDS.isdisjoint(words_of(text)):
            continue  # no "we", no "team": no intention (a set test on words inference indexed)
        for match in _INTENT.finditer(text):
            if _explains(text, match.start("verb"), explaining):
                continue  # "we have to trust the token to ...": how the design works, not a plan
            if items is None:
                items = [{_singular(word) for word in significant(text_of(item))} - _GENERIC
                         for _, item in action_items(context)]
            said = sentence(text, match.start(), match.end())
            tail = said[said.lower().find(match.group().lower()):] if match.group().lower() in said.lower() else said
            if said.rstrip().endswith(":"):
                continue  # "steps we need to take:" leads in the list that says which
            if _asks(tail):
                continue  # "we need to reset the database, do you want to continue?": a question, no plan
            if _REASON_BEFORE.search(said[:max(0, len(said) - len(tail))]):
                continue  # "because we must support older browsers": a standing constraint, the design's reason
            if _RETOLD_BEFORE.search(said[:max(0, len(said) - len(tail))]):
                continue  # "the architect had an idea that we should ...": a proposal retold, not a lesson
            words = (significant(tail) | _initials(tail)) - _GENERIC
            if _taken_up(words, items, _BROAD.search(tail) is not None):
                continue
            span = span_at(context.document, where, match.group())
            if span is not None and _led_in_by_statement(context.document.lines or [], span.line):
                continue  # a criterion under "We've established these criteria:": adopted, not intended
            if discourse and _rhetorical(match, text, said, discourse, context.document.lines or [],
                                         span.line if span is not None else None):
                continue  # "to do that we must first understand the precursors": leads into the telling
            if span is not None:
                procedures = procedures or _Procedures(context.document)
                if span.line in procedures:
                    continue  # "We need to restore our backup" in step 11 of a runbook: an instruction
                if procedures.in_background(span.line):
                    continue  # "We need to sample events ..." where the document explains the system
            if any(words & earlier for earlier in reported):
                continue  # the same lesson said again: reported once
            yield Hit(where if not where.startswith("#L") else "", {"intent": shorten(tail, 80)}, span=span)
            reported.append(words)
            if len(reported) >= MAX_INTENTS:
                return
            break  # one lesson per paragraph: its next "we should also …" elaborates it
