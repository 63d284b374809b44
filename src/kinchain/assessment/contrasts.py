"""Where the article and the evidence disagree, for one client (``contrasts.yaml``).

A contrast applies when its condition holds for the intake; it is said to the coach in the
assessment, with its sources and their grades, whatever the contributor ranking shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kinchain.assessment._data import cites, mapping, number, read_yaml, text
from kinchain.errors import DataFileError
from kinchain.evidence import default_registry
from kinchain.intake.model import Intake

__all__ = ["Contrast", "contrasts_for", "default_contrasts", "parse_contrasts"]

_FILE = "contrasts.yaml"
_CONDITIONS = ("heeled_shoes", "life_stage")


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


def _contrast(raw: Any, *, file: str, key: str) -> Contrast:
    raw = mapping(raw, file=file, key=key)
    when = mapping(raw.get("when"), file=file, key=f"{key}.when")
    if len(when) != 1 or next(iter(when)) not in _CONDITIONS:
        raise DataFileError(
            file, f"{key}.when", f"expected one of {list(_CONDITIONS)}, got {dict(when)!r}"
        )
    if "heeled_shoes" in when:
        number(when, "heeled_shoes", file=file, key=f"{key}.when", lo=0, hi=300)
    else:
        stages = when["life_stage"]
        if not isinstance(stages, list) or not set(stages) <= {"pregnant", "postpartum"}:
            raise DataFileError(
                file, f"{key}.when.life_stage", f"expected [pregnant, postpartum], got {stages!r}"
            )
    return Contrast(
        text(raw, "id", file=file, key=key),
        dict(when),
        text(raw, "belief", file=file, key=key, squash=True),
        text(raw, "evidence", file=file, key=key, squash=True),
        cites(raw, file=file, key=key),
    )


def parse_contrasts(doc: Any, /, *, file: str = _FILE) -> tuple[Contrast, ...]:
    """Checked contrasts from a parsed ``contrasts.yaml``."""
    doc = mapping(doc, file=file, key="<file>")
    raw = doc.get("contrasts")
    if not isinstance(raw, list):
        raise DataFileError(file, "contrasts", f"expected a list, got {raw!r}")
    return tuple(_contrast(r, file=file, key=f"contrasts[{i}]") for i, r in enumerate(raw))


@cache
def default_contrasts() -> tuple[Contrast, ...]:
    """The bundled contrasts, loaded and checked once per process."""
    return parse_contrasts(read_yaml(_FILE))


def contrasts_for(intake: Intake, /) -> tuple[Contrast, ...]:
    """The contrasts that apply to this client."""
    return tuple(c for c in default_contrasts() if c.applies(intake))
