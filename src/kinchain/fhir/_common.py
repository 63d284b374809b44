"""What every part of an export shares: the parts it reads, the resources it collects, the
references between them, and intake fields written as Observation components."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from kinchain.assessment import Assessment
from kinchain.fhir.codes import coding, concept, value_sets
from kinchain.intake import Intake
from kinchain.program import Program

__all__ = [
    "Coach",
    "Collector",
    "EvaluationParts",
    "Practice",
    "Release",
    "components",
    "fields_from_components",
]

Release = Literal["R4B", "R5"]

#: the namespace the deterministic urn:uuid of each resource is made in
_NAMESPACE = uuid.UUID("6f1c8f0e-2b3a-5c4d-9e8f-7a6b5c4d3e2f")


@dataclass(frozen=True)
class Practice:
    """The practice a client belongs to (the storage layer supplies it)."""

    id: str
    name: str


@dataclass(frozen=True)
class Coach:
    """The coach who holds the client's record (the storage layer supplies it)."""

    id: str
    name: str


class EvaluationParts(Protocol):
    """What an export reads of an evaluation (``kinchain.services.evaluate.Evaluation`` has it):
    the intake, the assessment and the program now (None while a red flag suspends it)."""

    @property
    def intake(self) -> Intake: ...

    @property
    def assessment(self) -> Assessment: ...

    @property
    def program(self) -> Program | None: ...


@dataclass
class Collector:
    """The resources of one bundle, in order, each with a deterministic ``urn:uuid`` full URL."""

    release: Release
    as_of: dt.date
    seed: str
    entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def full_url(self, local_id: str, /) -> str:
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self.seed}/{local_id}')}"

    def ref(self, local_id: str, /, *, display: str | None = None) -> dict[str, str]:
        out = {"reference": self.full_url(local_id)}
        if display:
            out["display"] = display
        return out

    def add(self, local_id: str, resource: dict[str, Any], /) -> str:
        self.entries.append((local_id, {"id": local_id, **resource}))
        return local_id

    @property
    def date(self) -> str:
        return self.as_of.isoformat()

    @property
    def instant(self) -> str:
        return f"{self.as_of.isoformat()}T00:00:00Z"


#: the UCUM unit of an intake field, by the end of its name
_UNITS: Mapping[str, str] = {
    "_mm": "mm", "_kg": "kg", "hours_per_day": "h/d", "_hours": "h/d",
    "minutes_per_week": "min/wk", "_cm": "cm",
}  # fmt: skip


def _unit(name: str) -> str | None:
    return next((u for end, u in _UNITS.items() if name.endswith(end)), None)


def _component_value(name: str, value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int | float):
        unit = _unit(name)
        if unit is None:
            return {"valueInteger": int(value)}
        u = coding("ucum", unit)
        return {"valueQuantity": {"value": value, "unit": unit, "system": u["system"],
                                  "code": u["code"]}}  # fmt: skip
    return {"valueString": str(value)}


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, Mapping):
            out.update(_flatten(v, f"{prefix}{k}."))
        elif v is not None and v != "":
            out[f"{prefix}{k}"] = v
    return out


def components(data: Mapping[str, Any], /) -> list[dict[str, Any]]:
    """Intake fields (nested ones dotted: ``carrying.what``) as Observation components coded in
    kinchain's record code system; empty and unknown values are left out."""
    return [
        {"code": concept("record", name), **_component_value(name, value)}
        for name, value in _flatten(data).items()
    ]


def _read_value(comp: Mapping[str, Any]) -> Any:
    for key in ("valueBoolean", "valueInteger", "valueString"):
        if key in comp:
            return comp[key]
    quantity = comp.get("valueQuantity")
    if isinstance(quantity, Mapping) and "value" in quantity:
        return quantity["value"]
    return None


def fields_from_components(comps: Any, /, *, where: str, unmapped: list[str]) -> dict[str, Any]:
    """Observation components coded in kinchain's record code system back to intake fields
    (dotted names nested again); a component kinchain cannot read is listed in ``unmapped``."""
    record = value_sets()["record"]
    out: dict[str, Any] = {}
    for i, comp in enumerate(comps if isinstance(comps, list) else []):
        codings = comp.get("code", {}).get("coding", []) if isinstance(comp, Mapping) else []
        ours = [c for c in codings if isinstance(c, Mapping) and c.get("system") == record.system]
        name = record.by_code(str(ours[0].get("code"))) if ours else None
        value = _read_value(comp) if isinstance(comp, Mapping) else None
        if name is None or value is None:
            unmapped.append(f"{where}.component[{i}]: not a kinchain record field; not read")
            continue
        target = out
        *parents, leaf = name.split(".")
        for p in parents:
            target = target.setdefault(p, {})
        target[leaf] = value
    return out
