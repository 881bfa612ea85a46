"""Markdown text → a flat list of blocks with real source positions.

markdown-it-py does the CommonMark block parse (headings, lists, tables, fences,
quotes, HTML); we keep only what the extractors need, in document order, each with
its 1-based line and column. Inline parsing is switched off: the extractors read the
raw inline source (`**16:58 UTC** - ...`), which is both faster and what their
patterns are written against; `plain()` turns it into readable text for the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ITEM_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING_MARKER = re.compile(r"^[ \t]*#{1,6}[ \t]*")
#: "- 20. November 2025 10:05 UTC - Builds fail": a day written the European way, "20.",
#: opens an ordered list in CommonMark (starting at 20), so the day would be lost from the
#: item's text. An ordered item whose text opens with a month and a year or a clock time
#: gets its number back.
_MONTH_OPENS_DATE = re.compile(r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[ \t]+"
                               r"(?:\d{4}|\d{1,2}:\d{2})(?!\d)", re.IGNORECASE)
_DAY_MARKER = re.compile(r"^[ \t>]*(?:[-*+][ \t]+)?(?=(?:[1-9]|[12]\d|3[01])\.[ \t])")

_parser = None


@dataclass(slots=True)
class Cell:
    text: str
    line: int
    column: int
    end_column: int


@dataclass(slots=True)
class Block:
    """One structural piece of the document.

    kind: heading | paragraph | item | table | code | html | label. `text` is raw inline
    Markdown (lines joined by "\\n", each content line k standing on source line
    `line + k`). For items, `text` is the first paragraph and `rest` the later ones;
    `level` is the heading level, or the nesting depth of an item (0 = outermost);
    `parent` is the index of the enclosing item, or -1.
    """

    kind: str
    line: int
    end_line: int
    index: int = -1
    column: int = 1
    end_column: int = 1
    text: str = ""
    level: int = 0
    parent: int = -1
    ordered: bool = False
    quoted: bool = False
    #: a code block made by indentation alone (no fence): often a list item indented one
    #: level too deep after a code fence, which the author meant as text
    indented: bool = False
    rest: list[str] = field(default_factory=list)
    header: list[Cell] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)


def _restore_day(item: Block, day_items: dict[int, str], lines: list[str]) -> None:
    """Put back the day an ordered list took as its number ("20." of "20. November 2025")."""
    day = day_items.pop(id(item), "")
    if not day or not _MONTH_OPENS_DATE.match(item.text):
        return
    prefix = _DAY_MARKER.match(lines[item.line - 1]) if item.line <= len(lines) else None
    if prefix is None:
        return
    item.text = f"{day} {item.text}"
    item.column = prefix.end() + 1


def _markdown_parser():
    """CommonMark + GFM tables, block level only (built once, lazily: startup time matters).

    Tables go through `table.table`: the stock rule's decisions, one token per table
    instead of several per cell (`markdown_parser(stock_tables=True)` is the reference)."""
    global _parser
    if _parser is None:
        _parser = markdown_parser()
    return _parser


def markdown_parser(stock_tables: bool = False):
    """A new block-level parser; `stock_tables`: markdown-it's own table rule (for tests)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.disable("inline")
    if not stock_tables:
        from .table import table

        parser.block.ruler.at("table", table, {"alt": ["paragraph", "reference"]})
    return parser


