"""Lumped-parameter mechanics: the Liu & Nigg reference model, the shoe stage, batch kernels.

Arrays follow the one axis convention stated in :mod:`kinchain.mechanics.batch`.
"""

from kinchain.mechanics._layout import N_PARAMS, PARAM_NAMES
from kinchain.mechanics.batch import BatchResult, simulate_batch
from kinchain.mechanics.liu_nigg import (
    LN_SHOES,
    LiuNiggParams,
    ReferenceResult,
    reference_cite,
    simulate_liu_nigg,
)
from kinchain.mechanics.shoe import SHOES, Midsole, ShoeStage, midsole_force, shoe_stage

__all__ = [
    "LN_SHOES",
    "N_PARAMS",
    "PARAM_NAMES",
    "SHOES",
    "BatchResult",
    "LiuNiggParams",
    "Midsole",
    "ReferenceResult",
    "ShoeStage",
    "midsole_force",
    "reference_cite",
    "shoe_stage",
    "simulate_batch",
    "simulate_liu_nigg",
]
