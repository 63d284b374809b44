"""kinchain: support for a movement coach's reasoning about the body's kinetic chain.

kinchain does not diagnose. Every number and rule it uses cites a source with an evidence grade,
or is labelled a coaching heuristic.
"""

from kinchain.errors import (
    CheckinError,
    ConflictError,
    DataFileError,
    EditError,
    FhirError,
    InputError,
    InstrumentError,
    IntakeError,
    KinchainError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    ProgramSuspended,
    SimulationError,
    StorageUnavailable,
    TooManyAttempts,
    UnknownCitation,
    UnknownCountry,
    UnknownSite,
    UnknownTissue,
)
from kinchain.trail import Step

__version__ = "0.1.0"

__all__ = [
    "CheckinError",
    "ConflictError",
    "DataFileError",
    "EditError",
    "FhirError",
    "InputError",
    "InstrumentError",
    "IntakeError",
    "KinchainError",
    "NotFoundError",
    "PermissionDeniedError",
    "Problem",
    "ProgramSuspended",
    "SimulationError",
    "Step",
    "StorageUnavailable",
    "TooManyAttempts",
    "UnknownCitation",
    "UnknownCountry",
    "UnknownSite",
    "UnknownTissue",
    "__version__",
]
