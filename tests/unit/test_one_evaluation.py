"""One report of one client runs the pipeline once: one read, one tissue state, each run once."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kinchain.services.assessment as assessment_service
import kinchain.services.evaluate as evaluate_module
import kinchain.services.intake as intake_service
from kinchain.services.report import report_inputs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AS_OF = dt.date(2026, 11, 25)


def _counting(calls: Counter[str], name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = name if name != "simulate_client" else repr(sorted(kwargs.items()))
        calls[key] += 1
        return f(*args, **kwargs)

    return wrapper


def test_one_report_of_maria_reads_her_intake_once_and_runs_each_simulation_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: Counter[str] = Counter()
    for module, name in (
        (intake_service, "read_intake_data"),
        (evaluate_module, "tissue_state"),
        (evaluate_module, "simulate_client"),
    ):
        monkeypatch.setattr(module, name, _counting(calls, name, getattr(module, name)))
    tissue_anywhere = _counting(calls, "any tissue_state", evaluate_module.tissue_state)
    monkeypatch.setattr(sys.modules["kinchain.assessment.assess"], "tissue_state", tissue_anywhere)
    assert assessment_service.load_client is intake_service.load_client
    inputs = report_inputs(EXAMPLES / "maria.yaml", as_of=AS_OF)
    assert inputs.view.mechanics is not None and inputs.view.mechanics.activity
    assert calls["read_intake_data"] == 1
    assert calls["tissue_state"] == 1
    assert calls["any tissue_state"] == 0
    runs = {k: n for k, n in calls.items() if k.startswith("[")}
    assert runs and all(n == 1 for n in runs.values())


def test_a_gait_what_if_reads_the_intake_once_for_its_before_and_after_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kinchain.services.mechanics as mechanics_service

    calls: Counter[str] = Counter()
    monkeypatch.setattr(
        intake_service, "read_intake_data",
        _counting(calls, "read_intake_data", intake_service.read_intake_data),
    )  # fmt: skip
    monkeypatch.setattr(
        mechanics_service, "tissue_state",
        _counting(calls, "tissue_state", mechanics_service.tissue_state),
    )  # fmt: skip
    data = mechanics_service.simulate_gait_change(
        EXAMPLES / "maria.yaml", activity="jog", step_rate_pct=10.0, as_of=AS_OF
    )
    assert data["gait_change"]["step_rate_pct"] == 10.0
    assert calls["read_intake_data"] == 1
    assert calls["tissue_state"] == 1
