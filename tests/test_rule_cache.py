"""The compiled rule pack is cached, and the cache is never trusted blindly.

Behaviour through the real command (`python -m pmlint`, its own cache folder per test):
a cached run reports exactly what a fresh one does; a corrupt, stale or tampered cache
is ignored and rewritten; user rules are re-read when their bytes change; a bad rule
option is a one-line error naming file and line, exit 2 (never PM009 at run time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, write

RULE = """\
id: ACME201
name: acme-summary-words
category: document
severity: warning
summary: The summary is short.
rationale: A reader with one minute reads the summary; a long one is not read.
given: $
then:
  field: summary
  function: length
  options: {max: MAX}
message: 'Summary has {count} words'
fix: Cut the summary to the essentials.
examples:
  - valid: "summary: Short."
"""


def pmlint(*args: str, cache: Path, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PMLINT_NO_CACHE"}
    environment.update(PMLINT_CACHE_DIR=str(cache), **env)
    return subprocess.run([sys.executable, "-m", "pmlint", *args], capture_output=True, text=True,
                          env=environment, cwd=cwd, timeout=120)


def findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, int, str]]:
    return [(item["rule"], item["line"], item["column"], item["message"])
            for item in json.loads(result.stdout)["findings"]]


@pytest.fixture
def sample() -> Path:
    return EXAMPLES / "flawed-blame.yaml"


def builtin_cache(cache: Path) -> list[Path]:
    return sorted(cache.glob("builtin-*.json"))


def test_a_cached_run_reports_exactly_what_a_fresh_run_does(tmp_path: Path, sample: Path) -> None:
    cache = tmp_path / "cache"
    fresh = pmlint("check", "-f", "json", str(sample), cache=cache)
    assert len(builtin_cache(cache)) == 1, "the first run writes the compiled pack"
    cached = pmlint("check", "-f", "json", str(sample), cache=cache)
    uncached = pmlint("check", "-f", "json", str(sample), cache=tmp_path / "other", PMLINT_NO_CACHE="1")
    assert fresh.returncode == cached.returncode == uncached.returncode
    assert fresh.stdout == cached.stdout == uncached.stdout
    assert not (tmp_path / "other").exists(), "PMLINT_NO_CACHE writes nothing"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong-key", "wrong-shape", "unknown-function"])
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, sample: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    expected = pmlint("check", "-f", "json", str(sample), cache=cache)
    (entry,) = builtin_cache(cache)
    text = entry.read_text(encoding="utf-8")
    payload = json.loads(text)
    if damage == "garbage":
        entry.write_bytes(b"\x80\x04\x95 not json at all")
    elif damage == "truncated":
        entry.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "wrong-key":
        payload["key"] = "0" * 32
        entry.write_text(json.dumps(payload), encoding="utf-8")
    elif damage == "wrong-shape":
        payload["rules"][0]["line"] = "one"
        entry.write_text(json.dumps(payload), encoding="utf-8")
    else:  # a rule naming a function nobody registered: compiles from its source instead
        payload["rules"][0]["data"]["then"] = {"function": "__import__('os').system"}
        entry.write_text(json.dumps(payload), encoding="utf-8")
    again = pmlint("check", "-f", "json", str(sample), cache=cache)
    assert (again.returncode, again.stdout) == (expected.returncode, expected.stdout)
    assert again.stderr == ""
    rebuilt = json.loads(entry.read_text(encoding="utf-8"))
    assert rebuilt["rules"][0]["data"] == json.loads(text)["rules"][0]["data"], "rewritten from the rule files"


def test_user_rules_are_cached_by_content_and_re_read_when_edited(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    rules = tmp_path / "rules"
    write(rules / "ACME201.yaml", RULE.replace("MAX", "3"))
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\nselect: [ACME201]\n")
    write(tmp_path / "pm.yaml", "summary: The cache node failed over and checkout timed out for a third of users.\n")
    first = pmlint("check", "-f", "json", "pm.yaml", cache=cache, cwd=tmp_path)
    assert [rule for rule, *_ in findings(first)] == ["ACME201"]
    assert len(list(cache.glob("rule-*.json"))) == 1
    write(rules / "ACME201.yaml", RULE.replace("MAX", "100"))
    second = pmlint("check", "-f", "json", "pm.yaml", cache=cache, cwd=tmp_path)
    assert findings(second) == [], "the edited rule is read again, not served stale from the cache"
    assert second.returncode == 0


@pytest.mark.parametrize("cached", [False, True])
def test_a_bad_rule_option_is_a_one_line_error_with_file_and_line(tmp_path: Path, cached: bool) -> None:
    cache = tmp_path / "cache"
    rules = tmp_path / "rules"
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\n")
    write(tmp_path / "pm.yaml", "summary: Checkout timed out.\n")
    if cached:  # a good version first, so the cache holds an entry for the folder
        write(rules / "ACME201.yaml", RULE.replace("MAX", "10"))
        assert pmlint("check", "pm.yaml", cache=cache, cwd=tmp_path).returncode in (0, 1)
    write(rules / "ACME201.yaml", RULE.replace("MAX", "'ten'"))
    result = pmlint("check", "pm.yaml", cache=cache, cwd=tmp_path)
    assert result.returncode == 2
    assert "PM009" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "ACME201.yaml:11:" in lines[0]
    assert "max" in lines[0] and "whole number" in lines[0] and '"ten"' in lines[0]


def test_setting_references_stand_in_for_any_option_value(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    write(tmp_path / "rules" / "ACME201.yaml", RULE.replace("MAX", "{setting: summary_max_words}"))
    write(tmp_path / ".pmlint.yaml", "rules-dirs: [rules]\nselect: [ACME201]\n")
    write(tmp_path / "pm.yaml", "summary: Checkout timed out.\n")
    result = pmlint("check", "pm.yaml", cache=cache, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr


def test_cached_rules_compile_regexes_and_read_examples_only_when_needed(tmp_path: Path, monkeypatch) -> None:
    from pmlint.engine import rules as rules_module
    from pmlint.engine.run import RunOptions, lint_document
    from pmlint.load import load_text

    monkeypatch.setenv("PMLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    write(folder / "ACME101.yaml", (Path(__file__).parent / "fixtures" / "rules" / "ACME101-action-item-jira.yaml")
          .read_text(encoding="utf-8"))
    for _ in range(2):  # the second load comes from the cache
        rules_module.load_rules.cache_clear()
        (rule,) = [rule for rule in rules_module.load_rules((str(folder),)) if rule.id == "ACME101"]
    spec = rule.checks[0]
    assert spec.pending and "_match" not in spec.options, "the regex waits for the rule's first run"
    assert rule.example_list is None, "examples are not parsed for a check run"
    document = load_text("pm.yaml", "action_items: [{title: Add alert, ticket: see slack}]\n")
    found = lint_document(document, [rule], RunOptions(settings={}, severity={}))
    assert [finding.rule_id for finding in found] == ["ACME101"]
    assert not spec.pending and "_match" in spec.options
    assert len(rule.examples) == 2, "read from the rule's file on first use"
    rules_module.load_rules.cache_clear()


def test_an_unwritable_cache_costs_nothing_but_the_parse(tmp_path: Path, sample: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n")
    expected = pmlint("check", "-f", "json", str(sample), cache=tmp_path / "ok")
    result = pmlint("check", "-f", "json", str(sample), cache=blocker)
    assert (result.returncode, result.stdout, result.stderr) == (expected.returncode, expected.stdout, "")


def test_the_cache_never_writes_through_a_link(tmp_path: Path, monkeypatch) -> None:
    from pmlint.engine import pack

    folder, victim = tmp_path / "cache", tmp_path / "victim.txt"
    folder.mkdir()
    victim.write_text("keep me\n")
    monkeypatch.setenv("PMLINT_CACHE_DIR", str(folder))
    (folder / f".builtin-x.json.{os.getpid()}.tmp").symlink_to(victim)
    pack.write("builtin-x.json", "x", [pack.RuleSource("r.yaml", {"id": "X"}, 1)])
    assert victim.read_text() == "keep me\n"
    pack.write("builtin-y.json", "y", [pack.RuleSource("r.yaml", {"id": "Y"}, 1)])
    assert pack.read("builtin-y.json", "y") == [pack.RuleSource("r.yaml", {"id": "Y"}, 1)]
    assert pack.read("builtin-y.json", "z") is None, "another key is another cache"


#: options that take a constant of any type on purpose
ANY_VALUE = {("compare", "value")}


def test_every_function_option_declares_its_type():
    """What makes a bad option a load-time error (exit 2) instead of PM009 on every
    document: an option without a type accepts anything when the rule loads."""
    from pmlint.engine.builtin import list_functions

    untyped = [(function.name, key) for function in list_functions(plugins=False)
               for key, schema in function.options["properties"].items()
               if not {"type", "enum", "const", "anyOf", "oneOf", "$ref"} & set(schema)
               and (function.name, key) not in ANY_VALUE]
    assert untyped == []


def test_checkouts_of_the_same_pack_in_two_folders_share_one_cache_entry(tmp_path: Path, monkeypatch) -> None:
    """The key covers relative paths and bytes, so the entry must not hold absolute paths:
    two virtualenvs or work trees with the same rules overwrote each other's entry on every
    run, and each run parsed all the rule files again."""
    import shutil

    from pmlint.engine import rules as rules_module

    monkeypatch.setenv("PMLINT_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "a" / "rules", tmp_path / "b" / "rules"
    shutil.copytree(rules_module.builtin_rules_dir(), first)
    shutil.copytree(rules_module.builtin_rules_dir(), second)
    from_first = rules_module._load_builtin(first, False)
    assert len(builtin_cache(tmp_path / "cache")) == 1

    def parse(path: Path, validate: bool) -> None:
        raise AssertionError(f"{path} was parsed again: the cache entry was not used")

    monkeypatch.setattr(rules_module, "_parse_rule_file", parse)
    for folder in (second, first, second):
        loaded = rules_module._load_builtin(folder, False)
        assert [rule.id for rule in loaded] == [rule.id for rule in from_first]
        assert all(Path(rule.source).is_relative_to(folder) for rule in loaded), "sources name this checkout's files"
        assert loaded[0].examples, "examples are read from this checkout's rule file"
    assert len(builtin_cache(tmp_path / "cache")) == 1
