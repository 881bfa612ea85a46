"""The document's data tree as the rules see it once inferred facts fill its gaps.

`overlay(data, profile)` returns a copy of the data tree in which each field the document
leaves empty and the profile inferred is filled (`severity`, `detection.method`,
`on_call.*`, a root cause's or action item's `layer`, an item's `type`,
`related_incidents`). Only the containers on the way to a filled field are copied; the
rest is shared, never written. Each filled container records which of its keys are
inferred, and every read of such a key is logged, so the engine can tell which findings
were built on an inferred fact: those say so and are never errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .facts import Fact
from .profile import Profile


@dataclass(slots=True)
class ReadLog:
    """The inferred facts read since the last `clear()`, as (label, fact), in order."""

    reads: list[tuple[str, Fact]] = field(default_factory=list)

    def clear(self) -> None:
        self.reads.clear()

    def take(self) -> list[tuple[str, Fact]]:
        taken = list(dict.fromkeys((label, id(fact)) for label, fact in self.reads))
        facts = {id(fact): fact for _, fact in self.reads}
        self.reads.clear()
        return [(label, facts[ident]) for label, ident in taken]


class InferredDict(dict):
    """A mapping some of whose keys hold inferred values; reading one is logged."""

    __slots__ = ("inferred", "log")

    def __init__(self, base: dict, log: ReadLog) -> None:
        super().__init__(base)
        self.inferred: dict[str, tuple[str, Fact]] = {}
        self.log = log

    def put(self, key: str, value: Any, label: str, fact: Fact) -> None:
        self[key] = value
        self.inferred[key] = (label, fact)

    def _note(self, key: Any) -> None:
        found = self.inferred.get(key) if isinstance(key, str) else None
        if found is not None:
            self.log.reads.append(found)

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            self._note(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return super().__getitem__(key)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def overlay(data: Any, profile: Profile, log: ReadLog) -> Any | None:
    """The data tree with inferred facts filled in, or None when nothing was inferred
    that the document leaves empty (the rules then read the document as it is)."""
    if not isinstance(data, dict):
        return None
    root = InferredDict(data, log)
    changed = False

    def child(parent: InferredDict, key: str) -> InferredDict:
        current = parent.get(key)
        node = InferredDict(current if isinstance(current, dict) else {}, log)
        dict.__setitem__(parent, key, node)
        return node

    if profile.severity is not None and profile.severity.inferred and _blank(data.get("severity")):
        root.put("severity", profile.severity.value, str(profile.severity.value), profile.severity)
        changed = True
    detection = data.get("detection")
    method = profile.detection_method
    if method is not None and method.inferred and (not isinstance(detection, dict) or _blank(detection.get("method"))) \
            and (detection is None or isinstance(detection, dict)):
        child(root, "detection").put("method", method.value, f"detection by {method.value}", method)
        changed = True
    on_call = data.get("on_call")
    if on_call is None or isinstance(on_call, dict):
        labels = {"off_hours_pages": lambda v: f"{v} off-hours page{'s' if v != 1 else ''}",
                  "sleep_interrupted": lambda v: "interrupted sleep" if v else "no interrupted sleep",
                  "responders": lambda v: f"{v} responder{'s' if v != 1 else ''}"}
        node = None
        for name, label in labels.items():
            fact = getattr(profile.on_call, name)
            if fact is not None and fact.inferred and _blank((on_call or {}).get(name)):
                node = node or child(root, "on_call")
                node.put(name, fact.value, label(fact.value), fact)
                changed = True
    if profile.repeat is not None and profile.repeat.inferred and _blank(data.get("related_incidents")):
        links = list(profile.related_incidents) or [f"(inferred from {profile.repeat.evidence})"]
        root.put("related_incidents", links, "a repeat incident", profile.repeat)
        changed = True
    changed |= _fill_list(root, data, "root_causes", [(cause.pointer, {"layer": cause.layer}) for cause in profile.causes],
                          log, "summary")
    changed |= _fill_list(root, data, "action_items",
                          [(item.pointer, {"type": item.type, "layer": item.layer}) for item in profile.items], log, "title")
    return root if changed else None


def _fill_list(root: InferredDict, data: dict, key: str, wanted: list[tuple[str, dict[str, Fact | None]]],
               log: ReadLog, text_key: str) -> bool:
    items = data.get(key)
    if not isinstance(items, list):
        return False
    copied: list[Any] | None = None
    for pointer, facts in wanted:
        index = int(pointer.rsplit("/", 1)[-1])
        if index >= len(items):
            continue
        original = items[index]
        if not isinstance(original, (dict, str)):
            continue
        base = original if isinstance(original, dict) else {text_key: original}
        fill = {name: fact for name, fact in facts.items()
                if fact is not None and fact.inferred and _blank(base.get(name))}
        if not fill:
            continue
        if copied is None:
            copied = list(items)
        node = InferredDict(base, log)
        for name, fact in fill.items():
            node.put(name, fact.value, f"{name} {fact.value}" if name == "type" else f"{fact.value} layer", fact)
        copied[index] = node
    if copied is None:
        return False
    dict.__setitem__(root, key, copied)
    return True


def inferred_fields(view: Any, pointer: str = "") -> list[tuple[str, Fact]]:
    """(JSON pointer, fact) of every field the overlay filled, in document order, for
    `pmlint convert` to mark each one as inferred."""
    found: list[tuple[str, Fact]] = []
    if isinstance(view, InferredDict):
        for key in view:
            if key in view.inferred:
                found.append((f"{pointer}/{key}", view.inferred[key][1]))
            else:
                found.extend(inferred_fields(dict.__getitem__(view, key), f"{pointer}/{key}"))
    elif isinstance(view, list):
        for index, item in enumerate(view):
            found.extend(inferred_fields(item, f"{pointer}/{index}"))
    return found
