"""Learning checks (PM8xx): a repeat incident gets an architecture-level answer.

The first time is an incident, the second a pattern, the third a design decision
nobody made. When `related_incidents` lists earlier incidents with the same cause,
only a change to the architecture (settings.repeat_required_layer) breaks the loop.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..functions import Context, Hit, check, is_truthy
from ._shared import action_items, is_open, lower
from .action_items import BAND_AID, classify


@check("repeat_prevented", infers=True)
def repeat_prevented(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """With `related_incidents`, the plan holds an open prevent item at the required layer."""
    related = value.get("related_incidents") if isinstance(value, dict) else None
    if not is_truthy(related):
        return
    layer = str(context.setting("repeat_required_layer") or "architecture").lower()
    for _, item in action_items(context):
        if (is_open(item, context) and lower(item.get("type")) == "prevent" and lower(item.get("layer")) == layer
                and classify(item, context) != BAND_AID):
            return
    count = len(related) if isinstance(related, list) else 1
    yield Hit("/related_incidents", {"count": count, "layer": layer,
                                     "times": "second" if count == 1 else f"{_ordinal(count + 1)}"})


def _ordinal(number: int) -> str:
    words = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return words.get(number, f"{number}th")


_PARTS = (("went_well", "what went well"), ("went_wrong", "what went wrong"), ("got_lucky", "where we got lucky"))


@check("lessons_recorded")
def lessons_recorded(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """`lessons.went_well`, `went_wrong` and `got_lucky` all hold something. Lessons written
    as one undivided list (`lessons.learned`, e.g. a Markdown "Insights" section) are
    reported as such: the team did reflect, and only the split is missing."""
    lessons = value.get("lessons") if isinstance(value, dict) else None
    lessons = lessons if isinstance(lessons, dict) else {}
    missing = [label for key, label in _PARTS if not is_truthy(lessons.get(key))]
    if not missing:
        return
    if is_truthy(lessons.get("learned")) and len(missing) == len(_PARTS):
        yield Hit(f"{pointer}/lessons", message="Lessons are recorded as one list; say separately what went well, "
                  "what went wrong and where the team got lucky")
        return
    yield Hit(f"{pointer}/lessons/{_PARTS[0][0]}" if not lessons else f"{pointer}/lessons",
              {"missing": ", ".join(missing)})
