"""Forms set BT's blind documents (nine, judged once at 6ad2ca2: 8 of 23 findings TP; old
blog posts, a student newspaper, a testnet's post-mortem) wrote, each read as its author
meant it, beside a twin that keeps the finding (synthetic documents):
- "### Action Items:" over bare tracker links: a plan kept in the tracker;
- "up to 8 hours of email delay", "the outage window was only 34 minutes": how long;
- "everyone who tried to log in got slapped with a 502 error": who was hit, all of them;
- "staff and students found that their home directory was empty": how it was noticed;
- "we are in the process of adopting new disc technology": a change under way, the plan;
- "Sometime around 3am I passed out": a responder up at night.
"""

from __future__ import annotations

import pytest

from conftest import impact_asks, rule_findings, rule_severities as _severities, write

CAUSE = "\n## Root cause\n\nA disk migration failed halfway.\n"
TIMELINE = "\n## Timeline\n\n- 2026-05-13 09:00 UTC deploy\n- 2026-05-13 10:00 UTC rollback started\n"
SUMMARY = "# Home directories lost\n\n## Summary\n\nFor 2 hours 300 users could not open their files.\n"


@pytest.mark.parametrize("items, planned", [
    ("* https://github.com/example/chain/issues/95\n* https://github.com/example/chain/issues/97\n", True),
    ("* N/A\n", False),
])
def test_a_plan_of_tracker_links_is_a_plan(tmp_path, run_cli, items, planned):
    text = SUMMARY + TIMELINE + CAUSE + f"\n### Action Items:\n{items}"
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")) is not planned


@pytest.mark.parametrize("sentence, how_long_missing", [
    ("Some users experienced up to 8 hours of email delay.", False),
    ("Some users saw delays. The outage window was only 34 minutes.", False),
    ("Some users saw delays.", True),
    ("Some users saw delays. The outage was 10 minutes after the deploy.", True),
])
def test_how_long_told_as_delay_or_window(tmp_path, run_cli, sentence, how_long_missing):
    text = f"# Email delay\n\n## Summary\n\n{sentence}\n" + CAUSE
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "how long") is how_long_missing


@pytest.mark.parametrize("sentence, who_missing", [
    ("For three days, everyone who tried to log in got slapped with a Cloudflare 502 Bad Gateway error.", False),
    ("For three days, logging in was annoying.", True),
    ("For three days, everyone who tried to reproduce it locally got the same 500 error.", True),
])
def test_everyone_who_tried_is_who_was_hit(tmp_path, run_cli, sentence, who_missing):
    text = f"# Login outage\n\n## Summary\n\n{sentence}\n" + CAUSE
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "who or what was affected") is who_missing


@pytest.mark.parametrize("sentence, default", [
    ("On Monday staff and students found that their home directory was empty.", []),
    ("On Monday the home directories were empty.", ["warning"]),
    ("On Monday students found the new login page confusing.", ["warning"]),
])
def test_students_finding_it_is_the_detection(tmp_path, run_cli, sentence, default):
    text = SUMMARY + f"\n{sentence}\n" + TIMELINE + CAUSE
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


@pytest.mark.parametrize("outlook, planned", [
    ("We are in the process of adopting new disc technology with regular snapshots.", True),
    ("For now they are reviewing the process, and are in the process of adopting new disc technology.", True),
    ("The vendor's support was in the process of answering.", False),
    ("We are in the process of migrating search to the new cluster, and during the migration the index broke.", False),
])
def test_a_change_in_the_process_of_being_made_is_a_plan(tmp_path, run_cli, outlook, planned):
    text = SUMMARY + TIMELINE + CAUSE + f"\n## Outlook\n\n{outlook}\n"
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")) is not planned


@pytest.mark.parametrize("sentence, lost_sleep", [
    ("We rotated every certificate. Sometime around 3am I passed out.", True),
    ("We rotated every certificate. Sometime around 3pm I passed the baton to Ana.", False),
    ("We rotated every certificate, then I went to bed at 10:30pm as usual.", False),
])
def test_passing_out_at_3am_is_a_night_lost(tmp_path, run_cli, sentence, lost_sleep):
    text = SUMMARY + f"\n{sentence}\n" + CAUSE
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert ("sleep_interrupted: true" in out) is lost_sleep


@pytest.mark.parametrize("lead, items", [
    ("Follow-ups:", 2),
    ("Upstream bug reports we found while debugging, for reference:", 0),
])
def test_links_kept_for_reference_are_no_plan(tmp_path, run_cli, lead, items):
    text = (SUMMARY + TIMELINE + CAUSE + f"\n## Action items\n\n{lead}\n\n"
            "* https://github.com/example/chain/issues/95\n* https://github.com/example/chain/issues/97\n")
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert out.count("- title: https://") == items
