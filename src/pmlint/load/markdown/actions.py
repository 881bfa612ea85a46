"""Action-item sections → `action_items: [{title, description?, owner?, due?, priority?, ticket?, type?, layer?, status?}]`.

Three shapes, recorded in `meta.action_item_source` (`ActionsFound`):
- `table`: columns matched by alias, forgivingly (an `Addresses` column of root-cause
  numbers, "1, 3", gives `addresses`) (`Assignee`, `Tracking bug`, `TYPE-ACTON`);
  the matched column keys go to `meta.action_item_columns`;
- `list`: task lists and bullets, with inline fields (`owner: @x`, `due: 2025-07-15`,
  `ABC-123`, URLs, `P0`–`P4`, `[code]`/`layer: code`, `[prevent]`/`type: detect`, done
  markers ✅ `(done)` `[x]` `**DONE**`); a sub-heading or a bold-only parent bullet
  groups items (its words may give their type, "Completed" gives their status); a
  bold lead-in is the title and the text after it (with the item's later paragraphs)
  its `description`, so the rules read the whole commitment; nested `**Label:** value`
  bullets (`Description:`, `Owner:`, `Due:`) are the description and fields of the item
  above them (`_fielded_items`); a lead-in that only names its kind of content
  (`**Review actions**:`, `**Action taken:**`) is no title (`_content_label`), nor is one that
  only says when or how urgently (`**IMMEDIATE**:`, `**Short-term**:`: the item's priority);
- `prose`: paragraphs only; each paragraph becomes one item so its text stays linted.
  In a section that does list its items, a sub-heading with only paragraphs under it is
  one item, the heading its title and the paragraphs its description (`_heading_item`).
Fields are only set when the document states them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Any, Iterator, NamedTuple

from ...grammar import OPTIONS_OFFERED
from ...model import Span
from .blocks import Block, Cell
from .common import Output, bold_label, is_template_prompt, plain, unlinked
from .sections import CHANGED_AFTER, LABEL_LEVEL, Section

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("action", "action item", "action items", "title", "item", "description", "task", "what", "summary",
              "follow-up", "followup", "todo"),
    "owner": ("owner", "owners", "assignee", "assignees", "assigned to", "who", "responsible", "dri", "lead"),
    "due": ("due", "due date", "date", "eta", "deadline", "by when", "target date", "target", "when"),
    "priority": ("priority", "prio", "pri", "p"),
    "ticket": ("ticket", "issue", "link", "jira", "bug", "tracking bug", "tracking", "related issue", "pr",
               "tracking issue", "reference", "ref", "url", "github issue"),
    "type": ("type", "kind", "category", "type-action", "action type"),
    "layer": ("layer", "system layer"),
    "status": ("status", "state", "done", "progress"),
    # what finishing it looks like: "| Follow-up | Owner | Acceptance criterion | Status |"
    "description": ("acceptance criterion", "acceptance criteria", "done when", "success criteria",
                    "definition of done", "expected outcome", "outcome"),
    "addresses": ("addresses", "root cause", "root causes", "cause", "causes", "fixes"),
    "id": ("id", "#", "no", "number"),
}
_ALIAS_TO_KEY = {alias: key for key, aliases in COLUMN_ALIASES.items() for alias in aliases}

_TYPES = (
    ("prevent", re.compile(r"\bprevent(?:ion|ive|ative)?\b", re.I)),
    ("mitigate", re.compile(r"\bmitigat(?:e|ion)\b", re.I)),
    ("detect", re.compile(r"\b(?:detect(?:ion)?|monitoring|alerting|alerts?)\b", re.I)),
    ("repair", re.compile(r"\b(?:repair|fix|bug ?fix)\b", re.I)),
    ("process", re.compile(r"\b(?:process|documentation|docs|runbook|training)\b", re.I)),
)
_LAYERS = (
    ("code", re.compile(r"\bcode\b", re.I)),
    ("infrastructure", re.compile(r"\binfra(?:structure)?\b", re.I)),
    ("architecture", re.compile(r"\b(?:architecture|architectural|design)\b", re.I)),
    ("process", re.compile(r"\bprocess\b", re.I)),
)
_STATUSES = (
    # ("Not filed — risk accepted.": a decision not to act, with its reason)
    ("wont-do", re.compile(r"\b(?:won'?t (?:do|fix)|wontfix|cancell?ed|dropped|declined|rejected|risk accepted|"
                           r"accepted (?:the )?risk|not (?:filed|pursued|planned|doing))\b", re.I)),
    ("done", re.compile(r"✅|✔|☑|\b(?:done|complete|completed|closed|fixed|finished|shipped|merged)\b|\[x\]", re.I)),
    ("in-progress", re.compile(r"\b(?:in[ -]progress|wip|ongoing|started|doing)\b|🚧", re.I)),
    ("open", re.compile(r"\b(?:open|todo|to do|not started|planned|pending|backlog)\b|\[ \]", re.I)),
)
#: A Due cell that says the item is done ("DONE in v2", "✅ shipped", "completed 2024-05-01").
_DONE_DUE = re.compile(r"^[\s*_~`]*(?:✅|✔|☑|\[x\])?[\s*_~`]*(?:done|completed?|shipped|fixed|merged|resolved|closed)\b",
                       re.I)
#: a task marker: `[ ]`, `[x]`, and `[]` (an unchecked box as people type it)
#: A task-list box: `[ ]` open, `[x]` done, and the marks teams use for work under way
#: (`[~]` "written but not yet applied", `[-]`, `[/]`): in progress.
_TASK = re.compile(r"^\s*\[(?P<mark>[ xX~/-]?)\]\s*")
#: a plain status prefix: `TODO: add ...`, `DONE - pinned ...`, `[WIP] ...`, and the box of
#: an item that will not be done (`[N/A] Replace "dontAsk" — not needed`)
_STATUS_PREFIX = re.compile(r"^\s*(?:\[(?P<bracket>todo|done|wip|fixed|n/a|na|wontfix|won't do)\]\s*[:\-–—]?|"
                            r"(?P<word>todo|to-do|done|wip|fixed|implemented|suggested|proposed|planned)\s*[:\-–—])\s*(?=\S)",
                            re.IGNORECASE)
#: Status prefixes that leave the item open ("TODO: add an alert", "Suggested: make it harder to ...").
_OPEN_PREFIXES = ("todo", "to-do", "suggested", "proposed", "planned")
_FIELD = re.compile(
    r"(?:^|[\s(\[,;|])(?P<key>owner|owners|assignee|assigned to|who|dri|due|due date|eta|deadline|by|priority|prio|"
    r"ticket|issue|jira|bug|tracking|type|layer|status)\s*[:=]\s*"
    r"(?P<value>\[[^\]]*\]\([^)]*\)|<[^>]+>|@?[\w./#:@+-]+?(?: (?![\w ]*:)(?-i:[A-Z][a-z])[\w.-]*)?)(?=[\s,;|)\]]|$)", re.I)
_DUE_WORD = re.compile(r"\b(?:due|by|before|eta)\s+(?P<value>\d{4}-\d{2}-\d{2}|Q[1-4] \d{4}|"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2},? \d{4})\b", re.I)
_MENTION = re.compile(r"(?:^|[\s(])(?P<mention>@[A-Za-z0-9][\w.-]*(?:/[\w.-]+)?)")
_TICKET_ID = re.compile(r"\b[A-Z][A-Z0-9]{1,9}-\d{1,7}\b")
_URL = re.compile(r"https?://[^\s)>\]]+")
_ISSUE_REF = re.compile(r"(?<![\w&])#\d{2,7}\b")
_PRIORITY = re.compile(r"(?<![\w-])\[?P([0-4])\]?(?![\w-])")
_TAG = re.compile(r"\[(?P<tag>[a-z][a-z -]{1,20})\]", re.I)
#: An item that says it is already the team's practice: "(we already do this, but the drop
#: was not significant enough)", "(this was effective in this case)", "already in place".
_IN_PLACE = re.compile(r"\((?:we|this is|it is|it's)\s+already\s+(?:do(?:ne|ing)?|in place|have|running|set up)\b"
                       r"|\(this was effective\b|\balready\s+in\s+place\b", re.I)
#: (each run of white space is read once, from its start: `(?<!\s)` and a possessive run,
#: so a long run of spaces with no marker after it costs its length, not its square)
_DONE_MARKERS = re.compile(r"(?<!\s)\s*+(?:✅|✔️?|☑️?|\((?:done|completed?|fixed)(?:\s+(?:during|in|on|as\s+part\s+of|since|at)\b[^()]{0,40})?\)|\*\*(?:done|todo)\*\*:?|~~)\s*", re.I)
_EMPTY = {"", "-", "—", "–", "n/a", "na", "none", "?", "—"}


def column_key(header: str) -> str | None:
    """The action-item field a table header names (`Assignee` → owner, `TYPE-ACTON` → type)."""
    text = re.sub(r"[^a-z0-9 /-]", "", plain(header).lower()).strip()
    if not text:
        return None
    if text in _ALIAS_TO_KEY:
        return _ALIAS_TO_KEY[text]
    words = re.split(r"[\s/-]+", text)
    for word in words:
        if word in _ALIAS_TO_KEY and len(word) > 2:
            return _ALIAS_TO_KEY[word]
    close = difflib.get_close_matches(text, list(_ALIAS_TO_KEY), n=1, cutoff=0.8)
    if close:
        return _ALIAS_TO_KEY[close[0]]
    for word in words:
        close = difflib.get_close_matches(word, [alias for alias in _ALIAS_TO_KEY if len(alias) > 3], n=1, cutoff=0.8)
        if close:
            return _ALIAS_TO_KEY[close[0]]
    return None


def normalise_type(text: str) -> str | None:
    return next((name for name, pattern in _TYPES if pattern.search(text)), None)


def normalise_layer(text: str) -> str | None:
    return next((name for name, pattern in _LAYERS if pattern.search(text)), None)


def normalise_status(text: str) -> str | None:
    return next((name for name, pattern in _STATUSES if pattern.search(text)), None)


def ticket_in(markdown: str) -> str | None:
    """A tracking reference: a link target, a URL, `ABC-123` or `#123`."""
    link = re.search(r"\]\((?P<url>[^)\s]+)\)", markdown)
    if link:
        return link.group("url")
    for pattern in (_URL, _TICKET_ID, _ISSUE_REF):
        match = pattern.search(markdown)
        if match:
            return match.group(0).rstrip(".,;")
    return None


class _Items:
    def __init__(self, out: Output) -> None:
        self.out = out
        self.count = 0
        self.groups: dict[str, str] = {}

    def add(self, item: dict[str, Any], span: Span, field_spans: dict[str, Span] | None = None,
            group: str | None = None) -> None:
        pointer = f"/action_items/{self.count}"
        self.out.put(pointer, item, span)
        for key, field_span in (field_spans or {}).items():
            if key in item:
                self.out.spans[f"{pointer}/{key}"] = field_span
        self.out.widen("/action_items", span)
        if group:
            self.groups[str(self.count)] = group
        self.count += 1


class ActionsFound(NamedTuple):
    """How the action items were written, for `DocumentMeta` (see load/markdown.py)."""

    #: "table" | "list" | "prose"; None: no items found
    source: str | None
    #: the action-item fields the table columns map to, in column order
    columns: tuple[str, ...]
    #: item index → the sub-heading or label it was listed under
    groups: dict[str, str]


def extract_actions(sections: list[Section], out: Output, blocks: list[Block] | None = None) -> ActionsFound:
    """The action items of every action-item section, then (`blocks`: the whole document)
    the commitments labelled inline anywhere else ("Action point: enable push alerts")."""
    items = _Items(out)
    sources: list[str] = []
    columns: list[str] = []
    done_in_timeline: set[str] | None = None  # read once, at the first plan heading
    for section in sections:
        if section.key != "action_items":
            continue
        if section.heading is not None and done_in_timeline is None:
            done_in_timeline = _told_done_in_timeline(sections)
        group: str | None = None
        # "What we changed", "Changes made": a plan told as done
        # "Art Blocks has taken steps to ..., including:" (a lead-in promoted to the plan's heading)
        # "Prevention Measures (Now Implemented)": the heading's own word says the items are done
        told_as_done: dict[str, str] = {"status": "done"} if section.heading is not None and (
            _DONE_PLAN.search(plain(section.heading.text)) or _DONE_GROUP.search(plain(section.heading.text)) or
            section.heading.level == LABEL_LEVEL and _DONE_INTRO.search(plain(section.heading.text)) or
            _heading_words(section.heading.text) in (done_in_timeline or ())) else {}
        group_hints = dict(told_as_done)
        item_ids = {block.index for block in section.blocks if block.kind in ("item", "label")}
        fielded = _fielded_items(section.blocks)
        with_children = {block.parent for block in section.blocks if block.kind == "item"}
        # items that hold a code block and no nested item: "1. **Fix SILO/LAPIS restart
        # policy**" over the YAML of the fix is the item, not a label of a group
        with_code = {block.parent for block in section.blocks if block.kind == "code"} - with_children
        # ... and so is each of a list of bold titles alone, none with items under it: there
        # is nothing for them to group ("1. **Never touch `/config/.storage/` files**")
        no_label = with_code | _bold_titles_alone(section.blocks, with_children)
        # items whose children open with a task box: "- Long Term" over "- [ ] Move the monitor offsite"
        boxed_parents = {block.parent for block in section.blocks
                         if block.kind == "item" and block.parent >= 0 and _TASK.match(block.text)}
        absorbed = {id(pair.block) for pairs in fielded.values() for pair in pairs}
        absorbed |= _glossary_lists(section.blocks)
        parents: dict[int, str] = {}
        told_done = _lists_told_done(section.blocks, absorbed)
        intro_done = False  # after a paragraph that introduces the work done (`_DONE_INTRO`)
        intro_open = False  # after a paragraph that introduces work still to do (`_OPEN_INTRO`)
        prose: list[tuple[str, Span, str | None]] = []
        listed = any(block.kind in ("item", "table") and not block.quoted for block in section.blocks)
        heading: Block | None = None  # the sub-heading whose text is read, and its paragraphs
        heading_prose: list[tuple[str, Span, str | None]] = []
        heading_listed = False
        #: the paragraphs under each sub-heading (None: before the first), for a plan of prose
        headed: list[tuple[Block | None, list[tuple[str, Span, str | None]]]] = [(None, [])]
        if section.heading is not None:
            out.widen("/action_items", Span(section.heading.line, section.heading.column, section.heading.line,
                                            section.heading.end_column))
        problems = False  # under a sub-heading that lists problems found, not work to do
        options = False  # after a lead-in that offers alternatives, not commitments (`_OPTIONS_INTRO`)
        #: (level, hints) of the sub-headings open above the current one: "#### 1. Strong Password
        #: Policy" under "### Security Hardening Implemented" is work done all the same
        opened: list[tuple[int, dict[str, str]]] = []
        for position, block in enumerate(section.blocks):
            if problems and block.kind != "heading":
                continue
            if options and block.kind == "item" and not block.quoted:
                continue
            options = options and block.kind == "item"
            if block.kind in ("item", "table") and not block.quoted:
                heading_listed = True
            if block.kind == "heading":
                if listed and heading is not None and not heading_listed:
                    _heading_item(items, heading, heading_prose, group_hints)
                # "### Problems during Recovery" inside "## Corrective and Preventive Measures":
                # what went wrong, listed before the changes that answer it
                title = plain(block.text)
                problems = _PROBLEMS_HEADING.search(title) is not None and _PLAN_WORDS.search(title) is None
                if problems:
                    continue
                heading, heading_prose, heading_listed = block, [], False
                headed.append((block, heading_prose))
                group = title
                # (under "Changes implemented", a sub-heading "2. Systematic fix" is still work done)
                while opened and opened[-1][0] >= block.level:
                    opened.pop()
                inherited = {key: value for _, hints in opened for key, value in hints.items()}
                own = _hints(group)
                opened.append((block.level, own))
                group_hints = {**told_as_done, **inherited, **own}
                intro_done = intro_open = False
            elif block.kind == "table":
                found = _table(items, block, group, group_hints)
                if found is not None:
                    sources.append("table")
                    columns.extend(column for column in found if column not in columns)
            elif block.kind == "item" and not block.quoted:
                if id(block) in absorbed:
                    continue  # a `**Owner:** ...` bullet: read as a field of the item above it
                if len(block.text) < 120 and _STATUS_ONLY.fullmatch(block.text.strip()):
                    continue  # "- Status: ✅ ACTIVE" under a measure's heading: its state, no item
                nested = fielded.get(block.index)
                if block.parent in item_ids and block.parent in parents:
                    _item(items, block, parents[block.parent],
                          _done_if(block, told_done, _hints(parents[block.parent]) or group_hints, intro_done), nested)
                    sources.append("list")
                elif block.parent in item_ids:
                    _attach_detail(out, items, block)
                else:
                    # an item with paragraphs of its own and nothing nested is no group label
                    label = _group_label(block, boxed_parents, block.index in with_children) if nested is None and \
                        not (block.rest and block.index not in with_children) and block.index not in no_label else None
                    if label is not None:
                        parents[block.index] = label
                        continue
                    hints = {key: value for key, value in group_hints.items() if key != "status"} if intro_open \
                        else group_hints
                    _item(items, block, group, _done_if(block, told_done, hints, intro_done), nested)
                    sources.append("list")
                    if block.index in with_code:  # "**Volume monitoring:**" over its code: the colon leads to the code
                        last = out.data["action_items"][-1] if out.data.get("action_items") else None
                        if isinstance(last, dict) and isinstance(last.get("title"), str):
                            last["title"] = last["title"].rstrip().rstrip(":").rstrip() or last["title"]
            elif block.kind == "label":
                parents[block.index] = group or ""
            elif block.kind == "paragraph" and not block.quoted and not is_template_prompt(block.text):
                text = plain(block.text)
                if position and section.blocks[position - 1].kind == "item" and items.count and \
                        _answers(out.data["action_items"][items.count - 1], text):
                    # "- Confirm finality roll back is normal" then "Confirmed it's not normal. ..."
                    out.data["action_items"][items.count - 1].setdefault("status", "done")
                    continue
                # "List of actions performed to resolve the problem:": the list after it is done
                intro_done = text.endswith(":") and _DONE_INTRO.search(text) is not None
                # "The next hardening priorities are:" under "What changed after the incident":
                # the list after it is still to do, whatever the heading says of the rest
                intro_open = text.endswith(":") and _OPEN_INTRO.search(text[-300:]) is not None \
                    and _DONE_IN_LEAD.search(text[-300:]) is None
                # "One or more of the following mitigations will work:": the list offers options
                options = text.endswith(":") and _OPTIONS_INTRO.search(text) is not None
                if text.endswith(":") and _leads_code(section.blocks, position):
                    text = text[:-1].rstrip() + "."  # "Add a cron job to clear stuck entries:" over its code
                if text and not text.endswith(":") and not _is_filler(text) and not _NOTHING.match(text):
                    prose.append((text, Span(block.line, block.column, block.end_line, block.end_column), group))
                    heading_prose.append(prose[-1])
                    if heading is None:
                        headed[0][1].append(prose[-1])
        if listed and heading is not None and not heading_listed:
            _heading_item(items, heading, heading_prose, group_hints)
        if not any(block.kind in ("item", "table") for block in section.blocks):
            # prose is the items only where there is no list or table: a sub-heading with
            # paragraphs under it is one item ("#### @dana Alerts configured", then how),
            # any other paragraph one item of its own
            for sub, paragraphs in headed:
                if sub is not None and paragraphs and plain(sub.text):
                    _heading_item(items, sub, paragraphs, _hints(plain(sub.text)))
                    sources.append("list")
                    continue
                for text, span, group in paragraphs:
                    owner = _OWNER_OF_ALL.search(text[:4000])
                    who = owner.group("who") if owner else _lead_initials(text)
                    items.add({"title": text, **({"status": "done"} if _prose_told_done(text) else {}),
                               **({"owner": who} if who else {})},
                              span, {"title": span}, group)
                    sources.append("prose")
    if blocks is not None:
        skip = _plan_and_timeline_blocks(sections)
        if _labelled_actions(items, skip, blocks):
            sources.append("prose")
        for found in _plan_tables(items, skip, blocks):
            sources.append("table")
            columns.extend(column for column in found if column not in columns)
    source = ("table" if "table" in sources else "list" if "list" in sources else "prose") if items.count else None
    return ActionsFound(source, tuple(columns), items.groups)


#: A paragraph that offers the list after it as alternatives to choose from, not as work
#: committed to: "One or more of the following mitigations will work:", "Possible solutions:".
_OPTIONS_INTRO = re.compile(r"\b(?:" + OPTIONS_OFFERED + r"|"
                            # links kept for reference, not work: "Upstream bug reports we found while
                            # debugging, for reference:", "See also:", "Related issues:"
                            r"for\s+reference|see\s+also|related\s+(?:issues|links|tickets|reports|bugs)|"
                            r"further\s+reading)\b", re.IGNORECASE)
#: A sub-heading of the plan that lists problems found ("Problems during Recovery", "Issues
#: we hit", "What went wrong"), unless it also names the work ("Fixes for the problems").
_PROBLEMS_HEADING = re.compile(r"^\W*(?:(?:problems?|issues?|challenges?|difficulties|pain[ \t]points?)[ \t]+"
                               r"(?:during|found|encountered|hit|faced|seen|observed|identified|discovered|"
                               r"we[ \t]+(?:hit|faced|found|encountered|saw))\b|what[ \t]went[ \t](?:wrong|badly)\b)",
                               re.IGNORECASE)
_PLAN_WORDS = re.compile(r"\b(?:fix(?:es)?|actions?|changes?|improvements?|remediation|follow[- ]?ups?|to[ \t-]?do|"
                         r"todo|solutions?|next[ \t]steps?|resolved|plans?)\b", re.IGNORECASE)


#: A paragraph of the plan that reports work done: a passive or a "we" past tense ("The fix
#: was backported to our fork", "A new tag was created", "we rotated the keys"), or a
#: subject doing a past action ("The fix involved unifying the cache").
_TOLD_DONE = re.compile(
    r"\b(?:was|were|has[ \t]been|have[ \t]been|had[ \t]been)[ \t]+(?:then[ \t]+|also[ \t]+|successfully[ \t]+)?"
    r"(?:[a-z]{2,20}ed|built|made|sent|run|rebuilt|rewritten|written|taken|brought|undone|given|kept|found|told|"
    r"set[ \t]up|put)\b"
    r"|\b(?:we|i|the[ \t]team)[ \t]+(?:then[ \t]+|also[ \t]+|quickly[ \t]+|immediately[ \t]+)?[a-z]{2,20}ed\b"
    # the present perfect of the team or a person named: "We have added bots", "Pooja has
    # also enabled 2FA" (a capitalised name: not "this has caused")
    r"|(?:\b(?:we|i|the[ \t]team|our[ \t]team)|(?<![\w.])(?-i:(?!(?:This|That|These|Those|It|There|Which|What|Everything|Nothing|Something|Nobody|Each|All|One)\b)"
    r"[A-Z][a-z]{1,20}))(?:[ \t]+(?:have|has)|['’]ve)[ \t]+"
    r"(?:then[ \t]+|also[ \t]+|now[ \t]+|already[ \t]+|since[ \t]+|just[ \t]+)?"
    # (work done, not a thing seen, weighed or begun: "Based on what we have observed, we are
    # building tests", "we have decided to", "we have started migrating")
    # (nor work only put in a queue: "we have created a ticket to add ...", "we have
    # scheduled the migration", "we have opened an issue")
    r"(?!(?:observ|learn|notic|realis|realiz|experienc|discuss|consider|decid|agre|identifi|determin|conclud|"
    r"hear|want|need|plann|hop|tri|start|commenc|begun|wonder|expect|schedul|request|propos|ask|assign|book)\w{0,3}\b)(?![a-z]{2,20}ed[ \t]+(?:an?|the)[ \t]+(?:[\w-]+[ \t]+)?(?:ticket|issue|task|card|story|"
    r"epic|bug|jira|request)\b)"
    r"(?:[a-z]{2,20}ed|built|made|set[ \t]up|put|written|rewritten)\b"
    r"|^(?:the|this|our)[ \t]+(?:fix|patch|change|remediation|mitigation)[ \t]+(?:involved|included|consisted|"
    r"required|meant)\b", re.I)
#: ... and says nothing still to do.
_STILL_TO_DO = re.compile(
    r"\b(?:will|shall|should|must|need(?:s|ed)?[ \t]+to|plan(?:s|ned|ning)?[ \t]+to|going[ \t]+to|intend|"
    r"want[ \t]+to|would[ \t]+like|todo|next[ \t]step|follow[- ]?up|going[ \t]forward|in[ \t]the[ \t]future|"
    r"[a-z]+" + "['\u2019]" + r"ll|won['\u2019]t|yet[ \t]to|remains?[ \t]to|pending|open|tbd|consider|"
    # work left told without a modal: "is still missing", "for production next sprint"
    # ("missing" as a predicate only: not "we have added the missing index validation")
    r"still[ \t]+(?:missing|open|to[ \t]+do|needed|pending|outstanding|lacking|not)|(?:is|are)[ \t]+missing|"
    r"next[ \t]+(?:week|sprint|quarter|month|release|year|iteration))\b", re.I)


#: A paragraph of the plan that names who carries it: "Porter Nilsson is in charge of both
#: of these changes", "The platform team is responsible for all of the above" (a first
#: and last name, or a team; not "Nobody is in charge of ...", nor "Kubernetes is
#: responsible for the restarts": one capitalised word is as often a product).
_OWNER_OF_ALL = re.compile(
    r"(?:^|[.!?][ \t]+)(?P<who>(?!(?:No|Nobody|No one|Someone|Everyone|It|This|That|There)\b)"
    r"[A-Z][a-z]{1,20}[ \t]+[A-Z][a-z]{1,20}|[Tt]he[ \t]+[\w-]{2,30}[ \t]+team)[ \t]+(?:is|are|will[ \t]+be)[ \t]+"
    r"(?:in[ \t]+charge[ \t]+of|responsible[ \t]+for|the[ \t]+owner[ \t]+of|owning)[ \t]+(?:both|all|each|these|those|"
    r"this|the)\b")


def _prose_told_done(text: str) -> bool:
    """Whether a paragraph read as one item of a prose plan reports work done ("The fix was
    backported ... and applied to the testnet, successfully resolving the chain halt."):
    a past tense (`_TOLD_DONE`) and nothing still to do (`_STILL_TO_DO`). Read as open, a
    testnet's remediation told in the past was "2 open action items" without an owner."""
    return _TOLD_DONE.search(text) is not None and all(
        _BEHAVIOUR_WILL.match(text, max(0, match.start() - 5)) is not None
        and _A_THING.match(_sentence_before(text, match.start())) is not None
        for match in _STILL_TO_DO.finditer(text))


#: "..., and will kick users failing compliance": what a thing just configured will do from
#: now on (its behaviour), not work still to do; "and will be monitored" is work still.
_BEHAVIOUR_WILL = re.compile(r"(?:,[ \t]|[ \t])and[ \t]will[ \t]+(?!be\b|need\b|have\b|continue\b)[a-z]", re.I)
#: A sentence that tells a thing configured, in the passive ("The Wick bot has had its
#: settings changed ...", "Renovate has been configured ...", "A bot was set up ..."), and
#: names no person or team before the "will" (not "Pooja has enabled ... and will enable
#: it", an active person; nor "The on-call engineer was paged ... and will").
_A_THING = re.compile(r"^(?![^.!?]*\b(?:we|i|us|team|engineers?|on-?call|admins?|owners?|maintainers?|developers?|"
                      r"leads?|managers?|sres?|staff|people|person)\b)"
                      r"[^.!?]*?\b(?:was|were|has\s+been|have\s+been|had\s+been|has\s+had|have\s+had|is|are)\s+"
                      r"(?:\w+\s+){0,3}?(?:[a-z]{2,20}(?:ed|en)|set\s+up|set|built|made|put|rewritten)\b", re.I)


def _sentence_before(text: str, end: int) -> str:
    """The sentence of `text` up to `end` (from the last full stop, ! or ? before it; at
    most 300 characters back)."""
    before = text[max(0, end - 300):end]
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
    return before[cut + 1:]


def _leads_code(blocks: list[Block], position: int) -> bool:
    """Whether the paragraph at `position` introduces a code block ("Add a cron job to
    abandon stuck entries:" over the job's code): the sentence is the step, the code its
    detail. A colon before a list leads in to the list's items instead."""
    following = blocks[position + 1] if position + 1 < len(blocks) else None
    return following is not None and following.kind == "code" and not following.quoted


#: A paragraph or bullet that labels itself a commitment, wherever it stands: "Action
#: point: enable push alerts", "**Action item:** ...", "Follow-up: ...", "Next step: ...".
#: Not "AP:" or "AI:" (an access point, artificial intelligence), nor "TODO:" (a
#: placeholder, PM010's). Bounded repeats, anchored at the start: linear.
_ACTION_LABEL = re.compile(
    r"^[ \t]{0,3}(?:action[ -]?points?|action[ -]?items?|follow[ -]?ups?(?:[ \t]{1,3}(?:actions?|items?))?|"
    r"next[ -]steps?|remediation[ \t]{1,3}items?)[ \t]{0,3}(?:\(\w{1,20}\)[ \t]{0,3})?[:：][ \t]{0,3}(?=\S)",
    re.IGNORECASE)


#: A note that closes the item it follows (its next line, a later paragraph or a
#: sub-bullet): "This has been done.", "It is now deployed", "Done as of 2021-09-01",
#: "Update: completed". Not "This has not been done yet", "Done when alerts page", nor
#: "It was fixed temporarily ..." (only the words that say the work is finished follow
#: "was"). Anchored, bounded: linear.
_CLOSING_NOTE = re.compile(
    r"^\W{0,4}(?:(?:this|that|it|these|those|all\s+of\s+(?:this|these|them))\s+"
    r"(?:(?:has|have|is|are)\s+(?:now\s+|since\s+|already\s+|also\s+){0,2}(?:been\s+)?"
    r"(?:done|complete|completed|implemented|fixed|deployed|shipped|resolved|addressed|merged|released|in\s+place|"
    r"rolled\s+out|set\s+up)"
    r"|(?:was|were)\s+(?:already\s+|also\s+)?(?:done|completed|implemented|deployed|shipped|merged|released|"
    r"rolled\s+out))\b"
    r"|(?:(?:update|status)\s{0,3}:\s{0,3})?(?:done|completed|fixed|implemented|deployed|shipped|resolved)"
    r"(?:\s{0,3}[.!:(]|\s*$|\s+(?:as\s+of|on|in|since)\b))",
    re.IGNORECASE)


#: An item that asks a question of fact, and the answer that opens the paragraph after it:
#: "Confirm finality roll back is normal" / "Confirmed it's not normal. From Danny: ...".
_ASKS = re.compile(r"^\W{0,4}(confirm|verify|check|determine|establish|find\s+out)\b", re.IGNORECASE)
_ANSWERED = {"confirm": "confirmed", "verify": "verified", "check": "checked", "determine": "determined",
             "establish": "established", "find out": "found"}


def _answers(item: dict, text: str) -> bool:
    """Whether `text` (the paragraph right after the plan's last item) answers that item:
    the item asks to confirm, verify or check something, and the paragraph opens with its
    past participle. Anchored: linear."""
    title = item.get("title")
    asked = _ASKS.match(title) if isinstance(title, str) else None
    if asked is None:
        return False
    answer = _ANSWERED[" ".join(asked.group(1).lower().split())]
    return re.match(r"\W{0,4}" + answer + r"\b", text, re.IGNORECASE) is not None


def closing_note(text: str) -> bool:
    """Whether a line, paragraph or sub-bullet following an item says the item is done."""
    return _CLOSING_NOTE.match(plain(text)) is not None


def _plan_and_timeline_blocks(sections: list[Section]) -> set[int]:
    """The ids of the blocks of the plan and timeline sections: `_labelled_actions` and
    `_plan_tables` read only the rest (there a "Follow-up:" is what happened, or the plan
    is read already)."""
    return {id(block) for section in sections if section.key in ("action_items", "timeline")
            for block in section.blocks}


def _labelled_actions(items: _Items, skip: set[int], blocks: list[Block]) -> bool:
    """Items for the labelled commitments outside the plan and the timeline (there an
    entry's "Follow-up:" is what happened); True when any was found. A closing note on
    the next line, a later paragraph or the bullet right under it ("- This has been
    done.") marks the item done. `skip`: the blocks of the plan and the timeline."""
    found = False
    for position, block in enumerate(blocks):
        if block.kind == "html" and not block.quoted and id(block) not in skip:
            found = _enumerated_plan(items, block) or found
            continue
        if block.kind not in ("paragraph", "item") or block.quoted or id(block) in skip:
            continue
        if block.kind == "paragraph" and "action" in block.text[:200].lower() and _bold_actions(items, block):
            found = True  # meeting minutes: "**Action** Sadiq to talk to Phil" on lines of their own
            continue
        text = plain(block.text)
        label = _ACTION_LABEL.match(text)
        if label is None:
            found = _enumerated_plan(items, block, text) or found
            continue
        title = text[label.end():].strip()
        if not title or _NOTHING.match(title) or is_template_prompt(title):
            continue
        span = Span(block.line, block.column, block.end_line, block.end_column)
        item: dict[str, Any] = {"title": title}
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if _closed_in_place(block) or (following is not None and following.kind in ("paragraph", "item")
                                       and not following.quoted and following.line <= block.end_line + 2
                                       and closing_note(following.text)):
            item["status"] = "done"
        items.add(item, span, {"title": span}, None)
        found = True
    return found


def _plan_tables(items: _Items, skip: set[int], blocks: list[Block]) -> Iterator[list[str]]:
    """The columns of each table outside the plan and the timeline that is a plan by its
    own header: its first column names follow-ups or action items and another names their
    owner, and another what tracks it: a status, a due date, a ticket or what done looks
    like ("| Follow-up | Owner | Acceptance criterion | Status |" under "## After-action
    review"). A table of what was done ("| Time | Action | Who |", "| Follow-up | Owner |
    Sent |") is no plan. `skip`: the blocks of the plan and the timeline."""
    for block in blocks:
        if block.kind != "table" or block.quoted or id(block) in skip or not block.header:
            continue
        first = re.sub(r"[^a-z -]", "", plain(block.header[0].text).lower()).strip()
        keys = {column_key(cell.text) for cell in block.header[1:]}
        # (an owner and what tracks the work: a status, a due date, a ticket or what done
        # looks like; "| Follow-up | Owner | Sent |" lists messages already sent)
        if first not in _PLAN_COLUMNS or "owner" not in keys or not keys & {"status", "due", "ticket", "description",
                                                                            "priority"}:
            continue
        found = _table(items, block, None, {})
        if found is not None:
            yield found


#: The first column of a table that lists the plan, whatever the heading above it.
_PLAN_COLUMNS = frozenset({"follow-up", "follow-ups", "followup", "followups", "follow up", "follow ups",
                           "action item", "action items", "todo", "to-do", "to do", "remediation",
                           "corrective action", "corrective actions", "next step", "next steps"})


#: A line led by a bold "Action" (meeting minutes): "**Action** Sadiq to talk to Phil",
#: "**Action:** Si to email Carol", "**Action point** ..." (not "**Action taken**": what was done).
_BOLD_ACTION = re.compile(r"^[ \t]{0,3}(?:\*\*|__)action(?:[ -]?(?:points?|items?))?[ \t]*:?[ \t]*(?:\*\*|__)[ \t]*:?[ \t]+(?=\S)",
                          re.IGNORECASE)


def _bold_actions(items: _Items, block: Block) -> bool:
    """Items for the lines of a paragraph led by a bold "Action" (`_BOLD_ACTION`), each its
    own item (minutes write them one to a line, broken with two trailing spaces); True when
    any was found. One anchored match per line: linear."""
    found = False
    for offset, raw in enumerate(block.text.split("\n")):
        label = _BOLD_ACTION.match(raw)
        if label is None:
            continue
        title = plain(raw[label.end():]).strip()
        if not title or _NOTHING.match(title):
            continue
        number = block.line + offset
        span = Span(number, block.column, number, block.column + len(raw))
        item: dict[str, Any] = {"title": title}
        owner = _MINUTES_OWNER.match(title)
        if owner is not None:
            item["owner"] = owner.group("owner")
        items.add(item, span, {"title": span}, None)
        found = True
    return found


#: Minutes name the owner first: "Sadiq to talk to Phil", "Fluff_eei to check bookings"
#: (a name, "to", a verb); read only after a bold "Action", where that is the form.
_MINUTES_OWNER = re.compile(r"(?P<owner>[A-Z][\w.'-]{0,30}(?:[ \t]+[A-Z][\w.'-]{0,30})?)[ \t]+to[ \t]+[a-z]{2,}\b")


#: A sentence that names the plan and lists it: "our action items included tasks such as
#: rotating keys, deleting CI logs after 48 hours, and updating our incident process". The
#: list runs to the sentence's end (bounded: linear).
_ENUMERATED_PLAN = re.compile(
    r"\b(?:our|the|its|their)[ \t]+(?:action[ \t]+items?|follow[ -]?ups?|follow[ -]?up[ \t]+actions?|"
    r"remediation[ \t]+items?|corrective[ \t]+actions?)[ \t]+(?:(?:for|from)[ \t]+(?:this|the)[ \t]+incident[ \t]+)?"
    r"(?:included|include|includes|are|were|will[ \t]+be|consist(?:ed|s)?[ \t]+of)[ \t]+"
    r"(?P<such>(?:tasks|things|items|steps|work|actions)[ \t]+(?:such[ \t]+as|like)[ \t]+)?(?P<list>[^.;:!?\n]{10,600})",
    re.IGNORECASE)
#: Between the entries of such a list: ", ", ", and ", ", or ", " and " before the last.
_LIST_SEPARATOR = re.compile(r"(?<![ \t])[ \t]*+,[ \t]*(?:and[ \t]+|or[ \t]+)?|(?<![ \t])[ \t]++and[ \t]+(?=[a-z]+ing\b)",
                             re.IGNORECASE)


def _enumerated_plan(items: _Items, block: Block, text: str | None = None) -> bool:
    """Items for a sentence that lists the plan in prose ("our action items included tasks
    such as rotating keys, deleting CI logs after 48 hours, and ..."), one per entry of
    two words or more; True when one was found. Only a list: two entries or more, led in
    by "tasks such as" or each a gerund ("The action items are tracked in JIRA-123" and
    "our follow-ups are tracked in Jira, and reviewed weekly" list nothing)."""
    text = plain(block.text) if text is None else text
    if "action item" not in text.lower() and "follow" not in text.lower() and "corrective" not in text.lower() \
            and "remediation" not in text.lower():
        return False
    match = _ENUMERATED_PLAN.search(text)
    if match is None:
        return False
    entries = [entry.strip() for entry in _LIST_SEPARATOR.split(match.group("list")) if len(entry.split()) >= 2]
    if len(entries) < 2 or (match.group("such") is None
                            and not all(entry.split()[0].lower().endswith("ing") for entry in entries)):
        return False
    span = Span(block.line, block.column, block.end_line, block.end_column)
    for entry in entries:
        items.add({"title": entry}, span, {"title": span}, None)
    return True


def _closed_in_place(block: Block) -> bool:
    """Whether a line after the first of the item's text, or a later paragraph of it, is a
    closing note ("Add an announcement list\nThis has been done.")."""
    return any(closing_note(line) for line in block.text.split("\n")[1:]) or any(
        closing_note(paragraph) for paragraph in block.rest)


def _heading_item(items: _Items, heading: Block, prose: list[tuple[str, Span, str | None]],
                  hints: dict[str, str]) -> None:
    """A sub-heading of a plan that lists its other actions, with only paragraphs under it
    ("##### Changes to SSH keys should be carefully monitored", then how): one remediation,
    the heading its title and the paragraphs its description. Skipped, the plan lost its
    detection work and PM402 said no item improves detection."""
    if not prose:
        return  # an intro ("... which we'll take in turn:") or a heading over sub-headings
    title, owner = _heading_owner(plain(heading.text))
    if not title:
        return
    title_span = Span(heading.line, heading.column, heading.line, heading.end_column)
    description_span = Span(prose[0][1].line, prose[0][1].column, prose[-1][1].end_line, prose[-1][1].end_column)
    item: dict[str, Any] = {"title": title, "description": _sentences([text for text, _, _ in prose]), **hints}
    if owner is not None:
        item["owner"] = owner
    span = Span(heading.line, heading.column, description_span.end_line, description_span.end_column)
    items.add(item, span, {"title": title_span, "description": description_span}, title)


#: An item heading's enumerator ("1)", "2.", "Step 3:") and its owner: one @handle at its
#: start ("@dana Alerts configured") or end ("Alerts added by @dana", "... (@dana)")
_ENUMERATOR = re.compile(r"^(?:step[ \t]{1,3})?\d{1,3}[.):][ \t]{1,3}", re.IGNORECASE)
#: Initials in brackets after an item's words: "[DB]", "[IBG]", "[CF to write story]".
_INITIALS = re.compile(r"(?<=\S)[ \t]{1,3}\[(?P<owner>[A-Z]{2,4})(?:[ \t]+to[ \t]+[^\]\n]{1,40})?\]")
#: Initials leading an item, minutes' way of naming its owner: "GK to run through the
#: deploy principles with the team again", "JS to follow up with the vendor" (not an
#: acronym of a system: "CI to fail builds ...", "DNS to resolve ...").
_LEAD_INITIALS = re.compile(r"^\W{0,4}(?P<owner>[A-Z]{2,3})[ \t]+to[ \t]+[a-z]{2,}\b")
_NOT_INITIALS = frozenset({"API", "AWS", "CDN", "CI", "CD", "DB", "DNS", "ELB", "GCP", "TLS", "SSL", "SSO", "UI", "UX",
                           "VPN", "VM", "OS", "IP", "CPU", "RAM", "SQL", "JS", "TS", "K8S", "SLA", "SLO", "MFA",
                           "IAM", "ACL", "LB", "RDS", "EC2", "S3", "ALB", "NLB", "WAF", "PR", "MR", "QA"})


def _lead_initials(text: str) -> str | None:
    """The owner an item names by the initials it opens with ("GK to run through ..."), or
    None (no such lead, or the letters are a system's acronym such as CI or DNS)."""
    found = _LEAD_INITIALS.match(text[:40])
    if found is None or found.group("owner") in _NOT_INITIALS:
        return None
    return found.group("owner")


_LEAD_OWNER = re.compile(r"^@(?P<owner>[A-Za-z0-9][\w.-]{0,38})[ \t]{1,3}(?:[-–—:][ \t]{1,3})?(?=\S)")
_TAIL_OWNER = re.compile(r"[ \t]{1,3}(?:(?:by|owner:?|owned[ \t]by|assigned[ \t]to)[ \t]{1,3}|[-–—|][ \t]{0,3})?"
                         r"\(?@(?P<owner>[A-Za-z0-9][\w.-]{0,38})\)?[ \t]*$", re.IGNORECASE)


_CODE_MENTION = re.compile(r"`(@[A-Za-z0-9][\w.-]{0,38})`")


def _heading_owner(text: str) -> tuple[str, str | None]:
    """(title, owner) of an item heading: the enumerator dropped, and the one @handle that
    leads or ends it taken as the owner (a mention inside the sentence is not one)."""
    text = _ENUMERATOR.sub("", _CODE_MENTION.sub(r"\1", text.strip()), count=1)
    if len(_MENTION.findall(text)) != 1:
        return text, None
    for pattern in (_LEAD_OWNER, _TAIL_OWNER):
        found = pattern.search(text)
        if found is not None:
            rest = (text[:found.start()] + text[found.end():]).strip()
            if rest:
                return rest, found.group("owner").rstrip(".")
    return text, None


def _is_filler(text: str) -> bool:
    """Too short to be an item, or a closing courtesy that commits to nothing: an apology,
    thanks or a contact line ending a prose plan ("Once again, the team sincerely
    apologises ... If you have any questions, please contact ...")."""
    return len(text) < 4 or (_CLOSING.search(text) is not None and _PROMISE.search(text) is None)


#: An apology, thanks or an invitation to ask: how a public write-up's last paragraph reads.
_CLOSING = re.compile(r"\b(?:apologi[sz]es?|apologies|sorry\s+for|thank\s+you|thanks\s+for|if\s+you\s+have\s+any\s+"
                      r"questions|(?:don't|do\s+not)\s+hesitate\s+to\s+(?:contact|reach)|"
                      # "We look forward to your suggestions", "Glad to be back!", "we appreciate
                      # your patience": a community post's sign-off
                      r"look(?:ing)?\s+forward\s+to\s+(?:your|hearing)|glad\s+to\s+be\s+back|"
                      r"appreciate\s+your\s+(?:patience|support|understanding))\b", re.I)
#: ... beside a promise, the paragraph is still a commitment ("Sorry; we will add an alert").
_PROMISE = re.compile(r"\b(?:will|shall|going\s+to|plan\s+to|intend\s+to)\b|'ll\b|\u2019ll\b"
                      # work under way: "We are moving the config service to typed schemas, and we
                      # look forward to your feedback" (a plan with a courtesy, not a sign-off)
                      r"|\b(?:we|i)(?:\s+(?:are|am)|['\u2019](?:re|m))\s+(?:now\s+|currently\s+|also\s+)?"
                      r"(?!looking\s+forward\b)[a-z]{2,20}ing\b", re.I)


#: A timeline entry (or one of its table cells) that is only a named piece of work and a
#: word saying it is done: "Prevention measures deployed", "Follow-up actions completed"
#: (the last part after a stamp or a separator; the name, group 1, must be a plan heading's
#: words exactly). Not "Cache prevention measures deployed" (another name), not "Asked
#: whether the prevention measures were deployed: not yet" (a question, its answer last).
_TIMELINE_DONE = re.compile(r"([a-z][a-z' -]{0,80}?)[ \t]+(?:were[ \t]+|was[ \t]+|are[ \t]+|all[ \t]+|now[ \t]+|fully[ \t]+)?"
                            r"(?:deployed|implemented|completed|done|shipped|applied|rolled[ \t]+out|in[ \t]+place)\.?")
#: Where an entry's last part starts: after a table bar, a colon, a dash between spaces.
_LAST_PART = re.compile(r".*(?:\||:[ \t]|[ \t][-\u2013\u2014][ \t])")
#: A stamp opening an entry's last part: "10:00 ", "~14:05 UTC ", "2025-01-02 9:40pm - ".
_STAMP = re.compile(r"[\W\d_]*(?:(?:[ap]\.?m\.?|utc|gmt)\b[\W\d_]*)?")
_WORDS = re.compile(r"[a-z][a-z'-]*")


def _heading_words(text: str) -> str:
    """A heading's words, lower case, without numbering, marks or qualifiers in brackets."""
    return " ".join(_WORDS.findall(re.sub(r"\([^()]{0,200}\)", " ", plain(text).lower())))


def _told_done_in_timeline(sections: list[Section]) -> set[str]:
    """The names of work a timeline entry says is done ("| Dec 30, morning | Prevention
    measures deployed |": {"prevention measures"}): a plan heading of two words or more
    with exactly that name lists work done. Each entry is read once, its last part only
    (at most 300 characters), so the cost is linear in the timeline."""
    named: set[str] = set()
    for section in sections:
        if section.key != "timeline":
            continue
        for block in section.blocks:
            texts = [cell.text for row in block.rows for cell in row] if block.kind == "table" else [block.text]
            for text in texts:
                line = plain(text[:300]).lower().strip()
                cut = _LAST_PART.match(line)
                last = line[cut.end():] if cut else line
                stamp = _STAMP.match(last)  # (always matches: every part of it is optional)
                match = _TIMELINE_DONE.fullmatch(last[stamp.end() if stamp else 0:].strip())
                if match is not None and len(match.group(1).split()) >= 2:
                    named.add(" ".join(_WORDS.findall(match.group(1))))
    return named


#: A plan heading in the past tense: its items report work done ("What we changed",
#: "Changes made", "Fixes shipped"), not commitments still open.
_DONE_PLAN = re.compile(r"^\W*(?:what\s+(?:we|we've|we\s+have)\s+(?:changed|fixed|did\s+about\s+it)"
                        # ("What changed as a result": the heading the section table names so)
                        r"|" + CHANGED_AFTER.pattern +
                        r"|(?:changes|fixes)\s+(?:we\s+)?(?:made|shipped|deployed|implemented|applied|merged))\b", re.I)


#: The first word of a list item told as done: a verb in the past tense ("Redeployed the
#: previous version (Igor)", "Retargeted the tag and reran the release"), after "We" or "I"
#: if written. A word ending in -eed ("Need to ..."), or "embed", is no past tense.
_PAST_LEAD = re.compile(
    r"^[^\w`]{0,4}(?:(?:we|i)[ \t]{1,3}(?:(?:have|had|also|then|quickly|immediately)[ \t]{1,3}){0,2})?"
    r"(?P<verb>(?!(?:embed|imbed|shred)\b)[a-z]{2,20}(?<!e)ed|(?:re)?ran|rebuilt|rewrote|wrote|made|took|sent|"
    r"built|brought|paid|undid|gave|began|did|drew|threw|froze|spun|swapped|kept|found|fought|told|sold|"
    r"got|rolled)\b", re.I)
#: Words that lead an item either as a past tense or as an adjective of a plan's noun
#: phrase ("Improved alerting", "Updated runbook", "Automated failover") or as an
#: imperative ("Set the OTP version"): they neither show a list is done nor that it is open.
_EITHER_LEAD = frozenset({
    "improved", "increased", "reduced", "enhanced", "automated", "extended", "expanded", "dedicated",
    "centralized", "centralised", "detailed", "advanced", "updated", "revised", "scheduled", "distributed",
    "documented", "standardized", "standardised", "unified", "simplified", "streamlined", "hardened",
    "limited", "proposed", "planned", "suggested", "recommended", "required", "desired", "expected",
    "requested", "intended", "continued", "shared", "tightened", "strengthened",
    "set", "put", "reset", "cut", "shut", "let", "hit", "upset", "spread", "read", "quit",
})
_FIRST_WORD = re.compile(r"^[^\w`]{0,4}(?P<word>[A-Za-z]{1,20})\b")


def _lead_kind(text: str) -> str:
    """"past" (the item reports work done), "either" (no telling), or "plan" (an item
    still to do: "Add ...", "PHP-FPM should ...", "Investigate ...")."""
    text = plain(text).strip()
    word = _FIRST_WORD.match(text)
    if not text or word is not None and word.group("word").lower() in _EITHER_LEAD:
        return "either"
    past = _PAST_LEAD.match(text)
    if past is not None and past.group("verb").lower() not in _EITHER_LEAD:
        return "past"
    # "Commit containing the fix:" over the hash: a label over details, no action
    return "either" if text.endswith(":") else "plan"


#: A list item that defines a term of the plan's table, not a task: "Prevent - Prevent similar
#: issues from occurring", "P0 - Critical for reliability of the release", "**Detect**: ..."
_DEFINITION = re.compile(
    r"^\W{0,3}(?:p[0-4]|prevent(?:ive|ion)?|detect(?:ive|ion)?|mitigat(?:e|ion)|repair|process|fix|"
    r"code|infra(?:structure)?|architecture)\W{0,3}[ \t]{0,3}[-\u2013\u2014:][ \t]{1,3}\S", re.IGNORECASE)


def _glossary_lists(blocks: list[Block]) -> set[int]:
    """The items (by id) of lists that define the terms of the plan's table ("Action items
    fall under three types: - Prevent - ..., - Detect - ...", "- P0 - Critical for ..."):
    where the section holds an action-item table, a list of two or more items each naming
    a type, a layer or a priority, then a dash or colon and its meaning, is a glossary.
    Read as items, etcd's six definitions made 5 open items "11"."""
    if not any(block.kind == "table" and not block.quoted and "title" in
               (column_key(cell.text) for cell in block.header) for block in blocks):
        return set()
    lists: dict[tuple[int, int], list[Block]] = {}
    heading = 0
    for block in blocks:
        if block.kind == "heading":
            heading += 1
        elif block.kind == "item" and not block.quoted:
            lists.setdefault((heading, block.parent), []).append(block)
    found: set[int] = set()
    for members in lists.values():
        if len(members) >= 2 and all(_DEFINITION.match(plain(block.text)) for block in members):
            found.update(id(block) for block in members)
    return found


def _lists_told_done(blocks: list[Block], absorbed: set[int]) -> set[int]:
    """The items (by id) of the lists of a plan told in the past tense: where one item at
    least leads with a past tense ("Redeployed the previous version", "Retargeted the tag
    and reran the release") and none reads as work still to do, the list reports what was
    done, and its items are no open commitments. A list that mixes in one item to do ("Add
    a regression test") stays open. A list is the items under one sub-heading with one parent."""
    lists: dict[tuple[int, int], list[Block]] = {}
    heading = 0
    for block in blocks:
        if block.kind == "heading":
            heading += 1
        elif block.kind == "item" and not block.quoted and id(block) not in absorbed:
            lists.setdefault((heading, block.parent), []).append(block)
    told: set[int] = set()
    for members in lists.values():
        # a task box or a status prefix ("[ ] ...", "TODO: ...") says the status itself
        kinds = {"plan" if _TASK.match(block.text) or _STATUS_PREFIX.match(block.text) else _lead_kind(block.text)
                 for block in members}
        if "past" in kinds and "plan" not in kinds:
            told.update(id(block) for block in members)
        # a checklist of three boxes or more, all closed ("[x]", "[N/A]"), and one bullet
        # without a box ("**Production:** ... is fixed by the same change"): a note on the
        # list (two bullets or more without a box are open work the author did not box)
        boxed = [block for block in members if _TASK.match(block.text) or _STATUS_PREFIX.match(block.text)]
        if len(boxed) >= 3 and len(members) - len(boxed) == 1 and all(_closed_box(block.text) for block in boxed):
            told.update(id(block) for block in members if not (_TASK.match(block.text) or _STATUS_PREFIX.match(block.text)))
    # what is nested under an item told as done ("Updated the runner label:" over the
    # `runs-on:` line) is a detail of that work (parents come before their children)
    by_index = {block.index: block for block in blocks if block.kind == "item"}
    for block in blocks:
        parent = by_index.get(block.parent) if block.kind == "item" and block.parent >= 0 else None
        if parent is not None and id(parent) in told and not _TASK.match(block.text) \
                and not _STATUS_PREFIX.match(block.text):
            told.add(id(block))
    return told


def _closed_box(text: str) -> bool:
    """Whether an item's box or status prefix closes it: `[x]`, `DONE:`, `[N/A]`."""
    task = _TASK.match(text)
    if task is not None:
        return task.group("mark") in ("x", "X")
    prefix = _STATUS_PREFIX.match(text)
    word = ((prefix.group("bracket") or prefix.group("word")) if prefix is not None else "").lower()
    return word not in ("", "wip", *_OPEN_PREFIXES)


def _done_if(block: Block, told_done: set[int], hints: dict[str, str], intro_done: bool = False) -> dict[str, str]:
    """`hints`, with status done when the item's list is told as done (`_lists_told_done`)
    or follows a paragraph that introduces work done (`_DONE_INTRO`)."""
    return {**hints, "status": "done"} if intro_done or id(block) in told_done else hints


#: A paragraph that introduces a list of work still to do, inside a plan told as done ("## What
#: changed after the incident" ... "The next hardening priorities are:", "Remaining work:",
#: "We still need to:"): its items are open. Read on the lead-in's last 300 characters,
#: anchored at its colon; bounded gaps: linear.
_OPEN_INTRO = re.compile(
    r"\b(?:next|remaining|outstanding|future|upcoming|planned|pending|open)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:priorities|steps|actions|items|work|tasks|improvements|changes|fixes)\b[^:\n]{0,60}:$"
    r"|\b(?:we|i)[ \t]+(?:will|still[ \t]+need[ \t]+to|still[ \t]+have[ \t]+to|plan[ \t]+to|intend[ \t]+to|"
    r"are[ \t]+going[ \t]+to)\b[^:\n]{0,120}:$"
    r"|\b(?:still[ \t]+to[ \t]+(?:do|come)|to[ \t]+do[ \t]+next|not[ \t]+yet[ \t]+done)\b[^:\n]{0,60}:$",
    re.IGNORECASE)


#: A lead-in that says its list is done after all: "The remaining hardening work, all shipped
#: on 2025-06-20:".
_DONE_IN_LEAD = re.compile(r"\b(?:shipped|done|completed|deployed|implemented|merged|finished|landed|in[ \t]+place)\b",
                           re.IGNORECASE)


#: A paragraph that introduces a list of work done: "List of actions performed to resolve
#: the problem:", "Steps taken:", "Changes we made:", "We took the following steps:" (not
#: "Actions to be taken:" nor "Changes that will be made:").
_DONE_INTRO = re.compile(
    r"\b(?:actions?|steps?|changes?|fixes|things|remediations?|measures)[ \t]+(?:that[ \t]+)?"
    r"(?:we[ \t]+|were[ \t]+|have[ \t]+been[ \t]+|we[ \t]+have[ \t]+)?(?:performed|taken|took|done|did|made|"
    r"carried[ \t]+out|completed|applied|implemented)\b"
    r"|\bwe[ \t]+(?:have[ \t]+)?(?:took|taken|performed|did|done|made|applied|implemented|carried[ \t]+out)[ \t]+"
    r"the[ \t]+following\b"
    # "Art Blocks has taken steps to improve its security posture, including:"
    r"|\b(?:has|have|had)[ \t]+(?:already[ \t]+|since[ \t]+)?(?:taken|made|implemented|put[ \t]+in[ \t]+place)[ \t]+"
    r"(?:the[ \t]+following[ \t]+|several[ \t]+|some[ \t]+|a[ \t]+number[ \t]+of[ \t]+|these[ \t]+|a[ \t]+few[ \t]+)?"
    r"(?:steps|measures|actions|changes|improvements)\b"
    # "This incident drove significant changes to prevent recurrence:" (what it led to, made)
    r"|\b(?:drove|led[ \t]+to|prompted|brought[ \t]+about|resulted[ \t]+in)[ \t]+(?:several[ \t]+|some[ \t]+|"
    r"significant[ \t]+|major[ \t]+|the[ \t]+following[ \t]+|these[ \t]+)?(?:changes|improvements|measures)\b"
    # a lead-in that opens with the change made: "Added notification rate limiting:" over
    # the limits it set (the details of a change already made)
    r"|^\W{0,4}(?:added|implemented|deployed|introduced|enabled|configured|fixed|shipped|rolled[ \t]+out|put[ \t]+in[ \t]+place|"
    r"set[ \t]+up)\b", re.IGNORECASE)


#: A group heading or label that says its items are done: "Immediate Actions (Completed)",
#: "Immediate Actions Taken", "Steps performed", "Prevention Measures (Now Implemented)",
#: "✅ 1. Removed Dangerous Module" (not "Actions to be taken", "not yet implemented": open).
_DONE_GROUP = re.compile(r"(?<!\bbe )(?<!\bto )(?<!\bnot )(?<!\byet )\b(?:completed?|done|finished|taken|performed|"
                         r"carried\s+out|implemented|deployed|shipped|in\s+place|immediate\s+response|"
                         # "Prevention Measures (Already Prepared)": made ready, not planned
                         r"already\s+(?:prepared|applied|configured|enabled|set\s+up|available|in\s+effect))\b"
                         # "### Preventive changes (this commit)": made in the change the report ships with
                         r"|\(\s*(?:in\s+)?this\s+(?:commit|pr|pull\s+request|patch|change)\s*\)"
                         # "### Defenses added by this fix:", "### Pre-existing defenses (confirmed
                         # working):": made with the report's change, or there before it
                         r"|\b(?:added|made|introduced|shipped)\s+(?:by|in|with)\s+this\s+(?:fix|commit|pr|pull\s+request|"
                         r"patch|change|release)\b|\bpre-?existing\b|\bconfirmed\s+working\b"
                         r"|[\u2705\u2714\u2611]",
                         re.I)


def _hints(group: str | None) -> dict[str, str]:
    """Fields a group heading implies: "Immediate Actions (Completed)" → status done."""
    if not group:
        return {}
    hints: dict[str, str] = {}
    if _DONE_GROUP.search(group):
        hints["status"] = "done"
    found = normalise_type(group)
    if found:
        hints["type"] = found
    return hints


#: Labels of a nested `**Label:** value` bullet that hold what the item above it is about
#: (`- **Description:** Research backup ISPs ...`): its description, not an item of its own.
_DESCRIPTION_LABELS = frozenset({
    "description", "details", "detail", "notes", "note", "context", "rationale", "reason", "why", "goal", "goals",
    "objective", "outcome", "expected outcome", "result", "expected result", "success criteria",
    "acceptance criteria", "definition of done", "done when", "scope", "plan", "approach", "next steps", "steps",
    "summary", "what", "how", "comment", "comments", "problem", "proposal", "solution", "action", "task",
})
#: Description labels that add nothing to what follows them (others stay: "Why: the disk filled")
_UNNAMED = frozenset({"description", "details", "detail", "summary", "what", "action", "task"})
#: Labels that name one of the item's fields (`Owner:`, `Due date:`, `Status:`, `Tracking:`), by COLUMN_ALIASES
_FIELD_LABELS = {alias: key for alias, key in _ALIAS_TO_KEY.items()
                 if key in ("owner", "due", "priority", "ticket", "type", "layer", "status")}
#: A plain `Owner: @alice` line: a short label, a colon, a value (only known labels count)
_PLAIN_PAIR = re.compile(r"(?P<label>[A-Za-z][A-Za-z /-]{0,24}?)[ \t]*:[ \t]+(?=\S)")


class _Pair(NamedTuple):
    """A nested `**Label:** value` bullet: `key` is a field name, "description", or None
    (a label pmlint does not know: its text joins the description with its label)."""

    block: Block
    key: str | None
    label: str
    value: str
    span: Span


def _labelled_pair(block: Block) -> _Pair | None:
    """The bullet as a `Label: value` pair: bold (`**Owner:** alice`, `**Owner**: alice`)
    with any label, or plain (`Owner: alice`) with a known one; None otherwise."""
    text = block.text
    found = bold_label(text)
    if found is not None:
        label, rest = found
        if ":" not in text[:len(text) - len(rest)] and "：" not in text[:len(text) - len(rest)]:
            return None
    else:
        match = _PLAIN_PAIR.match(text)
        if match is None:
            return None
        label, rest = match.group("label"), text[match.end():]
    name = re.sub(r"\s+", " ", plain(label).strip(" :：").lower())
    key = "description" if name in _DESCRIPTION_LABELS else _FIELD_LABELS.get(name)
    if key is None and (found is None or not rest.strip()):
        return None  # a known label left empty (`- **Owner:**`) is still the item's field
    start = len(text) - len(rest.lstrip())
    line = block.line + text.count("\n", 0, start)
    column = block.column + start if line == block.line else block.column
    value = "\n\n".join([rest.strip(), *block.rest]).strip()
    return _Pair(block, key, plain(label).strip(" :："), value, Span(line, column, block.end_line, block.end_column))


def _split_pairs(block: Block) -> tuple[Block, list[_Pair]]:
    """The item without its own bold `**Label:** value` lines and paragraphs, and those
    pairs: `1. **Add route monitoring**` then `**Owner:** dana` and `**Due:** 2025-03-01`
    on the next lines (or as paragraphs of the item) are its fields, not its title. The
    first pair needs a known label; a line that is no pair continues the pair above it."""
    lines = block.text.split("\n")
    start = next((index for index in range(1, len(lines)) if _bold_pair(lines[index], known=True)), None)
    pairs: list[_Pair] = []
    if start is not None:
        pairs = _pairs_of(block, lines[start:], start)
        lines = lines[:start]
    rest: list[str] = []
    for paragraph in block.rest:
        if _bold_pair(paragraph.split("\n", 1)[0], known=True):
            pairs.extend(_pairs_of(block, paragraph.split("\n"), None))
        else:
            rest.append(paragraph)
    if not pairs:
        return block, []
    return replace(block, text="\n".join(lines), rest=rest), pairs


def _bold_pair(line: str, known: bool = False) -> tuple[str | None, str, int] | None:
    """(key, label, where the value starts) for a bold `**Label:** value` line; with
    `known`, only a label that names a field or a description."""
    found = bold_label(line)
    if found is None:
        return None
    label, rest = found
    consumed = line[:len(line) - len(rest)]
    if ":" not in consumed and "：" not in consumed:
        return None
    name = re.sub(r"\s+", " ", plain(label).strip(" :：").lower())
    key = "description" if name in _DESCRIPTION_LABELS else _FIELD_LABELS.get(name)
    if known and key is None:
        return None
    return key, plain(label).strip(" :："), len(line) - len(rest.lstrip())


def _pairs_of(block: Block, lines: list[str], first: int | None) -> list[_Pair]:
    """The pairs of `lines` (the first one a pair): a line that is no pair continues the pair
    above it. `first`: the index of `lines[0]` in the item's first paragraph, whose lines
    stand on consecutive source lines; None for a later paragraph (its lines are not known:
    the item's span)."""
    found: list[tuple[str | None, str, list[str], Span]] = []
    for offset, line in enumerate(lines):
        pair = _bold_pair(line)
        if pair is None:
            if found:
                found[-1][2].append(line.strip())
            continue
        key, label, start = pair
        if first is None:
            span = Span(block.line, block.column, block.end_line, block.end_column)
        else:
            number = block.line + first + offset
            span = Span(number, block.column + start, number, max(block.column + len(line) - 1, block.column + start))
        found.append((key, label, [line[start:].strip()], span))
    return [_Pair(block, key, label, " ".join(part for part in parts if part), span)
            for key, label, parts, span in found]


def _fielded_items(blocks: list[Block]) -> dict[int, list[_Pair]]:
    """Items whose nested bullets are `**Label:** value` pairs (`1. **Enhance monitoring**`
    over `- **Description:** ...`, `- **Owner:** ...`): item index → its pairs. Such an item
    is one action item, its own text the title, and the pairs its description and fields;
    read as a group label over items, every item was titled "Description". An item counts
    when at least half its nested bullets are pairs, one with a known label or a label that
    the bullets of another item repeat (a template)."""
    children: dict[int, list[Block]] = {}
    for block in blocks:
        if block.kind == "item" and block.parent >= 0:
            children.setdefault(block.parent, []).append(block)
    found = {parent: [pair for pair in map(_labelled_pair, kids) if pair is not None]
             for parent, kids in children.items()}
    parents_of: dict[str, int] = {}
    for pairs in found.values():
        for name in {pair.label.lower() for pair in pairs}:
            parents_of[name] = parents_of.get(name, 0) + 1
    fielded: dict[int, list[_Pair]] = {}
    for parent, pairs in found.items():
        # a known label, or one every item repeats (a template: `**Impact:**` under each)
        if any(pair.key is not None or parents_of[pair.label.lower()] > 1 for pair in pairs) and \
                2 * len(pairs) >= len(children[parent]):
            fielded[parent] = pairs
    return fielded


#: Longest bullet (in words) read as a group label over task boxes ("- Long Term").
_GROUP_LABEL_WORDS = 5


#: A bullet that ends by introducing the bullets nested under it: "Work on our documentation
#: and training for our complex systems, including" over the concrete steps.
_INTRODUCES = re.compile(r"(?:,[ \t]*|[ \t])(?:including|such[ \t]+as|e\.g\.?|for[ \t]+example|namely)[ \t]*:?$",
                         re.IGNORECASE)


def _bold_titles_alone(blocks: list[Block], with_children: set[int]) -> set[int]:
    """The items of each list (its run of items with one parent, between headings and
    paragraphs) that is made of bold titles alone, with no item under any of them: each
    title is an item ("1. **Never touch `/config/.storage/` files**", "2. **Use
    integration reload instead of file deletion**"), not a label over items that are not
    there. One pass over the blocks."""
    found: set[int] = set()
    runs: dict[tuple[int, int], list[Block]] = {}
    segment = 0
    for block in blocks:
        if block.kind != "item":
            if block.parent < 0:
                segment += 1  # a heading or a paragraph between two lists ends the first
            continue
        runs.setdefault((block.parent, segment), []).append(block)
    for items in runs.values():
        if all(item.index not in with_children and not item.rest and _BOLD_TITLE.fullmatch(item.text.strip())
               for item in items):
            found.update(item.index for item in items)
    return found


#: A bullet that is a status and nothing else: "- Status: ✅ ACTIVE", "- **Status**: Done".
#: (each word parted from the next by blanks: one way to read a line, linear)
_STATUS_ONLY = re.compile(r"[*_]{0,2}status[*_]{0,2}[ \t]*:[ \t]*[*_]{0,2}[ \t]*\S+(?:[ \t]+\S+){0,3}[ \t]*", re.IGNORECASE)


#: An item that is a bold title and nothing else (no colon: "**Timeline**:" is a label).
_BOLD_TITLE = re.compile(r"(?:\*\*|__)[^*_:\n]{3,200}(?:\*\*|__)")


def _group_label(block: Block, boxed_parents: set[int] | frozenset[int] = frozenset(),
                 has_children: bool = False) -> str | None:
    """A bullet that only names a group of the items nested under it (`- **Technical**:`,
    or a short bullet with no task box of its own over task boxes: `- Long Term` over
    `- [ ] Move Uptime Kuma offsite`, or one that ends by introducing them: "Work on our
    documentation and training, including" over its steps, which are the items; such a
    sentence names no group whose words type them: "" then, no hints)."""
    text = block.text.strip()
    label = bold_label(text)
    if label is not None and not label[1].strip():
        return label[0]
    if text.endswith(":") and len(text) < 60 and "\n" not in text:
        return plain(text[:-1])
    if has_children and "\n" not in text and len(text) < 200 and _INTRODUCES.search(text):
        return ""
    if block.index in boxed_parents and _TASK.match(text) is None and "\n" not in text and \
            len(text.split()) <= _GROUP_LABEL_WORDS and not text.endswith("."):
        return plain(text)
    return None


#: starts only where a run of separators starts (the leftmost match starts there anyway),
#: read possessively: restarting inside a long run of `:` or spaces is quadratic
_TRAILING = re.compile(r"(?<![\s,;:])[\s,;:]*+[(\[](?P<body>[^()\[\]]++)[)\]]\s*+\.?\s*+$")
_TAG_WORDS = {"code", "infra", "infrastructure", "architecture", "process", "prevent", "prevention", "preventive",
              "mitigate", "mitigation", "detect", "detection", "repair", "fix"}


def trailing_fields(text: str) -> tuple[str, dict[str, Any]] | None:
    """A trailing `(@alice, due 2025-04-01, PAY-12)` or `[P1, code]` field list: the text
    before it and the fields it sets, or None when any part is not a field (a trailing
    "(see the runbook)" is part of the title)."""
    match = _TRAILING.search(text)
    if match is None:
        return None
    fields: dict[str, Any] = {}
    parts = [part.strip() for part in re.split(r"[,;]", match.group("body"))]
    if not any(parts):
        return None
    for part in parts:
        if not part:
            continue
        lowered = part.lower()
        due = re.fullmatch(r"(?:(?:due|by|before|eta)[:\s]\s*)?(?P<value>\d{4}-\d{2}-\d{2}|Q[1-4] \d{4}|"
                           r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2},? \d{4})", part, re.I)
        field = _FIELD.fullmatch(" " + part)
        if re.fullmatch(r"@[A-Za-z0-9][\w.-]*(?:/[\w.-]+)?", part):
            fields.setdefault("owner", part.lstrip("@"))
        elif due:
            fields.setdefault("due", due.group("value"))
        elif re.fullmatch(r"P[0-4]", part, re.I):
            fields.setdefault("priority", part.upper())
        elif _TICKET_ID.fullmatch(part) or _ISSUE_REF.fullmatch(part) or _URL.fullmatch(part) or \
                re.fullmatch(r"\[[^\]]*\]\([^)]*\)", part):
            fields.setdefault("ticket", ticket_in(part) or part)
        elif lowered in _TAG_WORDS:
            if lowered in ("code", "infra", "infrastructure", "architecture") or \
                    (lowered == "process" and "type" in fields):
                fields.setdefault("layer", normalise_layer(lowered))
            else:
                fields.setdefault("type", normalise_type(lowered))
        elif field is not None:
            _set_field(fields, field.group("key").lower(), field.group("value").strip())
        elif (handed := _HANDED_TO.fullmatch(part)) is not None:
            fields.setdefault("owner", handed.group("who"))  # "(-> system team)": handed to
        elif len(parts) == 1 and match.group(0).lstrip(" \t,;:").startswith("[") and _BRACKET_OWNER.fullmatch(part) \
                and normalise_status(part) is None:
            fields.setdefault("owner", part)  # "... at 1 MB [alice]": a name in brackets, as teams tag owners
        else:
            return None
    before = text[:match.start()]
    opening = before.rfind("[") if before.endswith("]") and match.group(0).startswith("(") else -1
    if opening >= 0:  # the fields were a link's target: "... [link](https://...)" keeps the link's text
        before = before[:opening] + before[opening + 1:-1]
    return before, fields


