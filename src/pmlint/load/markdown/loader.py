"""Markdown postmortems → Document, with the same data tree as YAML.

Pipeline (each step a module of this package with one job):
    frontmatter  YAML front matter → identity fields (spans shifted into the file)
    meta         `**Severity:** SEV1` / `Date: ...` lines at the top → identity fields
    blocks       markdown-it-py block parse → headings, paragraphs, items, tables, fences
                 (table: one token per table instead of one per cell)
    sections     heading / bold-label aliases → sections (configurable: settings.section_aliases)
    times        dates, clock times and zones in the document's own notations
    timeline     timeline entries → [{at, event, kind}] with ISO times and zones
    actions      action-item tables, task lists, bullets with inline fields, prose
    causes       root causes with layer tags; five whys
    fields       summary, impact, detection, resolution, on-call, lessons, ...
    common       plain text of a block, bold labels, template prompts, spans
    convert      the loaded Document back out as YAML (`pmlint convert`)

Contract with the rules (data and meta; rules never look at the Markdown):
- `document.data` follows the postmortem schema's field names. A field is set only
  when the document says it (no invented owners). Front matter wins over the body for
  the fields it sets. Extra keys (nested only, so `strict` stays meaningful):
  `on_call.notes` (the on-call/response section's text) and `lessons.learned`
  (lessons under a plain "Lessons learned" heading, not split into well/wrong/lucky).
- Code (fenced or indented blocks) is never part of a text value: a log line quoted in a
  ``` block is evidence, not the author's prose, so language rules do not scan it.
- `document.spans`: a span for every node produced, at its real line and column
  (list item content, table cell, heading text, paragraph). A wrapped item or paragraph
  spans all its lines, and ends on the last line of its own text (not on a nested list).
- `document.meta` (`model.DocumentMeta`, frozen, set once at the end):
  `code_lines`: sorted (first line, last line) pairs, inclusive, of the fenced and
  indented code blocks (fence lines included); `Document.locate_text` skips matches on
  these lines, so a phrase reported in a list item is not located in a code block of the
  same section. `title_line`: the title heading's line (or front matter `title:`, or 1);
  findings about missing fields point there (Document.missing_span). `sections`: {key:
  line of the first heading or bold label that opened it} for every recognised section,
  even empty ones; keys are schema field names plus `whys` (a "Five whys" section) and
  `lessons.<sub>`. `action_item_source`: "table" | "list" | "prose" | None (no items
  found); `action_item_columns`: the action-item fields the table's columns map to (e.g.
  ("title", "type", "owner", "ticket")): a rule can say "the table has no owner column"
  once instead of once per row. `action_item_groups`: {item index: the sub-heading or
  label it was listed under}. `timeline_approximate`: pointers of entries written as
  approximate (`~12:00`). `twelve_hour_clock`: the text writes am/pm somewhere (`9:40am`).
  `timeline_ambiguous_hours`: pointers of entries whose hour may be a.m. or p.m. (`4:16` in
  a document that writes am/pm elsewhere, or beside 24-hour afternoon hours it fits among
  as well: timeline.py); rules never count them as night work. `front_matter`: front-matter keys that are not schema fields
  (Jekyll etc.). `lead_summary`: the line of the lead paragraphs (between the title and
  the first heading) used as `summary` when no heading opens a summary section. `title`:
  the H1 text, also used as `data.title` when front matter has none.
- Dates: time-only entries take their date from front matter `date`, else a date in the
  title, else a `YYYY-MM-DD` in the file name, then carry forward. Date-only entries keep
  `at` as a date (`2021-12-10`). Zones: the entry's, else the timeline section's, else front
  matter `timezone`, else a sentence anywhere in the body such as "All times PDT.".
- `meta.evidence`: where the text states detection, impact, a plan, lessons and causes,
  whatever the headings (see `evidence.py`), so no rule claims absence without looking.

The loader never decides what is a problem: the only Problems it records are
unreadable front matter (code `syntax`, at the right line) and malformed suppression
comments. Any exception here is a bug; the engine reports it as PM009.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ...model import Document, DocumentMeta, Span, code_line_numbers
from ..suppressions import find_suppressions


def load_markdown(path: str, text: str, settings: dict) -> Document:
    """Parse a Markdown postmortem into the shared document model."""
    from .actions import extract_actions
    from .blocks import parse_blocks
    from .causes import extract_causes
    from .common import Output, plain
    from .fields import extract_fields
    from .frontmatter import read_front_matter
    from .language import unread_language
    from .forms import document_forms, incident_log
    from .meta import labelled_severity, metadata_region, read_date_section, read_metadata
    from .fenced_prose import unwrap_prose_fences
    from .rst import rst_titles
    from .sections import assign_sections, find_title, plan_by_content, timeline_by_content
    from .times import day_first_dates, find_date, writes_am_pm, zone_for
    from .states import status_states
    from .timeline import TimeContext, extract_states, extract_timeline, several_postmortems

    lines = text.splitlines()
    document = Document(path=path, format="markdown", lines=lines, data={})
    document.suppressions, document.problems = find_suppressions(lines)
    front = read_front_matter(path, lines)
    document.problems.extend(front.problems)
    if document.broken:
        return document
    body = rst_titles([""] * front.end_line + lines[front.end_line:])  # RST saved as .md: its titles are headings
    body = unwrap_prose_fences(body)  # a section body kept in a ```md fence is prose
    blocks = parse_blocks(body)
    code_lines = tuple(sorted({(block.line, block.end_line) for block in blocks if block.kind == "code"}))
    aliases = _aliases(settings)
    title = find_title(blocks, aliases)
    # which way `11-01-2026` reads, once for the whole document (times.day_first_dates)
    references = [found for found in (find_date(str(front.data.get("date") or "")) if "date" in front.data else None,
                                      _date_in_file_name(path)) if found is not None]
    day_first = day_first_dates(text, references)
    # a log of many incidents: each dated incident is its own run of the timeline (timeline.py)
    log = incident_log(blocks, day_first)
    sections = plan_by_content(blocks, timeline_by_content(blocks, assign_sections(blocks, aliases, title, lines), lines,
                                                           incident_log=log))
    labelled = read_metadata(lines, *metadata_region(blocks, title, front.end_line, aliases), day_first=day_first)
    if "date" not in labelled.data:  # "## Date" over "2020-01-07": the date field written as a heading
        dated = read_date_section(blocks, title, day_first=day_first)
        labelled.data.update(dated.data)
        labelled.spans.update(dated.spans)
    identity = {**labelled.data, **front.data}  # front matter wins

    out = Output()
    title_text = plain(title.text) if title is not None else None
    if title is not None:
        out.put("/title", title_text, Span(title.line, title.column, title.line, title.end_column))
    title_line = title.line if title is not None else (front.spans["/title"].line if "/title" in front.spans else 1)
    opened: dict[str, int] = {}
    for section in sections:
        opened.setdefault(section.key, section.line)
        if section.sub:
            opened.setdefault(f"lessons.{section.sub}", section.line)

    lead_summary = None
    if "summary" not in opened:
        lead = _lead(blocks, title, labelled.lines)
        if lead is not None:
            sections.insert(0, lead)
            lead_summary = lead.line
    extract_fields(sections, out)
    for key, value in labelled.data.items():
        if key not in front.data:
            out.put(f"/{key}", value, labelled.spans[f"/{key}"])
    if "severity" not in identity:  # "**Incident Severity**: Critical" under "## Incident Details"
        stated = labelled_severity(lines, code_lines, _severity_words(settings), start=front.end_line)
        if stated is not None:
            out.put("/severity", stated[0], stated[1])
    context = TimeContext(day_first=day_first, incident_log=log, zone=zone_for(str(front.data.get("timezone") or "")) if front.data.get("timezone") else None,
                          several_postmortems=not log and several_postmortems(sections, blocks))
    start = _incident_day(find_date(str(front.data.get("date") or ""), day_first=day_first) if "date" in front.data
                          else None,
                          find_date(str(identity.get("date") or ""), day_first=day_first),
                          find_date(title_text or "", day_first=day_first) if title else None,
                          _date_in_file_name(path))
    context.day = start
    context.start = start
    context.year = start.year if start else _first_year(lines, code_lines, day_first)
    if context.zone is None:
        context.zone = _declared_zone(blocks)
    context.twelve_hour = writes_am_pm(_block_texts(blocks))
    extract_timeline(sections, out, lines, context)
    if "timeline" not in out.data and "timeline" not in front.data:
        # a status page keeps its updates in front matter (`incident_states`): the timeline
        states = status_states({**front.data, **front.extra}, day_first)
        if states is not None:
            extract_states(*states, out, front.spans, context)
    extract_causes(sections, out)
    actions = extract_actions(sections, out, blocks)
    document.meta = DocumentMeta(
        title_line=title_line, code_lines=code_lines, sections=opened, evidence=_evidence(blocks, sections, front),
        front_matter=front.extra or {}, title=title_text, lead_summary=lead_summary,
        action_item_source=actions.source, action_item_columns=actions.columns, action_item_groups=actions.groups,
        timeline_approximate=tuple(context.approximate), timeline_ambiguous_hours=tuple(context.ambiguous),
        timeline_zone_words=tuple(context.zone_words),
        twelve_hour_clock=context.twelve_hour, day_first_dates=day_first, timeline_newest_first=context.newest_first,
        timeline_incidents=tuple(context.incidents),
        unread_language=unread_language(lines, code_lines), forms=document_forms(blocks, day_first, (*front.data, *front.extra), log))

    for key, value in front.data.items():  # front matter wins for the fields it sets
        out.data[key] = value
    if front.data:  # one pass over the spans, not one per front-matter key
        keys = {str(key) for key in front.data}
        for pointer in [pointer for pointer in out.spans if pointer[1:].split("/", 1)[0] in keys and pointer]:
            del out.spans[pointer]
    for pointer, span in front.spans.items():
        if pointer:
            out.spans[pointer] = span
    document.data = _ordered(out.data)
    count = max(len(lines), 1)
    document.spans = {pointer: span if 1 <= span.line <= span.end_line <= count
                      and (span.end_line > span.line or span.end_column >= span.column) and span.column >= 1
                      else _well_formed(span, count) for pointer, span in out.spans.items()}
    document.spans[""] = Span(1, 1, max(len(lines), 1), max(len(lines[-1]), 1) if lines else 1)
    return document


def _lead(blocks, title, metadata_lines=frozenset()):
    """The paragraphs between the title and the first heading, as the summary of a document
    that has no Summary heading (pydis: the lead under `# All services outage`). Short
    notes such as "All times PDT." are no summary."""
    from .sections import Section
    from .times import declared_zone

    found = []
    # no title heading (the title is in front matter, or there is none): the lead starts at the top
    start = title.index + 1 if title is not None and title.index >= 0 else 0 if title is None else len(blocks)
    # a first `##` taken as the title with prose before it (the title is in front matter):
    # that prose, above every heading, is the lead
    if title is not None and 0 < title.index < len(blocks) and title.level > 1 and \
            any(block.kind == "paragraph" and block.parent < 0 for block in blocks[:title.index]):
        start = 0
    lead_in = False  # the last lead paragraph ends with ":": the list after it belongs to the lead
    for block in blocks[start:]:
        if block.kind == "item" and lead_in:
            if not block.quoted:
                found.append(block)  # "... over three distinct time periods:" and its list
            continue
        lead_in = False
        if block.kind not in ("paragraph", "html", "empty"):
            break  # a heading, or a list (MoJ's `- **Key events**`): the lead is over
        lead_in = block.kind == "paragraph" and block.text.rstrip().endswith(":")
        if block.kind == "paragraph" and not block.quoted and block.parent < 0 and \
                declared_zone(block.text.strip(" *_")) is None and \
                not all(line in metadata_lines for line in range(block.line, block.end_line + 1)):
            found.append(block)
    if sum(len(block.text.split()) for block in found) < 15:
        return None
    return Section("summary", None, found[0].line, None, blocks=found)


#: Indented "code" that is only bulleted lines of prose (words, no code punctuation).
_PROSE_ITEMS = re.compile(r"(?:[ \t]*[*+-][ \t]+[A-Za-z][^\n={};$<>|\\]{20,400}(?:\n|\Z)|[ \t]*\n)+")
_BULLET = re.compile(r"^[ \t]*[*+-][ \t]+")


#: Front-matter fields that are sentences of the post: a blog's title often says how the
#: incident was found ("... and I found out by getting the same email three times").
_FRONT_PROSE = ("title", "subtitle", "description", "excerpt", "summary")


def _evidence(blocks, sections, front=None):
    """Where the document states detection, impact, a plan, lessons, causes: every
    paragraph, item, heading and table row outside code and template prompts, and the
    front matter's title and description, is searched, each with the section it sits in
    (text in the plan is no evidence of detection)."""
    from ..evidence import find_evidence
    from .common import is_template_prompt, plain

    zone_of = {id(block): section.key for section in sections for block in section.blocks}
    # the raw texts now (the blocks are not kept), made plain on the first request only
    raw: list[tuple[str | list[str], int, int, str | None]] = []
    for key in _FRONT_PROSE if front is not None else ():
        value, span = front.data.get(key), front.spans.get("/" + key)
        if isinstance(value, str) and span is not None:
            raw.append((value[:4000], span.line, span.column, None))
    for block in blocks:
        zone = zone_of.get(id(block))
        if block.kind in ("paragraph", "item", "heading", "label"):
            if not is_template_prompt(block.text):
                raw.append((block.text, block.line, block.column, zone))
            for paragraph in block.rest:
                if not is_template_prompt(paragraph):
                    raw.append((paragraph, block.line, block.column, zone))
        elif block.kind == "code" and block.indented and _PROSE_ITEMS.fullmatch(block.text[:4000]):
            # "    *   From this an admin identified ...": a list item indented one level too
            # deep (after a code fence in the list) reads as indented code, but it is prose
            for offset, line in enumerate(block.text.split("\n")):
                if line.strip():
                    raw.append((_BULLET.sub("", line, count=1), block.line + offset, block.column, zone))
        elif block.kind == "table":
            # a body row with its column names ("Duration: 5min | Cause: Blackout of 2x PoE
            # switches"): a log table says what each cell is only in its header
            names = [plain(cell.text).strip() for cell in block.header] if block.header else []
            if block.header:
                raw.append(([cell.text for cell in block.header], block.header[0].line, block.header[0].column, zone))
            for row in block.rows:
                if row:
                    raw.append(([_named_cell(names, index, cell.text) for index, cell in enumerate(row)],
                                row[0].line, row[0].column, zone))
        elif block.kind == "html":
            # a post exported as HTML paragraphs ("<p>the incident was caused by ...</p>"):
            # the words between the tags are prose all the same
            prose = html_prose(block.text)
            if prose is not None:
                raw.append((prose, block.line, block.column, zone))

    def pieces():
        for text, line, column, zone in raw:
            yield (plain(text) if isinstance(text, str) else " | ".join(map(plain, text))), line, column, zone

    return find_evidence(pieces)


#: A column name read as a label of its cells: a word or a few ("Duration", "Root cause",
#: "Affected devices"), not a number or a sentence.
_COLUMN_NAME = re.compile(r"[A-Za-z][A-Za-z /&()'-]{0,30}")


def _named_cell(names: list[str], index: int, text: str) -> str:
    """A table cell under its column's name ("Cause: Blackout of 2x PoE switches"), or the
    cell alone when the column has no name a label could be, or the cell already says it."""
    name = names[index] if index < len(names) else ""
    if not text.strip() or not _COLUMN_NAME.fullmatch(name) or text.lstrip().lower().startswith(name.lower()):
        return text
    return f"{name}: {text}"


def _block_texts(blocks):
    """The text of every paragraph, item, heading and table cell outside code, in order."""
    for block in blocks:
        if block.kind in ("paragraph", "item", "heading", "label"):
            yield block.text
            yield from block.rest
        elif block.kind == "table":
            for row in [block.header, *block.rows]:
                for cell in row:
                    yield cell.text


def _declared_zone(blocks):
    """A zone the document declares once for all its times, wherever it says so ("All times
    PDT." under the title, before the timeline; a labelled time such as "**Outage start
    (UTC):** 15 December 2024, 03:53" in the summary); None when nothing declares one."""
    from .times import declared_zone, labelled_zone

    for block in blocks:
        if block.kind not in ("paragraph", "item") or block.quoted:
            continue
        for line in block.text.split("\n"):
            zone = declared_zone(line.strip(" *_")) if block.kind == "paragraph" else None
            zone = zone or labelled_zone(line)  # "**Outage start (UTC):** 15 December 2024, 03:53"
            if zone is not None:
                return zone
    return None


#: How long after an incident a blog post is typically published: a front-matter `date` up to
#: this much later than the date in the title or the file name dates the post.
_PUBLICATION_WINDOW = timedelta(days=120)


def _incident_day(front: date | None, stated: date | None, titled: date | None, named: date | None) -> date | None:
    """The day undated timeline times ("18:45 We created the fleet") fall on: the stated
    date, else the title's, else the file name's. A blog's front-matter `date` is its
    publication date when the title ("Incident retrospective 25/02/2019") or the file name
    gives an earlier day within _PUBLICATION_WINDOW: that earlier day is the incident's."""
    if front is not None and stated == front:
        earlier = [day for day in (titled, named) if day is not None and day < front and front - day <= _PUBLICATION_WINDOW]
        if earlier:
            return min(earlier)
    return stated or titled or named


#: Lines read from the top for the first full date, when nothing else dates the incident.
_YEAR_LINES = 200
#: A name that carries a date ("resources-2018-04-09", "backup_2019-09-03.sql"): no date told.
_DATED_NAME = re.compile(r"[A-Za-z][\w.]{0,60}[-_]\d{4}-\d{2}-\d{2}[\w.-]{0,60}")


def _first_year(lines: list[str], code_lines: tuple[tuple[int, int], ...], day_first: bool) -> int | None:
    """The year of the first full date in the document's first `_YEAR_LINES` lines outside
    code ("- Discovered: Sept 3, 2019" under "## 1. Incident Date"): with no dated title,
    front matter or file name, timeline times written without a year ("Aug 31 8:49am") are
    in that year. Only the year, and only when every full date there is in the same year:
    a log of incidents over several years dates none of them. The day stays unknown."""
    from .times import find_date

    code = code_line_numbers(code_lines, _YEAR_LINES)
    years: set[int] = set()
    for number, line in enumerate(lines[:_YEAR_LINES], start=1):
        if number in code or not any(character.isdigit() for character in line):
            continue
        found = find_date(_DATED_NAME.sub(" ", line[:400]), None, day_first)
        if found is not None:
            years.add(found.year)
            if len(years) > 1:
                return None
    return years.pop() if years else None


def _date_in_file_name(path: str):
    """`2019-01-23` in `docs/post-mortems/2019-01-23.md`: the last resort for the incident's date."""
    import os
    import re

    from .times import find_date

    match = re.search(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", os.path.basename(path))
    return find_date(match.group(0)) if match else None


def _well_formed(span: Span, count: int) -> Span:
    """Clamp a span into the file and make sure it does not end before it starts."""
    last = max(count, 1)
    line = min(max(span.line, 1), last)
    end_line = min(max(span.end_line, line), last)
    end_column = span.end_column if (end_line, span.end_column) >= (line, span.column) else span.column
    return Span(line, max(span.column, 1), end_line, max(end_column, 1))


_ALIASES_CACHE: dict[str, Any] = {}


def _aliases(settings: dict):
    """The alias table for these settings (built once per distinct `section_aliases`)."""
    from .sections import AliasTable

    extra = settings.get("section_aliases") or {}
    cache_key = repr(sorted((str(key), tuple(map(str, value or ()))) for key, value in extra.items())) \
        if isinstance(extra, dict) else ""
    table = _ALIASES_CACHE.get(cache_key)
    if table is None:
        table = AliasTable(extra if isinstance(extra, dict) else None)
        _ALIASES_CACHE[cache_key] = table
    return table


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """Keys in the schema's order, so `convert` output reads like a hand-written file."""
    from .frontmatter import SCHEMA_FIELDS

    ordered = {key: data[key] for key in SCHEMA_FIELDS if key in data}
    ordered.update((key, value) for key, value in data.items() if key not in ordered)
    return ordered


#: "SEV1", "Sev-2", "sev 3", "Severity 2", "P1"-free: the numbered scales pmlint reads.
_SEV_NUMBERED = re.compile(r"(?:sev(?:erity)?)[ \t_-]?\d", re.IGNORECASE)


def _severity_words(settings: dict) -> Any:
    """Whether a labelled value names a severity some scale knows: a level, an alias, a
    status page's level, or a numbered `SEV 2` (case, hyphens and underscores ignored)."""
    def word(text: str) -> str:
        return " ".join(str(text).lower().replace("-", " ").replace("_", " ").split())

    known = {word(level) for level in settings.get("severity_levels") or ()}
    for table in ("severity_aliases", "status_page_severities"):
        known.update(word(key) for key in (settings.get(table) or {}))
    return lambda value: word(value.strip("🔴🟠🟡🟢⚪ .")) in known or _SEV_NUMBERED.fullmatch(value.strip()) is not None


#: A tag (bounded: a "<" with no ">" within 500 characters is text); blocks that hold no prose.
_TAG = re.compile(r"<[^<>]{0,500}>")
_NOT_PROSE = re.compile(r"^\s*<(?:!--|script|style|svg|iframe|img|video|audio|picture|figure|table)\b", re.IGNORECASE)
#: Fewest words between the tags for an HTML block to count as prose.
_HTML_PROSE_WORDS = 5


def html_prose(text: str) -> str | None:
    """The words of an HTML block written as prose ("<p>We were notified by ...</p>"),
    tags removed and entities decoded, line breaks kept where they were (so evidence keeps
    its line); None for a comment, a script, an image or a block of fewer than
    `_HTML_PROSE_WORDS` words. Linear: one bounded tag pattern, one unescape."""
    from html import unescape

    if _NOT_PROSE.match(text):
        return None
    prose = unescape(_TAG.sub(lambda tag: "\n" * tag.group().count("\n") or " ", text[:200_000]))
    return prose if len(prose.split(None, _HTML_PROSE_WORDS)) > _HTML_PROSE_WORDS else None
