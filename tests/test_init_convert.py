"""`pmlint init` writes templates that load cleanly and never overwrite; `convert` prints YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.load import load_path

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


@pytest.mark.parametrize("fmt, suffix", [("yaml", "yaml"), ("markdown", "md")])
def test_init_writes_a_template_that_loads_without_read_problems(run_cli, tmp_path, fmt, suffix):
    code, out, _ = run_cli("init", "--format", fmt, cwd=tmp_path)
    assert code == 0
    written = list(tmp_path.glob(f"postmortem-*.{suffix}"))
    assert len(written) == 1 and written[0].name in out
    document = load_path(str(written[0]))
    assert not document.broken and not document.problems
    for key in ("summary", "impact", "timeline", "root_causes", "action_items", "lessons", "on_call"):
        assert key in document.data, key


def test_template_is_not_accepted_until_filled_in(run_cli, tmp_path):
    run_cli("init", "--format", "markdown", "pm.md", cwd=tmp_path)
    code, out, _ = run_cli("check", "pm.md", "--select", "PM010", "--format", "json", cwd=tmp_path)
    assert code != 0 or '"PM010"' in out
    assert '"PM010"' in out


def test_init_refuses_to_overwrite_without_force(run_cli, tmp_path):
    target = tmp_path / "pm.md"
    target.write_text("# My postmortem\n", encoding="utf-8")
    code, _, err = run_cli("init", "--format", "markdown", str(target), cwd=tmp_path)
    assert code == 2
    assert "already exists" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "# My postmortem\n"
    code, _, _ = run_cli("init", "--format", "markdown", "--force", str(target), cwd=tmp_path)
    assert code == 0 and "## Action items" in target.read_text(encoding="utf-8")


def test_yaml_template_converts_back_to_the_same_data(run_cli, tmp_path):
    run_cli("init", "pm.yaml", cwd=tmp_path)
    code, out, _ = run_cli("convert", "pm.yaml", cwd=tmp_path)
    assert code == 0
    (tmp_path / "round.yaml").write_text(out, encoding="utf-8")
    assert load_path(str(tmp_path / "round.yaml")).data == load_path(str(tmp_path / "pm.yaml")).data


def test_convert_markdown_prints_schema_fields_in_order(run_cli):
    code, out, _ = run_cli("convert", str(FIXTURES / "sre-table.md"))
    assert code == 0
    keys = [line.split(":")[0] for line in out.splitlines() if line and line[0].isalpha()]
    assert keys == ["title", "date", "status", "severity", "summary", "timeline", "action_items"]
    assert "owner: dana" in out and "at: '2025-06-21T23:05:00+00:00'" in out
    assert "at: '2025-06-22T00:10:00+00:00'" in out  # midnight rollover


def test_convert_missing_file_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("convert", str(tmp_path / "nope.md"))
    assert code == 2 and "no such file" in err
