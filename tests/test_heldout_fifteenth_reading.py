"""Forms the fifteenth session's blind documents (set BK) wrote, each read as its author
meant it (synthetic documents, each with a twin that keeps the finding):
- "a world you could call home, if only for a little while" means "even just": no wish
  about the past (PM703 keeps "if only we had ...");
- a page of daily updates headed by their dates (`## Update 2021-07-15`, newest first) is
  the timeline, put oldest first, and so is a story told in sentences that open with
  their days ("On June 13, 2022, ...", "On June 14, ...", "On October 3, ...");
- "I saw that I only had 5,000 rows" (of 900,000) counts the data that was lost;
- "X from the GitLab Security Research Team disclosed a vulnerability to Sigstore" is how
  the flaw was found, through a disclosure channel, where "an attacker ... can acquire a
  token" is what the flaw would allow, not something exposed; an unexploited flaw has no
  outage to count (PM601 at `info`); "we disclosed the vulnerability to upstream" is the
  team telling others;
- "First AI assistant takes over, finds cluster in degraded state" and "Ran my morning
  health check" are how the problem was found;
- "Evaluate alternative storage solutions (OpenEBS, Rook/Ceph)" names its candidates
  (pedantic, as "..., including X" is), where "Consider restricting ... (taints/affinity)"
  still only considers;
- "CSI driver architecture not well understood" is a gap in knowledge among the
  contributing factors, not an unknown cause (PM106 keeps "the trigger is not yet
  understood");
- "Well, there's your problem:" and "Foxes ... damaged one of the Ethernet cables" state
  the cause.
"""

from __future__ import annotations

import pytest

from conftest import rule_findings, write

PLAN = """
## Root cause

The DNS failover used a stale configuration.

## Action items

- Move DNS failover to a tested configuration, owner @sam, due 2021-04-01
"""


def _messages(run_cli, path, rule, preset="recommended"):
    return [finding["message"] for finding in rule_findings(run_cli, path, rule, preset=preset)]


def _severities(run_cli, path, rule, preset="recommended"):
    return [finding["severity"] for finding in rule_findings(run_cli, path, rule, preset=preset)]


def _converted(run_cli, path):
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return out


@pytest.mark.parametrize("said, found", [
    ("glimpse a world you could call your home, if only for a little while, and it feels like we let you down.", 0),
    ("if only we had kept the old replica, the restore would have taken minutes.", 1),
])
def test_if_only_for_a_while_is_no_counterfactual(tmp_path, run_cli, said, found):
    text = f"# Launch day\n\nThe launch was flooded. We wanted players to {said}\n" + PLAN
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM703")) == found


DAILY = """# Restoring data from the storage cluster

After the incident that took down the storage cluster, we are restoring data. Daily updates follow.

## Update 2021-07-15

We have exported data from the first buckets.

## Update 2021-07-14

We have restored metadata for the first buckets.

## Update 2021-07-13

We restored a single file as a demonstration.
"""


def test_daily_update_headings_are_the_timeline_oldest_first(tmp_path, run_cli):
    path = write(tmp_path / "pm.md", DAILY + PLAN)
    assert not any("`timeline`" in message for message in _messages(run_cli, path, "PM011", preset="strict"))
    assert _messages(run_cli, path, "PM502") == []
    converted = _converted(run_cli, path)
    assert converted.index("'2021-07-13'") < converted.index("'2021-07-14'") < converted.index("'2021-07-15'")


def test_two_daily_update_headings_are_not_yet_a_log(tmp_path, run_cli):
    text = DAILY.split("## Update 2021-07-13")[0] + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM011")
    assert any("`timeline`" in message for message in messages)


@pytest.mark.parametrize("third, timeline_missing", [
    ("On October 3, 2022, Dex published the advisory and its fix.", False),
    ("Dex later published the advisory and its fix.", True),
])
def test_sentences_opening_with_their_days_tell_the_timeline(tmp_path, run_cli, third, timeline_missing):
    text = ("# Mitigating an upstream vulnerability\n\n## Summary\n\nWe patched an upstream flaw in our sign-in service.\n\n"
            "## Details\n\nOn June 13, 2022, a researcher told us about a flaw in the identity provider.\n\n"
            "We reproduced it and wrote a patch.\n\n## Fix\n\nOn June 14, we rolled out a fix to production. "
            f"{third}\n" + PLAN.split("## Action items")[0])
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM011")
    assert any("`timeline`" in message for message in messages) is timeline_missing


