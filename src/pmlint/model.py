"""The document model every stage shares: Document, Span, Finding, Severity.

Plain dataclasses with no I/O, so loaders, rules and reporters can be tested in
isolation and a rule never needs to know whether a postmortem was YAML or Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import Any, Iterator, Mapping, Protocol

from .headings import Heading, atx_headings


class Severity(IntEnum):
    """Ordered so that `finding.severity >= fail_on` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A region of the source, 1-based lines and columns; end is inclusive of its line."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> "Span":
        return cls(line, column, line, column)

    def __reduce__(self) -> tuple[Any, tuple[int, int, int, int]]:
        # pickled by position: a pool sends back ~10 spans per file, and the default
        # (a frozen, slotted dataclass's __setstate__, a Python loop) doubles the parent's unpickling
        return Span, (self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Suppression:
    """One `pmlint: disable=...` comment.

    `target_line` is the source line it covers, or None for a file-wide suppression.
    `rules` holds ids or names as written. Frozen: the filter stage keeps its own
    record of which codes were used (`suppress.py`), never writing into the document.
    """

    rules: tuple[str, ...]
    line: int
    column: int
    target_line: int | None
    reason: str | None = None
    #: last column of the comment (1-based, inclusive); 0 when unknown (then `column`)
    end_column: int = 0


@dataclass(slots=True)
class Problem:
    """Something a loader could not make sense of (bad syntax, duplicate key, ...).

    Loaders never decide severity or wording policy: they record a problem `code`
    and the document rules (PM0xx) turn problems into findings.
    """

    code: str
    message: str
    span: Span
    pointer: str = ""


#: Loader problems after which the data tree is empty or meaningless: only the
#: document rules (PM0xx) run, so a syntax error is one finding, not fifty.
FATAL_PROBLEMS = frozenset({
    "syntax", "encoding", "too-large", "too-deep", "too-large-expansion", "unreadable", "empty", "not-a-mapping",
    "loader-error", "outside-root", "time-budget",
})


class EvidenceIndex(Protocol):
    """Where a document states a kind of fact anywhere in its text (`load.evidence.Evidence`):
    `get(kind)` → {"line", "column", "text", "label"} or None."""

    def get(self, kind: str, default: Any = None) -> dict[str, Any] | None: ...


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a loader knows about a document beyond its data, for the stages after it
    (rules, inference, the history report). A loader sets it once, whole; nothing after
    the loader writes into it. Fields a format cannot know keep their empty default.
    See load/markdown.py for how the Markdown loader fills each one."""

    #: the title heading's line (Markdown; else front matter `title:`, else 1), where
    #: findings about a missing field point (`Document.missing_span`); None: YAML
    title_line: int | None = None
    #: (first, last) line, inclusive, of each fenced or indented code block: `locate_text`
    #: skips matches there
    code_lines: tuple[tuple[int, int], ...] = ()
    #: recognised section key (plus `whys`, `lessons.went_well`, ...) → line of the heading
    #: or bold label that opened it, even for an empty section (Markdown)
    sections: Mapping[str, int] = field(default_factory=dict)
    #: the whole-document evidence search (both loaders): checked before any "missing" claim
    evidence: EvidenceIndex | None = None
    #: front-matter keys that are not schema fields (Jekyll's `weight`, `tags`, ...)
    front_matter: Mapping[str, Any] = field(default_factory=dict)
    #: the H1 text (also `data.title` when front matter has none)
    title: str | None = None
    #: the line of the lead paragraphs used as `summary` when no heading opens one
    lead_summary: int | None = None
    #: how the action items were written: "table" | "list" | "prose"; None: no items found
    action_item_source: str | None = None
    #: the action-item fields the table's columns map to ("the table has no owner column")
    action_item_columns: tuple[str, ...] = ()
    #: item index (as a string) → the sub-heading or label it was listed under
    action_item_groups: Mapping[str, str] = field(default_factory=dict)
    #: pointers of timeline entries written as approximate (`~12:00`)
    timeline_approximate: tuple[str, ...] = ()
    #: pointers of timeline entries whose hour may be a.m. or p.m. (`4:16` written with no
    #: leading zero and no am/pm in a document that writes `9:40am` elsewhere): never night work
    timeline_ambiguous_hours: tuple[str, ...] = ()
    #: (pointer, zone as written: `BST`, `PDT`, `UTC`) for each timeline entry whose own text
    #: names its zone (Markdown); the ISO `at` keeps only the offset, and PM506 needs the name
    timeline_zone_words: tuple[tuple[str, str], ...] = ()
    #: the document writes am/pm somewhere (`9:40am`, `3 p.m.`): it keeps a 12-hour clock
    twelve_hour_clock: bool = False
    #: which way the document writes numeric dates (`11/01/2026`): True day first, False
    #: month first (Markdown: `times.day_first_dates`); None: not known (YAML)
    day_first_dates: bool | None = None
    #: the timeline was written newest first (a status page, an incident log; Markdown:
    #: `timeline._newest_first`); the loader put it oldest first, so every time computation
    #: reads it as any timeline. YAML timelines are read either way by `pmlint.timeline`
    timeline_newest_first: bool = False
    #: a log of many incidents (the `incident-log` form, Markdown: `timeline._incidents`): the
    #: index of the first timeline entry of each incident, oldest incident first. Order is
    #: checked within an incident, never across two, and no duration is measured across
    #: two (`pmlint.timeline.measured_incident`). Empty: the timeline is one incident
    timeline_incidents: tuple[int, ...] = ()
    #: the prose is in a language pmlint's vocabularies do not read (Markdown: fewer than
    #: `prose.ENGLISH_SHARE` of its words are common English words): a rule that claims
    #: something is absent cannot have searched for it (`Rule.claims_absence`)
    unread_language: bool = False
    #: forms the document takes that leave things out by design (Markdown:
    #: `forms.document_forms`: `incident-log`, a status page's history of many incidents;
    #: `interim-update`, written while the incident is open; `personal`, one person's write-up
    #: of their own systems): what a rule says is absent
    #: is not claimed outside `strict` when the rule lists the form (`Rule.omitted_by`)
    forms: tuple[str, ...] = ()


#: the meta of a document no loader said anything about (frozen: one instance serves all)
NO_META = DocumentMeta()


@dataclass(slots=True)
class Document:
    """A postmortem, whatever format it was written in."""

    path: str
    format: str
    lines: list[str]
    data: Any
    spans: dict[str, Span] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: JSON Pointer → span of the mapping key that introduces the node (YAML), so a finding
    #: about a field missing inside `impact:` points at `impact:` rather than its first child.
    key_spans: dict[str, Span] = field(default_factory=dict)
    #: What the loader knows beyond the data (the Markdown section map, code lines, ...).
    meta: DocumentMeta = NO_META
    #: locate_text's work, kept per (pointer, needle): a rule reporting the same phrase a
    #: thousand times in one field must not rescan the field a thousand times (quadratic)
    _located: dict[tuple[str, str], list[tuple[int, int, int, int]]] = field(default_factory=dict, repr=False,
                                                                             compare=False)
    #: headings()'s answer, with the lines and code ranges it was read from
    _headings: tuple[list[str], Any, tuple[Heading, ...]] | None = field(default=None, repr=False, compare=False)
    #: prose_lines()'s set of code line numbers, with the code ranges it was built from
    _code_numbers: tuple[Any, set[int]] | None = field(default=None, repr=False, compare=False)
    _comment_numbers: tuple[list[str], frozenset[int]] | None = field(default=None, repr=False, compare=False)

    @property
    def broken(self) -> bool:
        return any(problem.code in FATAL_PROBLEMS for problem in self.problems)

    def span_for(self, pointer: str) -> Span:
        """The span of `pointer`, or of its nearest ancestor that has one."""
        spans = self.spans
        while True:
            span = spans.get(pointer)
            if span is not None:
                return span
            if not pointer:
                return Span.point(1, 1)
            pointer = pointer.rpartition("/")[0]

    def headings(self) -> tuple[Heading, ...]:
        """The document's ATX heading lines, in order (`headings.atx_headings`), those in code
        blocks marked `in_code`: read once per document, however many checks ask which
        section holds a line (each asks with a walk or a bisection over these few lines)."""
        kept = self._headings
        code = self.meta.code_lines
        if kept is not None and kept[0] is self.lines and kept[1] is code:
            return kept[2]
        found = atx_headings(self.lines, code)
        self._headings = (self.lines, code, found)
        return found

    def prose_lines(self) -> Iterator[tuple[int, str]]:
        """The lines outside code blocks (`meta.code_lines`), as (1-based line number, text),
        in order: what a check that reads the authors' prose scans, since code and logs are
        no prose of theirs. One helper for what several checks each built for themselves
        (`code_line_numbers` and a loop that skips its lines); the set of code line numbers
        is built once per document, however many checks ask."""
        code = self.code_line_set()
        for number, text in enumerate(self.lines or (), start=1):
            if number not in code:
                yield number, text

    def comment_line_set(self) -> frozenset[int]:
        """The numbers of the lines inside HTML comments that open a line (`<!-- ... -->`:
        a template's instructions and its example timeline, which nobody reading the
        rendered page sees), from the opening line through the closing one. Built once per
        document in one pass; shared by every reader that must not take a template's
        example for the incident (inference's uncovered prose, a labelled time to detect)."""
        kept = self._comment_numbers
        if kept is not None and kept[0] is self.lines:
            return kept[1]
        inside: set[int] = set()
        comment = False
        for number, line in enumerate(self.lines or (), start=1):
            text = line.strip()
            if comment or text.startswith("<!--"):
                inside.add(number)
                comment = "-->" not in text[4:] if text.startswith("<!--") else "-->" not in text
        found = frozenset(inside)
        self._comment_numbers = (self.lines, found)
        return found

    def code_line_set(self) -> set[int]:
        """The numbers of the lines inside code blocks, built once per document (and again
        only if `meta` is replaced): a membership test in constant time, however many code
        blocks the document has. Shared: read it, never change it."""
        ranges = getattr(self.meta, "code_lines", ())
        kept = self._code_numbers
        if kept is not None and kept[0] is ranges:
            return kept[1]
        code = code_line_numbers(ranges)
        self._code_numbers = (ranges, code)
        return code

    def missing_span(self, pointer: str) -> Span:
        """Where to report something absent at `pointer`: the first line of its nearest
        existing ancestor; for a field missing at the top, the title line."""
        parent = pointer
        while parent:
            parent = parent.rpartition("/")[0]
            span = self.key_spans.get(parent) or self.spans.get(parent)
            if span is not None and parent:
                return Span(span.line, span.column, span.line, self._line_end(span.line))
        anchor = self.meta.title_line
        title = self.spans.get("/title")
        line = anchor or (title.line if title else 1)
        return Span(line, 1, line, self._line_end(line))

    def _line_end(self, line: int) -> int:
        return max(1, len(self.lines[line - 1])) if 0 < line <= len(self.lines) else 1

    def locate_text(self, pointer: str, needle: str, occurrence: int = 0) -> Span:
        """The span of the `occurrence`-th match of `needle` inside the source region of `pointer`.

        Rules report a phrase by its text; this finds where it really stands in the
        file (the source may fold, wrap or quote the string, so offsets in the parsed
        value do not map to columns). The phrase's words may be separated by any run
        of whitespace, line breaks and indentation included, and a needle that starts
        or ends with a word character matches only at a word boundary (`needle_regex`;
        checks count `occurrence` with the same matcher, `occurrence_at`). The phrase
        must start between the node's start and the end of its last line; it may run
        on past it. The span runs from the phrase's first character to its last, which
        may be on a later line. Matches that start on a code line (`meta.code_lines`,
        ranges of fenced and indented code blocks a loader recorded) are skipped and not
        counted: code is never part of a text value, so the phrase a rule reports is not
        there. Falls back to the node's own span.
        """
        base = self.span_for(pointer)
        if not needle or not needle.strip() or not self.lines:
            return base
        first = max(base.line, 1)
        last = min(max(base.end_line, first), len(self.lines))
        if first > last:
            return base
        found = self._located.get((pointer, needle))
        if found is None:
            found = self._located[(pointer, needle)] = self._locate_all(base, first, last, needle)
        if 0 <= occurrence < len(found):
            return Span(*found[occurrence])
        return base

    def _locate_all(self, base: Span, first: int, last: int, needle: str) -> list[tuple[int, int, int, int]]:
        """Every countable match of `needle` in the region of a node (see `locate_text`), as
        (line, column, end_line, end_column): one scan of the region, whatever the occurrence."""
        # a phrase that starts on the node's last line may run on past it (a loader that
        # spans only the first line of a wrapped list item): read a few lines more
        beyond = min(last + len(needle.split()) - 1, len(self.lines))
        region = "\n".join(self.lines[first - 1:beyond])
        limit = sum(len(line) + 1 for line in self.lines[first - 1:last])
        offset = min(max(base.column - 1, 0), len(self.lines[first - 1]))
        # (a set, built once per document: a scan of every code block for every match was
        # quadratic on a file of many code blocks and many matches)
        code = self.code_line_set() if self.meta.code_lines else None
        found: list[tuple[int, int, int, int]] = []
        line, line_start, counted = first, 0, 0  # newlines are counted once, left to right
        for match in needle_matches(region, needle, offset):
            if match.start() >= limit:
                break
            newline = region.rfind("\n", counted, match.start())
            if newline >= 0:
                line += region.count("\n", counted, match.start())
                line_start = newline + 1
            counted = match.start()
            if code and line in code:
                continue
            end = max(match.end() - 1, match.start())
            end_line = line + region.count("\n", match.start(), end)
            end_start = max(region.rfind("\n", match.start(), end) + 1, line_start)
            found.append((line, match.start() - line_start + 1, end_line, end - end_start + 1))
        return found


def code_line_numbers(ranges: Any, last: int | None = None) -> set[int]:
    """The 1-based numbers of the lines inside `ranges` (`DocumentMeta.code_lines`: (first,
    last) pairs, inclusive), up to line `last` when given: the lines a reader of prose
    skips. One set for a document's few code blocks, built in one pass."""
    return {number for first, end in ranges or () for number in range(first, (end if last is None else min(end, last)) + 1)}


#: Between two words of a phrase, the source may hold any run of whitespace: a line break
#: and the next line's YAML indentation, a wrapped Markdown paragraph, a `>` quote marker.
_GAP = r"(?:\s|(?<=\n)[ \t]*>)+"


@lru_cache(maxsize=2048)
def needle_regex(needle: str) -> re.Pattern[str] | None:
    """How a phrase reported by a rule is found again, in a string or in the source.

    Words match case-insensitively with any whitespace between them (see `_GAP`); a
    needle that begins or ends with a word character only matches at a word boundary
    there, so "He" never matches inside "The". `Document.locate_text` and the checks
    that compute a hit's `occurrence` (`occurrence_at`) both use this, so they count
    the same matches.
    """
    words = needle.split()
    if not words:
        return None
    body = _GAP.join(re.escape(word) for word in words)
    if re.match(r"\w", words[0]):
        body = r"(?<!\w)" + body
    if re.search(r"\w$", words[-1]):
        body += r"(?!\w)"
    return re.compile(body, re.IGNORECASE)


def needle_matches(text: str, needle: str, start: int = 0) -> Iterator[re.Match[str]]:
    """Every match of `needle` in `text` from `start`, overlapping ones included, in order."""
    regex = needle_regex(needle)
    if regex is None:
        return
    match = regex.search(text, start)
    while match is not None:
        yield match
        match = regex.search(text, match.start() + 1)


#: (text, needle) → where its matches start; emptied for each document (`forget_texts`), so
#: it holds one document's texts, however many phrases its rules report in them
_MATCH_STARTS: dict[tuple[str, str], tuple[int, ...]] = {}


def _match_starts(text: str, needle: str) -> tuple[int, ...]:
    """Where every match of `needle` in `text` starts (cached: a check reports many hits
    in the same text, and counting each from the start would be quadratic)."""
    found = _MATCH_STARTS.get((text, needle))
    if found is None:
        found = _MATCH_STARTS[(text, needle)] = tuple(match.start() for match in needle_matches(text, needle))
    return found


def forget_texts() -> None:
    """Drop the previous document's cached match positions (called per document)."""
    _MATCH_STARTS.clear()


def occurrence_at(text: str, needle: str, start: int) -> int:
    """Which occurrence of `needle` in `text` (0-based, as `needle_matches` counts them)
    begins at offset `start`: the `occurrence` a Hit passes to `Document.locate_text`."""
    from bisect import bisect_left

    return bisect_left(_match_starts(text, needle), start)


@dataclass(slots=True)
class Finding:
    """One problem a rule found, with everything every reporter needs."""

    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    path: str
    span: Span
    pointer: str = ""
    fix: str | None = None
    category: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.rule_id, self.message)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # by position, for the pool's workers (see Span.__reduce__); the severity as its
        # int (Severity(n) on the way back is an Enum lookup per finding, for nothing)
        return _finding, (self.rule_id, self.rule_name, int(self.severity), self.message, self.path, self.span,
                          self.pointer, self.fix, self.category)


_SEVERITIES: dict[int, Severity] = {int(severity): severity for severity in Severity}


def _finding(rule_id: str, rule_name: str, severity: int, message: str, path: str, span: Span, pointer: str,
             fix: str | None, category: str) -> Finding:
    """A Finding back from its pickle (Finding.__reduce__)."""
    return Finding(rule_id, rule_name, _SEVERITIES[severity], message, path, span, pointer, fix, category)


def escape_pointer_token(token: str | int) -> str:
    text = token if isinstance(token, str) else str(token)
    if "~" not in text and "/" not in text:  # the common case, on every node of every document
        return text
    return text.replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, token: str | int) -> str:
    """Append one JSON Pointer reference token (RFC 6901)."""
    return f"{parent}/{escape_pointer_token(token)}"


