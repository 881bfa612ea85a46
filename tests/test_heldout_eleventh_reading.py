"""Forms the eleventh session's documents wrote, each read as its author meant it
(synthetic documents, each with a twin that keeps the finding):
- a bare `[Name]` or `_[Date]_` is literal text, as CommonMark has it without a link
  definition: a template's placeholder, which PM010 reports once for the document;
  `[text][label]` is still a link, and a link's `[text](url)` in an action item keeps
  its text, not its brackets;
- a timeline of spans of the day (`**03:00-04:48** - Backup completes`) in a document
  that gives its date and a zoned clock ("11:27am HKT") is readable;
- a header's "**Incident Start:** 2024-11-14 16:59 UTC" and "**Incident End:** ..." say
  how long the impact lasted;
- "[Tues 5/19/2020] ..." stamps a timeline entry (a weekday before a numeric date);
- "As a next step, @olistic is going to produce two documents" is a plan;
- "This did not have any impact on customers" states that there was none;
- "Over 1 billion weekly downloads affected" says who was hit, and "Security Measures
  Implemented" heads a plan ("NPM account of 'qix' ... was hijacked" is how it began
  upstream, not this project's cause);
- "The issue was fixed in PR #1616" is a fix shipped: the plan beside it is asked for
  under `strict` only;
- "Long term fix ? **KILL WORDPRESS**" and "I'm now looking to move my domains to another
  registrar" are plans ("Long-term fix: TBD" is none);
- a heading that asks how the failure came about ("2. How did NewsBlur's MongoDB server get
  hacked?") heads the cause;
- "I was contacted by the i2p project" names no customer who detected anything;
- a bold lead-in alone on its line ("**Improve Communication**") over the change it names
  ("Introduce a formalised process ...") is a concrete item;
- "The team identified a pain point: there isn't adequate time ..." states a cause;
- "**Affected Services**: blog, failover webserver, hidden services web site, tor exit."
  names what was hit, and "A routine update bricked my server" is one person's service down
  as a whole (no count of users asked).
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear

PLAN = """# Checkout outage

## Summary

On 2025-06-21 from 14:00 to 15:10 UTC checkout failed for all customers because a bad config was deployed.

## Root cause

A config push set the pool size to zero, so every request to the database failed.

## Detection

Our monitoring alerted the on-call engineer at 14:03.

## Action items

| Action | Owner | Due | Status |
|---|---|---|---|
| Validate pool size in the config linter | {owner} | {due} | Open |
| Add a canary stage for config pushes | {owner} | {due} | Open |
"""


@pytest.mark.parametrize("owner, due", [("_[Name]_", "_[Date]_"), ("[Owner]", "[Date]")])
def test_bracketed_placeholders_in_table_cells_are_left_in(tmp_path, run_cli, owner, due):
    path = write(tmp_path / "pm.md", PLAN.format(owner=owner, due=due))
    found = rule_findings(run_cli, path, "PM010", "PM303")
    assert [(item["rule"], item["severity"], item["line"]) for item in found] == [("PM010", "error", 19)], found
    assert found[0]["message"] == f'4 template placeholders left in, first: "{owner.strip("_")}"'


def test_filled_cells_leave_nothing_in(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", PLAN.format(owner="@sam", due="2025-07-01"))
    assert rule_findings(run_cli, path, "PM010", "PM303") == []


def test_a_placeholder_in_prose_is_left_in(tmp_path, run_cli):
    text = PLAN.format(owner="@sam", due="2025-07-01").replace("deployed.", "deployed. Written by [Name].")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM010")
    assert [(item["line"], item["message"]) for item in found] == [(5, 'Template placeholder "[Name]" left in')]


def test_links_and_citations_are_no_placeholders(tmp_path, run_cli):
    text = PLAN.format(owner="@sam", due="2025-07-01") + (
        "| Write the [runbook][rb] for config pushes ([link](https://example.org/issues/19)) [1] | @sam "
        "| 2025-07-01 | Open |\n\n[rb]: https://example.org/runbook\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM010") == []
    code, out, _ = run_cli("convert", str(path))
    assert code == 0 and "title: Write the runbook for config pushes (link) [1]" in out, out


@pytest.mark.parametrize("unit", ["[(", "[x][", "[a](", "![", "[link](u) [Name] "])
def test_reading_links_is_linear(unit):
    from pmlint.load.markdown.common import plain, unlinked

    assert_ten_times_linear(lambda text: plain.__wrapped__(unlinked(text)), 20000, unit, setup=lambda copies: unit * copies)


SPANS = """# Pi-hole crash

**Date**: December 3-4, 2025

## Summary

