"""The first document a process lints also pays for what every later one finds ready
(modules imported and regexes compiled on first use, a cold cache): on a busy CI runner
that alone ran out a 5-second budget on a 9 KB postmortem, and PM007 was reported as an
error (held-out CH, judged false). A first document that runs out is tried once more,
warm; one that runs out again, or any later one, is reported."""

from __future__ import annotations

import pytest

from pmlint import budget, lint
from pmlint.discover import SourceFile

DOC = b"# Checkout outage\n\n## Summary\n\nCheckout failed for 300 users for 2 hours.\n"


def _rules_and_options():
    from pmlint.engine.rules import load_rules
    from pmlint.engine.run import RunOptions
    from pmlint.settings import DEFAULT_SETTINGS

    return tuple(load_rules()), RunOptions(settings=dict(DEFAULT_SETTINGS), severity={})


@pytest.fixture
def slow_loads(monkeypatch):
    """Make the first `count` loads run out of time, as a cold start under load does."""
    real = lint.load_bytes
    calls = {"n": 0, "slow": 0}

    def load(content, display, settings):
        calls["n"] += 1
        if calls["n"] <= calls["slow"]:
            raise budget.BudgetExceeded("load", 5.0)
        return real(content, display, settings)

    monkeypatch.setattr(lint, "load_bytes", load)
    return calls


@pytest.mark.parametrize("warm, slow, reported", [
    (False, 1, False),  # the first document, slow once: tried again, warm, and checked
    (False, 2, True),   # slow again when warm: the document itself is too slow
    (True, 1, True),    # a later document: no second try
])
def test_a_first_document_slow_only_from_a_cold_start_is_checked(monkeypatch, slow_loads, warm, slow, reported):
    monkeypatch.setattr(lint, "_warm", warm)
    slow_loads["slow"] = slow
    rules, options = _rules_and_options()
    found = lint.lint_source(SourceFile("pm.md", "pm.md", content=DOC), rules, options)[0]
    assert any(finding.rule_id == "PM007" for finding in found) is reported
