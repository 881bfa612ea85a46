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
    # `detection` is inferred from the timeline's "Alert fired" and marked as such
    assert keys == ["title", "date", "status", "severity", "summary", "detection", "timeline", "action_items"]
    assert "  method: alert  # inferred from" in out
    assert "owner: dana" in out and "at: '2025-06-21T23:05:00+00:00'" in out
    assert "at: '2025-06-22T00:10:00+00:00'" in out  # midnight rollover


def test_convert_missing_file_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("convert", str(tmp_path / "nope.md"))
    assert code == 2 and "no such file" in err


INIT = Path(__file__).parent / "fixtures" / "init"
TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "pmlint" / "templates"


@pytest.mark.parametrize("fmt, name", [("yaml", "pm.yaml"), ("markdown", "pm.md")])
def test_fresh_template_fails_with_one_placeholder_error(run_cli, tmp_path, fmt, name):
    """An unfinished template must not merge: PM010 is an error, said once per document,
    and the placeholders it counts are not reported again by PM005/PM303/PM501."""
    import json

    run_cli("init", "--format", fmt, name, cwd=tmp_path)
    code, out, _ = run_cli("check", name, "--format", "json", cwd=tmp_path)
    assert code == 1
    findings = json.loads(out)["findings"]
    placeholder = [f for f in findings if f["rule"] == "PM010"]
    assert len(placeholder) == 1 and placeholder[0]["severity"] == "error"
    assert "template placeholders left in, first:" in placeholder[0]["message"]
    assert not {f["rule"] for f in findings} & {"PM005", "PM303", "PM501"}, findings
    code, out, _ = run_cli("check", name, cwd=tmp_path)  # the text report says the same
    assert code == 1 and out.count("PM010") == 1


@pytest.mark.parametrize("name", ["filled.yaml", "filled.md"])
def test_filled_in_template_passes_the_default_preset(run_cli, name):
    code, out, _ = run_cli("check", str(INIT / name))
    assert code == 0, out


def _headings(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("#") and not line.startswith("# ")]


def _front_matter_keys(text: str) -> list[str]:
    import yaml

    return list(yaml.safe_load(text.split("---\n")[1]))


def test_filled_fixtures_keep_the_templates_structure():
    """The fixtures are the templates filled in: if a template changes, refill its fixture."""
    import yaml

    template = yaml.safe_load((TEMPLATES / "postmortem.yaml").read_text(encoding="utf-8"))
    filled = yaml.safe_load((INIT / "filled.yaml").read_text(encoding="utf-8"))
    assert list(filled) == list(template)
    for key, value in template.items():
        if isinstance(value, dict):
            assert set(filled[key]) >= set(value), key
    template_md = (TEMPLATES / "postmortem.md").read_text(encoding="utf-8")
    filled_md = (INIT / "filled.md").read_text(encoding="utf-8")
    assert _headings(filled_md) == _headings(template_md)
    assert _front_matter_keys(filled_md) == _front_matter_keys(template_md)


@pytest.mark.parametrize("text, expected", [
    ("action_items:\n  - title: TODO add a disk-space alert\n", 1),
    ("action_items:\n  - {title: Add a disk-space alert, owner: FIXME}\n", 1),
    ("summary: todo\n", 1),
    ("summary: The todo list service lost its cache.\n", 0),
    ("action_items:\n  - {title: Todo list sync retries with backoff, status: todo}\n", 0),
])
def test_todo_and_fixme_are_placeholders_only_as_markers(text, expected):
    from checks_helpers import lint_yaml

    found = [f for f in lint_yaml("title: Checkout outage\n" + text) if f.rule_id == "PM010"]
    assert len(found) == expected, found


@pytest.mark.parametrize("preset", [None, "strict"])
def test_yaml_and_markdown_templates_give_the_same_rules(run_cli, tmp_path, preset):
    """Both fresh templates fail on placeholders (PM010) plus the same other rules: a
    team's choice of format must not change what an unfilled template is told."""
    import json

    ids = {}
    for fmt, name in (("yaml", "pm.yaml"), ("markdown", "pm.md")):
        run_cli("init", "--format", fmt, name, cwd=tmp_path)
        args = ["check", name, "--format", "json"] + (["--preset", preset] if preset else [])
        code, out, _ = run_cli(*args, cwd=tmp_path)
        assert code == 1
        ids[fmt] = {f["rule"] for f in json.loads(out)["findings"]}
    assert "PM010" in ids["yaml"]
    assert ids["yaml"] == ids["markdown"]
