"""Weaknesses the document states, answered by its plan: data lost while backups were part
of the story (PM315), and a single point of failure it names (PM316).

When a postmortem says data was lost ("7 hours of scoreboard data was gone forever",
"all the database tables were truncated") and tells of backups (restored from last
night's dump, none at all, months old), the durable fix is the backups: a restore that is
tested, alerting when a backup fails, copies frequent enough and kept elsewhere. A plan
that fixes only what deleted the data leaves the next loss as large as this one. When it
names a single point of failure ("db1 being a single point of failure", "no failover
capability"), the durable fix is at the architecture layer: redundancy, a failover, a
second path. A plan that restarts the one node leaves the next outage the same.

Contract (see `checks/__init__.py`): inputs are every text of the document (fields and
the prose no field holds), the action items and the commitments in prose; output is one
hit on the first statement, when nothing in the plan answers it. Code because the
statement must be one the document makes (not negated, hedged, imagined or avoided: "no
data was lost", "to avoid a single point of failure", "we could have lost data"), and a
label with its value ("Customer Data Loss | None") states nothing.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ...grammar import imagined, negated_or_hedged
from ...headings import Heading
from ...infer.prose import document_texts, quote, span_at
from ...joined import batches
from ..functions import Context, Hit, check
from ..kinds import of_kind
from ._shared import action_items, committed_in_prose, is_open, option_patterns, option_words, search, text_of

#: A label whose value says there was none: "Data loss: none", "| Customer Data Loss | No |".
_NONE_AFTER = re.compile(r"[ \t]*(?:\*{1,2}[ \t]*)?[:|\-\u2013][ \t]*(?:\*{1,2}[ \t]*)?(?:no\b|none\b|n/a\b|0\b|nil\b|zero\b)")
#: Words after it that make it a name, not an event: "data loss prevention"; or a condition
#: of a step that may lose data, not a loss: "Only use if: ... - Data loss is acceptable"
#: (not "data loss was acceptable": told of a loss that happened).
_NAME_AFTER = re.compile(r"[ \t]+(?:prevention\b|(?:is|would[ \t]+be|are)[ \t]+(?:acceptable|tolerable|ok|okay|fine|"
                         r"allowed|permitted)\b)")
#: Words before "data loss" that make it something avoided or risked, not suffered.
_AVOIDED_BEFORE = re.compile(r"\b(?:no|without|zero|any|against|potential|possible|possibly|avoid[a-z]{0,3}|"
                             r"prevent[a-z]{0,3}|protect[a-z]{0,4}|risk[a-z]{0,3}|minimi[sz]e[a-z]{0,1}|"
                             r"reduc[a-z]{1,3}|(?:risk|chance|possibility|danger|threat)s?[ \t]+of)"
                             r"[ \t]+(?:any[ \t]+|further[ \t]+|more[ \t]+)?$")
#: "got lost between all other e-mails": mislaid, not destroyed.
_MISLAID_BEFORE = re.compile(r"\b(?:got|get|gets|getting|go|goes|went)[ \t]+$")
#: "persisted before the database is destroyed", "caught before the data was deleted": a step
#: timed against a deletion that had not happened (the design's, or one headed off), not a loss.
_TIMED_BEFORE = re.compile(r"\bbefore[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+|its[ \t]+|our[ \t]+)?"
                           r"(?:[a-z0-9_-]+[ \t]+){0,2}$")
#: A loss told in the present ("before the database is destroyed"): the design's, not the
#: incident's ("before the user photos were deleted" is a loss that came first).
_PRESENT = re.compile(r"\b(?:is|are|gets|get)\b")
#: How many characters before a match are read for `_AVOIDED_BEFORE` (bounded work per match).
_BEFORE = 40


#: A label is a cell or a text of at most this many words ("Customer Data Loss"): it names
#: what a value below or beside it says, and states nothing itself.
_LABEL_WORDS = 4


def _label(low: str, start: int, end: int) -> bool:
    """Whether the words at low[start:end] stand in a cell or text of `_LABEL_WORDS` words or
    fewer: a cell runs between `|` borders, a text between the joined scan's NUL
    separators (bounded: the borders are looked for within `_CELL_REACH` characters)."""
    window_start = max(0, start - _CELL_REACH)
    left = max(low.rfind("|", window_start, start), low.rfind("\x00", window_start, start))
    if left < 0 and window_start > 0:
        return False  # no border within reach: a long text, no label
    rights = [at for at in (low.find("|", end, end + _CELL_REACH), low.find("\x00", end, end + _CELL_REACH)) if at >= 0]
    if not rights and end + _CELL_REACH < len(low):
        return False
    cell = low[left + 1:min(rights) if rights else len(low)]
    return len(cell.split()) <= _LABEL_WORDS


#: How far a label's cell is looked for on either side of the words (characters).
_CELL_REACH = 200


#: A sentence that opens by denying a list the loss ends: "**No ledger, price or backup data
#: was lost.**" (the negation stands before the list, beyond one clause's reach).
_DENIED_LIST = re.compile(r"(?:^|[.!?:]\s|\n)[ \t*_>-]{0,6}(?:no|none\s+of\s+the)\s+[\w/-]{1,30}"
                          r"(?:[ \t]*,[ \t]*[\w/-]{1,30}){0,8}(?:[ \t]*,?[ \t]+(?:or|and|nor)[ \t]+[\w/-]{1,30})?[ \t]+$")


def _suffered(low: str, start: int, end: int) -> bool:
    """Whether the loss at low[start:end] is one the text says happened."""
    if _label(low, start, end):
        return False
    if negated_or_hedged(low, start) or imagined(low, start):
        return False
    if _DENIED_LIST.search(low, max(0, start - 120), start) is not None:
        return False
    before = low[max(0, start - _BEFORE):start]
    if _AVOIDED_BEFORE.search(before) is not None or _MISLAID_BEFORE.search(before) is not None \
            or _TIMED_BEFORE.search(before) is not None and _PRESENT.search(low, start, end) is not None:
        return False
    return _NONE_AFTER.match(low, end) is None and _NAME_AFTER.match(low, end) is None


def _first_statement(context: Context, stated: Any, answers: Any = None) -> tuple[str, str, int, int] | None:
    """(pointer, text, start, end) of the first statement of `stated` the document makes;
    with `answers`, one whose own sentence names the answer ("we removed the single point
    of failure by adding a second uplink") is passed over.

    The texts are joined in batches of about `_BATCH` characters (a separator no phrase
    crosses) and each batch is scanned once: a few scans of a 5 MB document, not one call
    for each of its hundreds of thousands of short strings, and never a second copy of the
    whole document in memory."""
    texts = (pair for pair in document_texts(context.document) if pair[1])
    for pairs, joined in batches(texts, _SEPARATOR, _BATCH):
        low = joined.text.lower()
        for match in stated.finditer(low):
            if not _suffered(low, match.start(), match.end()):
                continue
            if answers is not None and _answered_beside(low, match.start(), match.end(), answers):
                continue
            index, start = joined.locate(match.start())
            pointer, text = pairs[index]
            return pointer, text, start, min(len(text), start + match.end() - match.start())
    return None


def _answered_beside(low: str, start: int, end: int, answers: Any) -> bool:
    """Whether the sentence around low[start:end] names an answer outside the statement
    itself ("we removed that single point of failure by adding a second uplink"); the
    statement's own words ("no redundancy") answer nothing."""
    around = _sentence_around(low, start, end)
    statement = low[start:end]
    return search(answers, around.replace(statement, " " * len(statement), 1)) is not None


#: Characters joined for one scan.
_BATCH = 256 * 1024
#: Between two texts in the joined scan: a line break and a NUL, which no loss phrase,
#: negation window or label cell reaches across as words.
_SEPARATOR = "\n\x00\n"


@check("backups_after_loss", {
    "loss_patterns": of_kind("regex-list", "Regular expressions (lower case) that state data was lost: 'data loss', "
                                         "'N hours of data was gone', 'the tables were truncated'."),
    "backup_words": of_kind("words", "Words of backups and restores: backup, snapshot, restore, replica, "
                                     "point-in-time, off-site.")},
       required=("loss_patterns", "backup_words"))
def backups_after_loss(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The document states data was lost (`loss_patterns`, not negated, hedged, imagined,
    avoided or answered "none") and speaks of backups (`backup_words` anywhere), and no
    action item nor commitment in prose names them: one hit on the first statement."""
    backups = option_words(options, "backup_words")
    loss = option_patterns(options, "loss_patterns")
    if backups is None or loss is None:
        return
    lines = context.document.lines
    whole = "\n".join(lines)
    if search(backups, whole) is None:
        return  # backups are no part of the story: the loss has another cure
    if _plan_names(context, backups, open_only=True):
        return
    if any(_below_title(heading) and search(backups, lines[heading.line - 1]) is not None
           for heading in context.document.headings()):
        return  # "### Automated Backup System" under the measures taken
    yield from _first_hit(context, loss)


def _plan_names(context: Context, words: Any, open_only: bool) -> bool:
    """Whether an action item (open ones only, or any) or a commitment in prose names one
    of `words`: the plan answers the weakness."""
    if any(search(words, text_of(item)) for _, item in action_items(context)
           if not open_only or is_open(item, context)):
        return True
    return committed_in_prose(context, words)


def _first_hit(context: Context, stated: Any, answers: Any = None) -> Iterable[Hit]:
    """One hit on the first statement of the weakness, quoting its sentence."""
    found = _first_statement(context, stated, answers)
    if found is None:
        return
    where, text, start, end = found
    yield Hit(None, {"said": quote(_sentence_around(text, start, end), 90)},
              span=span_at(context.document, where, text[start:end]))


#: Only headings on the first `_HEADING_LINES` lines are read for the words of an answer.
_HEADING_LINES = 20_000


def _below_title(heading: Heading) -> bool:
    """Whether `heading` is one these checks read for a plan's heading ("### Automated Backup
    System"): a heading below the title (level 2 to 6), on lines 2 to `_HEADING_LINES`, with
    a space or tab after its hashes; any lead of spaces or tabs and code lines too, as they
    have always read them."""
    return heading.level >= 2 and heading.spaced and 2 <= heading.line <= _HEADING_LINES


#: How far a quoted statement reaches on either side of the words of loss.
_AROUND = 60


def _sentence_around(text: str, start: int, end: int) -> str:
    """The words around the loss, within its sentence and `_AROUND` characters each way."""
    marks = [(text.rfind(mark, max(0, start - _AROUND), start), len(mark)) for mark in (". ", "\n", "! ", "? ")]
    at, size = max(marks)
    if at >= 0:
        left = at + size
    else:  # no sentence start within reach: from the next word start
        left = max(0, start - _AROUND)
        left = text.find(" ", left, start) + 1 if left else 0
    stops = [position for position in (text.find(mark, end, end + _AROUND) for mark in (".", "\n", "!", "?"))
             if position >= 0]
    if stops:
        right = min(stops)
    else:  # no sentence end within reach: up to the last word end
        right = min(len(text), end + _AROUND)
        if right < len(text):
            right = max(end, text.rfind(" ", end, right))
    return text[left:right].strip()


@check("weakness_answered", {
    "stated_patterns": of_kind("regex-list", "Regular expressions (lower case) that state the weakness: "
                                             "'single point of failure', 'no failover'."),
    "answer_words": of_kind("words", "Words of an action item, the resolution or a commitment that answer it: "
                                     "redundancy, failover, replica, second node.")},
       required=("stated_patterns", "answer_words"))
def weakness_answered(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The document states a weakness (`stated_patterns`, not negated, hedged, imagined or
    avoided, and not answered in its own sentence), and no action item (open or done),
    resolution or commitment in prose names an answer (`answer_words`): one hit on the
    first statement, quoting it."""
    answers = option_words(options, "answer_words")
    stated = option_patterns(options, "stated_patterns")
    if answers is None or stated is None:
        return
    if _plan_names(context, answers, open_only=False):
        return
    resolution = context.data.get("resolution") if isinstance(context.data, dict) else None
    if isinstance(resolution, str) and search(answers, resolution) is not None:
        return  # the fix made: "Implemented a resilient boot pipeline"
    found = _first_statement(context, stated, answers)
    if found is None:
        return
    where, text, start, end = found
    said = _sentence_around(text, start, end)
    if _lack_answered(said, context, resolution):
        return
    yield Hit(None, {"said": quote(said, 90)}, span=span_at(context.document, where, text[start:end]))


#: What the statement says the weak point lacked: "5 critical single points of failure
#: without proper error handling, validation, or monitoring" (bounded: 80 characters).
_WITHOUT = re.compile(r"\bwithout[ \t]+(?:proper|any|adequate|sufficient|good)?[ \t]*([^.;:\n]{3,80})", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"[ \t]*(?:,|\bor\b|\band\b|/)[ \t]*", re.IGNORECASE)


def _lack_answered(said: str, context: Context, resolution: Any) -> bool:
    """Whether the statement names what the weak point lacked ("without proper error
    handling, validation, or monitoring") and the plan or the resolution supplies it ("Add
    error handling to webhook operations"): the weakness was of that kind, and is answered."""
    lacked = _WITHOUT.search(said)
    if lacked is None:
        return False
    wanted = [part.strip().lower() for part in _LIST_SPLIT.split(lacked.group(1)) if len(part.strip()) >= 4]
    if not wanted:
        return False
    texts = [text_of(item).lower() for _, item in action_items(context)]
    if isinstance(resolution, str):
        texts.append(resolution.lower())
    return any(part in text for part in wanted for text in texts)
