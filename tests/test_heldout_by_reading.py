"""Causes judged false or noise on held-out sets BY and BZ (blind documents, judged once),
each read as its author meant it, beside a twin that keeps the finding (synthetic documents):
- "lag spikes, which prompted me to check the server": a person noticing a symptom;
- "A teammate mistakenly believed ... and ran the following command": the team's own
  command, seen by the person at the keyboard;
- "**Security Audit**" over "- Review all SSH keys": the audit's steps, not vague items;
- "Monitor CPU usage" beside "Set up alerts for suspicious activity": still vague, the
  alert names nothing;
- items pmlint reports at `strict` only take none of a plan's three warnings;
- "VM disk usage was at 100%": how full a disk was, no share of who was hit;
- "**VM Services Affected:** All core DW services (MinIO, Dremio, Postgres)": what was hit;
- "Onboard all users with a clear understanding of:": the plan's audience, no impact.
"""

from __future__ import annotations

import pytest

from conftest import impact_asks, missing_section, rule_findings, rule_severities, write

CAUSE = "\n## Root cause\n\nThe NAT change made postfix trust the docker gateway address.\n"


def detection_methods(run_cli, path) -> list[str]:
    """The detection methods `pmlint convert` reads from `path` (the `method:` values)."""
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return [line.split(":", 1)[1].split("#")[0].strip() for line in out.splitlines()
            if line.strip().startswith("method:")]
SUMMARY = "# Mail relay\n\n## Summary\n\nThe mail server relayed spam for 300 users for 2 hours.\n"


@pytest.mark.parametrize("sentence, default", [
    ("I got home to lag spikes in my game, which prompted me to check the server, where I found this mess.", []),
    ("The queue depth prompted us to investigate.", []),
    ("I got home to lag spikes in my game and this mess on the server.", ["warning"]),
])
def test_a_symptom_that_prompted_a_check_is_the_detection(tmp_path, run_cli, sentence, default):
    text = SUMMARY + f"\n{sentence}\n" + CAUSE
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


def test_a_symptom_that_prompted_a_check_is_a_person_noticing(tmp_path, run_cli):
    text = SUMMARY + "\nLag spikes in my game prompted me to check the server.\n" + CAUSE
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert "method: employee  # inferred from \"prompted me to check\"" in out


@pytest.mark.parametrize("sentence, default", [
    ("A teammate mistakenly believed they were in an isolated environment and ran the following command:", []),
    ("One of our engineers accidentally ran the cleanup against production:", []),
    ("A teammate ran the following command:", ["warning"]),
    ("The nightly job mistakenly ran the following command:", ["warning"]),
])
def test_a_teammates_slip_at_the_keyboard_is_seen_at_once(tmp_path, run_cli, sentence, default):
    text = (SUMMARY + f"\n## What happened\n\n{sentence}\n\n```bash\ndocker rm -f dremio minioserver\n```\n" + CAUSE)
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


PLAN_CAUSE = "\n## Root cause\n\nA backdoor SSH key was added to the deploy user.\n"


