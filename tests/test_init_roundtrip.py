"""`pmlint init` follows the file name, and the Markdown template reads back whole: every
field it offers, filled in as its comments ask, lands in its schema field in `convert`
and satisfies the rules that ask for it."""

from __future__ import annotations

import json
import re

import pytest
from ruamel.yaml import YAML

from conftest import write

FILLED = [  # placeholder line in the template → what an author writes
    ("title: ISSUE NAME", "title: Checkout outage after a connection-pool change"),
    ("date: YYYY-MM-DD", "date: 2025-06-21"),
    ("services: [TBD]", "services: [checkout]"),
    ('authors: ["[Name]"]', "authors: [dana]"),
    ("# ISSUE NAME", "# Checkout outage after a connection-pool change"),
    ("## Summary\n\nTBD", "## Summary\n\nCheckout failed for 45 minutes after a config change halved the database "
                          "connection pool. A rollback restored service."),
    ("## Impact\n\nTBD", "## Impact\n\nCheckout failed and 1,200 users were affected, lasting 45 minutes, burning 18% of the "
                         "monthly error budget of the checkout SLO."),
    ("- Method: alert", "- Method: alert"),
    ("- Source: TBD", "- Source: checkout error-rate alert"),
    ("- Gap: TBD", "- Gap: no alert on connection-pool saturation"),
    ("- YYYY-MM-DD HH:MM UTC - TBD: impact starts", "- 2025-06-21 14:00 UTC - Config change deployed: impact starts"),
    ("- YYYY-MM-DD HH:MM UTC - TBD: alert fired / first report", "- 2025-06-21 14:05 UTC - Error-rate alert fired"),
    ("- YYYY-MM-DD HH:MM UTC - TBD: mitigated", "- 2025-06-21 14:40 UTC - Rollback finished: mitigated"),
    ("- YYYY-MM-DD HH:MM UTC - TBD: resolved", "- 2025-06-21 14:45 UTC - Error rate back to normal: resolved"),
    ("## Trigger\n\nTBD", "## Trigger\n\nA config change that lowered the database connection pool size from 40 to 20."),
    ("- [code] TBD", "- [code] The pool size is read from config without a lower bound, so a typo halves the pool."),
    ("- **Code:** TBD", "- **Code:** the pool size had no validation or lower bound."),
    ("- **Infrastructure:** TBD", "- **Infrastructure:** not a factor, the database hosts had room to spare."),
    ("- **Architecture:** TBD", "- **Architecture:** every service shares one database, so one pool starves checkout."),
    ("- Pages: 0", "- Pages: 3"),
    ("- Off-hours pages: 0", "- Off-hours pages: 1"),
    ("- Responders: 0", "- Responders: 2"),
    ("- Person-hours: 0", "- Person-hours: 2"),
    ("- Toil: TBD", "- Toil: rolled back the config by hand on each of 4 hosts"),
    ("## Resolution\n\nTBD", "## Resolution\n\nWe rolled back the config change by hand on each host."),
    ("| TBD | [Name] | YYYY-MM-DD | P2 | [Ticket] | prevent | code |",
     "| Validate pool size against a lower bound in config loading | dana | 2025-07-15 | P1 | OPS-123 | prevent | code |\n"
     "| Automate config rollback in the deploy pipeline | sre | 2025-07-30 | P2 | OPS-124 | mitigate | infrastructure |\n"
     "| Give checkout its own database connection budget | arch | 2025-09-30 | P2 | OPS-125 | prevent | architecture |"),
    ("### What went well\n\n- TBD", "### What went well\n\n- The error-rate alert fired within five minutes."),
    ("### What went wrong\n\n- TBD", "### What went wrong\n\n- The rollback was manual on every host."),
    ("### Where we got lucky\n\n- TBD", "### Where we got lucky\n\n- The change went out at a quiet hour."),
]

EXPECTED = {
    "title": "Checkout outage after a connection-pool change", "date": "2025-06-21", "status": "draft",
    "severity": "SEV2", "services": ["checkout"], "authors": ["dana"], "timezone": "UTC",
    "summary": "Checkout failed for 45 minutes after a config change halved the database connection pool. "
               "A rollback restored service.",
    "trigger": "A config change that lowered the database connection pool size from 40 to 20.",
    "resolution": "We rolled back the config change by hand on each host.",
    "detection": {"method": "alert", "source": "checkout error-rate alert",
                  "gap": "no alert on connection-pool saturation"},
    "root_causes": [{"summary": "The pool size is read from config without a lower bound, so a typo halves the pool.",
                     "layer": "code"}],
    "layer_analysis": {"code": "the pool size had no validation or lower bound.",
                       "infrastructure": "not a factor, the database hosts had room to spare.",
                       "architecture": "every service shares one database, so one pool starves checkout."},
    "lessons": {"went_well": ["The error-rate alert fired within five minutes."],
                "went_wrong": ["The rollback was manual on every host."],
                "got_lucky": ["The change went out at a quiet hour."]},
    "related_incidents": ["INC-1042"],
}


