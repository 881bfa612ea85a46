"""Hostile input to the loaders: every case is a finding, never a crash, hang or traceback.

Issue 6: alias and merge bombs, deep nesting (flow, block, compact, hidden in
quotes), size limit, long lines, NUL bytes, BOMs, UTF-16, invalid UTF-8, tabs.
"""

from __future__ import annotations

import time

import pytest

from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_path, load_text
from pmlint.load.limits import decode
from pmlint.settings import merge_settings

RULES = load_rules()
OPTIONS = RunOptions(settings=merge_settings(None), severity={})

ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9))
MERGE_BOMB = "a: &a {x: 1, y: 2}\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)}\n  <<: [{','.join([f'*{chr(97 + i)}'] * 10)}]\n  k{i}: 1\n" for i in range(9))

DEEP = {
    "flow sequences": "a: " + "[" * 100_000 + "]" * 100_000,
    "flow mappings": "{a: " * 100_000 + "}" * 100_000,
    "unclosed flow": "[" * 100_000,
    "compact sequences on one line": "- " * 100_000 + "x",
    "explicit keys on one line": "? " * 100_000 + "x",
    "block sequences": "".join(" " * i + "-\n" for i in range(0, 12_000, 1)[:3000]),
    "block mappings 10k deep": "".join(" " * i + "k:\n" for i in range(10_000)),
    "sequence of mappings": "".join("  " * i + "- k:\n" for i in range(5_000)),
    "flow after a quote the block scalar opened": "a: |\n  [\nb: it's\nc: " + "[" * 100_000 + "\n",
    "flow inside block": "".join(" " * i + "- [\n" for i in range(3_000)),
    "mixed": "a: [" + "{b: [" * 30_000,
}


def problems(text: str, path: str = "pm.yaml") -> list[tuple[str, str]]:
    document = load_text(path, text)
    return [(problem.code, problem.message) for problem in document.problems]


def finding_ids(text: str, path: str = "pm.yaml") -> list[str]:
    return [finding.rule_id for finding in lint_document(load_text(path, text), RULES, OPTIONS)]


@pytest.mark.parametrize("text", [ALIAS_BOMB, MERGE_BOMB], ids=["alias bomb", "merge bomb"])
def test_alias_and_merge_bombs_finish_fast_with_a_finding(text):
    started = time.perf_counter()
    ids = finding_ids(text)
    assert time.perf_counter() - started < 1.0
    assert "PM002" in ids
    assert "too-large-expansion" in [code for code, _ in problems(text)]


def test_recursive_anchor_is_a_finding():
    assert [code for code, _ in problems("a: &a [*a]\n")] == ["syntax"]
    assert "PM004" in finding_ids("a: &a [*a]\n") or "PM001" in finding_ids("a: &a [*a]\n")


def test_aliases_within_limits_share_values():
    document = load_text("pm.yaml", "base: &b {owner: sre}\nitem:\n  <<: *b\n  title: x\nother: *b\n")
    assert document.problems == []
    assert document.data["item"] == {"owner": "sre", "title": "x"}
    assert document.data["other"] == {"owner": "sre"}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_is_a_finding_not_a_crash(name):
    codes = [code for code, _ in problems(DEEP[name])]
    assert codes and codes[0] in {"too-deep", "syntax"}, codes
    assert set(finding_ids(DEEP[name])) & {"PM002", "PM004", "PM001"}


def test_deep_nesting_reports_too_deep():
    assert problems("a: " + "[" * 10_001)[0][0] == "too-deep"
    assert problems("".join(" " * i + "k:\n" for i in range(10_001)))[0][0] == "too-deep"


def test_brackets_in_text_are_not_nesting():
    text = "summary: |\n  " + "[" * 5_000 + "\ntitle: 'it''s [ { ['\n"
    assert problems(text) == []


def test_file_over_size_limit_is_a_finding_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: b\n" * 2_000)
    opened: list[str] = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    document = load_path(str(path), {"max_file_bytes": 1_000})
    assert [problem.code for problem in document.problems] == ["too-large"]
    assert "max_file_bytes" in document.problems[0].message
    assert str(path) not in opened


