"""The reference benchmark runs end to end on a few scenarios (a smoke test; nothing is timed)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_reference.py"


def test_reference_benchmark_prints_a_speed_ratio_and_an_impact_peak_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = importlib.util.spec_from_file_location("bench_reference", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--n", "20"]) == 0
    out = capsys.readouterr().out
    ratio = re.search(r"ratio LSODA loop / numba batch: ([0-9.]+)x", out)
    error = re.search(r"impact-peak error vs tight LSODA: batch ([0-9.]+)%", out)
    assert ratio is not None and float(ratio.group(1)) > 0
    assert error is not None and float(error.group(1)) <= 0.5
