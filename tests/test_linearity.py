"""The shared linearity measurement can fail: a quadratic reader is caught."""

from __future__ import annotations

import pytest

from linearity import assert_ten_times_linear


def test_a_quadratic_reader_fails_the_measurement():
    def quadratic(copies: int) -> int:
        return sum(1 for _ in range(copies) for _ in range(copies // 10))

    with pytest.raises(AssertionError):
        assert_ten_times_linear(quadratic, 300, "quadratic")


def test_a_linear_reader_passes_it():
    assert_ten_times_linear(lambda copies: "x " * copies * 50, 2000, "linear")


def test_with_a_setup_only_the_reader_is_timed():
    """A quadratic setup does not fail a linear reader; a quadratic reader on a built
    input still fails."""
    def build(copies: int) -> list[int]:
        sum(1 for _ in range(copies // 100) for _ in range(copies // 100))  # quadratic, untimed
        return list(range(copies))

    assert_ten_times_linear(lambda built: sum(built), 20000, "linear reader", setup=build)
    with pytest.raises(AssertionError):
        assert_ten_times_linear(lambda built: sum(1 for _ in built for _ in range(len(built) // 10)), 300,
                                "quadratic reader", setup=lambda copies: list(range(copies)))