#: an item handed to its owner by an arrow: "Adherence to internal policies (-> system team)"
_HANDED_TO = re.compile(r"(?:->|=>|\u2192)\s*(?P<who>@?[A-Za-z][\w.&/-]*(?:[ \t][A-Za-z][\w.&/-]*){0,4})\s*")
#: a bracketed owner tag: a handle (`[alice]`, `[sre-team]`) or a name (`[Jane Doe]`)
_BRACKET_OWNER = re.compile(r"[a-z][a-z0-9_.-]{1,30}|[A-Z][a-z]+(?: [A-Z][a-z]+)?")


#: a leading owner tag in capitals, as teams prefix items with who does them: "[ICL] Removed
#: legacy access", "[SRE] Add an alert" (not a link "[AR](...)", a reference "[AR][1]" or "[AR]:")
_OWNER_TAG = re.compile(r"\s*\[(?P<tag>[A-Z][A-Z0-9&_.-]{1,15})\](?![(\[:])\s+(?=\S)")


#: A list item that says there is nothing to do ("N/A", "None", "Nothing"): no action item.
_NOTHING = re.compile(r"^\W*(?:n/?a|none(?: identified| needed| required)?|nothing(?: to do)?|"
                      r"no (?:further |more |additional |other |follow-up )?actions?(?: items?)?"
                      r"(?: (?:are|is|were|was))?(?: (?:needed|required|necessary|planned))?|"
                      r"not applicable|-+)\W*$", re.IGNORECASE)


