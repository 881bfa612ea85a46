"""What held-out set G showed pmlint did not read (issue 12; verdicts in
benchmarks/heldout/review-G.tsv). Synthetic documents, CLI in, findings out.

- A timeline entry in the present tense records a user's report: "A user from team
  Booking notifies us on Slack that ..." (the subject a clause away from its verb).
- "We were made aware of issues that our users had when cloning" is a user report.
- A role opening an item as its subject ("Developers to come up with ...") owns it.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


@pytest.mark.parametrize("entry, reported", [
    ("12:39 A user from team Booking notifies us on Slack that their environment is down.", False),
    ("12:39 One of our customers tells us that exports fail.", False),
    ("12:39 We restart the nodes of the development cluster.", True),
])
def test_a_report_in_the_present_tense_records_detection(run_cli, tmp_path, entry, reported):
    doc = write(tmp_path / "pm.md", f"# Nodes terminating\n\n## Timeline\n\n* 2022-01-07\n  * {entry}\n"
                "  * 13:10 The nodes are replaced and the cluster recovers.\n")
    assert bool(rule_findings(run_cli, doc, "PM401")) is reported


@pytest.mark.parametrize("sentence, reported", [
    ("Recently we were made aware of issues that our users had when cloning the spec repo.", False),
    ("Recently we were made aware of the cost of cloning the spec repo.", True),
])
def test_made_aware_of_users_issues_is_a_user_report(run_cli, tmp_path, sentence, reported):
    doc = write(tmp_path / "pm.md", f"# Spec repo\n\n## Summary\n\n{sentence} GitHub rate-limited the repository.\n")
    assert bool(rule_findings(run_cli, doc, "PM401")) is reported


@pytest.mark.parametrize("item, owned", [
    ("Developers to come up with a response approach to non-critical alarms", True),
    ("The platform team to add an alarm on retries", True),
    ("Come up with a response approach to non-critical alarms", False),
    ("Remind engineers to double-check the region before deploying", False),
    ("Ask the team to review alarms weekly", False),
])
def test_a_role_opening_the_item_owns_it(run_cli, tmp_path, item, owned):
    doc = write(tmp_path / "pm.md", f"# Lambda retries\n\n## Summary\n\nRetries overloaded the database.\n\n"
                f"## Actions\n\n- {item}\n- Write some docs around incidents\n")
    assert bool(rule_findings(run_cli, doc, "PM314")) is not owned


DNS = """\
# Unclaimed buckets

## Summary

Three subdomains pointed at deleted S3 buckets.

## Corrective Actions

Immediate corrective action was taken to remove three CNAME records. The records pointed the following subdomains:

- staticshare
- statictranslations

Additionally, the devops team removed other old records. Namely:

| type  | name                     |
| ----- | ------------------------ |
| CNAME | share.america.gov        |
| A     | www.statemag.state.gov   |

{closing}
"""


def test_values_listed_under_the_plan_are_no_action_items(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", DNS.format(
        closing="Internal devops documentation will be updated to ensure such subdomains are always proxied."))
    assert rule_findings(run_cli, doc, "PM313", "PM314") == []
    code, out, err = run_cli("convert", str(doc))
    assert code == 0, err
    assert "staticshare" not in out and "share.america.gov" not in out  # neither listed value became an item


def test_without_a_commitment_the_missing_plan_is_reported(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", DNS.format(closing="The records posed no risk themselves."))
    assert [finding["rule"] for finding in rule_findings(run_cli, doc, "PM313")] == ["PM313"]


NORWEGIAN = """\
# Søknader uten oppgave

**Sammendrag:** Ved overgangen til det nye systemet ble 182 søknader ikke rutet til riktig kontor.
Søknadene ble liggende uten oppgave i over to uker før et kontor meldte fra om saken.

**Rotårsaker:** Logikken for overgangen sjekket bare om søknaden var ny, og ikke om den allerede
hadde fått en oppgave i det gamle systemet. Derfor ble søknader som kom inn samme dag oversett.

**Påvisning:** Jira-sak fra et NAV-kontor som manglet oppgaver for flere brukere denne uken.

**Tiltak:** Vi har laget en jobb som finner søknader uten oppgave hver natt og varsler teamet.
Det er også lagt til en test for overgangen, slik at feilen ikke kan komme tilbake igjen senere.
"""


def test_a_document_in_another_language_gets_no_missing_claims_by_default(run_cli, tmp_path):
    """Nothing was searched: pmlint's vocabularies are English. The absence claims are
    `info` under `strict` only (rules with `claims_absence: true`)."""
    doc = write(tmp_path / "pm.md", NORWEGIAN)
    absence = ("PM011", "PM313", "PM401", "PM601", "PM801")
    assert rule_findings(run_cli, doc, *absence) == []
    strict = rule_findings(run_cli, doc, *absence, preset="strict")
    assert strict and {finding["severity"] for finding in strict} == {"info"}


def test_english_prose_keeps_its_missing_claims(run_cli, tmp_path):
    doc = write(tmp_path / "pm.md", "# Applications without a task\n\n## Summary\n\n"
                "During the cut-over to the new system, 182 applications were not routed to the right office. "
                "They stayed without a task for over two weeks before an office told us about it. The logic "
                "for the cut-over only checked whether an application was new, and not whether it already had "
                "a task in the old system, so applications that came in on the same day were missed by it.\n")
    # one finding per missing section (the timeline, and the cause heading) since the review of set H
    messages = sorted(finding["message"] for finding in rule_findings(run_cli, doc, "PM011"))
    assert [message.split(" (")[0] for message in messages] == [
        "Missing core section: `root_causes`", "Missing core section: `timeline`"]


def test_reading_the_language_is_bounded():
    from pmlint.load.markdown.language import unread_language

    english = ["The service was down for an hour and the team restored it from a backup."] * 20
    assert unread_language(english) is False
    assert unread_language(NORWEGIAN.splitlines() * 3) is True
    assert unread_language(["Søknader uten oppgave"]) is False  # too few words to tell
    huge = ["Søknadene ble liggende uten oppgave hos kontoret i mange uker."] * 200_000
    assert unread_language(huge) is True  # reads only the first 64 KB
