"""Issue 12, third pass: every finding of `recommended` is one a reviewer would sign.

Each pattern is shown on our own synthetic Markdown: a document goes in through the CLI
(`recommended`, then `strict` where the pedantic variant moved there), findings come out.
"""

from __future__ import annotations

from conftest import rule_findings as findings
from conftest import write


# -- pedantic variants: `strict` only --------------------------------------------------

SOUND_PLAN = """# Queue backlog

## Summary

The billing queue backed up for 40 minutes and 1,200 invoices were sent late. It was the
second time this quarter that a worker pool ran out of memory under the month-end batch,
and the team had already raised the limit once, by hand, the previous month. This time
the on-call engineer was paged by the queue-depth alert, restarted the pool, and the
backlog drained; the fix below removes the limit that is set by hand, and the lessons say
what to keep and what to change. Nobody outside the billing team noticed the delay, and
no invoice was lost or sent twice. The month-end batch now runs in two halves while the
change lands, so the next run cannot hit the same limit. We also looked at the other
batch jobs that share the pool: none of them comes close to the limit today, but they are
covered by the same change. This paragraph is long on purpose.

## Timeline

All times UTC.

- 2025-03-31 09:00 - Queue depth rises
- 2025-03-31 09:10 - The queue-depth alert pages the on-call engineer
- 2025-03-31 09:05 - Workers run out of memory
- 2025-03-31 09:40 - The engineer restarts the pool; the backlog drains

## Root cause

The worker pool's memory limit was set by hand and too low for the month-end batch.

## Action items

- Enforce the worker pool's memory limit from the batch size in the deploy config (owner: @ana)
- Teach the billing team how to read the queue dashboard

## Lessons learned

- The alert paged within ten minutes
- A limit set by hand drifted from the batch size
"""


def test_pedantic_variants_are_strict_only(run_cli, tmp_path):
    """A people fix beside a system change, a five-minute swap in the timeline, lessons not
    split three ways and a long summary are true but pedantic: `recommended` is silent,
    `strict` reports each at `info` (reviewers called every one of them noise)."""
    path = write(tmp_path / "sound-plan.md", SOUND_PLAN)
    pedantic = ("PM312", "PM502", "PM801", "PM803")
    assert findings(run_cli, path, *pedantic) == []
    strict = findings(run_cli, path, *pedantic, preset="strict")
    assert {item["rule"] for item in strict} == {"PM312", "PM502", "PM803"}  # PM801: SEV1/SEV2 only
    assert {item["severity"] for item in strict} == {"info"}


def test_people_fix_alone_is_still_reported(run_cli, tmp_path):
    """Without a system change anywhere in the plan, "Teach ..." is the whole fix: a warning."""
    text = SOUND_PLAN.replace("- Enforce the worker pool's memory limit from the batch size in the deploy config "
                              "(owner: @ana)\n", "")
    path = write(tmp_path / "people-only.md", text)
    found = findings(run_cli, path, "PM312")
    assert [item["severity"] for item in found] == ["warning"]


def test_large_timeline_swap_is_still_reported(run_cli, tmp_path):
    """An entry half an hour before the one above it is a real ordering problem."""
    text = SOUND_PLAN.replace("2025-03-31 09:05 - Workers", "2025-03-31 08:30 - Workers")
    path = write(tmp_path / "swap.md", text)
    assert [item["severity"] for item in findings(run_cli, path, "PM502")] == ["warning"]


# -- PM601: an exposure is not an outage; "for an additional two days" is a duration -----

LEAK = """# {title}

## Summary

{summary}

## Impact

One deploy token with write access to 3 repositories could be read by anyone.

## Action items

- Enforce short-lived deploy tokens issued by the CI provider (owner: @ana)
"""


def test_security_exposure_is_not_asked_for_outage_minutes(run_cli, tmp_path):
    """A leaked token with who or what was affected stated: no "how long" half-finding."""
    path = tmp_path / "leak.md"
    path.write_text(LEAK.format(title="Deploy token leaked in build logs",
                                summary="A deploy token was printed to public build logs and revoked."),
                    encoding="utf-8")
    assert findings(run_cli, path, "PM601") == []


