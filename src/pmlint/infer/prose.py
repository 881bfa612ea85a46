"""Reading a postmortem's prose for inference: its strings, sentences, negation (`grammar`), quotes.

Every regex here and in the inferring modules is linear-time: alternations of literal
phrases and bounded repetitions only, never a nested quantifier.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

from .. import regex_cache
from ..grammar import negated_or_hedged as negated
from ..model import Document, Span, iter_strings
from ..joined import Joined

#: How far around a match "the same sentence" reaches, in characters (bounded work per match).
SENTENCE_REACH = 240
_SENTENCE_END = regex_cache.compile(r"[.!?](?:\s|$)|\n")


def strings(data: Any, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(pointer, text) for every string in the data tree, in document order; pointers that
    start with one of `skip` (e.g. "/timeline") are left out."""
    return iter_strings(data, "", skip)


#: Headings of sections that hold raw records rather than the authors' analysis.
_RECORDS = regex_cache.compile(r"\b(?:chat|logs?|transcripts?|threads?|append[a-z]{0,4}|apendix|slack|irc|raw)\b", re.IGNORECASE)
_HEADING = regex_cache.compile(r"#{1,6}(?:[ \t]|$)")
#: (document, its uncovered paragraphs): every inferring module asks for the same document
_last_uncovered: tuple[Document, list[tuple[str, str]]] | None = None


def uncovered(document: Document) -> list[tuple[str, str]]:
    """Paragraphs of the source that no node of the data tree covers, as (`#L<line>`, text).

    A Markdown post keeps prose under headings the loader did not map (an untitled
    introduction, "What we're doing about it"); inference reads it too, so no fact is
    missed because of where the author put it. Sections of raw records (a chat log, a
    transcript, an appendix) are left out: they are what people said during the
    incident, not what the authors concluded; so are code blocks and HTML comments (a
    template's example timeline). A top-level list's span runs from its first item to
    its last; only its items' own spans count as covering. YAML documents have none of it."""
    global _last_uncovered
    if document.format != "markdown":
        return []
    if _last_uncovered is not None and _last_uncovered[0] is document:
        return _last_uncovered[1]
    count = len(document.lines)
    covered = _covered_lines(document, count)
    for first, last in document.meta.code_lines:  # code and logs are no prose of the authors'
        first, last = max(first, 0), min(last, count + 1)
        if last >= first:
            covered[first:last + 1] = b"\x01" * (last - first + 1)
    found: list[tuple[str, str]] = []
    start = 0
    block: list = []
    records = False  # under a heading of raw records (a chat log, a transcript, an appendix)
    # "<!-- 09:14 Received Slack notifications ... -->": the template's example timeline,
    # which nobody reading the rendered page sees
    comments = document.comment_line_set()
    for number, line in enumerate(document.lines, 1):
        text = line.strip()
        if number in comments:
            if block:
                found.append((f"#L{start}", " ".join(block)))
            block = []
            continue
        heading = _HEADING.match(text) is not None
        if heading:
            # a section of records ("## Slack log"), never the document's title ("# Secrets
            # in a public log"): the title heads everything, records and analysis alike
            records = _RECORDS.search(text) is not None and not text.startswith("# ")
        if covered[number] or not text or text == "---" or heading or records:
            if block:
                found.append((f"#L{start}", " ".join(block)))
            block = []
            continue
        if not block:
            start = number
        block.append(text)
    if block:
        found.append((f"#L{start}", " ".join(block)))
    _last_uncovered = (document, found)
    return found


_WORD = regex_cache.compile(r"[^\W_]+")


def _container(pointer: str) -> str:
    """The node a value belongs to for coverage: an item of a top-level list
    (`/action_items/3/owner` → `/action_items/3`) or a top-level field (`/impact/description`
    → `/impact`)."""
    parts = pointer.split("/", 3)
    if len(parts) > 2 and parts[2].isdigit():
        return "/".join(parts[:3])
    return "/".join(parts[:2])


