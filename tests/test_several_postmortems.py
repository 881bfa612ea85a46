"""A page of several postmortems (held-out T: a project's testnet incident reports), each
with its own "#### Timeline" under its own "### ... (Incident #N)" heading: each timeline
is an incident. Before, PM502 compared the first entry of each incident with the last of
the one above it (five findings, all judged false). An alert that resolves ("Chain
stalled alert resolved") is not the incident resolved."""

from __future__ import annotations

from conftest import rule_findings, write

PAGE = """# Testnet incident reports

### Peers not receiving blocks (Incident #2)

#### Timeline

- 2020-04-18 20:10 UTC: Nodes stop receiving blocks over gossip
- 2020-04-18 22:39 UTC: Fix deployed, blocks flow again

### Chain stuck at genesis (Incident #1)

#### Timeline

- 2020-01-09 10:00 UTC: No block is proposed after genesis
- 2020-01-09 {second} UTC: The team restarts a node with a fresh database
- 2020-01-09 11:30 UTC: Hotfix deployed, the chain resumes
"""


def test_each_postmortems_timeline_is_its_own_incident(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PAGE.format(second="10:40"))
    assert rule_findings(run_cli, path, "PM502") == []
    assert [f for f in rule_findings(run_cli, path, "PM504", preset="strict")] == []


def test_an_entry_out_of_place_within_one_postmortem_is_still_reported(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PAGE.format(second="09:40"))
    found = rule_findings(run_cli, path, "PM502")
    assert len(found) == 1 and found[0]["line"] == 15


ONE = """# Chain stalled

## Timeline

- 2019-10-30 13:53 UTC: The fork happens; nodes cannot advance the chain
- 2019-10-30 15:11 UTC: Chain stalled alert fired
- 2019-10-30 15:16 UTC: Chain stalled alert resolved (due to lack of data)
- 2019-10-30 16:22 UTC: All nodes back online

## Detailed timeline

- 2019-10-30 16:10 UTC: Nodes updated and syncing
"""


def test_two_timelines_of_one_postmortem_are_one_incident(tmp_path, run_cli):
    # "## Timeline" and "## Detailed timeline" under one title: still one incident, so the
    # detailed entry before the last one above is out of order
    found = rule_findings(run_cli, write(tmp_path / "pm.md", ONE), "PM502")
    assert len(found) == 1


def test_an_alert_resolving_is_not_the_incident_resolved(tmp_path, run_cli):
    text = ONE.split("## Detailed timeline")[0]
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM504", preset="strict") == []


STATUS = """# Status of machines

### Alpha

- 2024-01-10 09:00 - Alpha's storage is degraded; jobs may fail.
- 2024-01-12 10:00 - A disk in Alpha's storage is replaced.
- 2024-01-15 16:00 - Alpha's storage is healthy again.

### Beta

- 2023-10-26 12:00 - A switch in Beta is dying; 32 nodes lost the filesystem.
- 2023-10-26 {time} - Power-cycling the switch helped for an hour.
- 2023-10-26 18:00 - The switch was replaced and the nodes are back.
"""


def test_a_status_page_section_per_system_is_a_log_each(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", STATUS.format(time="14:50"))
    assert rule_findings(run_cli, path, "PM502") == []


def test_within_one_systems_log_order_is_still_checked(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", STATUS.format(time="11:50"))
    assert len(rule_findings(run_cli, path, "PM502")) == 1


POST = """# Outage

Some notes on last night.

### Evening

- 2024-01-10 21:00 - The disk fills and the site goes down.
- 2024-01-10 21:40 - We start deleting old logs.

### Night

- 2024-01-10 21:20 - Someone restarts the wrong service.
- 2024-01-10 23:00 - The site is back.
"""


def test_a_post_going_on_under_its_next_heading_stays_one_timeline(tmp_path, run_cli):
    # a step back of twenty minutes under the next heading is a slip in the order, not another log
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", POST), "PM502")) == 1


def test_logs_by_heading_read_in_linear_time():
    from linearity import assert_ten_times_linear

    from pmlint.load import load_text

    def build(copies: int) -> str:
        parts = [f"### System {n}\n\n- {2000 + (copies - n) % 9000 // 365:04d}-01-10 09:00 - down\n"
                 f"- {2000 + (copies - n) % 9000 // 365:04d}-01-10 10:00 - back\n\n" for n in range(copies)]
        return "# Status\n\n" + "".join(parts)

    assert_ten_times_linear(lambda text: load_text("pm.md", text), 100, "logs by heading", setup=build)


def test_a_markdown_milestone_contradiction_is_a_strict_note(tmp_path, run_cli):
    text = ("# Feed down\n\n## Timeline\n\n- 2020-01-31 11:00 UTC: The feed starts failing\n"
            "- 2020-01-31 13:56 UTC: A restart resolved the issue with vendor B\n"
            "- 2020-01-31 14:26 UTC: Vendor A's feed is mitigated by pointing DNS back\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM504") == []
    found = rule_findings(run_cli, path, "PM504", preset="strict")
    assert len(found) == 1 and found[0]["severity"] == "info"
