"""Evidence before absence, part two: sections written without `##`, misspelt headings,
causes, detection and impact in the phrasings real postmortems use, and intentions that
are the lead-in of a list. Every document is synthetic; most tests run the CLI on a file
and read the JSON findings, so they test what a user sees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linearity import assert_ten_times_linear
from pmlint.load import load_text


def check(run_cli, tmp_path: Path, text: str, *rules: str) -> list[dict]:
    path = tmp_path / "postmortem.md"
    path.write_text(text, encoding="utf-8")
    args = ["check", "--format", "json", "--preset", "recommended", str(path)]
    for rule in rules:
        args += ["--select", rule]
    code, out, _ = run_cli(*args)
    assert code in (0, 1), out
    data = json.loads(out)
    return data["findings"] if isinstance(data, dict) else data


def rule_ids(found: list[dict]) -> set[str]:
    return {finding.get("rule_id") or finding.get("rule") or finding.get("id") for finding in found}


HEAD = """# Search index outage

## Summary

The search index stopped answering and every search failed for 40 minutes.

## Detection

A customer told us through the support chat.
"""


# -- 1. a heading written as a plain, bold or italic line over a list -----------------------

@pytest.mark.parametrize("label", ["Action Items", "**Follow-up**", "_Action items_", "**Next steps:**"])
def test_a_label_line_over_a_list_is_the_plan(run_cli, tmp_path, label):
    text = HEAD + f"\n{label}\n- Add an alert on index replication lag\n- Move the index to three replicas\n"
    assert "PM313" not in rule_ids(check(run_cli, tmp_path, text, "PM313"))
    loaded = load_text("pm.md", text)
    assert [item["title"] for item in loaded.data["action_items"]] == [
        "Add an alert on index replication lag", "Move the index to three replicas"]


def test_a_label_line_over_prose_or_an_unknown_line_is_no_section(run_cli, tmp_path):
    prose = HEAD + "\nAction Items\n\nNone were written down yet.\n"
    assert "PM313" in rule_ids(check(run_cli, tmp_path, prose, "PM313"))
    unknown = HEAD + "\nSome notes\n- the index was cold\n"
    assert "action_items" not in load_text("pm.md", unknown).data


def test_lessons_that_lay_down_rules_are_a_plan_but_must_elsewhere_is_not(run_cli, tmp_path):
    lessons = HEAD + ("\n_Lessons learned_\n\n- Index snapshots must not be older than a day.\n"
                      "- Do not reindex both replicas in the same window.\n")
    assert "PM313" not in rule_ids(check(run_cli, tmp_path, lessons, "PM313"))
    described = HEAD + "\n## Background\n\nThe index must be rebuilt after every schema change.\n"
    assert "PM313" in rule_ids(check(run_cli, tmp_path, described, "PM313"))


@pytest.mark.parametrize("heading", ["Action Itmes", "Lessons Leanred", "Remediatons"])
def test_a_heading_misspelt_by_one_letter_is_recognised(heading):
    text = HEAD + f"\n## {heading}\n\n- Add an alert on index replication lag\n"
    assert load_text("pm.md", text).meta.sections.keys() - {"summary", "detection"}


def test_short_headings_are_not_guessed():
    text = HEAD + "\n## Cases\n\n- one\n"  # "cases" is one letter from "causes": too short to guess
    assert "root_causes" not in load_text("pm.md", text).meta.sections


def test_a_heading_about_preventing_recurrence_is_the_plan(run_cli, tmp_path):
    text = HEAD + ("\n## What is being done to prevent future incidents?\n\n"
                   "1. **Replicate the index**: run three replicas in two zones.\n")
    loaded = load_text("pm.md", text)
    assert loaded.data["action_items"][0]["title"] == "Replicate the index"


def test_first_person_singular_work_done_is_a_plan(run_cli, tmp_path):
    done = HEAD + "\n## Moving Foward\n\nAs a result, I've bumped the server's memory to 2 GB.\n"
    assert "PM313" not in rule_ids(check(run_cli, tmp_path, done, "PM313"))
    # a response step in the first person is no follow-up
    narrative = HEAD + "\n## What I did\n\nI have restarted the service and it came back.\n"
    assert "PM313" in rule_ids(check(run_cli, tmp_path, narrative, "PM313"))


# -- 2. causes stated in ordinary sentences -------------------------------------------------

CAUSELESS = """---
title: Search index outage
---