def parse_blocks(lines: list[str], parser=None) -> list[Block]:
    """Blocks of the document whose source lines are `lines` (front matter already blanked);
    `parser`: another markdown-it parser than the loader's (tests compare table rules)."""
    tokens = _tokens(lines, parser=parser)
    blocks: list[Block] = []
    items: list[int] = []  # stack of open list items (block indices)
    ordered: list[bool] = []
    quote_depth = 0
    table: Block | None = None
    row: list[Cell] | None = None
    row_line = 0
    in_header = False
    target: Block | Cell | None = None  # what the next inline token fills
    day_items: dict[int, str] = {}  # ordered items numbered 1-31 with ".": id(block) → "20."
    for token in tokens:
        kind = token.type
        parent = items[-1] if items else -1
        if kind == "inline":
            if target is not None:
                target.text = token.content
                if day_items and isinstance(target, Block) and target.kind == "item":
                    _restore_day(target, day_items, lines)
            target = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if ordered:
                ordered.pop()
        elif kind == "list_item_open":
            start, end = token.map or (0, 1)
            block = Block("item", start + 1, _trim_end(lines, start, end), level=len(items), parent=parent,
                          ordered=bool(ordered and ordered[-1]), quoted=quote_depth > 0)
            block.column = _content_column(lines, start, _ITEM_MARKER)
            block.end_column = _line_length(lines, block.end_line)
            blocks.append(block)
            items.append(len(blocks) - 1)
            if block.ordered and token.markup == "." and token.info.isdigit() and 1 <= int(token.info) <= 31:
                day_items[id(block)] = f"{int(token.info)}."
        elif kind == "list_item_close":
            if items:
                items.pop()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth = max(0, quote_depth - 1)
        elif kind == "heading_open":
            start = (token.map or (0, 1))[0]
            block = Block("heading", start + 1, start + 1, level=int(token.tag[1:] or 1), parent=parent,
                          quoted=quote_depth > 0)
            block.column = _content_column(lines, start, _HEADING_MARKER)
            block.end_column = _line_length(lines, start + 1)
            blocks.append(block)
            target = block
        elif kind == "paragraph_open":
            start, end = token.map or (0, 1)
            owner = blocks[parent] if parent >= 0 else None
            if owner is not None and owner.kind == "item":
                # a paragraph inside an item: the item's text (first) or more of it
                if not owner.text and not owner.rest and start + 1 == owner.line:
                    target = owner
                    continue
                owner.rest.append("")
                target = _RestSlot(owner, len(owner.rest) - 1)  # type: ignore[assignment]
                continue
            block = Block("paragraph", start + 1, _trim_end(lines, start, end), parent=parent,
                          quoted=quote_depth > 0)
            block.column = _first_text_column(lines, start)
            block.end_column = _line_length(lines, block.end_line)
            blocks.append(block)
            target = block
        elif kind in ("fence", "code_block", "html_block"):
            start, end = token.map or (0, 1)
            owner = blocks[parent] if parent >= 0 else None
            if kind == "code_block" and owner is not None and owner.kind == "item" and not owner.text \
                    and not owner.rest and start + 1 == owner.line:
                # "1.            Arrange the rewrite": five or more spaces after the marker make
                # indented code in CommonMark, but the writer (often pasting from a word
                # processor) meant the item's text, as most blog renderers show it
                owner.text = token.content.strip()
                continue
            blocks.append(Block("html" if kind == "html_block" else "code", start + 1,
                                _trim_end(lines, start, end), text=token.content, parent=parent,
                                indented=kind == "code_block"))
        elif kind == "pm_table":  # table.py's one token for a whole table
            blocks.append(_table_block(token, lines, parent, quote_depth > 0))
        elif kind == "table_open":
            start, end = token.map or (0, 1)
            table = Block("table", start + 1, _trim_end(lines, start, end), parent=parent, quoted=quote_depth > 0)
            table.column = _first_text_column(lines, start)
            table.end_column = _line_length(lines, table.end_line)
            blocks.append(table)
        elif kind == "table_close":
            table = None
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = []
            row_line = (token.map[0] + 1) if token.map else (table.line if table else 1)
        elif kind in ("th_open", "td_open") and row is not None:
            cell = Cell("", row_line, 1, 1)
            row.append(cell)
            target = cell
        elif kind == "tr_close" and table is not None and row is not None:
            _place_cells(row, lines, row_line)
            if in_header:
                table.header = row
            else:
                table.rows.append(row)
            row = None
    blocks = _split_at_hash_headings(blocks, lines)
    if any(block.kind == "html" for block in blocks):
        from .html_blocks import expand_html

        blocks = expand_html(blocks, lines, Cell)
    if any(block.text[:6].lstrip(" ~[").startswith(("0", "1", "2")) for block in blocks if block.kind != "code"):
        from .hhmm import colon_military_times

        colon_military_times(blocks)  # "1738: Cloudinary posted ..." is 17:38
    for index, block in enumerate(blocks):
        block.index = index
    _end_items_at_their_text(blocks, lines)
    return blocks


#: `####What went wrong`: a heading with no space after its hashes. Jekyll's kramdown (and
#: many blog engines) render it as a heading, CommonMark as text; read as a heading only
#: when it looks like one: a short line, a letter right after the hashes, no more than
#: 12 words. A single `#` must open its block with a capital and two words or more (not a
#: `#hashtag` or `#123` reference in prose).
_HASH_HEADING = re.compile(r"^(#{1,6})([A-Za-z][^\n#]{0,78})$")
_HASH_HEADING_WORDS = 12
#: HTML blocks whose lines are not Markdown (a comment, a script, preformatted text).
_RAW_HTML = re.compile(r"^\s*<(?:!--|script|style|pre|code|textarea|svg)\b", re.IGNORECASE)


def _hash_heading(line: str, first: bool) -> int:
    """The level of `line` read as a `####Heading` with no space, or 0."""
    if not line.startswith("#"):
        return 0
    match = _HASH_HEADING.match(line.rstrip())
    if match is None or len(match.group(2).split()) > _HASH_HEADING_WORDS:
        return 0
    level = len(match.group(1))
    if level == 1 and not (first and match.group(2)[0].isupper() and len(match.group(2).split()) >= 2):
        return 0
    return level


