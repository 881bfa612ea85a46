"""Language checks (PM7xx) that need more than a word list.

PM701 (`blameless_language`) is a word list with three pieces of grammar (`pmlint.grammar`),
because the same words describe systems as often as people:

- "failed to", "forgot to", "neglected to" blame only when a *person* is the subject
  ("Sam failed to renew the cert", not "the pod that failed to start"); see `subject_of`,
  `coordinated_subject` ("the on-call engineer was careless and forgot to") and
  `is_person` (settings.blame_person_phrases, settings.person_roles: "the team failed to").
- "should have" blames only before a past participle ("should have checked", "should
  have been caught"), not as a wish ("we should have alerting on ..."); see
  `participle_follows` (settings.blame_participle_phrases). Without a person as
  subject it blames only a passive whose agent is a person or a people-only activity
  ("this should have been caught in review", "... by the on-call engineer"); see
  `passive_agent` (option `agent_activities`). A person as the subject of such a passive
  is who the action was done to, not who left it undone ("the Hub's team should have
  been involved", "the on-call engineer should have been paged"): only the agent counts;
  see `passive_follows`.
- A phrase right after a negation ("this was not human error", "no human error was
  involved") is not reported; see `negated`.
- Contemptuous judgements with technical uses ("greedy", "lazy", "inexperienced",
  "stupid", "reckless") blame only when they qualify people: before a person noun
  ("greedy VCs", "inexperienced managers"; roles and option `people_nouns`) or after
  "was"/"were" with a person as subject ("they were greedy"), never "a greedy algorithm"
  or "lazy loading"; see `_judges_people` (option `needs_person_after`).
- Contempt for oneself is blame, unlike ownership: "I'm an idiot", "I shouldn't be
  trusted with this" (option `judges_subject`: of a person, the writer included, never
  of a system), "my stupid mistake" (option `person_acts`). An adverb that judges a
  person's negated deed ("nor did he adequately test", option `judges_deed`) is quoted
  whole; see `_negated_conduct`. Contempt said again is one claim (`once_per_document`).
- A Markdown post's prose that no node of the data tree holds (`uncovered`: an incident
  log under dated headings), less code blocks, is read too; see `_prose`.
- The writers' own "we" or "I" as the subject of a `needs_person` phrase is ownership,
  not blame ("we logged a warning but failed to see it as an error case", "we should have
  deployed something else first"): the writers name their own gap and point at nobody, as
  PM702 decides for "I made a mistake" (option `owning_subjects`). A named person, a role
  ("the engineer", "the developer"), he/she/they and "the team" (a team the text points
  at) stay reported, and so do words that blame whatever their subject ("careless").

PM702 (`person_as_cause`): a postmortem may name responders ("Sam rolled back at
23:40"); it must not make a person the cause. Inside root causes that means any @handle,
author name or he/she pronoun, and a name as the subject of a blame verb or of an action
verb ("Bob pushed the config", settings.person_blame_verbs and person_action_verbs), or
as the agent after such a verb ("Config pushed without review by Bob"); a full name is
reported whole ("Bob Smith"). Capitalised words of settings.known_systems (systems such
as Kubernetes, nouns such as Config that open sentences) are never names. In
the summary and the trigger, naming people is normal, so only a person as the subject of
a sentence that blames ("@bob pushed a bad config and broke prod", "Dana forgot to ...")
is reported.

Contract (see `checks/__init__.py`): input is every text of the document (outside
quotes and code); outputs are one hit per blaming phrase at its exact column. Code
because it parses who is the subject of a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Container, Iterable, Iterator

from ... import regex_cache
from ...grammar import (CLAUSE_BREAK, PERSON_PRONOUNS, clause_start, coordinated_subject, in_singular_or_plural,
                        looks_plural, negated, participle_follows, passive_agent, passive_follows, rejects_blame,
                        subject_of, words_before)
from ...infer.prose import ProseLines, sentence, uncovered
from ..functions import Context, Hit, check
from ..kinds import of_kind
from ..text import (PhraseRegex, ascii_words, find_phrases, mask_quotes_and_code, occurrence_at, phrase_regex,
                    phrase_word_sets)
from ._shared import option_words, root_causes

_HANDLE = regex_cache.compile(r"(?<![\w.])@[A-Za-z][\w-]{1,38}")
#: "he", "She": a pronoun is written in lower case or capitalised; "HE" (HE.net, an ISP),
#: "HIS" (an acronym) or "he.net" (a domain) is an organisation or a product, not a person.
#: `_NOT_NAMES`: capitalised words that open sentences and are never a person: articles,
#: pronouns, quantifiers ("None caused user-facing outages", "Several broke"), connectives.
_PRONOUN = regex_cache.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er)\b(?![.-]\w)")
_PRONOUN_WORDS = frozenset({"he", "she", "him", "his", "her"})
_NOT_NAMES = frozenset("""The A An This That These Those It Its We Our They Their Nobody Someone Somebody Everyone
Nothing No One Our Each Every Once After Before When While Then And But Or If As At In On Of For To Because
Also Later Initially Finally Eventually Meanwhile However Unfortunately Luckily Fortunately Here There Some Many
Most All Both Neither Either Another Other Such Since Until During Without With From By Into Upon So Yet Not
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Today Yesterday Tomorrow Tonight What Who Whom Whose Why How Where Which
What's Who's None Several Few Any Anyone Anybody Everybody Whoever Half Only Just Even Still Perhaps Maybe
Thus Therefore Hence Instead Otherwise Overall Together Whatever Whichever Nor Last First Next Previous Latest
Final Status State Result Outcome Value Aspect Behavior Behaviour Symptom Effect
Ran Run Set Put Got Made Took Kept Sent Built Wrote Saw Found Gave Went Did Had Told Let Hit Cut Left Began Brought
Caught Chose Drew Fell Felt Forgot Held Knew Lost Meant Paid Rose Said Sold Shut Spent Stood Struck Thought Threw
Check Add Use Make Keep Ensure Verify Update Restart Review Monitor Create Remove Install Enable Disable
Investigate Fix Test Document Implement Consider Deploy""".split())
#: (the line after the last opener: the label of a table's row before its cell, "| **Worker
#: Status** | Failed to start |", is an attribute of a system, not a person; the last three:
#: verbs that open a sentence or a step, "Ran `apt upgrade` without checking ...")


# ---- people ---------------------------------------------------------------------------

def people(context: Context) -> set[str]:
    """Names that identify people in this document: each author's full name and first name."""
    data = context.data if isinstance(context.data, dict) else {}
    names: set[str] = set()
    authors = data.get("authors")
    for author in authors if isinstance(authors, list) else []:
        if isinstance(author, str) and author.strip():
            names.add(author.strip())
            first = author.split()[0]
            if len(first) >= 3 and first[0].isupper():
                names.add(first)
    return names


