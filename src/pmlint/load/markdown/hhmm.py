"""Timelines written in military time: `1738: Cloudinary posted an incident report`,
`[1758](https://slack/...): Jake acknowledged ...`, `~1940: ...`.

A four-digit number opening a line is as often a year ("2017: we moved to AWS") as a
time, so such lines are read as times only in a run that can be nothing else: three or
more consecutive paragraphs or items, each opening with a valid time (hours 00-23,
minutes 00-59), in order (one step back at most, past midnight), and at least one of them
no plausible year (before 1970 or after 2039: "1738", "0915"). Their stamps are then
written with a colon (`17:38:`), which every timeline reader knows.

One anchored pattern per block: linear in the document.
"""

from __future__ import annotations

import re
from typing import Any

#: `blocks.Block` (not imported: `blocks` calls this module, and imports run one way).
Block = Any

#: A leading four-digit time, possibly approximate and possibly the text of a link.
_HHMM = re.compile(r"^(?P<lead>[ \t]{0,3}[~\u2248]?\[?)(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)"
                   r"(?P<link>\]\([^()\s]{1,500}\))?(?P<sep>[ \t]{0,2}(?::|[-\u2013\u2014]))[ \t]")
#: Fewest consecutive stamped blocks that make a run.
RUN = 3
#: Years a four-digit number may plausibly be in a postmortem: a run entirely inside is a
#: list of years, not of times.
_YEARS = range(1970, 2040)


def colon_military_times(blocks: list[Block]) -> None:
    """Rewrite, in place, the stamps of every run of military-time lines (see the module)."""
    run: list[tuple[Block, re.Match[str]]] = []
    for block in blocks:
        match = _HHMM.match(block.text) if block.kind in ("paragraph", "item") and not block.quoted else None
        if match is not None:
            run.append((block, match))
            continue
        _rewrite(run)
        run = []
    _rewrite(run)


def _rewrite(run: list[tuple[Block, re.Match[str]]]) -> None:
    if len(run) < RUN:
        return
    values = [int(match.group("hour") + match.group("minute")) for _, match in run]
    if all(value in _YEARS for value in values):
        return
    if sum(1 for before, after in zip(values, values[1:]) if after < before) > 1:
        return
    for block, match in run:
        stamp = f"{match.group('lead')}{match.group('hour')}:{match.group('minute')}{match.group('link') or ''}"
        block.text = stamp + block.text[match.end("link") if match.group("link") else match.end("minute"):]