DNS for the whole house failed from 04:48 until the final fix at 11:27am {zone}: a crash loop after the nightly backup.

## Timeline summary

**03:00** - Automated backup starts, stops services
**03:00-04:48** - Backup completes
**04:48-08:00** - Services restart, Pi-hole enters a crash loop
**08:00-08:30** - Email alerts start
**11:27+** - System stable

## Root cause

The FTL database had grown to 1.4 GB, so the container ran out of memory on start.
"""


def test_spans_of_the_day_in_a_dated_document_with_a_zoned_clock_are_readable(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SPANS.format(zone="HKT"))
    assert rule_findings(run_cli, path, "PM501") == []


def test_spans_of_the_day_with_no_zone_anywhere_are_not(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", SPANS.format(zone="local time"))
    found = rule_findings(run_cli, path, "PM501")
    assert [item["message"][:40] for item in found] == ["5 timeline times could not be read as a "], found


@pytest.mark.parametrize("pattern, unit", [("_CLOCK_ONLY", "1:11-"), ("_CLOCK_ONLY", "1:11 p"),
                                           ("_ZONED_CLOCK", "1:11 am "), ("_ZONED_CLOCK", "11:11 HK")])
def test_reading_times_of_day_is_linear(pattern, unit):
    from pmlint.engine.checks import timeline

    regex = getattr(timeline, pattern)
    assert_ten_times_linear(lambda text: regex.search(text), 20000, unit, setup=lambda copies: unit * copies + "!")


BOUNDS = """# Dropped tables

- **Incident Start:** 2024-11-14 16:59 UTC
{end}- **Report Prepared By:** Steven Nguyen

## Summary

We received reports about storage not working after a deployment, then about data missing in projects.

## Root cause

An upgrade of the database library introduced a bug that dropped the tables.
"""


def test_a_labelled_start_and_end_say_how_long(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", BOUNDS.format(end="- **Incident End:** 2024-11-15 01:40 UTC\n"))
    found = rule_findings(run_cli, path, "PM601")
    assert len(found) == 1 and "how long" not in found[0]["message"].split(";")[0], found
    assert 'inferred 8 h 41 min of impact from the labelled start "2024-11-14 16:59 UTC"' in found[0]["message"]


def test_a_labelled_start_alone_does_not(tmp_path, run_cli):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", BOUNDS.format(end="")), "PM601")
    assert len(found) == 1 and "how long (`duration_minutes`)" in found[0]["message"], found


@pytest.mark.parametrize("unit", ["- **Incident ", "| incident start | ", "incident start: 2024-11-14 1",
                                  "incident ended:" + " " * 9])
def test_reading_labelled_bounds_is_linear(unit):
    from pmlint.infer.window import header_window
    from pmlint.load import load_text

    assert_ten_times_linear(header_window, 1000, unit,
                            setup=lambda copies: load_text("pm.md", "# Outage\n\n" + (unit * copies + "\n") * 80))


RETRO = """# RBF rollback post mortem

The team made a last minute no-go decision on a feature release. {impact}

## Event Timeline

* [Tues 5/19/2020] @olistic opens a thread to discuss release coordination.
* [Weds 5/20/2020] @gordonel recommends postponing based on QA feedback.
* [Thurs 5/21/2020] The Desktop app is formally released.

## Root cause

QA had too little lead time between code freeze and launch to test the new code paths.

## Learnings / Next Steps

