"""PM314: a plan nobody owns, said once per document under `recommended`.

Every outside reviewer of real postmortems raised "none of these actions has an owner or
a date" first; the per-item rules (PM301, PM302) are `strict` only. Synthetic Markdown
and YAML written here; CLI in, findings out.
"""

from __future__ import annotations

import pytest
from conftest import rule_findings as findings
from conftest import line_of, write

PLAN = """# Queue outage

## Summary

The job queue stopped for 40 minutes on 2025-05-02 after its disk filled.

## Action items

{items}
"""

OPEN_ITEMS = """- [ ] Alert when the queue disk passes 80% for 5 minutes
- [ ] Cap the size of each job payload at 1 MB
- [x] Delete the stuck jobs
- [ ] Move job payloads to object storage"""


def plan(tmp_path, items: str, name: str = "2025-05-02-queue.md", before: str = ""):
    text = PLAN.format(items=items)
    if before:
        text = text.replace("## Action items", before + "\n\n## Action items")
    return write(tmp_path / name, text)


def test_no_open_item_names_an_owner_or_a_date_is_one_warning_on_the_first_open_item(run_cli, tmp_path):
    path = plan(tmp_path, OPEN_ITEMS)
    found = findings(run_cli, path, "PM314")
    assert [(item["severity"], item["message"]) for item in found] == [
        ("warning", "None of the 3 open action items names an owner or a due date")]
    assert found[0]["line"] == line_of(path, "Alert when the queue disk")


def test_dates_without_owners_say_only_owner(run_cli, tmp_path):
    items = OPEN_ITEMS.replace("for 5 minutes", "for 5 minutes, due 2025-06-01")
    found = findings(run_cli, plan(tmp_path, items), "PM314")
    assert [item["message"] for item in found] == ["None of the 3 open action items names an owner"]


@pytest.mark.parametrize("owned", [
    "- [ ] Cap the size of each job payload at 1 MB (@alice)",
    "- [ ] Cap the size of each job payload at 1 MB — Jane Doe",
    "- [ ] Cap the size of each job payload at 1 MB, assigned to Bob",
    "- [ ] Cap the size of each job payload at 1 MB [alice]",
    "- [ ] @storage-team: cap the size of each job payload at 1 MB",
    "- [ ] Cap the size of each job payload at 1 MB. Owner: Priya",
    "- [ ] Cap the size of each job payload at 1 MB; the storage team will own the limit",
])
def test_an_owner_written_in_any_usual_way_on_any_open_item_is_enough(run_cli, tmp_path, owned):
    items = OPEN_ITEMS.replace("- [ ] Cap the size of each job payload at 1 MB", owned)
    assert findings(run_cli, plan(tmp_path, items), "PM314") == []


def test_an_owner_column_in_a_table_owns_the_plan(run_cli, tmp_path):
    table = """| Action | Owner | Due |
|---|---|---|
| Alert when the queue disk passes 80% for 5 minutes | dana | 2025-06-01 |
| Move job payloads to object storage | | |"""
    assert findings(run_cli, plan(tmp_path, table), "PM314") == []


def test_a_placeholder_owner_is_nobody(run_cli, tmp_path):
    table = """| Action | Owner |
|---|---|
| Alert when the queue disk passes 80% for 5 minutes | ??? |
| Move job payloads to object storage | TBD |"""
    found = findings(run_cli, plan(tmp_path, table), "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner or a due date"]


def test_a_ticket_link_alone_is_no_owner(run_cli, tmp_path):
    items = OPEN_ITEMS.replace("at 1 MB", "at 1 MB (OPS-12)")
    found = findings(run_cli, plan(tmp_path, items), "PM314")
    assert len(found) == 1


def test_a_plan_whose_items_link_tickets_is_tracked_in_the_tracker(run_cli, tmp_path):
    items = """- [ ] Alert when the queue disk passes 80% for 5 minutes (OPS-11)
- [ ] Cap the size of each job payload at 1 MB (OPS-12)
- [ ] Move job payloads to object storage (https://tracker.example.com/issues/13)"""
    assert findings(run_cli, plan(tmp_path, items), "PM314") == []


