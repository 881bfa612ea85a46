"""A timeline in military time (`1738: Cloudinary posted ...`, `[1758](https://...): ...`,
`~1940: ...`) is a timeline; a run of years (`2015: ...`, `2016: ...`) is not. Seen held
out (U): the FT's image-service outage, 13 entries from 1738 to 2058, was told it had
no timeline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.load.markdown.blocks import Block, parse_blocks
from pmlint.load.markdown.hhmm import colon_military_times

POST = """# Image service outage

## Summary

New images failed to load on the site while our image CDN's storage region was down.

## Root cause

The CDN's storage region went offline, and we had no fallback image service.

## How was it fixed

### 28 Feb 2017

{first}: The CDN posted an incident report about an elevated error rate.

[{second}](https://chat.example/p1): Jake acknowledged that some images will not be loading.

~{third}: We decided to send broken images to the old image service.

{fourth}: The CDN came back online and images worked again.

## Action items

- [ ] Keep the old image service as a fallback (owner: origami, due 2017-04-01)
"""


def _timeline_missing(run_cli, tmp_path, *stamps):
    path = write(tmp_path / "pm.md", POST.format(first=stamps[0], second=stamps[1], third=stamps[2], fourth=stamps[3]))
    return [f for f in rule_findings(run_cli, path, "PM011") if "timeline" in f["message"]]


def test_a_military_time_timeline_is_a_timeline(run_cli, tmp_path):
    assert _timeline_missing(run_cli, tmp_path, "1738", "1758", "1940", "2058") == []


def test_a_run_of_years_is_no_timeline(run_cli, tmp_path):
    assert len(_timeline_missing(run_cli, tmp_path, "2014", "2015", "2016", "2017")) == 1


def test_out_of_order_numbers_are_no_timeline(run_cli, tmp_path):
    assert len(_timeline_missing(run_cli, tmp_path, "1738", "0915", "1940", "0130")) == 1


def test_the_stamp_gets_its_colon_and_keeps_its_link():
    lines = ["1738: one", "", "[1758](https://x.example/a): two", "", "~1940 - three"]
    assert [block.text for block in parse_blocks(lines)] == [
        "17:38: one", "[17:58](https://x.example/a): two", "~19:40 - three"]
    assert [block.text for block in parse_blocks(lines[:3])] == ["1738: one", "[1758](https://x.example/a): two"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2400), st.sampled_from([": ", " - ", " ", ":"]), st.text("ab c", max_size=8)),
                min_size=1, max_size=12))
def test_any_run_keeps_its_words(entries):
    lines = []
    for number, separator, words in entries:
        lines += [f"{number:04d}{separator}{words}", ""]
    for block in parse_blocks(lines):
        digits = block.text.replace(":", "", 1) if block.text[2:3] == ":" else block.text
        assert digits in {line.strip() for line in lines}


def test_reading_military_times_is_linear():
    # the pass alone, on blocks built untimed: a whole parse of tens of thousands of
    # paragraphs also times the collector on the full suite's heap (x27 once in a full run)
    def blocks(copies):
        return [Block("paragraph", n + 1, n + 1, text=f"{(900 + n % 60):04d}: entry") for n in range(copies)]
    assert_ten_times_linear(colon_military_times, 2_000, "runs", setup=blocks)
