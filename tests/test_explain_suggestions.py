"""`pmlint explain` with a mistyped rule suggests the rule it most likely means."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("typo,expected", [
    ("PM7O1", "no rule 'PM7O1' (did you mean PM701?)"),     # letter O for zero
    ("pml01", "no rule 'pml01' (did you mean PM101?)"),     # letter l for one
    ("PM30l", "(did you mean PM301?)"),
    ("action-item-ownr", "(did you mean action-item-owner?)"),
])
def test_explain_suggests_the_closest_rule(run_cli, tmp_path, typo, expected):
    code, _, err = run_cli("explain", typo, cwd=tmp_path)
    assert code == 2 and expected in err and err.count("\n") == 1


def test_explain_of_a_category_lists_its_rules(run_cli, tmp_path):
    code, _, err = run_cli("explain", "PM3", cwd=tmp_path)
    assert code == 2 and "did you mean one of PM301, PM302" in err
