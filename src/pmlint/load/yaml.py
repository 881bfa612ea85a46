"""YAML text → Document, from the event stream of ruamel.yaml.clib's C parser.

Why events and not nodes: libyaml's scanner and parser are iterative (their stacks
live on the heap), but every composer, the C one included, recurses once per
nesting level; 100,000 nested `[` or `- - - ...` overflow the C stack and kill the
process with a segfault no `try` can catch. Building the tree ourselves from events,
with an explicit stack, means depth is just a counter we check as it grows, so a
hostile document becomes a PM002 finding after ~200 events instead of a crash.

Why not ruamel's round-trip loader: it costs ~40 ms per 4 KB postmortem; iterating
the C parser's events costs ~0.3 ms and still gives every node its marks. Building
plain data ourselves also means no YAML tag can ever construct an object: tags are
only ever read as strings.

Aliases are never expanded: an alias shares the anchored value and adds the anchored
subtree's node count to a running total, so a billion-laughs bomb is detected by
arithmetic in microseconds, without ever building the expansion.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..model import Document, DocumentMeta, Problem, Span, join_pointer
from .evidence import Evidence, find_evidence
from .limits import MAX_DEPTH, MAX_NODES, LimitExceeded
from .suppressions import find_suppressions

_CORE = "tag:yaml.org,2002:"
_STR_TAG = _CORE + "str"
#: (`!binary` is the short form Ruby's YAML writes for the core binary type: Jekyll's
#: WordPress imports date every post and comment `date: !binary |- MjAwNC0x...`)
_PLAIN_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")} | \
    {"!binary"}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OTHER = re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
#: First characters of every plain scalar that resolves to something other than text ("" is null).
_NON_TEXT_START = frozenset(["", *"0123456789+-.~nNtTfF"])
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
#: A tag longer than this is shown shortened in messages.
_TAG_SHOWN = 60


def load_yaml(path: str, text: str) -> Document:
    """Parse `text`; every syntax or structure problem becomes a Problem on the Document."""
    lines = text.splitlines()
    document = Document(path=path, format="yaml", lines=lines, data={})
    document.suppressions, document.problems = find_suppressions(lines)
    builder = _TreeBuilder(document, lines)
    try:
        found, data = builder.build(text)
    except LimitExceeded as error:
        document.problems.append(error.problem)
        return document
    except Exception as error:  # every parser failure is a finding, never a traceback
        document.problems.append(_syntax_problem(error, lines))
        return document
    if not found:
        document.problems.append(Problem("empty", "The document is empty", Span.point(1)))
        return document
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        document.problems.append(Problem(
            "not-a-mapping", f"A postmortem must be a mapping of fields, but this document is {kind}",
            document.spans.get("", Span.point(1))))
        data = {}
    document.data = data
    document.meta = DocumentMeta(evidence=_evidence(document))
    return document


def _evidence(document: Document) -> Evidence:
    """Facts stated in any string value (a summary saying "a customer reported it"), so
    rules search the whole document before they claim something is missing."""

    def pieces() -> Iterator[tuple[str, int, int, str | None]]:
        stack: list[tuple[str, object]] = [("", document.data)]
        while stack:
            pointer, node = stack.pop()
            if isinstance(node, dict):
                stack.extend((join_pointer(pointer, key), value) for key, value in reversed(list(node.items())))
            elif isinstance(node, list):
                stack.extend((join_pointer(pointer, index), value) for index, value in reversed(list(enumerate(node))))
            elif isinstance(node, str) and pointer:
                span = document.spans.get(pointer)
                yield node, span.line if span else 1, span.column if span else 1, pointer.split("/")[1] or None

    return find_evidence(pieces)  # walked on the first request only (the data tree stays as it is)


def _syntax_problem(error: Exception, lines: list[str]) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None)
    if mark is not None and problem:
        line, column = mark.line + 1, mark.column + 1
        message = f"YAML syntax error: {problem}"
        context = getattr(error, "context", None)
        if context:
            message += f" ({context} at line {getattr(error, 'context_mark').line + 1})" \
                if getattr(error, "context_mark", None) is not None else f" ({context})"
        if "\\t" in problem or "\t" in problem or (0 < line <= len(lines) and "\t" in lines[line - 1][:column]):
            message += "; tabs cannot indent YAML, use spaces"
    else:
        line, column = 1, 1
        message = f"YAML could not be read: {str(error).splitlines()[0] if str(error) else type(error).__name__}"
    return Problem("syntax", message, Span.point(line, column))


class _Frame:
    """One open collection on the builder's explicit stack."""

    __slots__ = ("value", "pointer", "start", "is_map", "key", "key_pointer", "merges", "anchor",
                 "count_at_start", "discard")

    def __init__(self, value: Any, pointer: str | None, start: Any, is_map: bool, anchor: str | None,
                 count_at_start: int) -> None:
        self.value = value
        self.pointer = pointer          #: None: a complex key or merge source, whose spans are not recorded
        self.start = start
        self.is_map = is_map
        self.key: Any = None            #: pending mapping key (_NO_KEY when the next node is a key)
        self.key_pointer: str | None = None  #: the pending key's pointer, once read
        self.merges: list[Any] = []
        self.anchor = anchor
        self.count_at_start = count_at_start
        self.discard = False


