"""Language checks (PM7xx) that need more than a word list: a person named as a cause.

A postmortem may name responders ("Sam rolled back at 23:40"); it must not make a
person the cause. So this looks only inside root causes, for @handles, the names of
the postmortem's `authors`, personal pronouns, and a capitalised name directly
followed by a blame verb (settings.person_blame_verbs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from ..functions import Context, Hit, check
from ..text import iter_strings, mask_quotes_and_code
from ._shared import root_causes

_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][\w-]{1,38}")
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her)\b", re.IGNORECASE)
_NOT_NAMES = frozenset("""The A An This That These Those It Its We Our They Their Nobody Someone Somebody Everyone
Nothing No One Our Each Every Once After Before When While Then And But Or If As At In On Of For To Because""".split())


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


@lru_cache(maxsize=64)
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Known names, longest first, as one regex (compiled once per set of authors)."""
    if not names:
        return None
    return re.compile("|".join(rf"\b{re.escape(name)}\b" for name in sorted(names, key=len, reverse=True)))


@lru_cache(maxsize=16)
def _subject_verb_regex(verbs: tuple[str, ...]) -> re.Pattern[str] | None:
    """`Name <blame verb>`: a capitalised word right before a verb from the list."""
    if not verbs:
        return None
    verb_pattern = "|".join(r"\s+".join(map(re.escape, verb.split())) for verb in verbs)
    return re.compile(rf"\b([A-Z][a-z]{{2,}})\s+(?:{verb_pattern})\b")


def person_phrases(text: str, names: set[str], verbs: tuple[str, ...]) -> list[str]:
    """Phrases in `text` that make a person the subject: handles, known names, pronouns,
    and `Name <blame verb>`. Quoted text and code are skipped."""
    masked = mask_quotes_and_code(text)
    found = [match.group() for match in _HANDLE.finditer(masked)]
    names_regex = _names_regex(tuple(sorted(names)))
    if names_regex is not None:
        match = names_regex.search(masked)
        if match:
            found.append(match.group())
    found += [match.group() for match in _PRONOUN.finditer(masked)]
    subject_verb = _subject_verb_regex(verbs)
    if subject_verb is not None:
        for match in subject_verb.finditer(masked):
            if match.group(1) not in _NOT_NAMES:
                found.append(match.group(1))
    return found


@check("person_as_cause")
def person_as_cause(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """No root cause names an individual (see `person_phrases`); one finding per cause,
    at the first such phrase."""
    names = people(context)
    verbs = tuple(context.setting("person_blame_verbs") or ())
    for index, cause in root_causes(context):
        base = f"/root_causes/{index}"
        node = context.data["root_causes"][index]
        for string_pointer, text in iter_strings(node, base):
            phrases = person_phrases(text, names, verbs)
            if phrases:
                yield Hit(string_pointer, {"person": phrases[0], "summary": cause.get("summary", "")}, text=phrases[0])
                break


@check("blameless_language",
       {"words": {"description": "Blaming phrases (whole words, case-insensitive); a list or {setting: NAME}."},
        "suggestions": {"description": "Mapping phrase → suggested rewrite, or {setting: NAME}."},
        "defer": {"description": "Phrases another rule reports inside `defer_under` (a list or {setting: NAME}); "
                                 "not reported there again."},
        "defer_under": {"type": "string", "description": "JSON pointer prefix where `defer` applies (default /root_causes)."}},
       prepare=lambda options: options)
def blameless_language(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Like `absent_pattern` over the whole document, but a phrase that a more specific rule
    already reports at that place (PM103: "human error" in a root cause) is left to that rule,
    so one phrase gives one finding."""
    from ..functions import absent_pattern
    from ..text import phrase_regex

    deferred = phrase_regex(tuple(context.resolve(options.get("defer")) or ()))
    under = options.get("defer_under", "/root_causes")
    for hit in absent_pattern(value, pointer, {key: options[key] for key in ("words", "suggestions") if key in options},
                              context):
        where = hit.pointer or pointer
        if deferred is not None and (where == under or where.startswith(under + "/")) and \
                deferred.fullmatch(hit.values.get("phrase", "")):
            continue
        yield hit
