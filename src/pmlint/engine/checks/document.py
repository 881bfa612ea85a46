"""Document checks (PM01x): template residue, core sections, dates that agree.

These catch the postmortem that was started from a template and never finished,
and the one whose file name, title and timeline tell different dates (usually a
copy of last month's document).
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from typing import Any, Iterable

from ..functions import Context, Hit, check, is_truthy
from ..text import find_phrases, iter_strings, phrase_regex
from ._time import entries, first_of


@check("template_residue", {"setting": {"type": "string", "description": "Setting that holds the list."},
                            "kind": {"enum": ["patterns", "words"],
                                     "description": "The list holds regexes (default) or plain phrases."},
                            "once": {"type": "boolean",
                                     "description": "One finding per document, at the first match, counting "
                                                    "the rest (default false: one per text)."},
                            "noun": {"type": "string",
                                     "description": "Plural noun for the `once` message (default `template prompts`)."}})
def template_residue(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """No text in the document matches the listed template placeholders or prompts
    (outside quotes and code); one finding per text, at the first match (`{phrase}`).
    With `once`, a template kept whole is one finding: "7 template prompts left in, first: ..."."""
    listed = tuple(context.setting(options.get("setting", "template_placeholders")) or ())
    try:
        regex = phrase_regex(listed) if options.get("kind") == "words" else phrase_regex((), listed)
    except re.error:
        return
    if regex is None:
        return
    hits = []
    for string_pointer, text in context.strings_matching(value, pointer, regex):
        for match in find_phrases(text, regex):
            phrase = text[match.start():match.end()]
            hits.append(Hit(string_pointer, {"phrase": phrase}, text=phrase,
                            occurrence=text.lower().count(phrase.lower(), 0, match.start())))
            if not options.get("once"):
                break
    if options.get("once") and len(hits) > 1:
        spans = context.document.spans
        hits.sort(key=lambda hit: _position(spans, hit.pointer))  # the first in reading order
        first = hits[0]
        first.values["count"] = len(hits)
        first.message = f'{len(hits)} {options.get("noun", "template prompts")} left in, first: "{first.values["phrase"]}"'
        hits = [first]
    yield from hits[:1] if options.get("once") else hits


def _position(spans: dict, pointer: str | None) -> tuple[int, int]:
    """Where a node starts in the source (its nearest spanned ancestor), for reading order."""
    while pointer is not None:
        span = spans.get(pointer)
        if span is not None:
            return span.line, span.column
        if not pointer:
            break
        pointer = pointer.rsplit("/", 1)[0]
    return 1 << 30, 0


@check("sections_present")
def sections_present(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Every section in settings.required_sections is present and not empty (`a|b` means
    either will do). One finding names all that are missing (`{missing}`). In Markdown a
    recognised heading (`meta["sections"]`) counts as present even when the loader could
    not structure its content: the section is there, so it is never "missing"."""
    data = value if isinstance(value, dict) else {}
    headed = context.document.meta.get("sections") or {} if pointer in ("", "/") else {}
    missing = []
    for spec in context.setting("required_sections") or ():
        options_ = [part.strip() for part in str(spec).split("|") if part.strip()]
        # a recognised heading is the section, even when its content could not be structured
        if not any(is_truthy(data.get(name)) or name in headed for name in options_):
            missing.append(" or ".join(f"`{name}`" for name in options_))
    if missing:
        yield Hit("/" + _first_key(missing[0]),
                  {"missing": ", ".join(missing), "count": len(missing),
                   "sections": "section" if len(missing) == 1 else "sections"})


def _first_key(label: str) -> str:
    return label.split("`")[1] if "`" in label else label


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in(text: Any) -> date | None:
    """The first YYYY-MM-DD date in `text` that is a real date."""
    if not isinstance(text, str):
        return None
    for match in _ISO_DATE.finditer(text):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def date_sources(data: Any, path: str) -> list[tuple[str, date, str]]:
    """(label, date, pointer) from front matter `date`, the file name, the title and the
    timeline's start (the `started` entry, else the first entry)."""
    data = data if isinstance(data, dict) else {}
    sources: list[tuple[str, date, str]] = []
    found = date_in(data.get("date"))
    if found:
        sources.append(("`date` field", found, "/date"))
    found = date_in(os.path.basename(path or ""))
    if found:
        sources.append(("file name", found, ""))
    found = date_in(data.get("title"))
    if found:
        sources.append(("title", found, "/title"))
    timeline = entries(data)
    start = first_of(timeline, "started") or next((entry for entry in timeline if entry.moment is not None), None)
    if start is not None and start.moment is not None:
        sources.append(("timeline start", start.moment.date(), start.pointer))
    return sources


def timeline_days(data: Any) -> tuple[date, date] | None:
    """The first and last day the timeline covers (entries whose time parses)."""
    days = [entry.moment.date() for entry in entries(data) if entry.moment is not None]
    return (min(days), max(days)) if days else None


@check("dates_agree")
def dates_agree(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The incident date in `date`, the file name, the title and the timeline agree within
    settings.date_tolerance_days; each disagreeing source is reported against the first."""
    sources = date_sources(value, context.document.path)
    if len(sources) < 2:
        return
    tolerance = int(context.setting("date_tolerance_days", 1))
    label, reference, ref_pointer = sources[0]
    covered = timeline_days(value)
    disagreeing: dict[date, list[tuple[str, str]]] = {}
    for other_label, other, other_pointer in sources[1:]:
        if abs((other - reference).days) <= tolerance:
            continue
        if other_label == "timeline start" and covered is not None and \
                (covered[0] - timedelta(days=tolerance)) <= reference <= (covered[1] + timedelta(days=tolerance)):
            continue  # a timeline that opens with the lead-up weeks before still covers the incident's day
        disagreeing.setdefault(other, []).append((other_label, other_pointer))
    for other, found in disagreeing.items():  # the title and the timeline agreeing with each other: one finding
        labels = [name for name, _ in found]
        source = labels[0] if len(labels) == 1 else " and the ".join((", the ".join(labels[:-1]), labels[-1]))
        yield Hit(found[0][1] or ref_pointer or "/title",
                  {"source": source, "date": other.isoformat(), "reference": label,
                   "reference_date": reference.isoformat(), "says": "says" if len(labels) == 1 else "say"})