#: A list item or table cell that is one lower-case token (a host name, a subdomain, a
#: record: "staticshare", "publications.america.gov"): a value the prose lists, no action.
_LISTED_VALUE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


def _is_listed_value(text: str) -> bool:
    """Whether an item's text is one lower-case token, not a task (see `_LISTED_VALUE`)."""
    return _LISTED_VALUE.match(plain(text).strip().strip("`")) is not None


def _item(items: _Items, block: Block, group: str | None, hints: dict[str, str],
          nested: list[_Pair] | None = None) -> None:
    """One list item as an action item; `nested`: its `**Label:** value` bullets (its
    description and fields, see `_fielded_items`)."""
    block, own = _split_pairs(block)
    if own:
        nested = [*(nested or ()), *own]
    text = block.text
    if _NOTHING.match(plain(text)):
        return  # "N/A" under "Review actions" is the absence of a plan, not a plan
    if _is_listed_value(text):
        return  # "- staticshare" after "the following subdomains:": a value listed, no task
    fields: dict[str, Any] = {}
    task = _TASK.match(text)
    prefix = 0
    if task:
        mark = task.group("mark").lower()
        fields["status"] = "done" if mark == "x" else "in-progress" if mark in "~/-" and mark else "open"
        text, prefix = text[task.end():], task.end()
    status_prefix = _STATUS_PREFIX.match(text)
    if status_prefix is not None:  # "TODO: add an alert": the marker is the status, not the title
        word = (status_prefix.group("bracket") or status_prefix.group("word")).lower()
        fields.setdefault("status", "open" if word in _OPEN_PREFIXES else
                          "in-progress" if word == "wip" else
                          "wont-do" if word in ("n/a", "na", "wontfix", "won't do") else "done")
        text, prefix = text[status_prefix.end():], prefix + status_prefix.end()
    tag = _OWNER_TAG.match(text)
    if tag is not None and normalise_status(tag.group("tag")) is None:
        # "[ICL] Rotated the keys": a leading upper-case tag is the team that owns the item
        fields.setdefault("owner", tag.group("tag"))
        text, prefix = text[tag.end():], prefix + tag.end()
    content = _content_label(text)
    if content is not None:  # "**Action taken:** we pinned ...": the label names what follows
        label, rest = content
        start = len(text) - len(rest.lstrip())
        text, prefix = text[start:], prefix + start
        status = _label_status(label)
        if status is not None:
            fields.setdefault("status", status)
        # "**P1**:", "**Priority 2**:" set the item's priority as a `Priority:` field does
        # (`_set_field` keeps only the schema's P0-P4: a horizon such as IMMEDIATE is no level)
        _set_field(fields, "priority", re.sub(r"^priority\s*[:#]?\s*", "", label, flags=re.IGNORECASE))
    trailing = trailing_fields(text)
    if trailing is not None:
        text, found = trailing
        for key, value in found.items():
            fields.setdefault(key, value)
    if _closed_in_place(block):
        fields.setdefault("status", "done")
    if "already" in text or "effective" in text:  # (substring tests first: most items say neither)
        if _IN_PLACE.search(text):
            fields.setdefault("status", "done")  # "(we already do this, but ...)": a standing practice
    if _DONE_MARKERS.search(text):
        marker = _DONE_MARKERS.search(text).group(0).strip().lower()  # type: ignore[union-attr]
        if "todo" in marker:
            fields.setdefault("status", "open")
        elif marker == "~~":
            if text.strip().startswith("~~"):
                fields.setdefault("status", "wont-do")
        else:
            fields.setdefault("status", "done")
    for match in _FIELD.finditer(text):
        key = match.group("key").lower()
        value = match.group("value").strip().strip(",;")
        _set_field(fields, key, value)
    if "due" not in fields:
        due = _DUE_WORD.search(text)
        if due:
            fields["due"] = due.group("value")
    if "owner" not in fields:
        mentions = _MENTION.findall(text)
        if len(mentions) == 1 and re.search(r"(?:\(|—|–|-|\|)\s*" + re.escape(mentions[0]) + r"\s*\)?\s*$|"
                                            r"^\s*" + re.escape(mentions[0]), text.strip()):
            fields["owner"] = mentions[0].lstrip("@")
    if "owner" not in fields:
        # a team's initials in brackets after the item: "Move incident reports to the manual [DB]",
        # "Add a healthcheck [CF to write story]" (not a task box "[x]", not "[done]")
        initials = _INITIALS.search(text)
        if initials is not None:
            fields["owner"] = initials.group("owner")
        elif (lead := _lead_initials(text)) is not None:
            fields["owner"] = lead
    if "ticket" not in fields:
        ticket = ticket_in(text + "\n" + "\n".join(block.rest))
        if ticket:
            fields["ticket"] = ticket
    if "priority" not in fields:
        priority = _PRIORITY.search(text)
        if priority:
            fields["priority"] = f"P{priority.group(1)}"
    for tag in _TAG.finditer(text):
        word = tag.group("tag").strip().lower()
        if word in ("x", " "):
            continue
        if "layer" not in fields and normalise_layer(word) and word in ("code", "infra", "infrastructure",
                                                                        "architecture", "process"):
            fields["layer"] = normalise_layer(word)
        elif "type" not in fields and normalise_type(word) and word.split()[0] in (
                "prevent", "prevention", "preventive", "mitigate", "mitigation", "detect", "detection", "process",
                "repair", "fix"):
            fields["type"] = normalise_type(word)
    field_spans: dict[str, Span] = {}
    described: list[_Pair] = []
    for pair in nested or ():
        if pair.key in (None, "description"):
            if _clean(pair.value):
                described.append(pair)
            continue
        value = _cell_value(pair.key, Cell(pair.value, pair.span.line, pair.span.column, pair.span.end_column))
        if value is not None and pair.key not in fields:
            fields[pair.key] = value
            field_spans[pair.key] = pair.span
    if "ticket" not in fields and described:
        ticket = ticket_in("\n".join(pair.value for pair in described))
        if ticket:
            fields["ticket"] = ticket
    for key, value in hints.items():
        fields.setdefault(key, value)
    title = _title(text)
    if not title and fields.get("ticket") and _URL.fullmatch(plain(text).strip()):
        # "* https://github.com/org/repo/issues/95" under "### Action Items": the item is
        # kept in the tracker, and the link is all the plan says of it
        title = plain(text).strip()
    if not title:
        return
    item = {"title": title, **fields}
    span = Span(block.line, block.column, block.end_line, block.end_column)
    title_span = span  # the title is the item's text, over all its lines (after a content label)
    if content is not None or status_prefix is not None:
        line = block.line + block.text.count("\n", 0, prefix)
        title_span = Span(line, block.column + prefix if line == block.line else block.column, span.end_line,
                          span.end_column)
    spans = {"title": title_span, **field_spans}
    details = _details(text, block, span, prefix)
    if details is not None:
        item["description"], spans["description"], spans["title"] = details
        if _lead_in(text) is None:
            spans["title"] = title_span
    if described:
        parts = [item.get("description", "")]
        parts.extend(_clean(pair.value) if pair.label.lower() in _UNNAMED else f"{pair.label}: {_clean(pair.value)}"
                     for pair in described)
        item["description"] = _sentences(parts)
        first, last = spans.get("description", described[0].span), described[-1].span
        spans["description"] = Span(first.line, first.column, last.end_line, last.end_column)
    items.add(item, span, spans, group)
    for pair in nested or ():
        items.out.widen(f"/action_items/{items.count - 1}", pair.span)


