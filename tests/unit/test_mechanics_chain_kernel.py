"""The compiled chain kernel, its NumPy twin and an independent integrator agree."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from kinchain.intake.model import Footwear
from kinchain.mechanics import _chain_kernel as K
from kinchain.mechanics.chain import ChainScenario, activity_spec, run_chain, scenario_row
from kinchain.mechanics.footwear import barefoot, footwear_contact


def _rows() -> tuple[np.ndarray, np.ndarray]:
    rows, win = [], []
    shoe = footwear_contact(Footwear(name="t", kind="athletic", cushioning="medium")).contact
    for act, contact, d in [("walk", shoe, (0.0, 0.0, 0.0, 0.0)), ("jog", barefoot().contact,
                            (0.5, 0.0, 0.0, 0.0)), ("jump", shoe, (0.0, 0.4, 0.0, 0.2))]:
        spec = activity_spec(act)
        rows.append(scenario_row(ChainScenario(64.0, "female", spec, contact, d)))
        win.append(spec.window_ms / 1e3)
    return np.stack(rows), np.array(win)


def test_numba_kernel_equals_the_numpy_reference() -> None:
    rows, win = _rows()
    fast, _, _ = run_chain(rows, win)
    slow, _, _ = run_chain(rows, win, backend="numpy")
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-9)


def test_peaks_agree_with_a_tight_tolerance_lsoda_solution() -> None:
    rows, win = _rows()
    out, series, time_ms = run_chain(rows[1:2], win[1:2], record=True)
    p = rows[1]

    def rhs(t: float, y: np.ndarray) -> np.ndarray:
        dy, _ = K._np_rhs(p[None, :], t, y[None, :])
        return dy[0]

    y0 = np.zeros(K.N_STATE)
    y0[K.N_MASSES : 2 * K.N_MASSES] = p[K.V0 : K.V0 + K.N_MASSES]
    assert time_ms is not None and series is not None
    sol = solve_ivp(rhs, (0.0, win[1]), y0, method="LSODA", rtol=1e-10, atol=1e-12,
                    t_eval=time_ms / 1e3, max_step=2e-4)
    grf = np.array([K._np_rhs(p[None, :], t, y[None, :])[1][0, 0]
                    for t, y in zip(sol.t, sol.y.T, strict=True)])
    assert abs(series[0, :, 0].max() / grf.max() - 1) < 0.005
    assert abs(out[0, K.O_GRF] / grf.max() - 1) < 0.005


def test_whatif_benchmark_runs_end_to_end_in_its_smoke_form(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(__file__).resolve().parents[2] / "bench" / "bench_whatif.py"
    spec = importlib.util.spec_from_file_location("bench_whatif", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.setattr(sys, "argv", ["bench_whatif.py", "--smoke"])
    bench.main()
    assert "unique scenarios" in capsys.readouterr().out
