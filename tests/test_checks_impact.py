"""Missing-field findings land on the parent key the document has, not on line 1."""

from __future__ import annotations

from checks_helpers import lint_yaml

TEXT = """title: Checkout outage
severity: SEV1
summary: Checkout failed.
impact:
  users_affected: 1200
  duration_minutes: 42
"""


def test_missing_cost_points_into_impact():
    found = [f for f in lint_yaml(TEXT, {"PM602"})]
    assert len(found) == 1
    assert found[0].span.line in (4, 5), found[0].span  # `impact:` or its first line, never line 1


def test_missing_cost_points_into_slo_when_that_is_written():
    text = TEXT + "  slo:\n    name: availability\n"
    found = lint_yaml(text, {"PM602"})
    assert found[0].pointer == "/impact/slo/budget_consumed" and found[0].span.line >= 7