def _set_field(fields: dict[str, Any], key: str, value: str) -> None:
    if value.lower() in _EMPTY:
        return
    if key in ("owner", "owners", "assignee", "assigned to", "who", "dri"):
        fields.setdefault("owner", plain(value).lstrip("@"))
    elif key in ("due", "due date", "eta", "deadline", "by"):
        if re.match(r"\d{4}-\d{2}-\d{2}$", value) or key != "by":
            fields.setdefault("due", plain(value))
    elif key in ("priority", "prio"):
        match = re.match(r"\[?P?([0-4])\]?$", value, re.I)
        if match:
            fields.setdefault("priority", f"P{match.group(1)}")
    elif key in ("ticket", "issue", "jira", "bug", "tracking"):
        fields.setdefault("ticket", ticket_in(value) or plain(value))
    elif key == "type":
        found = normalise_type(value)
        if found:
            fields.setdefault("type", found)
    elif key == "layer":
        found = normalise_layer(value)
        if found:
            fields.setdefault("layer", found)
    elif key == "status":
        found = normalise_status(value)
        if found:
            fields.setdefault("status", found)


#: A lead-in that only names the kind of text after it ("**Review actions**:", "**Action
#: taken:**", "**Next steps**:", "**TODO**:"), optionally qualified ("Short-term fix"): no title.
_CONTENT_LEAD_IN = re.compile(
    r"(?:(?:review|follow[- ]?up|corrective|preventive|preventative|remediation|immediate|short[- ]term|"
    r"long[- ]term|medium[- ]term|future|next|proposed|planned|completed|open|pending|key|other|additional|"
    r"further|recommended|suggested|required|our)\s+){0,2}"
    r"(?:action(?:s|\s+items?)?|items?|steps?|tasks?|to-?dos?|follow[- ]?ups?|description|details?|notes?|"
    r"summary|plan|remediations?|recommendations?|fix(?:es)?|changes?)"
    r"(?:\s+(?:taken|planned|done|completed|proposed|required|needed|pending|identified|agreed))?", re.IGNORECASE)