@pytest.mark.parametrize("said, quoted", [
    ("But when I came back a few hours later, I saw that I only had 5,000 rows.", True),
    ("But when I came back a few hours later, I saw that the rows looked odd.", False),
])
def test_the_rows_left_count_the_data_that_was_lost(tmp_path, run_cli, said, quoted):
    text = ("# Accidentally deleting prod data\n\nI ran a migration on the posts collected over the past week. "
            f"When I inspected the results there were about 900,000 rows.\n\n{said}\n" + PLAN)
    # (a one-person post: the half-quantified finding shows under `strict`)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len(messages) == 1
    assert ("only had 5,000 rows" in messages[0]) is quoted
    assert ("how long" in messages[0] and "who or what" not in messages[0]) is quoted


VULN = """# Mitigating an upstream vulnerability

## Summary

The identity provider our sign-in service uses had a flaw, which we patched the next day.

## Details

{found}

## Root cause

The approval endpoint accepted requests without a signature.
"""


@pytest.mark.parametrize("found, detected, pm601", [
    ("On June 13, 2022, Joern from the GitLab Security Research Team disclosed a vulnerability to Sigstore where "
     "an attacker executing a phishing campaign can acquire a user's identity token.", True, ["info"]),
    ("On June 13, 2022, we disclosed the vulnerability to the upstream maintainers after our own review.", False,
     ["warning"]),
])
def test_a_disclosed_vulnerability_is_how_it_was_found(tmp_path, run_cli, found, detected, pm601):
    path = write(tmp_path / "pm.md", VULN.format(found=found))
    assert (_messages(run_cli, path, "PM401") == []) is detected
    assert _messages(run_cli, path, "PM402") == []  # a disclosure channel is the detector a flaw wants
    assert _severities(run_cli, path, "PM601") == pm601


@pytest.mark.parametrize("entry, found", [
    ("- **21:00**: The night shift takes over, finds cluster in degraded state", True),
    ("- **21:00**: The night shift takes over and reads the runbook", False),
])
def test_a_cluster_found_in_a_degraded_state_is_the_detection(tmp_path, run_cli, entry, found):
    text = ("# Storage incident\n\n## Summary\n\nThe kubelet path change broke the storage driver for a day.\n\n"
            "## Timeline\n\n- **09:00**: The team changes the kubelet root directory\n"
            f"{entry}\n- **22:00**: Rolls back the kubelet path\n- **23:00**: Storage reinstalled\n" + PLAN)
    assert (_messages(run_cli, write(tmp_path / "pm.md", text), "PM401") == []) is found


@pytest.mark.parametrize("said, found", [
    ("Saturday morning. I opened my laptop and ran my morning health check:", True),
    ("Saturday morning. I opened my laptop to write some code:", False),
])
def test_a_routine_health_check_is_how_it_was_found(tmp_path, run_cli, said, found):
    text = (f"# Crash loop resurrection\n\n{said}\n\n```\nkubectl get pods -A\n```\n\n"
            "Every pod was in CrashLoopBackOff after a DHCP lease change.\n" + PLAN)
    assert (_messages(run_cli, write(tmp_path / "pm.md", text), "PM401") == []) is found


@pytest.mark.parametrize("factor, found", [
    ("**Complex Dependencies**: CSI driver architecture not well understood", 0),
    ("The trigger of the detach loop is not yet understood", 1),
])
def test_a_part_not_well_understood_is_no_unknown_cause(tmp_path, run_cli, factor, found):
    text = ("# Storage incident\n\nThe kubelet path change broke the storage driver.\n\n## Root cause\n\n"
            "1. The kubelet root directory was changed without a migration.\n\n### Contributing factors\n\n"
            f"1. {factor}\n\n## Action items\n\n- Pin the kubelet root directory in the node config, owner @sam\n")
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM106")) == found


