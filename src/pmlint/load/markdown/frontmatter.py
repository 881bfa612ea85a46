"""YAML front matter (`---` ... `---` at the top; Hugo's TOML between `+++` lines) →
identity fields with real positions.

Parsed with the project's own YAML loader (fast, never constructs objects), on the
front-matter text alone; its spans and problems are shifted down by the opening
fence so they point into the Markdown file. Front matter that does not parse is a
`syntax` Problem (PM001 reports it, and the document is not linted further: the
fields rules would check are exactly the ones that could not be read). Jekyll/MkDocs keys that are not schema
fields (`weight`, `draft`, `categories`) are kept in `meta.front_matter` only.

Front matter that is not valid YAML (`authors: @joshblack`) or not a mapping is a
`front-matter` Problem, which is not fatal: the site's metadata could not be read, but the
postmortem is the body below it, and the body is linted as if there were no front matter
(PM017 reports it at `info`). Problems that guard resources (nesting too deep, an alias
expansion too large) stay fatal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from ...model import Problem, Span

#: The problem code of front matter that is not valid YAML or not a mapping (PM017): not
#: fatal, the body is still the postmortem.
FRONT_MATTER_PROBLEM = "front-matter"

#: The problem code of front matter that is not valid YAML but holds only the site's own
#: metadata (`twitter_site: @bossylobster`, `slug:`, `tags:`), once its date and title are
#: read line by line: nothing the postmortem is judged on is lost, so PM017 raises it under
#: the `strict` preset only.
FRONT_MATTER_SITE_PROBLEM = "front-matter-site"

#: Top-level schema fields front matter may set directly.
SCHEMA_FIELDS = (
    "schema_version", "id", "title", "date", "status", "severity", "services", "authors", "owner", "timezone",
    "summary", "impact", "detection", "timeline", "trigger", "root_causes", "layer_analysis", "on_call",
    "resolution", "action_items", "no_action_reason", "lessons", "related_incidents",
)


@dataclass(slots=True)
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    end_line: int = 0  # 1-based line of the closing fence; 0 when there is no front matter


#: A site's field opening a file whose front matter lost its opening fence ("title: Friday
#: Night's MongoDB War" ... `---`): lower case, as Jekyll and Hugo write them.
_SITE_KEY = re.compile(r"(?:title|layout|date|category|categories|tags|author|authors|summary|description|permalink|"
                       r"draft|slug|excerpt|image|lang)[ \t]*:(?:[ \t]|$)")
#: A line inside such a block: another field, a list item or an indented continuation.
_FIELD_LINE = re.compile(r"[a-z_][\w-]{0,40}[ \t]*:(?:[ \t]|$)|[ \t]+\S|-[ \t]")
#: The most lines such a block may hold before its closing `---`.
_HEADLESS_REACH = 40


def headless_end(lines: list[str]) -> int:
    """The 1-based line of the `---` closing front matter that lost its opening fence, or
    0: the file opens with a site's field (`_SITE_KEY`), two or more fields follow one
    another with nothing but fields, list items and indented lines up to a `---`. Read
    as Markdown, those lines would be a setext heading ("summery: ... what we did to
    prevent it from happening again" over `---`, taken for the plan's heading)."""
    if not lines or _SITE_KEY.match(lines[0]) is None:
        return 0
    fields = 0
    for index, line in enumerate(lines[:_HEADLESS_REACH]):
        if line.strip() == "---":
            return index + 1 if fields >= 2 else 0
        if _FIELD_LINE.match(line) is None:
            return 0
        fields += line[:1] not in (" ", "\t", "-")
    return 0


def split_front_matter(lines: list[str]) -> int:
    """The 1-based line of the closing `---` (or `...`; `+++` for Hugo's TOML front
    matter), or 0 when the file has no front matter (see `headless_end` for one that
    lost its opening fence)."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return headless_end(lines)
    closing = ("---", "...") if lines[0].strip() == "---" else ("+++",)
    for index in range(1, min(len(lines), 2000)):
        if lines[index].strip() in closing:
            return index + 1
    return 0


def read_front_matter(path: str, lines: list[str]) -> FrontMatter:
    end = split_front_matter(lines)
    result = FrontMatter(end_line=end)
    if not end:
        return result
    first = 1 if lines[0].strip() in ("---", "+++") else 0  # 0: a block that lost its opening fence
    body = "\n".join(lines[first:end - 1])
    if not body.strip():
        return result
    if lines[0].strip() == "+++":
        _read_toml(body, lines[1:end - 1], result)
        return result
    from ..yaml import load_yaml

    loaded = load_yaml(path, body + "\n")
    shift = first  # the opening fence, when there is one
    for problem in loaded.problems:
        if problem.code in ("syntax", "too-deep", "too-large-expansion", "duplicate-key", "complex-key", "yaml-tag",
                            "multiple-documents"):
            span = _shift(problem.span, shift)
            # the site's metadata is unreadable, the postmortem below it is not
            code = FRONT_MATTER_PROBLEM if problem.code == "syntax" else problem.code
            # the parser counts lines from the front matter's first line; the reader counts the file's
            message = _LINE_IN_MESSAGE.sub(lambda match: f"line {int(match.group(1)) + shift}", problem.message)
            result.problems.append(Problem(code, f"Front matter: {message}", span, problem.pointer))
        elif problem.code == "not-a-mapping":
            result.problems.append(Problem(
                FRONT_MATTER_PROBLEM, "Front matter must be a mapping of fields (key: value)", _shift(problem.span, shift)))
    if result.problems and not first:
        return FrontMatter()  # no opening fence, and no clean YAML either: Markdown over a rule
    if any(problem.code == FRONT_MATTER_PROBLEM for problem in result.problems):
        if _markdown_between_rules(lines[1:end - 1]) or _markdown_after_rule(lines[1:end - 1]):
            return FrontMatter()  # horizontal rules around (or over) the report: no front matter
        _salvage(lines[1:end - 1], shift, result)
        if not _postmortem_keys_lost(lines[1:end - 1], result):
            result.problems = [Problem(FRONT_MATTER_SITE_PROBLEM, problem.message, problem.span, problem.pointer)
                               if problem.code == FRONT_MATTER_PROBLEM else problem for problem in result.problems]
        return result
    if not isinstance(loaded.data, dict):
        return result
    for pointer, span in loaded.spans.items():
        result.spans[pointer] = _shift(span, shift)
    for key, value in loaded.data.items():
        if key in SCHEMA_FIELDS:
            result.data[key] = value
        else:
            result.extra[key] = value
    return result


def _read_toml(body: str, body_lines: list[str], result: FrontMatter) -> None:
    """Hugo's TOML front matter (`+++` fences, `date = 2020-09-10T00:01:15-05:00`): read with
    the standard library's parser. Dates and times become the ISO text a YAML front matter
    would hold; each top-level key points at its own line. Front matter that does not parse
    is a `front-matter` problem, as for YAML: the body is still the postmortem."""
    import tomllib

    try:
        loaded = _toml_plain(tomllib.loads(body))
    except ValueError as error:  # TOMLDecodeError is one; so is a decimal of 5,000 digits
        if not isinstance(error, tomllib.TOMLDecodeError) and "too large" not in str(error):
            error = ValueError("a number too large to read")  # (Python's own advice is no help here)
        found = _TOML_LINE.search(str(error))
        at = 1 + (int(found.group(1)) if found else 1)  # the file's line: the opening fence is line 1
        result.problems.append(Problem(FRONT_MATTER_PROBLEM, f"Front matter (TOML): {error}", Span(at, 1, at, 1)))
        return
    for key, value in loaded.items():
        if key in SCHEMA_FIELDS:
            result.data[key] = value
        else:
            result.extra[key] = value
    for number, line in enumerate(body_lines, start=2):  # line 1 is the opening fence
        key_match = _TOML_KEY.match(line)
        if key_match is not None and key_match.group(1) in loaded and "/" + key_match.group(1) not in result.spans:
            column = key_match.start(2) + 1
            result.spans["/" + key_match.group(1)] = Span(number, column, number, max(column, len(line.rstrip())))


def _toml_plain(value: Any) -> Any:
    """TOML's dates and times as ISO text, lists and tables walked (the model holds plain
    data). An integer of more than 64 bits (`0xfff...` of 5,000 digits parses, and no later
    `str()` of it can) makes the front matter unreadable: ValueError, as a TOML error is."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        raise ValueError("an integer too large to read (more than 64 bits)")
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return [_toml_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _toml_plain(item) for key, item in value.items()}
    return value


