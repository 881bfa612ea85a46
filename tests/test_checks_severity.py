"""A severity the rules cannot read must not silently switch off the SEV1/SEV2 rules."""

from __future__ import annotations

import pytest
from checks_helpers import lint_yaml, messages

from pmlint.engine.checks._shared import normalise_severity
from pmlint.settings import merge_settings

BODY = "title: Checkout outage\nroot_causes:\n  - {summary: A retry loop had no backoff, layer: code}\n"


@pytest.mark.parametrize("written, expected", [
    ("SEV2", "SEV2"), ("sev2", "SEV2"), ("Sev-2", "SEV2"), ("SEV 2", "SEV2"), ("sev_1", "SEV1"),
    ("Severity 3", "SEV3"), ("Critical", "SEV1"), ("high", "SEV2"), ("Major", "SEV2"), ("low", "SEV4"),
    ("P1", None), ("urgent", None), ("SEV9", None), ("", None),
])
def test_normalise_severity(written, expected):
    assert normalise_severity(written, merge_settings(None)) == expected


@pytest.mark.parametrize("severity", ["Sev-2", "high", "sev1", "Critical"])
def test_normalised_severities_enable_the_major_rules(severity):
    assert "PM102" in {f.rule_id for f in lint_yaml(f"severity: {severity}\n" + BODY)}


@pytest.mark.parametrize("severity", ["P1", "urgent"])
def test_unknown_severity_is_reported_with_the_allowed_values(severity):
    found = messages(f"severity: {severity}\n" + BODY, "PM014")
    assert len(found) == 1 and f'"{severity}"' in found[0]
    assert "SEV1, SEV2, SEV3, SEV4" in found[0] and "critical" in found[0]


def test_aliases_are_configurable():
    settings = {"severity_aliases": {"p1": "SEV1"}}
    assert messages("severity: P1\n" + BODY, "PM014", settings=settings) == []
    assert "PM102" in {f.rule_id for f in lint_yaml("severity: P1\n" + BODY, settings=settings)}


def test_missing_severity_is_a_strict_finding():
    assert len(messages(BODY, "PM015")) == 1
    assert messages("severity: SEV3\n" + BODY, "PM015") == []
    assert messages(BODY, "PM014") == []  # absent is PM015's, not PM014's


def test_missing_severity_names_the_configured_levels():
    """PM015's message lists the run's `severity_levels` (a `truthy` check citing a setting)."""
    assert messages(BODY, "PM015") == ["Severity not recorded; write one of SEV1, SEV2, SEV3, SEV4"]
    settings = {"severity_levels": ["P1", "P2", "P3"]}
    assert messages(BODY, "PM015", settings=settings) == ["Severity not recorded; write one of P1, P2, P3"]
    assert len(messages("severity: '  '\n" + BODY, "PM015")) == 1  # blank is not recorded
