"""PM804 reads an explanation as what it is: "we have to trust the token to report the
amount" describes how a design works, not something the team means to do (held-out set C:
a smart-contract write-up's design note reported as an unfollowed intention)."""

from __future__ import annotations

import json

import pytest

from conftest import rule_findings, write

DOC = """# Vault exploit

## Summary

The vault paid out more than it held for two hours on 2021-09-13; 40 users lost funds.

## How the vault works

{body}

## Action items

- Add an access check to update_allocation (owner: ana, due: 2021-10-01)
"""


@pytest.mark.parametrize("body", [
    "The vault credits what the pool reports: we have to trust the pool contract to provide an accurate amount.",
    "We need to rely on the bridge operator to halt transfers when asked.",
    "The team must accept some delay between a deposit and its credit.",
    "We have to assume the price feed is honest within one block.",
    "We need to depend on the upstream registry for package metadata.",
    "We have to live with a five-minute delay in the indexer.",
    "We must wait for the chain to finalise before crediting deposits.",
])
def test_an_explanation_after_a_modal_is_no_intention(run_cli, tmp_path, body):
    path = write(tmp_path / "pm.md", DOC.format(body=body))
    assert rule_findings(run_cli, path, "PM804", preset="strict") == []


@pytest.mark.parametrize("body", [
    "We need to rotate the pool keys every quarter.",
    "We have to know when the vault balance drops below its liabilities.",
    "We must trustlessly verify every deposit on chain.",
])
def test_an_action_after_a_modal_is_still_an_intention(run_cli, tmp_path, body):
    """The same modal before a verb that does something stays an intention; "know when"
    asks for detection, and "trustlessly" is not the word "trust"."""
    path = write(tmp_path / "pm.md", DOC.format(body=body))
    found = rule_findings(run_cli, path, "PM804", preset="strict")
    assert len(found) == 1, found


def test_the_explanation_verbs_are_a_rule_option(run_cli, tmp_path):
    """A team whose writing uses another stative verb adds it in config; an empty list
    reads every verb as an intention again."""
    path = write(tmp_path / "pm.md", DOC.format(body="We need to rely on the bridge operator to halt transfers."))
    write(tmp_path / ".pmlint.yaml", "rules:\n  PM804:\n    explanation_verbs: []\n")
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--preset", "strict", str(path), cwd=tmp_path)
    assert code == 0, err
    assert [item["rule"] for item in json.loads(out)["findings"]].count("PM804") == 1
