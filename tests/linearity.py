"""One measurement for the "ten times the text costs about ten times the time" tests.

A reader of postmortem text must stay linear whatever the text repeats (a pull request
controls it). Each test gives a `run(copies)` that reads `copies` repetitions of a unit;
`assert_ten_times_linear` times it at two sizes ten times apart (the small best of three,
the large once unless its ratio fails: noise only slows a run) and allows 25x (a ratio,
not a wall-clock limit, so it holds on any machine); on a loaded, shared machine a failing
ratio is measured again before the test fails.

A test that times one function on a document built beforehand (the loader is measured
elsewhere) passes `setup(copies)`, which builds it untimed, and `run(built)`, which reads it.
"""

from __future__ import annotations

import gc
import time
from typing import Any, Callable


def _cost(run: Callable[[Any], Any], copies: int, setup: Callable[[int], Any] | None) -> float:
    given = copies if setup is None else setup(copies)  # built outside the clock
    gc.collect()
    started = time.perf_counter()
    run(given)
    return time.perf_counter() - started


def assert_ten_times_linear(run: Callable[[Any], Any], small: int, label: object = "", limit: float = 25.0,
                            setup: Callable[[int], Any] | None = None) -> None:
    """run(10 * small) costs under `limit` times run(small), best of three each.

    With `setup`, each measurement calls `setup(copies)` untimed and times `run` on what it
    returns: the cost of one reader on a document whose building is not the point."""
    large = small * 10
    _cost(run, max(small // 25, 1), setup)  # warm caches and compiled patterns first
    little = min(_cost(run, small, setup) for _ in range(3))
    # the large text once: noise only slows a run, so a ratio under the limit at the first
    # try is a pass; one over it is measured twice more, then three times each, before judging
    big = _cost(run, large, setup)
    if big >= little * limit:
        big = min(big, *(_cost(run, large, setup) for _ in range(2)))
    if big >= little * limit:  # a shared, loaded machine: measure once more before judging
        little = min(little, *(_cost(run, small, setup) for _ in range(3)))
        big = min(big, *(_cost(run, large, setup) for _ in range(3)))
    assert big < little * limit, (label, little, big)