#: A lead-in that only says when or how urgently ("**IMMEDIATE**: Restore the node",
#: "**Short-term**: ...", "**P1**: ...", "**High priority:** ...", "**Phase 2**: ..."): the
#: item's priority (kept as `priority` when it is a P0-P4 level), not its title (read as the
#: title, every item of a horizon looked the same: PM311 called them duplicates).
_PRIORITY_LEAD_IN = re.compile(
    r"(?:immediate(?:ly)?|urgent|critical|high|medium|low|now|next|later|soon|today|tomorrow|this\s+week|"
    r"(?:short|medium|mid|near|long)[- ]?term|(?:high|medium|low|top)\s+priority|priority(?:\s*[:#]?\s*\d)?|"
    r"p[0-4]|(?:phase|step|week|day|stage|wave)\s*\d{1,2})"
    r"(?:\s*\([^()]{0,24}\))?", re.IGNORECASE)


def _content_label(text: str) -> tuple[str, str] | None:
    """(label, the text after it) when the item opens with a bold label that names a kind
    of content, not the action (`**Review actions**: Add a test ...`): the text after it
    is the item; read as its title, "Review actions" made PM310 see the vague verb "Review"."""
    label = bold_label(text)
    if label is None or not label[1].strip():
        return None
    name = re.sub(r"\s+", " ", plain(label[0]).strip(" :："))
    if len(name) > 40 or (_CONTENT_LEAD_IN.fullmatch(name) is None and _PRIORITY_LEAD_IN.fullmatch(name) is None):
        return None
    return name, label[1]