def test_size_limit_is_configurable_through_the_cli(tmp_path, run_cli):
    (tmp_path / ".pmlint.yaml").write_text("settings:\n  max_file_bytes: 100\n")
    (tmp_path / "pm.yaml").write_text("title: x\n" + "summary: " + "y" * 200 + "\n")
    code, out, _ = run_cli("check", "--format", "json", "pm.yaml", cwd=tmp_path)
    assert code == 1 and '"PM002"' in out and "100-byte limit" in out


def test_very_long_lines_are_fine():
    text = "title: " + "x" * 3_000_000 + "\nsummary: ok\n"
    started = time.perf_counter()
    assert problems(text) == []
    assert time.perf_counter() - started < 2
    long_tag = "a: !" + "t" * 1_000_000 + " v\n"
    started = time.perf_counter()
    found = problems(long_tag)
    assert time.perf_counter() - started < 2
    assert found[0][0] == "yaml-tag" and len(found[0][1]) < 200


def test_nul_bytes_are_reported_with_position():
    result = decode(b"title: x\nsum\x00mary: y\n")
    assert result.problem is not None and result.problem.code == "encoding"
    assert (result.problem.span.line, result.problem.span.column) == (2, 4)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "pm.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: Outage\n")
    document = load_path(str(path))
    assert document.problems == [] and document.data == {"title": "Outage"}


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_decoded(tmp_path, codec):
    path = tmp_path / "pm.yaml"
    path.write_bytes("title: Café outage 日本\nsummary: ok\n".encode(codec))
    document = load_path(str(path))
    assert document.problems == []
    assert document.data == {"title": "Café outage 日本", "summary": "ok"}


def test_binary_is_reported_not_decoded():
    result = decode(bytes(range(256)) * 4)
    assert result.problem is not None and result.problem.code == "encoding"


def test_invalid_utf8_is_reported_with_its_byte_offset():
    result = decode(b"title: ok\nsummary: caf\xe9\n")
    assert result.problem is not None
    assert "offset 22" in result.problem.message and "0xe9" in result.problem.message
    assert (result.problem.span.line, result.problem.span.column) == (2, 13)
    with_bom = decode(b"\xef\xbb\xbftitle: ok\nsummary: caf\xe9\n")
    assert with_bom.problem is not None and "offset 25" in with_bom.problem.message


def test_tabs_in_indentation_are_a_syntax_finding_with_a_hint():
    found = problems("impact:\n\tusers_affected: 3\n")
    assert found[0][0] == "syntax"
    assert "tab" in found[0][1].lower()
    assert "PM004" in finding_ids("impact:\n\tusers_affected: 3\n") or \
        "PM001" in finding_ids("impact:\n\tusers_affected: 3\n")


@pytest.mark.parametrize("text,code", [
    ("", "empty"), ("# only a comment\n", "empty"), ("- a\n- b\n", "not-a-mapping"), ("just text\n", "not-a-mapping"),
    ("a: 1\na: 2\n", "duplicate-key"), ("a: 1\n---\nb: 2\n", "multiple-documents"), ("? [a]\n: b\n", "complex-key"),
    ("a: !!python/object:os.system x\n", "yaml-tag"), ("a: [1, 2\n", "syntax"), ("a: *nope\n", "syntax"),
])
def test_structure_problems(text, code):
    assert code in [found for found, _ in problems(text)]
    lint_document(load_text("pm.yaml", text), RULES, OPTIONS)  # and the rule pack copes


@pytest.mark.parametrize("name", sorted(DEEP))
def test_markdown_loader_survives_the_same_input(name):
    lint_document(load_text("pm.md", DEEP[name][:200_000]), RULES, OPTIONS)
    lint_document(load_text("pm.md", "---\n" + DEEP[name][:200_000] + "\n---\n# Title\n"), RULES, OPTIONS)
