"""Causes left on earlier held-out sets (judged false or noise there), each read as its
author meant it, beside a twin that keeps the finding (synthetic documents):
- a header's "Detected" and "Resolved" rows: how long the incident ran, at the least;
- "A few minutes later, I got an email:" over the notice it quotes, and "AWS emailed me
  ..., saying the key was publicly exposed": the news arriving, how it was noticed;
- "We found both vulnerabilities on 24 August 2026": the team's own review found the flaw;
- "## What #13725 changed" over a flaw-to-guard table: the plan, done;
- "deleted the only copies of up to 5,927 covers": a loss with no length to ask for;
- "the incorrect disk was accidentally detached, triggering an immediate DR response": the
  team's own slip, seen at once;
- "the same error as in June" is a repeat, "an S3 bucket the same as last year" is not;
- "The next hardening priorities are:" under "What changed after the incident": open items;
- "## Timeline pattern" (eight untimed steps): the timeline, untimed;
- "### 30-Day Review" over "Assess effectiveness of preventive measures": a meeting's agenda;
- "5. User gets charged AGAIN" in a numbered run of steps: this incident, no repeat;
- "Review the deployment process and add a checklist": a review that delivers something;
- "Investigate ..." over "If no table exists, redefine the metric": a decision written down;
- "They need to be made persistent. Options:" over a list: a plan left undecided, said so;
- "After re-provisioning both worker nodes, Airflow pods were stuck": the doer saw it;
- "(maybe about 1/6)" of the users: a share, estimated;
- "GK to run through the deploy principles with the team again": the owner, by initials.
"""

from __future__ import annotations

import pytest

from conftest import impact_asks, rule_findings, rule_severities, write

CAUSE = "\n## Root cause\n\nA partial update skipped validation.\n"
SUMMARY = "\n## Summary\n\nThe pipeline published 373 records with missing metadata.\n"


@pytest.mark.parametrize("rows, how_long_missing", [
    ("| **Detected** | 2021-03-05 23:27 |\n| **Resolved** | 2021-03-06 03:34 |\n", False),
    ("- Time detected: 2021-03-05 23:27 UTC\n- Resolved at: 2021-03-06 03:34 UTC\n", False),
    ("| **Detected** | 2021-03-05 23:27 |\n| **Team** | SN |\n", True),
    ("| **Detected** | 2021-03-06 03:34 |\n| **Resolved** | 2021-03-05 23:27 |\n", True),
    ("| **Detected** | 2021-03-05 |\n| **Resolved** | 2021-03-06 |\n", True),
])
def test_detected_and_resolved_rows_bound_how_long(tmp_path, run_cli, rows, how_long_missing):
    text = "# Incomplete records published\n\n| Field | Value |\n| --- | --- |\n" + rows + SUMMARY + CAUSE
    if rows.startswith("-"):
        text = "# Incomplete records published\n\n" + rows + SUMMARY + CAUSE
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "how long") is how_long_missing


TIMELINE = "\n## Timeline\n\n- 2026-05-13 09:00 UTC push\n- 2026-05-13 10:00 UTC key rotated\n"


@pytest.mark.parametrize("sentence, default", [
    ("A few minutes later, I got an email:\n\n> Your AWS account is compromised.", []),
    ("AWS emailed me a few minutes after the push, saying the key was publicly exposed.", []),
    ("A few minutes later, I got an email.", ["warning"]),
    ("We received no alerts: the monitor was paused.", ["warning"]),
    ("I emailed AWS a few minutes after the push, asking about the key.", ["warning"]),
    ("The vendor emailed us about the planned upgrade.", ["warning"]),
    ("The vendor emailed us in March to warn that the v1 API would be retired in June.", ["warning"]),
])
def test_a_message_bringing_the_news_is_the_detection(tmp_path, run_cli, sentence, default):
    text = "# Leaked key\n\n## Summary\n\nThe secret key of one account was public for 2 hours.\n\n" + \
        sentence + "\n" + TIMELINE + CAUSE
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


@pytest.mark.parametrize("sentence, default", [
    ("We found both vulnerabilities on 24 August 2026 and deployed the fixes the same day.", []),
    ("We found the root cause on 24 August 2026 and deployed the fixes the same day.", ["warning"]),
    ("We patched both vulnerabilities on 24 August 2026.", ["warning"]),
])
def test_a_flaw_the_team_found_is_the_detection(tmp_path, run_cli, sentence, default):
    text = "# Token scope flaws\n\n## Summary\n\nTwo flaws let 3 tokens reach other organisations for 2 days.\n\n" + \
        sentence + "\n" + TIMELINE + CAUSE
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


