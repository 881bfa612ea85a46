"""Inline action-item field lists and layer-tag separators are read and stripped cleanly."""

from __future__ import annotations

import pytest

from pmlint.load.markdown import load_markdown


def items(body: str, section: str = "Action items"):
    return load_markdown("pm.md", f"# Outage\n\n## {section}\n\n{body}\n", {}).data


@pytest.mark.parametrize("line, expected", [
    ("- [ ] Add config validation in CI (@alice, due 2025-04-01, PAY-12)",
     {"title": "Add config validation in CI", "owner": "alice", "due": "2025-04-01", "ticket": "PAY-12",
      "status": "open"}),
    ("- Move sessions to Redis [P1, architecture, prevent]",
     {"title": "Move sessions to Redis", "priority": "P1", "layer": "architecture", "type": "prevent"}),
    ("- Alert on pool saturation (@db-team; 2025-05-01; #1234).",
     {"title": "Alert on pool saturation", "owner": "db-team", "due": "2025-05-01", "ticket": "#1234"}),
])
def test_trailing_field_list_is_parsed_and_stripped(line, expected):
    assert items(line)["action_items"] == [expected]


def test_a_trailing_parenthesis_that_is_not_fields_stays_in_the_title():
    assert items("- Document the failover (see the runbook)")["action_items"][0]["title"] == \
        "Document the failover (see the runbook)"


@pytest.mark.parametrize("line, layer", [
    ("- Layer: code — retry loop without backoff", "code"),
    ("- Layer: architecture - retry loop without backoff", "architecture"),
    ("- [infrastructure]: retry loop without backoff", "infrastructure"),
    ("- [code] – retry loop without backoff", "code"),
])
def test_layer_tag_separator_goes_with_the_tag(line, layer):
    cause = items(line, "Root causes")["root_causes"][0]
    assert cause == {"summary": "retry loop without backoff", "layer": layer}
