"""How the timeline is read for time to detect / mitigate and order, on our own synthetic
postmortems (never corpus text): one reading shared by every rule.

- the onset is the first entry that describes failure or impact, not a PR merged before it;
- detection is someone or something learning of the problem, not the cause being confirmed;
- a timeline that describes a failover, rollback or fix is never said to mark no mitigation;
- an upper bound ("at maximum 16 hours") is not the outage's length;
- a detection delay is reported once (PM403), and PM404 then counts from detection;
- an entry dated the same day but hours earlier is read as after midnight by every rule;
- slips (a 1-minute swap, MST for PST) are `info`; PM310 and PM804 do not repeat one point.
"""

from __future__ import annotations

import json
from pathlib import Path

from checks_helpers import lint_yaml, messages
from conftest import write

from pmlint.infer import build_profile
from pmlint.load import load_path


def profile_of(tmp_path: Path, text: str, name: str = "2025-03-02-outage.md"):
    return build_profile(load_path(str(write(tmp_path / name, text))))


def findings(run_cli, path: Path, rule: str) -> list[dict]:
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--select", rule, str(path))
    assert code == 0, err
    return [item for item in json.loads(out)["findings"] if item["rule"] == rule]


# -- onset: the first entry describing failure, not the lead-up -------------------------

LEAD_UP = """# Webhook outage

All times UTC.

## Summary

The webhook receiver returned 503s for hours; every repository's events were dropped.

## Timeline

- 2025-03-01 15:00 - Config refactoring PR merged
- 2025-03-01 15:30 - New config uploaded to the cluster
- 2025-03-02 05:00 - Webhook receiver starts returning 503 errors to every delivery
- 2025-03-02 07:20 - The on-call engineer is pinged in the ops channel
- 2025-03-02 07:40 - Config reverted, deliveries succeed again
"""


def test_onset_is_the_first_entry_describing_failure_not_the_pr_merge(tmp_path):
    ttd = profile_of(tmp_path, LEAD_UP).time_to_detect_minutes
    assert ttd is not None and ttd.inferred
    assert ttd.value == 140  # 05:00 → 07:20, not 15:00 the day before → 07:20
    assert '"Webhook receiver starts returning 503 errors' in ttd.evidence and "first entry describing failure" in ttd.evidence
    assert "07:20" in ttd.evidence


def test_lead_up_alone_gives_no_time_to_detect(tmp_path):
    text = ("# Release\n\nAll times UTC.\n\n## Timeline\n\n- 2025-03-01 10:00 - Release PR approved\n"
            "- 2025-03-01 11:00 - Deploy scheduled\n- 2025-03-02 09:00 - A user reported a problem\n")
    assert profile_of(tmp_path, text).time_to_detect_minutes is None


def test_a_bug_introduced_long_before_is_a_cause_not_the_onset(tmp_path):
    text = ("# Crash loop\n\nAll times UTC.\n\n## Timeline\n\n"
            "- 2024-11-05 10:00 - A crash-loop bug is introduced in the scheduler\n"
            "- 2025-03-02 09:00 - A user reported that jobs are stuck\n")
    assert profile_of(tmp_path, text).time_to_detect_minutes is None


def test_an_alert_before_any_failure_entry_is_ambiguous_no_guess(tmp_path):
    # the first entry is already someone learning of something: no onset before it to measure from
    text = ("# Account lockout\n\nAll times UTC.\n\n## Timeline\n\n"
            "- 2025-03-02 11:00 - An email was received from the identity provider about an unusual sign-in\n"
            "- 2025-03-02 11:30 - The account is compromised, sessions revoked\n"
            "- 2025-03-02 12:40 - The user reported clicking a link in a message\n")
    assert profile_of(tmp_path, text).time_to_detect_minutes is None


def test_onset_entry_that_is_itself_the_report_means_no_delay(tmp_path):
    text = ("# Errors\n\nAll times UTC.\n\n## Timeline\n\n"
            "- 2025-03-02 11:00 - Alerts fired: checkout errors at 30 %\n"
            "- 2025-03-02 13:00 - Rollback completed\n")
    assert profile_of(tmp_path, text).time_to_detect_minutes is None


def test_exposure_of_a_secret_is_the_onset(tmp_path):
    text = ("# Token exposure\n\n## Timeline\n\n- 2023-01-05: a personal access token is created for the admin\n"
            "- 2023-02-10: image pushed to the public registry containing the token\n"
            "- 2024-05-02 09:00: a researcher reports the token to us\n- 2024-05-02 09:30: token revoked\n")
    ttd = profile_of(tmp_path, text).time_to_detect_minutes
    assert ttd is not None and 445 * 1440 < ttd.value < 448 * 1440  # from 02-10 (the exposure), not 01-05
    assert "image pushed" in ttd.evidence


# -- detection is learning of the problem, not confirming its cause ---------------------

