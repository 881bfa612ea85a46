"""Property tests: the Markdown loader never raises, and every span lies inside the file."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pmlint.load.markdown import load_markdown

_PIECES = st.sampled_from([
    "# Title\n", "## Timeline\n", "## Action items\n", "## Root cause\n", "### 14:08\n", "- **16:58 UTC** - x\n",
    "| Time (UTC) | Event |\n|---|---|\n| 2025-01-01 10:00 | boom |\n", "- [ ] fix owner: @a due: 2025-01-01\n",
    "---\ntitle: t\n---\n", "```\n12:00 log\n```\n", "> quoted\n", "  - nested 23:59\n", "<!-- pmlint: disable=PM301 -->\n",
    "**Impact**: 3 hours\n", "1. item\n", "\n", "~12:00 (maybe)\n", "- Jan 8, 07:00 PST: x\n", "|a|\n|-|\n", "* \n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=25))
def test_arbitrary_markdown_never_raises_and_spans_are_in_the_file(pieces):
    text = "".join(pieces)
    document = load_markdown("p.md", text, {})
    count = max(len(document.lines), 1)
    for pointer, span in document.spans.items():
        assert 1 <= span.line <= span.end_line <= count, (pointer, span)
        assert span.column >= 1 and span.end_column >= 1, (pointer, span)
    assert document.meta.title_line >= 1


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    load_markdown("p.md", text, {})


_DIGITS2 = st.integers(min_value=0, max_value=99).map(lambda number: f"{number:02d}")


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.tuples(st.integers(min_value=0, max_value=9999).map(lambda year: f"{year:04d}"), _DIGITS2, _DIGITS2,
              _DIGITS2, _DIGITS2).map(lambda parts: f"{parts[0]}-{parts[1]}-{parts[2]} {parts[3]}:{parts[4]}"),
    st.tuples(_DIGITS2, _DIGITS2).map(lambda parts: f"{parts[0]}:{parts[1]}")),
    st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
@example("24:00", None)
@example("24:07", 2025)
@example("23:60", None)
@example("2025-06-14 24:00", None)
@example("2025-02-29 10:00", None)
@example("2024-02-29 23:59", 2024)
@example("0000-01-01 00:00", None)
def test_plain_stamp_fast_path_gives_the_general_parsers_stamp(text, year):
    """`2025-06-14 13:07` and `13:07` (a table row's whole cell) skip the general parser:
    valid or not, the Stamp must be exactly the one it gives."""
    from pmlint.load.markdown.times import _parse_stamp, parse_stamp

    assert parse_stamp(text, year) == _parse_stamp(text, year)
