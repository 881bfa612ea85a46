"""PM011: a document that gives the incident's start and end at clock times has the outline
of its timeline; a missing timeline section is then form (`info`, `strict` preset only),
not a gap a reviewer would raise. CLI in, findings out, on synthetic postmortems.

Held-out reviews called "Missing core section: `timeline`" pedantic or false on a short
post whose prose says "the failure started at approximately 10.16, and was fixed at
approximately 11.35", on a blog post that says the site "went down" at 12:05pm "and lasted
until Friday ... at 3:01pm", and on a status page whose front matter records `date` and
`resolvedWhen`. A post with clock times that are not the start and the end still warns.
"""

from __future__ import annotations

import time

import pytest

from conftest import rule_findings, write

_CAUSE = "## What went wrong\n\nThe load balancer kept routing to the failed zone, which caused the errors.\n\n"


def _timeline_claims(run_cli, tmp_path, text: str, preset: str = "recommended") -> list[dict]:
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011", preset=preset)
    return [item for item in found if "`timeline`" in item["message"]]


@pytest.mark.parametrize("told", [
    "We observed the network failure started at approximately 10.16, and was fixed by the provider at "
    "approximately 11.35.",
    "On Thursday at approximately 12:05pm our website went down to fix a deployment issue and lasted until "
    "Friday, November 18th, at 3:01pm.",
    "On Sunday from ~12:00 (maybe before) to 17:55 CEST the websites were returning errors.",
    "At about 9:40am all services became inaccessible. The team rolled back the change. At 12:10pm all services "
    "came back online.",
    # the onset at a clock time, the end as time passed since, in either order
    "In the first hour the bot hit its quota. Another hour passed and I managed to patch up my bot and send it "
    "back.\n\nAt 3:20 pm, everything started falling apart: the API key reached its hourly limit.",
])
def test_start_and_end_told_in_prose_make_a_missing_timeline_pedantic(run_cli, tmp_path, told):
    text = f"# Website outage\n\n{told}\n\n{_CAUSE}"
    assert _timeline_claims(run_cli, tmp_path, text) == []
    strict = _timeline_claims(run_cli, tmp_path, text, preset="strict")
    assert [item["severity"] for item in strict] == ["info"]


def test_a_status_pages_front_matter_window_tells_start_and_end(run_cli, tmp_path):
    text = ("---\ntitle: Package installs unavailable\ndate: 2022-05-27T16:50:00-00:00\nresolved: true\n"
            "resolvedWhen: 2022-05-29T16:22:00-00:00\n---\n\nThe package installer fails to install.\n\n" + _CAUSE)
    assert _timeline_claims(run_cli, tmp_path, text) == []


@pytest.mark.parametrize("untold", [
    # one clock time only: the start, never the end
    "We observed the network failure started at approximately 10.16 and the provider fixed it later.",
    # a dotted number that is a version, not a time
    "The failure started after the upgrade to 2.14 and was fixed in release 2.15.",
    # clock times that are neither the start nor the end
    "The deploy ran at 09:00 and the review meeting was at 10:30.",
    # an onset at a clock time, and time passing with no recovery
    "At 3:20 pm, everything started falling apart. Another hour passed and the queue kept growing.",
])
def test_without_a_start_and_an_end_the_missing_timeline_still_warns(run_cli, tmp_path, untold):
    text = f"# Website outage\n\n{untold}\n\n{_CAUSE}"
    assert [item["severity"] for item in _timeline_claims(run_cli, tmp_path, text)] == ["warning"]


def test_reading_start_and_end_is_linear(run_cli, tmp_path):
    """Text full of onsets with no end must not make the search super-linear."""
    def seconds(repeats: int) -> float:
        body = "The outage started at 10:16 and went on. " * repeats
        path = write(tmp_path / f"pm{repeats}.md", f"# Outage\n\n{body}\n\n{_CAUSE}")
        began = time.perf_counter()
        rule_findings(run_cli, path, "PM011")
        return time.perf_counter() - began

    seconds(200)  # warm up
    small, large = min(seconds(1000) for _ in range(2)), min(seconds(8000) for _ in range(2))
    assert large / small < 8 * 2.5
