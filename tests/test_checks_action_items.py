"""Band-aid classification, layer coverage, causes addressed, and the collective owner finding."""

from __future__ import annotations

import pytest
from checks_helpers import lint_yaml, messages

from pmlint.engine.checks.action_items import BAND_AID, DURABLE, classify, leading_verb, parse_due, significant
from pmlint.engine.functions import Context
from pmlint.load import load_text
from pmlint.settings import merge_settings

CONTEXT = Context(load_text("x.yaml", "title: x\n"), merge_settings(None))


@pytest.mark.parametrize("item,kind", [
    ({"title": "Roll back the 2.14 release"}, BAND_AID),
    ({"title": "Immediately restart the workers"}, BAND_AID),
    ({"title": "We will re-run the failed import"}, BAND_AID),
    ({"title": "Increase the pool to 200", "type": "prevent"}, BAND_AID),   # a bare bump, whatever its type
    # a stated type is respected where the item says what it changes (issue 12 item 5)
    ({"title": "Upgrade Postgres to 14.2, which fixes the plan cache bug", "type": "prevent"}, DURABLE),
    ({"title": "Upgrade Postgres to 14.2, which fixes the plan cache bug"}, BAND_AID),  # untyped: the verb decides
    ({"title": "Anything at all", "type": "repair"}, BAND_AID),
    ({"title": "Add automatic rollback when the canary fails"}, DURABLE),
    ({"title": "Split checkout onto its own database"}, DURABLE),
    ({"title": "Clearer runbook for failover"}, DURABLE),   # "Clearer" is not the verb "clear"
    ({"title": ""}, DURABLE),
])
def test_classify(item, kind):
    assert classify(item, CONTEXT) == kind


def test_an_inferred_type_gives_way_to_the_band_aid_verb():
    """A type pmlint inferred from the words ("prevent" from "fix") is no author's claim."""
    from pmlint.infer.facts import Fact
    from pmlint.infer.overlay import InferredDict, ReadLog

    item = InferredDict({"title": "Restart the workers to fix the leak"}, ReadLog())
    item.put("type", "prevent", "type prevent", Fact("prevent", True, '"fix"'))
    assert classify(item, CONTEXT) == BAND_AID


def test_leading_verb_matches_only_at_the_start():
    assert leading_verb("Look into retries", ["look into"]) == "Look into"
    assert leading_verb("Add a review step", ["review"]) is None


ARCH = """
root_causes:
  - {summary: Every service shares one Redis instance, layer: architecture}
  - {summary: The cache client has no timeout, layer: code}
action_items:
%s
"""


def test_architecture_cause_answered_only_by_code_is_flagged():
    items = "  - {title: Add a timeout to the cache client, type: prevent, layer: code}"
    found = messages(ARCH % items, "PM307")
    assert found == ['The architecture-layer root cause "Every service shares one Redis instance" has no prevent or '
                     'mitigate action item at the architecture layer (durable items are at: code ×1)']


@pytest.mark.parametrize("item", [
    "  - {title: Give checkout its own Redis, type: detect, layer: architecture}",      # wrong type
    "  - {title: Give checkout its own Redis, type: prevent, layer: architecture, status: wont-do}",
    "  - {title: Restart Redis nightly, type: prevent, layer: architecture}",           # band-aid
    "  - {title: Restart Redis nightly, layer: architecture}",                          # untyped band-aid
])
def test_items_that_do_not_cover_a_layer(item):
    items = "  - {title: Add a timeout to the cache client, type: prevent, layer: code}\n" + item
    assert len(messages(ARCH % items, "PM307")) == 1


def test_untyped_or_mitigate_items_cover_their_layer():
    items = ("  - {title: Add a timeout to the cache client, layer: code}\n"
             "  - {title: Shed load per tenant in Redis, type: mitigate, layer: architecture}")
    assert messages(ARCH % items, "PM307") == []


def test_no_action_decision_silences_band_aid_and_layer_rules():
    text = "severity: SEV1\nno_action_reason: The service is retired next week, so we accept the risk.\n" \
           "root_causes:\n  - {summary: x, layer: code}\naction_items:\n  - {title: Restart it, type: repair}\n"
    assert [f.rule_id for f in lint_yaml(text, {"PM307", "PM308"})] == []


def test_band_aid_only_ignores_wont_do_items_but_counts_done_repairs():
    text = "severity: SEV2\naction_items:\n  - {title: Restart it, status: done}\n" \
           "  - {title: Split the queue per tenant, status: wont-do}\n"
    assert len(messages(text, "PM308")) == 1


def test_owner_missing_everywhere_is_one_finding_on_the_list():
    items = "\n".join(f"  - {{title: Item {n}}}" for n in range(5))
    findings = lint_yaml("action_items:\n" + items + "\n", {"PM301"})
    assert [(f.message, f.pointer) for f in findings] == [("None of the 5 open action items has an owner", "/action_items")]
    some = "action_items:\n  - {title: A, owner: me}\n  - {title: B}\n  - {title: C}\n"
    assert [f.pointer for f in lint_yaml(some, {"PM301"})] == ["/action_items/1/owner", "/action_items/2/owner"]


def test_cause_addressed_by_position_id_summary_or_shared_words():
    causes = "root_causes:\n  - {summary: Disk fills with audit logs, id: RC-1}\n"
    for ref in ("[1]", "[RC-1]", "[Disk fills with audit logs]"):
        assert messages(causes + f"action_items:\n  - {{title: Something else, addresses: {ref}}}\n", "PM306") == []
    assert messages(causes + "action_items:\n  - {title: Rotate audit logs daily}\n", "PM306") == []
    assert messages(causes + "action_items:\n  - {title: Add a canary, addresses: [2]}\n", "PM306") == [
        'No action item addresses root cause "Disk fills with audit logs"']
    assert significant("Retries limits") == {"retri", "limit"}


def test_due_dates():
    assert str(parse_due("2025-07-01")) == "2025-07-01"
    assert parse_due("Q3 2025") == "Q3 2025" and parse_due("2025-09") == "2025-09"
    assert parse_due("next sprint") is None and parse_due("2025-13-01") is None
