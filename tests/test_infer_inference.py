"""Inference on postmortems written as people write them: our own synthetic Markdown
that shows each pattern a reviewer raised on the real corpus (never corpus text).

Behaviour first: a document goes in through the CLI or the library, and the test
asserts the inferred fact (with its evidence) or the finding built on it, which says
"inferred" and is never an error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write

from pmlint.infer import build_profile
from pmlint.load import load_path


def profile_of(tmp_path: Path, text: str, name: str = "2025-03-02-outage.md"):
    return build_profile(load_path(str(write(tmp_path / name, text))))


def check_json(run_cli, path: Path, *extra: str) -> dict:
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", *extra, str(path))
    assert code == 0, err
    return json.loads(out)


def findings(run_cli, path: Path, rule: str) -> list[dict]:
    return [item for item in check_json(run_cli, path, "--select", rule)["findings"] if item["rule"] == rule]


# -- severity from impact --------------------------------------------------------------

LONG_OUTAGE = """# Search outage

## Summary

Product search returned errors for 26 hours after an index migration; every query failed
until the old index was restored.

## Root cause

The migration script dropped the alias before the new index was ready.
"""


def test_long_outage_infers_sev1_with_its_evidence(tmp_path):
    profile = profile_of(tmp_path, LONG_OUTAGE)
    assert profile.severity is not None and profile.severity.inferred
    assert profile.severity.value == "SEV1"
    assert "26 hours" in profile.severity.evidence and profile.severity.span.line == 5
    assert profile.duration_minutes.value == 26 * 60


def test_short_outage_for_a_few_users_infers_nothing(tmp_path):
    profile = profile_of(tmp_path, "# Blip\n\n## Summary\n\nA few users saw slow pages for 12 minutes.\n")
    assert profile.severity is None  # no signal, no guess


def test_negated_and_hedged_data_loss_is_no_data_loss(tmp_path):
    text = ("# Queue stall\n\n## Summary\n\nThe queue stalled for 20 minutes. No customer data was lost, "
            "and we restored the consumers without risking data corruption.\n")
    assert profile_of(tmp_path, text).severity is None


def test_data_loss_and_leaked_credentials_infer_major_levels(tmp_path):
    loss = profile_of(tmp_path, "# Upload bug\n\n## Summary\n\nA retry bug caused data loss for uploads.\n", "a.md")
    leak = profile_of(tmp_path, "# Key leak\n\n## Summary\n\nA deploy key leaked into a public log.\n", "b.md")
    assert loss.severity.value == "SEV1" and leak.severity.value == "SEV2"


def test_all_users_for_hours_is_the_top_level(tmp_path):
    text = "# Login outage\n\n## Summary\n\nAll users were unable to log in for 5 hours.\n"
    severity = profile_of(tmp_path, text).severity
    assert severity.value == "SEV1" and '"All users"' in severity.evidence


def test_stated_severity_always_wins(tmp_path):
    path = write(tmp_path / "pm.yaml", "title: Search outage\nseverity: SEV3\n"
                 "summary: Search returned errors for 26 hours for all users.\n")
    profile = build_profile(load_path(str(path)))
    assert profile.severity.value == "SEV3" and not profile.severity.inferred


def test_severity_thresholds_are_settings(tmp_path):
    path = write(tmp_path / "pm.md", "# Slow\n\n## Summary\n\nCheckout was down for 3 hours.\n")
    document = load_path(str(path))
    assert build_profile(document).severity is None  # 3 h is under the default 4 h for SEV2
    lowered = build_profile(document, {"inferred_severity_outage_minutes": {"SEV2": 120}})
    assert lowered.severity.value == "SEV2"


def test_gated_rule_runs_on_inferred_severity_and_says_so(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-outage.md", LONG_OUTAGE + "\n## Action items\n\n- Restart the indexer\n")
    found = findings(run_cli, path, "PM308")  # band-aid-only, an error on SEV1/SEV2
    assert len(found) == 1
    assert found[0]["severity"] == "warning"  # built on an inferred fact: never an error
    assert "(inferred SEV1 from" in found[0]["message"] and "26 hours" in found[0]["message"]


def test_long_impact_without_a_timeline_claims_nothing_about_mitigation(run_cli, tmp_path):
    # no timeline: nothing can say no mitigation came sooner ("until the old index was
    # restored" is one); tests/test_timeline_reading.py has the timeline that lacks one
    path = write(tmp_path / "2025-03-02-outage.md", LONG_OUTAGE)
    assert findings(run_cli, path, "PM404") == []


def test_a_stated_length_beats_a_longer_aside(tmp_path):
    text = ("# Artifact uploads\n\n## Summary\n\nUploads were failing. The problem lasted for at least seven hours. "
            "Because merges were failing, the release slipped a day.\n")
    assert profile_of(tmp_path, text).duration_minutes.value == 7 * 60


# -- layers and item types -------------------------------------------------------------

LAYERED = """# Payment failures

