"""Generic durability checks over collections and field groups.

`items_have` is the one that keeps real postmortems from drowning: when *no* item of
a collection records a field (a Markdown action-item table without an owner column),
that is one gap in the team's template, reported once on the collection; when some
items have it, the ones that don't are the gaps, reported one by one.

Contract (see `checks/__init__.py`): input is a list (`items_have`) or a mapping
(`any_present`); output is one collective hit or one per item lacking the field. Generic:
used by several rules, no domain vocabulary.
"""

from __future__ import annotations

from typing import Any, Iterable

from ...model import join_pointer
from ..functions import Context, Hit, check, is_truthy
from ._due import read_due
from ._shared import is_pending, title_of


@check("items_have",
       {"field": {"type": "string", "description": "Field every item needs."},
        "noun": {"type": "string", "description": "Plural noun for the collective message, e.g. `action items`."},
        "collective": {"type": "string",
                       "description": "Message when no item has the field; `{count}` is the number of items."},
        "pending_only": {"type": "boolean",
                         "description": "Skip items whose status is in settings.closed_statuses (default false)."},
        "dated": {"type": "boolean",
                  "description": "The field holds a date: a value that says there is none yet (\"soon\", "
                                 "\"ASAP\", \"ongoing\", \"n/a\") counts as missing (default false)."}})
def items_have(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Every item of a list has `field`. When none has it, one finding on the list
    (`collective`); otherwise one finding per item without it (the rule's message, with `{title}`)."""
    if not isinstance(value, list):
        return
    name = options["field"]
    items = [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]
    if options.get("pending_only"):
        items = [(index, item) for index, item in items if is_pending(item, context)]
    if not items:
        return
    dated = bool(options.get("dated"))
    lacking = [(index, item) for index, item in items
               if not is_truthy(item.get(name)) or (dated and read_due(item.get(name)).kind == "none")]
    if not lacking:
        return
    if len(lacking) == len(items) and len(items) > 1:
        noun = options.get("noun", "items")
        template = options.get("collective") or f"None of the {{count}} {noun} has `{name}`"
        yield Hit(pointer, {"count": len(items)}, message=template.replace("{count}", str(len(items))))
        return
    for index, item in lacking:
        yield Hit(join_pointer(join_pointer(pointer, index), name), {"title": title_of(item, index)})


@check("any_present", {"fields": {"type": "array", "items": {"type": "string"},
                                  "description": "Dotted field paths; at least one must be present and non-empty."}})
def any_present(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """At least one of `fields` is present and non-empty (`{fields}` lists them). The
    finding points at the missing field whose parent the document has (`impact:` for
    `impact.revenue`), so it lands on that key's line rather than the top of the file."""
    fields = options.get("fields", [])
    best: tuple[int, str] = (-1, pointer)
    for path in fields:
        node, found = value, 0
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
            found += node is not None
        if is_truthy(node) or node == 0:
            return
        if found > best[0]:
            target = pointer
            for part in path.split("."):
                target = join_pointer(target, part)
            best = (found, target)
    yield Hit(best[1] if fields else pointer, {"fields": " or ".join(f"`{path}`" for path in fields)})
