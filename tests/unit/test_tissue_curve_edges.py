"""The healing-curve helpers (kinchain.tissue.curves) at their edges: first and last points,
the rounding of read-off values, a first episode, deficits outside 0..1.

Expected values are worked by hand from the formulas in each function's docstring, on small
curves of our own (not the bundled healing.yaml), so a changed formula or boundary shows here.
"""

from __future__ import annotations

import pytest

from kinchain.tissue.curves import (
    after_recurrences,
    combine_deficits,
    interpolate_recovery,
    stability_contribution,
)

LATE_START = [(7, 0.2), (42, 0.5)]  # a curve whose first point is after the injury day
THIRDS = [(0, 0.0), (3, 1 / 3)]  # a third of the strength back on day 3


def test_before_a_curves_first_point_the_first_fraction_holds_not_a_backward_line() -> None:
    assert interpolate_recovery(LATE_START, days=3) == 0.2
    assert interpolate_recovery(LATE_START, days=6) == 0.2


def test_on_the_day_of_the_first_point_the_first_fraction_holds_exactly_as_given() -> None:
    assert interpolate_recovery([(7, 1 / 3), (42, 0.5)], days=7) == 1 / 3


def test_the_day_after_the_first_point_the_curve_has_started_to_rise() -> None:
    # 0.2 + (0.5 - 0.2) * 1 / 35
    assert interpolate_recovery(LATE_START, days=8) == pytest.approx(0.2 + 0.3 / 35, abs=1e-12)


def test_between_two_later_points_the_line_runs_from_the_earlier_point_not_from_day_0() -> None:
    curve = [(0, 0.0), (84, 0.6), (280, 0.75)]
    # halfway from day 84 to day 280: 0.6 + 0.15 * 98 / 196
    assert interpolate_recovery(curve, days=182) == 0.675


def test_values_read_inside_the_curve_carry_twelve_decimals_no_float_noise_and_no_fewer() -> None:
    """Read-off values are rounded to 12 places: stored decisions carry no float noise (the
    heuristic precision of this model), and nothing coarser than 1e-12 is lost."""
    for day in (1, 2, 3):
        got = interpolate_recovery(THIRDS, days=day)
        assert got == round(got, 12)
        assert got == pytest.approx(day / 9, abs=1e-12)


def test_a_first_episode_leaves_the_instability_as_it_was() -> None:
    assert after_recurrences(0.24, 0, per_episode=0.25) == 0.24


def test_three_later_episodes_each_take_a_quarter_of_the_stability_left() -> None:
    # 1 - (1 - 0.24) * 0.75 ** 3 = 1 - 0.76 * 0.421875
    assert after_recurrences(0.24, 3, per_episode=0.25) == pytest.approx(0.679375, abs=1e-12)
    assert after_recurrences(0.0, 1, per_episode=0.25) == pytest.approx(0.25, abs=1e-12)


@pytest.mark.parametrize("recurrences", [-1, -2])
def test_a_negative_count_of_recurrences_is_refused_naming_the_field(recurrences: int) -> None:
    with pytest.raises(ValueError, match="recurrences"):
        after_recurrences(0.24, recurrences, per_episode=0.25)


def test_half_the_mechanical_and_all_the_functional_deficit_combine_as_independent_losses() -> None:
    # 1 - (1 - 0.5 * 0.12) * (1 - 0.68) = 1 - 0.94 * 0.32
    assert stability_contribution(0.12, 0.68, share=0.5) == pytest.approx(0.6992, abs=1e-12)
    assert stability_contribution(0.4, 0.0, share=0.5) == pytest.approx(0.2, abs=1e-12)


def test_a_deficit_above_one_counts_as_a_whole_loss_and_the_total_never_passes_one() -> None:
    assert combine_deficits([1.5]) == 1.0
    assert combine_deficits([1.5, 0.5]) == 1.0


def test_a_negative_deficit_counts_as_none_and_cannot_undo_another_injury() -> None:
    assert combine_deficits([-0.5]) == 0.0
    assert combine_deficits([-0.5, 0.5]) == 0.5
