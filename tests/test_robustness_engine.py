"""A bug in one rule is one PM009 finding naming the rule; every other rule still runs.
Anything else that goes wrong is one line on stderr and exit 2; `--debug` shows the traceback."""

from __future__ import annotations

import textwrap

import pytest

from pmlint.engine import functions
from pmlint.engine.rules import compile_rule, load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_text
from pmlint.settings import merge_settings

BROKEN_RULE = {
    "id": "TST990", "name": "broken-rule", "severity": "warning", "summary": "s", "rationale": "r", "fix": "f",
    "message": "m", "given": "$", "then": {"function": "explode_for_test"},
}
POSTMORTEM = "title: Outage\ntitle: again\naction_items:\n  - title: Add an alert\n"


@pytest.fixture
def exploding_function():
    @functions.check("explode_for_test")
    def explode(value, pointer, options, context):
        raise ZeroDivisionError("boom in the check")
        yield  # pragma: no cover  (a generator, like every check)

    functions.get_function("truthy")  # make sure the built-in registry is loaded first
    yield
    functions.REGISTRY.pop("explode_for_test", None)


def test_a_failing_rule_is_pm009_and_the_others_still_report(exploding_function):
    rules = [*load_rules(), compile_rule(BROKEN_RULE)]
    findings = lint_document(load_text("pm.yaml", POSTMORTEM), rules,
                             RunOptions(settings=merge_settings(None), severity={}))
    internal = [finding for finding in findings if finding.rule_id == "PM009"]
    assert len(internal) == 1
    assert "TST990" in internal[0].message and "broken-rule" in internal[0].message
    assert "ZeroDivisionError" in internal[0].message
    others = {finding.rule_id for finding in findings} - {"PM009"}
    assert "PM003" in others and len(others) >= 2


def test_pm009_cannot_be_suppressed_away(exploding_function):
    rules = [*load_rules(), compile_rule(BROKEN_RULE)]
    text = "# pmlint: disable-file=PM009,TST990\n" + POSTMORTEM
    findings = lint_document(load_text("pm.yaml", text), rules, RunOptions(settings=merge_settings(None), severity={}))
    assert any(finding.rule_id == "PM009" for finding in findings)


def _user_rule_dir(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "TST990-broken-rule.yaml").write_text(textwrap.dedent("""\
        id: TST990
        name: broken-rule
        severity: warning
        summary: s
        rationale: r
        fix: f
        message: m
        given: $
        then: {function: explode_for_test}
        examples: [{valid: "title: x"}]
        """))
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [rules]\n")
    (tmp_path / "pm.yaml").write_text(POSTMORTEM)


def test_cli_reports_pm009_without_a_traceback(tmp_path, run_cli, exploding_function):
    _user_rule_dir(tmp_path)
    code, out, err = run_cli("check", "--format", "json", "pm.yaml", cwd=tmp_path)
    assert code == 1
    assert '"PM009"' in out and "TST990" in out and '"PM003"' in out
    assert "Traceback" not in err and "Traceback" not in out


def test_cli_debug_shows_the_traceback(tmp_path, run_cli, exploding_function):
    _user_rule_dir(tmp_path)
    code, out, err = run_cli("--debug", "check", "--format", "json", "pm.yaml", cwd=tmp_path)
    assert code == 1 and '"PM009"' in out
    assert "Traceback" in err and "ZeroDivisionError: boom in the check" in err


def test_unexpected_error_is_one_line_exit_2_and_debug_shows_traceback(tmp_path, monkeypatch, capsys):
    from pmlint import cli, lint

    (tmp_path / "pm.yaml").write_text(POSTMORTEM)
    monkeypatch.chdir(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(lint, "lint_files", broken)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "pm.yaml"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: disk on fire" in err and "Traceback" not in err
    with pytest.raises(RuntimeError, match="disk on fire"):  # --debug lets the traceback through
        cli.main(["--debug", "check", "pm.yaml"])
