"""Fewer garbage-collector passes while one document is loaded and checked.

Loading a document allocates many small container objects (markdown-it tokens, blocks,
spans, the data tree) that all stay alive until the document is done, and none of them
form reference cycles the loader relies on the collector for. With CPython's default
thresholds (a young-generation pass every 700 allocations, a full pass each time the
heap grows by a quarter) the collector walked the growing heap about twenty times on
a 5 MB Markdown postmortem and found nothing to free: half of the load time.

Inside `fewer_collections()` the young-generation threshold is raised (one pass per
`YOUNG_THRESHOLD` allocations instead of 700): collections still run, so cyclic garbage
stays bounded, but their cost is small against the work. The oldest generation's threshold
is raised too (a full pass after `OLD_THRESHOLD` middle-generation passes instead of 10):
each full pass walks the whole document tree, every object of which is still alive, and
on the 5 MB benchmark the remaining ones cost 0.1–0.15 s of 5 s for nothing freed; young
and middle passes still collect cycles that die young. The previous thresholds come
back on exit, so what runs between documents (and any caller's own setting) is untouched.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

#: Allocations between young-generation passes while a document is processed
#: (measured on the 5 MB benchmark: 100,000 gives most of gc.disable()'s gain).
YOUNG_THRESHOLD = 100_000
#: Middle-generation passes between full passes while a document is processed (CPython: 10).
OLD_THRESHOLD = 100


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's young- and old-generation thresholds for the block, then restore them."""
    previous = gc.get_threshold()
    if previous[0]:  # 0: the caller switched automatic collection off; leave it so
        gc.set_threshold(max(previous[0], YOUNG_THRESHOLD), previous[1], max(previous[2], OLD_THRESHOLD))
    try:
        yield
    finally:
        gc.set_threshold(*previous)
