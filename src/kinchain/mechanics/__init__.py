"""Lumped-parameter mechanics: the Liu & Nigg reference model, the shoe stage, batch kernels.

Arrays follow the one axis convention stated in :mod:`kinchain.mechanics.batch`.
"""

import typing

from kinchain import _lazy

if typing.TYPE_CHECKING:
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
    from kinchain.mechanics.weakest_link import LinkMargin
    from kinchain.mechanics.whatif import Variant, WhatIf, default_variants, what_if

#: where each export lives; it is imported on first use
_WHERE = {
    "ACTIVITIES": "kinchain.mechanics.chain",
    "BatchResult": "kinchain.mechanics.batch",
    "ChainScenario": "kinchain.mechanics.chain",
    "ClientSimulation": "kinchain.mechanics.client",
    "FIGURES": "kinchain.mechanics.client",
    "JOINTS": "kinchain.mechanics.chain",
    "JointResult": "kinchain.mechanics.client",
    "LN_SHOES": "kinchain.mechanics.liu_nigg",
    "LiuNiggParams": "kinchain.mechanics.liu_nigg",
    "Midsole": "kinchain.mechanics.shoe",
    "N_PARAMS": "kinchain.mechanics._layout",
    "PARAM_NAMES": "kinchain.mechanics._layout",
    "ReferenceResult": "kinchain.mechanics.liu_nigg",
    "SHOES": "kinchain.mechanics.shoe",
    "ShoeStage": "kinchain.mechanics.shoe",
    "Variant": "kinchain.mechanics.whatif",
    "LinkMargin": "kinchain.mechanics.weakest_link",
    "WhatIf": "kinchain.mechanics.whatif",
    "activity_spec": "kinchain.mechanics.chain",
    "default_variants": "kinchain.mechanics.whatif",
    "max_stable_dt_s": "kinchain.mechanics.batch",
    "midsole_force": "kinchain.mechanics.shoe",
    "reference_cite": "kinchain.mechanics.liu_nigg",
    "run_chain": "kinchain.mechanics.chain",
    "shoe_stage": "kinchain.mechanics.shoe",
    "simulate_batch": "kinchain.mechanics.batch",
    "simulate_client": "kinchain.mechanics.client",
    "simulate_liu_nigg": "kinchain.mechanics.liu_nigg",
    "what_if": "kinchain.mechanics.whatif",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _WHERE)

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
    "LinkMargin",
    "LiuNiggParams",
    "Midsole",
    "ReferenceResult",
    "ShoeStage",
    "Variant",
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