@pytest.mark.parametrize("group, default", [
    ("Security Audit", []),
    ("Access audit (within 1 month)", []),
    ("Cleanup", ["warning", "warning"]),
])
def test_an_audits_review_steps_are_not_vague(tmp_path, run_cli, group, default):
    text = (SUMMARY + PLAN_CAUSE + f"\n## Recommendations\n\n1. **Disable password logins** on every host\n"
            f"2. **{group}**\n   - Review all user accounts\n   - Review all SSH keys\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == default


@pytest.mark.parametrize("alert, default", [
    ("Set up alerts for suspicious activity", ["warning"]),
    ("Set up alerts when CPU stays above 90% for 10 minutes", []),
])
def test_an_alert_on_nothing_in_particular_leaves_monitoring_vague(tmp_path, run_cli, alert, default):
    text = (SUMMARY + PLAN_CAUSE + "\n## Recommendations\n\n- Disable password logins on every host\n"
            f"- Monitor CPU usage\n- {alert}\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == default


def test_items_reported_at_strict_only_take_none_of_the_plans_warnings(tmp_path, run_cli):
    # two sweeps for the same class of bug (strict only), then four plain vague items: the
    # first three of those are warnings, and the message's count agrees
    text = (SUMMARY + PLAN_CAUSE + "\n## Action items\n\n- Disable password logins on every host\n"
            "- Review other services for similar patterns\n- Review similar hosts for the same key\n"
            "- Review the logs\n- Investigate the cache\n- Look into the retries\n- Discuss the alerts\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM310")
    assert [finding["severity"] for finding in found] == ["warning", "warning", "warning", "info"]
    assert "vague item 4 of 4 in this plan" in found[-1]["message"]


@pytest.mark.parametrize("sentence, who_missing", [
    ("VM disk usage was at 100%, preventing any container restarts.", True),
    ("CPU utilisation hit 95% on the primary.", True),
    ("The hosts ran with their CPU utilization less than 30% at any point of time.", True),
    ("100% of requests failed.", False),
    ("Disk writes failed for 40% of the tenants.", False),
])
def test_a_machines_level_is_no_share_of_who(tmp_path, run_cli, sentence, who_missing):
    text = f"# Disk full\n\n## Summary\n\nThe warehouse was down for 2 hours.\n\n{sentence}\n" + CAUSE
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "who or what was affected") is who_missing


@pytest.mark.parametrize("row, who_missing", [
    ("* **VM Services Affected:** All core DW services (MinIO, Dremio, File Upload Service, Postgres, etc.)", False),
    ("* **Affected services:** MinIO, Dremio, Postgres", False),
    ("* **VM Services:** MinIO, Dremio, Postgres", True),
    ("* **Services Affected:** unknown so far, still counting", True),
])
def test_services_labelled_affected_name_what_was_hit(tmp_path, run_cli, row, who_missing):
    text = (f"# Data warehouse crash\n\n## Incident overview\n\n* **Date of Incident:** 15 April 2025\n{row}\n"
            "\nThe warehouse was down for 2 hours.\n" + CAUSE)
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "who or what was affected") is who_missing


@pytest.mark.parametrize("sentence, inferred", [
    ("* Onboard all users with a clear understanding of the shared VM.", False),
    ("To proactively warn all users, a login banner was added.", False),
    ("All users were unable to log in.", True),
])
def test_the_plans_audience_is_no_impact(tmp_path, run_cli, sentence, inferred):
    text = (f"# Data warehouse crash\n\n## Summary\n\nThe warehouse containers went down.\n\n## Notes\n\n{sentence}\n"
            + CAUSE)
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert ('severity: sev2  # inferred from impact on "all users"' in out.lower()) is inferred