@pytest.mark.parametrize("sentence", [
    "Follow-ups are tracked in OPS-400.",
    "Owners and due dates are tracked in our issue tracker.",
    "The remediation work is tracked in the backlog of the storage team.",
])
def test_a_document_that_says_where_the_plan_is_tracked_is_not_reported(run_cli, tmp_path, sentence):
    path = plan(tmp_path, OPEN_ITEMS, before=f"## Follow-up\n\n{sentence}")
    assert findings(run_cli, path, "PM314") == []


def test_done_items_do_not_count_and_a_finished_plan_is_not_reported(run_cli, tmp_path):
    items = """- [x] Delete the stuck jobs
- We enabled disk alerts on every queue host
- Payload size limits were introduced in the client"""
    assert findings(run_cli, plan(tmp_path, items), "PM314") == []


@pytest.mark.parametrize("decided", [
    "The reviewer recommended signing every release; the committee voted on it and it was rejected.",
    "Moving payloads to object storage: the team decided against it for now.",
    "A second queue was proposed; this was declined because of the cost.",
])
def test_a_proposal_the_team_rejected_is_not_an_open_item(run_cli, tmp_path, decided):
    items = f"""- [x] Delete the stuck jobs
- We enabled disk alerts on every queue host
- {decided}"""
    assert findings(run_cli, plan(tmp_path, items), "PM314") == []


def test_an_item_about_rejected_requests_is_still_open(run_cli, tmp_path):
    items = "- Alert when requests are rejected by the queue for more than 5 minutes"
    assert len(findings(run_cli, plan(tmp_path, items), "PM314")) == 1


def test_no_plan_at_all_is_pm313s_finding_not_this_one(run_cli, tmp_path):
    path = write(tmp_path / "2025-05-02-queue.md", "# Queue outage\n\n## Summary\n\nThe queue stopped on 2025-05-02.\n")
    assert findings(run_cli, path, "PM314") == []
    assert len(findings(run_cli, path, "PM313")) == 1


def test_items_read_from_paragraphs_of_prose_are_reported_at_info(run_cli, tmp_path):
    prose = ("We will alert when the queue disk passes 80% for five minutes.\n\n"
             "We will also move job payloads to object storage.")
    found = findings(run_cli, plan(tmp_path, prose), "PM314")
    assert [(item["severity"], item["message"]) for item in found] == [
        ("info", "None of the 2 open action items names an owner or a due date")]


def test_a_yaml_plan_of_one_item(run_cli, tmp_path):
    path = write(tmp_path / "pm.yaml", "title: Queue outage\naction_items:\n  - title: Move job payloads to object storage\n")
    found = findings(run_cli, path, "PM314")
    assert [(item["severity"], item["line"], item["message"]) for item in found] == [
        ("warning", 3, "The only open action item names no owner or due date")]


def test_strict_reports_each_item_through_pm301_and_pm302_and_not_the_summary(run_cli, tmp_path):
    path = plan(tmp_path, OPEN_ITEMS)
    found = findings(run_cli, path, "PM301", "PM302", "PM314", preset="strict")
    assert sorted(item["rule"] for item in found) == ["PM301", "PM302"]
    assert {item["message"] for item in found} == {"None of the 3 open action items has an owner",
                                                  "None of the 3 open action items has a due date"}


def test_selecting_the_per_item_rule_silences_the_summary(run_cli, tmp_path):
    path = plan(tmp_path, OPEN_ITEMS)
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--extend-select", "PM301", str(path))
    assert code == 0, err
    import json

    rules = [item["rule"] for item in json.loads(out)["findings"]]
    assert "PM301" in rules and "PM314" not in rules


def test_explain_shows_that_the_rule_yields_to_the_per_item_rules(run_cli):
    code, out, _ = run_cli("explain", "PM314")
    assert code == 0
    assert "Yields to" in out and "Silent when PM301 or PM302 runs" in out
    assert "owner_patterns" in out and "tracked_patterns" in out


