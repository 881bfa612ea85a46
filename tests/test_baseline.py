"""Baselines: content fingerprints that survive edits, a ratchet that only shrinks on rewrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custom_rule import install_rule

PM = """\
title: Checkout outage
summary: The dashboard did not show replication lag.
action_items:
  - title: Add alert
    due: 2024-05-01
"""
SELECT = ("--select", "TST101")

@pytest.fixture(autouse=True)
def _setup(monkeypatch, tmp_path):
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    install_rule(tmp_path)


def findings(run_cli, cwd: Path, *args: str) -> list[dict]:
    code, out, err = run_cli("check", *args, "-f", "json", *SELECT, cwd=cwd)
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def test_write_then_use_baseline(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    code, out, err = run_cli("check", "pm.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    assert code == 0 and "wrote 1 baseline entries" in err and out == ""
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    [entry] = data["findings"]
    assert entry["rule"] == "TST101" and entry["path"] == "pm.yaml" and "line" not in entry
    assert findings(run_cli, tmp_path, "pm.yaml", "--baseline", "baseline.json") == []
    code, _, err = run_cli("check", "pm.yaml", *SELECT, "--baseline", "baseline.json", "--statistics", cwd=tmp_path)
    assert code == 0 and "1  hidden" in err


def test_fingerprint_survives_lines_inserted_above(tmp_path, run_cli):
    pm = tmp_path / "pm.yaml"
    pm.write_text(PM, encoding="utf-8")
    run_cli("check", "pm.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    edited = PM.replace("summary: The dashboard did not show replication lag.\n",
                        "# a comment\nsummary: >\n  The dashboard did not show\n  replication lag.\nseverity: SEV2\n")
    pm.write_text(edited, encoding="utf-8")
    assert findings(run_cli, tmp_path, "pm.yaml")[0]["line"] != 4  # it really moved
    assert findings(run_cli, tmp_path, "pm.yaml", "--baseline", "baseline.json") == []
    # a new action item inserted before the baselined one shifts its list index: still baselined,
    # and only the new item's finding is reported
    pm.write_text(edited.replace("action_items:\n", "action_items:\n  - title: Fix the lag alarm\n    due: 2024-06-01\n"),
                  encoding="utf-8")
    new = findings(run_cli, tmp_path, "pm.yaml", "--baseline", "baseline.json")
    assert [finding["message"] for finding in new] == ['Action item "Fix the lag alarm" has no owner']


def test_identical_findings_are_counted_not_merged(tmp_path, run_cli):
    pm = tmp_path / "pm.yaml"
    item = "  - title: Add alert\n    due: 2024-05-01\n"
    pm.write_text(PM + item, encoding="utf-8")
    run_cli("check", "pm.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    assert len(json.loads((tmp_path / "baseline.json").read_text())["findings"]) == 2
    pm.write_text(PM + item + item, encoding="utf-8")
    assert len(findings(run_cli, tmp_path, "pm.yaml", "--baseline", "baseline.json")) == 1


def test_fixed_findings_drop_out_on_rewrite_and_rewrite_is_byte_stable(tmp_path, run_cli):
    pm = tmp_path / "pm.yaml"
    pm.write_text(PM + "  - title: Page the owner\n    due: 2024-05-02\n", encoding="utf-8")
    run_cli("check", "pm.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    first = (tmp_path / "baseline.json").read_bytes()
    run_cli("check", "pm.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    assert (tmp_path / "baseline.json").read_bytes() == first
    pm.write_text(PM + "  - title: Page the owner\n    due: 2024-05-02\n    owner: sre\n", encoding="utf-8")
    code, _, err = run_cli("check", "pm.yaml", *SELECT, "--baseline", "baseline.json", "--statistics", cwd=tmp_path)
    assert code == 0 and "baseline entries no longer match" in err
    run_cli("check", "pm.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    entries = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert [entry["message"] for entry in entries] == ['Action item "Add alert" has no owner']
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # atomic write left nothing behind


def test_partial_run_keeps_other_files_entries(tmp_path, run_cli):
    (tmp_path / "a.yaml").write_text(PM, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(PM, encoding="utf-8")
    run_cli("check", ".", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    (tmp_path / "a.yaml").write_text(PM.replace("    due:", "    owner: sre\n    due:"), encoding="utf-8")
    run_cli("check", "a.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    entries = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert [entry["path"] for entry in entries] == ["b.yaml"]
    (tmp_path / "b.yaml").unlink()  # entries of deleted files drop out too
    run_cli("check", ".", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    assert json.loads((tmp_path / "baseline.json").read_text())["findings"] == []


def test_config_baseline_key_is_relative_to_the_config_file(tmp_path, run_cli):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "pm.yaml").write_text(PM, encoding="utf-8")
    run_cli("check", "docs", *SELECT, "--write-baseline", "pmlint-baseline.json", cwd=tmp_path)
    install_rule(tmp_path, "baseline: pmlint-baseline.json\n")
    assert findings(run_cli, docs, "pm.yaml") == []  # run from a subfolder: found via the config


def test_bad_baseline_is_a_usage_error(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(PM, encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    code, _, err = run_cli("check", "pm.yaml", "--baseline", "bad.json", cwd=tmp_path)
    assert code == 2 and "baseline" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli("check", "pm.yaml", "--baseline", "missing.json", cwd=tmp_path)
    assert code == 2 and "--write-baseline" in err


def test_fingerprint_normalisation_unit():
    from pmlint.fingerprint import normalise_message, normalise_pointer

    assert normalise_pointer("/action_items/12/owner") == "/action_items/*/owner"
    assert normalise_pointer("/timeline/3") == "/timeline/*"
    assert normalise_message("Took  45 minutes\n(SLO 30)") == "Took 0 minutes (SLO 0)"


def test_summary_and_statistics_say_what_the_baseline_hid(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(PM + "  - title: Add runbook\n", encoding="utf-8")
    run_cli("check", "pm.yaml", *SELECT, "--write-baseline", "baseline.json", cwd=tmp_path)
    code, out, err = run_cli("check", "pm.yaml", *SELECT, "--baseline", "baseline.json", "--statistics",
                             "--no-color", cwd=tmp_path)
    assert code == 0
    assert "All clear: 1 file checked, no findings (2 hidden by the baseline)." in out
    assert "2  hidden by the baseline" in err and "per-path" not in err
    (tmp_path / "pm.yaml").write_text(PM + "  - title: Add runbook\n  - title: Add dashboard\n", encoding="utf-8")
    code, out, _ = run_cli("check", "pm.yaml", *SELECT, "--baseline", "baseline.json", "--no-color", cwd=tmp_path)
    assert code == 1 and "Found 1 error in 1 file (1 file checked; 2 hidden by the baseline)." in out


def test_summary_without_a_baseline_mentions_none(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text(PM.replace("  - title: Add alert\n    due: 2024-05-01\n", "  []\n"),
                                      encoding="utf-8")
    code, out, err = run_cli("check", "pm.yaml", *SELECT, "--no-color", "--statistics", cwd=tmp_path)
    assert code == 0 and "All clear: 1 file checked, no findings." in out and "hidden" not in err