@pytest.mark.parametrize("assignment, placeholder", [
    ('{% assign confs="30" %}\n\n', False),
    ("{%- capture confs -%}30{%- endcapture -%}\n\n", False),
    ("", True),
    ('{% assign depth="30" %}\n\n', True),
])
def test_a_variable_the_page_assigns_is_no_placeholder(tmp_path, run_cli, assignment, placeholder):
    text = (f"# Invalid blocks mined\n\n{assignment}## Summary\n\nFor 2 hours 300 wallets saw invalid blocks. "
            "Wait an additional {{confs}} confirmations.\n" + CAUSE)
    assert (rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM010") == ["error"]) is placeholder


@pytest.mark.parametrize("paragraph, open_item", [
    ("We have added bots to aid with security. Pooja has also enabled 2FA.", False),
    ("We've since rotated every token.", False),
    ("We will add bots to aid with security.", True),
    ("This has caused bots to be added.", True),
    ("Based on what we have observed, we are building tests for this failure mode.", True),
])
def test_work_told_in_the_present_perfect_is_done(tmp_path, run_cli, paragraph, open_item):
    text = ("# Server lost\n\n## Summary\n\nThe chat server was deleted for 300 members for 2 days.\n\n## Root cause\n\n"
            f"A phishing link took the owner account.\n\n## What are we doing to prevent this in future?\n\n{paragraph}\n")
    assert (rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM301", preset="strict") == ["error"]) is open_item


@pytest.mark.parametrize("paragraph, open_item", [
    ("We have added bots. The Wick bot has had its settings changed to make it more strict, and will kick "
     "users failing compliance out of the server.", False),
    ("We have added bots to the server, and will add more next month.", True),
    ("The bot was added and will be tuned next month.", True),
])
def test_what_a_thing_configured_will_do_is_no_work_left(tmp_path, run_cli, paragraph, open_item):
    text = ("# Server lost\n\n## Summary\n\nThe chat server was deleted for 300 members for 2 days.\n\n## Root cause\n\n"
            f"A phishing link took the owner account.\n\n## What are we doing to prevent this in future?\n\n{paragraph}\n")
    assert (rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM301", preset="strict") == ["error"]) is open_item


@pytest.mark.parametrize("closing, items", [
    ("We look forward to your suggestions to make this server a safer community.", 1),
    ("Glad to be back!", 1),
    ("We will add a second owner to the server.", 2),
])
def test_a_community_posts_sign_off_is_no_item(tmp_path, run_cli, closing, items):
    text = ("# Server lost\n\n## Summary\n\nThe chat server was deleted for 300 members for 2 days.\n\n## Root cause\n\n"
            "A phishing link took the owner account.\n\n## What are we doing to prevent this in future?\n\n"
            f"We will move the server to an account with 2FA.\n\n{closing}\n")
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert out.count("  - title: ") == items


@pytest.mark.parametrize("sentence, cause_missing", [
    ("A random user shared a phishing link on multiple channels, and the owner clicked one of the messages.", False),
    ("A random user shared a link on multiple channels, and the owner clicked one of the messages.", True),
])
def test_the_phishing_link_shared_is_the_way_in(tmp_path, run_cli, sentence, cause_missing):
    text = ("# Server lost\n\n## Summary\n\nThe chat server was deleted for 300 members for 2 days.\n\n"
            f"## Incident description\n\n{sentence} She lost control over her account.\n")
    missing = missing_section(run_cli, write(tmp_path / "pm.md", text), "root_causes", preset="strict")
    assert bool(missing) is cause_missing


@pytest.mark.parametrize("sentence, how_long_missing", [
    ('Discord replied: "if the server was deleted, there is no way to restore it."', False),
    ("Discord replied that the server was deleted.", True),
])
def test_a_loss_with_no_way_back_has_no_length(tmp_path, run_cli, sentence, how_long_missing):
    text = ("# Server lost\n\n## Summary\n\nThe chat server of 300 members was deleted.\n\n"
            f"## Incident description\n\n{sentence}\n" + CAUSE)
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "how long") is how_long_missing


@pytest.mark.parametrize("owner, unowned", [
    ("Backlog", True),
    ("the backlog", True),
    ("@dana", False),
])
def test_the_backlog_owns_nothing(tmp_path, run_cli, owner, unowned):
    text = ("# Database lost\n\n## Summary\n\n14 users lost access for 11 hours.\n" + CAUSE +
            "\n## Action items\n\n| Priority | Action | Owner | Status |\n|---|---|---|---|\n"
            f"| P1 | Add a user count health check | {owner} | TODO |\n"
            f"| P1 | Alert on volume changes | {owner} | TODO |\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314")) is unowned


TABLE = ("\n## Timeline\n\n| Time | Event |\n|---|---|\n| 07:24 | Server restarted for resource limits |\n"
         "| 07:24 | {mark}NEW empty database volume created |\n| 18:00 | Issue reported by user: only one user visible |\n"
         "| 18:40 | Database restored from backup |\n")


@pytest.mark.parametrize("date, mark, slow", [
    ("**Date:** 27. November 2025", "\u274c ", True),
    ("**Date:** 27.11.2025", "\u274c ", True),
    ("**Date:** 27. November 2025", "", False),
    ("**Date:** sometime in November", "\u274c ", False),
])
def test_an_entry_marked_failed_on_a_day_written_day_first_is_the_onset(tmp_path, run_cli, date, mark, slow):
    text = (f"# Database loss on production\n\n{date}  \n**Time:** 07:24 UTC  \n**Severity:** HIGH\n\n"
            "## Summary\n\nThe app came up on an empty database; 14 users were affected.\n"
            + TABLE.replace("{mark}", mark) + CAUSE)
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403", preset="strict")) is slow


# set CB (six blind documents, judged once at eeb0337, after BY's and BZ's fixes)

@pytest.mark.parametrize("sentence, default", [
    ("Gittip is better prepared for next time, with systems in place that we didn't have two weeks ago.", []),
    ("We now have an <em>is_suspicious</em> field in the database, and flagged accounts cannot move money.", []),
    ("We now have a clearer picture of what happened.", ["warning"]),
])
def test_safeguards_told_as_in_place_are_a_plan_done(tmp_path, run_cli, sentence, default):
    text = ("# Stolen cards\n\n## Summary\n\nStolen cards moved $567 through 22 accounts over seven weeks.\n"
            + CAUSE + f"\n## Since then\n\n{sentence}\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == default


@pytest.mark.parametrize("sentence, repeat", [
    ("This is part two of that post.", False),
    ("This is part 2 of our blog series on the fraud.", False),
    ("This outage is part two: the same disk filled up again.", True),
])
def test_a_part_of_a_series_of_posts_is_no_repeat(tmp_path, run_cli, sentence, repeat):
    text = ("# Stolen cards\n\n## Summary\n\nStolen cards moved $567 through 22 accounts over seven weeks. "
            f"{sentence}\n" + CAUSE)
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert ("related_incidents" in out or "repeat" in out) is repeat


@pytest.mark.parametrize("sentence, cause_missing", [
    ("I was solely responsible for this error because I refactored the code and missed the indentation.", False),
    ("The outage happened because the certificate expired on the load balancer.", False),
    ("We reopened the outage ticket because of new reports.", True),
])
def test_an_error_told_with_its_because_has_a_cause(tmp_path, run_cli, sentence, cause_missing):
    text = ("# Duplicate emails\n\n## Summary\n\nCustomers got up to hundreds of duplicate status emails.\n\n"
            f"{sentence}\n")
    missing = missing_section(run_cli, write(tmp_path / "pm.md", text), "root_causes", preset="strict")
    assert bool(missing) is cause_missing


@pytest.mark.parametrize("line, slow", [
    ("MTTD: 11:00", True),
    ("**Time to detect:** 2 hours", True),
    ("MTTD: 0:10", False),
    ("MTTR: 11:00", False),
])
def test_a_labelled_time_to_detect_is_read(tmp_path, run_cli, line, slow):
    text = ("# Login failure\n\n**Severity:** SEV2\n\n## Summary\n\nNo user could log in to the submission system.\n"
            + CAUSE + f"\n## Impact\n\n{line}\n")
    assert bool(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403")) is slow


# -- an attacker's review of the BY and BZ readings ---------------------------------------

@pytest.mark.parametrize("group, default", [
    ("Fix the logging gaps found in the audit", ["warning", "warning"]),
    ("Before the next compliance audit", ["warning", "warning"]),
])
def test_work_an_audit_asked_for_is_no_audit(tmp_path, run_cli, group, default):
    text = (SUMMARY + PLAN_CAUSE + f"\n## Recommendations\n\n1. **Disable password logins** on every host\n"
            f"2. **{group}**\n   - Improve access logging\n   - Look into hardening the config pipeline\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == default


def test_an_audits_group_makes_only_its_review_steps_pedantic(tmp_path, run_cli):
    text = (SUMMARY + PLAN_CAUSE + "\n## Recommendations\n\n1. **Disable password logins** on every host\n"
            "2. **Security Audit**\n   - Review all SSH keys\n   - Improve access logging\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == ["warning"]


@pytest.mark.parametrize("paragraph", [
    "We have created a ticket to add validation of the pool size.",
    "We have scheduled the migration to typed schemas for next quarter.",
    "Pooja has enabled 2FA for staging and will enable it for production next sprint.",
    "Alerting on pool exhaustion is still missing; Grafana has exposed the pool metrics, but no alert rule uses them yet.",
    "We are moving the config service to typed schemas, and we look forward to your feedback on the new format.",
])
def test_work_left_in_a_prose_plan_stays_open(tmp_path, run_cli, paragraph):
    text = ("# Pool exhausted\n\n## Summary\n\nThe pool ran out for 300 users for 2 hours.\n\n## Root cause\n\n"
            f"The pool was too small.\n\n## What are we doing to prevent this in future?\n\n{paragraph}\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM301", preset="strict") == ["error"]


def test_work_left_after_a_long_paragraph_stays_open(tmp_path, run_cli):
    paragraph = "We have added bots to the server. " + "The bot checks each new member. " * 150 + \
        "We will add validation of the pool size."
    text = ("# Pool exhausted\n\n## Summary\n\nThe pool ran out for 300 users for 2 hours.\n\n## Root cause\n\n"
            f"The pool was too small.\n\n## What are we doing to prevent this in future?\n\n{paragraph}\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM301", preset="strict") == ["error"]


@pytest.mark.parametrize("sentence, method", [
    ("A support ticket from a customer prompted us to investigate.", "customer"),
    ("This incident prompted us to check every other service.", None),
])
def test_what_prompted_the_check_says_who_noticed(tmp_path, run_cli, sentence, method):
    text = SUMMARY + f"\n{sentence}\n" + CAUSE
    assert detection_methods(run_cli, write(tmp_path / "pm.md", text)) == ([method] if method else [])


@pytest.mark.parametrize("sentence", [
    "A developer accidentally merged a broken migration, and CI ran it against production.",
    "One of our engineers accidentally ran the migration against production. The loss went unnoticed for six days.",
])
def test_a_slip_nobody_saw_at_once_keeps_the_detection_question(tmp_path, run_cli, sentence):
    text = SUMMARY + f"\n## What happened\n\n{sentence}\n" + CAUSE
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == ["warning"]


@pytest.mark.parametrize("sentence", [
    "Email for all users was down for 3 hours.",
    "Messages to all customers were silently dropped.",
])
def test_what_all_users_had_is_still_the_impact(tmp_path, run_cli, sentence):
    text = f"# Mail\n\n## Summary\n\nThe mail system broke.\n\n## Notes\n\n{sentence}\n" + CAUSE
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert "severity: SEV2  # inferred from impact on" in out


def test_a_cross_on_a_skipped_check_before_words_of_failure_is_no_onset(tmp_path, run_cli):
    text = ("# API outage on 2025-03-18\n\n**Severity:** SEV1\n\n## Summary\n\nOn 2025-03-18 the API returned errors "
            "for 40% of requests.\n\n## Root cause\n\nA config push set the connection pool size to 1.\n\n## Timeline\n\n"
            "| Time (UTC) | Event |\n|---|---|\n| 2025-03-18 06:00 | \u274c Nightly config lint job skipped |\n"
            "| 2025-03-18 10:00 | Config pushed to production |\n| 2025-03-18 10:05 | API returning 500s for 40% of requests |\n"
            "| 2025-03-18 10:08 | Error-rate alert fires, on-call paged |\n| 2025-03-18 10:15 | Config reverted; mitigated |\n"
            "| 2025-03-18 10:30 | Resolved |\n\n## Action items\n\n- Add validation of the pool size to the config "
            "pipeline (owner: @sam, due 2025-04-01)\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403") == []


@pytest.mark.parametrize("sentence", [
    "Support had no way to recover their accounts by hand until the hotfix shipped.",
    "No data was lost this time, but had the disk failed, there would have been no way to restore it.",
])
def test_a_loss_for_a_while_or_imagined_still_has_a_length_to_ask(tmp_path, run_cli, sentence):
    text = ("# Login outage\n\n## Summary\n\nAbout 3,000 users could not log in to the dashboard.\n\n"
            f"## Impact\n\nAbout 3,000 users could not log in. {sentence}\n" + CAUSE)
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "how long")


@pytest.mark.parametrize("sentence", [
    "Storage: 12% of buckets were read-only.",
    "Storage at 40% of sites was read-only.",
])
def test_a_share_of_who_after_a_resource_stands(tmp_path, run_cli, sentence):
    text = f"# Storage\n\n## Summary\n\nThe store was down for 2 hours.\n\n{sentence}\n" + CAUSE
    assert not impact_asks(run_cli, write(tmp_path / "pm.md", text), "who or what was affected")


def test_a_braced_run_of_blanks_is_read_in_linear_time():
    from linearity import assert_ten_times_linear
    from pmlint.engine.checks.document import _variable_name

    assert_ten_times_linear(lambda copies: _variable_name(" " * copies), 2000, "blanks in braces")


# set CA (six blind documents, judged once at eeb0337)

@pytest.mark.parametrize("sentence, method", [
    ("I kept getting *Invalid Certificate* errors on the mail domain.", "employee"),
    ("We kept seeing timeouts from the resolver.", "employee"),
    ("After updating all 4 nodes we started getting apphash errors on all nodes.", None),
    ("I kept getting emails about the new plan.", None),
])
def test_errors_the_writer_kept_getting_are_how_it_was_noticed(tmp_path, run_cli, sentence, method):
    text = ("# DNS move\n\n## Summary\n\nThe site did not resolve for 300 visitors for 2 days.\n\n"
            f"{sentence}\n" + CAUSE)
    assert detection_methods(run_cli, write(tmp_path / "pm.md", text)) == ([method] if method else [])


def test_a_time_to_detect_row_is_read(tmp_path, run_cli):
    text = ("# Production freeze\n\n**Severity:** SEV2\n\n| Metric | Value |\n|---|---|\n| Time to detect | ~47 h |\n\n"
            "## Summary\n\nNo deploy reached production.\n" + CAUSE)
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM403") == ["warning"]


@pytest.mark.parametrize("sentence, default", [
    ("And maybe I'll start a local wiki to keep domain and DNS configurations in one place.", []),
    ("I'll create a checklist for moving name servers.", []),
    ("I'll start with the timeline.", ["warning"]),
])
def test_one_persons_plan_in_ill_is_a_commitment(tmp_path, run_cli, sentence, default):
    text = ("# DNS move\n\n## Summary\n\nThe site did not resolve for 300 visitors for 2 days.\n\n"
            f"The cause was a stale DNSSEC record.\n\n{sentence}\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == default


# -- a second attacker's review ---------------------------------------------------------

TTD_DOC = ("# Search outage\n\n**Severity:** SEV2\n\n## Summary\n\nSearch failed for 1,200 users.\n" + CAUSE +
           "\n## Impact\n\n{line}\n")


@pytest.mark.parametrize("line", [
    "Time to detect (goal): 15 minutes",
    "MTTD: 45 min (team average, last quarter)",
    "Time to detection: 14:32 UTC",
    "| MTTD | 4 h | 30 min |",
    "<!-- Example:\nTime to detect: 12 hours\n-->",
])
def test_a_figure_that_is_not_this_incidents_time_to_detect_is_not_read(tmp_path, run_cli, line):
    text = TTD_DOC.replace("{line}", line)
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403") == []


def test_the_timeline_beats_a_labelled_figure(tmp_path, run_cli):
    text = ("# Search outage\n\n**Severity:** SEV2\n\n## Summary\n\nSearch failed for 1,200 users.\n" + CAUSE +
            "\n## Timeline (UTC)\n\n- 2025-03-04 10:05 - Search API begins returning 500 errors\n"
            "- 2025-03-04 16:40 - A customer reports errors to support\n- 2025-03-04 16:50 - Rolled back\n"
            "\n## Impact\n\nTime to detect: 20 minutes\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403")
    assert [finding["message"].split(",")[0] for finding in found] == ["Time to detect was 6 h 35 min"]


@pytest.mark.parametrize("sentence", [
    "We now have a review backlog of 2,000 items.",
    "We now have no monitoring on the search cluster.",
    "There were no safeguards in place that we didn't have before.",
])
def test_what_we_now_have_that_is_no_safeguard_keeps_pm313(tmp_path, run_cli, sentence):
    text = ("# Stolen cards\n\n## Summary\n\nStolen cards moved $567 through 22 accounts over seven weeks.\n"
            + CAUSE + f"\n## Since then\n\n{sentence}\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == ["warning"]


@pytest.mark.parametrize("sentence", [
    "After the rollback we were seeing zero errors again.",
    "After the fix we were getting far fewer timeouts.",
    "We were getting support tickets about errors from customers.",
])
def test_errors_gone_or_reported_by_others_are_no_noticing_of_ours(tmp_path, run_cli, sentence):
    text = ("# DNS move\n\n## Summary\n\nThe site did not resolve for 300 visitors for 2 days.\n\n"
            f"{sentence}\n" + CAUSE)
    assert "employee" not in detection_methods(run_cli, write(tmp_path / "pm.md", text))


def test_a_cross_marked_onset_stands_when_the_report_names_the_errors(tmp_path, run_cli):
    text = ("# Database loss on production\n\n**Date:** 2025-11-27  \n**Severity:** HIGH\n\n## Summary\n\n"
            "14 users were affected.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
            "| 07:24 UTC | \u274c NEW empty database volume created |\n| 07:26 UTC | \u274c Container started on it |\n"
            "| 10:30 UTC | Customer reports errors on every page |\n| 10:45 UTC | Database restored from backup |\n" + CAUSE)
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM403", preset="strict")
    assert [finding["message"].split(",")[0].split(";")[0] for finding in found] == ["Time to detect was 3 h 6 min"]


@pytest.mark.parametrize("sentence", [
    "We closed the issue because the errors stopped.",
    "We declared the incident because the error rate crossed 5%.",
])
def test_an_issue_handled_because_of_something_states_no_cause(tmp_path, run_cli, sentence):
    text = ("# Duplicate emails\n\n## Summary\n\nCustomers got up to hundreds of duplicate status emails.\n\n"
            f"{sentence}\n")
    missing = missing_section(run_cli, write(tmp_path / "pm.md", text), "root_causes", preset="strict")
    assert missing


@pytest.mark.parametrize("paragraph", [
    "We have added the missing index validation to the config pipeline.",
    "We have raised the connection pool limit to 500.",
    "Dependabot was set up on the repo, and will raise one PR a week.",
])
def test_work_done_in_a_prose_plan_stays_done(tmp_path, run_cli, paragraph):
    text = ("# Pool exhausted\n\n## Summary\n\nThe pool ran out for 300 users for 2 hours.\n\n## Root cause\n\n"
            f"The pool was too small.\n\n## What are we doing to prevent this in future?\n\n{paragraph}\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM301", preset="strict") == []


def test_thanks_with_looking_forward_is_a_sign_off(tmp_path, run_cli):
    text = ("# Pool exhausted\n\n## Summary\n\nThe pool ran out for 300 users for 2 hours.\n\n## Root cause\n\n"
            "The pool was too small.\n\n## What are we doing to prevent this in future?\n\nWe will add validation of "
            "the pool size.\n\nThank you for your patience, and we are looking forward to your feedback.\n")
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert out.count("  - title: ") == 1


@pytest.mark.parametrize("sentence, method", [
    ("A spike of 5xx events in Sentry prompted us to investigate.", "employee"),
    ("Error messages in the search logs prompted us to check the cluster.", "employee"),
])
def test_signals_of_our_own_that_prompted_a_check_are_ours(tmp_path, run_cli, sentence, method):
    text = SUMMARY + f"\n{sentence}\n" + CAUSE
    assert detection_methods(run_cli, write(tmp_path / "pm.md", text)) == [method]


@pytest.mark.parametrize("group", ["AWS IAM access audit", "Q2 2025 security audit", "Follow-up: access audit"])
def test_an_audit_named_at_length_is_still_the_audit(tmp_path, run_cli, group):
    text = (SUMMARY + PLAN_CAUSE + f"\n## Recommendations\n\n- Disable password logins on every host\n\n### {group}\n\n"
            "- [ ] Review all IAM roles\n- [ ] Review all SSH keys\n")
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == []


def test_nearly_all_customers_notified_is_the_audience(tmp_path, run_cli):
    text = ("# Mail\n\n## Summary\n\nThe mail system broke for 40 users.\n\n## Notes\n\n"
            "We notified nearly all customers by email.\n" + CAUSE)
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert "inferred from impact on" not in out


def test_part_two_of_an_outage_series_is_a_repeat(tmp_path, run_cli):
    text = ("# Disk full again\n\n## Summary\n\nThe disk filled up for 300 users for 2 hours. This is part two of "
            "an outage series: the same disk filled up a week ago.\n" + CAUSE)
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert "related_incidents" in out or "repeat" in out


# set CC (three blind documents, judged once at f26bb0d)

@pytest.mark.parametrize("first_row, night", [
    ("| ~4:30 AM | Web team deployed routine updates | Normal deployment process |", False),
    ("| ~4:30 AM | Web team restarted the cache nodes by hand | Manual restart |", True),
])
def test_routine_work_before_the_incident_is_no_night_response(tmp_path, run_cli, first_row, night):
    text = ("# Site styling broken\n\n**Date:** 2024-09-30\n\n## Summary\n\nThe university website lost its styling "
            "for 15 minutes for every visitor.\n\n## Timeline\n\n| Time | Event | Action Taken |\n|---|---|---|\n"
            f"{first_row}\n| 7:55 AM | The vendor changed the media cache rules | External change |\n"
            "| 8:20 AM | Cache TTL expired, styling broke for every page | Website styling broke |\n"
            "| 8:34 AM | Fresh deployment resolved the issues | Restored |\n" + CAUSE)
    path = write(tmp_path / "pm.md", text)
    assert bool(rule_findings(run_cli, path, "PM203", preset="strict")) is night
    # the profile and `convert` infer no lost sleep from it either (one reading for both)
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert ("sleep_interrupted: true" in out) is night


@pytest.mark.parametrize("sentence, said", [
    ("1. **Issue Recognition**: Web team quickly identified widespread impact across multiple systems", True),
    ("1. **Logical Troubleshooting**: Attempted rollback of recent code changes", False),
])
def test_the_team_recognising_the_impact_is_not_nothing_found(tmp_path, run_cli, sentence, said):
    text = ("# Site styling broken\n\n## Summary\n\nThe website lost its styling for 15 minutes for every visitor.\n\n"
            f"## Response Actions\n\n### Immediate Response\n\n{sentence}\n" + CAUSE)
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")]
    assert messages and ("nothing" not in messages[0] and "no alert, report" not in messages[0]) is said


def test_an_outage_identified_in_a_provider_is_a_cause_not_the_news(tmp_path, run_cli):
    text = ("# Gallery down\n\n## Summary\n\nThe gallery failed for every user for 3 hours.\n\n"
            "__Preliminary root cause__: Engineers identified an outage in the underlying provider of the CDN.\n")
    messages = [finding["message"] for finding in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")]
    assert not any("Engineers identified" in message for message in messages)
