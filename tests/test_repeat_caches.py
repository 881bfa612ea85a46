"""Answers computed once per text or per document (for the 5 MB benchmark) are the
answers computed afresh: the cache changes the cost, never the result.

`timeutil.parse_timestamp` keeps each text's parse (the timeline model, the order rule
and the zone rule read the same `at` strings); `infer.on_call.awake_anyway` keeps the
last document's answer (inference and PM203 both ask).
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from pmlint import timeutil
from pmlint.infer import on_call
from pmlint.load import load_text
from pmlint.settings import merge_settings

STAMPS = st.one_of(
    st.text(max_size=80),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.tuples(st.datetimes(), st.sampled_from(["Z", " UTC", " GMT", "+02:00", "-0530", "", " utc", "T"]))
    .map(lambda pair: pair[0].isoformat(sep=" ") + pair[1]),
)


@settings(max_examples=400, deadline=None)
@given(STAMPS)
def test_a_cached_parse_is_the_fresh_parse(text: str) -> None:
    fresh = timeutil._parse_timestamp(text)
    for _ in range(2):  # the first call fills the cache, the second reads it
        parsed = timeutil.parse_timestamp(text)
        assert parsed == fresh
        assert (parsed.tzinfo if parsed else None) == (fresh.tzinfo if fresh else None)


def test_the_timestamp_cache_is_bounded_and_keeps_no_long_text() -> None:
    long_text = "2025-06-14 10:00" + " " * 100 + "x"
    timeutil.parse_timestamp(long_text)
    assert long_text not in timeutil._parsed
    for minute in range(timeutil._PARSED_MAX + 10):
        timeutil.parse_timestamp(f"2025-06-14T{minute // 60 % 24:02d}:{minute % 60:02d}:{minute % 7:02d}.{minute}")
    assert len(timeutil._parsed) <= timeutil._PARSED_MAX
    assert timeutil.parse_timestamp("2025-06-14T10:00:00Z") == timeutil._parse_timestamp("2025-06-14T10:00:00Z")


AWAKE = """---
title: Night work
---

# Night work

## Summary

The team in Singapore was online at this hour and handled the rollback.

## Timeline

- 02:10 UTC we rolled back the deploy
"""

ASLEEP = AWAKE.replace("The team in Singapore was online at this hour and handled the rollback.",
                       "The rollback was handled by the primary.")


def test_awake_anyway_answers_each_document_and_phrase_list() -> None:
    settings_ = merge_settings(None)
    awake = load_text("a.md", AWAKE, settings_)
    asleep = load_text("b.md", ASLEEP, settings_)
    assert on_call.awake_anyway(awake, settings_) is True
    assert on_call.awake_anyway(awake, settings_) is True  # from the cache
    assert on_call.awake_anyway(asleep, settings_) is False  # another document: asked afresh
    other_phrases = {**settings_, "night_awake_phrases": ["handled by the primary"]}
    assert on_call.awake_anyway(asleep, other_phrases) is True  # another phrase list: asked afresh
    assert on_call.awake_anyway(awake, other_phrases) is False
