"""English grammar, as little of it as the checks need, in one place.

Contract: pure functions of strings (and word lists passed in); nothing here reads a
document, a setting or a rule, and this module imports nothing of pmlint, so the engine's
checks, the loaders and the reports can all use it. Every function is linear in the text
it reads (clause breaks are found once per text, then binary-searched), and each errs
towards "no": a check built on it would rather miss a blaming sentence than invent one.

- Clauses and subjects: `clause_start`, `words_before`, `subject_of` ("the pod that
  failed to" → "pod"), `coordinated_subject` ("Sam saw the alert but failed to" → "Sam").
- Negation: `negated` ("this was not human error": a negator among the few words before,
  in the clause) and `negated_or_hedged` ("no data was lost", "without risking data
  loss": a negator or a hedge within a few characters before; what inference uses).
- Participles: `participle_follows` ("should have checked", not "should have alerting").
- Modal and future lead-ins: `LEAD_IN`, `leading_verb` ("We will restart ..." → "restart").
- Number: `plural` ("3 files", "1 fix", "2 fixes"), `looks_plural` (a capitalised
  plural noun opening a sentence), `in_singular_or_plural` (a role, one or many),
  `singular` (crude folding for comparing words).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable

_WORD = re.compile(r"@?[A-Za-z][\w'’-]*")
#: Subject pronouns that can only mean people (with "they" and "you" as the brief asks).
PERSON_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "you"})
#: Words between a subject and its verb that do not change who the subject is.
_SKIP_BEFORE = frozenset({
    "also", "just", "then", "again", "still", "both", "all", "each", "had", "has", "have", "who", "that", "which",
    "once", "twice", "simply", "apparently", "initially", "subsequently", "repeatedly", "unfortunately", "already",
    "later", "themselves", "himself", "herself", "ourselves", "myself", "yourself", "too",
})
#: Clause boundaries: a subject is looked for only within the clause of the phrase.
CLAUSE_BREAK = re.compile(
    r"[.;:!?()\[\]\n]|,\s|\s[-–—]\s|\b(?:and|but|or|so|because|when|whenever|while|after|before|if|although|"
    r"though|since|until|where|as)\b", re.IGNORECASE)
#: A negation reaches over "or"/"and" ("not carelessness or negligence"), not over punctuation.
_NEGATION_BREAK = re.compile(r"[.;:!?()\[\]\n]|,\s|\s[-–—]\s|\bbut\b", re.IGNORECASE)
_NON_SPACE = re.compile(r"\S")
#: a consonant or y before the final s: `Deploys`, `Components`, but not `James` or `Chris`
_PLURAL = re.compile(r"(?:[^aeiousy]|y)s$")
_NEGATORS = frozenset({"not", "no", "never", "nobody", "without", "neither", "nor", "none", "nothing", "cannot"})
_NEGATION_WINDOW = 3
#: Negators that reach across a verb and its object ("nor can we deflect the blame",
#: "we cannot in good faith blame"): a wider window.
_CLAUSE_NEGATORS = frozenset({"nor", "cannot", "neither"})
_CLAUSE_NEGATION_WINDOW = 6
#: Past participles that do not end in -ed.
_IRREGULAR_PARTICIPLES = frozenset("""been done gone seen known made caught taken run set put read built sent kept left
found thought told written spoken chosen given driven broken begun understood held brought bought taught shut hit
cut let hurt split spread got gotten paid said sold meant dealt felt lost led fed won stood struck hung drawn
grown shown thrown flown worn torn sworn woken forgotten hidden ridden risen fallen eaten beaten bitten proven
stuck dug spun swung withdrawn undone redone rerun reset rebuilt rewritten overlooked""".split())
_NOT_PARTICIPLES = frozenset({"need", "needed", "speed", "seed", "feed", "bed", "red", "shed", "weed", "hundred",
                              "embed", "shred", "sled", "sped"})
_SKIP_AFTER = frozenset({"also", "just", "really", "actually", "already", "probably", "definitely", "perhaps",
                         "maybe", "even", "ever", "never", "not", "better", "immediately", "first", "more", "all"})


# ---- clauses, subjects, negation, participles -----------------------------------------

@lru_cache(maxsize=64)
def _breaks(text: str, breaks: re.Pattern[str]) -> tuple[list[re.Match[str]], list[int]]:
    """Every clause break in `text`, and where each ends: found once per text, so the
    clause of each of a thousand phrases is a binary search, not a rescan (quadratic)."""
    found = list(breaks.finditer(text))
    return found, [match.end() for match in found]


def clause_start(text: str, start: int, breaks: re.Pattern[str] = CLAUSE_BREAK) -> int:
    """Where the clause that `start` is in begins: the end of the last break before it."""
    found, ends = _breaks(text, breaks)
    index = bisect_right(ends, start)
    return ends[index - 1] if index else 0


def words_before(text: str, cut: int, start: int) -> Iterable[str]:
    """The words of text[cut:start], nearest first, reading only as far back as the caller
    iterates: a window that grows fourfold, so a long clause costs its length once, and
    a phrase whose subject is near costs a few characters."""
    width = 64
    seen = 0  # words already yielded (the nearest ones)
    while True:
        low = max(cut, start - width)
        words = _WORD.findall(text, low, start)
        if low > cut and words:
            words = words[1:]  # the window may have cut the first word in two
        for word in reversed(words[:len(words) - seen]):
            seen += 1
            yield word
        if low == cut:
            return
        width *= 4


def subject_of(text: str, start: int) -> str | None:
    """The head word of the subject of the verb phrase at `start`, or None.

    The nearest word before it in the same clause, skipping adverbs, auxiliaries and
    relative pronouns ("the pod that failed to" → "pod"; "the on-call engineer also
    forgot to" → "engineer"). No word (the clause opens with the phrase, like a log
    line "Failed to create user") means no subject.
    """
    for word in words_before(text, clause_start(text, start), start):
        if word.lower() in _SKIP_BEFORE or (word.lower().endswith("ly") and len(word) > 4):
            continue
        return word
    return None


#: Verbs that end a clause's subject: auxiliaries and common irregular past forms.
_CLAUSE_VERBS = frozenset("""was were is are am be been had has have did does do got gets will would could can may
might must shall saw went ran took made knew left kept forgot missed thought heard felt found got came gave told
said sent read""".split())
_COORDINATORS = frozenset({"and", "but", "or", ","})
_COORDINATION_DEPTH = 3


def _head_of_subject(clause: str) -> tuple[str | None, bool]:
    """(head word of the subject, whether the clause has a verb) of a clause: the word
    before its first auxiliary or common past form ("the on-call engineer *was*", "Sam
    *saw*"), else before its first -ed verb ("the engineer *acknowledged*"). A clause that
    opens with its verb ("acknowledged the page") has a verb but no subject."""
    words = _WORD.findall(clause)
    verb = next((i for i, word in enumerate(words) if word.lower() in _CLAUSE_VERBS), None)
    if verb is None:
        verb = next((i for i, word in enumerate(words) if word.lower().endswith("ed") and len(word) > 4), None)
    if verb is None:
        return None, False
    for word in reversed(words[:verb]):
        if word.lower() in _SKIP_BEFORE or (word.lower().endswith("ly") and len(word) > 4):
            continue
        return word, True
    return None, True


def coordinated_subject(text: str, start: int) -> str | None:
    """The subject of the verb phrase at `start` when its own clause has none because it
    is coordinated with an earlier one: "the on-call engineer was careless and forgot to",
    "Sam saw the alert but failed to", "Sam saw the page, acknowledged it and failed to".
    Only "and", "but", "or" and commas join the clauses; "When this failed to" and a log
    line "Failed to create user" stay without a subject."""
    found, ends = _breaks(text, CLAUSE_BREAK)
    breaks = found[:bisect_right(ends, start)]  # a slice of references: cheap next to the scan it saves
    if not breaks or _NON_SPACE.search(text, breaks[-1].end(), start):
        return None
    depth = 0
    for position in range(len(breaks) - 1, -1, -1):
        if breaks[position].group().strip().lower() not in _COORDINATORS:
            return None
        clause = text[breaks[position - 1].end() if position else 0:breaks[position].start()]
        if not clause.strip():
            continue
        head, has_verb = _head_of_subject(clause)
        if head is not None or not has_verb:
            return head
        depth += 1
        if depth >= _COORDINATION_DEPTH:
            return None
    return None


def negated(text: str, start: int) -> bool:
    """Whether a negation stands among the few words before `start` in its clause
    ("this was not human error", "no human error was involved", "nobody was to blame")."""
    nearest = words_before(text, clause_start(text, start, _NEGATION_BREAK), start)
    before = [word.lower() for _, word in zip(range(_CLAUSE_NEGATION_WINDOW), nearest)]
    return any(word in _NEGATORS or word.endswith(("n't", "n’t")) for word in before[:_NEGATION_WINDOW]) or \
        any(word in _CLAUSE_NEGATORS for word in before)


#: How far before a phrase a negation may stand ("no customer data was lost").
NEGATION_REACH = 32

_NEGATION_WORD = re.compile(r"\b(?:no|not|never|without|nobody|none|nor|neither|zero)\b|n['’]t\b", re.IGNORECASE)
#: Words that make a phrase a risk or a hypothesis, not a fact: "without risking data corruption".
_HEDGE = re.compile(r"\b(?:risk|risks|risking|avoid|avoiding|prevent|preventing|protect|against|could|would|might|may|"
                    r"potential|potentially|possible|possibly|if|whether|unless|lest|hypothetical)\b", re.IGNORECASE)


def _clause_before(text: str, start: int, reach: int, stops: Iterable[str]) -> str:
    """The text between the last of `stops` and `start`, at most `reach` characters back."""
    window = text[max(0, start - reach):start]
    for stop in stops:
        window = window.rsplit(stop, 1)[-1]
    return window


#: A word that ends what a negation before it denies: "I didn't notice it until our client
#: told us" (the client did tell), "it was not fixed until we restarted it".
_NEGATION_ENDS = re.compile(r"\b(?:until|till|unless|but)\b", re.IGNORECASE)


def negated_or_hedged(text: str, start: int) -> bool:
    """Whether a negation or a hedge ("risking", "could") stands shortly before `start` in the
    same clause: "no data was lost" and "without risking data corruption" state no loss; a
    negation before "until" or "but" denies only what stands before that word."""
    window = _clause_before(text, start, NEGATION_REACH, (".", ";", "\n", ","))
    last = None
    for last in _NEGATION_ENDS.finditer(window):
        pass
    if last is not None:
        window = window[last.end():]
    return _NEGATION_WORD.search(window) is not None or _HEDGE.search(window) is not None


#: Before a phrase in its clause: a case imagined, not one that happened ("more resilient
#: when a similar outage happens again", "if the same issue as ... recurs", "to prevent a
#: recurrence of the ..."). Unlike `_HEDGE`, "when", "should" and "future" imagine here.
#: Right before the phrase, "from" keeps it from happening: "how we're working to keep it
#: from happening again", "stop this from ever recurring".
_IMAGINED = re.compile(r"\b(?:when|whenever|if|in[ \t]+case|should|prevent\w{0,3}|avoid\w{0,3}|future|next[ \t]+time)\b"
                       r"|\bfrom[ \t]+(?:ever[ \t]+)?$", re.IGNORECASE)
#: How far before a phrase its imagining clause is read (characters).
_IMAGINED_REACH = 60


def imagined(text: str, start: int) -> bool:
    """Whether the clause before text[start] imagines the case (`_IMAGINED`) rather than
    telling one: "when a similar outage happens again" is no repeat that happened."""
    window = _clause_before(text, start, _IMAGINED_REACH, (".", ";", "\n", ":"))
    return _IMAGINED.search(window) is not None


#: Before a word about blame in its sentence: the writer rejecting, avoiding or weighing
#: blame, or speaking of it in general ("when blame gets assigned to people"). Wider than a
#: negation (`negated`): "It's tempting to blame the wine" and "rather than blame" reject it.
_REJECTING_BLAME = re.compile(r"\b(?:not|no|never|nobody|no[ \t]+one|without|avoid\w{0,3}|tempting|tempted|"
                              r"rather[ \t]+than|instead[ \t]+of|when|whenever|if|blameless)\b|n['’]t\b",
                              re.IGNORECASE)
#: Where a sentence starts: after a full stop, !, ? or ; before a space ("Node.js" and
#: "&#8217;" go on), or a line break.
_SENTENCE_STOP = re.compile(r"[.!?;](?=\s)|\n")
#: The furthest back a sentence is read (characters).
_SENTENCE_REACH = 300


def rejects_blame(text: str, start: int) -> bool:
    """Whether the sentence before text[start] rejects, avoids or weighs blame
    (`_REJECTING_BLAME`), read at most `_SENTENCE_REACH` characters back: "This is not a
    post trying to cast blame" blames nobody."""
    left = max(0, start - _SENTENCE_REACH)
    begin = left
    for stop in _SENTENCE_STOP.finditer(text, left, start):
        begin = stop.end()
    return _REJECTING_BLAME.search(text, begin, start) is not None


def participle_follows(text: str, end: int) -> bool:
    """Whether the first word after `end` (skipping adverbs) is a past participle:
    "should have checked", "should have been caught", not "should have alerting"."""
    for word in [match.group() for _, match in zip(range(4), _WORD.finditer(text, end))]:
        lowered = word.lower()
        if lowered in _SKIP_AFTER or (lowered.endswith("ly") and len(lowered) > 4):
            continue
        if lowered in _IRREGULAR_PARTICIPLES:
            return True
        return lowered.endswith("ed") and len(lowered) > 3 and lowered not in _NOT_PARTICIPLES \
            and not lowered.endswith("eed") or lowered in ("agreed", "freed", "guaranteed")
    return False



#: Participles after "been" that describe the subject's own conduct, not something done
#: to it: "the engineer should have been more prepared" still judges the engineer.
_OWN_STATE_PARTICIPLES = frozenset({"prepared", "focused", "distracted", "disciplined", "organised", "organized",
                                    "committed", "concerned", "motivated", "engaged"})


def passive_follows(text: str, end: int) -> bool:
    """Whether "been" and a past participle follow `end` (adverbs skipped): "X should have
    been involved", "... been told", "... been paged". The subject of such a passive is
    who the action was done to, not who left it undone: "the Hub's team should have been
    involved" asks for a process that involves them and blames nobody. A participle of
    the subject's own state ("been prepared", "been focused") is no such passive."""
    words = [match for _, match in zip(range(3), _WORD.finditer(text, end))]
    index = next((i for i, match in enumerate(words) if match.group().lower() not in _SKIP_AFTER), None)
    if index is None or words[index].group().lower() != "been" or not participle_follows(text, words[index].end()):
        return False
    following = [match.group().lower() for _, match in zip(range(4), _WORD.finditer(text, words[index].end()))]
    state = next((word for word in following if word not in _SKIP_AFTER and not (word.endswith("ly") and len(word) > 4)), "")
    return state not in _OWN_STATE_PARTICIPLES


#: How far after "should have been <participle>" a passive agent is looked for (words).
_AGENT_REACH = 8
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "his", "her", "its", "any", "every", "each", "whoever"})