def _covered_lines(document: Document, count: int) -> bytearray:
    """covered[line] == 1 where some value of the data tree holds that source line.

    A value's span runs from its first source line to its last, and a string the loader
    joined from several places (an impact description made of a summary label and a
    section forty lines below) spans all that lies between: a list of "Immediate Response"
    steps the data never kept. So a value that spans several lines covers only those lines
    at least half of whose words the values of its node hold (an action item's title,
    owner, due date and priority together hold its wrapped first line, whose labels the
    loader took apart), read against one set of words per node: linear. A number or other
    value that is no string covers the first and last lines of its span, and containers
    (a root cause, a timeline entry, a list) cover nothing of their own: their values say
    which lines they hold."""
    covered = bytearray(count + 2)
    data = document.data if isinstance(document.data, dict) else {}
    texts = dict(data_strings(document))
    containers = {pointer.rsplit("/", 1)[0] for pointer in document.spans}
    held: dict[str, set[str]] = {}  # node → the words its strings hold, built when first asked
    by_node: dict[str, list[str]] | None = None  # node → its strings, grouped once
    for pointer, span in document.spans.items():
        if not pointer or pointer in containers:
            continue
        first, last = max(span.line, 0), min(span.end_line, count + 1)
        if last <= first or pointer.count("/") == 1 and isinstance(data.get(pointer[1:]), list):
            if last == first:  # most spans: one line (a timeline row, a table cell)
                covered[first] = 1
            elif last > first:
                covered[first:last + 1] = b"\x01" * (last - first + 1)
            continue
        if pointer not in texts:  # a number or a flag read from one line of the span
            covered[first] = covered[last] = 1
            continue
        node = _container(pointer)
        words = held.get(node)
        if words is None:
            if by_node is None:
                by_node = {}
                for key, text in texts.items():
                    by_node.setdefault(_container(key), []).append(text)
            words = held[node] = {word for text in by_node.get(node, ()) for word in _WORD.findall(text.lower())}
        for number in range(max(first, 1), min(last, count) + 1):
            line = _WORD.findall(document.lines[number - 1].lower())
            if line and 2 * sum(word in words for word in line) >= len(line):
                covered[number] = 1
    return covered


#: (document, its data tree's strings): shared by inference and the engine's text rules,
#: so a large document's (pointer, text) pairs exist once, not once per reader
_last_strings: tuple[Document, list[tuple[str, str]]] | None = None


def data_strings(document: Document) -> list[tuple[str, str]]:
    """`strings(document.data)`, cached for the most recent document (read-only for callers)."""
    global _last_strings
    if _last_strings is None or _last_strings[0] is not document:
        data = document.data if isinstance(document.data, (dict, list)) else {}
        _last_strings = (document, strings(data))
    return _last_strings[1]


#: (document, skip → its texts): the inferring modules ask for the same document's texts
_last_texts: tuple[Document, dict[tuple[str, ...], list[tuple[str, str]]]] | None = None


