"""Issue 12, third pass: every finding of `recommended` is one a reviewer would sign.

Each pattern is shown on our own synthetic Markdown: a document goes in through the CLI
(`recommended`, then `strict` where the pedantic variant moved there), findings come out.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write


def findings(run_cli, path: Path, *rules: str, preset: str = "recommended") -> list[dict]:
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--preset", preset, str(path))
    assert code == 0, err
    return [item for item in json.loads(out)["findings"] if item["rule"] in rules]


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
    assert [(item["severity"], item["message"]) for item in findings(run_cli, path, "PM601")] == [
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
