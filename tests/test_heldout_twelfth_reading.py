"""Forms the twelfth session's blind documents wrote, each read as its author meant it
(synthetic documents, each with a twin that keeps the finding):
- a status page's Hugo shortcode (`{{< track "2019-09-29 21:00:00" >}}`) is the site's
  markup, not a template placeholder; `{{ summary }}` still is one;
- `23:29` in a table headed "Time (UTC)" carries that zone even where no day is written,
  and front matter that does not parse still gives its quoted `date: "2026-09-25"`;
- "Our hosting company has informed us of a failure" is a supplier's notice, no customer;
- "**IMMEDIATE**: Restore the node" is an item whose priority is "IMMEDIATE", so two items
  of one horizon are no duplicates;
- "Server restart occurred on Google Cloud Run" at midnight is the platform's event, nobody
  at work; "a post that is itself "Part 3" of a series links "Part 2" as its chapter, not an
  earlier incident;
- "Detection" on its own line over a paragraph is a heading, and so is
  "What should prevent it next time";
- "Spectrum's router interface did not ..." names a company ("Spectrum Internet Service"),
  not a person; "with no failover event anywhere near it" names no single point of
  failure; "persisted before the database is destroyed" loses no data;
- "two e2e tests fail", "I got an email shortly after from Sendgrid advising ..." and
  "realizing your site is offline" say how the problem was noticed;
- a log table's "Cause" and "Duration" columns name each row's cause and length;
- a status page's short notice asks for detection and a plan at `info` only, and its
  front matter's `affected:` list says what was hit.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear

def _missing(run_cli, path, section: str) -> list[dict]:
    """PM011's findings that `section` (`root_causes`, `timeline`) is missing."""
    return [item for item in rule_findings(run_cli, path, "PM011") if f"`{section}`" in item["message"]]


NOTICE = """---
title: Major DNS outage
date: 2019-09-29 18:00:00
resolved: {resolved}
section: issue
affected:
  - builds.sr.ht
  - git.sr.ht
---

**Working on the issue**
We have reached support and they've rolled back the changes.
{{{{< track "2019-09-29 21:00:00" >}}}}

**Major DNS outage**:
While deploying IPv6 support, we asked our registrar to add IPv6 glue records, and the
registrar also removed the IPv4 glue records. {summary}
{{{{< track "2019-09-29 10:00:00" >}}}}
"""


def test_a_hugo_shortcode_is_no_placeholder(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NOTICE.format(resolved="true", summary=""))
    assert rule_findings(run_cli, path, "PM010") == []


def test_a_prompt_in_braces_still_is(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NOTICE.format(resolved="true", summary="{{ summary }}"))
    assert len(rule_findings(run_cli, path, "PM010")) == 1


def test_a_short_status_notice_asks_for_detection_and_a_plan_at_info(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NOTICE.format(resolved="true", summary=""))
    found = rule_findings(run_cli, path, "PM313", "PM401")
    assert sorted(item["rule"] for item in found) == ["PM313", "PM401"], found
    assert {item["severity"] for item in found} == {"info"}, found
    impact = rule_findings(run_cli, path, "PM601")
    assert all("the 2 items listed as affected" in item["message"] for item in impact), impact


def test_a_notice_without_status_page_front_matter_keeps_the_warnings(tmp_path, run_cli):
    body = NOTICE.format(resolved="true", summary="").replace("resolved: true\nsection: issue\n", "")
    body = body.replace("affected:\n  - builds.sr.ht\n  - git.sr.ht\n", "")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", body), "PM313", "PM401")
    assert {item["severity"] for item in found} == {"warning"}, found


def test_a_long_page_under_status_front_matter_keeps_the_warnings(tmp_path, run_cli):
    long = " ".join(["The registrar's change cascaded through every resolver we depend on."] * 20)
    found = rule_findings(run_cli, write(tmp_path / "pm.md", NOTICE.format(resolved="true", summary=long)),
                          "PM313", "PM401")
    assert {item["severity"] for item in found} == {"warning"}, found


ZONED = """---
title: "[EKS] Worker pod crashing"
date: "2026-09-25"
services:

* "Product Data Worker"
---

## Timeline

| Time (UTC) | Event |
| --- | --- |
| ~23:29 (previous night) | Pod was restarted. |
| 10:00 | Jobs failed. |
"""