#: A place in a walk written as nested (parent place, token) pairs down to a starting
#: pointer: walks over every node build these cheaply and join a string only for a finding.
Place = Any


def place_pointer(place: Place) -> str:
    """The JSON Pointer of a (parent place, token) chain, joined only when a finding needs it."""
    tokens = []
    while isinstance(place, tuple):
        place, token = place
        tokens.append(token)
    for token in reversed(tokens):
        place = join_pointer(place, token)
    return place


def iter_strings(value: object, pointer: str = "", skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(pointer, text) for every string at or below `value`, in document order; pointers
    that start with one of `skip` (e.g. "/timeline") are left out, with all below them.

    Iterative, with an explicit stack: several rules and the inference walk every string
    of every document, and nested generators cost a frame switch per level per string.
    Lives in the model so the engine and `infer/` share it without importing each other.
    """
    found: list[tuple[str, str]] = []
    append = found.append
    # a stack of (pointer, value) iterators, one per open container: a string below a
    # container is taken where it is met, not pushed and popped (most nodes are strings)
    stack: list[Iterator[tuple[str, object]]] = [iter(((pointer, value),))]
    while stack:
        for where, node in stack[-1]:
            if skip and where.startswith(skip):
                continue
            if isinstance(node, str):
                append((where, node))
            elif isinstance(node, dict):
                stack.append(zip([f"{where}/{escape_pointer_token(key)}" for key in node], node.values()))
                break
            elif isinstance(node, list):
                stack.append(zip([f"{where}/{index}" for index in range(len(node))], node))
                break
        else:
            stack.pop()
    return found


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The value at `pointer`, or None when any step is missing."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list):
            try:
                node = node[int(token)]
            except (ValueError, IndexError):
                return None
        else:
            return None
    return node
