"""Adversarial postmortems: long runs of what rules, loaders and helpers look for.

Each generator returns a document of about `size` bytes in which one `token` is
repeated in every place a rule reads (title, summary, impact, timeline, causes,
action items, lessons, comments), so a super-linear scan anywhere shows up as a
ratio: the time at 4x the size is at most 6x the time (near-linear, whatever the
machine's speed). Used by tests/test_scaling.py and benchmarks/adversarial.py.
"""

from __future__ import annotations

from pmlint.settings import DEFAULT_SETTINGS


def _trigger_words() -> str:
    """Every word and phrase of every built-in word-list setting, once, space-separated."""
    words: list[str] = []
    for value in DEFAULT_SETTINGS.values():
        if isinstance(value, list):
            words.extend(item for item in value if isinstance(item, str) and "\\" not in item)
        elif isinstance(value, dict):
            for item in value.values():
                if isinstance(item, list):
                    words.extend(word for word in item if isinstance(word, str))
    return " ".join(dict.fromkeys(words)) + " "


#: name → the token repeated. The issue's cases first, then brackets, markers and words.
TOKENS: dict[str, str] = {
    "failed-to": "Bob failed to ",
    "tbd": "TBD ",
    "bracket": "[",
    "if-only": "if only ",
    "should-have": "should have ",
    "clock": "12:30 ",
    "clock-placeholder": "HH:MM ",
    "bracket-paren": "[(",
    "digits": "1",
    "digits-percent": "12345%",
    "digit-space": "1 ",
    "spaces": " ",
    "paren": "(",
    "brace": "{",
    "angle": "<",
    "backtick": "`",
    "quote": '"',
    "apostrophe": "'",
    "star": "*",
    "underscore": "_",
    "pipe": "|",
    "dash": "- ",
    "colon": ":",
    "hash": "#",
    "date": "2025-06-14 ",
    "datetime": "2025-06-14T23:10:00+02:00 ",
    "sev": "SEV1 ",
    "capitalised": "Bob Alice ",
    "people": "Bob pushed ",
    "url": "https://x.io/",
    "ticket": "JIRA-123 ",
    "noticed": "Karpenter noticed that ",
    "disclosure": "a security researcher reported via HackerOne ",
    "provider-night": "- 03:10 - The team of the hosting provider responded\n",
    "continue-to": "- Continue to host ",
    "erring": "Jacob restarted the node by mistake, Acme support said ",
    "unowned-item": "- [ ] Study the queue [x] - Jane by next sprint\n",
    "triggers": _trigger_words(),
    "duration-window": "the outage lasted 4:21h from 10:00 to 14:52 ",
    "duration-cue": "for a total outage of about ",
    "zone-range": "10:30 AM BST - May 28 2025, 19:30 UTC ",
    "zone-mix": "- 2025-05-28 10:30 BST: halt\n- 2025-05-28 11:10 UTC (10:10 PST) resume\n",
}

_SECTIONS = ("summary", "impact", "timeline", "root_causes", "action_items", "lessons", "resolution", "detection")


def _run(token: str, size: int) -> str:
    return (token * (size // max(len(token), 1) + 1))[:size]


def _yaml_text(run: str) -> str:
    """`run` as a YAML double-quoted scalar (any character survives)."""
    return '"' + run.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_document(token: str, size: int) -> str:
    """A YAML postmortem with `token` repeated to about `size` bytes across its fields."""
    part = max(size // 12, 1)
    run = _yaml_text(_run(token, part))
    comment = _run(token, part).replace("\n", " ")
    return f"""# {comment}
title: {run}
date: 2025-06-14
severity: SEV1
summary: {run}
impact:
  description: {run}
  revenue: {run}
detection: {{method: customer, source: {run}}}
timeline:
  - {{at: "2025-06-14T23:10:00+02:00", event: {run}, kind: started}}
  - {{at: {run}, event: x, kind: detected}}
trigger: {run}
root_causes:
  - {{summary: {run}, layer: code, description: {run}, whys: [{run}]}}
action_items:
  - {{title: {run}, owner: {run}, due: 2025-07-01}}
lessons: {{went_wrong: [{run}]}}
resolution: {run}
"""


def markdown_document(token: str, size: int) -> str:
    """A Markdown postmortem with `token` repeated to about `size` bytes in each kind of block."""
    part = max(size // 14, 1)
    run = _run(token, part).replace("\n", " ")
    return f"""---
title: {_yaml_text(run)}
date: 2025-06-14
severity: SEV1
---

# {run}

## Summary

{run}

## Impact

{run}

## Timeline

- 2025-06-14 23:10 {run}
- 23:58 {run}
- 00:10 {run}

| Time | Event |
|---|---|
| 00:20 | {run} |

## Root cause

- {run}

## Action items

- [ ] {run}

| Action | Owner | Due |
|---|---|---|
| {run} | {run} | 2025-07-01 |

## Lessons learned

{run}

## Resolution

{run}
"""


def suppression_document(fmt: str, count: int) -> str:
    """`count` suppression comments, each on its own line before a line with a finding."""
    if fmt == "yaml":
        lines = [f"# pmlint: disable=PM701 -- reason {index}\nx{index}: should have\n" for index in range(count)]
        return "title: t\n" + "".join(lines)
    lines = [f"<!-- pmlint: disable=PM701 -- reason {index} -->\nThe engineer should have known.\n\n"
             for index in range(count)]
    return "# T\n\n## Summary\n\n" + "".join(lines)
