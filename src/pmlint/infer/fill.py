"""Fill what the stated profile leaves None with inferred facts (stated facts always win)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from ..model import Document
from .detection import infer_detect_timing, infer_detection, time_to_mitigate
from .facts import Fact
from .layers import infer_layer, read_item, ruled_out
from .on_call import infer_on_call
from .profile import CauseProfile, ItemProfile, Profile
from .repeat import infer_repeat
from .severity import infer_severity, outage_duration


def infer_missing(document: Document, profile: Profile, settings: Mapping[str, Any]) -> Profile:
    """`profile` with every None it can support filled by an inferred Fact."""
    data = document.data if isinstance(document.data, dict) else {}
    duration = profile.duration_minutes or outage_duration(document, settings)
    # any stated severity wins, even one that names no level ("P1"): PM014 reports that,
    # and a guess must not paper over it
    severity = profile.severity or infer_severity(document, settings, duration)
    causes = tuple(_cause(document, cause, data, settings) for cause in profile.causes
                   if ruled_out(cause.summary) is None)
    items = tuple(_item(item, data, settings) for item in profile.items)
    on_call = profile.on_call
    burden = infer_on_call(document, settings)
    stated_pages = on_call.off_hours_pages is not None or on_call.sleep_interrupted is not None
    changes = {name: fact for name, fact in burden.items()
               if getattr(on_call, name) is None and not (stated_pages and name in ("off_hours_pages", "sleep_interrupted"))}
    if changes:
        on_call = replace(on_call, **changes)
    repeat, links = (profile.repeat, ()) if profile.repeat is not None else infer_repeat(document, settings)
    if profile.related_incidents and repeat is None:
        repeat = Fact(True, False, "`related_incidents`", document.spans.get("/related_incidents"))
    method, disclosed = (profile.detection_method, None) if profile.detection_method is not None \
        else infer_detection(document, settings)
    to_detect, unseen = (profile.time_to_detect_minutes, None) if profile.time_to_detect_minutes is not None \
        else infer_detect_timing(document, settings)
    return replace(
        profile, severity=severity, causes=causes, items=items, on_call=on_call,
        duration_minutes=duration,
        detection_method=method, detection_disclosed=disclosed,
        time_to_detect_minutes=to_detect, alert_unseen=unseen,
        time_to_mitigate_minutes=profile.time_to_mitigate_minutes or time_to_mitigate(document),
        repeat=repeat, related_incidents=profile.related_incidents or links,
    )


def _node(data: dict, pointer: str) -> Any:
    parts = pointer.strip("/").split("/")
    node: Any = data
    for part in parts:
        node = node[int(part)] if isinstance(node, list) and part.isdigit() and int(part) < len(node) else \
            node.get(part) if isinstance(node, dict) else None
    return node


def _text(node: Any, fields: tuple[str, ...]) -> str:
    if isinstance(node, str):
        return node
    if not isinstance(node, dict):
        return ""
    return " ".join(str(node[name]) for name in fields if isinstance(node.get(name), (str, int, float)))


def _cause(document: Document, cause: CauseProfile, data: dict, settings: Mapping[str, Any]) -> CauseProfile:
    if cause.layer is not None:
        return cause
    found = infer_layer(_text(_node(data, cause.pointer), ("summary", "description")) or cause.summary, settings)
    if found is None:
        return cause
    return replace(cause, layer=Fact(found[0], True, f'"{found[1]}"', document.spans.get(cause.pointer)))


def _item(item: ItemProfile, data: dict, settings: Mapping[str, Any]) -> ItemProfile:
    """The item's type and layer where it states none, read from its words (`read_item`)."""
    node = _node(data, item.pointer)
    title = _text(node, ("title",)) or item.title
    text = _text(node, ("title", "description")) or item.title
    kind, layer = item.type, item.layer
    read_kind, read_layer = read_item(title, text, settings)
    if kind is None:
        kind = Fact(read_kind[0], True, f'"{read_kind[1]}"') if read_kind else None
    if layer is None:
        layer = Fact(read_layer[0], True, f'"{read_layer[1]}"') if read_layer else None
    return replace(item, type=kind, layer=layer)
