"""`Document.prose_lines()`: the lines outside code blocks, numbered from 1, the one
reading of "the authors' prose" that checks scanning the whole text share."""

from __future__ import annotations

import dataclasses

from pmlint.load import load_text

_TEXT = """# Disk full on db-1

## Summary

We ran out of disk.

```
$ df -h
/dev/sda1 100% we ran out
```

We freed space.
"""


def test_prose_lines_skip_a_fenced_block_and_number_from_one():
    document = load_text("pm.md", _TEXT)
    assert document.meta.code_lines == ((7, 10),)  # the fence lines and what they hold
    assert list(document.prose_lines()) == [
        (1, "# Disk full on db-1"), (2, ""), (3, "## Summary"), (4, ""), (5, "We ran out of disk."), (6, ""),
        (11, ""), (12, "We freed space."),
    ]


def test_prose_lines_follow_a_new_meta():
    # the code-line set is kept per document: a document given other code ranges reads them
    document = load_text("pm.md", _TEXT)
    list(document.prose_lines())
    document.meta = dataclasses.replace(document.meta, code_lines=((1, 6),))
    assert [number for number, _ in document.prose_lines()] == [7, 8, 9, 10, 11, 12]
    document.meta = dataclasses.replace(document.meta, code_lines=())
    assert [number for number, _ in document.prose_lines()] == list(range(1, 13))
