"""A plan of many action items is linted in time linear in its length.

A pull request controls how many items a postmortem lists; every rule that looks across
the plan (vague items ranked per plan, alerts set up beside them, tickets stated) must
look each item up once, not scan the plan again for every item."""

from __future__ import annotations

import pytest

from linearity import assert_ten_times_linear
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_text
from pmlint.settings import merge_settings

HEAD = """title: Checkout outage
severity: SEV2
summary: Checkout failed for 40 minutes.
action_items:
"""
#: Vague items, every one pending: each is ranked among the plan's vague items.
VAGUE = "  - title: Investigate the cache layer {n}\n    owner: ana\n    due: 2026-01-01\n    status: open\n"
#: Alternating vague and concrete ones, with an alert item among them.
MIXED = VAGUE + "  - title: Add an alert on queue depth {n} over 500\n    owner: bo\n    due: 2026-01-01\n"


def _name(number: int) -> str:
    """"ba", "bb", ...: a name with no digit (a number reads as a measurable outcome)."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if number == 0:
            return "b" + letters


def _plan(unit: str, copies: int):
    return load_text("pm.yaml", HEAD + "".join(unit.format(n=_name(n)) for n in range(copies)), {})


@pytest.mark.parametrize("unit", [VAGUE, MIXED], ids=["vague", "mixed"])
def test_action_item_rules_scale_linearly_with_the_plan(unit):
    rules = [rule for rule in load_rules() if rule.id.startswith("PM3")]
    options = RunOptions(settings=merge_settings({}), severity={})
    assert_ten_times_linear(lambda document: lint_document(document, rules, options), 100, "plan",
                            setup=lambda copies: _plan(unit, copies))


def test_each_vague_item_is_ranked_in_plan_order():
    """The first items of a vague plan are warnings, the ones beyond the per-plan limit
    info: the rank the lookup gives is the item's place in the plan."""
    document = _plan(VAGUE, 6)
    findings = [f for f in lint_document(document, [r for r in load_rules() if r.id == "PM310"],
                                         RunOptions(settings=merge_settings({}), severity={}))]
    severities = [finding.severity.name.lower() for finding in sorted(findings, key=lambda f: f.span.line)]
    assert severities == ["warning"] * 3 + ["info"] * 3, severities