# set BU (four blind documents, judged once at a4263ea: 7 of 11 findings TP)

@pytest.mark.parametrize("heading, planned", [
    ("## What the fix changed", True),
    ("## What changed", False),
    ("## What #4521 changed", False),  # often the pull request that caused it
])
def test_what_the_fix_changed_is_the_plan_done(tmp_path, run_cli, heading, planned):
    text = ("# Covers lost\n\n## Summary\n\nArchival deleted 300 covers for 2 hours.\n" + CAUSE +
            f"\n{heading}\n\n| Flaw | Guard |\n|---|---|\n| Open batch archived | `archive()` stops at the open batch |\n"
            "| Name-only check | `finalize` verifies the md5 |\n")
    assert bool(rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313")) is not planned


@pytest.mark.parametrize("sentence, how_long_missing", [
    ("In 2024, cover archival deleted the only copies of up to 5,927 records.", False),
    ("In 2024, cover archival deleted the local copies of up to 5,927 records.", True),
    ("In 2024, cover archival deleted the only backup of up to 5,927 records.", True),
    ("In 2024, cover archival deleted the only copies of up to 5,927 records. They were restored from tape.", True),
])
def test_the_only_copies_deleted_is_a_loss_with_no_length(tmp_path, run_cli, sentence, how_long_missing):
    text = f"# Covers lost\n\n## Summary\n\n{sentence}\n" + CAUSE
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "how long") is how_long_missing


@pytest.mark.parametrize("sentence, default", [
    ("While removing a deprecated drive, the incorrect disk was accidentally detached, triggering an immediate "
     "DR response.", []),
    ("While removing a deprecated drive, the incorrect disk was accidentally detached by the datacenter, "
     "triggering an immediate DR response.", ["warning"]),
    ("While removing a deprecated drive, the incorrect disk was accidentally detached.", ["warning"]),
])
def test_the_teams_own_slip_met_at_once_is_seen(tmp_path, run_cli, sentence, default):
    text = ("# Media disk detached\n\n## Summary\n\nThe station was offline for 58 minutes for 300 listeners.\n\n"
            + sentence + "\n" + CAUSE)
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


# set BV (seven blind documents, judged once at f696511: 13 of 20 findings TP)

@pytest.mark.parametrize("sentence, repeat", [
    ("It was the same error as in June, when the cache filled up.", True),
    ("The cause was the same as last year.", True),
    ("For the static files we used an S3 bucket the same as last year.", False),
    ("The load test used a config that was the same as last year.", False),
    ("The pool ran out of connections, same as last year.", True),
    ("The checkout failed the same way as in June.", True),
    ("We used the same setup as in 2022.", False),
])
def test_the_same_trouble_as_last_year_is_a_repeat(tmp_path, run_cli, sentence, repeat):
    text = ("# Flag submission broken\n\n## Summary\n\nSubmitting flags failed for 2 hours for 300 players. " +
            sentence + "\n" + CAUSE + "\n## Action items\n\n- [ ] Pin the theme version (owner: @ana, due 2026-02-01)\n")
    _, converted, _ = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert ("related_incidents:" in converted) is repeat


@pytest.mark.parametrize("lead, done_items", [
    ("The next hardening priorities are:", 0),
    ("We hardened the following as well:", 2),
    ("The remaining hardening work, all shipped on 2025-06-20:", 2),
])
def test_next_priorities_under_what_changed_are_open(tmp_path, run_cli, lead, done_items):
    text = ("# Container miner\n\n## Summary\n\nA miner ran in the web container for 2 hours for 300 users.\n" + CAUSE +
            "\n## What changed after the incident\n\nA CI gate was added to fail builds below the patched floor.\n\n"
            f"{lead}\n\n- non-root containers;\n- read-only runtime filesystems.\n")
    path = write(tmp_path / "pm.md", text)
    assert not rule_severities(run_cli, path, "PM313")
    _, converted, _ = run_cli("convert", str(path))
    assert converted.count("status: done") == done_items


@pytest.mark.parametrize("heading, untimed", [
    ("## Timeline pattern", True),
    ("## Timeline reconstruction", True),
    ("## Attack pattern", False),
])
def test_a_qualified_timeline_heading_is_the_timeline(tmp_path, run_cli, heading, untimed):
    text = ("# Container miner\n\n## Summary\n\nA miner ran in the web container for 2 hours for 300 users.\n" + CAUSE +
            f"\n{heading}\n\n1. Web container starts normally.\n2. CPU usage rises sharply.\n3. Container stopped.\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011")]
    assert any("gives no exact date or time of day" in message for message in messages) is untimed
    assert any("`timeline`" in message and "Missing core section" in message for message in messages) is not untimed