@lru_cache(maxsize=32)
def _thing_words(joined: str, services: tuple[str, ...], known: tuple[str, ...] = (), source: str = "") -> frozenset[str]:
    """Lower-cased words the document shows to be things, not people: written in lower case
    somewhere ("prow", "terraform"), after an article or possessive ("the Grafana pod"),
    naming one of its `services`, or one of the `known` systems and nouns
    (settings.known_systems: "Kubernetes", "Config")."""
    things = {word.lower() for word in re.findall(r"(?<![@\w.])[a-z][a-z'-]+", joined)}
    # ... in any line of prose, a section pmlint keeps no text of included ("Blockscout
    # indexer timeouts" under an untimed timeline: "Indexer failed to advance" is no person);
    # not in a path, a handle or an address ("github.com/peter/...", "@peter", "ssh peter@host")
    things.update(re.findall(r"(?<![@\w./])[a-z][a-z'-]+(?![\w@/])", source))
    things.update(match.lower() for match in re.findall(
        r"\b(?:the|a|an|our|their|its|this|that|these|those|each|every)\s+([A-Z][a-z]+)\b", joined))
    for service in services:
        things.update(part.lower() for part in re.findall(r"[A-Za-z]+", service))
    things.update(_known_words(known))
    # a platform told in the present tense anywhere in the file, prose outside every section too
    if _SYSTEM_VERB_HINT.search(source):  # (a cheap test first: most documents have none)
        things.update(match.lower() for match in _SYSTEM_SUBJECT.findall(source))
    return frozenset(things)


#: What a platform does, told in the present tense: "Render restarts the container",
#: "Cloudflare rate-limits the IP". People in a postmortem act in the past tense ("Sam
#: restarted the pod"); a capitalised word doing one of these in the present is a system,
#: whatever its name (Render, Railway, Fly), even when the text never writes it lower-case.
_SYSTEM_VERBS = ("restarts", "reruns", "re-runs", "retries", "reschedules", "evicts", "kills", "terminates",
                 "throttles", "rate-limits", "caches", "serves", "routes", "proxies", "redirects", "returns",
                 "responds", "rejects", "drops", "autoscales", "provisions", "spins", "recycles", "redeploys")
_SYSTEM_SUBJECT = re.compile(r"\b([A-Z][a-z]{1,30})[ \t]+(?:[a-z]{2,12}ly[ \t]+)?(?:" + "|".join(_SYSTEM_VERBS) + r")\b")
_SYSTEM_VERB_HINT = re.compile(r"\b(?:" + "|".join(_SYSTEM_VERBS) + r")\b")


@lru_cache(maxsize=8)
def _known_words(known: tuple[str, ...]) -> frozenset[str]:
    """settings.known_systems, lower-cased, each entry whole and word by word ("Argo CD")."""
    words = set()
    for entry in known:
        words.add(entry.lower())
        words.update(part.lower() for part in re.findall(r"[A-Za-z][\w'-]*", entry))
    return frozenset(words)


class _LazyThings:
    """`_things(context)`, computed on the first membership test: most documents name no
    candidate person at all, and the thing-word scan reads the whole document."""

    __slots__ = ("_context", "_words")

    def __init__(self, context: Context) -> None:
        self._context = context
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = _things(self._context)
        return word in self._words


def _things(context: Context) -> frozenset[str]:
    data = context.data if isinstance(context.data, dict) else {}
    services = data.get("services")
    listed = tuple(str(item) for item in services) if isinstance(services, list) else ()
    known = tuple(str(item) for item in context.setting("known_systems") or ())
    document = context.document
    # (prose only: code and logs name accounts and hosts in lower case, "ssh peter@bastion")
    source = "\n".join(line for _, line in document.prose_lines()) if document is not None else ""
    return _thing_words(context.strings(context.data, "")[1].text, listed, known, source)


def is_name(word: str, names: set[str], things: Container[str]) -> bool:
    """Whether `word` is probably a person's name: an author's name, or a capitalised word
    (`Bob`, not `DNS` or `GitHub`) that is no common sentence opener, does not look like a
    plural noun opening a sentence (`Deploys`, `Components`: a consonant or y before the
    final s, so `James` and `Chris` stay names) and that the document never uses as a
    thing (see `_thing_words`)."""
    if word in names or any(word in name.split() for name in names):
        return True
    return (len(word) >= 2 and word[0].isupper() and word[1:].islower() and word.isalpha()
            and word not in _NOT_NAMES and not looks_plural(word) and word.lower() not in things)


def is_person(word: str, roles: frozenset[str], names: set[str], things: Container[str]) -> bool:
    """Whether the head word of a subject is a person: a pronoun (I, we, he, she, they,
    you), an @handle, a role (settings.person_roles, singular or plural) or a name."""
    lowered = word.lower().strip("'’")
    if word.startswith("@") or lowered in PERSON_PRONOUNS:
        return True
    if in_singular_or_plural(lowered, roles):
        return True
    return is_name(word, names, things)


#: Object pronouns of people, after a verb or preposition ("blamed it on him").
_OBJECT_PRONOUNS = frozenset({"me", "us", "him", "her", "them", "you"})


def _named_person(word: str, roles: frozenset[str], names: set[str]) -> bool:
    """Whether `word` certainly names a person: an object or subject pronoun, an @handle, a
    role, or a name the document gives its people. Unlike `is_person`, a capitalised word
    alone is not enough: after "blamed it on" it is as often a provider ("Neoprotect")."""
    lowered = word.lower().strip("'’")
    return word.startswith("@") or lowered in PERSON_PRONOUNS or lowered in _OBJECT_PRONOUNS \
        or in_singular_or_plural(lowered, roles) or word in names or any(word in name.split() for name in names)


