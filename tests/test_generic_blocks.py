"""Generic building blocks that let a rule be data: `covers` (PM503), `truthy`'s `cite`
(PM015), `absent_pattern`'s `first` (PM204). Behaviour through the real rules."""

from __future__ import annotations

from checks_helpers import lint_yaml, messages

TIMELINE = ("severity: SEV2\ntimeline:\n"
            "  - {at: '2025-06-21T23:05:00Z', event: Error rate rises, kind: Started}\n"
            "  - {at: '2025-06-21T23:09:00Z', event: Alert fires, kind: ' detected '}\n")


def test_covers_names_every_value_no_item_has_in_one_finding():
    found = [f for f in lint_yaml(TIMELINE) if f.rule_id == "PM503"]
    assert [f.message for f in found] == ["Timeline does not mark: mitigated, resolved"]  # case and spaces ignored
    assert found[0].pointer == "/timeline"


def test_covers_reads_its_values_from_the_run_settings():
    settings = {"required_milestones": ["started", "detected"]}
    assert messages(TIMELINE, "PM503", settings=settings) == []
    settings = {"required_milestones": ["started", "escalated"]}
    assert messages(TIMELINE, "PM503", settings=settings) == ["Timeline does not mark: escalated"]


def test_covers_on_an_absent_or_malformed_list_names_everything():
    expected = ["Timeline does not mark: started, detected, mitigated, resolved"]
    assert messages("severity: SEV1\n", "PM503") == expected
    assert messages("severity: SEV1\ntimeline: soon\n", "PM503") == expected
    assert messages("severity: SEV1\ntimeline: [3, {kind: 4}]\n", "PM503") == expected


def test_absent_pattern_first_reports_one_finding_at_the_first_match():
    text = "resolution: We restarted the pods by hand, then restarted them again manually.\n"
    found = [f for f in lint_yaml(text) if f.rule_id == "PM204"]
    assert [f.message for f in found] == ['Resolution describes a manual step ("restarted") but `on_call.toil` is empty']
    assert (found[0].span.line, found[0].span.column) == (1, 16)
    assert messages(text + "on_call: {toil: [restarted the pods]}\n", "PM204") == []
