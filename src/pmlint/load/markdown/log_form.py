"""Whether a Markdown document is a log of many incidents (a status page's history).

A status page's history ("### December 21, 2018 / #### Partial file system failure /
### December 12-20, 2018 / #### Nodes down / ...") is several incidents, each told in a
few lines of updates, newest first. Its form leaves out what a postmortem of one incident
records: how each was detected, who was paged, what was learned. A rule whose findings
say such a thing is absent (`Rule.omitted_by_incident_logs`) is then asked for under
`strict` only, while the rules about what the entries do say (impact, causes, plans) run
as on any document.

The sign: three or more short headings that are dates, spanning more than
`LOG_SPAN_DAYS` days, written newest first. One incident's chronology under date headings
("### March 2nd", "### March 20th", "### March 27th") reads oldest first, and a
multi-day outage's date headings span days, not weeks. Linear: one pass over the
headings.
"""

from __future__ import annotations

from typing import Iterable

from .blocks import Block
from .common import plain
from .times import find_date

#: Date headings needed before a document reads as a log.
LOG_DATE_HEADINGS = 3
#: Date headings spread over more than this many days are more than one incident.
LOG_SPAN_DAYS = 14
#: A heading longer than this (in words) is a title that mentions a date, not a date.
_DATE_HEADING_WORDS = 7


def incident_log(blocks: Iterable[Block], day_first: bool = False) -> bool:
    """Whether the headings that are dates (`_DATE_HEADING_WORDS` words or fewer) are at
    least LOG_DATE_HEADINGS, span more than LOG_SPAN_DAYS days and run newest first (the
    first dated heading later than the last)."""
    dates = []
    for block in blocks:
        if block.kind != "heading":
            continue
        text = plain(block.text)
        if len(text.split(None, _DATE_HEADING_WORDS)) > _DATE_HEADING_WORDS:
            continue
        found = find_date(text, day_first=day_first)
        if found is not None:
            dates.append(found)
    if len(dates) < LOG_DATE_HEADINGS:
        return False
    return (max(dates) - min(dates)).days > LOG_SPAN_DAYS and dates[0] > dates[-1]
