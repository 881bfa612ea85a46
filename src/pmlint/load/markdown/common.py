"""Shared helpers of the Markdown extractors: plain text, bold labels, and the output tree.

`plain()` turns raw inline Markdown into the readable text that goes into the data
(links keep their text, images and HTML go, emphasis markers go). `Output` collects
the data tree and a span for every node it sets, so every extractor reports real
positions the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ...model import Span, join_pointer
from .blocks import Block

# Link and image texts hold no bracket, URLs at most one level of parentheses, autolinks
# no `<` (as CommonMark has it): a match that may start at each `[` of a run and read to
# the end of the text looking for `]` is quadratic (`[(` repeated: minutes on 100 KB).
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")
#: `[text][label]` and `[text][]`; a bare `[label]` is a link only where the document
#: defines it, and is far more often literal text: a template's `[Name]`, a citation `[1]`
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
#: HTML comments are removed by `_strip_comments` (a scan with str.find: linear even for
#: ten thousand `<!--` and no `-->`); tags by this regex, which stops at any `<`
_HTML = re.compile(r"</?[A-Za-z][^<>]*>")
_STRONG = re.compile(r"\*\*|__|~~")
_EMPHASIS = re.compile(r"(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_SPACE = re.compile(r"[ \t\r\n]+")
#: `**Label**:`, `**Label:**`, `__Label__ -` at the start of a block
#: (possessive runs of spaces: between a lazy label and the closing `**`, two runs around an
#: optional colon split a long run of spaces every way there is, quadratic before this)
_BOLD_LABEL = re.compile(r"^\s*+(?:\*\*|__)(?P<label>[^*_\n]{1,80}?)\s*+(?P<colon>[:：.])?\s*+(?:\*\*|__)(?P<gap>\s*+)"
                         r"(?P<sep>[:：—–-])?\s*+")
#: Most words a run-in label closed by a full stop may have (`**Detection.** Manual audit.`,
#: `**Action items.**`): a longer bold text ending in a full stop is a sentence, not a label.
_RUN_IN_WORDS = 3


#: a bold task marker is a label even without a colon: "**TODO** add a ZFS exporter" is the
#: same open item as "**TODO**: add a ZFS exporter" (three TODOs were read as one)
_MARKER_LABEL = re.compile(r"to-?do|to do|done", re.IGNORECASE)

_SPECIAL = re.compile(r"[!\[<*_~`\\]")


@lru_cache(maxsize=8192)
def plain(markdown: str) -> str:
    """Readable text of inline Markdown, on one line (cached: extractors ask for the same text often)."""
    if not markdown:
        return ""
    if not _SPECIAL.search(markdown):
        if "  " in markdown or "\n" in markdown or "\t" in markdown or "\r" in markdown:
            return _SPACE.sub(" ", markdown).strip()
        return markdown.strip()  # no run of whitespace to fold: the substitution would change nothing
    text = _REF_LINK.sub(r"\1", unlinked(markdown))
    text = _AUTOLINK.sub(r"\1", text)
    text = _strip_comments(_HTML.sub("", text))
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACE.sub(" ", text).strip()


def unlinked(markdown: str) -> str:
    """`markdown` with images removed and inline links replaced by their text: for a reader
    that drops URLs before `plain()`, which would otherwise leave a link's `[text]` behind."""
    if "[" not in markdown:
        return markdown
    return _LINK.sub(r"\1", _IMAGE.sub("", markdown))


def _strip_comments(text: str) -> str:
    """`text` without `<!-- ... -->` comments: each from an opening to the nearest closing
    after it; from an opening without a closing on, the text is kept as it is."""
    if "<!--" not in text:
        return text
    kept: list[str] = []
    index = 0
    while True:
        opening = text.find("<!--", index)
        if opening < 0:
            break
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break
        kept.append(text[index:opening])
        index = closing + 3
    kept.append(text[index:])
    return "".join(kept)


def bold_label(text: str) -> tuple[str, str] | None:
    """(label, rest) when `text` starts with a bold label: `**Impact**: ...`, `**Why?** ...`,
    and a run-in label closed by a full stop, as academic and changelog styles write it
    (`**Detection.** Manual audit.`, three words at most)."""
    match = _BOLD_LABEL.match(text)
    if not match:
        return None
    rest = text[match.end():]
    if match.group("colon") == "." and (len(match.group("label").split()) > _RUN_IN_WORDS or match.group("sep")):
        return None  # "**We restored the backup.** Then ..." is an emphasised sentence
    if not (match.group("colon") or match.group("sep") or not rest.strip() or rest.startswith("\n")
            or "\n" in match.group("gap")  # "**Improve Communication**" alone on its line, the text below
            or _MARKER_LABEL.fullmatch(match.group("label").strip())):
        return None
    return match.group("label").strip(), rest


#: An italic paragraph the author labelled as their own statement, not a template's prompt:
#: "*Tl;dr: from about 9:30pm to 12:30am last night, our website was unreachable ...*",
#: "*Update: the fix is deployed.*"
_AUTHOR_LABEL = re.compile(r"[*_](?:tl;?dr|summary|update[d]?|edit(?:ed)?|note|addendum|postscript|p\.?s\.?)\b[^\n]{0,20}?:",
                           re.IGNORECASE)


def is_template_prompt(text: str) -> bool:
    """An italic paragraph left over from a template (`*List the sequence of events ...*`),
    unless a label says the author wrote it (`*Tl;dr: ...*`, `*Update: ...*`)."""
    stripped = text.strip()
    return len(stripped) > 2 and stripped[0] in "*_" and stripped[-1] == stripped[0] and \
        not stripped.startswith(("**", "__")) and _AUTHOR_LABEL.match(stripped) is None


def block_span(block: Block) -> Span:
    return Span(block.line, block.column, block.end_line, max(block.end_column, 1))


class Output:
    """The document's data tree and its spans, filled by the extractors."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.spans: dict[str, Span] = {}

    def put(self, pointer: str, value: Any, span: Span) -> None:
        """Set `value` at `pointer` (a path of dict keys and list indices) with its span."""
        tokens = pointer.split("/")[1:]
        node: Any = self.data
        path = ""
        for position, token in enumerate(tokens[:-1]):
            path = join_pointer(path, token)
            if isinstance(node, list):
                node = node[int(token)]
            else:
                node = node.setdefault(token, [] if tokens[position + 1].isdigit() else {})
            self.spans.setdefault(path, span)
        last = tokens[-1]
        if isinstance(node, list):
            index = int(last)
            if index == len(node):
                node.append(value)
            else:
                node[index] = value
        else:
            node[last] = value
        self.spans[pointer] = span
        self._record(pointer, value, span)

    def _record(self, pointer: str, value: Any, span: Span) -> None:
        """A span (the value's) for every node below `pointer` that has none yet, in
        document order; one pointer built per node, no call for a leaf."""
        spans = self.spans
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in items:
            path = join_pointer(pointer, key)
            spans.setdefault(path, span)
            if isinstance(child, (dict, list)):
                self._record(path, child, span)

    def widen(self, pointer: str, span: Span) -> None:
        """Grow the span of a container node to cover `span` too."""
        current = self.spans.get(pointer)
        if current is None:
            self.spans[pointer] = span
            return
        if (current.line, current.column) <= (span.line, span.column) and \
                (span.end_line, span.end_column) <= (current.end_line, current.end_column):
            return  # already covered (a new equal Span per timeline entry was most of the cost)
        start = min((current.line, current.column), (span.line, span.column))
        end = max((current.end_line, current.end_column), (span.end_line, span.end_column))
        self.spans[pointer] = Span(start[0], start[1], end[0], end[1])
