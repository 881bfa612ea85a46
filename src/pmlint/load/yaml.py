"""YAML text → Document, through ruamel.yaml.clib's C parser.

Why not ruamel's round-trip loader: it costs ~40 ms per 4 KB postmortem; composing
nodes with the C parser costs ~1.4 ms and still gives every node its marks. We build
the plain data tree from the nodes ourselves, which also means no YAML tag can ever
construct an object: tags are only ever read as strings.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Document, Problem, Span, join_pointer
from .limits import MAX_DEPTH, MAX_NODES, LimitExceeded, flow_and_block_depth
from .suppressions import find_suppressions

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OTHER = re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}

_parser_class: type | None = None


def _parser(text: str):
    """A CParser whose resolver is ours: tags are labels, never constructors."""
    global _parser_class
    if _parser_class is None:
        from _ruamel_yaml import CParser

        class _NodeParser(CParser):  # type: ignore[misc,valid-type]
            def descend_resolver(self, *args: Any) -> None:
                pass

            def ascend_resolver(self, *args: Any) -> None:
                pass

            def resolve(self, kind: type, value: Any, implicit: Any) -> str:
                return "?"  # implicit: we resolve plain scalars in _scalar()

        _parser_class = _NodeParser
    return _parser_class(text)


def load_yaml(path: str, text: str) -> Document:
    """Parse `text`; every syntax or structure problem becomes a Problem on the Document."""
    lines = text.splitlines()
    document = Document(path=path, format="yaml", lines=lines, data={})
    document.suppressions, document.problems = find_suppressions(lines)
    depth, depth_line = flow_and_block_depth(text)
    if depth > MAX_DEPTH:
        document.problems.append(Problem(
            "too-deep", f"Nesting is {depth} levels deep (limit {MAX_DEPTH}); document not parsed",
            Span.point(depth_line)))
        return document
    try:
        root = _compose(text, document)
    except LimitExceeded as error:
        document.problems.append(error.problem)
        return document
    except Exception as error:  # every parser failure is a finding, never a traceback
        document.problems.append(_syntax_problem(error, lines))
        return document
    if root is None:
        document.problems.append(Problem("empty", "The document is empty", Span.point(1)))
        return document
    builder = _TreeBuilder(document, lines)
    try:
        data = builder.build(root, "", 0)
    except LimitExceeded as error:
        document.problems.append(error.problem)
        return document
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        document.problems.append(Problem(
            "not-a-mapping", f"A postmortem must be a mapping of fields, but this document is {kind}",
            document.spans.get("", Span.point(1))))
        data = {}
    document.data = data
    return document


def _compose(text: str, document: Document):
    parser = _parser(text)
    root = parser.get_node() if parser.check_node() else None
    if parser.check_node():
        extra = parser.get_node()
        mark = extra.start_mark
        document.problems.append(Problem(
            "multiple-documents",
            "File holds more than one YAML document; only the first is linted",
            Span.point(mark.line + 1, mark.column + 1)))
    return root


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
        line, column = getattr(error, "position", 0) and 1, 1
        message = f"YAML could not be read: {str(error).splitlines()[0] if str(error) else type(error).__name__}"
    return Problem("syntax", message, Span.point(line, column))


class _TreeBuilder:
    """Nodes → plain data, recording a span for every node's JSON Pointer."""

    def __init__(self, document: Document, lines: list[str]) -> None:
        self.document = document
        self.lines = lines
        self.count = 0

    def span(self, node: Any) -> Span:
        start, end = node.start_mark, node.end_mark
        end_line, end_column = end.line + 1, end.column
        if end_column == 0 and end.line > start.line:
            end_line = end.line
            end_column = len(self.lines[end_line - 1]) if end_line <= len(self.lines) else 1
        return Span(start.line + 1, start.column + 1, end_line, max(end_column, 1))

    def build(self, node: Any, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            what = "aliases expand" if self.count > MAX_NODES else "nesting goes"
            raise LimitExceeded(
                "too-large-expansion",
                f"Document {what} beyond pmlint's limits ({MAX_NODES:,} nodes, {MAX_DEPTH} levels): "
                "likely an alias bomb or a recursive anchor; not linted",
                self.span(node))
        span = self.span(node)
        self.document.spans[pointer] = span
        tag = node.tag
        if tag not in ("?", "!") and tag not in _PLAIN_TAGS:
            self.document.problems.append(Problem(
                "yaml-tag", f"YAML tag {tag!r} is ignored: pmlint reads plain data only", span, pointer))
        kind = type(node).__name__
        if kind == "ScalarNode":
            return _scalar(node)
        if kind == "SequenceNode":
            return [self.build(item, join_pointer(pointer, index), depth + 1) for index, item in enumerate(node.value)]
        return self.mapping(node, pointer, depth)

    def mapping(self, node: Any, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merges: list[Any] = []
        for key_node, value_node in node.value:
            if type(key_node).__name__ != "ScalarNode":
                self.document.problems.append(Problem(
                    "complex-key", "Mapping keys must be plain text, not lists or mappings",
                    self.span(key_node), pointer))
                continue
            key = _scalar(key_node)
            if key_node.value == "<<" and key_node.tag in ("?", _CORE + "merge") and not key_node.style:
                merges.append(value_node)
                continue
            key = "" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
            child = join_pointer(pointer, key)
            if key in result:
                self.document.problems.append(Problem(
                    "duplicate-key",
                    f"Duplicate key {key!r}: the earlier value at line {self.document.spans[child].line} is lost",
                    self.span(key_node), child))
            result[key] = self.build(value_node, child, depth + 1)
        for merge in merges:
            sources = merge.value if type(merge).__name__ == "SequenceNode" else [merge]
            for source in sources:
                merged = self.build(source, pointer, depth + 1)
                if isinstance(merged, dict):
                    for key, value in merged.items():
                        result.setdefault(key, value)
        self.document.spans[pointer] = self.span(node)
        return result


def _scalar(node: Any) -> Any:
    """YAML 1.2 core-schema resolution for plain scalars; quoted ones stay strings.

    Dates and times stay ISO strings, as the document model requires.
    """
    value = node.value
    if node.style or node.tag == _CORE + "str" or len(value) > 64:
        return value
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
