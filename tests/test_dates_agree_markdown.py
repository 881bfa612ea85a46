"""PM012 on Markdown: a blog's front-matter `date` is the publication date, not the incident's."""

from __future__ import annotations

from pathlib import Path

from conftest import write

POST = """---
title: Leaked token
date: {published}
tags: [security]
---

On June 28, 2024 we were notified of a leaked token.

## Timeline of events

- 2023-03-03: image pushed with the token
- 2024-06-28 07:09 UTC: a researcher reports the token
- 2024-06-28 07:26 UTC: token revoked
"""


def _pm012(run_cli, tmp_path: Path, published: str) -> list[str]:
    write(tmp_path / "2024-06-28-leaked-token.md", POST.format(published=published))
    code, out, _ = run_cli("check", "--format", "json", "--select", "PM012", str(tmp_path))
    import json

    return [finding["message"] for finding in json.loads(out)["findings"]]


def test_publication_date_days_after_the_incident_is_not_a_disagreement(run_cli, tmp_path):
    assert _pm012(run_cli, tmp_path, "2024-07-08") == []


def test_a_date_before_the_incident_still_disagrees(run_cli, tmp_path):
    messages = _pm012(run_cli, tmp_path, "2024-05-01")
    assert messages and "2024-05-01" in messages[0]


def test_a_date_a_year_later_is_no_publication_window(run_cli, tmp_path):
    assert _pm012(run_cli, tmp_path, "2025-09-01")
