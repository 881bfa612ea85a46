"""Regexes from a pull request's config or rule files cannot backtrack (RE2), and one
RE2 cannot honour is a one-line configuration error naming the file and line."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from conftest import write

TITLE = " ".join(["word"] * 30) + "!"
PM = f"title: {TITLE}\nsummary: {TITLE}\n"
RULE = """\
id: ACME101
name: title-shape
severity: warning
summary: Titles have a shape.
rationale: Catastrophic backtracking must not hang CI.
given: $
then:
  field: title
  function: pattern
  options: {{match: '{pattern}'}}
message: 'Title has no shape'
fix: Give it a shape.
examples:
  - valid: |
      title: aaaa
"""


def run(tmp_path, *args, timeout=60):
    started = time.monotonic()
    completed = subprocess.run([sys.executable, "-m", "pmlint", *args], cwd=tmp_path, capture_output=True,
                               text=True, timeout=timeout)
    return completed.returncode, completed.stdout, completed.stderr, time.monotonic() - started


def test_catastrophic_placeholder_pattern_from_config_runs_in_linear_time(tmp_path):
    write(tmp_path / ".pmlint.yaml", "settings:\n  template_placeholders: ['(\\w+\\s?)+$']\n")
    write(tmp_path / "pm.yaml", PM)
    write(tmp_path / "words.yaml", "title: only words here\n")
    code, out, err, seconds = run(tmp_path, "check", "pm.yaml", "words.yaml", "-f", "json")
    assert code in (0, 1), err
    assert seconds < 20  # with Python's re this was still running after 60 s
    by_file = {(f["path"], f["rule"]) for f in json.loads(out)["findings"]}
    assert ("words.yaml", "PM010") in by_file and ("pm.yaml", "PM010") not in by_file  # it still matches


def test_catastrophic_rule_pattern_runs_in_linear_time(tmp_path):
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\n")
    write(tmp_path / "rules" / "ACME101.yaml", RULE.format(pattern="^(a+)+$"))
    write(tmp_path / "pm.yaml", "title: " + "a" * 40 + "!\n")
    code, out, err, seconds = run(tmp_path, "check", "pm.yaml", "-f", "json", "--select", "ACME101")
    assert code in (0, 1), err
    assert seconds < 20
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["ACME101"]


def test_backreference_in_settings_is_a_config_error_with_file_and_line(tmp_path):
    write(tmp_path / ".pmlint.yaml", "settings:\n  template_placeholders:\n    - '(a)\\1'\n")
    write(tmp_path / "pm.yaml", PM)
    code, out, err, _ = run(tmp_path, "check", "pm.yaml")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert ".pmlint.yaml:3" in err and "template_placeholders" in err


def test_lookahead_in_a_rule_file_is_a_config_error_with_file_and_line(tmp_path):
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\n")
    write(tmp_path / "rules" / "ACME101.yaml", RULE.format(pattern="a(?=b)"))
    write(tmp_path / "pm.yaml", PM)
    code, _, err, _ = run(tmp_path, "check", "pm.yaml")
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "ACME101.yaml:" in err and "lookaround" in err
