"""Whether a Markdown document's prose is in a language pmlint's vocabularies read.

Every "missing" claim rests on a search for words: "detected by", "root cause", "users
affected", "we will". A postmortem written in Norwegian has a root-cause section
("**Rotårsaker:**") and a detection line ("**Påvisning:**") that no English vocabulary
finds, so "no root cause found in any section or sentence" would be said without
anything having been searched. English prose is a quarter or more function words ("the",
"and", "to", "of", ...); prose in another language, even one with English technical
terms, has almost none. Linear: one pass over the words of the first `_SCAN_CHARS`
characters outside code.
"""

from __future__ import annotations

import re

from ...model import code_line_numbers

#: Common English function words: a quarter or more of English prose, almost none of
#: Norwegian, German, French or Spanish prose.
_ENGLISH = frozenset("""the and to of a in is was we for that on it with as be by this were are at from our an
not or have has had but which when they their it's its into after before all no been will would can could
there then than so if what how why who""".split())
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
#: Below this share of common English words, the prose is read as another language.
ENGLISH_SHARE = 0.08
#: Fewer words than this say nothing about the language (a title, a table of times).
_MIN_WORDS = 60
_SCAN_CHARS = 64 * 1024


def unread_language(lines: list[str], code_lines: tuple[tuple[int, int], ...] = ()) -> bool:
    """Whether the prose (lines outside the 1-based inclusive `code_lines` ranges) has at
    least `_MIN_WORDS` words, of which fewer than ENGLISH_SHARE are common English words."""
    skipped = code_line_numbers(code_lines)
    words = 0
    english = 0
    read = 0
    for number, line in enumerate(lines, 1):
        if number in skipped:
            continue
        read += len(line)
        if read > _SCAN_CHARS:
            break
        for match in _WORD.finditer(line):
            words += 1
            if match.group().lower() in _ENGLISH:
                english += 1
    return words >= _MIN_WORDS and english < ENGLISH_SHARE * words