@pytest.mark.parametrize("said, found", [
    ("Well, there's your problem: foxes have dug under the fence and damaged one of the Ethernet cables.", True),
    ("Well, the office is at the end of the garden, along the fence.", False),
])
def test_the_damaged_cable_is_the_cause(tmp_path, run_cli, said, found):
    text = ("# Partial network outage\n\nThe office access point dropped off the network overnight.\n\n"
            "## Timeline\n\n- 08:45: I noticed the sensor had stopped reporting\n- 09:07: Connectivity was restored\n\n"
            f"## Investigation\n\n{said}\n\n## Remediation\n\n- Lift the cables off the ground, owner @me\n")
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM011", preset="strict")
    assert (not any("`root_causes`" in message for message in messages)) is found


@pytest.mark.parametrize("item, severities", [
    ("Evaluate alternative storage solutions (OpenEBS, Rook/Ceph)", []),
    ("Consider restricting the runners to non-control-plane nodes (taints/affinity)", ["warning"]),
    ("Evaluate alternative storage solutions", ["warning"]),
])
def test_an_evaluation_that_lists_its_candidates_is_pedantic(tmp_path, run_cli, item, severities):
    text = ("# Storage incident\n\nThe storage driver lost every volume for a day.\n\n## Root cause\n\n"
            f"The kubelet root directory was changed without a migration.\n\n## Action items\n\n- {item}\n")
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == severities


# Set BL's forms (judged once at 74a7418, before any of these fixes).

RM_RF = """# Backups, or the dreaded rm -rf

I wrote a deploy script and ran it on our main server. I just ran `rm -rf /*` as sudo.
{told}
"""


@pytest.mark.parametrize("told, missing", [
    ("Then I restored the backups, and we were 100% back up and running in about 3 hours.", False),
    ("Then I restored the backups, and we were 100% back up and running by the evening.", True),
])
def test_back_up_and_running_in_so_long_is_the_length(tmp_path, run_cli, told, missing):
    messages = _messages(run_cli, write(tmp_path / "pm.md", RM_RF.format(told=told) + PLAN), "PM601", preset="strict")
    assert any("how long" in message for message in messages) is missing


@pytest.mark.parametrize("told, found", [
    ("We lost a week of email. We have since fixed this to save email daily.", False),
    ("I stood up a basic page so someone else couldn't just hijack my domain (again).", False),
    ("We lost a week of email. We were lucky it was not more.", True),
])
def test_a_fix_made_since_answers_the_plan(tmp_path, run_cli, told, found):
    text = RM_RF.format(told=told) + "\n## Root cause\n\nThe script assigned `$loc = $2`, which left it empty.\n"
    assert (_severities(run_cli, write(tmp_path / "pm.md", text), "PM313") == ["warning"]) is found


@pytest.mark.parametrize("said, found", [
    ("Now, to the astute, you will notice there is a bug here. Can you find it? It's in the assignment of `$loc`.",
     True),
    ("Now, to the astute, you will notice the script is long. Can you read it? It's in bash.", False),
])
def test_there_is_a_bug_here_points_at_the_cause(tmp_path, run_cli, said, found):
    text = ("# Backups, or the dreaded rm -rf\n\n## Summary\n\nA deploy script wiped the main server.\n\n"
            f"## What happened\n\n{said}\n\n```bash\n$loc = $2\nrm -rf $loc/*\n```\n\n"
            "## Timeline\n\n- 10:00 The script ran\n- 13:00 Restored from backup\n")
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM011", preset="strict")
    assert (not any("`root_causes`" in message for message in messages)) is found


@pytest.mark.parametrize("said, found, by_person", [
    # the mail held the build's failure notice: a notification told her, not her own looking
    ("I didn't know I broke the build until I looked at my work email almost a day later.", True, False),
    ("I didn't know I broke the build until I looked at the site almost a day later.", True, True),
    ("I didn't know how the build worked, so I read the docs.", False, False),
])
def test_not_knowing_until_looking_is_how_it_was_found(tmp_path, run_cli, said, found, by_person):
    text = ("# Sometimes things just happen\n\nA security pull request broke my site's build, and the custom domain "
            f"was taken over while the site was down. {said}\n" + PLAN)
    path = write(tmp_path / "pm.md", text)
    assert (_messages(run_cli, path, "PM401") == []) is found
    assert (_messages(run_cli, path, "PM402") != []) is by_person


