"""Every evidence pattern reads the text a pull request controls in linear time.

An attacker's review found that a branch added for "No reader-facing outage" (`[-*\\s]*`
after a line start) scanned on over every following blank line from every line start: a
YAML `impact.description` of 25,000 blank lines ran out of PM601's time budget. The
search over each unit a document can repeat (blank lines, dashes, the words the patterns
look for) must cost ten times as much on ten times the text, not a hundred.
"""

from __future__ import annotations

import pytest

from linearity import assert_ten_times_linear
from pmlint.load.evidence import PATTERNS

#: Units a hostile document repeats: blank lines (YAML keeps them), list dashes, and the
#: openings of the phrases the patterns read.
UNITS = ["\n", "- \n", "-*\n", " \n\n", "everyone who tried to ", "we are ", "no ", "| ", "i was greeted with ",
         "the outage was ", "this incident demonstrates the ", "did a user ", "students ", "`"]

PATTERN_LIST = [(kind, label, pattern) for kind, labelled in PATTERNS.items() for label, pattern in labelled]


@pytest.mark.parametrize("unit", UNITS)
def test_every_evidence_pattern_is_linear_in_a_repeated_unit(unit: str) -> None:
    def build(copies: int) -> str:
        return "x\n" + unit * copies + " no data was lost."

    def run(text: str) -> None:
        for _, _, pattern in PATTERN_LIST:
            pattern.search(text)

    assert_ten_times_linear(run, 400, unit, setup=build)