def test_a_week_later_confirming_the_cause_is_diagnosis_not_detection(tmp_path):
    text = ("# Slow network\n\n## Summary\n\nQuery latency rose sharply and bootstrap failures grew.\n\n"
            "## Detection\n\nOur dashboard showed the degradation the day it began. A week later a partner "
            "confirmed the root cause with their crawler, which detected the same issues.\n")
    assert profile_of(tmp_path, text).time_to_detect_minutes is None


def test_a_week_before_a_user_reported_is_still_detection_delay(tmp_path):
    text = ("# Broken exports\n\n## Summary\n\nA serializer change broke CSV exports. About a week later, "
            "a user reported empty files.\n")
    ttd = profile_of(tmp_path, text).time_to_detect_minutes
    assert ttd is not None and ttd.value == 7 * 1440


# -- mitigation: never "none" when the timeline describes one ----------------------------

NO_MITIGATION = """# Queue stall

All times UTC.

## Summary

Order processing failed for 9 hours.

## Timeline

- 2025-03-02 01:00 - Order workers start failing with timeouts
- 2025-03-02 01:05 - Alerts fired for the order queue
- 2025-03-02 02:00 - Engineers join the call
- 2025-03-02 03:00 - Queue depth still growing
"""


def test_long_impact_and_a_timeline_without_mitigation_is_slow_mitigation(run_cli, tmp_path):
    found = findings(run_cli, write(tmp_path / "2025-03-02-queue.md", NO_MITIGATION), "PM404")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert found[0]["message"].startswith("Impact lasted 9 h and no timeline entry describes a mitigation")
    assert "inferred" in found[0]["message"]


def test_a_failover_in_the_timeline_is_a_mitigation(run_cli, tmp_path):
    for event in ("Traffic failed over to the second region", "Bad deploy rolled back", "Fix deployed to all workers",
                  "Workers migrated to the new node pool", "Service restored from backup"):
        text = NO_MITIGATION + f"- 2025-03-02 09:50 - {event}\n"
        found = findings(run_cli, write(tmp_path / "2025-03-02-queue.md", text), "PM404")
        # a timeline marked `mitigated` by the loader is measured (8 h 50 min); never "no mitigation"
        assert not any("no timeline entry describes a mitigation" in item["message"] for item in found), event
        assert all(item["message"].startswith("Time to mitigate was 8 h 50 min") for item in found), event


def test_without_a_timeline_nothing_is_claimed_about_mitigation(run_cli, tmp_path):
    text = ("# Search outage\n\n## Summary\n\nProduct search returned errors for 26 hours after an index "
            "migration.\n")
    assert findings(run_cli, write(tmp_path / "2025-03-02-search.md", text), "PM404") == []


def test_an_upper_bound_is_not_the_duration(tmp_path):
    text = ("# Config outage\n\n## Summary\n\nThe webhook receiver was down; the outage was bounded to at maximum "
            "16 hours, most likely about four.\n")
    duration = profile_of(tmp_path, text).duration_minutes
    assert duration is None or duration.value != 16 * 60


def test_detection_delay_is_reported_once_and_mitigation_counts_from_detection():
    text = """
severity: SEV2
timeline:
  - {at: "2025-06-21T01:00:00Z", event: Pods stop launching, kind: started}
  - {at: "2025-06-21T12:00:00Z", event: A user reports it, kind: detected}
  - {at: "2025-06-21T12:24:00Z", event: Quota raised, kind: mitigated}
"""
    assert messages(text, "PM403") == ["Time to detect was 11 h, over the 30 min SEV2 limit"]
    assert messages(text, "PM404") == []  # 24 min from detection: the 11 h are PM403's finding
    slow = text.replace("12:24:00Z", "15:30:00Z")
    assert messages(slow, "PM404") == ["Time to mitigate was 3 h 30 min (counted from detection: the time to "
                                       "detect is reported apart), over the 2 h SEV2 limit"]


def test_prompt_detection_keeps_time_to_mitigate_from_the_start():
    text = """
severity: SEV2
timeline:
  - {at: "2025-06-21T01:00:00Z", event: Errors rise, kind: started}
  - {at: "2025-06-21T01:10:00Z", event: Alert fires, kind: detected}
  - {at: "2025-06-21T04:00:00Z", event: Rolled back, kind: mitigated}
"""
    assert messages(text, "PM404") == ["Time to mitigate was 3 h, over the 2 h SEV2 limit"]


# -- one reading of midnight for every rule ---------------------------------------------

MIDNIGHT = """
severity: SEV1
timezone: UTC
timeline:
  - {at: "2025-03-02 23:04", event: The build node is drained; jobs fail, kind: started}
  - {at: "2025-03-02 02:50", event: A user reports failing jobs, kind: detected}
  - {at: "2025-03-02 05:16", event: Another report in chat}
  - {at: "2025-03-02 08:10", event: Fixed pod deployed, kind: resolved}
"""


