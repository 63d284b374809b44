"""Lumped-parameter mechanics: the Liu & Nigg reference model, the shoe stage, batch kernels.

Arrays follow the one axis convention stated in :mod:`kinchain.mechanics.batch`.
"""

from kinchain.mechanics._layout import N_PARAMS, PARAM_NAMES
from kinchain.mechanics.batch import BatchResult, max_stable_dt_s, simulate_batch
from kinchain.mechanics.chain import ACTIVITIES, JOINTS, ChainScenario, activity_spec, run_chain
from kinchain.mechanics.client import FIGURES, ClientSimulation, JointResult, simulate_client
from kinchain.mechanics.liu_nigg import (
    LN_SHOES,
    LiuNiggParams,
    ReferenceResult,
    reference_cite,
    simulate_liu_nigg,
)
from kinchain.mechanics.shoe import SHOES, Midsole, ShoeStage, midsole_force, shoe_stage
from kinchain.mechanics.weakest_link import WeakestLink
from kinchain.mechanics.whatif import Variant, WhatIf, default_variants, what_if

__all__ = [
    "ACTIVITIES",
    "FIGURES",
    "JOINTS",
    "LN_SHOES",
    "N_PARAMS",
    "PARAM_NAMES",
    "SHOES",
    "BatchResult",
    "ChainScenario",
    "ClientSimulation",
    "JointResult",
    "LiuNiggParams",
    "Midsole",
    "ReferenceResult",
    "ShoeStage",
    "Variant",
    "WeakestLink",
    "WhatIf",
    "activity_spec",
    "default_variants",
    "max_stable_dt_s",
    "midsole_force",
    "reference_cite",
    "run_chain",
    "shoe_stage",
    "simulate_batch",
    "simulate_client",
    "simulate_liu_nigg",
    "what_if",
]