def test_outage_with_who_but_not_how_long_is_still_reported(run_cli, tmp_path):
    """The same text about an outage keeps the half-finding (at `info`)."""
    path = tmp_path / "outage.md"
    path.write_text(LEAK.format(title="Deploys failing", summary="Deploys failed because the token store was down.")
                    .replace("One deploy token with write access to 3 repositories could be read by anyone.",
                             "Deploys to 3 repositories failed."), encoding="utf-8")
    assert [(item["severity"], item["message"].split(";")[0]) for item in findings(run_cli, path, "PM601")] == [
        ("info", "Impact not quantified: how long (`duration_minutes`)")]


def test_exposure_with_nothing_quantified_is_still_a_warning(run_cli, tmp_path):
    """Security is no excuse for stating no impact at all: who and how long both missing."""
    path = tmp_path / "vague-leak.md"
    path.write_text(LEAK.format(title="Secrets leaked", summary="Some secrets were leaked.")
                    .replace("One deploy token with write access to 3 repositories could be read by anyone.",
                             "Some secrets could be read."), encoding="utf-8")
    assert [item["severity"] for item in findings(run_cli, path, "PM601")] == ["warning"]


def test_more_of_the_impact_in_words_is_a_duration(run_cli, tmp_path):
    """ "The issue persisted for an additional two days" says how long, in words."""
    text = LEAK.format(title="Deploys failing", summary="Deploys failed because the token store was down.").replace(
        "One deploy token with write access to 3 repositories could be read by anyone.",
        "Deploys to 3 repositories failed, and the issue persisted for an additional two days after the first fix.")
    path = tmp_path / "more.md"
    path.write_text(text, encoding="utf-8")
    assert findings(run_cli, path, "PM601") == []


# -- timelines written as headings: `### 2024 March 3 21:40 UTC` then prose -----------------

HEADING_TIMELINE = """# Storage failover

## Summary

The primary storage cluster lost its quorum and every write failed until the failover to
the standby region completed.

## Timeline

### 2024 March 3 21:40 UTC

The primary storage cluster loses quorum and every write fails.

### 2024 March 3 21:42 UTC

Our monitoring began generating alerts about failed writes, and the on-call engineer starts
triage.

### 4 March 2024 02:10 UTC

Once the standby was in sync, we conducted a failover to the standby region and writes
succeed again.

## Action items

- Enforce automatic failover when quorum is lost for more than a minute (owner: @ana)
"""


def test_heading_timeline_is_read(run_cli, tmp_path):
    """Year-first (`2024 March 3 21:40 UTC`) and day-first (`4 March 2024 02:10 UTC`)
    headings are timeline entries: the prose under each is its event."""
    path = tmp_path / "headings.md"
    path.write_text(HEADING_TIMELINE, encoding="utf-8")
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert "2024-03-03T21:40:00+00:00" in out and "2024-03-04T02:10:00+00:00" in out
    assert "loses quorum" in out
    assert not any("timeline" in item["message"] for item in findings(run_cli, path, "PM011"))


def test_generated_alerts_are_detection_and_a_failover_is_mitigation(run_cli, tmp_path):
    """ "Monitoring began generating alerts" two minutes after the onset is detection (no
    slow-detection finding); "we conducted a failover" 4 h 30 min after it is the mitigation,
    over the SEV1 limit."""
    path = tmp_path / "headings.md"
    path.write_text("---\nseverity: SEV1\n---\n" + HEADING_TIMELINE, encoding="utf-8")
    assert findings(run_cli, path, "PM403") == []
    found = findings(run_cli, path, "PM404")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert found[0]["message"].startswith("Time to mitigate was 4 h 30 min, over the 60 min SEV1 limit (inferred the "
                                          "onset from the first entry describing failure")


def test_no_onset_when_something_was_noticed_first(run_cli, tmp_path):
    """A report before any entry describes failure leaves the onset unknown: no figure."""
    text = HEADING_TIMELINE.replace("The primary storage cluster loses quorum and every write fails.",
                                    "A customer reported slow saves on the status page.")
    path = tmp_path / "noticed.md"
    path.write_text("---\nseverity: SEV1\n---\n" + text, encoding="utf-8")
    assert findings(run_cli, path, "PM404") == []


def test_year_first_words_are_not_dates():
    """ "2019 may be ..." or "2 may fail" at the start of a line are no dates."""
    from pmlint.load.markdown.times import parse_stamp

    assert parse_stamp("2019 may be remembered as the year of the outage") is None
    assert parse_stamp("2 may fail under load") is None
    assert parse_stamp("2018 October 21 22:52 UTC").moment.isoformat() == "2018-10-21T22:52:00"