def filled_template(run_cli, tmp_path) -> str:
    code, _, err = run_cli("init", "pm.md", cwd=tmp_path)
    assert code == 0, err
    text = re.sub(r"<!--.*?-->\n?", "", (tmp_path / "pm.md").read_text(encoding="utf-8"), flags=re.S)
    for placeholder, value in FILLED:
        assert placeholder in text, f"the template no longer offers {placeholder!r}: update FILLED"
        text = text.replace(placeholder, value)
    text = text.rstrip() + "\n\n- INC-1042\n"  # under "Related incidents"
    assert not re.search(r"\bTBD\b|YYYY|\[Name\]|\[Ticket\]|ISSUE NAME", text), "a placeholder is left unfilled"
    return text


def test_every_field_of_the_markdown_template_lands_in_its_place(run_cli, tmp_path):
    write(tmp_path / "filled.md", filled_template(run_cli, tmp_path))
    code, out, err = run_cli("convert", "filled.md", cwd=tmp_path)
    assert code == 0, err
    data = json.loads(json.dumps(YAML(typ="safe", pure=True).load(out)))
    for key, value in EXPECTED.items():
        assert data.get(key) == value, key
    impact = data["impact"]
    assert (impact["duration_minutes"], impact["users_affected"], impact["customer_facing"]) == (45, 1200, True)
    assert impact["slo"] == {"budget_consumed": 0.18, "name": "checkout"}
    assert [(entry["at"], entry["kind"]) for entry in data["timeline"]] == [
        ("2025-06-21T14:00:00+00:00", "started"), ("2025-06-21T14:05:00+00:00", "detected"),
        ("2025-06-21T14:40:00+00:00", "mitigated"), ("2025-06-21T14:45:00+00:00", "resolved")]
    on_call = data["on_call"]
    assert (on_call["pages"], on_call["off_hours_pages"], on_call["responders"], on_call["person_hours"]) == (3, 1, 2, 2.0)
    assert on_call["toil"] == ["rolled back the config by hand on each of 4 hosts"]
    first = data["action_items"][0]
    assert first == {"title": "Validate pool size against a lower bound in config loading", "owner": "dana",
                     "due": "2025-07-15", "priority": "P1", "ticket": "OPS-123", "type": "prevent", "layer": "code"}
    assert [item["layer"] for item in data["action_items"]] == ["code", "infrastructure", "architecture"]


def test_a_filled_markdown_template_passes_the_strict_preset(run_cli, tmp_path):
    write(tmp_path / "filled.md", filled_template(run_cli, tmp_path))
    code, out, err = run_cli("check", "--preset", "strict", "--format", "json", "filled.md", cwd=tmp_path)
    findings = [(f["rule"], f["message"]) for f in json.loads(out)["findings"]]
    assert findings == [] and code == 0, findings


@pytest.mark.parametrize("name, fmt, first", [("pm.md", "markdown", "---"), ("notes/pm.markdown", "markdown", "---"),
                                              ("pm.yaml", "yaml", "#"), ("deep/er/pm.yml", "yaml", "#")])
def test_init_follows_the_extension_and_creates_folders(run_cli, tmp_path, name, fmt, first):
    code, out, err = run_cli("init", name, cwd=tmp_path)
    assert code == 0, err
    from pmlint.templates import template_text

    assert (tmp_path / name).read_text(encoding="utf-8") == template_text(fmt)
    assert template_text(fmt).startswith(first)
    code, _, _ = run_cli("init", "--format", fmt, "again/" + name, cwd=tmp_path)  # agreeing --format is fine
    assert code == 0


@pytest.mark.parametrize("args", [("--format", "yaml", "pm.md"), ("--format", "markdown", "pm.yml"),
                                  ("--format", "yaml", "notes/pm")])
def test_a_format_that_contradicts_the_extension_is_a_one_line_error(run_cli, tmp_path, args):
    code, out, err = run_cli("init", *args, cwd=tmp_path)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("pmlint: error: --format ") and "does not match" in err
    assert not list(tmp_path.iterdir())


def test_a_name_pmlint_reads_as_markdown_gets_the_markdown_template(run_cli, tmp_path):
    """Files without .yaml/.yml are read as Markdown, so that is the template they get."""
    from pmlint.templates import template_text

    for name in ("incident-42", "pm.txt"):
        code, _, err = run_cli("init", name, cwd=tmp_path)
        assert code == 0, err
        assert (tmp_path / name).read_text(encoding="utf-8") == template_text("markdown")
    (tmp_path / "folder").mkdir()
    code, out, _ = run_cli("init", "--format", "markdown", "folder", cwd=tmp_path)
    assert code == 0 and out.startswith("Wrote folder/postmortem-") and ".md:" in out