def document_texts(document: Document, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Every string of the data tree (less `skip`), then the prose no node covers.

    Cached for the most recent document: callers treat the list as read-only."""
    global _last_texts
    if _last_texts is None or _last_texts[0] is not document:
        _last_texts = (document, {(): data_strings(document) + uncovered(document)})
    cache = _last_texts[1]
    skip = tuple(sorted(skip))  # `startswith` ignores the order: one filtered list per set of prefixes
    found = cache.get(skip)
    if found is None:
        found = cache[skip] = [pair for pair in cache[()] if not pair[0].startswith(skip)]
    return found


def prose_words(document: Document, bound: int, told: bool = False) -> int:
    """Words of prose in the document (every string value, and the prose no value holds),
    counted up to `bound`: the count stops once it passes it, so a large document costs no
    more than its first `bound` words. Whether a post is short is asked of this alone.

    `told`: only the words of a story told in sentences: the prose no value holds counts
    only where it is not a table or a run of bold labels, in a list or not ("**Risk**:
    Split-brain scenarios", "- **Cluster Name**: homelab-cluster": an audit report's
    findings), which tell no story however long."""
    count = 0
    for pointer, text in document_texts(document):
        if told and pointer.startswith("#L") and _untold(text):
            continue
        count += len(text.split(None, bound + 1))
        if count > bound:
            break
    return count


def _untold(text: str) -> bool:
    """Whether a block of the prose no value holds tells no story: a table, a run of bold
    labels, or a bold label over its list."""
    return _NOT_TOLD.match(text) is not None and (
        text.startswith("|") or text.count("**") // 2 * _LABEL_EVERY >= len(text.split())
        or _JOINED_ITEM.search(text) is not None)


#: The start of a block of the prose no value holds that is no sentence of a story: a table
#: row, a bold label (in a list item or not).
_NOT_TOLD = regex_cache.compile(r"(?:\||(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*|__))")
#: A run of bold labels has one every this many words or fewer ("- **Cluster Name**:
#: homelab-cluster - **Total Nodes**: 3"); a story's paragraph that opens in bold
#: ("**Step 1.** I walked through the rack ...") has one in a hundred.
_LABEL_EVERY = 15
#: A list item inside a block that opens with a bold label ("**⚠️ RISKS**: - Backups on the
#: same NFS server - No backup verification"): a label over its list, no story.
_JOINED_ITEM = regex_cache.compile(r"\s(?:[-*+]|\d{1,3}[.)])\s")


def sentence(text: str, start: int, end: int, reach: int = SENTENCE_REACH) -> str:
    """The sentence around text[start:end], at most `reach` characters each side."""
    left = max(0, start - reach)
    before = text[left:start]
    cut = None
    for match in _SENTENCE_END.finditer(before):
        cut = match.end()
    begin = left + cut if cut is not None else left
    after = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    return text[begin:after.start() + 1 if after else min(len(text), end + reach)].strip()


def sentence_rest(text: str) -> str:
    """`text` up to the end of its first sentence: what follows a match in the sentence the
    match ends (the turn after "human error", the harm after "we enabled rate limiting")."""
    stop = _SENTENCE_END.search(text)
    return text[:stop.start()] if stop else text


class Found:
    """A phrase found in a text: its place and its words as written (`group()`)."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start:self._end]


_WORD = regex_cache.compile(r"[a-z0-9]+")
#: what `phrases`' lookbehind `(?<![\w-])` refuses before a match
_WORDISH = re.compile(r"[\w-]")
#: text → (lower-cased text, its words): every phrase list scans the same strings
_seen: dict[str, tuple[str, frozenset[str]]] = {}


def _indexed(text: str) -> tuple[str, frozenset[str]]:
    found = _seen.get(text)
    if found is None:
        if len(_seen) > 4096:
            _seen.clear()
        found = _seen[text] = _index(text)
    return found


def _index(text: str) -> tuple[str, frozenset[str]]:
    """(`text` lower-cased with its offsets kept, its words)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased: keep offsets
        low = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return low, _words_of_long(low) if len(low) > _LONG_CHARS else frozenset(_WORD.findall(low))


#: From this length on, a text's words are split by `_words_of_long`.
_LONG_CHARS = 1 << 16
#: Every byte but a-z and 0-9 made a space (see `_words_of_long`).
_SPACED = bytes(code if 48 <= code <= 57 or 97 <= code <= 122 else 32 for code in range(256))


def _words_of_long(low: str) -> frozenset[str]:
    """`frozenset(_WORD.findall(low))` for a long lower-cased text (a large document's
    strings joined: 900,000 words on 5 MB), in half the time: each character that is not
    a-z or 0-9 becomes a space (a non-ASCII one first becomes "?", one byte: it is no
    part of a word either way) and the text is split on the spaces, with no match object
    or string per word made in between."""
    return frozenset(low.encode("ascii", "replace").translate(_SPACED).decode("ascii").split())


def words_of(text: str) -> frozenset[str]:
    """The words (`[a-z0-9]+`) of `text` lower-cased, cached with the phrase lists' index."""
    return _indexed(text)[1]


#: Texts shorter than this are scanned with the phrase list's regex directly; longer ones
#: only at the words a phrase can start with (see `Phrases.finditer`).
ANCHOR_MIN_CHARS = 200
#: `find` reads at most this many strings one by one (their words stay cached from one
#: phrase list to the next); a larger list (a 5 MB document's 190,000 strings) is scanned
#: joined, one regex pass per list, as caches that small would only be rebuilt per list
PER_STRING_MAX = 2048
#: lower-cased long text → (word → offsets where it starts in it): every phrase list of
#: inference scans the same strings of the same document
_offsets: dict[str, dict[str, list[int]]] = {}


def _word_offsets(low: str) -> dict[str, list[int]]:
    """word → start offsets of that word in `low`, built once per text."""
    offsets = _offsets.get(low)
    if offsets is None:
        if len(_offsets) > 256:  # (a document's long strings; memory stays small for a 5 MB one)
            _offsets.clear()
        offsets = _offsets[low] = {}
        for match in _WORD.finditer(low):
            word = match.group()
            where = offsets.get(word)
            if where is None:
                offsets[word] = [match.start()]
            else:
                where.append(match.start())
    return offsets


class Phrases:
    """A whole-word, case-insensitive matcher for a list of literal phrases.

    Scanning is the cost of inference, so it is kept small: the text is lower-cased and
    split into words once (shared by every list), a list whose phrases start with none
    of those words is not scanned at all, and the scan itself is a case-sensitive regex
    of lower-case literals after a word boundary. On a long text the regex is only tried
    where one of the list's first words starts (`anchored`): an alternation of fifty
    phrases behind a lookbehind is otherwise tried at every character, a dozen lists in
    a row over the same joined document. A long text that holds the first word of some
    phrase but not all the words of any phrase is not scanned either (`viable`)."""

    __slots__ = ("regex", "first_words", "anchored", "bare", "word_sets")

    def __init__(self, regex: re.Pattern[str], first_words: frozenset[str], anchored: bool = False,
                 bare: re.Pattern[str] | None = None, word_sets: tuple[frozenset[str], ...] | None = None) -> None:
        self.regex, self.first_words = regex, first_words
        #: each phrase's words (`[a-z0-9]+`); None: unknown, every text is `viable`
        self.word_sets = word_sets
        #: `regex` without its leading `(?<![\w-])`, for `scan` (see there); None: scan with `regex`
        self.bare = bare
        #: every phrase starts with its first word (a letter or digit first): a match can
        #: only start where a word of `first_words` does, so those are the only places to try
        self.anchored = anchored

    def viable(self, words: frozenset[str]) -> bool:
        """Whether a text whose words are `words` can hold a match: every word of some
        phrase is among them. A match is bounded by non-word characters and its phrase's
        spaces stand for `[\\s-]`, so each word of the phrase is a whole word of the text.
        A 5 MB document holds "scheduled" and "the", but seldom all of "scheduled
        maintenance": the scan of the whole text (0.05-0.08 s a list) is then skipped."""
        return self.word_sets is None or any(phrase <= words for phrase in self.word_sets)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Found]:
        if not text:
            return
        low, words = _indexed(text)
        present = self.first_words.intersection(words)
        if not present:
            return
        end = len(low) if endpos is None else endpos
        if not self.anchored or len(low) < ANCHOR_MIN_CHARS or end < len(low):  # a cut text has other words
            for match in self.regex.finditer(low, pos, end):
                yield Found(text, match.start(), match.end())
            return
        # the same matches as `regex.finditer`: leftmost first, non-overlapping (a match
        # starts at a word of `first_words`, since the lookbehind needs a non-word before it)
        offsets = _word_offsets(low)
        starts = sorted(offset for word in present for offset in offsets[word])
        after = pos
        for start in starts:
            if start < after:
                continue
            found = self.regex.match(low, start, end)
            if found is not None:
                after = found.end()
                yield Found(text, start, after)

    def scan(self, text: str, index: tuple[str, frozenset[str]] | None = None) -> Iterator[re.Match[str]]:
        """The regex's matches in the lower-cased `text`, in one pass (no word index built:
        for a text read once, such as a large document's strings joined). `index` is
        `text`'s (lower-cased, words) when the caller keeps it."""
        low, words = index if index is not None else _indexed(text)
        if self.first_words.isdisjoint(words) or not self.viable(words):
            return iter(())
        if self.bare is None:
            return self.regex.finditer(low)
        return self._scan_bare(self.bare, low)

    @staticmethod
    def _scan_bare(bare: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
        """`regex.finditer(low)`'s matches, found by `bare`: a pattern that starts with a
        lookbehind is tried at every character, while one that starts with the phrases
        lets the regex engine skip to the characters they start with (twice as fast on a
        5 MB text). A match whose start fails the lookbehind is dropped and the search
        resumes one character on, as finditer does: the same matches, in the same order."""
        search, before = bare.search, _WORDISH.match
        position = 0
        while True:
            match = search(low, position)
            if match is None:
                return
            start = match.start()
            if start and before(low, start - 1):
                position = start + 1
                continue
            yield match
            position = match.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Found | None:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0) -> Found | None:
        low, _ = _indexed(text)
        found = self.regex.match(low, pos)
        return Found(text, found.start(), found.end()) if found is not None else None


