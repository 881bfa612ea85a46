"""`pmlint functions`: the check-function listing, docs/functions.md, plugin functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmlint.engine import registry
from pmlint.engine.builtin import list_functions
from pmlint.engine.functions import Hit
from pmlint.engine.rules import RuleError, compile_rule
from pmlint.report.functions import functions_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_docs_functions_md_is_current():
    current = (ROOT / "docs" / "functions.md").read_text(encoding="utf-8")
    assert current == functions_markdown(list_functions(plugins=False)), \
        "docs/functions.md is stale: run `pmlint functions --format markdown > docs/functions.md`"


def test_readme_links_functions_doc():
    assert "(docs/functions.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_table_lists_every_function_with_its_options(run_cli):
    code, out, _ = run_cli("functions")
    assert code == 0
    names = {function.name for function in list_functions()}
    assert {"truthy", "pattern", "absent_pattern", "enum", "count"} <= names
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "SUMMARY"]
    for name in names:
        assert any(line.startswith(name + " ") for line in lines), name
    assert any("match: Regex the value must contain." in line for line in lines)


def test_json_lists_name_summary_and_options(run_cli):
    code, out, _ = run_cli("functions", "--format", "json")
    assert code == 0
    by_name = {entry["name"]: entry for entry in json.loads(out)}
    assert by_name["pattern"]["summary"].startswith("A text value contains `match`")
    assert [option["name"] for option in by_name["pattern"]["options"]] == ["match", "not_match", "ignore_case"]
    assert by_name["defined"]["options"] == [] and by_name["defined"]["plugin"] is None
    assert [option["name"] for option in by_name["truthy"]["options"]] == ["cite"]


def test_markdown_is_what_the_doc_holds(run_cli):
    code, out, _ = run_cli("functions", "--format", "markdown")
    assert code == 0 and out == functions_markdown(list_functions())


RULE = {"id": "ACME900", "name": "acme-ticket-format", "severity": "warning", "summary": "s", "rationale": "r",
        "fix": "f", "message": "m", "given": "$.action_items[*]"}


class FakeEntryPoint:
    name = "acme"
    value = "acme_pmlint.checks:register"

    def load(self):
        @registry.check("acme_ticket", {"prefix": {"type": "string", "description": "Ticket prefix."}})
        def acme_ticket(value, pointer, options, context):
            """Tickets start with `prefix`."""
            if isinstance(value, str) and not value.startswith(options.get("prefix", "ACME-")):
                yield Hit()

        return acme_ticket


class BrokenEntryPoint:
    name = "broken"
    value = "broken:nothing"

    def load(self):
        raise ImportError("no module named broken")


@pytest.fixture
def plugin(monkeypatch):
    """A package that registers `acme_ticket` through the `pmlint.functions` entry point group."""
    import importlib.metadata

    registry.get_function("truthy")  # the built-in checks are registered before the plugin scan
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    monkeypatch.setattr(registry, "_loaded_plugins", False)
    seen = []

    def entry_points(group=None, **_):
        seen.append(group)
        return [BrokenEntryPoint(), FakeEntryPoint()] if group == "pmlint.functions" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    return seen


def test_a_function_from_an_entry_point_is_found(plugin):
    rule = compile_rule({**RULE, "then": {"field": "ticket", "function": "acme_ticket", "options": {"prefix": "X-"}}})
    assert plugin == ["pmlint.functions"]
    assert rule.checks[0].function == "acme_ticket"
    listed = {function.name: function for function in list_functions()}
    assert "acme_ticket" in listed and "acme_ticket" not in {f.name for f in list_functions(plugins=False)}


def test_plugin_functions_are_listed_with_their_origin(plugin, run_cli):
    code, out, _ = run_cli("functions")
    assert code == 0
    assert "acme_ticket" in out and "(from acme_pmlint.checks:register)" in out and "prefix: Ticket prefix." in out


def test_an_unknown_name_is_still_the_unknown_function_error(plugin):
    with pytest.raises(RuleError, match="unknown check function 'acme_tickets' in `then`"):
        compile_rule({**RULE, "then": {"field": "ticket", "function": "acme_tickets"}})
    assert plugin == ["pmlint.functions"]  # the plugins were searched before giving up
