"""The facts a postmortem states: read from its data tree, never guessed."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from ..model import Document
from .facts import Fact
from .profile import LAYERS, CauseProfile, ItemProfile, OnCallBurden, Profile


def stated_profile(document: Document, settings: Mapping[str, Any]) -> Profile:
    """Every fact the document states; unknown ones stay None."""
    data = document.data if isinstance(document.data, dict) else {}
    spans = document.spans

    def stated(pointer: str, value: Any, evidence: str = "") -> Fact | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return Fact(value, inferred=False, evidence=evidence or f"`{pointer.lstrip('/').replace('/', '.')}`",
                    span=spans.get(pointer))

    impact, on_call, detection = _mapping(data, "impact"), _mapping(data, "on_call"), _mapping(data, "detection")
    severity = data.get("severity")
    return Profile(
        path=document.path,
        title=_text(data.get("title")),
        incident_date=stated("/date", _date(data.get("date"))),
        severity=stated("/severity", str(severity).strip().upper()) if _scalar(severity) else None,
        services=tuple(str(name) for name in _list(data.get("services")) if _scalar(name)),
        causes=tuple(_causes(data, stated)),
        items=tuple(_items(data, stated)),
        on_call=OnCallBurden(
            pages=stated("/on_call/pages", _number(on_call.get("pages"), int)),
            off_hours_pages=stated("/on_call/off_hours_pages", _number(on_call.get("off_hours_pages"), int)),
            responders=stated("/on_call/responders", _number(on_call.get("responders"), int)),
            person_hours=stated("/on_call/person_hours", _number(on_call.get("person_hours"), float)),
            sleep_interrupted=stated("/on_call/sleep_interrupted", on_call.get("sleep_interrupted")
                                     if isinstance(on_call.get("sleep_interrupted"), bool) else None),
            toil=stated("/on_call/toil", _toil(on_call.get("toil"))),
        ),
        detection_method=stated("/detection/method", _text(detection.get("method"))),
        duration_minutes=stated("/impact/duration_minutes", _number(impact.get("duration_minutes"), float)),
        related_incidents=tuple(str(item) for item in _list(data.get("related_incidents")) if _scalar(item)),
    )


def _causes(data: dict, stated: Any) -> list[CauseProfile]:
    causes = data.get("root_causes")
    out = []
    for index, cause in enumerate(causes if isinstance(causes, list) else ()):
        pointer = f"/root_causes/{index}"
        if isinstance(cause, dict):
            layer = _layer(cause.get("layer"))
            out.append(CauseProfile(_text(cause.get("summary")) or _text(cause.get("description")) or "",
                                    stated(f"{pointer}/layer", layer), pointer))
        elif isinstance(cause, str):
            out.append(CauseProfile(cause, None, pointer))
    return out


def _items(data: dict, stated: Any) -> list[ItemProfile]:
    items = data.get("action_items")
    out = []
    for index, item in enumerate(items if isinstance(items, list) else ()):
        pointer = f"/action_items/{index}"
        if not isinstance(item, dict):
            if isinstance(item, str):
                out.append(ItemProfile(title=item, pointer=pointer))
            continue
        kind = _text(item.get("type"))
        out.append(ItemProfile(
            title=_text(item.get("title")) or "", pointer=pointer, owner=_text(item.get("owner")),
            due=_date(item.get("due")), status=_text(item.get("status")), ticket=_text(item.get("ticket")),
            type=stated(f"{pointer}/type", kind.lower() if kind else None),
            layer=stated(f"{pointer}/layer", _layer(item.get("layer"))),
        ))
    return out


def _list(value: Any) -> list:
    """A list field as a list; anything else (a bare `true`, a string) holds no items."""
    return value if isinstance(value, list) else []


def _mapping(data: dict, key: str) -> dict:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip() != ""


def _text(value: Any) -> str | None:
    return str(value).strip() if _scalar(value) else None


def _layer(value: Any) -> str | None:
    text = _text(value)
    return text.lower() if text and text.lower() in LAYERS else None


def _number(value: Any, kind: type) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    if value != value or value == float("inf"):  # NaN, or 1e309 read as infinity: no count
        return None
    return kind(value)


def _toil(value: Any) -> str | None:
    if isinstance(value, list):
        steps = [str(step).strip() for step in value if _scalar(step)]
        return "; ".join(steps) or None
    return _text(value)


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