@lru_cache(maxsize=256)
def phrases(terms: tuple[str, ...]) -> Phrases | None:
    """One whole-word, case-insensitive matcher for a list of literal phrases (longest first)."""
    # longest first, then alphabetical: the same pattern text in every process (a set's order
    # changes with hash randomisation), so the compiled regex can be kept between runs
    cleaned = sorted({" ".join(str(term).lower().split()) for term in terms if str(term).strip()},
                     key=lambda term: (-len(term), term))
    if not cleaned:
        return None
    body = "|".join(re.escape(term).replace(r"\ ", r"[\s-]{1,3}") for term in cleaned)
    first = frozenset(word for term in cleaned for word in _WORD.findall(term)[:1])
    anchored = all(_WORD.match(term) for term in cleaned)
    return Phrases(regex_cache.compile(rf"(?<![\w-])(?:{body})(?![\w-])"), first, anchored,
                   regex_cache.compile(rf"(?:{body})(?![\w-])"), tuple(frozenset(_WORD.findall(term)) for term in cleaned))


#: (texts list, the texts joined, its index) of the last list `find` scanned.
#: The index (lower-cased text, words) is kept here, not in `_indexed`'s cache: that one
#: is cleared by the thousands of short texts read between two scans, and lower-casing
#: and splitting a 5 MB joined text again cost 0.1 s per phrase list.
_last_joined: tuple[list[tuple[str, str]], Joined, tuple[str, frozenset[str]]] | None = None


