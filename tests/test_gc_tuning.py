"""`fewer_collections` raises the collector's thresholds for one document and restores them."""

from __future__ import annotations

import gc

from pmlint.gc_tuning import OLD_THRESHOLD, YOUNG_THRESHOLD, fewer_collections


def test_thresholds_raised_inside_and_restored_after() -> None:
    previous = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, OLD_THRESHOLD)
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(0, 10, 10)  # automatic collection off: left off
        with fewer_collections():
            assert gc.get_threshold() == (0, 10, 10)
    finally:
        gc.set_threshold(*previous)