# ---- PM702 ----------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _verbs_regex(verbs: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any verb phrase of the list, at word boundaries, spaces matching any whitespace."""
    if not verbs:
        return None
    alternatives = sorted((r"\s+".join(map(re.escape, verb.split())) for verb in verbs), key=len, reverse=True)
    # "re-started", "re-deployed": the verb with a hyphenated "re-" is the same action
    return regex_cache.compile(rf"\b(?:re-)?(?:{'|'.join(alternatives)})\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Known names, longest first, as one regex (compiled once per set of authors)."""
    if not names:
        return None
    return re.compile("|".join(rf"\b{re.escape(name)}\b" for name in sorted(names, key=len, reverse=True)))


#: (the last set of names asked for, its regex): PM702 asks once per string of every cause
_last_names: tuple[set[str] | None, re.Pattern[str] | None] = (None, None)


def _names_regex_of(names: set[str]) -> re.Pattern[str] | None:
    """`_names_regex` for a set of names, sorted and looked up once per set, not per string."""
    global _last_names
    if _last_names[0] is not names:
        _last_names = (names, _names_regex(tuple(sorted(names))) if names else None)
    return _last_names[1]


_SUBJECT_WORD = r"(?<![\w.@'’-])(@[A-Za-z][\w-]{1,38}|[A-Za-z][\w'’-]*)\s+"
#: the subject right before a verb, or before one adverb and the verb ("Bob quickly pushed")
_SUBJECT_BEFORE = (regex_cache.compile(_SUBJECT_WORD + r"$"), regex_cache.compile(_SUBJECT_WORD + r"\w{3,}ly\s+$"))
_SUBJECT_WINDOW = 120


@lru_cache(maxsize=16)
def _verbs_finder(verbs: tuple[str, ...]) -> PhraseRegex | None:
    """`_verbs_regex`, tried only where one of the verbs' first words occurs (see PhraseRegex):
    scanning for verbs and looking back for a subject is far cheaper than trying every
    word of the document as a subject. An ASCII text that holds none of the verb phrases'
    words all together is not scanned at all (`PhraseRegex.viable`): a root cause that
    says "without backoff" and "looked at" holds first words of "without checking" and
    "looked over", not the phrases, and the alternation of seventy of them ignoring case
    cost 0.1 ms on each of a large document's 3,300 causes."""
    regex = _verbs_regex(verbs)
    if regex is None:
        return None
    phrases = [verb.split() for verb in verbs if verb.split()]
    firsts = {words[0].lower() for words in phrases}
    # "re-deployed" matches from its "re-": anchored at "deployed" alone, a long text's
    # match would start three characters late, and the subject before it would be missed
    anchors = tuple(sorted(firsts | {f"re-{first}" for first in firsts}))
    return PhraseRegex(regex, None, anchors, phrase_word_sets(phrases))


#: a capitalised word right before a name: the first name of a full name ("Bob Smith")
_FIRST_NAME_BEFORE = regex_cache.compile(r"(?<![\w.@'’-])([A-Z][a-z][\w'’-]*)\s+$")
#: the agent of a passive verb: "pushed without review by Bob (Smith)", "deleted by @jdoe"
_AGENT = regex_cache.compile(r"\bby\s+(@[A-Za-z][\w-]{1,38}|[A-Z][a-z][\w'’-]*)(?:\s+([A-Z][a-z][\w'’-]*))?")
_AGENT_WINDOW = 80


def _full_name(masked: str, start: int, word: str, names: set[str], things: Container[str]) -> tuple[int, str]:
    """(start, name) widened to a full name when a name stands right before `word`
    ("Bob Smith pushed" → "Bob Smith", not "Smith")."""
    if word.startswith("@"):
        return start, word
    before = _FIRST_NAME_BEFORE.search(masked, max(0, start - 40), start)
    if before is not None and is_name(before.group(1), names, things):
        return before.start(1), masked[before.start(1):start + len(word)]
    return start, word


def _agent(masked: str, verb: re.Match[str], names: set[str], things: Container[str]) -> tuple[int, str] | None:
    """(start, person) of a person named as the agent after `verb` in the same clause:
    "Config pushed without review by Bob" → Bob. Not "deployed by Terraform" (a thing)."""
    end = min(len(masked), verb.end() + _AGENT_WINDOW)
    stop = CLAUSE_BREAK.search(masked, verb.end(), end)
    match = _AGENT.search(masked, verb.end(), stop.start() if stop else end)
    if match is None:
        return None
    first, last = match.group(1), match.group(2)
    if first.startswith("@"):
        return match.start(1), first
    if not is_name(first, names, things):
        return None
    if last and is_name(last, names, things):
        return match.start(1), masked[match.start(1):match.end(2)]
    return match.start(1), first


#: Right before a capitalised word: a word of a product's name ("V-Pipe Scout", "GitHub
#: Actions", "AWS Lambda", "K8s Operator"): all capitals, a capital inside, a digit, or a
#: hyphen after one letter or an acronym (not "Jean-Luc", a first name).
_PRODUCT_BEFORE = regex_cache.compile(
    r"(?<![\w-])(?:[A-Z]{2,}[A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*|[A-Za-z]+\d[A-Za-z0-9]*|"
    r"(?:[A-Z]|[A-Z]{2,})-[A-Za-z0-9]+)[ \t]+$")


def _ends_product_name(masked: str, at: int) -> bool:
    """Whether the word at masked[at] ends a product's name (`_PRODUCT_BEFORE` right
    before it: "V-Pipe Scout")."""
    return at > 0 and _PRODUCT_BEFORE.search(masked, max(0, at - 40), at) is not None


def _in_product_name(masked: str, word: str, before: int) -> bool:
    """Whether `word`, the last time it stands before `before`, ends a product's name."""
    return _ends_product_name(masked, masked.rfind(word, max(0, before - 200), before))


def _subjects(masked: str, names: set[str], things: Container[str], verbs: tuple[str, ...],
              pronouns: bool = True):
    """(start, person, verb match) for each person directly followed (maybe after one
    adverb) by a verb of `verbs` ("Bob pushed", "Bob Smith pushed", "@jdoe quickly
    deployed", "he broke"), or, when the verb's subject is no person, named as its agent
    later in the clause ("Config pushed without review by Bob")."""
    finder = _verbs_finder(verbs)
    if finder is None:
        return
    for verb in finder.finditer(masked):
        window = max(0, verb.start() - _SUBJECT_WINDOW)
        tail = masked[window:verb.start()]
        for pattern in _SUBJECT_BEFORE:
            match = pattern.search(tail)
            if match is None:
                continue
            word = match.group(1)
            if not word.startswith("@") and _ends_product_name(masked, window + match.start(1)):
                break  # "V-Pipe Scout failed to auto-restart": a product's name, no person
            if word.startswith("@") or (pronouns and word in ("he", "she", "He", "She")) or is_name(word, names, things):
                start, word = _full_name(masked, window + match.start(1), word, names, things)
                yield start, word, verb
                break
        else:
            agent = _agent(masked, verb, names, things)
            if agent is not None:
                yield agent[0], agent[1], verb


def person_phrases(text: str, names: set[str], verbs: tuple[str, ...],
                   things: Container[str] = frozenset()) -> list[tuple[int, str]]:
    """(offset, phrase) in `text` that make a person part of a root cause: @handles, known
    names, he/she pronouns, and a name as the subject of a verb of `verbs`. Quoted text
    and code are skipped. In order of position."""
    masked = mask_quotes_and_code(text)
    # (each scan is skipped when a cheap test shows it cannot match: no "@", no pronoun)
    found = [(match.start(), match.group()) for match in _HANDLE.finditer(masked)] if "@" in masked else []
    names_regex = _names_regex_of(names)
    if names_regex is not None:
        found += [(match.start(), match.group()) for match in names_regex.finditer(masked)]
    if not masked.isascii() or not _PRONOUN_WORDS.isdisjoint(ascii_words(masked)):
        found += [(match.start(), match.group()) for match in _PRONOUN.finditer(masked)]
    found += [(start, word) for start, word, _ in _subjects(masked, names, things, verbs, False)]
    # a person thanked ("thanks to @joeabbey for the PR") is credited, not made the cause;
    # so is the one who found the clue ("Preston realized he would see weird topics")
    return sorted({(start, word) for start, word in found if not _THANKED.search(masked, max(0, start - 40), start)
                   and not _FOUND_IT.search(masked, max(0, start - 100), start)})


#: Just before a name or pronoun, in its sentence: someone finding the clue ("Preston
#: realized he would see ...", "Dana noticed that her dashboard ..."): the discovery is told,
#: not a cause. Bounded: 100 characters back, no sentence end between.
_FOUND_IT = regex_cache.compile(r"\b(?:realized|realised|noticed|discovered|spotted|figured[ \t]+out|tracked[ \t]+down|"
                                r"found[ \t]+(?:out|that))\b[^.;!?\n]{0,80}$", re.IGNORECASE)
#: Right before "blame": "are to blame", "was partly to blame": who is blamed is the subject.
_TO_BLAME = regex_cache.compile(r"\b(?:is|are|was|were|be|been|being)[ \t]+(?:not[ \t]+)?(?:\w+ly[ \t]+)?to[ \t]+$",
                                re.IGNORECASE)
#: Just before a name: credit, not cause ("thanks to @joeabbey for the fix", "kudos to Dana").
_THANKED = regex_cache.compile(r"\b(?:thanks|thank[ \t]+you|thanked|kudos|credit|shout-?outs?|props|grateful|gratitude)"
                               r"\b[^.;\n]{0,25}$", re.IGNORECASE)


def blaming_subjects(text: str, names: set[str], things: Container[str], actions: tuple[str, ...],
                     blames: tuple[str, ...]) -> list[tuple[int, str]]:
    """(offset, person) where a person is the subject of a sentence that blames: the person
    directly followed by a blame verb ("Dana forgot"), or by an action verb with a blame
    verb later in the same sentence ("@bob pushed a bad config and broke prod")."""
    masked = mask_quotes_and_code(text)
    blame_regex = _verbs_regex(blames)
    found = []
    for start, word, verb in _subjects(masked, names, things, tuple(actions) + tuple(blames)):
        if blame_regex is None:
            break
        if blame_regex.fullmatch(verb.group()):
            found.append((start, word))
            continue
        if _blame_before_sentence_end(masked, blame_regex, verb.end()):
            found.append((start, word))
    return found


_SENTENCE_END = regex_cache.compile(r"[.;!?](?:\s|$)|\n")


@lru_cache(maxsize=64)
def _starts(text: str, regex: re.Pattern[str]) -> tuple[list[int], list[int]]:
    """(starts, ends) of every match of `regex` in `text`, found once per text."""
    matches = list(regex.finditer(text))
    return [match.start() for match in matches], [match.end() for match in matches]


def _blame_before_sentence_end(masked: str, blame_regex: re.Pattern[str], position: int) -> bool:
    """Whether a blame verb starts at or after `position` and ends before the sentence does:
    two binary searches over matches found once per text (a search per verb, reading to
    the end of a long sentence each time, is quadratic)."""
    from bisect import bisect_left

    ends_at, _ = _starts(masked, _SENTENCE_END)
    index = bisect_left(ends_at, position)
    sentence_end = ends_at[index] if index < len(ends_at) else len(masked)
    starts, ends = _starts(masked, blame_regex)
    index = bisect_left(starts, position)
    return index < len(starts) and ends[index] <= sentence_end


#: a capitalised word after which an organisation is named: "our provider Hetzner", "thanks to
#: Alice" (a credit: never blame either way), "a ticket from Acme"
_ORGANISATION_BEFORE = regex_cache.compile(
    r"\b(?:provider|vendor|hoster|host|isp|upstream|partner|company|supplier|by|at|with|via|to|from)\s+([A-Z][a-z]+)\b")


@lru_cache(maxsize=4)  # keyed on a whole document's text: keep few alive
def _organisations(joined: str, nouns: tuple[str, ...]) -> frozenset[str]:
    """Capitalised words the document uses as an organisation or a product, lower-cased:
    followed by one of `nouns` ("Hetzner support", "Acme's network", "Foo Inc") or after a
    word that names a provider or a preposition of credit ("our provider Hetzner",
    "thanks to Alice"). A name used so is never blamed as a person by `erring_subjects`."""
    return frozenset({match.lower() for match in _ORGANISATION_BEFORE.findall(joined)}) | _named_with(joined, nouns)


@lru_cache(maxsize=4)
def _named_with(joined: str, nouns: tuple[str, ...]) -> frozenset[str]:
    """Capitalised words followed by one of `nouns` ("Hetzner support", "Spectrum Internet
    Service", "Spectrum's router"), lower-cased: names the document gives a company's
    things, which a credit ("by Bob Smith") does not."""
    if not nouns:
        return frozenset()
    alternatives = "|".join(sorted((r"\s+".join(map(re.escape, noun.split())) for noun in nouns), key=len, reverse=True))
    after = regex_cache.compile(rf"\b([A-Z][a-z]+)(?:['’]s)?\s+(?:{alternatives})\b", re.IGNORECASE)
    return frozenset(match.group(1).lower() for match in after.finditer(joined) if match.group(1)[0].isupper())


def erring_subjects(text: str, names: set[str], things: Container[str], verbs: tuple[str, ...],
                    errors: PhraseRegex | None) -> list[tuple[int, str]]:
    """(offset, person) where a named person or @handle is the subject of a verb of `verbs`
    ("Jacob re-started the validator", "@kim looked over it") and the same sentence calls
    what happened a personal error (`errors`: "by mistake", "carelessly", "operator
    error"), not negated ("this was not operator error"). "I" and "we" are no names: a
    writer owning their own mistake is not blamed."""
    if errors is None:
        return []
    masked = mask_quotes_and_code(text)
    marks = [match.start() for match in find_phrases(masked, errors) if not negated(masked, match.start())]
    if not marks:
        return []
    from bisect import bisect_left

    ends_at, _ = _starts(masked, _SENTENCE_END)
    found = []
    for start, word, verb in _subjects(masked, names, things, verbs, False):
        index = bisect_left(ends_at, verb.end())
        end = ends_at[index] if index < len(ends_at) else len(masked)
        begin = ends_at[bisect_left(ends_at, start) - 1] if bisect_left(ends_at, start) > 0 else 0
        if any(begin <= mark < end for mark in marks):
            found.append((start, word))
    return found


#: words either side of an adversary word that may name the adversary ("the attacker, Jia
#: Tan,", "@evil (a threat actor)", "the malicious contributor cool-develope")
_ADVERSARY_REACH = 6
_NAME_OR_HANDLE = regex_cache.compile(r"(?<![\w.@'’-])(?:@[A-Za-z][\w-]{1,38}|[A-Z][a-z][\w'’-]*)")
#: how far before a he/she/his/her an adversary word makes it the adversary's (characters)
_PRONOUN_REACH = 240


@lru_cache(maxsize=4)  # keyed on a whole document's text: keep few alive
def _adversary_names(joined: str, adversaries: PhraseRegex | None) -> frozenset[str]:
    """Names and @handles the document puts right beside an adversary word (within
    _ADVERSARY_REACH words either side: "the attacker Jia Tan", "@evil, a threat actor"):
    blamelessness protects the team's people, not whoever attacked them. Linear: one
    scan for adversary words, a bounded window around each."""
    if adversaries is None:
        return frozenset()
    found: set[str] = set()
    for match in adversaries.finditer(joined):
        start = max(0, match.start() - _ADVERSARY_REACH * 12)
        end = min(len(joined), match.end() + _ADVERSARY_REACH * 12)
        found.update(name.group() for name in _NAME_OR_HANDLE.finditer(joined, start, end))
    return frozenset(found)


def _adversary_pronoun(masked: str, start: int, adversaries: PhraseRegex | None) -> bool:
    """Whether the he/she/his/her at `start` follows an adversary word in the same text
    (within _PRONOUN_REACH characters): "the actor retained access past his termination"
    speaks of the attacker, not a colleague."""
    return adversaries is not None and adversaries.search(masked, max(0, start - _PRONOUN_REACH), start) is not None


def _not_adversary(found: list[tuple[int, str]], masked: str, adversary_names: frozenset[str],
                   adversaries: PhraseRegex | None) -> list[tuple[int, str]]:
    """`found` without the persons that are adversaries: a name or @handle the document
    puts beside an adversary word, or a pronoun after one."""
    kept = []
    for start, person in found:
        if person.split()[0] in adversary_names:
            continue
        if person.lower() in _PRONOUN_WORDS and _adversary_pronoun(masked, start, adversaries):
            continue
        kept.append((start, person))
    return kept


@check("person_as_cause",
       {"also": {"type": "array", "items": {"type": "string"},
                 "description": "Top-level fields besides root causes (e.g. summary, trigger) where a person "
                                "as the subject of a blaming sentence is reported."},
        "person_blame_verbs": of_kind("words", "Verbs that blame the person before them: in a root cause, and in "
                                   "the `also` fields anywhere in a sentence whose subject is a person."),
        "person_action_verbs": of_kind("words", "Neutral action verbs that, after a name or @handle in a root "
                                    "cause, make a person the cause: \"Bob pushed the config\"."),
        "person_error_words": of_kind("words", "Words that call what a person did an error (\"by mistake\", "
                                   "\"operator error\", \"carelessly\"): anywhere in the document outside the root "
                                   "causes, a name or @handle as the subject of an action or blame verb in a "
                                   "sentence with one of them is reported (\"Jacob restarted the node by mistake\")."),
        "organisation_words": of_kind("words", "Words after a capitalised name that make it an organisation or a "
                                   "product (\"Hetzner support\", \"Acme Inc\"): such a name is never blamed as a person "
                                   "by `person_error_words`."),
        "person_omission_verbs": of_kind("words", "A failure to act that blames the named person or @handle before it "
                                      "(\"@kim did not alert others\", \"Dana forgot to\"): reported anywhere in the "
                                      "document, like an error word. \"Nobody alerted\" names no one; the writer's own "
                                      "\"I did not\" is ownership."),
        "adversary_words": of_kind("words", "Words for an adversary (attacker, threat actor, malicious, scammer): a "
                                "name or @handle beside one, or he/she after one in the same text, is the adversary, "
                                "not a colleague, and is never reported.")},
       required=("person_blame_verbs", "person_action_verbs"))
def person_as_cause(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """No root cause names an individual (see `person_phrases`), one finding per cause at
    the first such phrase; in the fields of `also`, no person is the subject of a blaming
    sentence (see `blaming_subjects`), one finding per field."""
    names = people(context)
    things = _LazyThings(context)
    blames = tuple(options["person_blame_verbs"])
    actions = tuple(options["person_action_verbs"])
    data = context.data if isinstance(context.data, dict) else {}
    adversaries = option_words(options, "adversary_words")
    enemies = _adversary_names(context.strings(data, "")[1].text, adversaries) if adversaries is not None else frozenset()
    reported: set[str] = set()
    for field in options.get("also", ()):
        for string_pointer, text in context.strings(data.get(field), f"/{field}")[0]:
            found = _not_adversary(blaming_subjects(text, names, things, actions, blames), text, enemies, adversaries)
            if found:
                start, person = found[0]
                reported.add(field)
                yield Hit(string_pointer, {"person": person, "where": field.replace("_", " ").capitalize()},
                          text=person, occurrence=occurrence_at(text, person, start))
                break
    errors = option_words(options, "person_error_words")
    organisations = _LazyOrganisations(context, data, tuple(options.get("organisation_words") or ()))
    if errors is not None:
        def erring(text: str) -> list[tuple[int, str]]:
            return _not_adversary(erring_subjects(text, names, things, actions + blames, errors), text, enemies,
                                  adversaries)
        yield from _named_subject_hits(context, data, errors, erring, names, organisations, reported)
    omissions = tuple(options.get("person_omission_verbs") or ())
    omission_regex = option_words(options, "person_omission_verbs")
    if omission_regex is not None:
        def omitting(text: str) -> list[tuple[int, str]]:
            masked = mask_quotes_and_code(text)
            # only the subject right before the failure to act ("@kim did not alert"), never
            # an agent after it: "forgot to ... by Bob" is no one's omission
            found = [(start, person) for start, person, verb in _subjects(masked, names, things, omissions, False)
                     if start < verb.start() and not negated(masked, verb.start())]
            return _not_adversary(found, masked, enemies, adversaries)
        yield from _named_subject_hits(context, data, omission_regex, omitting, names, organisations, reported)
    for index, cause in root_causes(context):
        base = f"/root_causes/{index}"
        node = context.data["root_causes"][index]
        for string_pointer, text in context.strings(node, base)[0]:
            # a byline under the last section ("**Report Prepared By**: AI Assistant") credits
            # the writer: no one caused anything there
            text = _BYLINE.sub(lambda label: " " * len(label.group()), text) if ":" in text else text
            phrases = _not_adversary(person_phrases(text, names, blames + actions, things), mask_quotes_and_code(text),
                                     enemies, adversaries)
            # a name the document uses as a company ("Spectrum Internet Service", then
            # "Spectrum's router interface did not ..."): the supplier's system, no colleague
            phrases = [(start, phrase) for start, phrase in phrases if not _organisation_named(phrase, names, organisations)]
            if phrases:
                start, phrase = phrases[0]
                yield Hit(string_pointer, {"person": phrase, "where": "Root cause", "summary": cause.get("summary", "")},
                          text=phrase, occurrence=occurrence_at(text, phrase, start))
                break


#: A credit label and what follows it, to the next label: "Report Prepared By: AI Assistant",
#: "Reviewed by: Dana" (the colon makes it a label, not "a change approved by Dana"); blanked
#: before a cause is read for people, its offsets kept.
_BYLINE = regex_cache.compile(
    r"\b(?:prepared|written|reviewed|approved|authored|compiled|drafted|edited)[ \t]+by[ \t*_]*[:\uff1a][^:\n]{0,80}",
    re.IGNORECASE)
_FENCE = regex_cache.compile(r"[ \t]{0,3}(?:```|~~~)")
_LIST_MARK = regex_cache.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")


def _prose(document: Any, regex: Any) -> list[tuple[str, str]]:
    """The paragraphs of a Markdown post that no node of the data tree holds (`uncovered`,
    as "#L<line>") in which `regex` may match, less code: a fenced block or an indented
    one ("    he forgot to close the socket") quotes a program, not the writers. Linear:
    the fences are found in one pass, and only when some paragraph may match."""
    found = [(where, text) for where, text in uncovered(document) if regex.search(text)]
    if not found:
        return found
    lines = document.lines or []
    fenced = bytearray(len(lines) + 2)
    inside = False
    for number, line in enumerate(lines, 1):
        if _FENCE.match(line):
            inside = not inside
            fenced[number] = 1
        elif inside:
            fenced[number] = 1
    kept = []
    for where, text in found:
        line = int(where[2:])
        raw = lines[line - 1] if 0 < line <= len(lines) else ""
        indented = raw.startswith(("    ", "\t")) and not _LIST_MARK.match(raw)
        if not fenced[line] and not indented:
            kept.append((where, text))
    return kept


class _LazyOrganisations:
    """The document's organisation names (`_organisations`), read on first use: most
    documents have no sentence with an error word or a failure to act, so most never pay."""

    def __init__(self, context: Context, data: dict, words: tuple[str, ...]) -> None:
        self._context, self._data, self._words = context, data, words
        self._names: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._names is None:
            self._names = _organisations(self._context.strings(self._data, "")[1].text, self._words)
        return word in self._names

    def named_with_nouns(self, word: str) -> bool:
        """Whether `word` (lower case) names a company's things ("Spectrum's router",
        "Spectrum Internet Service"), not only follows a preposition ("by Bob") nor owns what
        a person has too ("Mike's service account"): strong enough to clear a root cause."""
        nouns = tuple(noun for noun in self._words if noun in _COMPANY_NOUNS)
        return word in _named_with(self._context.strings(self._data, "")[1].text, nouns)


#: Of the organisation words, those only a company has: its internet, its routers, its
#: hosting, its legal form ("Mike's account" or "Mike's service" may be a person's).
_COMPANY_NOUNS = frozenset({"internet", "broadband", "fiber", "router", "routers", "modem", "gateway", "isp",
                            "hosting", "cdn", "datacenter", "data center", "inc", "ltd", "gmbh", "llc", "labs",
                            "corp", "company", "technologies"})


def _organisation_named(phrase: str, names: Any, organisations: _LazyOrganisations) -> bool:
    """Whether a person phrase's name ("Spectrum" in "Spectrum's router ...") is one the
    document uses as an organisation and never as one of its people."""
    word = phrase.split()[0] if phrase.split() else ""
    word = re.sub(r"['’]s$", "", word)
    return bool(word) and word[0].isupper() and word not in names and organisations.named_with_nouns(word.lower())


def _named_subject_hits(context: Context, data: dict, regex: Any, find: Callable[[str], list[tuple[int, str]]],
                        names: Any, organisations: _LazyOrganisations, reported: set[str]) -> Iterator[Hit]:
    """One finding per field (outside the root causes and the fields already `reported`)
    for the first person `find` reads in a string `regex` matches: an @handle or a known
    name always, any other name unless the document treats it as an organisation
    ("Hetzner support")."""
    prose = _prose(context.document, regex)
    for string_pointer, text in context.strings_matching(data, "", regex) + prose:
        field = string_pointer.split("/")[1] if string_pointer.count("/") else ""
        if field in reported or field == "root_causes":
            continue  # one finding per field; a root cause names no person at all (below)
        found = [(start, person) for start, person in find(text)
                 if person.startswith("@") or person in names or person.split()[0].lower() not in organisations]
        if found:
            start, person = found[0]
            reported.add(field)
            if string_pointer.startswith("#L"):
                yield Hit("", {"person": person, "where": "The text"},
                          span=ProseLines(context.document, string_pointer, len(text)).span(start, start + len(person)))
                continue
            yield Hit(string_pointer, {"person": person, "where": _field_label(field)},
                      text=person, occurrence=occurrence_at(text, person, start))


def _field_label(field: str) -> str:
    """How a message names the part of the document ("action_items" → "Action items")."""
    return field.replace("_", " ").capitalize() or "The text"


# ---- PM701 ----------------------------------------------------------------------------

_NEXT_WORDS = regex_cache.compile(r"[ \t]*+(?:[-\w']++[ \t]++)?+([-\w']++)")
_NEXT_WORD = regex_cache.compile(r"[ \t]*+([-\w']++)")
_COPULAS = frozenset({"was", "were", "is", "are", "been", "be", "being", "seem", "seemed", "seems", "got", "became"})


#: What blame was put on, after "blamed": "they blamed it completely on Neoprotect", "the
#: outage was blamed on a stale config" (a few words between, the target's first word named).
_BLAMED_ON = regex_cache.compile(r"(?:[ \t]++[\w'\u2019-]++){0,3}?[ \t]++on[ \t]++"
                                 r"(?:the[ \t]++|an?[ \t]++|our[ \t]++|their[ \t]++|its[ \t]++)?(?P<target>[\w@.-]++)",
                                 re.IGNORECASE)
#: "-proof" after a judgement ("idiot-proof", "fool proof"): a property of a design
_PROOF_AFTER = regex_cache.compile(r"[ \t-]?proof\b", re.IGNORECASE)
#: "stupid of me", "careless of him": the judgement is of the person named after "of"
_OF_PERSON = regex_cache.compile(r"[ \t]++of[ \t]++(?:me|us|him|her|them|you)\b", re.IGNORECASE)


#: Someone other than the writer named as the agent: "a stupid mistake by him", "her dumb
#: error", "made by @kim", "they were careless".
_THIRD_PERSON = re.compile(r"\b(?:he|him|his|she|her|hers|they|them|their|by[ \t]+(?:@[\w-]+|[A-Z][a-z]+))\b"
                           r"|@[A-Za-z0-9][\w-]*")
#: Characters either side of a judgement read for its sentence.
_SENTENCE_REACH = 200


def _judges_people(masked: str, start: int, end: int, people_nouns: frozenset[str],
                   acts: frozenset[str] = frozenset()) -> bool:
    """Whether the judgement at masked[start:end] qualifies people: the next word, or the
    one after it ("greedy VCs", "inexperienced product managers"), is a person noun or
    something only a person does (`acts`: "my stupid mistake"), "of me" follows ("stupid
    of me"), or a copula before it has a person as subject ("they were greedy",
    "management was incompetent"). "A greedy algorithm", "lazy loading" and "a dumb
    idea" judge no one."""
    nouns = people_nouns | acts
    for pattern in (_NEXT_WORD, _NEXT_WORDS):
        follow = pattern.match(masked, end)
        if follow is not None and in_singular_or_plural(follow.group(1).lower(), nouns):
            return True
    if _OF_PERSON.match(masked, end):
        return True
    before = [word.lower() for _, word in zip(range(3), words_before(masked, clause_start(masked, start), start))]
    if before and before[0] in _COPULAS:
        subject = next((word for word in before[1:] if word not in ("also", "just", "so", "too", "very", "really")), None)
        return subject is not None and (subject in PERSON_PRONOUNS or in_singular_or_plural(subject, people_nouns))
    return False


#: the auxiliary of an active negated deed ("did not", "nor did he"): "was not properly
#: configured" is a passive about a system, "was not properly trained" about the training
_DID = frozenset({"did", "didn't", "didn’t", "does", "doesn't", "doesn’t"})
_NEGATORS = frozenset({"not", "never", "nor", "neither", "didn't", "didn’t", "doesn't", "doesn’t"})


def _negated_conduct(masked: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(subject, start, end) of a negated deed judged by the adverb at masked[start:end]
    ("@kim did not adequately test", "nor did he properly check"), or None: within four
    words before it in its clause, a negation and "did", and the nearest other word is
    the subject. The deed runs from the subject or "did", whichever comes first, to the
    word after the adverb."""
    cut = clause_start(masked, start)
    before = [word for _, word in zip(range(4), words_before(masked, cut, start))]
    lowered = [word.lower() for word in before]
    if _NEGATORS.isdisjoint(lowered) or _DID.isdisjoint(lowered):
        return None
    subject = next((word for word, low in zip(before, lowered) if low not in _DID and low not in _NEGATORS), None)
    if subject is None:
        return None
    # the furthest of the words read (at most four, all between `cut` and `start`) opens the deed
    begin = start
    for word in before:
        begin = masked.rfind(word, cut, begin)
    follow = _NEXT_WORD.match(masked, end)
    return subject, max(begin, cut), follow.end() if follow is not None else end


@check("blameless_language",
       {"words": of_kind("words", "Blaming phrases (whole words, case-insensitive); a list or {setting: NAME}."),
        "suggestions": {"type": "object", "description": "Mapping phrase → suggested rewrite, or {setting: NAME}."},
        "defer": {"type": "array", "items": {"type": "string"}, "description": "Phrases another rule reports inside `defer_under` (a list or {setting: NAME}); "
                                 "not reported there again."},
        "defer_under": {"type": "string", "description": "JSON pointer prefix where `defer` applies (default /root_causes)."},
        "needs_person": {"type": "array", "items": {"type": "string"}, "description": "Phrases reported only with a person as their subject (a list or "
                                        "{setting: NAME}): \"Sam failed to\", not \"the pod that failed to\"."},
        "needs_participle": {"type": "array", "items": {"type": "string"}, "description": "Phrases reported only before a past participle (a list or "
                                            "{setting: NAME}): \"should have checked\", not \"should have alerting\"."},
        "roles": {"type": "array", "items": {"type": "string"}, "description": "Role words that make a subject a person (a list or {setting: NAME})."},
        "agent_activities": {"type": "array", "items": {"type": "string"},
                             "description": "Activities only people do, read as the agent of a passive `needs_participle` phrase "
                                            "(a list or {setting: NAME}): \"should have been caught in review\"."},
        "needs_person_after": {"type": "array", "items": {"type": "string"},
                               "description": "Judgements reported only of people (a list or {setting: NAME}): before "
                                              "a person (\"greedy VCs\", \"lazy developers\") or after \"was\"/\"were\" "
                                              "with a person as subject (\"they were greedy\"), not \"a greedy algorithm\"."},
        "people_nouns": {"type": "array", "items": {"type": "string"},
                         "description": "Nouns for people, besides `roles`, that a `needs_person_after` judgement may "
                                        "qualify (a list or {setting: NAME}): investors, VCs, management."},
        "owning_subjects": {"type": "array", "items": {"type": "string"},
                                "description": "Subjects that make a `needs_person` phrase the writers' own ownership, "
                                               "not blame (a list or {setting: NAME}): \"we failed to treat the warning as an "
                                               "error\", \"we should have tested the upgrade\"."},
        "judges_subject": {"type": "array", "items": {"type": "string"},
                           "description": "Phrases that judge their subject's character (a list or {setting: NAME}): "
                                          "reported with a person as subject, the writers' own \"I\" or \"we\" "
                                          "included (\"I shouldn't be trusted\"), never of a system (\"the cache "
                                          "cannot be trusted\")."},
        "person_acts": {"type": "array", "items": {"type": "string"},
                        "description": "What only a person does, after which a `needs_person_after` judgement "
                                       "judges whoever did it (a list or {setting: NAME}): \"my stupid mistake\"."},
        "judges_deed": {"type": "array", "items": {"type": "string"},
                        "description": "Adverbs that judge a person's negated deed (a list or {setting: NAME}): "
                                       "reported after \"did not\" or \"nor did\" with a person as subject "
                                       "(\"@kim did not adequately test\", \"nor did he properly check\"), never the "
                                       "writers' own \"we\" or \"I\", nor a passive about a system (\"was not "
                                       "properly configured\")."},
        "once_per_document": {"type": "array", "items": {"type": "string"},
                              "description": "Phrases reported at their first place only, besides the "
                                             "`needs_person_after` judgements (a list or {setting: NAME}): contempt "
                                             "said again is one claim (\"I'm an idiot\" twice)."},
        "blame_talk": {"type": "array", "items": {"type": "string"},
                       "description": "Words about blame itself (a list or {setting: NAME}): not reported when "
                                      "their sentence rejects or weighs blame before them (\"avoid sentiment/blame\", "
                                      "\"not a post trying to cast blame\", \"it's tempting to blame the wine\", "
                                      "\"when blame gets assigned to people, ...\", \"not an employee's fault\")."}},
       prepare=lambda options: options, required=("words",))
def blameless_language(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Like `absent_pattern` over the whole document (outside quotes and code), with the
    grammar of this module's docstring: `needs_person` phrases need a person as subject,
    `needs_participle` phrases a past participle after them, and a negated phrase is not
    reported. A phrase that a more specific rule reports at that place (PM103: "human
    error" in a root cause) is left to that rule, so one phrase gives one finding."""
    words = tuple(context.resolve(options.get("words")) or ())
    regex = phrase_regex(words)
    if regex is None:
        return
    candidates = context.strings_matching(value, pointer, regex)
    # a Markdown post keeps prose under headings the loader did not map (a dated entry of
    # an incident log, an untitled introduction): blame there is blame all the same
    prose = _prose(context.document, regex) if not pointer or pointer == "$" else []
    if not candidates and not prose:
        return
    lowered = lambda items: frozenset(" ".join(str(item).lower().split()) for item in items or ())  # noqa: E731
    needs_person = lowered(context.resolve(options.get("needs_person")))
    needs_participle = lowered(context.resolve(options.get("needs_participle")))
    roles = lowered(context.resolve(options.get("roles")))
    activities = lowered(context.resolve(options.get("agent_activities")))
    owning = lowered(context.resolve(options.get("owning_subjects")))
    judgements = lowered(context.resolve(options.get("needs_person_after")))
    people_nouns = lowered(context.resolve(options.get("people_nouns"))) | roles
    deferred = phrase_regex(tuple(context.resolve(options.get("defer")) or ()))
    under = options.get("defer_under", "/root_causes")
    suggestions = {key.lower(): text for key, text in (context.resolve(options.get("suggestions")) or {}).items()}
    character = lowered(context.resolve(options.get("judges_subject")))
    conduct = lowered(context.resolve(options.get("judges_deed")))
    acts = lowered(context.resolve(options.get("person_acts")))
    once = judgements | lowered(context.resolve(options.get("once_per_document")))
    talk = lowered(context.resolve(options.get("blame_talk")))
    names = people(context)
    things: Container[str] | None = None
    reported_once: set[str] = set()  # `once_per_document` judgements already reported
    personal = "personal" in (context.document.meta.forms or ())

    def blaming(text: str) -> Iterator[tuple[int, int, str, str, bool]]:
        """(start, end, phrase, key, hindsight) for every blaming phrase of `text`."""
        nonlocal things
        masked = mask_quotes_and_code(text)
        for match in find_phrases(text, regex):
            phrase = text[match.start():match.end()]
            key = " ".join(phrase.lower().split())
            if key in conduct:  # the negation is part of the judged deed
                # "nor did he adequately test": a person's deed judged; "we did not properly test" is
                # ownership, "log rotation was not properly configured" a system
                deed = _negated_conduct(masked, match.start(), match.end())
                if deed is None or deed[0].lower() in owning:
                    continue
                if things is None:
                    things = _LazyThings(context)
                if is_person(deed[0], roles, names, things):
                    yield deed[1], deed[2], text[deed[1]:deed[2]], key, False  # quoted whole: "nor did he adequately test"
                continue
            if key in judgements:
                # a judgement is negated only by the word right before it ("not greedy"): in
                # "do not let inexperienced managers ..." the negation is of the verb
                previous = next(iter(words_before(masked, clause_start(masked, match.start()), match.start())), "")
                if previous.lower() in ("not", "never", "no", "nor", "neither") or \
                        not _judges_people(masked, match.start(), match.end(), people_nouns, acts):
                    continue  # "a greedy algorithm", "lazy loading": a technical word, not a judgement of people
                if personal and not _judges_people(masked, match.start(), match.end(), people_nouns) \
                        and _THIRD_PERSON.search(sentence(masked, match.start(), match.end(), _SENTENCE_REACH)) is None:
                    # one person's write-up of their own systems judging only a deed ("it was a
                    # very dumb mistake"): the writer's own, and no team to blame it on; `strict`
                    # (not one pinned on someone else: "a stupid mistake by him", "her dumb error")
                    yield match.start(), match.end(), phrase, key, True
                    continue
            elif negated(masked, match.start()):
                continue
            if key in talk and rejects_blame(masked, match.start()):
                continue  # "avoid sentiment/blame", "not ... cast blame": a statement against blame
            if key == "blamed":
                target = _BLAMED_ON.match(masked, match.end())
                # "Kayden blamed everything on Neoprotect": someone's excuse pinned on a provider
                # or a setting, reported; nobody is blamed by the writers. A capitalised word
                # alone is no person here (a company's name reads as one): only a pronoun, a
                # role, an @handle or a name the document gives its people ("blamed it on him")
                if target is not None and not _named_person(target.group("target").rstrip(".-"), roles, names):
                    continue
            copula = _TO_BLAME.search(masked, max(0, match.start() - 40), match.start()) if key == "blame" else None
            if copula is not None:
                # "X is to blame": blame only when X is a person ("environment variables are to blame")
                if things is None:
                    things = _LazyThings(context)
                subject = subject_of(masked, copula.start())
                if subject is None or subject.lower() in owning or not is_person(subject, roles, names, things):
                    continue
            if _PROOF_AFTER.match(masked, match.end()):
                continue  # "idiot-proof", "fool proof": a property of a design, not a judgement of anyone
            if key in needs_participle and not participle_follows(masked, match.end()):
                continue
            hindsight = False
            if key in needs_person or key in character:
                subject = subject_of(masked, match.start()) or coordinated_subject(masked, match.start())
                if subject is not None and subject.lower() in owning:
                    if key in character:
                        yield match.start(), match.end(), phrase, key, False  # "I shouldn't be trusted": self-contempt, not ownership
                    continue  # "we failed to see the warning as an error": the team owns a gap, nobody is blamed
                if subject is not None and _in_product_name(masked, subject, match.start()):
                    continue  # "SILO/LAPIS and V-Pipe Scout failed to auto-restart": services, nobody
                if things is None:
                    things = _LazyThings(context)
                if key in character:
                    if subject is not None and is_person(subject, roles, names, things):
                        yield match.start(), match.end(), phrase, key, False
                    continue  # "the cache cannot be trusted" judges a system
                # "the Hub's team should have been involved": the subject of a passive is who
                # the action was done to, so only its agent can be blamed
                passive = key in needs_participle and passive_follows(masked, match.end())
                if passive or subject is None or not is_person(subject, roles, names, things):
                    # a passive with a person as its agent ("... by the on-call engineer") blames
                    # them all the same; one with a people-only activity ("this should have been
                    # caught in review") is hindsight about a process, naming nobody: `strict` only
                    agent = passive_agent(masked, match.end(), activities) if key in needs_participle else None
                    if agent is None or not (agent in activities or is_person(agent, roles, names, things)):
                        continue
                    hindsight = agent in activities
            yield match.start(), match.end(), phrase, key, hindsight

    def hits(where: str, text: str) -> Iterator[Hit]:
        located: ProseLines | None = None  # read at the first finding in prose no field holds
        for start, end, phrase, key, hindsight in blaming(text):
            if deferred is not None and (where == under or where.startswith(under + "/")) \
                    and deferred.fullmatch(phrase):
                continue
            if key in once:
                if key in reported_once:
                    continue  # the same judgement again: a reviewer raises it once
                reported_once.add(key)
            values = {"phrase": phrase, "suggestion": suggestions.get(key, "")}
            if where.startswith("#L"):  # prose no field holds: placed by its line
                located = located or ProseLines(context.document, where, len(text))
                yield Hit("", values, span=located.span(start, end),
                          pedantic=hindsight)
            else:
                yield Hit(where, values, text=phrase, occurrence=occurrence_at(text, phrase, start),
                          pedantic=hindsight)

    for where, text in candidates + prose:
        yield from hits(where, text)
