"""The column layout of a scenario row, shared by the NumPy reference and the numba kernel.

A batch of reference-model scenarios is a float64 array ``params`` of shape
``(n_scenarios, N_PARAMS)``; column ``j`` holds the parameter ``PARAM_NAMES[j]`` (SI units, the
unit is in the name). ``m5_kg == 0`` means "no shoe stage": the ground law then acts on m1.
The integrator state of one scenario is ``(x1..x5, v1..v5)``, x positive downwards.
"""

from __future__ import annotations

from functools import cache

from kinchain import datafile
from kinchain.knowledge import cross_check, load
from kinchain.mechanics.reference_schema import ReferenceParamsDoc

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
def reference_params() -> ReferenceParamsDoc:
    """The bundled ``reference_params.yaml``, checked, every cite key in the evidence registry
    (read once per process)."""
    from kinchain.evidence import default_registry

    doc = load(ReferenceParamsDoc, datafile.read_bundled_yaml("kinchain.mechanics", DATA_FILE),
               file=DATA_FILE)  # fmt: skip
    cross_check(doc, file=DATA_FILE, registry=default_registry(), sites=())
    return doc