@pytest.mark.parametrize("group, default", [
    ("### 30-Day Review", []),
    ("### 90 Day Review", []),
    ("### Long-term", ["warning"]),
    ("### Follow-up review", ["warning"]),
])
def test_a_review_meetings_agenda_is_no_vague_plan(tmp_path, run_cli, group, default):
    text = ("# Keys exposed\n\n## Summary\n\nAPI keys were public for 2 hours, 3 keys.\n" + CAUSE +
            "\n## Action items\n\n### Now\n\n- [ ] Rotate every key (owner: @ana, due 2026-02-01)\n\n"
            f"{group}\n\n- [ ] Assess effectiveness of preventive measures\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == default


# set BW (seven blind documents, judged once at 954a03b: 16 of 22 findings TP)

@pytest.mark.parametrize("steps, repeat", [
    ("4. System creates a new subscription\n5. User gets charged AGAIN ($0.99 #2)\n6. Repeat for each attempt\n", False),
    ("The checkout broke AGAIN, as it did in March.\n", True),
    ("5. The checkout broke AGAIN.\n", True),
])
def test_again_inside_a_numbered_run_of_steps_is_this_incident(tmp_path, run_cli, steps, repeat):
    text = ("# Duplicate charges\n\n## Summary\n\n40 users were charged twice over 3 days.\n\n## Root cause\n\n"
            "The endpoint did not check for an active subscription. This meant:\n\n" + steps +
            "\n## Action items\n\n- [ ] Check for an active subscription (owner: @ana, due 2026-02-01)\n")
    _, converted, _ = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert ("related_incidents:" in converted) is repeat


@pytest.mark.parametrize("item, default", [
    ("Review the Apps Script deployment process and add a checklist for redeploying", []),
    ("Review the Apps Script deployment process and logs", ["warning"]),
    ("Review the Apps Script deployment process and document the findings", ["warning"]),
    ("Review the Apps Script deployment process", ["warning"]),
])
def test_a_review_that_delivers_something_is_concrete(tmp_path, run_cli, item, default):
    text = ("# Backend 403s\n\n## Summary\n\n300 users saw mock data for 2 hours.\n" + CAUSE +
            f"\n## Action items\n\n- [ ] Redeploy the script (owner: @ana, due 2026-02-01)\n- [ ] {item} "
            "(owner: @ana, due 2026-02-01)\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == default


@pytest.mark.parametrize("following, default", [
    ("If no table exists, redefine the metric to New Registrations", []),
    ("Redefine the metric to New Registrations", ["warning"]),
    ("If possible, add more logging to the export", ["warning"]),
])
def test_an_investigation_with_its_decision_written_is_sound(tmp_path, run_cli, following, default):
    text = ("# Metric undercounting\n\n## Summary\n\nThe metric undercounted 300 inquiries for 7 days.\n" + CAUSE +
            "\n## Next steps\n\n1. Investigate the source system for a separate `inquiries` table.\n"
            f"2. {following}.\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == default


@pytest.mark.parametrize("lead, options_message", [
    ("They need to be made persistent. Options:", True),
    ("They need to be made persistent. The options are:", True),
    # the loader's vocabulary for options inside a plan (grammar.OPTIONS_OFFERED)
    ("They need to be made persistent. Alternative remedies:", True),
    ("They need to be made persistent. Possible remedies:", True),
    ("They need to be made persistent. We will do the following:", False),
    ("The provisioning job was run with these options:", False),
    ("Workarounds while we investigate the options:", False),
])
def test_a_follow_up_left_as_options_is_said_so(tmp_path, run_cli, lead, options_message):
    text = ("# Pods could not reach Postgres\n\nAfter re-provisioning the workers, pods could not reach Postgres "
            "for 2 hours for 300 users.\n" + CAUSE + f"\n## Fix is not persistent\n\n{lead}\n\n"
            "1. **Startup script** that re-adds the entries\n2. **Switch the flannel backend to host-gw**\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")]
    assert any("left as options" in message for message in messages) is options_message


@pytest.mark.parametrize("sentence, default", [
    ("After re-provisioning both worker nodes, Airflow pods were stuck in `Init:0/2`.", []),
    ("After deploying the fix, the error rate was down to zero.", ["warning"]),
    ("After migrating the database on 2025-06-14, the invoice exports were broken for three days.", ["warning"]),
    ("Airflow pods were stuck in `Init:0/2`.", ["warning"]),
])
def test_the_failure_met_after_ones_own_work_is_the_detection(tmp_path, run_cli, sentence, default):
    text = ("# Pods could not reach Postgres\n\n## Summary\n\nFor 2 hours 300 users saw no dashboards.\n\n" + sentence +
            "\n" + CAUSE)
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


# set BX (five blind documents, judged once at 57e7031: 7 of 12 findings TP)

@pytest.mark.parametrize("sentence, who_missing", [
    ("Some end users got error pages for a short period of time (maybe about 1/6).", False),
    ("Some end users got error pages for a short period of time on 1/6.", True),
    ("Some end users got error pages for a short period of time.", True),
])
def test_a_fraction_given_as_an_estimate_is_a_share(tmp_path, run_cli, sentence, who_missing):
    text = f"# Stale content\n\n## Summary\n\nThe site served stale content for 2 hours.\n\n## Effect on end users\n\n{sentence}\n" + CAUSE
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "who or what was affected") is who_missing


@pytest.mark.parametrize("plan, owner", [
    ("GK to run through the merge to prod deploy principles with the team again.", "GK"),
    ("- GK to run through the merge to prod deploy principles with the team again.", "GK"),
    ("CI to fail every build below the patched floor.", None),
    ("Run through the merge to prod deploy principles with the team again.", None),
])
def test_initials_leading_an_item_name_its_owner(tmp_path, run_cli, plan, owner):
    text = ("# Stale content\n\n## Summary\n\nThe site served stale content to 300 users for 2 hours.\n" + CAUSE +
            f"\n## Actions\n\n{plan}\n")
    _, converted, _ = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert (f"owner: {owner}" in converted) if owner else ("owner:" not in converted)


def test_options_on_a_status_notice_are_asked_at_info(tmp_path, run_cli):
    text = ("---\ntitle: Login outage\ndate: 2025-06-14 10:00:00\nresolved: true\nresolvedWhen: 2025-06-14 11:00:00\n"
            "affected:\n  - Login\nsection: issue\n---\n\nUsers could not log in for an hour. They need a fallback. "
            "Options:\n\n- Use the mobile app\n- Use a single sign-on link\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == ["info"]


def test_again_in_a_numbered_list_of_what_went_wrong_is_a_repeat(tmp_path, run_cli):
    text = ("# Checkout outage\n\n## Summary\n\nCheckout failed for 2 hours for 300 users.\n" + CAUSE +
            "\n## What went wrong\n\n1. The alert was silenced.\n2. The database crashed AGAIN.\n3. Nobody paged.\n")
    _, converted, _ = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert "related_incidents:" in converted


def test_yaml_detected_and_resolved_keys_are_no_window(tmp_path, run_cli):
    text = ("title: Checkout outage\nsummary: Checkout failed.\nimpact:\n  users_affected: 300\n"
            "detected: 2025-06-14 10:00\nresolved: 2025-06-14 12:00\n")
    assert impact_asks(run_cli, write(tmp_path / "pm.yaml", text), "how long")


@pytest.mark.parametrize("unit", ["|" + " " * 40, " " * 40, "| **Detected**" + " " * 40])
def test_reading_a_detected_row_is_linear(unit):
    from linearity import assert_ten_times_linear
    from pmlint.infer.window import _DETECTED_ROW, _RESOLVED_ROW

    def run(text: str) -> None:
        _DETECTED_ROW.match(text)
        _RESOLVED_ROW.match(text)

    assert_ten_times_linear(run, 40, unit, setup=lambda copies: unit[:2] + " " * (40 * copies) + "x")


def test_placing_a_phrase_among_many_code_blocks_is_linear():
    """Placing a phrase skips matches on code lines: once a scan of every code block per
    match, quadratic on a file of many blocks and many matches (the attacker review)."""
    from linearity import assert_ten_times_linear
    from pmlint.load import load_text

    def build(copies: int):
        text = "# Outage\n\n## Summary\n\n" + "".join(
            f"```\ncode {i}\n```\nworked through the night {i}\n\n" for i in range(copies))
        return load_text("pm.md", text)

    def run(document) -> None:
        document._located.clear()
        document.locate_text("", "worked through the night", 10**9)

    assert_ten_times_linear(run, 300, "code blocks", setup=build)
