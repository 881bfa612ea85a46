"""What is present is never reported missing, ownership is not blame, an instruction is not an
intention: CLI in, findings out, on synthetic postmortems (the general causes behind the
false findings of a held-out review: a cause under "Details of vulnerability", a loss in
dollars or tokens, "we failed to see the warning as an error", a runbook step)."""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


def _check(run_cli, tmp_path, text: str, *rules: str, name: str = "pm.md", preset: str = "recommended") -> list[dict]:
    return rule_findings(run_cli, write(tmp_path / name, text), *rules, preset=preset)


_TIMELINE = "## Timeline\n\n- 2024-03-01 09:00 UTC: the fee receiver is changed\n- 2024-03-01 11:00 UTC: fixed\n\n"


# ---- PM011: a root cause stated under a heading that announces the explanation ----------

@pytest.mark.parametrize("heading", [
    "Details of vulnerability", "Details of the bug", "Technical details", "Technical analysis",
    "What happened and why", "Vulnerability details", "The bug",
])
def test_a_heading_that_announces_the_explanation_is_the_root_cause(run_cli, tmp_path, heading):
    text = (f"# Fee contract disclosure\n\n## Summary\n\nA researcher reported a flaw in the fee contract.\n\n"
            f"{_TIMELINE}## {heading}\n\nAnyone could call the setter: it had no owner check.\n")
    assert _check(run_cli, tmp_path, text, "PM011") == []


@pytest.mark.parametrize("sentence", [
    "The outage was caused by a certificate that expired overnight.",
    "The root cause was a retry loop in the queue consumer.",
    "The bug was an unguarded method in the pool owner contract.",
    "The vulnerability was a missing access check on the setter.",
])
def test_a_cause_stated_in_the_summary_is_the_root_cause(run_cli, tmp_path, sentence):
    text = f"# Outage\n\n## Summary\n\n{sentence}\n\n{_TIMELINE}"
    assert _check(run_cli, tmp_path, text, "PM011") == []


@pytest.mark.parametrize("heading", ["Details of the fix", "Background", "Technical debt"])
def test_other_headings_do_not_state_a_cause(run_cli, tmp_path, heading):
    text = (f"# Outage\n\n## Summary\n\nCheckout returned errors.\n\n{_TIMELINE}"
            f"## {heading}\n\nWe rolled the release back and the errors stopped.\n")
    found = _check(run_cli, tmp_path, text, "PM011")
    assert [item["rule"] for item in found] == ["PM011"]
    assert "root_causes" in found[0]["message"]


# ---- PM601: money and token losses are quantified impact ---------------------------------

@pytest.mark.parametrize("loss", [
    "Total value lost: approximately 18k USD.", "The attacker took $18,000 from the fee pool.",
    "Losses came to USD 18k.", "The exploit drained 1.2M tokens.", "About \u2248 40 ETH was lost.",
    "The researcher took 16.37k 3CRV of fees.", "We lost \u20ac2,500 in refunds.",
])
def test_a_money_or_token_loss_is_quantified_impact(run_cli, tmp_path, loss):
    text = (f"# Vulnerability in the fee contract\n\n## Summary\n\nA vulnerability let anyone set the fee "
            f"receiver. {loss}\n\n{_TIMELINE}## Root cause\n\nThe setter had no owner check.\n")
    assert _check(run_cli, tmp_path, text, "PM601") == []


@pytest.mark.parametrize("sentence", [
    "Set the HOME variable in the usd config file.",
    "The eth 1.10 release was deployed.",
    "The atom feed broke for subscribers.",
    "A few side cases we are resolving account for ~$50K.",
])
def test_a_word_like_a_currency_without_an_amount_is_no_loss(run_cli, tmp_path, sentence):
    text = f"# Outage\n\n## Summary\n\nThe feed broke. {sentence}\n\n## Root cause\n\nA bad deploy.\n"
    found = _check(run_cli, tmp_path, text, "PM601")
    assert len(found) == 1 and "who or what was affected" in found[0]["message"]


def test_a_loss_in_a_yaml_description_is_quantified_impact(run_cli, tmp_path):
    text = ("title: Vulnerability in the fee contract\nsummary: A vulnerability let anyone set the fee receiver.\n"
            "impact:\n  description: Approximately 18k USD of DAO fees was lost.\n")
    assert _check(run_cli, tmp_path, text, "PM601", name="pm.yaml") == []


# ---- PM701: the writers' own "we" or "I" owns a gap; a person or a role is still blamed ---

@pytest.mark.parametrize("sentence", [
    "We logged a warning, but failed to see that warning as an error case and so did not fire alerts.",
    "We failed to treat an empty page as an error.",
    "We should have deployed something else first to see if it affected all services.",
    "Looking back, we forgot to include the staging check in the checklist.",
    "I failed to notice the alert, and I should have escalated sooner.",
])
def test_the_writers_own_ownership_is_not_blame(run_cli, tmp_path, sentence):
    text = f"# Scraper failure\n\n## Summary\n\n{sentence}\n"
    assert _check(run_cli, tmp_path, text, "PM701") == []


