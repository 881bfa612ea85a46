"""Regexes written by whoever controls the repository: compiled for RE2, never for `re`.

A pull request may change `.pmlint.yaml` (`settings.template_placeholders`,
`settings.measurable_patterns`) or add a rule file with `pattern:` options. Python's
`re` backtracks: `(\\w+\\s?)+$` against a 30-word title runs for hours. RE2 (Google's
engine, through the `google-re2` bindings) matches in time linear in the text whatever
the pattern, by construction; it refuses what it cannot do in linear time
(backreferences, lookahead and lookbehind), and that refusal is a one-line
configuration error naming the file and line, found when the config or rule loads.

Differences from `re` a rule author may notice: `\\b`, `\\w`, `\\d` and `\\s` are ASCII
classes, and `\\Z` is written `\\z`. Built-in text processing keeps Python's `re`
(its regexes are audited to run in linear time; see tests/test_scaling.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


class UntrustedPatternError(re.error):
    """A pattern RE2 cannot run (it would need backtracking) or that does not parse.

    A subclass of `re.error`, so every place that already reports a bad regex as a
    configuration error reports this one the same way."""


def _options(ignore_case: bool) -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.log_errors = False  # the error becomes our one-line message, not a stderr log
    options.max_mem = 8 << 20   # a pattern too big to compile is refused, not paged in
    return options


@lru_cache(maxsize=512)
def compile_untrusted(pattern: str, ignore_case: bool = True) -> Any:
    """`pattern` compiled by RE2: an object with `search`, `match`, `fullmatch`,
    `finditer` and `pattern`, like `re.Pattern`, whose matches run in linear time."""
    import re2

    if not isinstance(pattern, str):
        raise UntrustedPatternError(f"a regular expression must be text, got {type(pattern).__name__}")
    try:
        return re2.compile(pattern, _options(ignore_case))
    except re2.error as error:
        detail = error.args[0] if error.args else error
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        hint = ""
        if any(token in pattern for token in ("(?=", "(?!", "(?<=", "(?<!")) or re.search(r"\\[1-9]|\(\?P=", pattern):
            hint = " (lookarounds and backreferences need backtracking, which pmlint does not run on " \
                   "patterns from configuration or rule files)"
        raise UntrustedPatternError(f"{detail}{hint}") from None