def _joined(texts: list[tuple[str, str]]) -> tuple[Joined, tuple[str, frozenset[str]]]:
    global _last_joined
    if _last_joined is not None and _last_joined[0] is texts:
        return _last_joined[1], _last_joined[2]
    _last_joined = None  # the previous document's joined text is freed before this one is built
    joined = Joined((text for _, text in texts), "\n\x00\n")  # a phrase never spans two strings
    index = _index(joined.text)
    _last_joined = (texts, joined, index)
    return joined, index


def find(regex: Phrases | re.Pattern[str] | None, texts: Iterable[tuple[str, str]],
         allow_negated: bool = False) -> Iterable[tuple[str, str, Any]]:
    """(pointer, text, match) for each non-negated match of `regex` in `texts`.

    An anchored phrase list (the usual kind) reads each string's words, indexed once per
    string for every list of the document: a string that holds none of the list's first
    words costs a set test, and one that does is tried only where they start. Other
    lists, and lists of more than PER_STRING_MAX texts, scan them as one joined string
    (one pass per list, not per string)."""
    if regex is None:
        return
    if isinstance(texts, list) and isinstance(regex, Phrases) and len(texts) > 1 \
            and (not regex.anchored or len(texts) > PER_STRING_MAX):
        joined, joined_index = _joined(texts)
        for match in regex.scan(joined.text, joined_index):
            index, start = joined.locate(match.start())
            pointer, text = texts[index]
            if start + (match.end() - match.start()) > len(text):
                continue
            if allow_negated or not negated(text, start):
                yield pointer, text, Found(text, start, start + match.end() - match.start())
        return
    first_words = regex.first_words if isinstance(regex, Phrases) else None
    for pointer, text in texts:
        if first_words is not None and (not text or first_words.isdisjoint(_indexed(text)[1])):
            continue  # the common case, tested here rather than in a generator per string
        for each in regex.finditer(text):
            if allow_negated or not negated(text, each.start()):
                yield pointer, text, each


