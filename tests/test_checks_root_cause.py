"""Layer analysis (PM102) and why-chains (PM104): what counts as analysed."""

from __future__ import annotations

from checks_helpers import messages

from pmlint.engine.checks.root_cause import explained

CAUSES = """severity: SEV2
root_causes:
  - {summary: Null check missing, layer: code}
"""


def test_every_analysed_layer_needs_a_cause_or_a_reason():
    assert messages(CAUSES, "PM102") == [
        "Layers not analysed: infrastructure, architecture; give each a root cause or a `layer_analysis` "
        "entry saying why it was not a factor"]
    reasoned = CAUSES + "layer_analysis:\n  infrastructure: Not a factor, the hosts had headroom.\n" \
                        "  architecture: Not a factor because the service is isolated.\n"
    assert messages(reasoned, "PM102") == []


def test_bare_layer_analysis_is_not_a_reason():
    assert not explained("n/a", 3) and not explained("Not a factor.", 3) and not explained("", 3)
    assert explained("Not a factor: nodes had headroom", 3)


def test_analysed_layers_setting_narrows_the_check():
    assert messages(CAUSES, "PM102", settings={"analysed_layers": ["code"]}) == []


def test_why_depth_only_for_configured_severities():
    shallow = "severity: SEV1\nroot_causes:\n  - {summary: A, whys: [b, c]}\n"
    assert len(messages(shallow, "PM104")) == 1
    assert messages(shallow, "PM104", settings={"min_why_depth": 2}) == []
    assert messages(shallow.replace("SEV1", "SEV2"), "PM104") == []


def test_empty_why_chain_is_said_plainly():
    found = messages("severity: SEV1\nroot_causes:\n  - {summary: A, whys: [x]}\n  - {summary: B}\n", "PM104")
    assert found == ['Root cause "A" has a why-chain of 1; go at least 3 levels deep',
                     'Root cause "B" has no why-chain; go at least 3 levels deep']


def test_a_process_item_does_not_fix_an_architecture_cause():
    from checks_helpers import lint_yaml

    text = ("severity: SEV2\nroot_causes:\n  - {summary: Single region database, layer: architecture}\n"
            "action_items:\n  - {title: Write a failover runbook for the database, type: process, layer: architecture}\n")
    assert "PM307" in {f.rule_id for f in lint_yaml(text, {"PM307"})}