#: A top-level TOML key and where its value starts (`date = 2020-09-10`).
_TOML_KEY = re.compile(r"^([A-Za-z_][\w-]{0,60})[ \t]*=[ \t]*(\S)")
#: The line in tomllib's message ("Invalid value (at line 3, column 8)").
_TOML_LINE = re.compile(r"\bline (\d{1,9})\b")


#: A line number in the YAML parser's message ("while scanning ... at line 11").
_LINE_IN_MESSAGE = re.compile(r"\bline (\d{1,9})\b")


def _shift(span: Span, lines: int) -> Span:
    return Span(span.line + lines, span.column, span.end_line + lines, span.end_column)


#: A Markdown section heading: level two or deeper ("## Root Cause"). A YAML comment is
#: "# text", so one "#" alone does not tell them apart.
_SECTION_HEADING = re.compile(r"^#{2,6}[ \t]+\S")
#: The most lines of a block searched for such a heading.
_HEADING_REACH = 400


def _markdown_between_rules(block: list[str]) -> bool:
    """Whether a block that does not parse as YAML is the report itself between two `---`
    horizontal rules, not front matter: it holds a Markdown section heading ("## Summary"),
    which front matter never does (Jekyll, Hugo and MkDocs keep the page's text below the
    closing fence). Asked only when the block is not valid YAML, so valid front matter,
    with or without "#" comments, is never read as text."""
    return any(_SECTION_HEADING.match(line) for line in block[:_HEADING_REACH])