@pytest.mark.parametrize("said, counted", [
    ("Yesterday, 73 updates were accidentally uploaded to the Stable repository.", True),
    ("Yesterday, 73 updates were written about in the forum.", False),
])
def test_updates_uploaded_by_mistake_are_counted(tmp_path, run_cli, said, counted):
    text = f"# Updates withdrawn from Stable\n\n{said} An update to ldns broke OpenSSH.\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len(messages) == 1
    assert ("a count or share (\"73 updates were accidentally uploaded" in messages[0]) is counted


@pytest.mark.parametrize("said, asked", [
    ("We even lost pull requests that were open and under active review. That work is now entirely lost. Gone forever.",
     False),
    ("We even lost pull requests that were open and under active review. Gone forever, we thought, until support "
     "restored them.", True),
])
def test_a_loss_for_good_has_no_length_to_ask(tmp_path, run_cli, said, asked):
    text = (f"# GitHub suspensions deleted our pull requests\n\nAll of the pull requests of three contributors were "
            f"deleted when their accounts were suspended. {said}\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert any("how long" in message for message in messages) is asked


def test_a_hope_of_being_back_measures_nothing(tmp_path, run_cli):
    text = ("# Power outage homelab\n\nPower went out on Sunday morning. We figured it would be back up after a few "
            "hours.\n\nFrom the parking lot I got over 50% of my homelab up and running again.\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len(messages) == 1 and "how long" in messages[0]


@pytest.mark.parametrize("said, whole", [
    ("The only way to prevent destruction like this is full system backups.", False),
    ("The full system was down until I reinstalled NodeJS.", True),
])
def test_full_system_backups_hit_nothing(tmp_path, run_cli, said, whole):
    text = f"# rm -rf ~ in production\n\nI deleted my home directory on the production server. {said}\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len(messages) == 1
    assert ('"full system' in messages[0]) is whole


@pytest.mark.parametrize("said, asked", [
    ("Within the past 24 hours, 73 updates were accidentally uploaded to the Stable repository.", False),
    ("Yesterday, 73 updates were accidentally uploaded to the Stable repository.", True),
])
def test_a_notices_window_is_the_impacts_length(tmp_path, run_cli, said, asked):
    text = f"# Updates withdrawn from Stable\n\n{said} An update to ldns broke OpenSSH.\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert any("how long" in message for message in messages) is asked


def test_a_backups_retention_window_is_no_impact_length(tmp_path, run_cli):
    text = ("# Overriding production data\n\nA script overwrote the production tables. The database was restorable "
            "to any point in time within the last 7 days.\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert len(messages) == 1 and "how long" in messages[0]


MONTHLY = """# Disruptions to service availability

This page lists all known occurrences of the service being unavailable.

## April 2021

**Production environment**

* 15/04/2021 08:38 to 15:38: Production had degraded performance for 7 hours due to load.

## February 2021

**Production environment**

* 17/02/2021 18:58 to 19:01: Production had degraded performance for 2 mins due to an upgrade.
* 03/02/2021 00:15 to 12:42: Production degraded for 12 hours due to a 3rd party configuration.

**Sandbox environment**

* 09/02/2021 15:42 to 15:46: Sandbox had degraded performance for 4 mins due to an upgrade.

## January 2021

**Production environment**

* 07/01/2021 09:40 to 11:50: Production map functionality was partially unavailable for 2 hours.
"""


@pytest.mark.parametrize("preset", ["recommended", "strict"])
def test_a_monthly_status_history_is_a_log_not_a_chronology(tmp_path, run_cli, preset):
    path = write(tmp_path / "pm.md", MONTHLY)
    assert not any("is earlier than" in message for message in _messages(run_cli, path, "PM502", preset=preset))
    assert _messages(run_cli, path, "PM401") == []  # how each was detected: a log leaves it out


def test_a_slip_within_one_day_of_a_monthly_log_is_still_reported(tmp_path, run_cli):
    text = MONTHLY.replace("* 15/04/2021 08:38 to 15:38", "* 15/04/2021 16:00: Load alert silenced.\n"
                                                        "* 15/04/2021 08:38 to 15:38")
    text = text.replace("* 15/04/2021 16:00: Load alert silenced.\n* 15/04/2021 08:38 to 15:38: Production had "
                        "degraded performance for 7 hours due to load.",
                        "* 15/04/2021 08:38 to 15:38: Production had degraded performance for 7 hours due to load.\n"
                        "* 15/04/2021 16:00: Load alert silenced.\n* 15/04/2021 09:00: Scaled out.")
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM502") == ["warning"]


def test_one_incidents_timeline_out_of_order_is_still_reported(tmp_path, run_cli):
    text = ("# Checkout outage\n\n## Summary\n\nCheckout failed for an hour.\n\n## Timeline\n\n"
            "- 2021-02-03 10:00 Deploy started\n- 2021-02-03 10:20 Errors rose\n- 2021-02-03 10:05 Alert fired\n"
            "- 2021-02-03 11:00 Rolled back\n" + PLAN)
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM502")) == 1


# Set BM's forms (judged once at 785d404, before these fixes).

@pytest.mark.parametrize("said, inferred", [
    ("Sam from the vendor's support responded 5 hours later, reporting they were glad we had worked around it.", False),
    ("The errors went unnoticed for 5 hours before anyone reported them.", True),
])
def test_a_replys_delay_is_no_time_to_detect(tmp_path, run_cli, said, inferred):
    text = ("---\nseverity: SEV2\n---\n# Database left read-only\n\nThe migration left the production database "
            f"read-only and the app failed for all customers for 46 minutes. {said}\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM403", preset="strict")
    assert any("5 h" in message for message in messages) is inferred


@pytest.mark.parametrize("said, customer", [
    ("The team was notified by an automated email that the vendor would migrate our databases next week.", False),
    ("The team was notified by a customer that the app returned errors.", True),
])
def test_an_automated_email_is_no_customer(tmp_path, run_cli, said, customer):
    text = f"# Database left read-only\n\n{said} The migration later left the database read-only.\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM402", preset="strict")
    assert any("by customer" in message for message in messages) is customer


@pytest.mark.parametrize("heading, read", [("### 🔄 **NEXT STEPS REQUIRED**", True), ("### 🔄 **NEXT STEPS WE TOOK**", False)])
def test_next_steps_required_is_the_plan(tmp_path, run_cli, heading, read):
    text = ("# Lesson content overwritten\n\nA sync script overwrote 277 lessons.\n\n## Root cause\n\n"
            f"The script wrote every row it read.\n\n{heading}\n\n1. **Backup Verification**: Test recovery with sample "
            "data\n2. **Monitoring Setup**: Alert on bulk content changes\n")
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert code == 0, err
    assert ("title: Backup Verification" in out) is read


@pytest.mark.parametrize("said, length", [
    ("From an average runtime of 10 seconds, it went to exceeding the 60-second timeout.", False),
    ("The deploy was blocked for 10 hours.", True),
])
def test_a_measures_value_is_no_impact_length(tmp_path, run_cli, said, length):
    text = f"# Liquibase locks\n\nThe checkout API failed for all customers. {said}\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert (messages == []) is length


PERSONAL = """# How my site was hacked

I decided to update one of my simple websites and found someone else's page on my domain.
I opened a support ticket to get my domain back. {told}
I then stood up a basic page on the domain, and my site has been fine since.
"""


@pytest.mark.parametrize("told, preset, reported", [
    ("I got a reply within a few hours, and by the next day I could use my domain again.", "recommended", False),
    ("I got a reply within a few hours, and by the next day I could use my domain again.", "strict", True),
    ("I got a reply, and then I could use my domain again.", "recommended", True),
])
def test_one_persons_story_in_relative_times_needs_no_timeline(tmp_path, run_cli, told, preset, reported):
    path = write(tmp_path / "pm.md", PERSONAL.format(told=told))
    messages = _messages(run_cli, path, "PM011", preset=preset)
    assert any("`timeline`" in message for message in messages) is reported


# An attacker's review of the readings above: each over-broad case, kept out.

def test_year_one_daily_updates_do_not_crash(tmp_path, run_cli):
    text = "# Old\n\n## Update 0001-01-01\n\nA\n\n## Update 0001-01-02\n\nB\n\n## Update 0001-01-03\n\nC\n"
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM001", "PM009") == []


def test_days_beside_times_keep_a_forward_timeline_forward(tmp_path, run_cli):
    text = ("# Cache incident\n\n## Timeline\n\n- 2022-06-15 09:00 UTC Cache TTL change deployed\n"
            "- 2022-06-15: Support receives scattered complaints\n- 2022-06-16 10:00 UTC Second change deployed\n"
            "- 2022-06-16: More complaints\n- 2022-06-17 08:00 UTC Rolled back\n- 2022-06-17: Complaints stop\n" + PLAN)
    path = write(tmp_path / "pm.md", text)
    assert _messages(run_cli, path, "PM502", preset="strict") == []
    converted = _converted(run_cli, path)
    assert converted.index("Cache TTL change") < converted.index("Rolled back")


def test_dated_addenda_after_the_analysis_are_no_timeline(tmp_path, run_cli):
    text = ("# Checkout outage\n\n## Summary\n\nCheckout failed after a config push.\n\n## Root cause\n\nThe push set "
            "the timeout to 0 ms.\n\n## Action items\n\n- Validate timeouts in the config schema, owner @sam\n\n"
            "## Update 2021-08-03\n\nAdded the owner.\n\n## Update 2021-08-01\n\nCorrected the number.\n\n"
            "## Update 2021-07-30\n\nFixed typos.\n")
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM011", preset="strict")
    assert any("`timeline`" in message for message in messages)


def test_deadlines_opening_sentences_are_no_chronology(tmp_path, run_cli):
    text = ("# Checkout outage\n\n## Summary\n\nA config push set the card processor timeout to 0 ms.\n\n"
            "## Root cause\n\nThe schema accepted a zero timeout.\n\n## Plan\n\nBy June 30, the config schema will "
            "reject zero timeouts. By July 15, every config push will run a canary. By August 1, the error-rate alert "
            "will page on-call.\n")
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM011", preset="strict")
    assert any("`timeline`" in message for message in messages)


@pytest.mark.parametrize("found", [
    "Priya, a developer on the identity team, disclosed a vulnerability in the token verifier.",
    "A developer on the identity team disclosed a vulnerability in the token verifier.",
])
def test_one_of_ours_disclosing_is_no_customer(tmp_path, run_cli, found):
    path = write(tmp_path / "pm.md", VULN.format(found=found))
    assert not any("by customer" in message for message in _messages(run_cli, path, "PM402", preset="strict"))


def test_an_attacker_who_used_the_flaw_is_an_exposure(tmp_path, run_cli):
    found = ("A security researcher reported the flaw through our bug bounty. Our logs show an attacker had used the "
             "flaw for two weeks and may have downloaded other customers' invoices.")
    assert _severities(run_cli, write(tmp_path / "pm.md", VULN.format(found=found)), "PM601") == ["warning"]


@pytest.mark.parametrize("said", [
    "When we restored the old index, we found the replica in an inconsistent state too.",
    "I ran my morning health check at 09:00 and everything was green.",
])
def test_a_state_found_later_or_a_check_that_found_nothing_is_no_detection(tmp_path, run_cli, said):
    text = ("# Search index outage\n\nSearch returned empty results for 1,200 customers for 90 minutes.\n\n"
            f"## Root cause\n\nThe reindex job ran out of memory. {said}\n\n## Action items\n\n"
            "- Give the reindex job a memory limit and a retry, owner @sam\n")
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM401")) == 1


def test_a_jobs_finding_is_no_persons_detection(tmp_path, run_cli):
    text = ("# Search index outage\n\nSearch returned empty results for 1,200 customers for 90 minutes.\n\n"
            "## Timeline\n\n- 2022-06-10 14:00 UTC Reindex job starts\n- 2022-06-10 14:20 UTC Reindex job crashes; "
            "the empty-results alert pages on-call\n- 2022-06-10 15:10 UTC Restore job finds replica in degraded "
            "state, rebuilds it\n- 2022-06-10 15:50 UTC Old index restored\n" + PLAN)
    assert not any("by employee" in message
                   for message in _messages(run_cli, write(tmp_path / "pm.md", text), "PM402", preset="strict"))


def test_a_staging_tables_size_is_no_data_lost(tmp_path, run_cli):
    text = ("# Migration outage\n\nThe migration locked the orders table. It passed in staging because the staging "
            "database only had 300 records.\n" + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset="strict")
    assert messages and not any("a count or share" in message for message in messages)


@pytest.mark.parametrize("said", [
    "If only backups had been tested, the restore would have worked.",
    "If only Maria had checked the disk graph, we would have seen it coming.",
])
def test_if_only_with_any_subject_is_a_counterfactual(tmp_path, run_cli, said):
    text = f"# Disk full\n\nThe disk filled overnight. {said}\n" + PLAN
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM703", preset="strict")) == 1


@pytest.mark.parametrize("factor", [
    "The corruption mechanism is still not understood.",
    "The origin of the corrupted segments is not yet understood.",
])
def test_an_unknown_mechanism_is_an_unknown_cause(tmp_path, run_cli, factor):
    text = ("# Index corruption\n\nThe index was corrupted.\n\n## Root cause\n\n"
            f"The index was corrupted during a routine merge. {factor}\n\n## Action items\n\n"
            "- Rebuild the index from the primary, owner @sam\n")
    assert len(_messages(run_cli, write(tmp_path / "pm.md", text), "PM106")) == 1


@pytest.mark.parametrize("said", [
    "The ISP first suspected that construction work had damaged the fibre cable, but their technician found it "
    "intact. We still do not know why the uplink dropped.",
    'The ISP said "there\'s your problem" and swapped the router, but the uplink kept dropping.',
])
def test_a_suspicion_ruled_out_states_no_cause(tmp_path, run_cli, said):
    text = ("# Uplink outage\n\nThe office uplink dropped for a day.\n\n## Timeline\n\n- 08:45 Uplink down\n"
            f"- 17:00 Uplink back\n\n## Investigation\n\n{said}\n\n## Action items\n\n"
            "- Add a second uplink from another ISP, owner @me\n")
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM011", preset="strict")
    assert any("`root_causes`" in message for message in messages)


@pytest.mark.parametrize("item", ["Evaluate our alerting (CPU, memory)", "Assess the impact (latency, errors)"])
def test_brackets_after_a_vague_object_name_no_candidates(tmp_path, run_cli, item):
    text = ("# Storage incident\n\nThe storage driver lost every volume for a day.\n\n## Root cause\n\n"
            f"The kubelet root directory was changed without a migration.\n\n## Action items\n\n- {item}\n")
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM310") == ["warning"]


def test_an_items_effort_estimate_is_no_due_date(tmp_path, run_cli):
    text = ("# Checkout errors\n\nCheckout failed for 2,000 customers for 50 minutes.\n\n## Root cause\n\n"
            "A cache in v4.2 was never evicted.\n\n## Action items\n\n- Bound the checkout cache size (2-3 days)\n"
            "- Add a memory alert for checkout (4-6 hours)\n")
    assert _messages(run_cli, write(tmp_path / "pm.md", text), "PM314") == [
        "None of the 2 open action items names an owner or a due date"]


@pytest.mark.parametrize("said, method", [
    ("A few hours after the release, Henk asked on one of the changes if I broke it. There I could see all the "
     "test reports came in as failures.", "customer"),
    ("A few hours after the release, I opened CPAN Testers. There I could see all the test reports came in as "
     "failures.", None),
])
def test_a_user_asking_if_i_broke_it_is_the_report_not_the_test_service(tmp_path, run_cli, said, method):
    text = f"# Fixing the release\n\nRelease 1.21 was missing files from the MANIFEST. {said}\n" + PLAN
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM402", preset="strict")
    if method is None:
        assert not any("by customer" in message for message in messages)
    else:
        assert any("by customer" in message and "asked" in message for message in messages)


@pytest.mark.parametrize("author, preset, reported", [
    ("I", "recommended", False), ("I", "strict", True), ("We", "recommended", True),
])
def test_half_an_impact_on_ones_own_systems_is_strict_only(tmp_path, run_cli, author, preset, reported):
    mine = "my" if author == "I" else "our"
    text = (f"# The mail server died\n\n{author} lost {mine} mail server on Sunday, and 25 of {mine} users had "
            f"been blocked by the time {author.lower()} noticed. {author} rebuilt it from {mine} backups. "
            f"{author} keep {mine} notes on the rebuild in {mine} wiki, and {author.lower()} learned a lot from it.\n"
            + PLAN)
    messages = _messages(run_cli, write(tmp_path / "pm.md", text), "PM601", preset=preset)
    assert (len(messages) == 1 and "how long" in messages[0]) is reported