{plan}
"""


def test_a_weekday_before_a_numeric_date_stamps_a_timeline_entry(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", RETRO.format(impact="", plan="As a next step, @olistic is going to write it up."))
    assert rule_findings(run_cli, path, "PM011") == []
    code, out, _ = run_cli("convert", str(path))
    assert code == 0 and "at: '2020-05-20'" in out, out


def test_a_weekday_before_no_date_stamps_nothing(tmp_path, run_cli):
    text = RETRO.format(impact="", plan="").replace("/2020]", "]").replace("[Tues 5/19", "[Tues").replace(
        "[Weds 5/20", "[Weds").replace("[Thurs 5/21", "[Thurs")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011")
    assert any("`timeline`" in item["message"] for item in found), found


@pytest.mark.parametrize("plan", ["As a next step, the team will write the release process down.",
                                  "@olistic is going to produce two documents: the release process and a proposal.",
                                  "@sam will add a QA sign-off to the release checklist."])
def test_a_next_step_handed_to_someone_is_a_plan(tmp_path, run_cli, plan):
    path = write(tmp_path / "pm.md", RETRO.format(impact="", plan=plan))
    assert rule_findings(run_cli, path, "PM313") == []


@pytest.mark.parametrize("plan", ["The next step was the release itself.", "@olistic is going to be on holiday.",
                                  "As a next step, the on-call engineer restarted the pod.",
                                  "@dependabot will merge this PR once CI passes.", "@sam will look into it."])
def test_words_about_steps_or_people_alone_are_no_plan(tmp_path, run_cli, plan):
    path = write(tmp_path / "pm.md", RETRO.format(impact="", plan=plan))
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM313")] == ["PM313"]


@pytest.mark.parametrize("impact", ["This did not have any impact on customers.", "It didn't cause any user impact."])
def test_an_impact_denied_in_the_negative_is_none(tmp_path, run_cli, impact):
    path = write(tmp_path / "pm.md", RETRO.format(impact=impact, plan="@sam will add a QA sign-off."))
    assert rule_findings(run_cli, path, "PM601") == []


@pytest.mark.parametrize("said", ["The rollback did not have any impact.",
                                  "We restarted the checkout pods, but it did not have any impact."])
def test_a_change_that_did_not_help_denies_no_impact(tmp_path, run_cli, said):
    text = RETRO.format(impact=said, plan="@sam will add a QA sign-off.")
    assert [item["rule"] for item in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")] == ["PM601"]


@pytest.mark.parametrize("kind, unit", [("actions", "as a next "), ("actions", "@a is going "), ("actions", "@"),
                                        ("no_impact", "this did not have any "), ("no_impact", "didn't "),
                                        ("root_causes", "identified a gap: "), ("root_causes", "found the issues ")])
def test_the_eleventh_readings_scale_linearly(kind, unit):
    from pmlint.load import load_text

    assert_ten_times_linear(lambda document: document.meta.evidence.get(kind), 1000, unit,
                            setup=lambda copies: load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies))


@pytest.mark.parametrize("unit", ["[Tues 5/19/", "Mon ", "[Wed 1", "Thu 2024-"])
def test_reading_a_weekday_before_a_date_is_linear(unit):
    from pmlint.load.markdown.times import parse_stamp

    assert_ten_times_linear(lambda text: parse_stamp(text), 20000, unit, setup=lambda copies: unit * copies)


REMEDIATION = """# Security remediation report: npm package hijack

**Date**: 2025-09-09

## Vulnerability summary

**Threat**: {threat}
**Impact**: Malicious versions containing crypto-clipper malware were published
**Scope**: {scope}

## {heading}

### 1. Package version pinning
Added npm `overrides` to `package.json` so that the compromised versions cannot be installed.
"""


def test_a_supply_chain_report_names_its_scope_and_measures(tmp_path, run_cli):
    text = REMEDIATION.format(threat="NPM account of 'qix' (maintainer of chalk) was hijacked on 2025-09-08",
                              scope="Over 1 billion weekly downloads affected", heading="🛡️ Security Measures Implemented")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011", "PM313", "PM601")
    messages = " ".join(item["message"] for item in found)
    assert "No action items" not in messages and "who or what" not in messages, found
    # the account taken over upstream is how it started, not why this project was exposed:
    # its cause is still asked for (held-out BA's judge)
    assert "`root_causes`" in messages, found


def test_a_report_without_them_is_asked_for_each(tmp_path, run_cli):
    text = REMEDIATION.format(threat="No accounts were hijacked.", scope="Unknown", heading="Notes")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011", "PM313", "PM601")
    messages = " ".join(item["message"] for item in found)
    assert "`root_causes`" in messages and "No action items" in messages and "Impact not quantified" in messages, found


@pytest.mark.parametrize("unit", ["account of ", "maintainer's account ", "1 billion ", "accounts were "])
def test_reading_accounts_and_billions_is_linear(unit):
    from pmlint.load import load_text

    assert_ten_times_linear(lambda document: (document.meta.evidence.get("root_causes"),
                                              document.meta.evidence.get("impact_who")), 1000, unit,
                            setup=lambda copies: load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies))


@pytest.mark.parametrize("said, asked", [("The issue was fixed in PR #1616 and backported to v0.21.x.", False),
                                         ("The issue will be fixed in PR #1616.", True)])
def test_a_fix_merged_as_a_pull_request_is_shipped(tmp_path, run_cli, said, asked):
    text = ("# Postmortem\n\n## Summary\n\nThe network halted at block 1131575.\n\n## Root cause\n\n"
            "The binary was missing a wasm extension, so nodes that joined by state sync lacked contracts.\n\n"
            f"## Resolution\n\n{said}\n")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM313")
    assert bool(found) == asked, found


RANT = """# Website outage

The website was offline for a few hours this morning because our registrar's data centre lost power and its network.

