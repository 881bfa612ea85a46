"""The README's custom-rule example is a tested fixture: it loads, and its examples pass."""

from __future__ import annotations

from pathlib import Path

import yaml

from pmlint.engine.examples import run_examples
from pmlint.engine.rules import load_rule_file, load_rules

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- readme-rule-example:start -->\n```yaml\n", "```\n<!-- readme-rule-example:end -->"


def readme_rule(tmp_path: Path) -> Path:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(START) + len(START):readme.index(END)]
    path = tmp_path / "ACME101-action-item-jira.yaml"
    path.write_text(block, encoding="utf-8")
    return path


def test_readme_rule_example_loads_and_its_examples_pass(tmp_path):
    rule = load_rule_file(readme_rule(tmp_path), validate=True)
    outcomes = run_examples([rule], [*load_rules(), rule])
    assert outcomes and all(outcome.passed for outcome in outcomes), [o.describe() for o in outcomes]


def test_readme_rule_example_reports_an_action_item_without_any_ticket(tmp_path):
    data = yaml.safe_load(readme_rule(tmp_path).read_text(encoding="utf-8"))
    invalid = [yaml.safe_load(example["invalid"]) for example in data["examples"] if "invalid" in example]
    assert any(all("ticket" not in item for item in doc["action_items"]) for doc in invalid)


def test_readme_rule_example_passes_test_rules(tmp_path, run_cli):
    readme_rule(tmp_path)
    code, out, _ = run_cli("test-rules", str(tmp_path))
    assert code == 0 and "3 passed, 0 failed" in out, out