#: Fields read line by line from front matter that does not parse: the incident's date and
#: title, when each is a plain `key: value` line at the top level.
_SALVAGED = ("date", "title")
#: The value may be quoted (`date: "2026-09-25"`, `title: "[EKS] Worker pod crashing"`).
#: (a bracket only inside quotes: `title: [The CA footgun` is a broken YAML list, not a title)
_PLAIN = re.compile(r"^(?P<key>[a-z]+):[ \t]+(?P<value>(?:[\"'][\w\[(]|[\w\d])[^#\n]{0,200}?)[ \t]*$")


def _salvage(body: list[str], shift: int, result: FrontMatter) -> None:
    """The date and the title of front matter that is not valid YAML (`authors: @josh` on
    another line), from their own plain `date: 2020-04-09` lines: the rest is unreadable,
    but these two say what the incident is and when, and PM012 holds the body to them."""
    for number, line in enumerate(body[:200], start=1 + shift):
        match = _PLAIN.match(line)
        if match is None or match.group("key") not in _SALVAGED or match.group("key") in result.data:
            continue
        value = match.group("value").strip().strip("'\"")
        result.data[match.group("key")] = value
        column = match.start("value") + 1
        result.spans["/" + match.group("key")] = Span(number, column, number, column + len(value) - 1)


#: Schema fields that are the page's byline or bookkeeping, not what the postmortem is
#: judged on: a site generator's `authors: @joshblack` lost to a YAML error costs no finding.
_SITE_FIELDS = frozenset(("authors", "owner", "id", "schema_version"))
#: A top-level key at the start of a front-matter line (`severity:`, `twitter_site:`).
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]{0,60})[ \t]*:")


def _postmortem_keys_lost(body: list[str], result: FrontMatter) -> bool:
    """Whether front matter that does not parse held a postmortem field pmlint would read
    (`severity:`, `timeline:`, `impact:` ..., or a `date:`/`title:` not recovered line by
    line): then the YAML error hides part of the review, and PM017 says so by default.
    Front matter of site keys only (Pelican's `twitter_site: @bossylobster`, `slug:`,
    `tags:`; a byline `authors: @joshblack`) is the page's markup, not the postmortem."""
    for line in body[:2000]:
        match = _TOP_KEY.match(line)
        if match is None:
            continue
        key = match.group("key").lower()
        if key in SCHEMA_FIELDS and key not in _SITE_FIELDS and key not in result.data:
            return True
    return False


#: Markdown that YAML would read as a comment or fail on: a heading over text, a bold label.
_MARKDOWN_LINE = re.compile(r"^(?:#{1,6}[ \t]+\S|\*\*\S|__\S)")


def _markdown_after_rule(body: list[str]) -> bool:
    """Whether a `---` opening the file is a horizontal rule over the document, not front
    matter: what follows does not parse as YAML, starts with a blank line (front matter
    starts with its first key), and holds Markdown (`# Incident Report: ...`, `**Severity:**`).
    The document is then read whole, its summary and cause included, with no PM017."""
    if not body or body[0].strip():
        return False
    return any(_MARKDOWN_LINE.match(line) for line in body[:2000])