## Summary

Searches failed for 40 minutes on 2025-03-04 from 09:10 to 09:50 UTC.

## Timeline

- 09:10 UTC searches fail
- 09:20 UTC we notice the error rate
- 09:50 UTC service restored

## What happened

{sentence}
"""


@pytest.mark.parametrize("sentence", [
    "This is due to a flaw in the query parser.",
    "The bug was in the replica election code.",
    "This issue was introduced in the 2.3 release.",
    "The parser flaw would allow an attacker to skip the review.",
    "A snapshot was kept after the migration, which later on leads to a full disk.",
    "The index job failed because the token had expired.",
    "Linking roles to users rather than to memberships allowed for this disconnect.",
])
def test_a_cause_in_any_sentence_counts(run_cli, tmp_path, sentence):
    found = check(run_cli, tmp_path, CAUSELESS.format(sentence=sentence), "PM011")
    assert not any("root_causes" in finding["message"] for finding in found), found


def test_because_in_an_ordinary_sentence_is_no_cause(run_cli, tmp_path):
    text = CAUSELESS.format(sentence="We chose this index because it is familiar to the team.")
    found = check(run_cli, tmp_path, text, "PM011")
    assert any("root_causes" in finding["message"] for finding in found)


# -- 3. the lead paragraph before the first heading ------------------------------------------

def test_an_untitled_lead_with_its_list_is_the_summary(run_cli, tmp_path):
    text = ("---\ntitle: Registry downtime\n---\n\n"
            "The registry was down several times this month, in three windows:\n\n"
            "1. March 4th -- 15:00 to 19:30 UTC\n2. March 9th -- 15:30 to 18:00 UTC\n\n"
            "The root cause was a database that ran out of memory under load.\n\n"
            "## How does the registry work?\n\nIt is one database and a web front end.\n")
    found = check(run_cli, tmp_path, text, "PM011", "PM601")
    assert not any("summary" in finding["message"] for finding in found), found
    loaded = load_text("pm.md", text)
    assert "15:00 to 19:30 UTC" in loaded.data["summary"]


# -- 4. detection ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "On March 4, the team was notified by a researcher at an outside security firm.",
    "04:01 - Uptime monitoring tools detect the outage and send SMS alerts.",
    "Thanks to our users filing reports in the tracker we found the broken hosts.",
    "The first two reports of persistent errors are opened on the tracker.",
])
def test_detection_in_these_phrasings_counts(run_cli, tmp_path, sentence):
    text = f"# Outage\n\n## Notes\n\n{sentence}\n"
    assert "PM401" not in rule_ids(check(run_cli, tmp_path, text, "PM401"))


def test_detection_still_missing_says_where_pmlint_looked(run_cli, tmp_path):
    found = check(run_cli, tmp_path, "# Outage\n\n## Notes\n\nThe index was notified of the change.\n", "PM401")
    assert [finding["message"] for finding in found] == [
        "Detection method not recorded: no alert, report or person noticing the problem found in any section "
        "or sentence"]


# -- 5. impact ------------------------------------------------------------------------------

@pytest.mark.parametrize("who", [
    "A single package was compromised with a harmless change.",
    "Everyone visiting the site couldn't open it.",
    "We have no evidence that any of these packages were downloaded by a real user.",
])
def test_who_was_affected_in_these_phrasings_counts(run_cli, tmp_path, who):
    text = f"# Outage\n\n## Story\n\n{who} It lasted 40 minutes.\n"
    assert "PM601" not in rule_ids(check(run_cli, tmp_path, text, "PM601"))


@pytest.mark.parametrize("how_long", [
    "The registry was down on March 13th, 15:00 to 19:30 UTC.",
    "On Sunday from ~12:00 (maybe before) to 17:55 CEST the site failed.",
    "Start: Wednesday, 2025-03-04\nEnd: Thursday, 2025-03-05",
    "The package stayed changed for the duration of the demonstration until its reversal.",
    "The attack was repeated three times over the following hour.",
])
def test_how_long_in_these_phrasings_counts(run_cli, tmp_path, how_long):
    text = f"# Outage\n\n## Story\n\nAll users saw errors.\n\n{how_long}\n"
    assert "PM601" not in rule_ids(check(run_cli, tmp_path, text, "PM601"))


def test_impact_still_missing_says_where_pmlint_looked(run_cli, tmp_path):
    found = check(run_cli, tmp_path, "# Outage\n\n## Impact\n\nSome customers saw errors.\n", "PM601")
    assert len(found) == 1 and "found in any section or sentence" in found[0]["message"]


# -- 6. intentions ----------------------------------------------------------------------------

PLAN = """# Outage

