"""Document checks (PM01x): template residue, core sections, dates that agree.

These catch the postmortem that was started from a template and never finished,
and the one whose file name, title and timeline tell different dates (usually a
copy of last month's document).
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any, Iterable

from ..functions import Context, Hit, check, is_truthy
from ..text import find_phrases, iter_strings, phrase_regex
from ._time import entries, first_of


@check("template_residue", {"setting": {"type": "string", "description": "Setting that holds the list."},
                            "kind": {"enum": ["patterns", "words"],
                                     "description": "The list holds regexes (default) or plain phrases."}})
def template_residue(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """No text in the document matches the listed template placeholders or prompts
    (outside quotes and code); one finding per text, at the first match (`{phrase}`)."""
    listed = tuple(context.setting(options.get("setting", "template_placeholders")) or ())
    try:
        regex = phrase_regex(listed) if options.get("kind") == "words" else phrase_regex((), listed)
    except re.error:
        return
    strings = list(iter_strings(value, pointer))
    if regex is None or regex.search("\n".join(text for _, text in strings)) is None:
        return  # the common case, one regex pass over the whole document instead of one per string
    for string_pointer, text in strings:
        for match in find_phrases(text, regex):
            phrase = text[match.start():match.end()]
            yield Hit(string_pointer, {"phrase": phrase}, text=phrase,
                      occurrence=text.lower().count(phrase.lower(), 0, match.start()))
            break


@check("sections_present")
def sections_present(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """Every section in settings.required_sections is present and not empty (`a|b` means
    either will do). One finding names all that are missing (`{missing}`)."""
    data = value if isinstance(value, dict) else {}
    missing = []
    for spec in context.setting("required_sections") or ():
        options_ = [part.strip() for part in str(spec).split("|") if part.strip()]
        if not any(is_truthy(data.get(name)) for name in options_):
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


@check("dates_agree")
def dates_agree(value: Any, pointer: str, options: dict, context: Context) -> Iterable[Hit]:
    """The incident date in `date`, the file name, the title and the timeline agree within
    settings.date_tolerance_days; each disagreeing source is reported against the first."""
    sources = date_sources(value, context.document.path)
    if len(sources) < 2:
        return
    tolerance = int(context.setting("date_tolerance_days", 1))
    label, reference, ref_pointer = sources[0]
    for other_label, other, other_pointer in sources[1:]:
        if abs((other - reference).days) > tolerance:
            yield Hit(other_pointer or ref_pointer or "/title",
                      {"source": other_label, "date": other.isoformat(), "reference": label,
                       "reference_date": reference.isoformat()})
