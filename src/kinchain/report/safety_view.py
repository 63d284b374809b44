"""The report's safety parts as view models: how far red-flag screening got, any clinician's
clearance after a referral, whether the program is provisional, and pregnancy warning signs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kinchain.report.citations import Citations

__all__ = ["safety_view"]


def _cleared(assessment: Mapping[str, Any]) -> list[dict[str, str]]:
    ref = assessment.get("referral") or {}
    return [
        {
            "what": str(c.get("key", "")).replace("_", " "),
            "by": str(c.get("by", "")),
            "date": str(c.get("date", "")),
            "said": str(c.get("said", "")),
        }
        for c in ref.get("cleared") or ()
        if isinstance(c, Mapping)
    ]


def safety_view(assessment: Mapping[str, Any], cites: Citations) -> dict[str, Any]:
    """What the report leads with before any exercise: screening, clearance, warning signs."""
    screening = assessment.get("screening") or {}
    program = assessment.get("program") or {}
    signs = assessment.get("warning_signs")
    incomplete = bool(screening) and screening.get("status") != "complete"
    return {
        "screening_incomplete": incomplete,
        "screening_message": str(screening.get("message") or ""),
        "questions": [str(q) for q in screening.get("questions") or ()],
        "provisional": bool(program.get("provisional")) if isinstance(program, Mapping) else False,
        "cleared": _cleared(assessment),
        "warning_signs": None
        if not isinstance(signs, Mapping)
        else {
            "title": str(signs.get("title", "")),
            "intro": str(signs.get("intro", "")),
            "signs": [str(s) for s in signs.get("signs") or ()],
            "emergency": str(signs.get("emergency", "")),
            "cites": cites.cite(list(signs.get("cite") or ())),
        },
    }