## Summary

The registry was down for 40 minutes and all users saw errors.

## Response

{body}

## Action items

- Review the ISP SLAs with both providers
- Add a hot spare database replica
"""


def test_an_intent_that_leads_in_a_list_is_no_orphan(run_cli, tmp_path):
    body = ("We learned a lot. There are several steps that we need to take to prevent future downtime:\n\n"
            "1. Keep a hot spare replica\n2. Review the ISP contracts\n")
    assert "PM804" not in rule_ids(check(run_cli, tmp_path, PLAN.format(body=body), "PM804"))


def test_criteria_under_a_statement_are_adopted_not_intended(run_cli, tmp_path):
    body = ("We've established guiding criteria for pausing the bridge:\n\n"
            "- If an attack is ongoing: we should pause the bridge to limit the damage.\n"
            "- Otherwise: we should keep the bridge running.\n")
    assert "PM804" not in rule_ids(check(run_cli, tmp_path, PLAN.format(body=body), "PM804"))


def test_an_intent_named_in_full_meets_its_acronym_in_an_item(run_cli, tmp_path):
    body = "We need to better understand the Service Level Agreement of the provider.\n"
    assert "PM804" not in rule_ids(check(run_cli, tmp_path, PLAN.format(body=body), "PM804"))


def test_an_orphan_intent_is_still_reported_where_its_words_stand(run_cli, tmp_path):
    body = ("We were surprised by the failover.\nIn the future we should rehearse the failover every quarter "
            "with the whole team.\n")
    text = PLAN.format(body=body)
    found = check(run_cli, tmp_path, text, "PM804")
    assert len(found) == 1
    assert "we should rehearse" in text.splitlines()[found[0]["line"] - 1]


# -- cost -------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "everyone ", "reports ", "start: ", "from 12:00 ", "no evidence that any ", "we were notified ",
    "the team ", "12:00 to ", "which later on ", "Action Items\n- x\n\n",
])
def test_new_patterns_scale_linearly(unit):
    """Ten times the text costs about ten times the time, whatever the text repeats."""
    assert_ten_times_linear(
        lambda copies: load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies).meta.evidence.as_dict(), 1000, unit)


# -- a timeline the summary or a short disclosure answers -------------------------------------

def test_windows_in_the_summary_make_a_missing_timeline_pedantic(run_cli, tmp_path):
    text = ("---\ntitle: Registry downtime\n---\n\n"
            "The registry was down twice this month, in two windows:\n\n"
            "1. March 4th -- 15:00 to 19:30 UTC\n2. March 9th -- 15:30 to 18:00 UTC\n\n"
            "The root cause was a database that ran out of memory under load.\n\n"
            "## What we are doing about it\n\n- Add a second database replica\n")
    assert "PM011" not in rule_ids(check(run_cli, tmp_path, text, "PM011"))
    no_windows = text.replace("15:00 to 19:30 UTC", "in the afternoon").replace("15:30 to 18:00 UTC", "at night")
    assert "PM011" in rule_ids(check(run_cli, tmp_path, no_windows, "PM011"))


def test_a_short_supply_chain_disclosure_needs_no_timeline_section(run_cli, tmp_path):
    text = ("# Security disclosure\n\nA researcher reported that our review bot could be tricked into "
            "approving a change. This is due to a flaw in the diff parser the bot uses.\n\n"
            "## What was impacted\n\nA single package was compromised with a harmless change for the duration "
            "of the demonstration until its reversal.\n\n## What we're doing about it\n\n"
            "- The review bot has been disabled\n- Every change needs a maintainer's approval\n")
    assert "PM011" not in rule_ids(check(run_cli, tmp_path, text, "PM011"))


def test_a_flood_of_http_errors_is_no_duration(run_cli, tmp_path):
    text = "# Outage\n\n## Story\n\nAll users saw a flood of 404s and a wave of 500s.\n"
    found = check(run_cli, tmp_path, text, "PM601")
    assert [finding["message"].split(";")[0] for finding in found] == ["Impact not quantified: how long (`duration_minutes`)"]


def test_a_guess_about_the_past_in_the_lessons_is_no_rule(run_cli, tmp_path):
    text = HEAD + "\n## Lessons learned\n\n- The alert must have been muted during the upgrade.\n"
    assert "PM313" in rule_ids(check(run_cli, tmp_path, text, "PM313"))


def test_an_upper_case_provider_abbreviation_is_no_pronoun(run_cli, tmp_path):
    """A root cause that a bold label over a list now opens names its provider "HE" (for
    HE.net): an abbreviation, not "he"."""
    text = HEAD + ("\n**Root Cause:**\n- A failure of HE.net routing equipment cut both uplinks.\n\n"
                   "## Action items\n\n- Add a second upstream provider\n")
    assert "PM702" not in rule_ids(check(run_cli, tmp_path, text, "PM702"))
    person = text.replace("HE.net routing equipment cut", "routing equipment he configured cut")
    assert "PM702" in rule_ids(check(run_cli, tmp_path, person, "PM702"))


def test_a_typosquatting_disclosure_with_its_count_is_not_asked_for_outage_minutes(run_cli, tmp_path):
    text = ("# Registry notice\n\n## Summary\n\nA researcher told us that a new account had uploaded packages that "
            "typosquatted popular ones. The packages were removed.\n\n## Analysis\n\nWe have no evidence that "
            "any of these packages were downloaded by a real user.\n")
    assert "PM601" not in rule_ids(check(run_cli, tmp_path, text, "PM601"))
    outage = text.replace("typosquatted popular ones", "slowed the index down")
    assert "PM601" in rule_ids(check(run_cli, tmp_path, outage, "PM601"))


@pytest.mark.parametrize("sentence", [
    "A user who had not opened it for months reopened the website and noticed a blank screen.",
    "| 08:35 | @rachel notices on the forum that the app name is wrong |",
    "- 13:35 UTC: An outside auditor notified `acme-forge` of the leaked token.",
])
def test_detection_told_as_a_story_counts(run_cli, tmp_path, sentence):
    """Held-out C: a user a clause away from "noticed", a chat log's "@handle notices", an
    outside party that "notified <us> of" it: each says how the incident was found."""
    text = f"# Outage\n\n## Notes\n\n{sentence}\n"
    assert "PM401" not in rule_ids(check(run_cli, tmp_path, text, "PM401"))


def test_a_detection_section_in_words_is_not_asked_for_a_category(run_cli, tmp_path):
    """A Detection section that tells how it was found ("the tutorial tests start failing")
    is recorded: asking for a category word is `strict` only."""
    text = "# Outage\n\n## Detection\n\nThe tutorial tests start failing again and again despite retries.\n"
    assert "PM401" not in rule_ids(check(run_cli, tmp_path, text, "PM401"))
    path = tmp_path / "strict.md"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--preset", "strict", "--select", "PM401",
                             str(path))
    assert code == 0, err
    assert [item["severity"] for item in json.loads(out)["findings"]] == ["info"]


def test_a_question_heading_that_states_the_problem_is_the_summary(run_cli, tmp_path):
    """Held-out C: "## What was the problem?" opens a post as its summary does."""
    text = ("# Blank screen\n\n## What was the problem?\n\nEvery returning user saw a blank page for two days.\n\n"
            "## Why did it happen?\n\nThe stored schema changed and old entries broke the page.\n")
    found = check(run_cli, tmp_path, text, "PM011")
    assert all("`summary`" not in item["message"] for item in found), found
