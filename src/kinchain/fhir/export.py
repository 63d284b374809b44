"""One client's evaluation as one FHIR Bundle (R4B or R5), validated before it is returned.

Pure: the evaluation's parts, the practice, the coach and the check-ins come in; a JSON-ready
``dict`` goes out. Nothing is read from or written to storage here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from kinchain import __version__
from kinchain.errors import InputError
from kinchain.fhir._common import Coach, Collector, EvaluationParts, Practice, Release
from kinchain.fhir._instruments import add_instruments
from kinchain.fhir._plan import add_plan, add_provenance
from kinchain.fhir._record import add_record
from kinchain.program import Checkin

__all__ = ["RELEASES", "bundle_class", "export_bundle"]

RELEASES: tuple[Release, ...] = ("R4B", "R5")


def bundle_class(release: str, /) -> Any:
    """fhir.resources' Bundle model of a release (R5 is the package's default)."""
    if release == "R4B":
        from fhir.resources.R4B.bundle import Bundle as R4BBundle

        return R4BBundle
    if release == "R5":
        from fhir.resources.bundle import Bundle

        return Bundle
    raise InputError(f"release: expected R4B or R5; received {release!r}")


def _entries(c: Collector, transaction: bool) -> list[dict[str, Any]]:
    out = []
    for local_id, resource in c.entries:
        entry: dict[str, Any] = {"fullUrl": c.full_url(local_id), "resource": resource}
        if transaction:
            entry["request"] = {"method": "POST", "url": resource["resourceType"]}
        out.append(entry)
    return out


def export_bundle(
    evaluation: EvaluationParts,
    /,
    *,
    release: Release = "R5",
    practice: Practice,
    coach: Coach,
    checkins: Sequence[Checkin] = (),
    as_of: dt.date,
    knowledge_hash: str,
    transaction: bool = False,
) -> dict[str, Any]:
    """The evaluation as a FHIR Bundle of ``release`` (type ``collection``, or ``transaction``).

    It holds the Patient, the coach (Practitioner) and practice (Organization), a Condition per
    reported injury and pain, Observations for the pain ratings (the intake's and each
    check-in's), vital signs, footwear, activities, habits, life stage and screening answers,
    a Questionnaire and QuestionnaireResponse per answered instrument with its score, the
    Goals, the CarePlan (and a ServiceRequest for a referral) and the Provenance naming
    kinchain's version and ``knowledge_hash``. The bundle is validated by fhir.resources
    before it is returned.
    """
    cls = bundle_class(release)
    intake = evaluation.intake
    c = Collector(release, as_of, seed=f"{practice.id}/{intake.client.name}/{as_of.isoformat()}")
    add_record(c, intake, practice, coach, checkins)
    add_instruments(c, intake.questionnaires.model_dump(mode="json"), evaluation.assessment)
    add_plan(c, intake, evaluation.assessment, evaluation.program)
    add_provenance(c, version=__version__, knowledge_hash=knowledge_hash)
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction" if transaction else "collection",
        "timestamp": c.instant,
        "entry": _entries(c, transaction),
    }
    try:
        cls.model_validate(bundle)
    except ValidationError as e:  # a bug in this mapping, never the client's data
        raise AssertionError(f"kinchain wrote an invalid {release} Bundle: {e}") from e
    return bundle
