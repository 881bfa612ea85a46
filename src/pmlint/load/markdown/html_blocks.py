"""An HTML block that is a post's body → the blocks its Markdown twin would give.

Blog engines and CMS exports (WordPress, Blogger, Roller) store a post as HTML inside a
Markdown file: `<p><b>Overview:</b><br/>During the afternoon of May 6th ...`,
`<ul><li>Improve the monitoring of the mail service</li></ul>`. markdown-it keeps such a
stretch as one opaque `html` block, so its sections, its plan and its chronology went
unread: "No action items" on a post that lists seven in `<li>` elements. Here each
paragraph, line (`<br>`), heading and list item becomes the block its Markdown twin
would be, at the source line where its text starts; inline tags are dropped, and bold is
kept as `**` so that `<b>Remediation plan:</b>` is the run-in label that opens a section.

One pass over the tags with a bounded pattern, and `str.find` to skip a script's body:
linear in the block's length.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

#: `blocks.Block` (not imported: `blocks` calls this module, and imports run one way); a
#: new block is made with the type of the HTML block it replaces.
Block = Any

#: A tag (bounded: a "<" with no ">" within 500 characters is text); group 1 "/" on a
#: closing tag, group 2 the name (None for a comment or a declaration).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,10})?[^<>]{0,500}>")
#: Tags that end a paragraph (and start the next), as a browser lays them out.
_BREAKS = frozenset({
    "p", "div", "br", "hr", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "thead", "tbody", "tfoot", "blockquote", "section", "article", "header", "footer", "dl", "dt", "dd",
    "details", "summary", "figure", "figcaption", "center", "main", "nav", "aside", "caption",
})
#: Tags whose content is no prose at all: skipped to their closing tag.
_SKIPPED = frozenset({"script", "style", "svg", "noscript", "template", "iframe", "textarea", "object"})
#: Tags that make an HTML block a laid-out body worth reading as blocks.
_STRUCTURE = re.compile(r"<(?:p|li|h[1-6]|br|div)\b", re.IGNORECASE)
#: HTML blocks that are not a body: a comment, a script, an image, a table, preformatted text.
_NOT_A_BODY = re.compile(
    r"^\s*<(?:!--|(?:script|style|svg|iframe|img|video|audio|picture|figure|table|pre|code|textarea)\b)",
    re.IGNORECASE)
#: Fewest words of text for an HTML block to be read as a body.
_BODY_WORDS = 5
#: Longest block read (a larger one stays one opaque block).
_MAX_CHARS = 500_000


def expand_html(blocks: list[Block], lines: list[str], cell: Any) -> list[Block]:
    """`blocks` with every top-level HTML body replaced by the blocks it lays out, and every
    top-level HTML table by the table block its Markdown twin would give (`cell`: the type
    of a table's cell, `blocks.Cell`); the parents of the blocks after it are renumbered.
    Unchanged (the same list) when no block is either."""
    if not any(_is_body(block) or _is_table(block) for block in blocks):
        return blocks
    result: list[Block] = []
    moved: dict[int, int] = {}
    laid_out: set[int] = set()  # ids of the new blocks, whose parents are already right
    for old, block in enumerate(blocks):
        moved[old] = len(result)
        if _is_table(block):
            table = _html_table(block, cell)
            pieces = [table] if table is not None else None
        else:
            pieces = _lay_out(block, lines, len(result)) if _is_body(block) else None
        laid_out.update(id(piece) for piece in pieces or ())
        result.extend(pieces or [block])
    for block in result:
        if block.parent >= 0 and id(block) not in laid_out:
            block.parent = moved.get(block.parent, block.parent)
    return result


def _top_level(block: Block) -> bool:
    """An HTML block of the document's own (not in a list item or a quote), not too long to read."""
    return block.kind == "html" and block.parent < 0 and not block.quoted and len(block.text) <= _MAX_CHARS


def _is_body(block: Block) -> bool:
    return _top_level(block) and _NOT_A_BODY.match(block.text) is None and _STRUCTURE.search(block.text) is not None


#: An HTML block that is a table: pandoc's Markdown of a wiki page or a document keeps a
#: table whose cells hold paragraphs or links as `<table>` markup.
_TABLE_START = re.compile(r"\s*<table\b", re.IGNORECASE)
#: Most rows read from one HTML table (a longer one keeps its first rows).
_MAX_ROWS = 2_000


def _is_table(block: Block) -> bool:
    return _top_level(block) and _TABLE_START.match(block.text) is not None


def _html_table(block: Block, cell: Any) -> Block | None:
    """The table block an HTML `<table>` stands for: the header row (`<th>` cells, or the
    first row), then a row per `<tr>`, each `<td>`'s text with its tags dropped and its
    entities decoded, placed at the source line where the cell opens ("Time (EST)" |
    "Notes", then "7:06am" | "Amar asks via Wormhole about the 504 errors"). A table inside
    a cell is read as that cell's text. None when it holds no row. One pass over the tags:
    linear in the block's length."""
    source = _without_comments(block.text)
    header: list[Any] = []
    rows: list[list[Any]] = []
    row: list[Any] | None = None
    headed = False  # the row has a `<th>` cell
    opened: tuple[int, int, int] | None = None  # (offset after the cell's tag, its line, its column)
    depth, line, line_start, position = 0, block.line, 0, 0
    for tag in _TAG.finditer(source):
        newlines = source.count("\n", position, tag.start())
        if newlines:
            line += newlines
            line_start = source.rfind("\n", position, tag.start()) + 1
        position = tag.start()
        closing, name = tag.group(1) == "/", (tag.group(2) or "").lower()
        if name == "table":
            depth += -1 if closing else 1
            continue
        if depth != 1 or name not in ("tr", "td", "th"):
            continue
        if opened is not None:  # a cell ends at the next cell or row tag
            text = " ".join(_decoded(_TAG.sub(" ", source[opened[0]:tag.start()])).split())
            if row is not None:
                row.append(cell(text, opened[1], opened[2], opened[2] + len(text)))
            opened = None
        if name == "tr":
            if row is not None and (row or closing):
                if headed and not header and not rows:
                    header = row
                elif len(rows) < _MAX_ROWS:
                    rows.append(row)
            row, headed = (None, False) if closing else ([], False)
        elif not closing:
            if row is None:
                row, headed = [], False
            headed = headed or name == "th"
            opened = (tag.end(), line, tag.end() - line_start + 1)
    if not header and rows:
        header = rows.pop(0)
    if not header and not rows:
        return None
    return type(block)("table", block.line, block.end_line, column=block.column, end_column=block.end_column,
                       parent=block.parent, header=header, rows=rows)


def _decoded(text: str) -> str:
    return unescape(text).replace("\xa0", " ").replace("\n", " ").replace("\r", " ")


def _without_comments(source: str) -> str:
    """`source` with each HTML comment blanked (its line breaks kept, so positions hold); an
    unclosed comment runs to the end, as a browser reads it. `str.find` twice per comment:
    linear."""
    if "<!--" not in source:
        return source
    kept: list[str] = []
    position = 0
    while True:
        opening = source.find("<!--", position)
        if opening < 0:
            kept.append(source[position:])
            break
        closing = source.find("-->", opening + 4)
        end = len(source) if closing < 0 else closing + 3
        kept.append(source[position:opening])
        kept.append("".join(character if character == "\n" else " " for character in source[opening:end]))
        position = end
    return "".join(kept)


class _Layout:
    """The blocks being laid out of one HTML body: the text gathered since the last break,
    the line and column where it starts, and the open lists and list items."""

    def __init__(self, block: Block, lines: list[str], first_index: int) -> None:
        self.source = block
        self.lines = lines
        self.first_index = first_index
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.start_line = 0
        self.start_column = 1
        self.kind = "paragraph"
        self.level = 0
        self.lists: list[bool] = []  # ordered?
        #: the open list items: [index in the document once laid out (else -1), the
        #: enclosing laid-out item's index (else -1), the depth of the list it is in]
        self.open_items: list[list[int]] = []
        self.strip_next = False
        self.started = False  # a word gathered since the last break

    def text(self, piece: str, line: int, column: int) -> None:
        """Add text that starts at `line`, `column` (entities decoded)."""
        # (decoded line by line: an entity that decodes to a line break, "&#10;", is a
        # space, so every line of the text still stands on its source line)
        piece = "\n".join(_decoded(part) for part in piece.split("\n")) if "&" in piece else piece
        if not self.started:
            stripped = piece.lstrip()
            if not stripped:
                return  # blank space before the block's first word
            skipped = piece[: len(piece) - len(stripped)]
            if not self.pieces:  # an opening "**" has placed the block already
                newlines = skipped.count("\n")
                self.start_line = line + newlines
                self.start_column = (len(skipped) - skipped.rfind("\n")) if newlines else column + len(skipped)
            piece, self.started = stripped, True
        elif self.strip_next:
            piece = piece.lstrip(" \t")
        self.strip_next = False
        self.pieces.append(piece)

    def bold(self, closing: bool, line: int, column: int) -> None:
        """Bold opened or closed at `line`, `column` (where an opening starts the block)."""
        if closing:
            if self.started:
                self.pieces[-1] = self.pieces[-1].rstrip(" \t")
                self.pieces.append("**")
            return
        if not self.started and not self.pieces:
            self.start_line, self.start_column = line, column
        self.pieces.append("**")
        self.strip_next = True

    def flush(self) -> None:
        """End the text gathered so far as a block of the current kind."""
        text = "".join(self.pieces).replace("****", "").strip()
        self.pieces, self.started, self.strip_next = [], False, False
        if not any(character.isalnum() for character in text):
            return
        item = self.kind == "item" and bool(self.open_items)
        block = type(self.source)(self.kind if item or self.kind != "item" else "paragraph", self.start_line,
                      self.start_line + text.count("\n"), text=text, level=self.level,
                      parent=self.open_items[-1][1] if item else -1,
                      ordered=item and bool(self.lists) and self.lists[-1])
        block.column = max(1, self.start_column)
        end = block.end_line
        block.end_column = len(self.lines[end - 1]) + 1 if 0 < end <= len(self.lines) else 1
        if item:
            self.open_items[-1][0] = self.first_index + len(self.blocks)
        self.blocks.append(block)
        if self.kind == "item":
            self.kind = "paragraph"  # text after a nested list inside the item


def _lay_out(block: Block, lines: list[str], first_index: int) -> list[Block] | None:
    """The blocks of one HTML body, or None when it lays out no heading and fewer than
    `_BODY_WORDS` words (a stray `<p>&nbsp;</p>`, an image's caption)."""
    source = _without_comments(block.text)
    layout = _Layout(block, lines, first_index)
    line, line_start, position = block.line, 0, 0

    def advance(to: int) -> None:
        nonlocal line, line_start, position
        newlines = source.count("\n", position, to)
        if newlines:
            line += newlines
            line_start = source.rfind("\n", position, to) + 1
        position = to

    for tag in _TAG.finditer(source):
        if tag.start() < position:
            continue  # inside a skipped script
        if tag.start() > position:
            layout.text(source[position:tag.start()], line, position - line_start + 1)
        advance(tag.start())
        closing, name = tag.group(1) == "/", (tag.group(2) or "").lower()
        tag_line, tag_column = line, position - line_start + 1
        advance(tag.end())
        if name in _SKIPPED and not closing:
            end = source.lower().find(f"</{name}", position) if len(source) < 50_000 else \
                source.find(f"</{name}", position)
            advance(len(source) if end < 0 else end)
        elif name in ("b", "strong"):
            layout.bold(closing, tag_line, tag_column)
        elif name in ("td", "th") and not closing and layout.started:
            layout.pieces.append(" | ")
        elif name == "br" and layout.kind == "item":
            if layout.started:
                layout.pieces.append(" ")  # a line break inside an item ("Add alerts<br/>Owner: @dana")
        elif name in _BREAKS:
            layout.flush()
            _structure(layout, name, closing)
    if position < len(source):
        layout.text(source[position:], line, position - line_start + 1)
    layout.flush()
    words = sum(len(piece.text.split()) for piece in layout.blocks)
    headed = any(piece.kind == "heading" for piece in layout.blocks)
    return layout.blocks if words >= _BODY_WORDS or headed else None


def _structure(layout: _Layout, name: str, closing: bool) -> None:
    """What a breaking tag opens or closes: a list, an item, a heading, a paragraph."""
    items = layout.open_items
    if name in ("ul", "ol"):
        if closing:
            while items and items[-1][2] >= len(layout.lists):
                items.pop()  # the list's items, closed or not
            if layout.lists:
                layout.lists.pop()
        else:
            layout.lists.append(name == "ol")
        layout.kind = "paragraph"
    elif name == "li":
        depth = len(layout.lists)
        while items and items[-1][2] >= depth:
            items.pop()  # a sibling left open (`<li>` needs no `</li>`), or this item closing
        if closing:
            layout.kind = "paragraph"
        else:
            enclosing = (items[-1][0] if items[-1][0] >= 0 else items[-1][1]) if items else -1
            items.append([-1, enclosing, depth])
            layout.kind, layout.level = "item", max(0, depth - 1)
    elif name[0] == "h" and name[1:].isdigit():
        layout.kind, layout.level = ("paragraph", 0) if closing else ("heading", int(name[1:]))
    elif layout.kind == "heading":
        layout.kind = "paragraph"
