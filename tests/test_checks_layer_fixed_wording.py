"""PM307 (layer-fixed) explains the plan in words: action items without a layer are
counted and the user is told to tag them, not shown a "no layer ×2" bucket."""

from __future__ import annotations

from checks_helpers import messages

CAUSE = "root_causes:\n  - {summary: Every service shares one Redis instance, layer: architecture}\naction_items:\n"


def test_untyped_items_are_worded_for_people():
    items = "  - {title: Give checkout its own Redis cluster}\n  - {title: Split the session store from the cache}\n"
    [message] = messages(CAUSE + items, "PM307")
    assert message.endswith("(2 action items name no layer; tag each with `layer:` and `type:`)")
    assert "×" not in message and "no layer ×" not in message


def test_one_typed_item_without_a_layer():
    items = "  - {title: Give checkout its own Redis cluster, type: prevent}\n"
    [message] = messages(CAUSE + items, "PM307")
    assert message.endswith("(1 prevent/mitigate item names no layer; tag it with `layer:`)")


def test_layered_and_untagged_items_together():
    items = ("  - {title: Add a timeout to the cache client, type: prevent, layer: code}\n"
             "  - {title: Give checkout its own Redis cluster}\n")
    [message] = messages(CAUSE + items, "PM307")
    assert message.endswith("(durable items are at: code ×1; 1 action item names no layer; "
                            "tag it with `layer:` and `type:`)")
