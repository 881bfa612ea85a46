"""Presets: recommended is a subset of strict, and holds the durability errors a team must meet."""

from __future__ import annotations

import pytest

from pmlint.config import Config, select_rules
from pmlint.engine.rules import load_rules

RULES = load_rules()


def ids(preset: str) -> set[str]:
    return {rule.id for rule in select_rules(RULES, Config(), preset=preset)}


def test_strict_is_everything_and_recommended_a_subset():
    # a summary rule (`yields_to`, PM314) gives way to the per-item rules strict enables:
    # strict is every other rule, and recommended without the summaries is a subset of it
    summaries = {rule.id for rule in RULES if rule.yields_to}
    assert summaries == {"PM314"}
    assert ids("strict") == {rule.id for rule in RULES} - summaries
    assert ids("recommended") - summaries < ids("strict")
    assert summaries <= ids("recommended")


def test_record_keeping_rules_are_strict_only():
    # Real postmortems rarely record these (1 of 27 corpus documents has owners).
    assert {"PM101", "PM102", "PM201", "PM301", "PM302", "PM304", "PM305", "PM503"}.isdisjoint(ids("recommended"))


def test_central_durability_rules_are_recommended_and_calibrated():
    """Issue 12: `error` only where pmlint is certain ("human error" named as the cause);
    the durability rules that read words and tags are heuristics, so `warning`."""
    by_id = {rule.id: rule for rule in RULES}
    assert by_id["PM103"].severity.label == "error" and "PM103" in ids("recommended")
    for rule_id in ("PM202", "PM307", "PM308", "PM313", "PM402", "PM802"):
        assert rule_id in ids("recommended") and by_id[rule_id].severity.label == "warning", rule_id


def test_every_category_has_rules():
    assert {rule.id[2] for rule in RULES} == set("012345678")


@pytest.mark.parametrize("preset, enabled", [("strict", True), ("recommended", False)])
def test_config_preset_decides_strict_only_rules(run_cli, tmp_path, preset, enabled):
    """`preset:` in .pmlint.yaml is honoured like `--preset` (PM301 is strict-only)."""
    (tmp_path / ".pmlint.yaml").write_text(f"preset: {preset}\n", encoding="utf-8")
    (tmp_path / "pm.yaml").write_text(
        "title: Checkout outage\naction_items:\n  - {title: Add a disk-space alert, due: 2025-07-01}\n",
        encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--fail-on", "never", "pm.yaml", cwd=tmp_path)
    assert code == 0, err
    assert ('"PM301"' in out) is enabled