def _split_at_hash_headings(blocks: list[Block], lines: list[str]) -> list[Block]:
    """Split top-level paragraphs and HTML blocks at `####Heading` lines (see
    `_HASH_HEADING`), so that section recognition sees the heading the author's engine
    renders; everything else keeps its CommonMark parse. One pass over the blocks' lines;
    the parents of the blocks after a split are renumbered."""
    if not any(block.kind in ("paragraph", "html") and "#" in block.text for block in blocks):
        return blocks
    result: list[Block] = []
    moved: dict[int, int] = {}
    changed = False
    for old, block in enumerate(blocks):
        pieces = [block]
        if block.kind in ("paragraph", "html") and block.parent < 0 and not block.quoted and \
                "#" in block.text and not (block.kind == "html" and _RAW_HTML.match(block.text)):
            pieces = _split_block(block, lines)
            # a one-line paragraph that is all heading becomes one heading: as many blocks, changed
            changed = changed or pieces != [block]
        moved[old] = len(result)  # (only items are parents, and items are never split)
        result.extend(pieces)
    if not changed:
        return blocks
    for block in result:
        if block.parent >= 0:
            block.parent = moved.get(block.parent, block.parent)
    return result


def _split_block(block: Block, lines: list[str]) -> list[Block]:
    texts = block.text.split("\n")
    pieces: list[Block] = []
    start = 0  # the first line (offset in the block) not yet in a piece
    for offset, text in enumerate(texts):
        level = _hash_heading(text, offset == 0)
        if not level:
            continue
        number = block.line + offset
        if offset > start:
            pieces.append(_piece(block, lines, start, offset, texts))
        heading = Block("heading", number, number, level=level, text=text[level:].strip())
        heading.column = level + 1
        heading.end_column = _line_length(lines, number)
        pieces.append(heading)
        start = offset + 1
    if not pieces:
        return [block]
    if start < len(texts) and any(text.strip() for text in texts[start:]):
        pieces.append(_piece(block, lines, start, len(texts), texts))
    return pieces


def _piece(block: Block, lines: list[str], start: int, end: int, texts: list[str]) -> Block:
    """Lines `start`..`end` (offsets) of `block` as a block of its kind; prose after a
    heading in an HTML block (`<br>` above `####What went wrong`) is a paragraph, as the
    author's engine renders it."""
    kind = block.kind
    if kind == "html" and start > 0 and not texts[start].lstrip().startswith("<"):
        kind = "paragraph"
    piece = Block(kind, block.line + start, _trim_end(lines, block.line + start - 1, block.line + end - 1),
                  text="\n".join(texts[start:end]))
    piece.column = _first_text_column(lines, piece.line - 1)
    piece.end_column = _line_length(lines, piece.end_line)
    return piece


#: Lines parsed at a time (at least): the tokens of a whole 5 MB document (half a million
#: objects) were most of a check's peak memory, and the blocks need one stretch at a time.
CHUNK_LINES = 2000
#: What a stretch may not start with: a blank or indented line (it may belong to the
#: block above), or a list marker (it may continue the list above, making it loose).
_NOT_A_START = frozenset(" \t-+*0123456789") | {""}
#: Top-level blocks that a heading line does not end (CommonMark: an open fence, an HTML
#: block of kinds 1 to 5 runs on; indented code listed to be safe).
_RUNS_ON = ("fence", "html_block", "code_block")


def _table_block(token, lines: list[str], parent: int, quoted: bool) -> Block:
    """A table Block from a `pm_table` token (see table.py)."""
    start, end = token.map or (0, 1)
    table = Block("table", start + 1, _trim_end(lines, start, end), parent=parent, quoted=quoted)
    table.column = _first_text_column(lines, start)
    table.end_column = _line_length(lines, table.end_line)
    table.header = _row(token.meta["header"], lines, start + 1)
    table.rows = [_row(cells, lines, start + offset + 1) for offset, cells in token.meta["rows"]]
    return table


def _row(texts: list[str], lines: list[str], line: int) -> list[Cell]:
    row = [Cell(text, line, 1, 1) for text in texts]
    _place_cells(row, lines, line)
    return row