## Root causes

- A null check was missing in the currency parser, a regression from the last release.
- The database node ran out of disk because log rotation was off.
- Architecture: not a factor.

## Action items

- Add an alert when disk usage on database nodes passes 80%
- Restart the payment workers
- Add a unit test for empty currency codes
- Write a runbook for full disks
"""


def test_cause_layers_and_item_types_are_inferred_from_their_words(tmp_path):
    profile = profile_of(tmp_path, LAYERED)
    assert [cause.layer.value for cause in profile.causes] == ["code", "infrastructure"]  # "not a factor" is no cause
    assert all(cause.layer.inferred for cause in profile.causes)
    assert [item.type.value for item in profile.items] == ["detect", "repair", "prevent", "process"]
    assert profile.items[2].layer.value == "code" and profile.cause_layers == {"code": 1, "infrastructure": 1}


def test_explicit_layer_and_type_are_respected(tmp_path):
    path = write(tmp_path / "pm.yaml", """title: Disk full
root_causes:
  - {summary: The database disk filled up, layer: process}
action_items:
  - {title: Add an alert on disk usage, type: prevent, layer: infrastructure}
""")
    profile = build_profile(load_path(str(path)))
    assert profile.causes[0].layer.value == "process" and not profile.causes[0].layer.inferred
    assert profile.items[0].type.value == "prevent" and not profile.items[0].type.inferred


def test_layer_vocabulary_is_configurable(tmp_path):
    document = load_path(str(write(tmp_path / "pm.md", "# X\n\n## Root cause\n\nThe flux capacitor overheated.\n")))
    assert build_profile(document).causes[0].layer is None
    custom = build_profile(document, {"layer_keywords": {"infrastructure": ["flux capacitor"]}})
    assert custom.causes[0].layer.value == "infrastructure"


# -- on-call burden --------------------------------------------------------------------

NIGHT = """# Worker backlog

All times UTC.

## Timeline

- 2025-03-02 02:10 - The queue-depth alert pages Sam, who starts investigating
- 2025-03-02 03:05 - Sam rolls back the worker deploy
- 2025-03-02 09:30 - Backlog drained

## Action items

