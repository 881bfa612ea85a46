"""`load.labelled_rows`: the one reader of labelled start / end / length rows that PM012 (an
end before its start) and PM505 (a header window against its stated length) share."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings, strategies as st

from pmlint.load.labelled_rows import _EDGES, _LENGTHS, _QUALIFIERS, _TOTALS, VALUE_LIMIT, labelled_row, labelled_rows


def test_rows_in_every_form_a_template_writes_them():
    lines = [
        "- **Start Time:** 2018-06-29 12:58 PST",
        "| End Time | 2018-06-29 13:55 PST |",
        "Total Duration: 39 Minutes",
        "stop: 2018-12-17T17:00",
        "__Began__: 09:00",
        "Outage recovered at: 10:00",
    ]
    rows = list(labelled_rows(lines))
    assert [(row.line, row.kind) for row in rows] == [(1, "start"), (2, "end"), (3, "length"), (4, "end"),
                                                     (5, "start"), (6, "end")]
    assert rows[1].value.strip() == "2018-06-29 13:55 PST"  # cut at the cell border
    assert rows[0].label == "Start Time"


def test_prose_and_other_labels_are_no_rows():
    for text in ["We started the failover at 10:00.", "Summary: the disk filled up", "| Owner | Sam |",
                 "Ended up restarting: the pods", "Start the rollback"]:
        assert labelled_row(text, 1) is None, text


def test_code_blocks_are_skipped():
    assert [row.line for row in labelled_rows(["start: 2020-01-01", "end: 2020-01-02"], skip=[(1, 1)])] == [2]


def _pm012(run_cli, path) -> list[dict]:
    _, out, _ = run_cli("check", "--format", "json", str(path))
    return [f for f in json.loads(out)["findings"] if f["rule"] == "PM012"]


def test_pm012_reads_a_stop_before_its_start_in_a_table(run_cli, tmp_path):
    """The rows PM505 reads in a header table are PM012's too: one reader."""
    (tmp_path / "pm.md").write_text(
        "# Database outage\n\n| Field | Value |\n|---|---|\n| Start | 2024-05-02 10:15 UTC |\n"
        "| End | 2024-05-01 09:00 UTC |\n\n## Summary\n\nThe primary database ran out of disk.\n")
    found = _pm012(run_cli, tmp_path / "pm.md")
    assert [(f["line"], f["message"]) for f in found] == [
        (6, "The end on line 6 (2024-05-01 09:00) is before the start on line 5 (2024-05-02 10:15)")]


def test_pm012_keeps_an_end_that_follows_its_start(run_cli, tmp_path):
    (tmp_path / "pm.md").write_text(
        "# Database outage\n\n| Field | Value |\n|---|---|\n| Start | 2024-05-01 10:15 UTC |\n"
        "| End | 2024-05-01 11:00 UTC |\n\n## Summary\n\nThe primary database ran out of disk.\n")
    assert not _pm012(run_cli, tmp_path / "pm.md")



def _labels() -> list[tuple[str, str]]:
    """Every label the vocabulary writes, with what it names: each start or end bare and
    qualified, each length bare and as a total."""
    edges = [(edge, "start" if edge.startswith(("start", "began", "begin")) else "end") for edge in _EDGES]
    return ([(f"{qualifier} {edge}", kind) for qualifier in ("",) + _QUALIFIERS for edge, kind in edges]
            + [(f"{total} {length}", "length") for total in ("",) + _TOTALS for length in _LENGTHS])


@pytest.mark.parametrize("form", ["- {label}: 10:00", "| {label} | 10:00 |", "**{label}:** 10:00", "{label} time: 10:00"])
def test_every_label_of_the_vocabulary_is_read(form):
    """The pre-test (`_FIRST_WORDS`) lets through every label the pattern reads: a first
    word missing from it would drop that label's rows before the pattern is tried."""
    for label, kind in _labels():
        label = label.strip().title()
        if form.startswith("{label} time") and kind == "length":
            continue  # "Duration time" is no label
        row = labelled_row(form.format(label=label), 1)
        assert row is not None and row.kind == kind, (form, label)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Start Endduration:|*_- \t0123456789TtotalUTC")), max_size=300))
def test_any_line_gives_at_most_one_bounded_row(text):
    row = labelled_row(text, 1)
    if row is not None:
        assert row.kind in ("start", "end", "length")
        assert 1 <= len(row.value) <= VALUE_LIMIT and "|" not in row.value and "\n" not in row.value


def _seconds(lines: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in labelled_rows(lines):
            pass
        best = min(best, time.perf_counter() - started)
    return best


def test_reading_scales_linearly_with_rows_and_with_a_long_line():
    """4x the rows, or a line 4x as long, costs at most 6x the time (ratios, not limits)."""
    for make in (lambda n: ["- **Start Time** : **" + "1" * 40] * n,
                 lambda n: ["start" + " " * n + ":" + "x" * n]):
        small = 4000
        ratios = []
        for _ in range(3):
            ratios.append(_seconds(make(small * 4)) / max(_seconds(make(small)), 1e-5))
            if ratios[-1] <= 6:
                break
        assert min(ratios) <= 6, ratios