{plan}
"""


@pytest.mark.parametrize("plan", ["Temporary fix was to upgrade all. Long term fix ? **KILL WORDPRESS**.",
                                  "Permanent fix: move the queue to its own disk.",
                                  "So I\u2019m now looking to move my domains to another registrar."])
def test_a_lasting_fix_named_or_a_move_under_way_is_a_plan(tmp_path, run_cli, plan):
    path = write(tmp_path / "pm.md", RANT.format(plan=plan))
    assert rule_findings(run_cli, path, "PM313") == []


@pytest.mark.parametrize("plan", ["Long-term fix: TBD.", "I\u2019m looking to hire someone who knows DNS.",
                                  "Long-term fix: we don't have one yet.", "Permanent fix: still being discussed."])
def test_a_fix_left_open_or_a_wish_is_none(tmp_path, run_cli, plan):
    path = write(tmp_path / "pm.md", RANT.format(plan=plan))
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM313")] == ["PM313"]


@pytest.mark.parametrize("unit", ["long term fix ? ", "permanent fix: ", "i\u2019m now looking to ", "we are planning to "])
def test_reading_lasting_fixes_is_linear(unit):
    from pmlint.load import load_text

    assert_ten_times_linear(lambda document: document.meta.evidence.get("actions"), 1000, unit,
                            setup=lambda copies: load_text("pm.md", "# Outage\n\n## Notes\n\n" + unit * copies))


HACKED = """# How a firewall gap led to a deleted database

A vandal deleted the MongoDB database during a migration. All 5 database servers were down for 3 hours.

### 2. {heading}

Docker inserted an iptables rule that bypassed the firewall, so MongoDB was open to the world.

We will bind MongoDB to the private network only.
"""


@pytest.mark.parametrize("heading", ["How did NewsBlur's MongoDB server get hacked?", "How did the database get deleted?"])
def test_a_heading_asking_how_it_came_about_heads_the_cause(tmp_path, run_cli, heading):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", HACKED.format(heading=heading)), "PM011", preset="strict")
    assert not any("`root_causes`" in item["message"] for item in found), found


@pytest.mark.parametrize("heading", ["How did we respond?", "What we saw"])
def test_other_headings_do_not(tmp_path, run_cli, heading):
    text = HACKED.format(heading=heading).replace("Docker inserted an iptables rule that bypassed the firewall, so ",
                                                  "We saw that ")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011", preset="strict")
    assert any("`root_causes`" in item["message"] for item in found), found


DISCLOSURE = """# CVE-2023-36325: replayed messages de-anonymize hidden services

This issue was found by a researcher working on a custom build. {told} This is fixed in i2p 2.3.0.
All eepsites on 2.2.1 and older were exposed.
"""


def test_a_project_that_contacted_the_writer_is_no_customer(tmp_path, run_cli):
    text = DISCLOSURE.format(told="I was contacted by the i2p project about it.")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM402") == []


def test_a_customer_that_contacted_the_team_is(tmp_path, run_cli):
    text = DISCLOSURE.format(told="We were contacted by a customer about it.")
    assert [item["rule"] for item in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM402")] == ["PM402"]


LEAD_IN_PLAN = """# Schema change broke the frontend

## Root cause

A column was renamed in the database without telling the frontend team, so every query failed.

## Actions to Prevent Similar Incidents in the Future

1. **Improve Communication**  
   {body}
"""


def test_a_vague_lead_in_over_a_named_change_is_concrete(tmp_path, run_cli):
    body = "Introduce a formalised process for cross-team communication when making schema changes."
    path = write(tmp_path / "pm.md", LEAD_IN_PLAN.format(body=body))
    assert rule_findings(run_cli, path, "PM310") == []
    code, out, _ = run_cli("convert", str(path))
    assert code == 0 and "title: Improve Communication\n" in out, out


def test_a_vague_lead_in_over_more_of_the_same_is_vague(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", LEAD_IN_PLAN.format(body="Communication between the teams should be better."))
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM310")] == ["PM310"]


@pytest.mark.parametrize("said, stated", [
    ("The team identified a pain point: there isn't adequate time between code freeze and launch.", True),
    ("We found two issues: the cache expired early and the pool was too small.", True),
    ("The team identified a pain point.", False)])
def test_a_cause_announced_by_a_colon_is_stated(said, stated):
    from pmlint.load import load_text

    document = load_text("pm.md", f"# Release postponed\n\n## Learnings\n\n{said}\n")
    assert (document.meta.evidence.get("root_causes") is not None) == stated


DOWNTIME = """# Downtime on March 3rd, 2019

