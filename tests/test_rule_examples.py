"""Every rule's examples run as tests: valid → no finding of that rule; invalid → the stated count."""

from __future__ import annotations

import pytest

from pmlint.engine.examples import run_example
from pmlint.engine.rules import load_rules

RULES = list(load_rules(validate_builtin=True))
CASES = [(rule, index, example) for rule in RULES for index, example in enumerate(rule.examples)]


@pytest.mark.parametrize("rule,index,example", CASES,
                         ids=[f"{rule.id}-{index + 1}-{'invalid' if 'invalid' in ex else 'valid'}" for rule, index, ex in CASES])
def test_rule_example(rule, index, example):
    outcome = run_example(rule, index, example, RULES)
    assert outcome.passed, outcome.describe()


# PM009 (internal error) cannot be triggered by a document; tests/test_robustness_engine.py breaks a rule on purpose.
# PM007 (time budget) is enforced by lint_files around a document, not by a rule on its
# content; tests/test_hostile.py runs a document past a tiny budget, serially and in the pool.
ENGINE_ONLY = {"PM009", "PM007"}


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_rule_has_valid_and_invalid_examples(rule):
    kinds = {"invalid" if "invalid" in example else "valid" for example in rule.examples}
    assert "valid" in kinds, f"{rule.id} has no valid example"
    if rule.id not in ENGINE_ONLY:
        assert "invalid" in kinds, f"{rule.id} has no invalid example"
    assert rule.rationale and rule.fix and rule.summary


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_file_named_after_rule(rule):
    from pathlib import Path

    path = Path(rule.source)
    assert path.name.startswith(f"{rule.id}-{rule.name}"), path.name
    assert path.parent.name == rule.category
