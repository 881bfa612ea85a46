"""Presets: recommended is a subset of strict, and holds the durability errors a team must meet."""

from __future__ import annotations

from pmlint.config import Config, select_rules
from pmlint.engine.rules import load_rules

RULES = load_rules()


def ids(preset: str) -> set[str]:
    return {rule.id for rule in select_rules(RULES, Config(), preset=preset)}


def test_strict_is_everything_and_recommended_a_subset():
    assert ids("strict") == {rule.id for rule in RULES}
    assert ids("recommended") < ids("strict")


def test_record_keeping_rules_are_strict_only():
    # Real postmortems rarely record these (1 of 27 corpus documents has owners).
    assert {"PM101", "PM102", "PM201", "PM301", "PM302", "PM304", "PM305", "PM503"}.isdisjoint(ids("recommended"))


def test_central_durability_rules_are_recommended_errors():
    by_id = {rule.id: rule for rule in RULES}
    for rule_id in ("PM103", "PM202", "PM307", "PM308", "PM313", "PM402", "PM802"):
        assert rule_id in ids("recommended") and by_id[rule_id].severity.label == "error", rule_id


def test_every_category_has_rules():
    assert {rule.id[2] for rule in RULES} == set("012345678")