def passive_agent(text: str, end: int, activities: frozenset[str] = frozenset()) -> str | None:
    """Who a passive "should have been <participle>" names as its agent, within the clause
    after `end`: the head word after "by" ("should have been caught by the reviewer" →
    "reviewer"), or an activity of `activities` after "in" or "during" that only people
    do ("should have been caught in review" → "review"). None when the clause names no
    agent ("an issue which should have been addressed before ..."): a passive without
    an agent blames nobody. Reads at most _AGENT_REACH words, so it is linear."""
    words = [match for _, match in zip(range(_AGENT_REACH + 2), _WORD.finditer(text, end))]
    if len(words) < 2 or words[0].group().lower() != "been":
        return None
    stop = CLAUSE_BREAK.search(text, words[1].end())
    limit = stop.start() if stop is not None else len(text)
    lowered = [match.group().lower() for match in words[2:] if match.start() < limit]
    for index, word in enumerate(lowered):
        rest = [item for item in lowered[index + 1:index + 4] if item not in _DETERMINERS]
        if word == "by" and rest:
            return rest[0]
        if word in ("in", "during") and rest:
            for size in (2, 1):
                phrase = " ".join(rest[:size])
                if len(rest) >= size and phrase in activities:
                    return phrase
    return None


# ---- modal and future lead-ins ----------------------------------------------------------

