"""The batch API: the numba kernel equals the NumPy reference, and bad input is refused clearly."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinchain.errors import SimulationError
from kinchain.mechanics import PARAM_NAMES, LiuNiggParams, simulate_batch, simulate_liu_nigg


def _varied_rows(n: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        midsole = ("midsole_a", "midsole_b", "midsole_c", "midsole_d", None)[i % 5]
        p = LiuNiggParams.published(
            shoe=("hard", "soft")[i % 2],
            lower_velocity_m_s=float(rng.uniform(0.2, 1.5)),
            upper_velocity_m_s=float(rng.uniform(0.2, 1.5)),
            midsole=midsole,
        )
        row = p.to_row()
        row[:4] *= rng.uniform(0.8, 1.2, size=4)
        rows.append(row)
    return np.array(rows)


def test_numba_kernel_equals_the_numpy_reference_over_varied_scenarios() -> None:
    rows = _varied_rows(12)
    fast = simulate_batch(rows, dt_s=1e-4, duration_s=0.3, backend="numba")  # stable for all
    slow = simulate_batch(rows, dt_s=1e-4, duration_s=0.3, backend="numpy")
    scale = np.abs(slow.grf_n).max()
    assert np.max(np.abs(fast.grf_n - slow.grf_n)) <= 1e-9 * scale
    for name in ("impact_peak_n", "impact_peak_ms", "active_peak_n", "active_peak_ms"):
        np.testing.assert_allclose(getattr(fast, name), getattr(slow, name), rtol=1e-9)


def test_batch_axis_zero_is_the_scenario_and_axis_one_is_time() -> None:
    rows = _varied_rows(3)
    out = simulate_batch(rows, dt_s=1e-4, duration_s=0.2)
    assert out.grf_n.shape == (3, out.time_ms.size)
    single = simulate_liu_nigg(params=_params_from_row(rows[1]), dt_s=1e-4, duration_s=0.2)
    np.testing.assert_allclose(out.grf_n[1], single.grf_n, rtol=1e-12)


def _params_from_row(row: np.ndarray) -> LiuNiggParams:
    return LiuNiggParams(**{name: float(v) for name, v in zip(PARAM_NAMES, row, strict=True)})


def test_batch_leaves_its_input_unchanged() -> None:
    rows = _varied_rows(2)
    before = rows.copy()
    simulate_batch(rows, dt_s=1e-4, duration_s=0.3, backend="numpy")
    np.testing.assert_array_equal(rows, before)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("m1_kg", -2.0, "a mass > 0 kg"),
        ("m3_kg", 0.0, "a mass > 0 kg"),
        ("k1_n_per_m", -1.0, "a stiffness >= 0"),
        ("v1_m_s", math.nan, "a finite number"),
        ("c4_n_s_per_m", math.inf, "a finite number"),
        ("gravity_m_s2", 0.0, "gravity > 0"),
    ],
)
def test_a_bad_parameter_is_refused_naming_the_parameter_expected_and_received(
    column: str, value: float, expected: str
) -> None:
    row = LiuNiggParams.published().to_row()
    row[PARAM_NAMES.index(column)] = value
    with pytest.raises(SimulationError) as err:
        simulate_batch(row, backend="numpy")
    message = str(err.value)
    assert f"params[0].{column}" in message
    assert expected in message
    assert repr(value) in message


def test_zero_body_mass_is_refused() -> None:
    row = LiuNiggParams.published().to_row()
    row[:4] = 0.0
    with pytest.raises(SimulationError, match=r"m1_kg: expected a mass > 0 kg, received 0\.0"):
        simulate_batch(row)


@pytest.mark.parametrize("dt", [math.nan, math.inf, 0.0, -1e-4])
def test_a_step_that_is_not_a_positive_number_is_refused(dt: float) -> None:
    with pytest.raises(SimulationError, match=r"dt_s: expected a finite number > 0 s, received"):
        simulate_batch(LiuNiggParams.published().to_row(), dt_s=dt)


def test_a_step_too_large_for_the_model_gives_an_error_not_a_silent_nan_curve() -> None:
    with pytest.raises(SimulationError, match=r"dt_s: expected a step <= 0.001 s, received 0.02"):
        simulate_batch(LiuNiggParams.published().to_row(), dt_s=0.02, duration_s=1.0)


def test_a_step_too_large_for_the_shoe_mass_is_refused_before_it_can_oscillate() -> None:
    row = LiuNiggParams.published(midsole="midsole_d").to_row()
    with pytest.raises(SimulationError, match=r"dt_s: expected a step <= .* scenario 0"):
        simulate_batch(row, dt_s=5e-4)
    simulate_batch(row, dt_s=1e-4)  # the default step is inside the bound


def test_wrong_shape_unknown_shoe_midsole_and_backend_are_refused() -> None:
    with pytest.raises(SimulationError, match=r"params: expected shape"):
        simulate_batch(np.zeros((2, 3)))
    with pytest.raises(SimulationError, match=r"shoe: expected hard or soft, received 'squishy'"):
        simulate_liu_nigg(shoe="squishy")
    with pytest.raises(SimulationError, match=r"midsole: expected midsole_a, .* or midsole_d"):
        simulate_liu_nigg(midsole="cloud")
    with pytest.raises(SimulationError, match=r"backend: expected one of"):
        simulate_batch(LiuNiggParams.published().to_row(), backend="fortran")


@settings(max_examples=10, deadline=None)
@given(
    lower=st.floats(0.0, 2.0),
    upper=st.floats(0.0, 2.0),
    mass_scale=st.floats(0.5, 1.5),
    shoe=st.sampled_from(["hard", "soft"]),
    midsole=st.sampled_from([None, "midsole_a", "midsole_d"]),
)
def test_any_valid_scenario_gives_the_same_finite_curve_on_both_back_ends(
    lower: float, upper: float, mass_scale: float, shoe: str, midsole: str | None
) -> None:
    row = LiuNiggParams.published(
        shoe=shoe, lower_velocity_m_s=lower, upper_velocity_m_s=upper, midsole=midsole
    ).to_row()
    row[:4] *= mass_scale
    fast = simulate_batch(row, dt_s=1e-4, duration_s=0.25, backend="numba")
    slow = simulate_batch(row, dt_s=1e-4, duration_s=0.25, backend="numpy")
    assert np.isfinite(fast.grf_n).all() and (fast.grf_n >= 0).all()
    assert np.max(np.abs(fast.grf_n - slow.grf_n)) <= 1e-9 * max(np.abs(slow.grf_n).max(), 1.0)
