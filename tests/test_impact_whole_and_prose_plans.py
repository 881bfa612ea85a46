"""Held-out sets N and O: impact, detection and plans written as teams write them.

PM601's who-half fired where the text says the whole service was out for its users
("users were not able to authenticate against the cluster", the service the title names
told as down, "did not work at all", a host name told down) or counts other units of work
("several million tasks waiting to be processed"); a maintenance's length ("completed the
migration in just over 3 hours") was not read as how long; and in meeting minutes a share
from another agenda item ("10% for being a student") was taken for the impact's. PM313
missed work in progress ("preparing to upgrade connections") and a change made to solve
the problem; PM401 missed bulk reports ("reported many slowdowns") and the team finding
the service bad as it brought it back. Each reading keeps its negative: a partial hit
("some users", "existing sessions kept working") still asks for the count, and a document
that tells no noticing still has PM401. Every document is synthetic: CLI in, findings out.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write


def _md(tmp_path, body: str, title: str = "Login failures"):
    return write(tmp_path / "pm.md", f"# {title}\n\n{body}\n")


def _findings(run_cli, path, rule: str = "PM601", preset: str = "recommended") -> list[dict]:
    return rule_findings(run_cli, path, rule, preset=preset)


# --- PM601: the whole service out for its users -------------------------------------------

def test_users_unqualified_and_unable_is_everyone_of_the_service(run_cli, tmp_path):
    body = ("Between about 10:15AM and 11:30AM users were not able to sign in to the build cluster. A bad "
            "identity provider setting caused it. Other realms saw no impact.")
    assert _findings(run_cli, _md(tmp_path, body)) == []


@pytest.mark.parametrize("part", [
    "Some users were not able to sign in to the build cluster",
    "New users were not able to sign in to the build cluster",
    "Users were not able to sign in to the build cluster; existing sessions kept working",
    "Users were intermittently not able to sign in to the build cluster",
])
def test_a_part_of_the_users_still_asks_for_the_count(run_cli, tmp_path, part):
    body = f"Between about 10:15AM and 11:30AM: {part}. A bad identity provider setting caused it."
    found = _findings(run_cli, _md(tmp_path, body))
    assert [item["severity"] for item in found] == ["info"], found
    assert "no count or share of the users" in found[0]["message"], found


def test_the_service_the_title_names_told_down_is_the_whole_of_it(run_cli, tmp_path):
    body = "Wiki down:\n\n2021-10-12 - 11:00-12:45\n\nRoot cause: a cache rebuilt on every request."
    assert _findings(run_cli, _md(tmp_path, body, "Wiki outages - October 2021")) == []


def test_a_component_the_title_does_not_name_is_no_whole_service(run_cli, tmp_path):
    body = "Redis down:\n\n2021-10-12 - 11:00-12:45\n\nRoot cause: a cache rebuilt on every request."
    found = _findings(run_cli, _md(tmp_path, body, "Wiki outages - October 2021"))
    assert [item["severity"] for item in found] == ["info"], found


def test_the_whole_service_out_is_quoted_when_how_long_is_missing(run_cli, tmp_path):
    body = "The bulk editing feature did not work at all after the restart. We restored the settings by hand."
    found = _findings(run_cli, _md(tmp_path, body, "Editor failure"))
    assert [item["severity"] for item in found] == ["info"], found
    assert 'that the whole service was out for its users ("did not work at all", line 3)' in found[0]["message"]


def test_a_safeguard_that_did_not_work_at_all_is_no_service_out(run_cli, tmp_path):
    body = ("The editor failed for two hours after the restart. The failover script did not work at all, so "
            "we restored the settings by hand.")
    found = _findings(run_cli, _md(tmp_path, body, "Editor failure"))
    assert [item["severity"] for item in found] == ["info"], found
    assert "no count or share of the users" in found[0]["message"], found


def test_a_host_name_told_down_is_the_whole_site(run_cli, tmp_path):
    body = "Someone told us that status.example.org is down. The disk was full; we freed space."
    found = _findings(run_cli, _md(tmp_path, body, "Disk full"))
    assert [item["severity"] for item in found] == ["info"], found
    assert 'that the whole site was down ("status.example.org is down")' in found[0]["message"], found


# --- PM601: counts of other units of work, a maintenance's length, another matter's share ---

def test_a_backlog_of_tasks_in_words_is_what_was_affected(run_cli, tmp_path):
    body = ("The task queue was unavailable from 04:19 to 09:20. Then we found several million tasks waiting "
            "to be processed.")
    assert _findings(run_cli, _md(tmp_path, body, "Task queue failure")) == []


def test_a_threshold_in_words_counts_nothing_hit(run_cli, tmp_path):
    body = ("The task queue was unavailable from 04:19 to 09:20; workers restart after several thousand "
            "requests, every one of them.")
    found = _findings(run_cli, _md(tmp_path, body, "Task queue failure"))
    assert [item["severity"] for item in found] == ["info"], found


def test_a_maintenance_told_complete_in_hours_gives_how_long(run_cli, tmp_path):
    body = ("We completed our scheduled maintenance. We allocated 2 hours and completed the migration in just "
            "over 3 hours.")
    assert _findings(run_cli, _md(tmp_path, body, "Maintenance review")) == []


def test_a_migration_length_without_a_maintenance_is_not_how_long(run_cli, tmp_path):
    body = "Checkout errors hit every request. Separately, we completed the migration in just over 3 weeks."
    found = _findings(run_cli, _md(tmp_path, body, "Checkout errors"))
    assert [item["severity"] for item in found] == ["info"], found
    assert "no duration of the impact" in found[0]["message"], found


def test_a_share_under_another_agenda_item_is_not_the_impact(run_cli, tmp_path):
    text = ("# Committee minutes\n\n#### Security incident\n\nAn account on the file server was broken into "
            "and the server was taken offline.\n\n#### Snacks\n\nThe bakery offers 10% off for members.\n")
    found = _findings(run_cli, write(tmp_path / "pm.md", text))
    assert [item["severity"] for item in found] == ["warning"], found
    # the share is not taken for who was hit; quoted only as a number the text gives elsewhere
    assert "a count or share" not in found[0]["message"], found
    assert 'gives "10% off for members.", but not as who was affected' in found[0]["message"], found


def test_a_share_in_the_incidents_own_section_still_counts(run_cli, tmp_path):
    text = ("# Committee minutes\n\n#### Security incident\n\nThe file server was taken offline and 40% of "
            "members lost their files.\n\n#### Snacks\n\nNothing to report.\n")
    found = _findings(run_cli, write(tmp_path / "pm.md", text))
    assert [item["severity"] for item in found] == ["info"], found
    assert '("40%", line 5)' in found[0]["message"], found


@pytest.mark.parametrize("said", [
    "Between 12PM and 2PM users were not able to log in", "From 9am users could not log in",
    "At 10 UTC users were unable to log in", "Until 14h users saw errors",
])
def test_a_clock_time_before_users_is_no_count(said):
    from pmlint.load.counts import COUNT_OF, WHO

    assert WHO.search(said) is None and COUNT_OF.search(said.lower()) is None, said


def test_a_count_after_a_clock_time_is_still_read():
    from pmlint.load.counts import WHO

    found = WHO.search("At 2PM 1,200 users were unable to log in")
    assert found is not None and found.group() == "1,200 users"


# --- PM313: plans in prose -----------------------------------------------------------------

def test_work_in_progress_on_a_change_is_a_plan(run_cli, tmp_path):
    body = ("## Changes\n\nWe fixed the upstream issue and preparing to upgrade connections via the primary "
            "server.\n\nI am trying to bring the service via the second link up as fast as possible.")
    assert _findings(run_cli, _md(tmp_path, body, "DNS outage"), "PM313") == []


def test_a_change_made_to_solve_the_problem_is_asked_for_a_plan_under_strict_only(run_cli, tmp_path):
    path = _md(tmp_path, "## Changes\n\nWe migrated to the SSD environment to solve the problem.", "DNS outage")
    assert _findings(run_cli, path, "PM313") == []
    assert len(_findings(run_cli, path, "PM313", preset="strict")) == 1


def test_trying_to_understand_is_no_plan(run_cli, tmp_path):
    body = "## Changes\n\nWe are trying to understand what went wrong. We should consider better disks."
    found = _findings(run_cli, _md(tmp_path, body, "DNS outage"), "PM313")
    assert len(found) == 1, found


# --- PM401: noticing told in other words -----------------------------------------------------

def test_bulk_reports_of_slowdowns_are_a_detection(run_cli, tmp_path):
    body = "After the upgrade the resolver changed and reported many of service slowdowns. We moved it back."
    assert _findings(run_cli, _md(tmp_path, body, "DNS slowdown"), "PM401") == []


def test_the_team_finding_the_service_bad_at_cutover_is_a_detection(run_cli, tmp_path):
    body = ("We turned the app back on to point at the new database and the performance was abysmal. "
            "Running VACUUM ANALYZE fixed it.")
    assert _findings(run_cli, _md(tmp_path, body, "Upgrade overrun"), "PM401") == []


def test_reporting_issues_to_a_vendor_tells_no_detection(run_cli, tmp_path):
    body = "The resolver was slow after the upgrade. We reported many issues to the vendor and moved it back."
    assert len(_findings(run_cli, _md(tmp_path, body, "DNS slowdown"), "PM401")) == 1


# --- scaling -----------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", [
    "users were unable to ", "some users ", "Wiki down ", "several million tasks ", "a.example.org is down ",
    "we turned it back on and ", "reported many ", "and preparing to ",
])
def test_the_new_readings_scale_linearly(unit):
    from linearity import assert_ten_times_linear
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.load import load_text
    from pmlint.settings import DEFAULT_SETTINGS

    rules = [rule for rule in load_rules() if rule.id in ("PM601", "PM313", "PM401")]
    options = RunOptions(settings=dict(DEFAULT_SETTINGS), severity={})

    def run(copies: int) -> None:
        text = "# Wiki outage\n\n## Notes\n\n" + unit * copies + "\n\n## Snacks\n\n10% " + "x " * copies
        lint_document(load_text("pm.md", text, options.settings), rules, options)

    assert_ten_times_linear(run, 300, unit)
