"""Sections written inside a Markdown code fence: a filled-in template whose every section
body sits in a ```` ```md ```` fence under its heading (a course's incident report kept
the template's fences), so "detected by Grafana", "For 44 minutes" and the action items
were code to the parser, and pmlint said none of them was written.

Such a fence is prose when its info string is `md` or `markdown`, it opens right under a
heading (its section's body), and it holds no heading and no fence of its own: then its two
fence lines are blanked and its text is read as Markdown, at the same line numbers. A fenced
*example* of a postmortem ("## Incident: [Date] - ...", a template shown in a runbook)
holds headings and stays code.

One pass over the lines, each read once: a fence with no closing line runs to the end of
the document (CommonMark), so the pass stops there.
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?:md|markdown)[ \t]*$", re.IGNORECASE)
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_ANY_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")


def unwrap_prose_fences(lines: list[str]) -> list[str]:
    """`lines` with the fence lines of every prose fence (see the module) blanked; the
    same list when there is none."""
    out: list[str] | None = None
    previous = ""  # the last non-blank line before the current one
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = _OPEN.match(line) if "`" in line[:4] or "~" in line[:4] else None
        if opened is None:
            if line.strip():
                previous = line
            index += 1
            continue
        fence = opened.group("fence")
        closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        end = index + 1
        prose = bool(_HEADING.match(previous))
        while end < len(lines) and closing.match(lines[end]) is None:
            if _HEADING.match(lines[end]) or _ANY_FENCE.match(lines[end]):
                prose = False
            end += 1
        if end >= len(lines):
            break  # never closed: the fence runs to the end of the document
        if prose and end > index + 1:
            out = out if out is not None else list(lines)
            out[index] = out[end] = ""
        previous = lines[end]
        index = end + 1
    return out if out is not None else lines
