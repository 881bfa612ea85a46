"""Root-cause sections → `root_causes: [{summary, layer?, description?, whys?}]`.

List items are one cause each (nested bullets become the description; nested
`**Why?** ...` bullets become its `whys`). Without a
list, paragraphs that carry a layer tag are one cause each; untagged prose is one
cause (first paragraph as summary, the rest as description). Layer tags:
`[architecture]`, `Layer: code`, `(layer: infra)`, a bold lead-in `**Infrastructure:**`.
A "Five whys" list becomes `whys` of the first cause (or one cause whose summary is
the last why, when the document names no cause otherwise).
"""

from __future__ import annotations

import re
from typing import Any

from ...model import Span
from .blocks import Block
from .common import Output, bold_label, plain
from .sections import Section

_LAYER_WORDS = {
    "code": "code", "software": "code", "application": "code", "infrastructure": "infrastructure",
    "infra": "infrastructure", "architecture": "architecture", "architectural": "architecture",
    "design": "architecture", "process": "process",
}
_BRACKET_TAG = re.compile(r"^\s*\[(?P<layer>[A-Za-z]+)\]\s*[:\-–]?\s*")
_LAYER_FIELD = re.compile(r"\(?\b(?:layer)\s*[:=]\s*(?P<layer>[A-Za-z]+)\)?\.?", re.IGNORECASE)
_WHY = re.compile(r"^\s*(?:\*\*|__)?\s*why\??\s*(?:\*\*|__)?\s*[:\-–]?\s*", re.IGNORECASE)


_SEPARATOR = re.compile(r"^[\s:\-\u2013\u2014]+")


def _is_why(text: str) -> bool:
    """A list item that is a step of the why-chain (`Why? ...`), not a detail."""
    match = _WHY.match(text)
    return match is not None and bool(match.group(0).strip())


def layer_tag(text: str) -> tuple[str | None, str]:
    """(layer, text without the tag) for a cause's raw Markdown. A separator after the tag
    (`Layer: code — retry loop`, `[code]: retry loop`) goes with the tag."""
    layer, rest = _layer_tag(text)
    return (layer, _SEPARATOR.sub("", rest)) if layer is not None else (None, text)


def _layer_tag(text: str) -> tuple[str | None, str]:
    match = _BRACKET_TAG.match(text)
    if match and match.group("layer").lower() in _LAYER_WORDS:
        return _LAYER_WORDS[match.group("layer").lower()], text[match.end():]
    label = bold_label(text)
    if label is not None and label[0].lower().rstrip(" layer") in _LAYER_WORDS:
        return _LAYER_WORDS[label[0].lower().rstrip(" layer")], label[1]
    if label is not None and label[0].lower().replace(" layer", "") in _LAYER_WORDS:
        return _LAYER_WORDS[label[0].lower().replace(" layer", "")], label[1]
    match = _LAYER_FIELD.search(text)
    if match and match.group("layer").lower() in _LAYER_WORDS:
        return _LAYER_WORDS[match.group("layer").lower()], (text[:match.start()] + text[match.end():]).strip()
    return None, text


def extract_causes(sections: list[Section], out: Output) -> None:
    causes: list[tuple[dict[str, Any], Span, Span]] = []
    whys: list[tuple[str, Span]] = []
    for section in sections:
        if section.key == "root_causes":
            causes.extend(_causes(section.blocks))
        elif section.key == "whys":
            whys.extend(_whys(section.blocks))
    if whys and not causes:
        text, span = whys[-1]
        causes.append(({"summary": text}, span, span))
    for index, (cause, span, summary_span) in enumerate(causes):
        pointer = f"/root_causes/{index}"
        out.put(pointer, cause, span)
        out.spans[pointer + "/summary"] = summary_span
        out.widen("/root_causes", span)
    if whys and causes:
        out.data["root_causes"][0]["whys"] = [text for text, _ in whys]
        out.spans["/root_causes/0/whys"] = Span(whys[0][1].line, whys[0][1].column, whys[-1][1].end_line,
                                                whys[-1][1].end_column)
        for number, (_, span) in enumerate(whys):
            out.spans[f"/root_causes/0/whys/{number}"] = span


def _span(block: Block) -> Span:
    return Span(block.line, block.column, block.end_line, max(block.end_column, 1))


def _causes(blocks: list[Block]) -> list[tuple[dict[str, Any], Span, Span]]:
    content = [block for block in blocks if block.kind in ("item", "paragraph") and not block.quoted
               and plain(block.text)]
    ids = {block.index for block in content if block.kind == "item"}
    top = [block for block in content if block.kind == "item" and block.parent not in ids]
    found: list[tuple[dict[str, Any], Span, Span]] = []
    # each cause's sub-items, grouped once (not a scan of every block per cause: quadratic)
    children_of: dict[int, list[Block]] = {}
    for child in content:
        if child.kind == "item":
            children_of.setdefault(child.parent, []).append(child)
    if top:
        for block in top:
            layer, text = layer_tag(block.text)
            cause: dict[str, Any] = {"summary": plain(text)}
            children = children_of.get(block.index, [])
            whys = [plain(_WHY.sub("", child.text, count=1)) for child in children if _is_why(child.text)]
            details = [plain(extra) for extra in block.rest] + [
                plain(child.text) for child in children if not _is_why(child.text)]
            if layer:
                cause["layer"] = layer
            if whys:
                cause["whys"] = whys
            if any(details):
                cause["description"] = " ".join(detail for detail in details if detail)
            found.append((cause, _span(block), _span(block)))
        return found
    paragraphs = [block for block in content if block.kind == "paragraph"]
    tagged = [(block, *layer_tag(block.text)) for block in paragraphs]
    if any(layer for _, layer, _ in tagged):
        for block, layer, text in tagged:
            cause = {"summary": plain(text)}
            if layer:
                cause["layer"] = layer
            found.append((cause, _span(block), _span(block)))
        return found
    if paragraphs:
        first = paragraphs[0]
        cause = {"summary": plain(first.text)}
        if len(paragraphs) > 1:
            cause["description"] = " ".join(plain(block.text) for block in paragraphs[1:])
        whole = Span(first.line, first.column, paragraphs[-1].end_line, paragraphs[-1].end_column)
        found.append((cause, whole, _span(first)))
    return found


def _whys(blocks: list[Block]) -> list[tuple[str, Span]]:
    whys = []
    for block in blocks:
        if block.kind != "item" or block.quoted:
            continue
        text = plain(_WHY.sub("", block.text, count=1))
        if text:
            whys.append((text, _span(block)))
    return whys
