"""FHIR: a pure mapping of a client's evaluation to a FHIR Bundle (R4B or R5) and back.

:func:`export_bundle` writes the record, the reported injuries and pains, the questionnaire
answers and scores, the program and any referral, with every code taken from ``codes.yaml``
(each with its published source); :func:`import_bundle` reads a Bundle back into a draft intake
for ``kinchain.services.intake.validate_intake``. Nothing here reads or writes storage.
"""

from kinchain.fhir._common import Coach, EvaluationParts, Practice, Release
from kinchain.fhir.export import RELEASES, export_bundle
from kinchain.fhir.read import import_bundle

__all__ = [
    "RELEASES",
    "Coach",
    "EvaluationParts",
    "Practice",
    "Release",
    "export_bundle",
    "import_bundle",
]
