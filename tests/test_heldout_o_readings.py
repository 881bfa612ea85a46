"""Readings added after held-out set O was judged (CLI in, findings out, on short
documents written for these tests): a timeline whose times carry no year, dated by the
document's one year; many unreadable times written each their own way are one finding;
causes, plans and detection told as O's documents told them."""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear

_NO_YEAR = ("# Index deleted\n\n## Incident date\n\n- Discovered: Sept 3, 2019\n- Occurred: Aug 31, 2019\n\n"
            "## Timeline\n\n- Aug 31 8:49am: health goes from Ok to Degraded\n- Aug 31 10:27am: the index "
            "'resources-2018-04-09' is created\n- Sept 3, 4:26pm: a librarian reports the catalog broken\n"
            "- Sept 3 11:19pm: the restored index is in service\n")


def test_times_without_a_year_take_the_documents_one_year(run_cli, tmp_path):
    """"Aug 31 8:49am" is read on 2019-08-31: the dates above give the year (a name that
    carries a date, "resources-2018-04-09", tells none)."""
    from pmlint.load import load_text

    timeline = load_text("pm.md", _NO_YEAR).data["timeline"]
    assert [entry["at"][:16] for entry in timeline] == ["2019-08-31T08:49", "2019-08-31T10:27",
                                                        "2019-09-03T16:26", "2019-09-03T23:19"]
    assert rule_findings(run_cli, write(tmp_path / "pm.md", _NO_YEAR), "PM501") == []


def test_a_document_of_several_years_dates_no_yearless_time():
    from pmlint.load import load_text

    text = _NO_YEAR.replace("Occurred: Aug 31, 2019", "Occurred: Aug 31, 2018")
    assert not load_text("pm.md", text).data["timeline"][0]["at"].startswith("2019")


_LOOSE = ("# Index deleted\n\n## Timeline\n\n- Aug 31 8:49am: health goes from Ok to Degraded\n"
          "- Sept 3, 4:26pm: a librarian reports the catalog broken\n- Sept 3 10:41:56pm: the new index is live\n"
          "- Sept 3 11:19: the restored index is in service\n")


def test_many_unreadable_times_written_each_its_own_way_are_one_finding(run_cli, tmp_path):
    """Four times with no year, each written its own way: one finding for the timeline,
    not one per line (a held-out review called seven per-line findings pedantic)."""
    found = rule_findings(run_cli, write(tmp_path / "pm.md", _LOOSE), "PM501")
    assert [(item["line"], item["severity"]) for item in found] == [(5, "warning")]
    assert found[0]["message"].startswith("4 timeline times could not be read")


def test_two_unreadable_times_are_each_reported(run_cli, tmp_path):
    text = "\n".join(_LOOSE.splitlines()[:6]) + "\n"
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM501")
    assert [item["line"] for item in found] == [5, 6]
    assert all("is not a valid ISO 8601" in item["message"] for item in found)


def test_finding_the_year_is_linear():
    from pmlint.load import load_text

    unit = "Seen on Sept 3, 2019 in resources-2018-04-09 at 10:00.\n"
    assert_ten_times_linear(lambda copies: load_text("pm.md", "# T\n\n" + unit * copies), 20, "first year")


@pytest.mark.parametrize("heading", ["### Reason", "## Analysis of causes", "## Contributing causes"])
def test_a_cause_under_a_reason_heading_is_read(run_cli, tmp_path, heading):
    text = (f"# DNS slow\n\nThe resolver was slow for two days.\n\n{heading}\n\n"
            "We moved the cache from SSD to HDD to save money.\n\n## Timeline\n\n- 2022-12-01 09:00 UTC slow\n")
    assert not [item for item in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011")
                if "root_causes" in item["message"]]


@pytest.mark.parametrize("said", ["It was found during manual post-deploy checks the same day.",
                                  "Discovered during checks.",
                                  "We re-opened the outage because of reports of multiple folks getting a grey screen."])
def test_checks_and_reports_of_people_are_detection(run_cli, tmp_path, said):
    text = f"# Login broken\n\nLogin failed for six hours. {said}\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401") == []


def test_minutes_name_their_actions_and_owners(run_cli, tmp_path):
    """Meeting minutes write "**Action** Sadiq to talk to Phil", one to a line: the plan,
    owned; and "was broken into" states the cause."""
    from pmlint.load import load_text

    text = ("# Exec minutes\n\n## Security incident\n\nThe box had been in development mode and the testing user, "
            "which had a weak password, was broken into.\n\n**Action** Sadiq to talk to Phil about hosting  \n"
            "**Action** Si to email the IT office again\n")
    items = load_text("pm.md", text).data["action_items"]
    assert [(item["title"], item.get("owner")) for item in items] == [
        ("Sadiq to talk to Phil about hosting", "Sadiq"), ("Si to email the IT office again", "Si")]
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011", "PM313", "PM314")
    assert [item["rule"] for item in found if "root_causes" in item["message"] or item["rule"] != "PM011"] == []


def test_a_bold_action_taken_is_no_plan():
    from pmlint.load import load_text

    text = "# Outage\n\n**Action taken** Restarted the server.\n"
    assert not load_text("pm.md", text).data.get("action_items")


def test_bold_action_lines_are_read_in_linear_time():
    from pmlint.load import load_text

    unit = "**Action** Sadiq to talk to Phil about hosting  \n"
    assert_ten_times_linear(lambda copies: load_text("pm.md", "# M\n\n" + unit * copies), 200, "bold actions")


@pytest.mark.parametrize("said, reported", [
    ("Some people complained that even the easiest tasks were too hard.", False),
    ("The new forum should comfort the users who complained that the old interface looks dated.", False),
    ("Several users complained that the site was down.", True),
])
def test_a_complaint_reports_the_incident_only_when_it_names_a_failure(run_cli, tmp_path, said, reported):
    text = (f"# Game server crash\n\nThe game server crashed for an hour. {said}\n\n## Action items\n\n"
            "- Add swap to the game server\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM402")
    assert bool(found) is reported


def test_code_line_numbers_reads_the_ranges_and_stops_at_a_bound():
    """The one reader of which lines are code, shared by every prose reader."""
    from pmlint.model import code_line_numbers

    assert code_line_numbers(((2, 4), (9, 9))) == {2, 3, 4, 9}
    assert code_line_numbers(((2, 4), (9, 12)), 10) == {2, 3, 4, 9, 10}
    assert code_line_numbers(()) == set() and code_line_numbers(None) == set()
