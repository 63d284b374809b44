"""Where the article and the evidence disagree, for one client (``contrasts.yaml``).

A contrast applies when its condition holds for the intake; it is said to the coach in the
assessment, with its sources and their grades, whatever the contributor ranking shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import read_yaml
from kinchain.assessment.tables_schema import ContrastsDoc
from kinchain.evidence import default_registry
from kinchain.intake.model import Intake
from kinchain.knowledge import cross_check, load

__all__ = ["Contrast", "contrasts_for", "default_contrasts", "parse_contrasts"]

_FILE = "contrasts.yaml"


@dataclass(frozen=True)
class Contrast:
    """One disagreement between the article (or a popular belief) and the evidence."""

    id: str
    when: Mapping[str, Any]
    belief: str
    evidence: str
    cite: tuple[str, ...]

    def applies(self, intake: Intake, /) -> bool:
        """Whether the condition holds for this client."""
        if "heeled_shoes" in self.when:
            least = float(self.when["heeled_shoes"])
            return any(
                f.kind == "heel" or (f.kind != "athletic" and f.heel_height_mm >= least)
                for f in intake.footwear
            )
        return intake.client.life_stage.status in self.when["life_stage"]

    def note(self) -> str:
        """The sentence the coach reads, with each source's key and grade."""
        registry = default_registry()
        sources = ", ".join(f"{k} {registry.grade(k)}" for k in self.cite)
        return f"The article and the evidence disagree. {self.belief} {self.evidence} ({sources})"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "belief": self.belief,
            "evidence": self.evidence,
            "cite": list(self.cite),
        }


def parse_contrasts(doc: Any, /, *, file: str = _FILE) -> tuple[Contrast, ...]:
    """Checked contrasts from a parsed ``contrasts.yaml``."""
    d = load(ContrastsDoc, doc, file=file)
    cross_check(d, file=file, registry=default_registry(), sites=())
    return tuple(Contrast(c.id, c.when.given(), c.belief, c.evidence, c.cite) for c in d.contrasts)


@cache
def default_contrasts() -> tuple[Contrast, ...]:
    """The bundled contrasts, loaded and checked once per process."""
    return parse_contrasts(read_yaml(_FILE))


def contrasts_for(intake: Intake, /) -> tuple[Contrast, ...]:
    """The contrasts that apply to this client."""
    return tuple(c for c in default_contrasts() if c.applies(intake))