def test_a_users_rule_can_yield_to_another(run_cli, tmp_path):
    rules = tmp_path / "team-rules"
    write(rules / "ACME101.yaml", """id: ACME101
name: acme-title
severity: warning
summary: A title is set.
rationale: Readers find postmortems by title.
yields_to: [PM301]
given: $
then: {field: title, function: truthy}
message: No title
fix: Add a title.
examples:
  - invalid: |
      summary: x
""")
    write(tmp_path / ".pmlint.yaml", f"rules-dirs: [{rules}]\n")
    path = write(tmp_path / "pm.yaml", "summary: The queue stopped.\n")
    import json

    code, out, _ = run_cli("check", "--format", "json", "--exit-zero", str(path), cwd=tmp_path)
    assert "ACME101" in [item["rule"] for item in json.loads(out)["findings"]]
    code, out, _ = run_cli("check", "--format", "json", "--exit-zero", "--preset", "strict", str(path), cwd=tmp_path)
    assert "ACME101" not in [item["rule"] for item in json.loads(out)["findings"]]


@pytest.mark.parametrize("heading", ["## Prevention Measures", "## Corrective measures", "**Actions planned:**"])
def test_plans_under_measures_and_actions_planned_are_read(run_cli, tmp_path, heading):
    text = f"""# Mail outage

## Summary

Inbound mail was delayed for 3 hours on 2025-05-02 after a firewall rule was reordered.

## Lessons learned

Reordering rules by hand is risky.

{heading}

- Alert when no inbound mail arrives for 15 minutes
- Validate the rule order in CI before every firewall change
"""
    found = findings(run_cli, write(tmp_path / "2025-05-02-mail.md", text), "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner or a due date"]


def test_yields_to_an_unknown_rule_is_a_one_line_config_error(run_cli, tmp_path):
    rules = tmp_path / "team-rules"
    write(rules / "ACME102.yaml", """id: ACME102
name: acme-summary
severity: warning
summary: A summary is set.
rationale: Readers need one.
yields_to: [PM3O1]
given: $
then: {field: summary, function: truthy}
message: No summary
fix: Add a summary.
examples:
  - invalid: |
      title: x
""")
    write(tmp_path / ".pmlint.yaml", f"rules-dirs: [{rules}]\n")
    path = write(tmp_path / "pm.yaml", "title: The queue stopped.\n")
    code, out, err = run_cli("check", str(path), cwd=tmp_path)
    assert code == 2
    assert "`yields_to` names 'PM3O1', which is no rule" in err and "PM301" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


# --- who the document is written for: a team's record vs a write-up for outside readers ---

@pytest.mark.parametrize("public", [
    "We are deeply sorry for the disruption this caused to each and every one of you.",
    "We apologize for the delay in publishing this report.",
    "Thank you for your patience while we worked through this.",
    "These lessons are the product of an internal retrospective.",
    "Internal post-mortem: https://github.com/acme/incidents/pull/120",
])
def test_a_write_up_addressed_to_its_readers_does_not_ask_for_owners(run_cli, tmp_path, public):
    path = plan(tmp_path, OPEN_ITEMS, before=f"## A note to our users\n\n{public}")
    assert findings(run_cli, path, "PM314") == []


def test_a_team_record_with_the_same_plan_is_still_asked_for_owners(run_cli, tmp_path):
    path = plan(tmp_path, OPEN_ITEMS, before="## Attendees\n\n- Dana (SRE)\n- Lee (storage)")
    assert len(findings(run_cli, path, "PM314")) == 1


@pytest.mark.parametrize("head", [
    "# Public Incident Report – Queue outage\n\n**Report type:** Public / Sanitized\n",
    "---\ntitle: Security Incident Disclosure\nauthor: dana\n---\n\n# Queue outage\n",
    "---\ntitle: Queue outage\nlayout: blog-post.hbs\n---\n\n# Queue outage\n",
])
def test_a_public_label_or_a_blogs_front_matter_marks_a_write_up_for_outside_readers(run_cli, tmp_path, head):
    path = write(tmp_path / "2025-05-02-queue.md", PLAN.format(items=OPEN_ITEMS).replace("# Queue outage\n", head, 1))
    assert findings(run_cli, path, "PM314") == []


def test_the_public_write_ups_finding_is_still_there_at_info_under_strict(run_cli, tmp_path):
    path = plan(tmp_path, OPEN_ITEMS, before="## Sorry\n\nWe are sorry for letting you down.")
    code, out, err = run_cli("check", "--format", "json", "--exit-zero", "--preset", "strict",
                             "--ignore", "PM301,PM302", str(path))
    import json

    found = [item for item in json.loads(out)["findings"] if item["rule"] == "PM314"]
    assert [(item["severity"], item["message"]) for item in found] == [
        ("info", "None of the 3 open action items names an owner or a due date")]