_NO_KEY = object()
_SKIP = object()    #: the pending key could not be used (complex key): drop its value
_MERGE = object()   #: the pending key is `<<`: merge its value at the end of the mapping


def _no_content(line: str, comments: bool) -> bool:
    """A blank line, or (with `comments`) a comment-only line."""
    stripped = line.strip()
    return not stripped or (comments and stripped.startswith("#"))


class _TreeBuilder:
    """Events → plain data, recording a span for every node's JSON Pointer."""

    def __init__(self, document: Document, lines: list[str]) -> None:
        self.document = document
        self.lines = lines
        self.count = 0
        #: tag → (index of its problem, times seen): a tag repeated on every comment of an
        #: export is one problem, with its count, not one per node
        self.tags_seen: dict[str, tuple[int, int]] = {}
        self.aliased = False
        #: anchor → (value, node count of its subtree)
        self.anchors: dict[str, tuple[Any, int]] = {}

    def span(self, start: Any, end: Any, collection: bool = False) -> Span:
        """Marks (0-based, end exclusive) → Span (1-based, end inclusive).

        libyaml ends a block collection, and a block scalar with trailing blank lines,
        where the next token starts: at column 0 of a later line, or after the next
        item's indentation. Such a node really ends at the last character of the last
        line before that with content (for a collection, a comment-only line is not
        content; in a literal block scalar it is), never at the start of the next line.
        """
        end_line, end_column = end.line, end.column  # 0-based line; exclusive column == inclusive 1-based
        lines = self.lines
        if end_line > start.line and (end_line >= len(lines) or not lines[end_line][:end_column].strip()):
            end_line -= 1
            while end_line > start.line and end_line < len(lines) and _no_content(lines[end_line], collection):
                end_line -= 1
            end_column = len(lines[end_line].rstrip()) if end_line < len(lines) else 1
        return Span(start.line + 1, start.column + 1, end_line + 1, max(end_column, 1))

    def _tag_problem(self, tag: str, event: Any, pointer: str | None) -> None:
        """Record a tag pmlint does not construct: once per distinct tag, at its first node,
        with the count of the nodes that carry it."""
        shown = tag if len(tag) <= _TAG_SHOWN else tag[:_TAG_SHOWN] + "…"
        seen = self.tags_seen.get(tag)
        problems = self.document.problems
        if seen is None:
            self.tags_seen[tag] = (len(problems), 1)
            problems.append(Problem("yaml-tag", f"YAML tag {shown!r} is ignored: pmlint reads plain data only",
                                    self.span(event.start_mark, event.end_mark), pointer or ""))
            return
        index, times = seen[0], seen[1] + 1
        self.tags_seen[tag] = (index, times)
        first = problems[index]
        problems[index] = Problem(first.code, f"YAML tag {shown!r} ({times} nodes) is ignored: pmlint reads plain data only",
                                  first.span, first.pointer)

    def _limit(self, added: int, mark: Any) -> None:
        self.count += added
        if self.count > MAX_NODES:
            if self.aliased:
                message = (f"Aliases expand this document beyond {MAX_NODES:,} nodes: likely an alias bomb; "
                           "not linted")
            else:
                message = f"Document holds more than {MAX_NODES:,} values, far more than any postmortem; not linted"
            raise LimitExceeded("too-large-expansion", message, Span.point(mark.line + 1, mark.column + 1))

    def build(self, text: str) -> tuple[bool, Any]:
        """(whether the stream held a document, the first document's data)."""
        from _ruamel_yaml import CParser

        parser = CParser(text)
        stack: list[_Frame] = []
        spans = self.document.spans
        root: Any = None
        found = False
        while True:
            event = parser.get_event()
            kind = type(event).__name__
            if kind in ("StreamStartEvent", "DocumentEndEvent"):
                continue
            if kind == "StreamEndEvent":
                return found, root
            if kind == "DocumentStartEvent":
                if found:
                    mark = event.start_mark
                    self.document.problems.append(Problem(
                        "multiple-documents", "File holds more than one YAML document; only the first is linted",
                        Span.point(mark.line + 1, mark.column + 1)))
                    return found, root
                found = True
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                frame = stack.pop()
                value = frame.value
                if frame.is_map:
                    for merged in frame.merges:
                        for source in merged if isinstance(merged, list) else [merged]:
                            if isinstance(source, dict):
                                for key, item in source.items():
                                    value.setdefault(key, item)
                if frame.pointer is not None:
                    spans[frame.pointer] = self.span(frame.start, event.end_mark, collection=True)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, self.count - frame.count_at_start + 1)
                root = self._attach(stack, value, frame.start, event.end_mark, frame.discard)
                continue

            # A node starts: scalar, alias, mapping or sequence. Where does it go?
            parent = stack[-1] if stack else None
            if parent is None:
                pointer: str | None = ""
            elif parent.pointer is None:
                pointer = None
            elif parent.is_map:
                if parent.key is _NO_KEY:
                    pointer = None  # this node is a key
                elif parent.key is _SKIP or parent.key is _MERGE:
                    pointer = None
                else:
                    pointer = parent.key_pointer or join_pointer(parent.pointer, parent.key)
            else:
                pointer = join_pointer(parent.pointer, len(parent.value))
            is_key = parent is not None and parent.is_map and parent.key is _NO_KEY

            if kind == "AliasEvent":
                anchored = self.anchors.get(event.anchor)
                if anchored is None:
                    raise _AliasError(event)
                self.aliased = True
                self._limit(anchored[1], event.start_mark)
                if pointer is not None:
                    spans[pointer] = self.span(event.start_mark, event.end_mark)
                root = self._attach(stack, anchored[0], event.start_mark, event.end_mark, False, is_alias=True)
                continue

            self.count += 1  # `_limit(1, ...)` inlined: this runs for every node
            if self.count > MAX_NODES:
                self._limit(0, event.start_mark)
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
                self._tag_problem(tag, event, pointer)
            if kind == "ScalarEvent":
                value = _scalar(event, tag)
                if pointer is not None:
                    start, end = event.start_mark, event.end_mark
                    # one line (most scalars): what `span` returns, without its checks
                    spans[pointer] = Span(start.line + 1, start.column + 1, start.line + 1, max(end.column, 1)) \
                        if end.line == start.line else self.span(start, end)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                root = self._attach(stack, value, event.start_mark, event.end_mark, False, scalar=event)
                continue
            if len(stack) >= MAX_DEPTH:
                mark = event.start_mark
                raise LimitExceeded(
                    "too-deep", f"Nesting is more than {MAX_DEPTH} levels deep; document not parsed",
                    Span.point(mark.line + 1, mark.column + 1))
            is_map = kind == "MappingStartEvent"
            frame = _Frame({} if is_map else [], pointer, event.start_mark, is_map, event.anchor, self.count)
            frame.discard = is_key
            if is_map:
                frame.key = _NO_KEY
            stack.append(frame)

    def _attach(self, stack: list[_Frame], value: Any, start: Any, end: Any, discard: bool,
                scalar: Any = None, is_alias: bool = False) -> Any:
        """Put a finished node into its parent; returns the value when it is the root."""
        if not stack:
            return value
        parent = stack[-1]
        if not parent.is_map:
            parent.value.append(value)
            return None
        if parent.key is _NO_KEY:  # `value` is a key
            if discard or scalar is None and not (is_alias and not isinstance(value, (dict, list))):
                self.document.problems.append(Problem(
                    "complex-key", "Mapping keys must be plain text, not lists or mappings",
                    self.span(start, end), parent.pointer or ""))
                parent.key = _SKIP
                return None
            if scalar is not None and scalar.value == "<<" and not scalar.style and \
                    scalar.tag in (None, _CORE + "merge"):
                parent.key = _MERGE
                return None
            key = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
            if key in parent.value and parent.pointer is not None:
                child = join_pointer(parent.pointer, key)
                earlier = self.document.spans.get(child)
                where = f" at line {earlier.line}" if earlier else ""
                self.document.problems.append(Problem(
                    "duplicate-key", f"Duplicate key {_shown(key)}: the earlier value{where} is lost",
                    self.span(start, end), child))
            parent.key = key
            if parent.pointer is not None:  # where a finding about a missing field below it points
                parent.key_pointer = join_pointer(parent.pointer, key)
                self.document.key_spans[parent.key_pointer] = Span(
                    start.line + 1, start.column + 1, end.line + 1, max(end.column, 1))
            return None
        key, parent.key, parent.key_pointer = parent.key, _NO_KEY, None
        if key is _MERGE:
            parent.merges.append(value)
        elif key is not _SKIP:
            parent.value[key] = value
        return None


class _AliasError(Exception):
    """An alias to an anchor that is not (yet) defined: undefined, or recursive."""

    def __init__(self, event: Any) -> None:
        super().__init__("found undefined alias")
        self.problem = f"found undefined or recursive alias *{_shorten(event.anchor)}"
        self.problem_mark = event.start_mark
        self.context = None


def _shorten(text: str, limit: int = _TAG_SHOWN) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _shown(key: str) -> str:
    return repr(_shorten(key))


def _scalar(node: Any, tag: str | None) -> Any:
    """YAML 1.2 core-schema resolution for plain scalars; quoted ones stay strings.
    `tag` is the node's (ruamel's `tag` is a property that builds it on every read).

    Dates and times stay ISO strings, as the document model requires.
    """
    value = node.value
    if value[:1] not in _NON_TEXT_START or node.style or len(value) > 64 or tag == _STR_TAG:
        return value  # most scalars are words: skip the regexes
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value)
    if _INT_OTHER.match(value):
        return int(value, 0)
    if _FLOAT.match(value):
        return float(value)
    lowered = value.lower()
    if lowered in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[lowered]
    return value