def quote(text: str, limit: int = 60) -> str:
    """`"…text…"` on one line, at most `limit` characters inside the quotes."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f'"{flat}"'


class ProseLines:
    """Where offsets of an uncovered paragraph (`uncovered`: "#L<line>", its lines
    stripped and joined by one space) stand in the source. Built once per paragraph (a
    pass over its lines), then each offset is a binary search: a paragraph with many
    findings costs its length once, not once per finding."""

    def __init__(self, document: Document, where: str, length: int) -> None:
        from bisect import bisect_right

        self._bisect = bisect_right
        self._first = int(where[2:])
        lines = document.lines or []
        self._starts: list[int] = []  # the paragraph offset each source line begins at
        self._indents: list[int] = []
        self._lengths: list[int] = []
        offset, line = 0, self._first
        while line <= len(lines) and offset <= length:
            raw = lines[line - 1]
            text = raw.strip()
            self._starts.append(offset)
            self._indents.append(len(raw) - len(raw.lstrip()))
            self._lengths.append(len(text))
            offset += len(text) + 1
            line += 1

    def span(self, start: int, end: int) -> Span:
        """The source span of paragraph[start:end] (a phrase broken across two lines ends
        on the first)."""
        if not self._starts:
            return Span.point(self._first)
        index = max(0, self._bisect(self._starts, start) - 1)
        offset = self._starts[index]
        column = self._indents[index] + (start - offset) + 1
        stop = min(end, offset + self._lengths[index])
        return Span(self._first + index, column, self._first + index, column + max(0, stop - start) - 1)


def span_at(document: Document, pointer: str, needle: str) -> Span | None:
    """Where `needle` stands in the source (the node's span when it cannot be pinned down)."""
    if pointer.startswith("#L"):
        first = int(pointer[2:])
        last = min(len(document.lines), first + 200)
        for number in range(first, last + 1):  # the words themselves first, then their first word
            column = document.lines[number - 1].find(needle)
            if column >= 0 and needle:
                return Span(number, column + 1, number, column + len(needle))
        for number in range(first, last + 1):
            column = document.lines[number - 1].find(needle.split()[0] if needle.split() else needle)
            if column >= 0:
                return Span(number, column + 1, number, column + len(needle))
        return Span.point(first)
    try:
        return document.locate_text(pointer, needle)
    except Exception:  # a position is a courtesy: never let it stop inference
        return document.spans.get(pointer)


_terms_cache: dict[int, tuple[Any, tuple[str, ...]]] = {}


def terms_of(value: Any) -> tuple[str, ...]:
    """A settings word list as a tuple of strings, built once per list object (the phrase
    matcher is cached by that tuple, and rebuilding it per call was a measurable cost)."""
    if not isinstance(value, (list, tuple)):
        return ()
    cached = _terms_cache.get(id(value))
    if cached is not None and cached[0] is value:
        return cached[1]
    if len(_terms_cache) > 512:
        _terms_cache.clear()
    result = tuple(str(item) for item in value)
    _terms_cache[id(value)] = (value, result)
    return result


def has_words(text: str, words: frozenset[str]) -> bool:
    """Whether `text` holds any of `words` (lower-case, whole words): a cheap filter."""
    return not words.isdisjoint(_indexed(text)[1])
