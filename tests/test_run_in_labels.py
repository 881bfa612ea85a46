"""Run-in labels closed by a full stop, and task boxes for work under way (held-out T).

- `**Detection.** Manual audit. There was no alert.` and `**Action items.**` over a task
  list are labels, as `**Detection:**` is: before, both read as prose, and pmlint said
  the postmortem recorded no detection and no action items.
- A bold sentence ending in a full stop ("**We restored the backup first.** ...") is
  emphasis, not a label.
- `[~]` ("written but not yet applied"), `[-]` and `[/]` mark an item in progress.
"""

from __future__ import annotations

from conftest import rule_findings, write

RUN_IN = """\
# Cost incident: writes on every poll

**Summary.** A budget audit found a table rewritten item by item on every poll; the
projected cost was $155 a month.

**Impact.** No outage; money at risk.

**Root cause.** Cost scaled with items times polls and nothing capped either.

**Detection.** {detection}

**Action items.**
- [x] Replace per-item writes with one object per poll.
- [~] Budget alert as code: written, not yet applied.
- [ ] Load-test the ingest path with a region-sized payload (owner: @ops, due 2026-10-01)
"""


def test_run_in_labels_closed_by_a_full_stop_are_sections(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RUN_IN.format(detection="Manual audit. There was no alert; someone looked."))
    assert rule_findings(run_cli, path, "PM313", "PM401") == []
    code, out, _ = run_cli("convert", str(path))
    assert "status: in-progress" in out and "status: done" in out
    assert "method: " in out.split("detection:")[1].split("\n")[1]


def test_without_the_detection_sentence_detection_is_still_missing(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RUN_IN.replace("**Detection.** {detection}\n", ""))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


def test_a_bold_sentence_is_emphasis_not_a_label():
    from pmlint.load.markdown.common import bold_label

    assert bold_label("**Detection.** Manual audit.") == ("Detection", "Manual audit.")
    assert bold_label("**Action items.**") == ("Action items", "")
    assert bold_label("**We restored the backup first.** Then we looked for the cause.") is None
    assert bold_label("**Root cause.** - the cache") is None  # a full stop and a dash: a sentence's punctuation


def test_an_in_progress_box_is_open_work(tmp_path, run_cli):
    text = RUN_IN.format(detection="An alert fired.").replace(
        "- [ ] Load-test the ingest path with a region-sized payload (owner: @ops, due 2026-10-01)\n", "")
    path = write(tmp_path / "pm.md", text)
    # the [~] item is still to do: the plan's one open item names no owner
    found = rule_findings(run_cli, path, "PM314")
    assert len(found) == 1 and "open action item" in found[0]["message"]


def test_a_bold_run_of_spaces_is_read_in_linear_time():
    """A bold opening, a long run of spaces and a full stop (an attacker's line): the two
    runs of spaces around the optional colon must not split the run every way."""
    from linearity import assert_ten_times_linear

    from pmlint.load.markdown.common import bold_label

    assert_ten_times_linear(lambda text: bold_label(text), 2_000, "bold label",
                            setup=lambda copies: "**" + " " * copies + ".\n")