- **Time**: down at 15:21 UTC, up at 15:38 UTC: 17 minutes down
- **Affected Services**: {affected}
- **Reason/Cause**: a CPU-heavy program left nginx no resources, so the site timed out.
- **Remedial Actions**: I am going to limit the threads the program may use.
"""


def test_a_labelled_line_naming_what_was_hit_answers_who(tmp_path, run_cli):
    text = DOWNTIME.format(affected="blog, failover webserver, hidden services web site, tor exit.")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict") == []


@pytest.mark.parametrize("affected", ["unknown so far", "blog"])
def test_a_labelled_line_naming_nothing_or_one_thing_does_not(tmp_path, run_cli, affected):
    text = DOWNTIME.format(affected=affected)
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert [item["rule"] for item in found] == ["PM601"], found


BRICKED = """# The accident that fixed my homelab

A routine update {what} my baremetal Ubuntu server. I had backups. I didn't have tested restores, and I
didn't have my configuration as code. Five days of manual recovery followed: I rebuilt my services by hand.
I now keep my whole setup in a repository.
"""


def test_one_persons_bricked_server_needs_no_count_of_users(tmp_path, run_cli):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", BRICKED.format(what="bricked")), "PM601",
                          preset="strict")
    assert found == []


def test_one_persons_slow_server_still_asks_who(tmp_path, run_cli):
    found = rule_findings(run_cli, write(tmp_path / "pm.md", BRICKED.format(what="slowed down")), "PM601",
                          preset="strict")
    assert [item["rule"] for item in found] == ["PM601"], found


@pytest.mark.parametrize("unit", ["- **Affected services**: a, ", "affected users: ", "bricked ", "took my x "])
def test_reading_what_was_hit_on_a_line_is_linear(unit):
    from pmlint.engine.checks.impact import _AFFECTED_INLINE, _WHOLE_DOWN

    assert_ten_times_linear(lambda text: (_AFFECTED_INLINE.match(text), _WHOLE_DOWN.search(text)), 20000, unit,
                            setup=lambda copies: unit * copies)


# The attacker review's cases: each a reading the new forms must not widen to.

@pytest.mark.parametrize("header", [
    "```yaml\nincident start: 2024-11-14 02:00 UTC\nincident end: 2024-11-14 02:30 UTC\n```\n",
    "## Maintenance window\n\n- Start: 2024-11-14 02:00 UTC\n- End: 2024-11-14 02:30 UTC\n"])
def test_bounds_in_code_or_of_another_window_say_nothing_of_the_incident(tmp_path, run_cli, header):
    text = BOUNDS.format(end="").replace("- **Incident Start:** 2024-11-14 16:59 UTC\n", header)
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM601")
    assert len(found) == 1 and "how long (`duration_minutes`)" in found[0]["message"], found


@pytest.mark.parametrize("body", ["Update things as needed.", "Add more monitoring where it makes sense.",
                                  "Schedule a meeting to discuss it."])
def test_a_vague_lead_in_over_a_vague_change_stays_vague(tmp_path, run_cli, body):
    path = write(tmp_path / "pm.md", LEAD_IN_PLAN.format(body=body))
    assert [item["rule"] for item in rule_findings(run_cli, path, "PM310")] == ["PM310"]


def test_a_customers_team_that_contacted_us_is_a_customer(tmp_path, run_cli):
    text = DISCLOSURE.format(told="We were contacted by the support team of one of our largest customers.")
    assert [item["rule"] for item in rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM402")] == ["PM402"]


def test_a_defined_reference_link_is_no_placeholder(tmp_path, run_cli):
    text = (PLAN.format(owner="@sam", due="2025-07-01").replace("deployed.", "deployed. See the [link].")
            + "\n[link]: https://example.org/issues/1\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM010") == []


@pytest.mark.parametrize("word", ["GET /checkout 502", "ALERT checkout-5xx firing"])
def test_capitals_after_a_clock_are_no_zone(word):
    from pmlint.engine.checks.timeline import _ZONED_CLOCK

    assert _ZONED_CLOCK.search(f"10:00:01 {word}") is None
    assert _ZONED_CLOCK.search("until 11:27am HKT") is not None


def test_a_word_that_starts_like_a_weekday_is_no_weekday():
    from pmlint.load.markdown.times import parse_stamp

    assert parse_stamp("Monitoring 2020-05-19 11:00 showed the queue growing") is None
    assert parse_stamp("Monday 2020-05-18 11:00 the queue grew") is not None


def test_a_heading_asking_how_we_got_hacked_heads_the_cause(tmp_path, run_cli):
    text = HACKED.format(heading="How did we get hacked?")
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011", preset="strict")
    assert not any("`root_causes`" in item["message"] for item in found), found