def _label_status(label: str) -> str | None:
    """The status a content label states: "Actions taken" done, "Actions planned" open."""
    if re.search(r"\b(?:taken|done|completed)$", label, re.I):
        return "done"
    if re.search(r"\b(?:planned|proposed|pending|required|needed|open)$|^(?:to-?dos?|open)\b", label, re.I):
        return "open"
    return None


def _lead_in(text: str) -> tuple[str, str] | None:
    """(lead-in, the text after it) when the item starts with a bold lead-in followed by
    more text (`**Separate node groups per AZ**: Will allow ...`); None otherwise."""
    label = bold_label(text)
    if label is not None and label[1].strip() and len(label[0]) > 3:
        return label
    return None


def _title(text: str) -> str:
    """The item's text without its inline fields and markers; a bold lead-in alone when present."""
    lead_in = _lead_in(text)
    if lead_in is not None:
        return plain(lead_in[0])
    return _clean(text)


def _details(text: str, block: Block, span: Span, prefix: int = 0) -> tuple[str, Span, Span] | None:
    """(description, its span, the title's span) for an item that says more than its title:
    the text after a bold lead-in and the item's later paragraphs, cleaned of inline fields
    like the title. The rules read the whole commitment ("**Make sure ...**: this is a work
    in progress and we will start revising ..."), not its lead-in alone; None when the
    title is all the item says. `prefix`: characters of the item's raw text before `text`
    (a task marker `[ ] `)."""
    lead_in = _lead_in(text)
    parts = [_clean(lead_in[1])] if lead_in is not None else []
    parts.extend(_clean(paragraph) for paragraph in block.rest)
    description = " ".join(part for part in parts if part)
    if not description:
        return None
    if lead_in is None:  # later paragraphs only: after the first one and a blank line
        first_lines = block.text.count("\n") + 1
        later = Span(block.line + first_lines + 1, block.column, span.end_line, span.end_column)
        return description, later if later.line <= span.end_line else span, span
    rest = lead_in[1]
    end = prefix + len(text[:len(text) - len(rest)].rstrip())  # where the lead-in ends, in the item's text
    start = prefix + len(text) - len(rest.lstrip())  # where the body starts
    line = block.line + block.text.count("\n", 0, start)
    column = block.column + start if line == block.line else block.column  # continuation lines: indent stripped
    title_span = Span(block.line, block.column, block.line, max(block.column + end - 1, block.column))
    return description, Span(line, column, span.end_line, span.end_column), title_span


