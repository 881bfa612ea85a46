"""Nothing in the linted repository can run code, and pmlint never changes what it lints.

- no YAML tag constructs an object: in a postmortem, a config, or a rule file;
- rule files can name only registered check functions (Python ones come from
  installed entry points), never a dotted path or a builtin;
- message templates substitute bare names only, never attribute or index access;
- reports are written atomically, only where asked, never over a postmortem.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from pmlint.atomic import write_atomic
from pmlint.errors import PmlintError

PAYLOADS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.call [['touch', '{marker}']]",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!ruby/object:Gem::Installer {{x: 1}}",
]


def payload(template: str, marker: Path) -> str:
    return template.format(marker=marker)


@pytest.mark.parametrize("template", PAYLOADS)
def test_yaml_tags_in_a_postmortem_never_run(tmp_path, run_cli, template):
    marker = tmp_path / "PWNED"
    (tmp_path / "pm.yaml").write_text(f"title: Outage\nsummary: {payload(template, marker)}\n")
    code, out, err = run_cli("check", "--format", "json", "pm.yaml", cwd=tmp_path)
    assert code == 1, err
    assert "yaml-tag" in out or "PM004" in out or "PM001" in out
    assert not marker.exists()


@pytest.mark.parametrize("template", PAYLOADS[:3])
def test_yaml_tags_in_config_never_run(tmp_path, run_cli, template):
    marker = tmp_path / "PWNED"
    (tmp_path / ".pmlint.yaml").write_text(f"select: {payload(template, marker)}\n")
    (tmp_path / "pm.yaml").write_text("title: Outage\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and ".pmlint.yaml:1:" in err
    assert not marker.exists()


@pytest.mark.parametrize("template", PAYLOADS[:3])
def test_yaml_tags_in_rule_files_never_run(tmp_path, run_cli, template):
    marker = tmp_path / "PWNED"
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "TST901-x.yaml").write_text(f"id: TST901\nname: x\nmessage: {payload(template, marker)}\n")
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [rules]\n")
    (tmp_path / "pm.yaml").write_text("title: Outage\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "TST901-x.yaml" in err
    assert not marker.exists()


RULE = textwrap.dedent("""\
    id: TST901
    name: custom
    severity: error
    summary: s
    rationale: r
    fix: f
    message: {message}
    given: $
    then: {{function: {function}, field: title}}
    examples: [{{valid: "title: x"}}]
    """)


@pytest.mark.parametrize("function", ["os.system", "__import__", "exec", "eval", "builtins.open",
                                      "pmlint.engine.functions.REGISTRY", "subprocess.run", "../evil"])
def test_rule_files_cannot_name_python_callables(tmp_path, run_cli, function):
    marker = tmp_path / "PWNED"
    rules = tmp_path / "rules"
    rules.mkdir()
    # a module next to the rules that would leave a marker if anything imported it
    for name in ("evil.py", "functions.py", "pmlint_functions.py", "__init__.py"):
        (rules / name).write_text(f"open({str(marker)!r}, 'w').write('x')\n")
        (tmp_path / name).write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (rules / "TST901-custom.yaml").write_text(RULE.format(message="m", function=f"'{function}'"))
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [rules]\n")
    (tmp_path / "pm.yaml").write_text("title: Outage\n")
    code, _, err = run_cli("check", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "unknown check function" in err and "TST901-custom.yaml" in err
    assert not marker.exists()


def test_message_templates_cannot_reach_python_objects(tmp_path, run_cli):
    rules = tmp_path / "rules"
    rules.mkdir()
    message = "'{title.__class__} {title.__init__.__globals__} {__class__} {title[0]} {0}'"
    (rules / "TST901-custom.yaml").write_text(RULE.format(message=message, function="truthy"))
    (tmp_path / ".pmlint.yaml").write_text("rules-dirs: [rules]\n")
    (tmp_path / "pm.yaml").write_text("title: ''\n")
    code, out, err = run_cli("check", "--select", "TST901", "--format", "json", "pm.yaml", cwd=tmp_path)
    # refused when the rule loads (one line, file and line of `message`), before any document is read
    assert code == 2 and out == ""
    assert "TST901-custom.yaml:" in err and "is not a plain field name" in err
    # and the renderer itself substitutes bare names only, whatever template reaches it
    from pmlint.engine.run import render

    rendered = render(message, {"title": "x"}, None, "/title", {})
    assert "<class" not in rendered and "__builtins__" not in rendered and "<function" not in rendered


def test_pmlint_never_modifies_a_postmortem(tmp_path, run_cli):
    files = {
        "a.yaml": b"title: x\ntitle: y\n\t- tab\n",
        "b.md": b"# Outage\n\n## Summary\n\nThe cache failed.\n",
        "c.yaml": b"\xef\xbb\xbftitle: bom\r\nsummary: crlf\r\n",
        "d.yaml": "title: café\n".encode("utf-16"),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in tmp_path.iterdir()}
    run_cli("check", ".", cwd=tmp_path)
    run_cli("check", "--format", "json", "--no-suppressions", ".", cwd=tmp_path)
    after = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in tmp_path.iterdir()}
    assert after == before  # same bytes, same mtimes, no new files


def test_report_is_never_written_over_a_linted_file(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text("title: x\n")
    code, _, err = run_cli("check", "--format", "json", "--output", "pm.yaml", "pm.yaml", cwd=tmp_path)
    assert code == 2 and "refusing" in err
    assert (tmp_path / "pm.yaml").read_text() == "title: x\n"
    code, _, err = run_cli("check", "--format", "json:./pm.yaml", ".", cwd=tmp_path)
    assert code == 2 and (tmp_path / "pm.yaml").read_text() == "title: x\n"


def test_output_is_written_only_where_asked(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text("title: x\n")
    run_cli("check", "--format", "json", "--output", "report.json", "pm.yaml", cwd=tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pm.yaml", "report.json"]


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]


def test_atomic_write_failure_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old")

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(PmlintError, match="No space left"):
        write_atomic(target, "new" * 1000)
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]


def test_atomic_write_interrupted_mid_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "chmod", interrupted)  # after the content is written, before the rename
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_to_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(PmlintError, match="cannot write"):
        write_atomic(tmp_path / "no" / "such" / "report.json", "x")


def test_atomic_write_keeps_permissions_readable(tmp_path):
    target = tmp_path / "report.json"
    write_atomic(target, "x")
    assert target.stat().st_mode & 0o044  # not mkstemp's private 0600


def test_report_is_never_written_through_a_link_to_a_linted_file(tmp_path, run_cli):
    (tmp_path / "pm.yaml").write_text("title: x\n")
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "pm.yaml")
    code, _, err = run_cli("check", "-f", "json", "-o", "report.json", "alias.yaml", cwd=tmp_path)
    assert code != 2  # an ordinary report file is fine
    code, _, err = run_cli("check", "-f", "json", "-o", "pm.yaml", "alias.yaml", cwd=tmp_path)
    assert code == 2 and "refusing" in err
    assert (tmp_path / "pm.yaml").read_text() == "title: x\n"