#: Words before the verb that do not change it: "We will", "We should consider", "I'll", "To",
#: and the intents a prose plan opens with ("We intend to", "In the future we are looking to",
#: "I want to", "We are" before an -ing form: "We are looking into ...").
LEAD_IN = (r"^\W*+(?:(?:in\s+the\s+future|going\s+forward|moving\s+forward)\s*,?\s+)?"
           r"(?:(?:we\s+will|we'll|we\s+should|we\s+could|we\s+need\s+to|we\s+must|we\s+may|we\s+might|"
           r"we\s+are\s+going\s+to|i\s+will|i'll|should|to|immediately|manually|temporarily|quickly|"
           r"(?:we|i)(?:\s+(?:intend|plan|want|aim|hope|would\s+like)|'d\s+like)\s+to|"
           r"(?:we\s+are|we're|i\s+am|i'm)\s+(?:(?:also|now|currently)\s+)?(?:looking|planning|aiming|hoping|going)\s+to|"
           r"we\s+are|we're)\s+)*")


#: Words that offer what follows as alternatives to choose from, not as work committed to:
#: "Possible fixes", "The options are", "One or more of the following". The Markdown loader
#: skips a list after them inside a plan; PM313 reads them as a follow-up left undecided.
#: One vocabulary, so the two readings cannot drift apart. (Not the bare "options", which
#: only the PM313 reading takes, and only as a sentence of its own: "Options:".)
OPTIONS_OFFERED = (r"one\s+or\s+more\s+of\s+the\s+following|any\s+of\s+the\s+following|"
                   r"(?:possible|potential|candidate|alternative)\s+(?:mitigations?|solutions?|fixes|options|"
                   r"approaches|remedies)|(?:the|our)\s+options\s+(?:are|include)|options\s+include")