- Add a unit test for the batch size parser
"""


def test_responders_working_at_night_infer_interrupted_sleep(tmp_path):
    burden = profile_of(tmp_path, NIGHT).on_call
    assert burden.sleep_interrupted.value is True and burden.sleep_interrupted.inferred
    assert "02:10" in burden.sleep_interrupted.evidence


def test_night_burden_finding_says_it_was_inferred(run_cli, tmp_path):
    # "the alert pages Sam" at 02:10 is a page (was read only as night work before review 2);
    # in the team's own zone (CET): a night read on UTC clocks is only a guess (info, review 3)
    found = findings(run_cli, write(tmp_path / "2025-03-02-backlog.md", NIGHT.replace("All times UTC.", "All times CET.")),
                     "PM202")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "Someone was paged at night" in found[0]["message"]
    assert "inferred 1 off-hours page from a page at 02:10" in found[0]["message"]


def test_customer_messages_at_night_are_not_burden(tmp_path):
    text = ("# Checkout errors\n\nAll times UTC.\n\n## Timeline\n\n"
            "- 2025-03-02 04:12 - A customer reports failed payments by email\n"
            "- 2025-03-02 05:40 - Message from a customer in the support chat\n"
            "- 2025-03-02 10:05 - The team starts investigating\n")
    burden = profile_of(tmp_path, text).on_call
    assert burden.sleep_interrupted is None and not burden.woke_someone


def test_nobody_paged_means_no_burden_even_with_night_work(tmp_path):
    text = NIGHT + "\nNobody was paged: the alert only posted to a channel.\n"
    burden = profile_of(tmp_path, text).on_call
    assert burden.off_hours_pages.value == 0 and burden.sleep_interrupted is None


def test_page_on_a_time_stamped_line_outside_the_timeline(tmp_path):
    text = ("# DB saturation\n\n## Leadup\n\n- **01:15 UTC:** The connection pool saturates.\n"
            "  Priya is paged.\n- **09:00 UTC:** Traffic back to normal.\n")
    burden = profile_of(tmp_path, text).on_call
    assert burden.off_hours_pages.value == 1 and "01:15" in burden.off_hours_pages.evidence


def test_one_person_carrying_the_response_is_reported(run_cli, tmp_path):
    text = ("# Leaked key\n\nA researcher told us a signing key was exposed. The volunteer who handled it "
            "rotated the key over the weekend.\n\n## Action items\n\n- Add secret scanning to CI\n")
    found = findings(run_cli, write(tmp_path / "2025-03-02-key.md", text), "PM206")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert 'inferred 1 responder from "volunteer who handled"' in found[0]["message"]


# -- detection -------------------------------------------------------------------------

def test_detection_method_and_delay_from_prose(run_cli, tmp_path):
    text = ("# Broken exports\n\n## Summary\n\nA serializer change broke CSV exports. About a week later, "
            "a user reported empty files.\n\n## Action items\n\n- Fix the serializer\n")
    path = write(tmp_path / "2025-03-02-exports.md", text)
    profile = build_profile(load_path(str(path)))
    assert profile.detection_method.value == "customer" and profile.detection_method.inferred
    assert profile.time_to_detect_minutes.value == 7 * 1440
    report = check_json(run_cli, path, "--select", "PM401,PM402,PM403")
    by_rule = {item["rule"]: item for item in report["findings"]}
    assert "PM401" not in by_rule  # the text says who noticed: nothing is missing
    # one point, one finding: the week's delay (PM403) asks for the detect item; PM402's
    # "no detect item" says it again only under `strict`, at info
    assert "PM402" not in by_rule
    assert "7 d" in by_rule["PM403"]["message"] and "inferred" in by_rule["PM403"]["message"]
    strict = {item["rule"]: item for item in check_json(run_cli, path, "--select", "PM402", "--preset", "strict")["findings"]}
    assert strict["PM402"]["severity"] == "info" and "inferred detection by customer" in strict["PM402"]["message"]


def test_engineer_noticing_by_chance_is_employee_detection(tmp_path):
    text = "# Slow CI\n\n## Summary\n\nBuilds slowed down. An engineer noticed the queue was growing while reviewing a PR.\n"
    assert profile_of(tmp_path, text).detection_method.value == "employee"


def test_alert_in_the_sentence_is_not_human_detection(tmp_path):
    text = "# Slow CI\n\n## Summary\n\nBuilds slowed down. We noticed the problem when the latency alert fired.\n"
    assert profile_of(tmp_path, text).detection_method.value == "alert"


def test_long_exposure_from_a_timeline_without_milestones(tmp_path):
    text = ("# Token exposure\n\n## Timeline\n\n- 2023-01-10: an image with a token is published\n"
            "- 2024-05-02 09:00: a researcher reports the token to us\n- 2024-05-02 09:30: token revoked\n")
    ttd = profile_of(tmp_path, text).time_to_detect_minutes
    assert ttd is not None and ttd.value >= 470 * 1440 and "first entry" in ttd.evidence


# -- repeats ---------------------------------------------------------------------------

def test_repeat_incident_from_prose(run_cli, tmp_path):
    text = ("# Cache stampede\n\n## Summary\n\nThe cache stampede happened again after the nightly flush.\n\n"
            "## Action items\n\n- Add jitter to cache expiry\n")
    path = write(tmp_path / "2025-03-02-cache.md", text)
    profile = build_profile(load_path(str(path)))
    assert profile.repeat.value is True and '"happened again"' in profile.repeat.evidence
    found = findings(run_cli, path, "PM802")
    assert len(found) == 1 and found[0]["severity"] == "warning" and "inferred a repeat incident" in found[0]["message"]


def test_link_to_an_earlier_postmortem_is_a_repeat_but_its_own_announcement_is_not(tmp_path):
    earlier = ("# Cache stampede\n\n## Summary\n\nThe cache tier fell over under load; see "
               "https://example.com/blog/2024-11-02-cache-postmortem for the first one.\n")
    profile = profile_of(tmp_path, earlier, "2025-03-02-cache.md")
    assert profile.repeat.value is True and profile.related_incidents == (
        "https://example.com/blog/2024-11-02-cache-postmortem",)
    own = earlier.replace("2024-11-02", "2025-03-02")
    assert profile_of(tmp_path, own, "2025-03-02-cache2.md").repeat is None


def test_again_inside_the_timeline_is_not_a_repeat(tmp_path):
    text = ("# Deploy\n\n## Timeline\n\n- 10:00 UTC - Deploy fails\n- 10:20 UTC - Deploy fails again\n"
            "- 10:40 UTC - Launches succeed again\n")
    assert profile_of(tmp_path, text).repeat is None


# -- outputs: --profile, JSON, SARIF, convert -------------------------------------------

def test_check_profile_prints_the_profile(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-outage.md", LONG_OUTAGE)
    code, out, _ = run_cli("check", "--profile", "--no-color", "--exit-zero", str(path))
    assert code == 0 and "Durability profiles" in out
    assert "severity          SEV1 (inferred from" in out and "causes at" in out


def test_json_carries_profiles_per_file(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-outage.md", LONG_OUTAGE)
    report = check_json(run_cli, path, "--profile")
    profile = report["profiles"][str(path)]
    assert profile["severity"] == {"value": "SEV1", "inferred": True, "evidence": profile["severity"]["evidence"],
                                   "line": 5}
    assert "profiles" not in check_json(run_cli, path)  # only when asked for


def test_sarif_profile_in_artifact_properties_is_valid(run_cli, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    root = Path(__file__).resolve().parents[1]
    schema_path = next((base / "shared" / "schemas" / "sarif-schema-2.1.0.json" for base in (root.parent, root.parent.parent)
                        if (base / "shared" / "schemas" / "sarif-schema-2.1.0.json").is_file()), None)
    path = write(tmp_path / "2025-03-02-outage.md", LONG_OUTAGE)
    code, out, err = run_cli("check", "--profile", "--format", "sarif", "--exit-zero", str(path))
    assert code == 0, err
    log = json.loads(out)
    artifact = log["runs"][0]["artifacts"][0]
    assert artifact["properties"]["pmlint_profile"]["severity"]["inferred"] is True
    if schema_path is None:
        pytest.skip("OASIS SARIF schema not found (it lives in ../shared/schemas)")
    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))


def test_convert_marks_inferred_fields(run_cli, tmp_path):
    path = write(tmp_path / "2025-03-02-outage.md", LONG_OUTAGE)
    code, out, _ = run_cli("convert", str(path))
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("severity:"))
    assert line.startswith("severity: SEV1") and "# inferred from" in line and "26 hours" in line


def test_stated_document_converts_without_inferred_marks(run_cli):
    from conftest import EXAMPLES

    code, out, _ = run_cli("convert", str(EXAMPLES / "exemplary.yaml"))
    assert code == 0 and "inferred" not in out


# -- lessons that never became work ------------------------------------------------------

def test_intent_in_prose_without_an_action_item_is_reported(run_cli, tmp_path):
    text = ("# Publish outage\n\n## What went wrong\n\nThe release bundled three risky changes. Next time we "
            "should ship migrations separately from code changes.\n\n## Action items\n\n- Add an alert on publish "
            "failures\n")
    path = write(tmp_path / "2025-03-02-publish.md", text)
    found = findings(run_cli, path, "PM804")
    assert len(found) == 1 and found[0]["severity"] == "info"
    assert "we should ship migrations separately" in found[0]["message"]
    taken_up = text.replace("- Add an alert on publish failures", "- Ship schema migrations separately from code changes")
    assert findings(run_cli, write(tmp_path / "2025-03-03-publish.md", taken_up), "PM804") == []


def test_time_only_timeline_crossing_midnight_reads_as_the_next_day(run_cli, tmp_path):
    text = ("# Build outage\n\nAll times UTC.\n\n## Summary\n\nAll jobs failed for nine hours while nobody watched.\n\n"
            "## Timeline\n\n- 2025-03-02 23:10 - The build pod starts crash-looping (outage starts)\n"
            "- 2025-03-02 02:40 - The outage is reported by a user on the issue tracker\n"
            "- 2025-03-02 08:15 - Fixed build image deployed (outage ends)\n")
    path = write(tmp_path / "2025-03-02-builds.md", text)
    ttd = build_profile(load_path(str(path))).time_to_detect_minutes
    assert ttd is not None and ttd.value == 210 and ttd.inferred and "crossing midnight" in ttd.evidence
    found = findings(run_cli, path, "PM403")
    assert len(found) == 1 and "3 h 30 min" in found[0]["message"] and found[0]["severity"] == "warning"


def test_messages_in_a_team_channel_are_employee_detection(run_cli, tmp_path):
    text = ("# Blocked requests\n\n## Summary\n\nA firewall rule update blocked logins for 40 minutes.\n\n"
            "## Detection\n\nWe saw messages in the payments team's Slack channel about blocked requests.\n\n"
            "## Action items\n\n- Roll back the firewall rule update\n")
    path = write(tmp_path / "2025-03-02-blocked.md", text)
    found = findings(run_cli, path, "PM402")
    assert len(found) == 1 and "employee" in found[0]["message"]


def test_slow_detection_in_marked_timeline_on_inferred_severity(run_cli, tmp_path):
    text = ("# Pod limit\n\nAll times UTC.\n\n## Timeline\n\n"
            "- 2025-03-02 01:00 - Pods stop launching (impact starts)\n"
            "- 2025-03-02 12:00 - A team member notices launches failing (detected)\n"
            "- 2025-03-02 12:24 - Limit raised, launches recover (resolved)\n")
    path = write(tmp_path / "2025-03-02-pods.md", text)
    found = findings(run_cli, path, "PM403")
    assert len(found) == 1 and found[0]["message"].startswith("Time to detect was 11 h")
    assert "inferred SEV2 from 11 h 24 min of impact in the timeline" in found[0]["message"]
