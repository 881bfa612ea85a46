"""Held-out set J, read as written (CLI in, findings out, on synthetic postmortems):

- A post exported as HTML paragraphs ("<p>the incident was caused by ...</p>") is prose:
  its cause, its plan and its impact are found, so no "missing" claim is made on them;
  a comment, a script or an image is not prose.
- A long post of HTML paragraphs is not "a short disclosure": its missing timeline is
  still a warning.
"""

from __future__ import annotations

import time

from conftest import rule_findings, write
from pmlint.load.markdown.loader import html_prose

_POST = ("# Secrets in a public log\n\n<p>On March 29th one of our engineers noticed that keys were printed to a public "
         "log.</p>\n\n<p>In the end, the incident was caused by a misconfiguration of a process that resulted in keys "
         "being printed to that process&#8217;s logs.</p>\n\n<p>We will rotate keys automatically, delete continuous "
         "integration logs after 48 hours, and scan execution logs for leaked secrets.</p>\n")


def test_html_paragraphs_are_prose(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _POST)
    found = rule_findings(run_cli, path, "PM011", "PM313")
    assert not any("root_causes" in item["message"] for item in found)
    assert not [item for item in found if item["rule"] == "PM313"]


def test_a_comment_or_a_script_is_not_prose():
    assert html_prose("<!-- the incident was caused by a template comment here -->") is None
    assert html_prose("<script>var cause = 'the incident was caused by nothing at all';</script>") is None
    assert html_prose("<p>Too short.</p>") is None
    assert html_prose("<p>The incident was caused\nby a bad deploy of the proxy.</p>").count("\n") == 1


def test_a_long_html_post_still_misses_its_timeline(run_cli, tmp_path):
    filler = "".join(f"<p>Paragraph {n} explains what the secrets were and who could have read them.</p>\n\n"
                     for n in range(60))
    text = _POST.replace("printed to a public log.</p>", "printed to a public log, exposing keys.</p>") + filler
    found = rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM011")
    assert [item["severity"] for item in found if "`timeline`" in item["message"]] == ["warning"]


def test_reading_html_prose_is_linear():
    def seconds(repeats: int) -> float:
        text = "<p " + "a" * 50 + " < b > " * repeats + "</p>"
        began = time.perf_counter()
        for _ in range(5):
            html_prose(text)
        return time.perf_counter() - began

    seconds(1000)
    small, large = min(seconds(4000) for _ in range(3)), min(seconds(32000) for _ in range(3))
    assert large / small < 8 * 2.5


def test_a_person_thanked_in_a_cause_section_is_credit_not_cause(run_cli, tmp_path):
    text = ("# Chain halt\n\n## Root cause\n\nA map iteration made block results non-deterministic.\n\n"
            "- We improved our CI to catch non-deterministic code, thanks to @joeabbey for the PR.\n")
    assert rule_findings(run_cli, write(tmp_path / "pm.md", text), "PM702") == []
    blamed = text.replace("thanks to @joeabbey for the PR", "after @joeabbey merged the map change")
    assert [item["rule"] for item in rule_findings(run_cli, write(tmp_path / "pm2.md", blamed), "PM702")] == ["PM702"]


def test_a_change_made_to_prevent_a_recurrence_is_a_fix_already_taken(run_cli, tmp_path):
    for said in ("We improved our CICD to avoid this kind of non-deterministic issue in the future.",
                 "A fix is now put in place to be more resilient."):
        text = f"# Chain halt\n\n## Summary\n\nThe chain halted for a day.\n\n## Conclusion\n\n{said}\n"
        path = write(tmp_path / "pm.md", text)
        assert rule_findings(run_cli, path, "PM313") == [], said
        assert [item["severity"] for item in rule_findings(run_cli, path, "PM313", preset="strict")] == ["info"], said


_PLAN = ("# Control plane outage\n\n## Summary\n\nThe cluster's control plane was lost for 30 hours.\n\n"
         "#### What we could do to prevent this happening again\n\n* multi-node control plane\n* chaos engineering\n\n"
         "### Actions\n\n* Move incident reports to the team manual [DB]\n"
         "* Add a basic pingdom healthcheck [CF to write story]\n* Make our incident process official [IBG]\n")


def test_initials_in_brackets_own_an_item_and_a_brainstorm_is_no_plan(run_cli, tmp_path):
    path = write(tmp_path / "pm.md", _PLAN)
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    assert [line.strip() for line in out.splitlines() if line.strip().startswith("owner:")] == [
        "owner: DB", "owner: CF", "owner: IBG"]
    assert "multi-node control plane" not in out.split("action_items:")[-1]
    assert rule_findings(run_cli, path, "PM314") == []


def test_a_task_box_or_a_done_tag_is_no_owner(run_cli, tmp_path):
    text = "# Outage\n\n## Action items\n\n- [x] Add a disk alert [done]\n- [ ] Rotate the keys [P1]\n"
    code, out, err = run_cli("convert", str(write(tmp_path / "pm.md", text)))
    assert "owner:" not in out


def test_a_header_window_and_a_total_outage_are_read(run_cli, tmp_path):
    """ "**Duration**: ~15 minutes (10:00 - 10:15 CET)" tells the start and the end; "Total
    home LAN network outage" says what was affected: everything it serves."""
    text = ("# Incident Report: Network Outage\n\n**Duration**: ~15 minutes (10:00 - 10:15 CET)\n"
            "**Impact**: Total home LAN network outage (no DNS, no DHCP).\n\n## What happened?\n\n"
            "A mount failed at boot, which caused the DNS server to stop.\n")
    path = write(tmp_path / "pm.md", text)
    found = rule_findings(run_cli, path, "PM011", "PM601")
    assert not [item for item in found if "`timeline`" in item["message"] or item["rule"] == "PM601"]


def test_safeguards_told_as_built_are_fixes_taken(run_cli, tmp_path):
    """ "We added the following Datadog monitors", "we also created some useful dashboards":
    the plan was carried out, so a missing action-item section is asked for under `strict`
    only (held-out set J)."""
    text = ("# Job queue outage\n\n## Summary\n\nThe job queue starved for six hours.\n\n## What we learned\n\n"
            "We added the following Datadog monitors:\n\n* queue latency over 5 minutes\n* job failures over 5 %\n\n"
            "We also created some useful dashboards for each worker.\n")
    path = write(tmp_path / "pm.md", text)
    assert rule_findings(run_cli, path, "PM313") == []
    assert [item["severity"] for item in rule_findings(run_cli, path, "PM313", preset="strict")] == ["info"]
    planned = text.replace("We added the following", "We should look at").replace("We also created", "We want")
    assert [item["rule"] for item in rule_findings(run_cli, write(tmp_path / "p2.md", planned), "PM313")] == ["PM313"]
