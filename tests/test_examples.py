"""The shipped examples, YAML and Markdown: the exemplary ones are clean under strict, each
flawed one triggers exactly the rules examples/README.md lists for it, and together they
hit every category."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from checks_helpers import lint_yaml

from pmlint.config import Config, select_rules
from pmlint.engine.rules import load_rules
from pmlint.engine.run import RunOptions, lint_document
from pmlint.load import load_path
from pmlint.settings import merge_settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FLAWED = sorted(EXAMPLES.glob("flawed-*.yaml")) + sorted(EXAMPLES.glob("flawed-*.md"))


def findings_for(path: Path, preset: str):
    rules = select_rules(load_rules(), Config(), preset=preset)
    return lint_document(load_path(str(path)), rules, RunOptions(settings=merge_settings(None), severity={}))


@pytest.mark.parametrize("name", ["exemplary.yaml", "exemplary.md"])
def test_exemplary_is_clean_under_strict(name):
    found = findings_for(EXAMPLES / name, "strict")
    assert found == [], "\n".join(f"{f.rule_id} {f.span.line}: {f.message}" for f in found)


@pytest.mark.parametrize("drop,expected", [
    ("AI-2", {"PM307", "PM802"}),           # no architecture item any more
    ("AI-4", {"PM202"}),                    # night pages no longer answered
])
def test_exemplary_silence_is_earned(drop, expected):
    """Removing one action item from the exemplary document must make the rules speak."""
    text = (EXAMPLES / "exemplary.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - id: {drop}\n")
    end = text.index("  - id: ", start + 1)
    found = {f.rule_id for f in lint_yaml(text[:start] + text[end:])}
    assert expected <= found, found


def test_flawed_examples_cover_every_category():
    categories = {f.rule_id[2] for path in FLAWED for f in findings_for(path, "recommended")}
    assert categories >= set("012345678"), sorted(categories)


@pytest.mark.parametrize("path", FLAWED, ids=[p.name for p in FLAWED])
def test_each_flawed_example_fails_and_is_documented(path):
    assert findings_for(path, "recommended"), f"{path.name} triggers nothing"
    assert f"[{path.name}]({path.name})" in (EXAMPLES / "README.md").read_text(encoding="utf-8")


def readme_expectations(name: str) -> set[str]:
    """The rule ids examples/README.md lists for `name` under `recommended` (the part of the
    row's last column before any strict-only addition)."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| [{name}]({name})"))
    expected = row.rstrip(" |").rsplit("|", 1)[1]
    recommended = re.split(r"\(and |with `--preset strict`", expected)[0]
    return set(re.findall(r"PM\d{3}", recommended))


@pytest.mark.parametrize("path", FLAWED, ids=[p.name for p in FLAWED])
def test_each_flawed_example_triggers_exactly_what_the_readme_says(path):
    found = {f.rule_id for f in findings_for(path, "recommended")}
    assert found == readme_expectations(path.name)