# -- an explicit `type:` is respected (issue 12 item 5) ------------------------------------

TYPED_PLAN = """severity: SEV2
summary: Checkout failed for 40 minutes because the database planner cached a bad plan.
action_items:
  - {{title: "Upgrade the database to 14.2, whose planner no longer caches the bad plan"{typed}}}
  - {{title: Restart the checkout workers, type: repair}}
"""


def test_explicit_prevent_type_is_not_a_band_aid(run_cli, tmp_path):
    """ "Upgrade ..." leads with a band-aid verb, but the author typed it `prevent` and it
    says what it fixes ("whose planner no longer ..."): the plan is not band-aids only.
    Untyped, the same plan is reported."""
    typed = tmp_path / "typed.yaml"
    typed.write_text(TYPED_PLAN.format(typed=", type: prevent"), encoding="utf-8")
    assert findings(run_cli, typed, "PM308") == []
    untyped = tmp_path / "untyped.yaml"
    untyped.write_text(TYPED_PLAN.format(typed=""), encoding="utf-8")
    assert [item["rule"] for item in findings(run_cli, untyped, "PM308")] == ["PM308"]


def test_a_bare_bump_typed_prevent_is_still_a_band_aid(run_cli, tmp_path):
    """ "Increase the connection pool to 200", typed prevent, changes nothing behind the
    incident: a plan of it and a restart is band-aids only (research: whatever its layer)."""
    path = tmp_path / "bump.yaml"
    path.write_text(TYPED_PLAN.format(typed=", type: prevent").replace(
        '"Upgrade the database to 14.2, whose planner no longer caches the bad plan"',
        "Increase the connection pool to 200"), encoding="utf-8")
    assert [item["rule"] for item in findings(run_cli, path, "PM308")] == ["PM308"]


def test_a_date_range_states_how_long(run_cli, tmp_path):
    """ "Timeline (all times PST) Saturday Oct 30th 2024 - Monday Nov 1st, 2024" or a
    "**Date:** January 14-19, 2026" line says the incident spanned days: not "how long" missing."""
    text = LEAK.format(title="Deploys failing", summary="Deploys failed because the token store was down.").replace(
        "One deploy token with write access to 3 repositories could be read by anyone.",
        "Deploys to 3 repositories failed.")
    for line in ("**Date:** January 14-19, 2026", "## Timeline (all times PST) Saturday Oct 30th 2024 - Monday Nov 1st, 2024",
                 "## Timeline (PST) 4/21/23-4/25/23"):
        path = tmp_path / "range.md"
        path.write_text(text.replace("## Summary", line + "\n\n## Summary"), encoding="utf-8")
        assert findings(run_cli, path, "PM601") == [], line


def test_a_date_and_a_time_are_no_range():
    """ "Jan 14 - 15:30 deploy" is a date and a time, not January 14 to 15."""
    from pmlint.load.evidence import PATTERNS

    duration = PATTERNS["impact_duration"][0][1]
    assert duration.search("jan 14 - 15:30 deploy starts") is None
    assert duration.search("january 14-19, 2026").group() == "january 14-19"


# -- PM310: an investigation that names its hypotheses is concrete -------------------------

def test_investigation_with_named_hypotheses_is_not_vague(run_cli, tmp_path):
    """ "Investigate the timeouts, which may be due to A, B or C" can be answered hypothesis
    by hypothesis; a bare "Investigate options for ..." is still vague."""
    text = LEAK.format(title="Launches time out", summary="Launches timed out for 3 hours.").replace(
        "- Enforce short-lived deploy tokens issued by the CI provider (owner: @ana)",
        "- Investigate the launch timeouts, which may be due to the HTTP client, too many concurrent requests "
        "or an overloaded hub (owner: @ana)\n- Investigate options for improving the rollout (owner: @bo)")
    path = tmp_path / "investigate.md"
    path.write_text(text, encoding="utf-8")
    found = findings(run_cli, path, "PM310")
    assert [item["line"] for item in found] == [text.splitlines().index("- Investigate options for improving the "
                                                                        "rollout (owner: @bo)") + 1]


# -- PM203: the onset is the failure, not people at work -----------------------------------

