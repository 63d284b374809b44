"""Intake footwear -> the chain's foot-ground contact (heel pad + Ly et al. 2010 midsole).

The mapping (which midsole for which cushioning word, which shoe mass for which kind) is in the
``footwear`` section of ``chain_params.yaml``; the midsoles and the shoe mass come from the
reference engineer's shoe stage (:mod:`kinchain.mechanics.shoe`), the heel-pad law from the Liu &
Nigg ground fit. Heel elevation (the drop; the heel height of a high heel with no drop given)
is carried along for the knee-load law of Kerrigan 1998/2005.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kinchain.errors import DataFileError, SimulationError
from kinchain.intake.model import Footwear
from kinchain.mechanics._chain_data import PARAMS_FILE, chain_params_doc
from kinchain.mechanics.chain import ContactSpec
from kinchain.mechanics.chain_schema import FootwearDoc
from kinchain.mechanics.liu_nigg import LiuNiggParams
from kinchain.mechanics.shoe import SHOES, shoe_stage
from kinchain.trail import Step

__all__ = ["GENERIC_SHOE", "ShoeChoice", "barefoot", "footwear_contact", "heel_elevation_mm"]

#: The shoe assumed when an intake lists none.
GENERIC_SHOE = Footwear(name="standard trainer", kind="athletic", heel_height_mm=25.0,
                        drop_mm=8.0, cushioning="medium")


@dataclass(frozen=True)
class ShoeChoice:
    """The contact one shoe gives, with the reasoning behind it."""

    name: str
    contact: ContactSpec
    midsole: str | None
    trail: tuple[Step, ...]


@cache
def _footwear_section() -> FootwearDoc:
    sec = chain_params_doc().footwear
    for word, sole in sec.midsole_by_cushioning.items():
        if sole not in shoe_stage().midsoles:
            raise DataFileError(PARAMS_FILE, f"footwear.midsole_by_cushioning.{word}",
                                f"unknown midsole {sole!r}")  # fmt: skip
    return sec


def heel_elevation_mm(shoe: Footwear, /) -> float:
    """Heel elevation over the forefoot: the drop, or a high heel's height when no drop is given.

    >>> heel_elevation_mm(Footwear(name="pumps", kind="heel", heel_height_mm=63.5))
    63.5
    >>> heel_elevation_mm(Footwear(name="trainer", kind="athletic", heel_height_mm=30, drop_mm=10))
    10.0
    """
    if shoe.drop_mm > 0:
        return float(shoe.drop_mm)
    return float(shoe.heel_height_mm) if shoe.kind == "heel" else 0.0


def _heel_pad() -> tuple[float, float, float, float]:
    ln = LiuNiggParams.published(shoe=_footwear_section().heel_pad)
    if ln.ground_e != 1.0:
        raise SimulationError(f"ground law e: the chain needs e = 1, received {ln.ground_e}")
    ac = ln.ground_area_factor
    return ac * ln.ground_a, ln.ground_b, ac * ln.ground_c, ln.ground_d


def barefoot() -> ShoeChoice:
    """Bare feet: the heel pad alone."""
    a, b, c, d = _heel_pad()
    sec = _footwear_section()
    step = Step(
        "barefoot", "heel pad on the ground, no midsole, no shoe mass", "barefoot", sec.cite
    )
    return ShoeChoice("barefoot", ContactSpec(a, b, c, d), None, (step,))


def footwear_contact(shoe: Footwear, /, *, ref: str | None = None) -> ShoeChoice:
    """The contact an intake shoe gives.

    >>> choice = footwear_contact(Footwear(name="trainer", kind="athletic", cushioning="high"))
    >>> (choice.midsole, round(choice.contact.shoe_mass_kg, 2))
    ('midsole_a', 0.3)
    """
    sec = _footwear_section()
    cite = sec.cite
    factor = sec.shoe_mass_factor.get(shoe.kind, 1.0)
    elevation = heel_elevation_mm(shoe)
    if not 0.0 <= elevation <= 200.0:
        raise SimulationError(f"footwear {shoe.name!r} heel elevation: expected 0..200 mm, "
                              f"received {elevation}")
    if shoe.kind == "barefoot" or factor == 0.0:
        bare = barefoot()
        return ShoeChoice(shoe.name, bare.contact, None, bare.trail)
    sole_id = sec.midsole_by_cushioning[shoe.cushioning]
    sole = SHOES[sole_id]
    mass = shoe_stage().shoe_mass_kg * factor
    a, b, c, d = _heel_pad()
    contact = ContactSpec(
        heel_a=a, heel_b=b, heel_c=c, heel_d=d, shoe_mass_kg=mass,
        midsole_k6_n_per_m=sole.k6_n_per_m, midsole_b6=sole.b6,
        midsole_c6_n_s_per_m=sole.c6_n_s_per_m, midsole_r0_m=sole.r0_m,
        heel_elevation_mm=elevation,
    )  # fmt: skip
    trail = (
        Step(f"{shoe.name}: {shoe.kind}, cushioning {shoe.cushioning}",
             "cushioning word -> published midsole (Ly 2010), in series with the heel pad",
             sole_id, cite, ref=ref),
        Step(f"{shoe.name}: kind {shoe.kind}", "shoe mass rides with the foot",
             round(mass, 3), cite, note="kg", ref=ref),
        Step(f"{shoe.name}: drop {shoe.drop_mm:g} mm, heel {shoe.heel_height_mm:g} mm",
             "heel elevation over the forefoot (raises knee load)", elevation, (), note="mm",
             ref=ref),
    )
    return ShoeChoice(shoe.name, contact, sole_id, trail)
