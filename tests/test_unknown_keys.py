"""PM016: a typo in a YAML key never passes silently; extensions are declared."""

from __future__ import annotations

import json

from conftest import write

DOC = """\
title: Checkout outage
sumary: The API failed.
x-team: payments
cost_center: payments
impact:
  duraton_minutes: 45
  slo: {name: checkout, budget_consumd: 0.2}
detection: {method: alert, sorce: pager}
on_call: {pages: 3, off_hour_pages: 1}
timeline:
  - {at: '2025-06-21T14:00:00Z', event: Deploy, knd: started}
root_causes:
  - {summary: Pool size unbounded, layr: code}
action_items:
  - {title: Add alert, owner: dana, tickt: OPS-12}  # pmlint: disable=PM301
lessons: {went_wel: [Alert fired]}
"""


def findings(run_cli, tmp_path, *args):
    code, out, err = run_cli("check", "--select", "PM016", "-f", "json", *args, "pm.yaml", cwd=tmp_path)
    assert code in (0, 1), err
    return [(f["line"], f["column"], f["message"]) for f in json.loads(out)["findings"]]


def test_every_level_reports_the_typo_with_a_suggestion_at_the_key(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", DOC)
    found = findings(run_cli, tmp_path)
    messages = [message for _, _, message in found]
    expected = [
        ('sumary', 'the top level', 'summary'), ('cost_center', 'the top level', None),
        ('duraton_minutes', 'impact', 'duration_minutes'), ('budget_consumd', 'impact.slo', 'budget_consumed'),
        ('sorce', 'detection', 'source'), ('off_hour_pages', 'on_call', 'off_hours_pages'),
        ('knd', 'timeline[0]', 'kind'), ('layr', 'root_causes[0]', 'layer'), ('tickt', 'action_items[0]', 'ticket'),
        ('went_wel', 'lessons', 'went_well')]
    for key, where, suggestion in expected:
        [message] = [m for m in messages if f'"{key}"' in m]
        assert f'in {where}' in message
        assert (f"(did you mean '{suggestion}'?)" in message) if suggestion else "did you mean" not in message
    assert len(found) == len(expected)  # x-team is an extension
    assert (2, 1) in [(line, column) for line, column, _ in found]  # the key itself


def test_declared_extensions_and_strict(run_cli, tmp_path):
    write(tmp_path / "pm.yaml", DOC)
    write(tmp_path / ".pmlint.yaml", "settings:\n  extension_keys: [cost_center, sorce]\n")
    keys = [m.split('"')[1] for _, _, m in findings(run_cli, tmp_path)]
    assert "cost_center" not in keys and "sorce" not in keys and "tickt" in keys
    # strict: unknown top-level keys are PM005 errors, so PM016 does not repeat them
    write(tmp_path / ".pmlint.yaml", "strict: true\n")
    code, out, _ = run_cli("check", "--select", "PM005,PM016", "-f", "json", "pm.yaml", cwd=tmp_path)
    by_rule = {}
    for finding in json.loads(out)["findings"]:
        by_rule.setdefault(finding["rule"], []).append(finding["message"])
    assert not any('"sumary"' in message for message in by_rule["PM016"])
    assert any("sumary" in message for message in by_rule["PM005"])
    assert any('"tickt"' in message for message in by_rule["PM016"])


def test_the_schema_stays_open_for_editors():
    from pmlint.schema import load_schema

    schema = load_schema("postmortem")
    assert schema.get("additionalProperties", True) is True
    assert schema["properties"]["action_items"]["items"].get("additionalProperties", True) is True