NIGHT_ONSET = """# Build queue outage

## Summary

Every CI job failed for 8 hours and 300 pull requests waited.

## Timeline

All times PDT.

- 2025-03-26 17:40 - A node upgrade is initiated on the build cluster
- 2025-03-26 23:04 - The node hosting the lock service is drained and its pod is stuck in a crash loop (**outage starts**)
- 2025-03-27 07:16 - @kim notices the reports and restarts the lock service

## Action items

- Enforce a readiness check on the lock service in CI (owner: @kim)
"""


def test_the_onset_at_night_is_no_responder_at_work(run_cli, tmp_path):
    """ "The node is drained; the pod crash-loops (outage starts)" at 23:04 is the failure
    happening, not anybody working at night: no PM203. A responder at 23:04 still counts."""
    path = tmp_path / "onset.md"
    path.write_text(NIGHT_ONSET, encoding="utf-8")
    assert findings(run_cli, path, "PM203") == []
    worked = NIGHT_ONSET.replace("2025-03-27 07:16 - @kim notices", "2025-03-27 01:16 - @kim notices")
    path.write_text(worked, encoding="utf-8")
    assert [item["rule"] for item in findings(run_cli, path, "PM203")] == ["PM203"]


# -- PM310: a conditional item that only promises to look again ----------------------------

def test_conditional_look_again_item_is_vague(run_cli, tmp_path):
    """ "If steps 1 and 2 do not help, the event loop will be analyzed" commits to nothing
    (the numbers of its condition measure nothing done); a conditional item that does
    something ("If the queue passes 1,000 jobs, page on-call") is concrete."""
    text = LEAK.format(title="Queries slow down", summary="Queries were slow for 3 hours.").replace(
        "- Enforce short-lived deploy tokens issued by the CI provider (owner: @ana)",
        "1. Filter foreign peers at the connection layer (owner: @ana)\n"
        "2. Restore the protocol name check (owner: @bo)\n"
        "3. If steps 1. and 2. do not lower query latency, the event loop will be analyzed for other causes.\n"
        "4. If the queue passes 1,000 jobs, page on-call automatically (owner: @cy)")
    path = tmp_path / "conditional.md"
    path.write_text(text, encoding="utf-8")
    found = findings(run_cli, path, "PM310")
    assert [item["message"].split(" (")[0] for item in found] == ["Action item is conditional"]
    assert found[0]["line"] == text.splitlines().index(
        "3. If steps 1. and 2. do not lower query latency, the event loop will be analyzed for other causes.") + 1


def test_a_memory_leak_outage_is_no_security_exposure(run_cli, tmp_path):
    """ "A memory leak in the API" is an outage: the "how long" half is still asked."""
    path = tmp_path / "memory-leak.md"
    path.write_text(LEAK.format(title="API memory leak", summary="A memory leak in the API exposed a bug in the pool.")
                    .replace("One deploy token with write access to 3 repositories could be read by anyone.",
                             "Requests from 3 regions failed."), encoding="utf-8")
    assert [item["severity"] for item in findings(run_cli, path, "PM601")] == ["info"]


# -- PM011: a short post whose summary gives the start and the end -------------------------

SHORT_POST = """# Flags API down

## Summary

The flags API was down for about 3 hours, {span}, because the database stalled and every
client retried at once. 2,000 customers got empty flag responses.

## Root cause

Clients retried without backoff when the database stalled.

## Action items

- Enforce a 3 second timeout and no retries for flag requests in every SDK (owner: @ana)
"""


def test_a_summary_with_start_and_end_times_softens_no_timeline(run_cli, tmp_path):
    """ "from 15:30 to 18:10 UTC" in the summary is the outline of a timeline: a missing
    timeline section is pedantic (`info` under `strict` only); without the times it stays
    a warning."""
    path = tmp_path / "short.md"
    path.write_text(SHORT_POST.format(span="from 15:30 to 18:10 UTC"), encoding="utf-8")
    assert findings(run_cli, path, "PM011") == []
    assert [(item["severity"], "timeline" in item["message"])
            for item in findings(run_cli, path, "PM011", preset="strict")] == [("info", True)]
    path.write_text(SHORT_POST.format(span="in the afternoon"), encoding="utf-8")
    assert [item["severity"] for item in findings(run_cli, path, "PM011")] == ["warning"]
