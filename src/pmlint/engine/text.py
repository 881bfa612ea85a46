"""Prose helpers for language checks: find phrases outside quotes and code.

Quoted text ("he said ...") and code spans (`failed to start`) report what someone
or something said, not the author's judgement, so language rules skip them. We
blank them out (keeping offsets) instead of deleting them, so a match's offset in
the masked text is its offset in the original.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

from .. import regex_cache

_MASKED = re.compile(r"`[^`\n]*`|\"[^\"\n]*\"|“[^”\n]*”|(?<![\w])'[^'\n]{2,}'(?![\w])")


@lru_cache(maxsize=8192)
def mask_quotes_and_code(text: str) -> str:
    """Cached: every language rule masks the same strings of the same document."""
    if "`" not in text and '"' not in text and "“" not in text and "'" not in text:
        return text
    return _MASKED.sub(lambda match: " " * len(match.group()), text)


_SPECIAL = set(".^$*+?{}[]|()\\")
_QUANTIFIERS = set("*+?{")


def required_literal(pattern: str) -> str | None:
    """A lower-case literal every match of `pattern` must contain, if one is easy to see.

    Reads the pattern's leading literal run after an optional `\\b` (`\\bISSUE NAME\\b`
    → "issue name", `\\[(?:name|...)\\]` → "["); None when the pattern starts with
    anything else (a class, a group, an alternation at the top level).
    """
    if "|" in pattern.replace("\\|", "") and not _only_nested_bars(pattern):
        return None
    index = 2 if pattern.startswith("\\b") else 0
    literal = ""
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern) and not pattern[index + 1].isalnum():
            literal += pattern[index + 1]
            index += 2
        elif char in _SPECIAL:
            if char in _QUANTIFIERS and literal:
                literal = literal[:-1]  # the last char may repeat or be optional
            break
        else:
            literal += char
            index += 1
    return literal.lower() or None


def _only_nested_bars(pattern: str) -> bool:
    """True when every `|` sits inside a group (so it does not split the whole pattern)."""
    depth = 0
    escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return True


_ASCII_WORD = re.compile(r"[a-z0-9]+")
#: A word boundary, tried at one position (the regex engine looks at the character before it).
_BOUNDARY = re.compile(r"\b")
#: text → (the text lower-cased, its lower-case ASCII words): the language rules test and
#: scan the same strings (the whole document joined, above all) many times
_lowered_seen: dict[str, tuple[str, frozenset[str]]] = {}


#: Longer texts (a 5 MB document joined) are not split into words, and only the last one
#: is kept lower-cased (`_LongText`): a copy of each would stay in memory.
LOWERED_MAX_CHARS = 1 << 16


class _LongText:
    """A long text (a large document's strings joined) lower-cased once, with the answers
    to "does it hold this substring?" kept. The language rules' word lists test the same
    joined text for their literals and first words, many of them shared between lists, and
    each test of an absent one reads the whole text (2 ms on 5 MB: 0.15 s for PM701 and
    PM702's lists, asked again and again)."""

    __slots__ = ("text", "lowered", "_held")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = text.lower()
        self._held: dict[str, bool] = {}

    def holds(self, word: str) -> bool:
        """Whether the lower-cased text holds `word` (a substring test, made once per word)."""
        held = self._held.get(word)
        if held is None:
            held = self._held[word] = word in self.lowered
        return held


#: the last long text asked about (the rules of one document ask about the same one)
_last_long: _LongText | None = None


def _long_text(text: str) -> _LongText:
    global _last_long
    if _last_long is None or _last_long.text is not text:
        _last_long = _LongText(text)
    return _last_long


def _lowered(text: str) -> tuple[str, frozenset[str] | None]:
    """(text lower-cased, its words; None for a text longer than LOWERED_MAX_CHARS)."""
    if len(text) > LOWERED_MAX_CHARS:
        return _long_text(text).lowered, None
    found = _lowered_seen.get(text)
    if found is None:
        if len(_lowered_seen) > 4096:
            _lowered_seen.clear()
        lowered = text.lower()
        found = _lowered_seen[text] = (lowered, frozenset(_ASCII_WORD.findall(lowered)))
    return found


def ascii_words(text: str) -> frozenset[str]:
    """The words (`[a-z0-9]+`, lower-cased) of an ASCII text, cached."""
    words = _lowered(text)[1]
    return frozenset(_ASCII_WORD.findall(text.lower())) if words is None else words


@lru_cache(maxsize=256)
def _matches_ascii(char: str) -> bool:
    """Whether a case-insensitive regex of `char` can match some ASCII character ("ſ"
    matches "s", the Kelvin sign "k"; "’" matches none)."""
    single = re.compile(re.escape(char), re.IGNORECASE)
    return any(single.fullmatch(chr(code)) for code in range(128))


def phrase_word_sets(phrases: list[list[str]]) -> tuple[frozenset[str] | None, ...]:
    """For each phrase (its words), the words (`[a-z0-9]+`) an ASCII text must hold for the
    phrase to match in it (see `PhraseRegex.viable`); None where that cannot be told (a
    non-ASCII letter that matches an ASCII one). A phrase with a character that matches
    no ASCII one ("we don’t know") can never match an ASCII text and is left out."""
    sets: list[frozenset[str] | None] = []
    for words in phrases:
        phrase = " ".join(words)
        if phrase.isascii():
            sets.append(frozenset(_ASCII_WORD.findall(phrase.lower())))
        elif all(_matches_ascii(char) for char in phrase if not char.isascii()):
            sets.append(None)
    return tuple(sets)


def _first_words(anchors: tuple[str, ...] | None) -> frozenset[str] | None:
    words = [_ASCII_WORD.match(anchor) for anchor in anchors or ()]
    if not words or not all(words):
        return None
    return frozenset(word.group() for word in words if word)


class PhraseRegex:
    """A compiled alternation with a literal pre-check.

    Patterns that begin with `\\b` defeat the regex engine's literal-prefix search, so an
    alternation of a dozen of them scans a 4 KB document at ~0.5 ms. Checking first that
    one of the required literals occurs at all (a C substring search) makes the usual,
    clean document cost microseconds; when one does, the real regex decides.
    """

    __slots__ = ("regex", "literals", "pattern", "anchors", "first_words", "word_sets")

    def __init__(self, regex: Any, literals: tuple[str, ...] | None,
                 anchors: tuple[str, ...] | None = None,
                 word_sets: tuple[frozenset[str] | None, ...] | None = None) -> None:
        self.regex = regex
        self.literals = literals
        self.pattern = regex.pattern
        #: for word lists only: each phrase's first word; a match can only start where one does
        self.anchors = anchors
        #: the first word (`[a-z0-9]+`) of each anchor, when each starts with one: a match
        #: starts at a word boundary with that word ("fat-fingered" with "fat", "didn't"
        #: with "didn"), so an ASCII text none of whose words is one of them holds no match,
        #: which a set test tells without running the regex
        self.first_words = _first_words(anchors)
        #: for word lists only: what an ASCII text must hold for each phrase (`viable`)
        self.word_sets = word_sets

    def viable(self, words: frozenset[str]) -> bool:
        """Whether an ASCII text whose words are `words` can hold a match: all the words of
        some phrase are among them. A match is bounded by `\\b` and its words are apart by
        spaces, so each word of the phrase is a whole word of the text. A root cause that
        says "the cause" holds a first word and a literal ("cause") of "no root cause was
        found", not all its words: the alternation of fifty `\\b`-led phrases (30 us on a
        300-character cause, for each of a large document's thousands) is not run."""
        return self.word_sets is None or any(phrase is None or phrase <= words for phrase in self.word_sets)

    def _may_match(self, text: str, *args: int) -> bool:
        # (not for a slice: cutting a text at `endpos` can make a word where there was none)
        lowered, words = _lowered(text)
        if not args and words is not None and text.isascii() and (
                (self.first_words is not None and self.first_words.isdisjoint(words)) or not self.viable(words)):
            return False
        if self.literals is None:
            return True
        if words is None:  # a long text: its substring answers are kept for every list
            return any(map(_long_text(text).holds, self.literals))
        return any(literal in lowered for literal in self.literals)

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.search(text, *args) if self._may_match(text, *args) else None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        if not self._may_match(text, *args):
            return iter(())
        # anchoring pays on long texts; on a short one a single regex pass is cheaper
        if self.anchors is not None and not args and len(text) > 40 * len(self.anchors):
            lowered = _lowered(text)[0]
            if len(lowered) == len(text):  # offsets agree (some Unicode lower-cases change length)
                return iter(self._anchored(text, lowered))
        return self.regex.finditer(text, *args)

    def _anchored(self, text: str, lowered: str) -> list[re.Match[str]]:
        """finditer's matches, trying the regex only where a phrase's first word occurs.

        An alternation of `\\b`-led phrases makes the regex engine try every alternative
        at every position; substring search finds the few places worth trying, and of
        those only the word boundaries: a short first word ("her") occurs inside many
        others ("other", "there": 33,000 times in a 5 MB document, each a regex match
        tried for nothing).
        """
        positions: set[int] = set()
        anchors = self.anchors or ()
        words = _lowered(text)[1]
        if self.first_words is not None and words is not None and text.isascii():  # those whose first word is there
            anchors = tuple(anchor for anchor in anchors if _ASCII_WORD.match(anchor).group() in words)  # type: ignore[union-attr]
        elif words is None:  # a long text: those it holds at all (answers kept for every list)
            anchors = tuple(filter(_long_text(text).holds, anchors))
        at_boundary = _BOUNDARY.match
        for anchor in anchors:
            index = lowered.find(anchor)
            while index >= 0:
                if at_boundary(text, index):  # every phrase starts with `\b`: "her" in "other" starts none
                    positions.add(index)
                index = lowered.find(anchor, index + 1)
        matches: list[re.Match[str]] = []
        end = 0
        for position in sorted(positions):
            if position < end:
                continue
            match = self.regex.match(text, position)
            if match is not None:
                matches.append(match)
                end = max(match.end(), position + 1)
        return matches

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.match(text, *args)

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.fullmatch(text, *args)


def _literal(words: list[str]) -> str | None:
    """The phrase's longest ASCII word, lower-cased: a substring every match holds in the
    lower-cased text. Not a non-ASCII word: the regex matches case-insensitively, and "ſ"
    matches "s" although "ſ".lower() is no "s" ("ſtill" would turn "still" away). None
    when the phrase has no ASCII word (then the regex decides)."""
    ascii_words = [word for word in words if word.isascii()]
    return max(ascii_words, key=len).lower() if ascii_words else None


def _fewest(literals: list[str]) -> tuple[str, ...]:
    """`literals` less those that hold another one ("attackers" holds "attacker"): where the
    longer occurs, so does the shorter, so the pre-check's answer is the same, and each
    literal left out is one substring search less (2 ms on a 5 MB document joined, where
    PM702's adversary words were 34 searches, duplicates included)."""
    unique = list(dict.fromkeys(literals))
    return tuple(literal for literal in unique
                 if not any(other != literal and other in literal for other in unique))


def _ascii_start(word: str) -> str:
    """The part of `word` before its first character that is not ASCII."""
    for index, char in enumerate(word):
        if not char.isascii():
            return word[:index]
    return word


@lru_cache(maxsize=512)
def phrase_regex(phrases: tuple[str, ...], patterns: tuple[str, ...] = ()) -> PhraseRegex | None:
    """One case-insensitive matcher for whole-word phrases (spaces match any whitespace) and raw patterns."""
    words = [phrase.split() for phrase in phrases if phrase.strip()]
    parts = [r"\b" + r"\s+".join(re.escape(word) for word in phrase) + r"\b" for phrase in words]
    parts.extend(f"(?:{pattern})" for pattern in patterns)
    if not parts:
        return None
    # the longest word is the rarest: "list the sequence of events" → "sequence"
    found = [_literal(phrase) for phrase in words]
    literals: list[str] | None = None if None in found else [literal for literal in found if literal is not None]
    for pattern in patterns:
        literal = required_literal(pattern)
        if literal is None or literals is None:
            literals = None
            break
        literals.append(literal)
    # anchors are found by substring search in the lower-cased text, so each is the ASCII
    # start of a phrase's first word ("shouldn’t" → "shouldn"): a letter that is not ASCII
    # may match an ASCII one case-insensitively ("ſtill" matches "still", though "ſ".lower()
    # is no "s"), and a first word that starts with one leaves the list unanchored
    starts = {_ascii_start(phrase[0].lower()) for phrase in words}
    anchors = tuple(sorted(starts)) if not patterns and "" not in starts else None
    if patterns:  # regexes from settings or rule files: RE2, linear time whatever they say
        from .untrusted import compile_untrusted

        for pattern in patterns:  # one at a time first, so an error names the pattern
            compile_untrusted(pattern)
        regex: Any = compile_untrusted("|".join(parts))
    else:  # escaped word lists only: Python's re, linear for these
        regex = regex_cache.compile("|".join(parts), re.IGNORECASE)
    return PhraseRegex(regex, _fewest(literals) if literals is not None else None, anchors,
                       None if patterns else phrase_word_sets(words))


# How a reported phrase is found again (in a string, or in the source by
# `Document.locate_text`): one matcher, so a hit's `occurrence` and the located span agree.
from ..model import iter_strings as walk_strings, needle_matches, needle_regex, occurrence_at  # noqa: E402,F401  (re-exported)


def find_phrases(text: str, regex: "re.Pattern[str] | PhraseRegex | None") -> Iterator[re.Match[str]]:
    """Matches of `regex` in `text`, outside quotes and code spans."""
    if regex is None or not text:
        return iter(())
    return regex.finditer(mask_quotes_and_code(text))


def iter_strings(value: object, pointer: str = "") -> Iterable[tuple[str, str]]:
    """(pointer, text) for every string at or below `value`, in document order (the
    model's walker, `pmlint.model.iter_strings`)."""
    return walk_strings(value, pointer)