def _sentences(parts: list[str]) -> str:
    """Parts of a description as one text, each ended as a sentence ("... 5 minutes. Why: ...")."""
    kept = [part for part in parts if part]
    return " ".join(part if index == len(kept) - 1 or part[-1] in ".!?:;" else part + "."
                    for index, part in enumerate(kept))


def _clean(text: str) -> str:
    """Inline Markdown as plain text without the item's inline fields and markers."""
    cleaned = _FIELD.sub(" ", text)
    cleaned = _DONE_MARKERS.sub(" ", cleaned)
    cleaned = re.sub(r"\[(?:P[0-4]|code|infra|infrastructure|architecture|process|prevent|mitigate|detect|repair)\]",
                     " ", cleaned, flags=re.I)
    cleaned = _PRIORITY.sub(" ", cleaned)
    cleaned = _TICKET_ID.sub(" ", _ISSUE_REF.sub(" ", _URL.sub(" ", unlinked(cleaned))))
    cleaned = re.sub(r"\(\s*\)|\[\s*\]", " ", cleaned)
    return plain(cleaned).strip(" -–—,;|")


def _attach_detail(out: Output, items: _Items, block: Block) -> None:
    """A nested bullet under an item: its ticket (a PR link) or owner may belong to the parent."""
    if not items.count:
        return
    parent = out.data["action_items"][items.count - 1]
    if closing_note(block.text):  # "- This has been done." under the item
        parent.setdefault("status", "done")
    ticket = ticket_in(block.text)
    if ticket and "ticket" not in parent:
        parent["ticket"] = ticket
        out.spans[f"/action_items/{items.count - 1}/ticket"] = Span(block.line, block.column, block.line,
                                                                   block.end_column)
    out.widen(f"/action_items/{items.count - 1}", Span(block.line, block.column, block.end_line, block.end_column))


