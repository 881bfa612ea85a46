"""The layer of a root cause or action item, and an item's type, from its words.

Layers (code / infrastructure / architecture / process) come from the vocabulary in
settings.layer_keywords (one word list per layer, configurable). A text that names
several layers gets the one with the most distinct words; a tie goes to the deeper
layer (architecture, then infrastructure, code, process), because the durable fix is
at the deepest layer named (see ../shared/research/inference.md).

An item's type comes from settings.action_type_keywords, checked in a fixed order:
`detect` (alerts, dashboards), `repair` (a band-aid verb first: restart, roll back),
`process` (docs, runbooks, training), `mitigate` (limits, fallbacks, isolation),
`prevent` (tests, validation, automation, fixing the bug). No word, no type.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from .prose import phrases, terms_of

#: Deepest first: the tie-break order.
DEPTH = ("architecture", "infrastructure", "code", "process")
TYPE_ORDER = ("detect", "repair", "process", "mitigate", "prevent")
#: "Infrastructure: not a factor", "Architecture - n/a": a layer ruled out, not a cause.
_RULED_OUT = re.compile(
    r"^\W{0,4}(?:the[ \t]+)?(?P<layer>code|infrastructure|architecture|process)(?:[ \t]+layer)?\W{0,4}"
    r"(?:[:\-–—][ \t]{0,3}|(?:was|is)[ \t]+)(?:not[ \t]+a[ \t]+(?:factor|cause)|not[ \t]+applicable|n/?a\b|none\b|no\b|nothing\b|not[ \t]+involved)",
    re.IGNORECASE)


def ruled_out(text: str) -> str | None:
    """The layer a text rules out ("Infrastructure: not a factor"), else None."""
    match = _RULED_OUT.match(text or "")
    return match.group("layer").lower() if match else None


def infer_layer(text: str, settings: Mapping[str, Any]) -> tuple[str, str] | None:
    """(layer, the word that decided it) for `text`, or None when no layer word appears."""
    vocabulary = settings.get("layer_keywords") or {}
    if not text or not isinstance(vocabulary, dict):
        return None
    best: tuple[int, int, str, str] | None = None  # (distinct words, -depth, layer, first word)
    for layer, terms in vocabulary.items():
        layer = str(layer).lower()
        if layer not in DEPTH or not isinstance(terms, (list, tuple)):
            continue
        regex = phrases(terms_of(terms))
        if regex is None:
            continue
        found: dict[str, str] = {}
        for match in regex.finditer(text):
            found.setdefault(match.group().lower(), match.group())
            if len(found) >= 8:
                break
        if not found:
            continue
        score = (len(found), -DEPTH.index(layer))
        if best is None or score > best[:2]:
            best = (score[0], score[1], layer, next(iter(found.values())))
    return (best[2], best[3]) if best else None


def infer_type(text: str, settings: Mapping[str, Any]) -> tuple[str, str] | None:
    """(type, the word that decided it) for an action item's text, or None."""
    table = settings.get("action_type_keywords") or {}
    if not text or not isinstance(table, dict):
        return None
    lead = text.strip().lstrip("-*•[] xX").strip()
    for kind in TYPE_ORDER:
        terms = table.get(kind)
        if not isinstance(terms, (list, tuple)):
            continue
        regex = phrases(terms_of(terms))
        if regex is None:
            continue
        if kind == "repair":  # a band-aid is a leading verb: "Restart ...", not "... so no restart is needed"
            match = regex.match(lead)
        else:
            match = regex.search(text)
        if match:
            return kind, match.group()
    return None


def read_item(title: str, text: str, settings: Mapping[str, Any]) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(type, layer) of an action item, each as (value, deciding word) or None. The type
    from its title only: a lead-in says what the item does, and its description often why
    ("our monitoring did not catch it", "can help prevent scheduling issues"), words a type
    read from it would get wrong. The layer from its title first: what the item touches
    ("pods on every node") is the layer, so the whole text (`text`) gives it when the title
    names none."""
    kind = infer_type(title, settings)
    layer = infer_layer(title, settings) or (infer_layer(text, settings) if text != title else None)
    return kind, layer
