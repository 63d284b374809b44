"""The column layout of a scenario row, shared by the NumPy reference and the numba kernel.

A batch of reference-model scenarios is a float64 array ``params`` of shape
``(n_scenarios, N_PARAMS)``; column ``j`` holds the parameter ``PARAM_NAMES[j]`` (SI units, the
unit is in the name). ``m5_kg == 0`` means "no shoe stage": the ground law then acts on m1.
The integrator state of one scenario is ``(x1..x5, v1..v5)``, x positive downwards.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from kinchain.errors import DataFileError

PARAM_NAMES: tuple[str, ...] = (
    "m1_kg", "m2_kg", "m3_kg", "m4_kg",
    "k1_n_per_m", "k2_n_per_m", "k3_n_per_m", "k4_n_per_m", "k5_n_per_m",
    "c1_n_s_per_m", "c2_n_s_per_m", "c4_n_s_per_m",
    "ground_area_factor", "ground_a", "ground_b", "ground_c", "ground_d", "ground_e",
    "v1_m_s", "v2_m_s", "v3_m_s", "v4_m_s",
    "gravity_m_s2",
    "m5_kg", "k6_n_per_m", "b6", "c6_n_s_per_m", "r0_m",
)  # fmt: skip
N_PARAMS = len(PARAM_NAMES)

M1, M2, M3, M4 = 0, 1, 2, 3
K1, K2, K3, K4, K5 = 4, 5, 6, 7, 8
C1, C2, C4 = 9, 10, 11
AC, GA, GB, GC, GD, GE = 12, 13, 14, 15, 16, 17
V1, V2, V3, V4 = 18, 19, 20, 21
G = 22
M5, K6, B6, C6, R0 = 23, 24, 25, 26, 27

N_STATE = 10  # x1..x5, v1..v5

DATA_FILE = "reference_params.yaml"


@cache
def reference_data() -> dict[str, Any]:
    """The parsed ``reference_params.yaml`` (read once per process)."""
    text = (resources.files("kinchain.mechanics") / DATA_FILE).read_text(encoding="utf-8")
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise DataFileError(DATA_FILE, "<file>", f"not valid YAML ({e})") from None
    if not isinstance(doc, dict):
        raise DataFileError(DATA_FILE, "<file>", "expected a mapping at the top level")
    return doc


def number(section: dict[str, Any], key: str, where: str, *, minimum: float = 0.0,
           strict: bool = True) -> float:
    """Read one number from a data section; fail with the file, the key and the bad value."""
    if key not in section:
        raise DataFileError(DATA_FILE, f"{where}.{key}", "missing")
    raw = section[key]
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise DataFileError(DATA_FILE, f"{where}.{key}", f"expected a number, got {raw!r}")
    value = float(raw)
    if strict and not value > minimum:
        raise DataFileError(DATA_FILE, f"{where}.{key}", f"{value} is not > {minimum}")
    if not strict and not value >= minimum:
        raise DataFileError(DATA_FILE, f"{where}.{key}", f"{value} is not >= {minimum}")
    return value


def mapping(section: Any, key: str, where: str) -> dict[str, Any]:
    """Read one sub-mapping from a data section."""
    if not isinstance(section, dict) or not isinstance(section.get(key), dict):
        raise DataFileError(DATA_FILE, f"{where}.{key}".lstrip("."), "expected a mapping")
    return section[key]


def cite_list(section: dict[str, Any], where: str) -> tuple[str, ...]:
    """Read a ``cite:`` list (checked against the registry by the evidence tests)."""
    raw = section.get("cite")
    if not isinstance(raw, list) or not raw or not all(isinstance(k, str) for k in raw):
        raise DataFileError(DATA_FILE, f"{where}.cite", f"expected a list of keys, got {raw!r}")
    return tuple(raw)
