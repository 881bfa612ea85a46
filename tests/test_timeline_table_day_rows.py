"""A hand-typed timeline table (held-out T): date rows (`1/30 |` with nothing else) date
the time-only rows below them; a 12-hour clock typed with leading zeros (`12:00`, then
`01:16`, `01:47`, then `14:03`) is read as p.m.; "starts failing ... again" is a
recurrence, not the onset."""

from __future__ import annotations

from conftest import rule_findings, write

DOC = """# Stale device data

**Date:** 01/30/2020

## Timeline

> All times in CST

Time | Description
--- | ---
1/28 |
12:45 | Engineer 1 opens a pull request for the new data pipeline.
15:33 | Engineer 2 merges the pull request.
1/30 |
11:00 | The engineers meet to plan the deploy.
14:21 | Engineer 2 deploys the pipeline and changes the DNS record; data stops flowing.
15:15 | The data analyst reports that data has gone stale.
1/31 |
{noon} | Engineer 2 breaks for lunch.
{one} | Engineer 2 asks for the pods to be restarted.
{two} | The pods are restarted.
14:03 | Engineer 2 points the DNS record back to the old environment.
14:26 | Data is flowing again; the issue is mitigated.
"""


def _document(path):
    from pmlint.load import load_path

    return load_path(str(path)).data


def _timeline(run_cli, path):
    return [str(item["at"]) for item in _document(path)["timeline"]]


def test_date_rows_date_the_rows_below(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOC.format(noon="12:00", one="12:30", two="12:50"))
    at = _timeline(run_cli, path)
    assert at[0].startswith("2020-01-28T12:45") and at[2].startswith("2020-01-30T11:00")
    assert rule_findings(run_cli, path, "PM502") == []


def test_leading_zero_hours_between_noon_and_the_afternoon_are_pm(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DOC.format(noon="12:00", one="01:16", two="01:47"))
    at = _timeline(run_cli, path)
    assert [value[:16] for value in at[6:9]] == ["2020-01-31T13:16", "2020-01-31T13:47", "2020-01-31T14:03"]
    assert rule_findings(run_cli, path, "PM502", "PM203", preset="strict") == []


def test_a_step_past_midnight_with_no_afternoon_after_it_stays_past_midnight(tmp_path, run_cli):
    text = DOC.format(noon="23:00", one="01:16", two="01:47").replace("14:03 |", "03:03 |").replace("14:26 |", "03:26 |")
    at = _timeline(run_cli, write(tmp_path / "pm.md", text))
    assert at[6].startswith("2020-02-01T01:16")


RECURRENCE = """# Feed failing

## Timeline

- 2020-01-31 08:04 UTC: the analyst reports the feed has been stale overnight
- 2020-01-31 10:13 UTC: the variable name is corrected; the feed recovers
- 2020-01-31 11:14 UTC: the integration starts failing with 401 Unauthorized again
- 2020-01-31 13:56 UTC: a pod restart resolves it
"""


def test_starting_to_fail_again_is_no_onset(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RECURRENCE)
    kinds = [item.get("kind") for item in _document(path)["timeline"]]
    assert kinds[2] != "started"
    assert rule_findings(run_cli, path, "PM504", preset="strict") == []


def test_the_afternoon_reading_is_linear():
    """One long run under one date, the noon-to-afternoon stretch over and over (an
    attacker's table): each stretch must not walk the rest of the run again."""
    from linearity import assert_ten_times_linear

    from pmlint.load import load_text

    def build(copies: int) -> str:
        rows = "| 12:00 | lunch |\n| 01:16 | restart asked |\n| 14:03 | back |\n" * copies
        return "# X\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2024-01-05 | |\n" + rows

    assert_ten_times_linear(lambda text: load_text("pm.md", text), 100, "afternoon after noon", setup=build)