def _table(items: _Items, block: Block, group: str | None, hints: dict[str, str]) -> list[str] | None:
    keys = [column_key(cell.text) for cell in block.header]
    if "title" not in keys:
        if not block.header:
            return None
        keys[next((index for index, key in enumerate(keys) if key is None), 0)] = "title"
    for row in block.rows:
        fields: dict[str, Any] = {}
        spans: dict[str, Span] = {}
        for key, cell, head in zip(keys, row, block.header):
            if key is None:
                continue
            value = _cell_value(key, cell)
            if value is None:
                continue
            if key == "description":  # "Acceptance criterion: fresh login succeeds": what done looks like, labelled
                value = f"{plain(head.text).strip()}: {value}"
            fields.setdefault(key, value)
            spans.setdefault(key, Span(cell.line, cell.column, cell.line, cell.end_column))
        if not fields.get("title") or (isinstance(fields["title"], str) and _is_listed_value(fields["title"])):
            continue  # no title, or a record listed in a table ("CNAME | share.america.gov")
        due = fields.get("due")
        if isinstance(due, str) and "status" not in fields and _DONE_DUE.match(due):
            # "DONE in v2" in the Due column: the cell reports the item done, not a date
            fields["status"] = "done"
            del fields["due"]
        for key, value in hints.items():
            fields.setdefault(key, value)
        row_span = Span(row[0].line, row[0].column, row[0].line, max(cell.end_column for cell in row))
        items.add(fields, row_span, spans, group)
    return [key for key in keys if key]


#: A criterion cell that names none yet.
_UNDECIDED = frozenset({"tbd", "tba", "tbc", "pending", "unknown", "to be agreed", "to be decided", "to be defined",
                        "to be determined", "to be confirmed", "open question"})


def _cell_value(key: str, cell: Cell) -> Any:
    raw = cell.text.strip()
    text = plain(raw)
    if text.lower() in _EMPTY and key != "status":
        return None
    if key == "ticket":
        return ticket_in(raw) or text
    if key == "owner":
        return text.lstrip("@")
    if key == "priority":
        match = re.match(r"P?([0-4])$", text, re.I)
        return f"P{match.group(1)}" if match else None
    if key == "type":
        return normalise_type(text)
    if key == "layer":
        return normalise_layer(text)
    if key == "status":
        return normalise_status(raw) if raw else None
    if key == "description" and text.lower().rstrip(".") in _UNDECIDED:
        return None  # "Acceptance criterion: to be agreed" says nothing of what done looks like
    if key == "addresses":  # "1, 3" → [1, 3]: root causes by number (or by name)
        return [int(part) if part.isdigit() else part for part in re.split(r"\s*[,;]\s*", text) if part]
    return text
