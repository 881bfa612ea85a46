"""Causes left on earlier held-out sets (judged false or noise there), each read as its
author meant it, beside a twin that keeps the finding (synthetic documents):
- a header's "Detected" and "Resolved" rows: how long the incident ran, at the least;
- "A few minutes later, I got an email:" over the notice it quotes, and "AWS emailed me
  ..., saying the key was publicly exposed": the news arriving, how it was noticed;
- "We found both vulnerabilities on 24 August 2026": the team's own review found the flaw.
"""

from __future__ import annotations

import pytest

from conftest import impact_asks, rule_severities, write

CAUSE = "\n## Root cause\n\nA partial update skipped validation.\n"
SUMMARY = "\n## Summary\n\nThe pipeline published 373 records with missing metadata.\n"


@pytest.mark.parametrize("rows, how_long_missing", [
    ("| **Detected** | 2021-03-05 23:27 |\n| **Resolved** | 2021-03-06 03:34 |\n", False),
    ("- Time detected: 2021-03-05 23:27 UTC\n- Resolved at: 2021-03-06 03:34 UTC\n", False),
    ("| **Detected** | 2021-03-05 23:27 |\n| **Team** | SN |\n", True),
    ("| **Detected** | 2021-03-06 03:34 |\n| **Resolved** | 2021-03-05 23:27 |\n", True),
    ("| **Detected** | 2021-03-05 |\n| **Resolved** | 2021-03-06 |\n", True),
])
def test_detected_and_resolved_rows_bound_how_long(tmp_path, run_cli, rows, how_long_missing):
    text = "# Incomplete records published\n\n| Field | Value |\n| --- | --- |\n" + rows + SUMMARY + CAUSE
    if rows.startswith("-"):
        text = "# Incomplete records published\n\n" + rows + SUMMARY + CAUSE
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "how long") is how_long_missing


TIMELINE = "\n## Timeline\n\n- 2026-05-13 09:00 UTC push\n- 2026-05-13 10:00 UTC key rotated\n"


@pytest.mark.parametrize("sentence, default", [
    ("A few minutes later, I got an email:\n\n> Your AWS account is compromised.", []),
    ("AWS emailed me a few minutes after the push, saying the key was publicly exposed.", []),
    ("A few minutes later, I got an email.", ["warning"]),
    ("I emailed AWS a few minutes after the push, asking about the key.", ["warning"]),
    ("The vendor emailed us about the planned upgrade.", ["warning"]),
])
def test_a_message_bringing_the_news_is_the_detection(tmp_path, run_cli, sentence, default):
    text = "# Leaked key\n\n## Summary\n\nThe secret key of one account was public for 2 hours.\n\n" + \
        sentence + "\n" + TIMELINE + CAUSE
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default


@pytest.mark.parametrize("sentence, default", [
    ("We found both vulnerabilities on 24 August 2026 and deployed the fixes the same day.", []),
    ("We found the root cause on 24 August 2026 and deployed the fixes the same day.", ["warning"]),
    ("We patched both vulnerabilities on 24 August 2026.", ["warning"]),
])
def test_a_flaw_the_team_found_is_the_detection(tmp_path, run_cli, sentence, default):
    text = "# Token scope flaws\n\n## Summary\n\nTwo flaws let 3 tokens reach other organisations for 2 days.\n\n" + \
        sentence + "\n" + TIMELINE + CAUSE
    assert rule_severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default
