"""Generated documentation stays in sync: docs/rules.md and the README settings table."""

from __future__ import annotations

from pathlib import Path

from pmlint.engine.rules import load_rules
from pmlint.report.rules import rules_markdown
from pmlint.settings import DEFAULT_SETTINGS, SETTINGS_HELP, settings_table

ROOT = Path(__file__).resolve().parent.parent


def test_docs_rules_md_is_current():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(load_rules()), \
        "docs/rules.md is stale: run `pmlint rules --format markdown > docs/rules.md`"


def test_cli_renders_the_same_markdown(run_cli):
    code, out, _ = run_cli("rules", "--format", "markdown")
    assert code == 0 and out == rules_markdown(load_rules())


def test_readme_links_rules_doc():
    assert "(docs/rules.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    assert set(DEFAULT_SETTINGS) == set(SETTINGS_HELP)


def test_readme_settings_table_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- settings-table:start -->\n", "<!-- settings-table:end -->"
    table = readme[readme.index(start) + len(start):readme.index(end)]
    assert table == settings_table(), "README settings table is stale: regenerate it from pmlint.settings.settings_table()"


def test_rules_list_shows_presets(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0 and "PRESET" in out
    assert any(line.startswith("PM301") and " strict " in line for line in out.splitlines())