@pytest.mark.parametrize("narrative", [
    "The credentials were revoked and sanitised in CI logs.",
    "The hot fix was prepared for internal review.",
    "We started an internal investigation into the other hosts.",
])
def test_a_stray_word_in_the_narrative_does_not_make_a_record_public(run_cli, tmp_path, narrative):
    path = plan(tmp_path, OPEN_ITEMS, before=f"## Mitigation\n\n{narrative}")
    assert len(findings(run_cli, path, "PM314")) == 1


# --- the plan's heading and the document's metadata track, date and own the items ---

def test_a_tracking_issue_linked_in_the_plans_heading_tracks_the_items_under_it(run_cli, tmp_path):
    items = """### Short-term improvements ([Follow along here](https://github.com/acme/queue/issues/391))

- Alert when the queue disk passes 80% for 5 minutes
- Cap the size of each job payload at 1 MB

### Later

- Move job payloads to object storage"""
    assert findings(run_cli, plan(tmp_path, items), "PM314") == []


def test_a_link_to_documentation_in_a_heading_tracks_nothing(run_cli, tmp_path):
    items = """### Short-term improvements ([see the runbook](https://wiki.example.com/queue/runbook))

- Alert when the queue disk passes 80% for 5 minutes
- Cap the size of each job payload at 1 MB"""
    assert len(findings(run_cli, plan(tmp_path, items), "PM314")) == 1


def test_a_date_range_in_the_plans_heading_dates_the_items_under_it(run_cli, tmp_path):
    items = """### Long-term improvements (Q4 2025 - Q1 2026)

- Move job payloads to object storage
- Shard the queue by tenant"""
    found = findings(run_cli, plan(tmp_path, items), "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner"]


def test_the_incident_date_in_the_title_does_not_date_the_plan(run_cli, tmp_path):
    text = PLAN.format(items="- **Review actions**:\n\n1. Alert on queue disk use\n2. Cap payload size")
    path = write(tmp_path / "pm.md", text.replace("# Queue outage", "# Incident on 2025-05-02 - queue outage"))
    found = findings(run_cli, path, "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner or a due date"]


@pytest.mark.parametrize("owner", ["## Owner: @aronas", "**Owner:** Jane Doe", "- DRI: storage team"])
def test_a_document_level_owner_owns_the_plan(run_cli, tmp_path, owner):
    path = write(tmp_path / "pm.md", f"{owner}\n\n" + PLAN.format(items=OPEN_ITEMS))
    assert findings(run_cli, path, "PM314") == []


@pytest.mark.parametrize("owner", ["## Owner: TBD", "**Owner:** ???"])
def test_a_placeholder_document_owner_owns_nothing(run_cli, tmp_path, owner):
    path = write(tmp_path / "pm.md", f"{owner}\n\n" + PLAN.format(items=OPEN_ITEMS))
    assert len(findings(run_cli, path, "PM314")) == 1


def test_a_team_that_intends_to_do_the_work_owns_it(run_cli, tmp_path):
    prose = "The storage team intends to work with the vendor to move job payloads to object storage once it is ready."
    assert findings(run_cli, plan(tmp_path, prose), "PM314") == []


def test_a_plan_half_of_whose_items_link_an_issue_is_tracked(run_cli, tmp_path):
    items = """- [ ] Page the on-call when the queue stops ([#12829](https://github.com/acme/queue/issues/12829))
- [ ] Write onboarding guidelines for new on-call members"""
    assert findings(run_cli, plan(tmp_path, items), "PM314") == []


def test_every_bold_todo_counts_with_or_without_a_colon(run_cli, tmp_path):
    text = """# Disk full

## Summary

The staging host's disk filled on 2024-03-17 and the site was down for 2 hours.

## Lessons learned

The proxmox graph is easier to read than `zpool list`.

**DONE**: Alex added the wiki to the monitored sites.

**TODO**: monitor the state of every systemd service.

**TODO** a ZFS exporter that alerts on disk usage.

**TODO** the staging import checks free disk space before it downloads the dump.
"""
    found = findings(run_cli, write(tmp_path / "2024-03-17-disk.md", text), "PM314")
    assert [item["message"] for item in found] == ["None of the 3 open action items names an owner or a due date"]


