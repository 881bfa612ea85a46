"""Forms the held-out sets' remaining false findings showed (sets BC to BQ, judged before
this session), each read as its author meant it, beside a twin that keeps the finding
(synthetic documents):
- "Both bots went down", "All of the product management pages were deleted": what was
  hit, all of it (both of two is all of them; pages, wikis and bots are what was hit);
- "When I pulled up the site, I was greeted with a message that I had been hacked": the
  writer noticed it on coming to their own service.
"""

from __future__ import annotations

import pytest

from conftest import impact_asks, rule_severities as _severities, write

PLAN = """
## Timeline

- 09:00 UTC deploy
- 10:00 UTC rollback started
- 13:00 UTC fixed

## Root cause

The webhook injected an agent.

## Action items

- [ ] Pin the webhook namespace selector (owner: @ana, due 2026-01-10)
"""


@pytest.mark.parametrize("sentence, who_missing", [
    ("A pod restart went wrong and both bots went down.", False),
    ("A pod restart went wrong and all of the product management pages were deleted.", False),
    ("A pod restart went wrong and the bots were annoying.", True),
])
def test_all_of_what_was_hit_names_who_was_hit(tmp_path, run_cli, sentence, who_missing):
    text = f"# Outage\n\n## Summary\n\n{sentence} It lasted 4 hours.\n" + PLAN
    assert impact_asks(run_cli, write(tmp_path / "pm.md", text), "who or what was affected") is who_missing


@pytest.mark.parametrize("sentence, default", [
    ("When I pulled up the site, I was greeted with a lovely message that I had been hacked.", []),
    ("We were greeted with a 502 page.", []),
    ("The guests were greeted with a warm welcome.", ["warning"]),
    ("When I joined the bridge I was greeted with a friendly welcome message.", ["warning"]),
])
def test_greeted_by_the_failure_is_how_it_was_noticed(tmp_path, run_cli, sentence, default):
    text = f"# Outage\n\n## Summary\n\nThe site was down for 2 hours and 300 users could not log in. {sentence}\n" + PLAN
    assert _severities(run_cli, write(tmp_path / "pm.md", text), "PM401") == default