def test_same_day_entry_hours_earlier_is_read_as_after_midnight_by_every_rule():
    ttd = messages(MIDNIGHT, "PM403")
    assert len(ttd) == 1 and ttd[0].startswith("Time to detect was 3 h 46 min") and "after midnight" in ttd[0]
    order = messages(MIDNIGHT, "PM502")
    # one finding, on the date, that tells the same story: not "time went backwards", and the
    # entries after it (05:16, 08:10) are in order on the same reading
    assert order == ["Timeline entry 2 (2025-03-02 02:50) has the same date as the entry before it "
                     "(2025-03-02 23:04) but an earlier time: pmlint reads it as after midnight; write the "
                     "next day's date, or move the entry if it is out of order"]
    assert [finding.severity.name.lower() for finding in lint_yaml(MIDNIGHT, {"PM502"})] == ["warning"]


def test_a_real_step_backwards_is_still_a_warning():
    text = """
timeline:
  - {at: "2025-03-02T15:50:00Z", event: Patch rolled out}
  - {at: "2025-03-02T14:30:00Z", event: Patch built}
"""
    found = lint_yaml(text, {"PM502"})
    assert len(found) == 1 and found[0].severity.name.lower() == "warning"
    assert "is earlier than the entry before it" in found[0].message


def _strict_pm502(text: str, path: str = "pm.yaml") -> list:
    """PM502 under the `strict` preset, which also reports the pedantic variants."""
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.load import load_text
    from pmlint.settings import merge_settings

    rules = [rule for rule in load_rules() if rule.id == "PM502"]
    return lint_document(load_text(path, text, {}), rules,
                         RunOptions(settings=merge_settings(None), severity={}, pedantic=True))


# A swap of a minute or a zone name one hour off is noise on real documents (both corpus
# reviews): `recommended` is silent, `strict` reports it at info (changed in review 3).
def test_a_one_minute_swap_is_strict_only_info():
    text = """
timeline:
  - {at: "2025-03-02T11:08:00Z", event: Mail sent to the vendor}
  - {at: "2025-03-02T11:07:00Z", event: Ticket opened with the vendor}
"""
    assert lint_yaml(text, {"PM502"}) == []
    found = _strict_pm502(text)
    assert len(found) == 1 and found[0].severity.name.lower() == "info"


def test_a_zone_name_one_hour_off_is_strict_only_info_and_says_so():
    text = """# Nodes behind

## Timeline

**November 2, 2025**

- 10:22 PM PST: Nodes fall behind
- 11:00 PM PDT: Patch announced
"""
    assert lint_yaml(text, {"PM502"}, path="pm.md") == []
    found = _strict_pm502(text, "pm.md")
    assert len(found) == 1 and found[0].severity.name.lower() == "info"
    assert "written in another zone" in found[0].message


def test_iso_offsets_out_of_order_on_the_instant_are_out_of_order():
    """A YAML file's offsets are written as offsets, not zone names a writer slips: the
    same two instants as above, out of order by 22 minutes, are a warning."""
    text = """
timeline:
  - {at: "2025-11-02T22:22:00-08:00", event: Nodes fall behind}
  - {at: "2025-11-02T23:00:00-07:00", event: Patch announced}
"""
    found = lint_yaml(text, {"PM502"})
    assert len(found) == 1 and found[0].severity.name.lower() == "warning"


# -- one point, one finding -------------------------------------------------------------

def test_many_vague_items_give_three_warnings_and_the_rest_at_info():
    verbs = ["Improve caching", "Investigate the proxy", "Look into retries", "Consider a queue", "Improve logs"]
    text = "action_items:\n" + "".join(f"  - {{title: {title}}}\n" for title in verbs)
    found = lint_yaml(text, {"PM310"})
    assert [finding.severity.name.lower() for finding in found] == ["warning"] * 3 + ["info"] * 2
    assert "vague item 4 of 5 in this plan" in found[3].message


def test_one_lesson_said_in_two_sentences_is_one_intent_finding(run_cli, tmp_path):
    text = ("# Slow hotfix\n\n## Postmortem\n\nThe hotfix waited behind undeployed changes. In the future we "
            "should branch hotfixes off the deployed commit. We should also strive to keep merged changes from "
            "waiting long before release.\n\n## Action items\n\n- Add an alert on index sync lag\n")
    found = findings(run_cli, write(tmp_path / "2025-03-02-hotfix.md", text), "PM804")
    assert len(found) == 1 and "branch hotfixes" in found[0]["message"]


def test_the_authors_own_milestone_labels_are_honoured(tmp_path):
    # no failure word in "results go stale", but the author labels the onset and the detection
    text = ("# Stale search\n\nAll times UTC.\n\n## Timeline\n\n"
            "- 2025-03-02 14:00 - Alias swap moves the alias; results go stale (started)\n"
            "- 2025-03-02 16:10 - Support escalates tickets to the search team (detected)\n")
    ttd = profile_of(tmp_path, text).time_to_detect_minutes
    assert ttd is not None and ttd.value == 130 and ttd.inferred
