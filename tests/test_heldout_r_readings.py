"""Readings added after held-out set R was judged (CLI in, findings out, on short documents
written for these tests in the forms R showed): causes told as "the reason of today's
issue is ...", "the outage was related to ...", "seen this as a result of ...", "...,
effectively letting the domain go dark"; the writer "noticing that" something failed; a
misspelled "Remedial action" label; a "Permanent Fix" heading as the plan's fix; a file
named alone in a Related list; "crashed AGAIN at 15:47" as the incident's own course; and
dates written `10-Apr-2023`."""

from __future__ import annotations

import pytest

from conftest import rule_findings, write
from linearity import assert_ten_times_linear


def _findings(run_cli, tmp_path, text: str, *rules: str) -> list[dict]:
    return rule_findings(run_cli, write(tmp_path / "pm.md", text), *rules)


def _cause_missing(run_cli, tmp_path, text: str) -> bool:
    return any("`root_causes`" in item["message"] for item in _findings(run_cli, tmp_path, text, "PM011"))


@pytest.mark.parametrize("told", [
    "The reason of today's issue is hardware failure. We repaired the server.",
    "The DNS outage was related to our transfer of the domain to the new registrar.",
    "We've previously seen this as a result of a stopped replication task filling the disk.",
    "Marking the domain as moved removed its NS records, effectively letting example.org go dark for 48 hours.",
])
def test_causes_told_in_prose_are_causes(run_cli, tmp_path, told):
    text = f"# Site unavailable\n\nOn 2013-08-06 the site was down for two hours.\n\n{told}\n"
    assert not _cause_missing(run_cli, tmp_path, text)


@pytest.mark.parametrize("untold", [
    "We are still looking for the reason. The site is back.",
    "The outage was long and the team was tired.",
    "We moved the domain, effectively finishing the migration.",
])
def test_without_a_cause_the_missing_cause_still_warns(run_cli, tmp_path, untold):
    text = f"# Site unavailable\n\nOn 2013-08-06 the site was down for two hours.\n\n{untold}\n"
    assert _cause_missing(run_cli, tmp_path, text)


def test_the_writer_noticing_that_it_failed_is_detection(run_cli, tmp_path):
    text = ("# Domain dark\n\nAfter making the changes, and noticing that the domain wasn't responding, I read the "
            "instructions again.\n")
    assert _findings(run_cli, tmp_path, text, "PM401") == []


@pytest.mark.parametrize("label", ["**Remeidal action:**", "**Remidial action:**", "**Corective actions:**"])
def test_a_misspelled_plan_label_is_the_plan(run_cli, tmp_path, label):
    text = (f"# Disk full\n\nThe replication slot filled the disk because the task stopped.\n\n{label}\n"
            "- Disk auto-scaling in production\n")
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM313", "PM314")] == ["PM314"]


def test_a_permanent_fix_heading_makes_a_missing_plan_pedantic(run_cli, tmp_path):
    text = ("# Host crashes\n\nThe host crashed twelve times because its NVMe drive failed.\n\n## Resolution\n\n"
            "### Permanent Fix\n\nThe faulty drive was physically replaced.\n")
    assert _findings(run_cli, tmp_path, text, "PM313") == []


def test_without_any_fix_a_missing_plan_still_warns(run_cli, tmp_path):
    text = "# Host crashes\n\nThe host crashed twelve times because its NVMe drive failed.\n"
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM313")] == ["PM313"]


def test_files_named_alone_under_related_are_no_incidents():
    from pmlint.load import load_text

    text = ("# Host crashes\n\nThe host crashed again.\n\n## Related\n\n- [NVME_REPLACEMENT_GUIDE.md](NVME_REPLACEMENT_GUIDE.md)\n"
            "- [Outage 2025-12-01: first crash](2025-12-01-crash.md)\n")
    assert load_text("pm.md", text).data["related_incidents"] == ["Outage 2025-12-01: first crash"]


def test_again_told_with_its_time_is_the_incidents_own_course(run_cli, tmp_path):
    text = ("# Host crashes\n\nThe host crashed because core 4 is faulty.\n\n## What happened\n\n"
            "1. Core 4 disabled at 11:35\n2. **System crashed AGAIN at ~15:47** with core 4 disabled\n\n"
            "## Action items\n\n- [ ] Replace the CPU (owner: sam, due 2026-02-01)\n")
    assert _findings(run_cli, tmp_path, text, "PM802") == []


def test_again_on_its_own_still_infers_a_repeat(run_cli, tmp_path):
    text = ("# Host crashes\n\nThe host crashed AGAIN because core 4 is faulty.\n\n"
            "## Action items\n\n- [ ] Restart the host (owner: sam, due 2026-02-01)\n")
    assert [item["rule"] for item in _findings(run_cli, tmp_path, text, "PM802")] == ["PM802"]


def test_a_date_written_day_month_name_year_with_hyphens():
    from pmlint.load.markdown.times import find_date, parse_stamp

    assert str(find_date("Bigdata down on 10-Apr-2023")) == "2023-04-10"
    assert parse_stamp("3/Jan/2024 10:00").moment.isoformat() == "2024-01-03T10:00:00"


@pytest.mark.parametrize("unit", [
    "The reason of the " + "very " * 5 + "outage ",
    "after x and noticing that the a b " * 10,
    "effectively letting " + "a.b " * 30,
])
def test_the_r_readings_scale_linearly(unit):
    from pmlint.load import load_text

    assert_ten_times_linear(lambda copies: load_text("pm.md", "# Outage\n\n" + unit * copies + "\n").meta.evidence.get(
        "root_causes"), 100, unit[:20])
