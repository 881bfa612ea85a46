"""`load.counts`: the one reader of "a count of users" that the Markdown loader
(`users_affected`), PM601's quote (`WHO`) and the evidence search (`COUNT_OF`) share, so a
date's year is no count in any of them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from conftest import rule_findings, write
from linearity import assert_ten_times_linear
from pmlint.load.counts import COUNT_OF, WHO, users_affected
from pmlint.load.evidence import find_evidence


def _convert(run_cli, path) -> str:
    code, out, err = run_cli("convert", str(path))
    assert code == 0, err
    return out


@pytest.mark.parametrize("sentence, field", [
    ("About 1,200 users were affected for 40 minutes.", "users_affected: 1200"),
    ("Roughly 12% of customers were unable to pay.", "users_affected: 12%"),
])
def test_a_stated_count_of_users_is_the_field(run_cli, tmp_path, sentence, field):
    path = write(tmp_path / "pm.md", f"# Login outage\n\n## Impact\n\n{sentence}\n\n## Root cause\n\nAn expired "
                                     "certificate.\n")
    assert field in _convert(run_cli, path)


@pytest.mark.parametrize("sentence", [
    "From 3/14/2023, customers were unable to sign in.",
    "Since 2023-03-14 users were affected by slow pages.",
    "At 10:45 customers were unable to check out.",
])
def test_a_date_or_a_time_is_no_count_of_users(run_cli, tmp_path, sentence):
    path = write(tmp_path / "pm.md", f"# Login outage\n\n## Impact\n\n{sentence}\n\n## Root cause\n\nAn expired "
                                     "certificate.\n")
    assert "users_affected" not in _convert(run_cli, path)
    found = rule_findings(run_cli, path, "PM601", preset="strict")
    assert not [item for item in found if "gives a count" in item["message"]]


def test_the_three_views_read_the_same_plain_count():
    text = "During the outage 1,200 users were affected."
    assert users_affected(text) == 1200
    assert (match := WHO.search(text)) is not None and match.group() == "1,200 users"
    assert (match := COUNT_OF.search(text.lower())) is not None and match.group() == "1,200 users"
    assert find_evidence([(text, 1, 1, "impact")]).get("impact_who") is not None


_NOUNS = ["users were affected", "customers were unable to log in", "accounts impacted", "requests failed",
          "of our customers were affected", "% of users", "tenants were impacted"]


@st.composite
def _dates(draw) -> str:
    """A date or a clock time as people write them: 8/10/2016, 2016-08-10, 10.08.2016, 14:05, 2016/08/10."""
    year, month, day = draw(st.integers(1970, 2099)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    return draw(st.sampled_from([
        f"{month}/{day}/{year}", f"{day}/{month}/{year % 100:02d}", f"{year}-{month:02d}-{day:02d}",
        f"{day}.{month}.{year}", f"{year}/{month:02d}/{day:02d}", f"{hour}:{minute:02d}", f"{hour:02d}:{minute:02d}",
    ]))


@settings(max_examples=400, deadline=None)
@given(_dates(), st.sampled_from(["", ","]), st.sampled_from(_NOUNS), st.sampled_from(["On ", "Between ", "", "- "]))
def test_no_view_reads_a_year_or_a_date_as_a_count(date, comma, noun, before):
    """The number that ends a date (its year, its day, a clock's minutes) is never a count,
    whatever follows it."""
    text = f"{before}{date}{comma} {noun}."
    assert users_affected(text) is None, text
    assert WHO.search(text) is None, text
    assert COUNT_OF.search(text.lower()) is None, text


@pytest.mark.parametrize("unit", [
    "1,200 users were affected ", "8/10/2016, customers were unable ", "1" * 300 + " ", "1,2,3,4,5,6 ",
    "12 of of of users ", "3.4.5.6.7 percent ", "502 errors ", "three of the customers ",
])
def test_every_view_reads_counts_in_linear_time(unit):
    def read(copies: int) -> None:
        text = unit * copies
        users_affected(text)
        for _ in WHO.finditer(text):
            pass
        for _ in COUNT_OF.finditer(text.lower()):
            pass

    assert_ten_times_linear(read, 300, unit)