def _tokens(lines: list[str], chunk: int | None = None, parser=None):
    """markdown-it's tokens for `lines`, parsed a stretch at a time, with `map` in
    document lines.

    A stretch ends before a line that follows a blank line and starts at column 0 with no
    list marker: it ends every open paragraph, list, quote, table and indented code, and
    a fresh parse from it reads what follows as the whole-document parse does. An open fence or HTML block is the
    exception: when a stretch's last top-level block is one, it is parsed again as the
    start of the next stretch (doubled when it fills the stretch: linear overall).
    """
    size = chunk or CHUNK_LINES
    parser = parser or _markdown_parser()
    start, total = 0, len(lines)
    while start < total:
        end = _boundary(lines, start + size, total)
        tokens = parser.parse("\n".join(lines[start:end]))
        keep = len(tokens)
        if end < total:
            last = next((index for index in range(len(tokens) - 1, -1, -1)
                         if tokens[index].level == 0 and tokens[index].nesting >= 0), None)
            if last is not None and tokens[last].type in _RUNS_ON:
                first_line = (tokens[last].map or (0, 0))[0]
                if first_line == 0:  # it fills the stretch: parse a longer one
                    size = 2 * (end - start)
                    continue
                keep, end = last, start + first_line
        for token in tokens[:keep]:
            if token.map:
                token.map = [token.map[0] + start, token.map[1] + start]
            yield token
        del tokens
        start, size = end, chunk or CHUNK_LINES


def _boundary(lines: list[str], at: int, total: int) -> int:
    """The first line from `at` on that starts a stretch (see `_tokens`), or `total`."""
    for index in range(max(at, 1), total):
        if lines[index][:1] not in _NOT_A_START and not lines[index - 1].strip(" \t"):
            return index
    return total


def _end_items_at_their_text(blocks: list[Block], lines: list[str]) -> None:
    """An item's span ends on the last line of its own text: a nested list, code block or
    table under it has spans of its own (findings in the item's text must not point into
    them, nor at the line after the item)."""
    for block in blocks:
        if block.parent >= 0 and block.line > blocks[block.parent].line:
            owner = blocks[block.parent]
            if owner.kind == "item" and block.line <= owner.end_line:
                end = _trim_end(lines, owner.line - 1, block.line - 1)
                if end < owner.end_line:
                    owner.end_line = max(end, owner.line)
                    owner.end_column = _line_length(lines, owner.end_line)


class _RestSlot:
    """Writes an item's later paragraph into `item.rest[index]`."""

    __slots__ = ("item", "index")

    def __init__(self, item: Block, index: int) -> None:
        self.item = item
        self.index = index

    @property
    def text(self) -> str:
        return self.item.rest[self.index]

    @text.setter
    def text(self, value: str) -> None:
        if not self.item.text:
            self.item.text = value
            self.item.rest.pop(self.index)
        else:
            self.item.rest[self.index] = value


#: An escape (with the character it escapes), a backtick or a pipe: what splits a table row
_CELL_MARK = re.compile(r"\\[\s\S]?|[`|]")


def _place_cells(row: list[Cell], lines: list[str], line: int) -> None:
    """Columns of each cell on its source line (pipes split outside backticks)."""
    text = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
    lead = len(text) - len(text.lstrip())
    start = lead + 1 if text[lead:lead + 1] == "|" else lead
    spans = _cell_spans(text, start)
    for cell, (begin, end) in zip(row, spans):
        segment = text[begin:end]
        offset = len(segment) - len(segment.lstrip())
        cell.column = begin + offset + 1
        cell.end_column = max(begin + len(segment.rstrip()), cell.column)
    for cell in row[len(spans):]:
        cell.column = cell.end_column = max(1, len(text))


def _cell_spans(text: str, start: int) -> list[tuple[int, int]]:
    """[begin, end) of each cell of a row from `start` on: split at pipes, except escaped
    ones and those inside backticks; a row with neither (most) is split by str.split."""
    if "`" in text or "\\" in text:
        return _cell_spans_marked(text, start)
    spans: list[tuple[int, int]] = []
    for part in text[start:].split("|")[:-1]:  # every part but the last ends at a pipe
        spans.append((start, start + len(part)))
        start += len(part) + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _cell_spans_marked(text: str, start: int) -> list[tuple[int, int]]:
    """Cell spans by a scan of only the characters that matter: escapes, backticks, pipes."""
    spans: list[tuple[int, int]] = []
    in_code = False
    for mark in _CELL_MARK.finditer(text, start):  # not every character
        char = mark.group()
        if char == "`":
            in_code = not in_code
        elif char == "|" and not in_code:
            spans.append((start, mark.start()))
            start = mark.start() + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _trim_end(lines: list[str], start: int, end: int) -> int:
    """Last non-blank 1-based line of a 0-based [start, end) range."""
    last = min(end, len(lines))
    while last > start + 1 and not lines[last - 1].strip():
        last -= 1
    return max(last, start + 1)


def _line_length(lines: list[str], line: int) -> int:
    return max(1, len(lines[line - 1])) if 0 < line <= len(lines) else 1


def _content_column(lines: list[str], start: int, marker: re.Pattern[str]) -> int:
    if start >= len(lines):
        return 1
    match = marker.match(lines[start])
    return (match.end() if match else 0) + 1


def _first_text_column(lines: list[str], start: int) -> int:
    if start >= len(lines):
        return 1
    text = lines[start]
    stripped = text.lstrip(" \t>")
    return len(text) - len(stripped) + 1