@lru_cache(maxsize=32)
def leading_verb_regex(verbs: tuple[str, ...]) -> re.Pattern[str] | None:
    """Matches a title whose first word(s) are one of `verbs` (after "We will", "Immediately", ...)."""
    alternatives = [r"\s+".join(re.escape(part) for part in verb.split()) for verb in verbs if verb.strip()]
    if not alternatives:
        return None
    return re.compile(LEAD_IN + r"(" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def leading_verb(title: str, verbs: Iterable[str]) -> str | None:
    """The listed verb a title starts with, as written, or None."""
    regex = leading_verb_regex(tuple(verbs))
    found = regex.match(title) if regex is not None and title else None
    return found.group(1) if found else None


# ---- number ----------------------------------------------------------------------------

def plural(count: int, word: str) -> str:
    """`count word`, in the plural unless the count is one: "1 file", "3 files", "2 fixes";
    "info" (a severity) never takes an s."""
    return f"{count} {word}{'' if count == 1 or word == 'info' else 'es' if word.endswith('x') else 's'}"


def looks_plural(word: str) -> bool:
    """Whether a word ends like a plural noun: a consonant or y before the final s
    (`Deploys`, `Components`), so names such as `James` and `Chris` do not."""
    return _PLURAL.search(word) is not None


def in_singular_or_plural(word: str, words: frozenset[str] | set[str]) -> bool:
    """Whether lower-cased `word` is one of `words`, or one of them with an s ("engineers")."""
    return word in words or (word.endswith("s") and word[:-1] in words)


def singular(word: str) -> str:
    """Crude plural folding of a lower-cased word, for comparing texts: "retries" → "retry",
    "alerts" → "alert"; words of four letters or fewer and -ss/-as/-is/-us endings stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "as", "is", "us")):
        return word[:-1]
    return word