@pytest.mark.parametrize("sentence,phrase", [
    ("The engineer failed to see that warning as an error case.", "failed to"),
    ("The developer should have checked the page before merging.", "should have"),
    ("@dana forgot to renew the certificate.", "forgot to"),
    ("The team failed to notice the alert.", "failed to"),
    ("They forgot to renew the certificate.", "forgot to"),
    ("We were careless with the deploy.", "careless"),
])
def test_blame_of_a_person_or_a_role_is_still_reported(run_cli, tmp_path, sentence, phrase):
    text = f"# Scraper failure\n\n## Summary\n\n{sentence}\n"
    found = _check(run_cli, tmp_path, text, "PM701")
    assert [item["message"].split('"')[1] for item in found] == [phrase]


# ---- PM804: a runbook step is an instruction, not an intention -------------------------

_ITEMS = "## Action items\n\n- Add an alert on block production stalls (owner: @ana)\n"


@pytest.mark.parametrize("procedure", [
    # a numbered step heading with its commands
    "### 11. Restore the validator state\n\nBy resetting the state we also reset the sign state. "
    "We need to restore our backup to prevent this.\n\n```sh\ncp ~/state.json ~/.node/data/state.json\n```\n",
    # a heading that names the procedure
    "## Restart procedure\n\nWe need to restore our backup before the node starts.\n",
    "## How to recover\n\nWe need to restore our backup before the node starts.\n",
    "## Runbook\n\nWe must restore our backup before the node starts.\n",
    # an item of a numbered procedure next to its commands
    "## Recovery\n\n1. Stop the node.\n2. We need to restore our backup to prevent a double sign.\n\n"
    "```sh\ncp ~/state.json ~/.node/data/state.json\n```\n",
])
def test_an_instruction_in_a_procedure_is_not_an_intention(run_cli, tmp_path, procedure):
    text = f"# Chain halt\n\n## Summary\n\nThe chain halted at the upgrade height.\n\n{procedure}\n{_ITEMS}"
    assert _check(run_cli, tmp_path, text, "PM804", preset="strict") == []


@pytest.mark.parametrize("section", [
    "## Lessons learned\n\nWe need to restore our backups regularly to prove they work.\n",
    # a numbered section heading without commands is no procedure step
    "## 3. What went wrong\n\nWe need to restore our backups regularly to prove they work.\n",
    # a plan heading that says "how to" is still about intentions
    "## How to prevent this\n\nWe need to restore our backups regularly to prove they work.\n",
])
def test_an_intention_outside_a_procedure_is_still_reported(run_cli, tmp_path, section):
    text = f"# Chain halt\n\n## Summary\n\nThe chain halted at the upgrade height.\n\n{section}\n{_ITEMS}"
    found = _check(run_cli, tmp_path, text, "PM804", preset="strict")
    assert len(found) == 1 and "restore our backups" in found[0]["message"]


def test_an_intention_an_item_already_covers_is_not_reported(run_cli, tmp_path):
    text = ("# Elevated errors\n\n## Summary\n\nThe database pooler ran out of connections.\n\n"
            "## Opportunities\n\nWe need to review our pgbouncer and postgresql configuration\n\n"
            "## Action items\n\n- Alerts added for pgbouncer errors by @ana\n"
            "- Spreadsheet created to calculate the database connections required\n")
    assert _check(run_cli, tmp_path, text, "PM804", preset="strict") == []


# ---- PM701: contempt for people is blame, whoever writes it ----------------------------

@pytest.mark.parametrize("sentence,phrase", [
    ("The successor group is repairing the mess they created.", "mess they created"),
    ("Do not let inexperienced managers handle billions while greedy VCs push them.", "inexperienced"),
    ("Greedy investors pushed the launch.", "Greedy"),
    ("Inexperienced management led to bad decisions during the event.", "Inexperienced"),
    ("The founders were greedy and ignored the warnings.", "greedy"),
    ("Lazy developers skipped the tests.", "Lazy"),
    ("The maintainers were incompetent.", "incompetent"),
])
def test_contempt_for_people_is_blame(run_cli, tmp_path, sentence, phrase):
    text = f"# Depeg retrospective\n\n## Summary\n\n{sentence}\n"
    found = _check(run_cli, tmp_path, text, "PM701")
    assert [item["message"].split('"')[1] for item in found][:1] == [phrase]


@pytest.mark.parametrize("sentence", [
    "The scheduler packs jobs with a greedy algorithm.",
    "The regex was greedy and matched the whole line.",
    "Images use lazy loading, so the first request is slow.",
    "Lazy evaluation of the config hid the typo.",
    "A stupid-simple retry wrapper was added.",
    "New and inexperienced users were confused by the error page.",
    "The reckless retry loop doubled the load.",
])
def test_the_same_words_in_technical_use_are_not_blame(run_cli, tmp_path, sentence):
    text = f"# Outage\n\n## Summary\n\n{sentence}\n"
    assert _check(run_cli, tmp_path, text, "PM701") == []


def test_a_judgement_negated_right_before_it_is_not_blame(run_cli, tmp_path):
    text = "# Outage\n\n## Summary\n\nThe operators were not careless and the founders were never greedy.\n"
    assert _check(run_cli, tmp_path, text, "PM701") == []