# A closing note after an item ("- This has been done.") and steps someone else already
# carried out ("validators rolled back their states") are not open items: counted, they
# inflated the count and put the finding's line on a finished step (held-out set D).

THREE_OPEN = """- Alert when the queue disk passes 80% for 5 minutes
- Cap the size of each job payload at 1 MB
- Move job payloads to object storage"""


@pytest.mark.parametrize("note", [
    "  - This has been done.",
    "  - This has now been done, see the announcement list.",
    "  - Done as of 2025-05-09.",
    "  - Update: completed.",
    "  This has been done.",
    "\n  It is now deployed on every queue host.",
])
def test_a_closing_note_under_an_item_closes_it(run_cli, tmp_path, note):
    items = THREE_OPEN.replace("80% for 5 minutes", "80% for 5 minutes\n" + note)
    path = plan(tmp_path, items)
    found = findings(run_cli, path, "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner or a due date"]
    assert found[0]["line"] == line_of(path, "Cap the size of each job")


@pytest.mark.parametrize("note", [
    "  - This has not been done yet.",
    "  - This will be done after the migration.",
    "  - Done when the alert pages the on-call engineer.",
    "  - It was fixed temporarily by restarting the worker.",
])
def test_a_note_that_does_not_say_the_item_is_done_leaves_it_open(run_cli, tmp_path, note):
    items = THREE_OPEN.replace("80% for 5 minutes", "80% for 5 minutes\n" + note)
    path = plan(tmp_path, items)
    found = findings(run_cli, path, "PM314")
    assert [item["message"] for item in found] == ["None of the 3 open action items names an owner or a due date"]
    assert found[0]["line"] == line_of(path, "Alert when the queue disk")


def test_a_closing_note_after_a_labelled_action_point_closes_it(run_cli, tmp_path):
    text = """# Queue outage

## Summary

The job queue stopped for 40 minutes on 2025-05-02 after its disk filled.

## Announcements

Operators learned of the outage late.

Action point: create a low-volume announcement list for the operators of dependent services.
- This has been done. Sign up on the mailing-list page.

## Monitoring

Action point: alert when the queue disk passes 80% for 5 minutes.

Action point: page the on-call engineer when the queue stops for 2 minutes.
"""
    path = write(tmp_path / "2025-05-02-queue.md", text)
    found = findings(run_cli, path, "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner or a due date"]
    assert found[0]["line"] == line_of(path, "Action point: alert when the queue disk")


def test_an_action_point_followed_by_an_unfinished_note_stays_open(run_cli, tmp_path):
    text = """# Queue outage

## Summary

The job queue stopped for 40 minutes on 2025-05-02 after its disk filled.

## Announcements

Action point: create a low-volume announcement list for the operators of dependent services.
- This has not been done yet.

Action point: alert when the queue disk passes 80% for 5 minutes.
"""
    path = write(tmp_path / "2025-05-02-queue.md", text)
    found = findings(run_cli, path, "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner or a due date"]
    assert found[0]["line"] == line_of(path, "Action point: create a low-volume")


def test_steps_others_carried_out_told_in_the_past_tense_are_not_open(run_cli, tmp_path):
    items = """- validators rolled back their states to the previous block
- operators downgraded their binaries to v3.1.0
- validators were asked to resume consensus, skipping the upgrade height
- Alert when the queue disk passes 80% for 5 minutes
- Cap the size of each job payload at 1 MB"""
    path = plan(tmp_path, items)
    found = findings(run_cli, path, "PM314")
    assert [item["message"] for item in found] == ["None of the 2 open action items names an owner or a due date"]
    assert found[0]["line"] == line_of(path, "Alert when the queue disk")


@pytest.mark.parametrize("item", [
    "Validators will roll back their states before the next upgrade",
    "Alert when the queue filled up as it did on Monday",
    "Operators should be asked to resume consensus only after the patch is verified",
    "Alerts based on the queue depth of every worker",
])
def test_future_work_and_incident_details_in_an_item_stay_open(run_cli, tmp_path, item):
    items = f"- {item}\n- Cap the size of each job payload at 1 MB"
    path = plan(tmp_path, items)
    found = findings(run_cli, path, "PM314")
    assert [entry["message"] for entry in found] == ["None of the 2 open action items names an owner or a due date"]
    assert found[0]["line"] == line_of(path, item)