def test_a_zoned_column_holds_for_times_of_day_and_a_quoted_date_is_salvaged(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", ZONED)
    assert rule_findings(run_cli, path, "PM501") == []
    code, out, _ = run_cli("convert", str(path))
    assert "date: '2026-09-25'" in out and "+00:00" in out, out


def test_times_of_day_with_no_zone_and_no_day_are_still_reported(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", ZONED.replace("Time (UTC)", "Time").replace('date: "2026-09-25"\n', ""))
    assert rule_findings(run_cli, path, "PM501"), "an undated, unzoned timeline is still a finding"


def test_times_of_day_take_the_column_zone_when_no_day_is_known(tmp_path, run_cli):
    text = "# X\n\nOn 09/25/2026 it failed.\n\n## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n" \
           "| 23:29 | Pod restarted. |\n| 10:00 | Jobs failed. |\n"
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM501") == []
    _, out, _ = run_cli("convert", str(path))
    assert "at: 23:29 UTC" in out, out


SUPPLIER = """# Bot outage

## Timeline

- 2020-05-30 14:23 UTC: {who} of a failure in the host containers.
- 2020-05-30 18:52 UTC: The bots are back.

## Action items

- Move the bots to a second host.
"""


def test_a_supplier_telling_of_its_own_failure_is_no_customer(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SUPPLIER.format(who="Our hosting company has informed us"))
    assert not [item for item in rule_findings(run_cli, path, "PM402") if "customer" in item["message"]]


def test_a_customer_telling_us_still_is(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SUPPLIER.format(who="A customer has informed us"))
    assert [item for item in rule_findings(run_cli, path, "PM402") if "customer" in item["message"]]


HORIZONS = """# Node offline

## Root cause

A failed power supply took the node down.

## Next steps

1. **IMMEDIATE**: Restore the node
2. **IMMEDIATE**: Configure fencing
3. **SHORT-TERM**: {third}
"""


def test_items_of_one_horizon_are_no_duplicates(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", HORIZONS.format(third="Add a second switch"))
    assert rule_findings(run_cli, path, "PM311") == []
    _, out, _ = run_cli("convert", str(path))
    assert "title: Restore the node" in out and "title: Configure fencing" in out, out


def test_the_same_item_twice_still_is(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", HORIZONS.format(third="Configure fencing"))
    assert len(rule_findings(run_cli, path, "PM311")) == 1


def test_a_p_level_lead_in_is_the_item_priority(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", "# X\n\n## Action items\n\n- **P1**: Add a disk alert\n- **P2**: Add a runbook\n")
    _, out, _ = run_cli("convert", str(path))
    assert "title: Add a disk alert" in out and "priority: P1" in out, out


NIGHT = """# API outage on 2025-04-27

## Timeline

_All times in Pacific Time (PT)_

- **12:00am**: {first}
- **2:00am**: Discord community began reporting issues with service uptime
- **7:30am**: Abhi noticed the reports and began investigating
"""


def test_a_platform_event_at_night_is_nobody_at_work(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NIGHT.format(first="Server restart occurred on Google Cloud Run"))
    assert rule_findings(run_cli, path, "PM203") == []


def test_a_responder_restarting_at_night_still_counts(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", NIGHT.format(first="We restarted the server on Google Cloud Run"))
    assert len(rule_findings(run_cli, path, "PM203")) == 1


SERIES = """# Site down{part}: Response

[Part 2: DNS Background and Root Cause](../part2.md)

## Response

We asked the customer to change the NS record back, and Pingdom alerts confirmed recovery.
"""


def test_a_chapter_of_a_series_is_no_repeat(tmp_path, run_cli):
    assert rule_findings(run_cli, write(tmp_path / "pm.md", SERIES.format(part=" (Part 3)")), "PM802") == []


def test_an_outage_part_2_still_is_a_repeat(tmp_path, run_cli):
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", SERIES.format(part="")), "PM802")) == 1


PLAIN_HEADINGS = """### Incident Report: Nextcloud unreachable after an ISP change

## Summary

External access to cloud.example.org became unavailable after the move to Spectrum Internet.

Environment

- Spectrum Internet Service
- Caddy reverse proxy

{label}

Users attempting to access cloud.example.org received connection failures.

## Root Cause

The migration from WOW to Spectrum introduced changes to the network topology.

The VM temporarily lost proper network configuration and Spectrum's router interface did not reliably expose
the VM as a selectable device for direct port forwarding.
"""


def test_a_plain_section_name_over_a_paragraph_is_a_heading(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PLAIN_HEADINGS.format(label="Detection"))
    assert rule_findings(run_cli, path, "PM401") == []


def test_a_sentence_over_a_paragraph_is_not(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PLAIN_HEADINGS.format(label="Then we looked further"))
    assert len(rule_findings(run_cli, path, "PM401")) == 1


def test_a_company_named_in_the_cause_is_no_person(tmp_path, run_cli):
    assert rule_findings(run_cli, write(tmp_path / "pm.md", PLAIN_HEADINGS.format(label="Detection")), "PM702") == []


def test_a_person_named_in_the_cause_still_is(tmp_path, run_cli):
    text = PLAIN_HEADINGS.format(label="Detection").replace(
        "Spectrum's router interface did not reliably expose", "Bob accidentally deleted the rule that exposed")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM702")) == 1


PREVENT = """# Power flicker outage

The public site returned 502 after two power flickers. A monitor paged me at 09:10.

## What happened

The VM did not restart after the power came back, because its startup job gave up after one try.

## {heading}

- The startup job now retries failed launches every 30 seconds.
- Buy a small UPS for the Mac mini.
"""


def test_what_should_prevent_it_next_time_heads_the_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PREVENT.format(heading="What should prevent it next time"))
    assert rule_findings(run_cli, path, "PM313") == []


def test_a_heading_of_thoughts_does_not(tmp_path, run_cli):
    text = PREVENT.format(heading="Some thoughts").replace("- Buy a small UPS for the Mac mini.\n", "") \
        .replace("- The startup job now retries failed launches every 30 seconds.", "It was a long day.")
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")) == 1


SPOF = """# Database instability

## Root cause

The first episode matched the failover timing. A second episode started weeks later{tail}.

## Action items

- Add a deadlock alert on the primary (owner: dba, due 2026-01-01).
"""


def test_no_failover_event_names_no_single_point_of_failure(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SPOF.format(tail=", with no failover event anywhere near it"))
    assert rule_findings(run_cli, path, "PM316") == []


def test_no_failover_capability_still_does(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SPOF.format(tail=". There was no failover for the database"))
    assert len(rule_findings(run_cli, path, "PM316")) == 1


LOSS = """# Leak checker failures

Two e2e tests fail: the leak checker expects 4 used pages and gets 95.

## Options

- Run an explicit checkpoint so the in-memory state is persisted {when}.
- Take a backup of the test fixtures nightly.

## Action items

- Run the checkpoint in the test runner (owner: ana, due 2026-03-01).
"""


def test_a_step_timed_before_a_deletion_loses_no_data(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LOSS.format(when="before the database is destroyed"))
    assert rule_findings(run_cli, path, "PM315") == []


def test_a_database_that_was_destroyed_is_data_lost(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LOSS.format(when="; the database was destroyed"))
    assert len(rule_findings(run_cli, path, "PM315")) == 1


@pytest.mark.parametrize("said", [
    "Two e2e tests fail after the rollback",
    "I got an email shortly after from Sendgrid advising that we were near the limit",
    "Nothing makes things feel like amateur hour like realizing your site is offline",
])
def test_how_it_was_noticed_is_read(tmp_path, run_cli, said):
    text = f"# Outage\n\n{said}.\n\n## Root cause\n\nThe plan ran out.\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401") == []


def test_a_story_that_never_says_how_it_was_noticed_still_is_asked(tmp_path, run_cli):
    text = "# Outage\n\nThe site was offline for a day.\n\n## Root cause\n\nThe plan ran out.\n"
    assert len(rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM401")) == 1


LOG = """## Interruptions

|ID|Date|{duration}|{cause}|Info|
|-|-|-|-|-|
|1|2025-12-08 22:15|5min|Blackout of 2x PoE switches|PoE power supply went blank|
"""


def test_a_log_table_names_its_cause_and_duration(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LOG.format(cause="Cause", duration="Duration"))
    assert not _missing(run_cli, path, "root_causes")
    impact = rule_findings(run_cli, path, "PM601")
    assert impact and all("how long" not in item["message"] for item in impact), impact


def test_columns_of_other_names_name_no_cause_and_no_duration(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LOG.format(cause="Note", duration="Uptime"))
    assert _missing(run_cli, path, "root_causes")
    assert [item for item in rule_findings(run_cli, path, "PM601") if "how long" in item["message"]]


@pytest.mark.parametrize("unit", ["|a|b|c|\n|-|-|-|\n" + "|x|y|z|\n" * 3, "Cause: x | " * 5 + "\n",
                                  "I got an email " * 5 + "\n", "e2e tests " * 5 + "\n"])
def test_the_new_readings_scale_linearly(unit):
    from pmlint.load import load_text

    assert_ten_times_linear(lambda copies: load_text("pm.md", "# Outage\n\n" + unit * copies).meta.evidence, 200,
                            unit)


PORT = """# Nextcloud unreachable

{opening}

## Root cause

The VM lost its network configuration after the ISP change.

## Investigation

1. Verified port 443 listener.
"""


def test_a_port_number_is_no_count_and_a_host_that_became_unavailable_is_the_whole_site(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PORT.format(opening="After the ISP change, cloud.example.org became unavailable."))
    found = rule_findings(run_cli, path, "PM601")
    assert found and all("443" not in item["message"] and "how long" in item["message"] for item in found), found
    assert all("whole site was down" in item["message"] for item in found), found


def test_a_count_of_users_still_answers_who(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PORT.format(opening="After the ISP change, 40 users were unable to sync."))
    found = rule_findings(run_cli, path, "PM601")
    assert all("40 users" in item["message"] for item in found), found


CAUSE_NOUN = """# Bots down

Both bots have received major down time {link} the host dropping container availability.

## Timeline

- 2020-05-30 14:23 UTC: The host is working on the problem.
- 2020-05-30 18:52 UTC: The bots are back.
"""


def test_downtime_due_to_states_a_cause(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CAUSE_NOUN.format(link="due to"))
    assert not _missing(run_cli, path, "root_causes")


def test_downtime_beside_the_host_states_none(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", CAUSE_NOUN.format(link="while the host was busy with"))
    assert _missing(run_cli, path, "root_causes")


RECOMMEND = """# FSM leak after rollback

Two e2e tests fail: the leak checker expects 4 used pages and gets 95.

## Options and analysis

Option A audits the allocation paths; option B checks the checkpoint order.

## {heading}

- **Primary:** Audit all page allocation paths used during COPY and fix any that skip rollback tracking.
- **Next:** Add a test that asserts the free count after rollback.
"""


def test_a_plan_named_after_another_word_heads_the_plan(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RECOMMEND.format(heading="Consensus and recommendation"))
    assert rule_findings(run_cli, path, "PM313") == []


def test_a_heading_that_names_no_plan_does_not(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RECOMMEND.format(heading="Consensus and discussion"))
    assert len(rule_findings(run_cli, path, "PM313")) == 1


def test_a_fix_told_under_fix_and_follow_up_is_no_plan(tmp_path, run_cli):
    """"Short-Term Fix and Follow-Up" over prose that tells the fix made: no open item to own."""
    text = RECOMMEND.format(heading="Short-Term Fix and Follow-Up").split("- **Primary")[0] + \
        "After the record was reverted, I admit I did not apply the changes the customer wanted at once.\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM314") == []



def test_a_step_taken_because_of_reports_states_no_cause(tmp_path, run_cli):
    """"19:30 - re-opening outage because of reports of ..." gives why a step was taken."""
    text = ("# Status incident\n\n## 2018-11-08 19:30:00 -0500\n\n"
            "- 19:30 - re-opening outage because of reports of folks getting a grey screen\n"
            "- 19:38 - the console was hidden\n- 20:10 - fixed in the CDN\n")
    assert _missing(run_cli, write(tmp_path / "pm.md", text), "root_causes")


#: An attacker's review of this session's readings: ordinary sentences each new reading must
#: not swallow (a customer's email, "Mike ran the migration" beside "Mike's service account",
#: "no failover even though", photos deleted before anyone noticed, a sequel titled "part 2",
#: "Cause: Not yet known", a `{{<owner>}}` prompt, "What we should avoid next time" over
#: lessons, an "Impact" label inside a root cause ...): each keeps what adec08f reported.
ATTACK_CASES = [
    ('det1', '# Checkout outage on 2025-06-03\n\n## Summary\n\nCheckout failed for 40 minutes for all EU customers after a config push.\n\n## Detection\n\nAt 10:20 we started getting angry emails from customers saying checkout was broken.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Config pushed\n- 2025-06-03 10:20: First customer email\n- 2025-06-03 10:40: Config reverted, checkout recovered\n\n## Root cause\n\nA config push disabled the payment connection pool.\n\n## Action items\n\n- Add config validation to the deploy pipeline (owner: Dana, due 2025-06-20)\n',
     ['PM402']),
    ('blame1', "# Orders table dropped on 2025-06-03\n\n## Summary\n\nThe orders table was dropped in production and orders failed for 40 minutes for all customers.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Error alert fired in PagerDuty\n- 2025-06-03 10:40: Table restored from the replica, orders recovered\n\n## Root cause\n\nMike ran the cleanup migration against production instead of staging. The migration used Mike's service account, which has write access to every database.\n\n## Action items\n\n- Split production credentials from staging ones (owner: Dana, due 2025-06-20)\n",
     ['PM315', 'PM702']),
    ('spof1', '# Orders database outage on 2025-06-03\n\n## Summary\n\nThe orders database host lost its disk and all orders failed for 90 minutes for every customer.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Orders error alert fired in PagerDuty\n- 2025-06-03 11:30: Database restored from the nightly backup on a new host, orders recovered\n\n## Root cause\n\nThe orders database runs on one host with no failover even though it is our most critical store; when its disk failed nothing could take over.\n\n## Action items\n\n- Replace the failed disk monitoring check with SMART alerts (owner: Dana, due 2025-06-20)\n',
     ['PM316']),
    ('loss1', "# Photo uploads lost on 2025-06-03\n\n## Summary\n\nA cleanup job with a wrong path filter deleted user photos. Nobody noticed that the nightly backups had been failing for three weeks before the user photos were deleted, so 21 days of uploads could not be restored.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 02:00: Cleanup job started\n- 2025-06-03 08:00: Support tickets about missing photos, engineers investigated\n- 2025-06-03 09:30: Cleanup job disabled\n\n## Root cause\n\nThe cleanup job's path filter matched the whole bucket instead of the temp folder.\n\n## Action items\n\n- Fix the cleanup job's path filter and add a dry-run mode (owner: Dana, due 2025-06-20)\n",
     ['PM315', 'PM401', 'PM403', 'PM601']),
    ('part1', '---\ntitle: "Redis eviction storm, part 2"\ndate: 2025-05-02\n---\n\n# Redis eviction storm, part 2\n\n## Summary\n\nPart 2 of the Redis eviction storm: the session cache evicted hot keys under load and logins failed for 25 minutes for about 3,000 users.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-05-02 14:00: Login error alert fired in PagerDuty\n- 2025-05-02 14:25: Cache memory raised, logins recovered\n\n## Root cause\n\nThe session cache shares one Redis instance with the job queue; queue growth evicts sessions.\n\n## Action items\n\n- Raise the maxmemory limit on the shared Redis (owner: Dana, due 2025-05-09)\n',
     ['PM309', 'PM802']),
    ('part2', '---\ntitle: "Checkout outage in department 3 stores"\ndate: 2025-05-02\n---\n\n# Checkout outage in department 3 stores\n\n## Summary\n\nThis is part two of the checkout outage we had in April: the till sync failed in the same way and checkout was down for 25 minutes for about 3,000 customers.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-05-02 14:00: Checkout error alert fired in PagerDuty\n- 2025-05-02 14:25: Till sync restarted, checkout recovered\n\n## Root cause\n\nThe till sync holds a single lock on the central database; a long report query blocked it.\n\n## Action items\n\n- Restart the till sync automatically when it stalls (owner: Dana, due 2025-05-09)\n',
     ['PM309', 'PM802']),
    ('plan1', '# Checkout outage on 2025-06-03\n\n## Summary\n\nCheckout failed for 40 minutes for all EU customers.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Error alert fired in PagerDuty\n- 2025-06-03 10:40: Config reverted, checkout recovered\n\n## Analysis and recommendations\n\nThe config push disabled the payment connection pool because the deploy pipeline never validates configs. We reviewed the last ten config pushes and found two more that would have failed the same way.\n\n## Action items\n\n- Add config validation to the deploy pipeline (owner: Dana, due 2025-06-20)\n',
     ['PM011']),
    ('cause2', '# Checkout outage on 2025-06-03\n\n## Summary\n\nCheckout failed for 40 minutes for all EU customers.\n\nCustomers saw intermittent failures due to an issue we have not yet identified.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Error alert fired in PagerDuty\n- 2025-06-03 10:40: Traffic moved to the backup payment provider, checkout recovered\n\n## Action items\n\n- Add a synthetic checkout probe against the backup provider (owner: Dana, due 2025-06-20)\n',
     ['PM011']),
    ('cause3', '# Storage incidents log 2025\n\n## Incidents\n\n| Date | Duration | Cause | Fix |\n|---|---|---|---|\n| 2025-06-03 | 40min | Not yet known | Rebooted NAS |\n| 2025-06-10 | 15min | Still investigating | Rebooted NAS |\n\n## Action items\n\n- Add SMART monitoring to the NAS (owner: Dana, due 2025-06-20)\n',
     ['PM011', 'PM401', 'PM601']),
    ('ph1', '# Checkout outage on 2025-06-03\n\n## Summary\n\nCheckout failed for 40 minutes for all EU customers after a config push to {{ <service> }}.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Error alert fired in PagerDuty\n- 2025-06-03 10:40: Config reverted, checkout recovered\n\n## Root cause\n\nA config push disabled the payment connection pool.\n\n## Action items\n\n- Add config validation to the deploy pipeline (owner: {{<owner>}}, due {{%DUE_DATE%}})\n',
     ['PM010']),
    ('prev1', '# Checkout outage on 2025-06-03\n\n## Summary\n\nCheckout failed for 40 minutes for all EU customers after a config push.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Error alert fired in PagerDuty\n- 2025-06-03 10:40: Config reverted, checkout recovered\n\n## Root cause\n\nA config push disabled the payment connection pool; the deploy pipeline never validates configs.\n\n## Lessons: what to avoid next time\n\n- Pushing config changes late on a Friday\n- Skipping the staging soak because the change looked small\n',
     ['PM313']),
    ('label3', '# Checkout outage on 2025-06-03\n\n## Summary\n\nCheckout failed for 40 minutes for all EU customers after a config push.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Error alert fired in PagerDuty\n- 2025-06-03 10:40: Config reverted, checkout recovered\n\n## Root cause\n\nBackground\n\nThe payment service keeps a pool of 20 connections to the card processor, sized by a config value.\n\nImpact\n\nBob pushed a config that set the pool size to 0 without review, so every payment request failed immediately.\n\n## Action items\n\n- Add config validation to the deploy pipeline (owner: Dana, due 2025-06-20)\n',
     ['PM702']),
]


@pytest.mark.parametrize("name,text,rules", ATTACK_CASES, ids=[case[0] for case in ATTACK_CASES])
def test_an_ordinary_sentence_keeps_its_finding(tmp_path, run_cli, name, text, rules):
    found = {item["rule"] for item in rule_findings(run_cli, write(tmp_path / f"{name}.md", text), *rules)}
    assert found == set(rules), (name, found)


def test_an_order_state_in_capitals_is_no_placeholder(tmp_path, run_cli):
    text = '# Order confirmation outage on 2025-06-03\n\n## Summary\n\nThe confirmation worker stalled and 1,200 orders stayed in the TO BE CONFIRMED state for 40 minutes; customers saw "TO BE CONFIRMED" on their receipts.\n\n## Timeline\n\nAll times UTC.\n\n- 2025-06-03 10:00: Queue depth alert fired in PagerDuty\n- 2025-06-03 10:40: Worker restarted, orders confirmed\n\n## Root cause\n\nThe confirmation worker deadlocked on a database lock held by the nightly report.\n\n## Action items\n\n- Move the nightly report to the read replica (owner: Dana, due 2025-06-20)\n'
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM010") == []


def test_a_long_line_of_spaces_over_a_paragraph_stays_linear():
    from pmlint.load import load_text

    assert_ten_times_linear(lambda text: load_text("pm.md", text), 200, "label line",
                            setup=lambda copies: "# T\n\n## Summary\n\nx\n\nA" + " " * copies + "b\n\nNext paragraph.\n")
