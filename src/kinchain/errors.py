"""Every error kinchain raises on purpose, in one tree.

::

    KinchainError                        base: an entry point turns it into one clear message
    ├── DataFileError(ValueError)        a bundled or coach-edited data file is wrong:
    │                                    names the file, the key and the bad value
    ├── InputError(ValueError)           what a person sent is refused (the web: 422)
    │   ├── IntakeError                  a client's intake is refused; ``problems`` holds
    │   │                                every problem at once, each with its path
    │   ├── CheckinError                 a check-in that cannot be applied; a refused file lists
    │   │                                every problem in ``problems``, like IntakeError
    │   ├── InstrumentError              questionnaire answers that cannot be scored
    │   ├── SimulationError              mechanics parameters that would give a meaningless curve
    │   ├── FhirError                    a FHIR Bundle kinchain cannot read: names the resource
    │   │                                and the element, what was expected and what was received
    │   └── UnknownCountry               a practice country the country table does not define
    ├── NotFoundError(LookupError)       a named thing does not exist (the web: 404)
    │   ├── UnknownCitation              a citation key the evidence registry does not define
    │   ├── UnknownSite                  a body site id the body web does not define
    │   └── UnknownTissue                a tissue id the body web does not define
    ├── PermissionDeniedError            the user may not do this to this record (the web: 403)
    │   └── TooManyAttempts              sign-in paused after repeated failures (the web: 429)
    ├── ConflictError                    the request clashes with the record's state (the web: 409)
    │   └── ProgramSuspended(RuntimeError) a program was asked for while a red flag suspends it
    └── StorageUnavailable               the database cannot take or give records now: down,
                                         full or read-only; nothing was half-written (the web: 503)

The five intermediate classes are what the web app maps to HTTP statuses, in one place; an entry
point catches them rather than each leaf.

Messages follow one pattern: ``where: what was received, what was expected``, for example
``pain[0].intensity: 12 is outside 0..10``.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    "StorageUnavailable",
    "TooManyAttempts",
    "UnknownCitation",
    "UnknownCountry",
    "UnknownSite",
    "UnknownTissue",
    "one_of",
]


def one_of(choices: object, /) -> str:
    """Choices in plain words for a message: ``a, b or c`` (never a Python list).

    >>> one_of(["work flats", "old running shoes", "barefoot"])
    'work flats, old running shoes or barefoot'
    >>> one_of(("hard",))
    'hard'
    """
    items = [str(c) for c in choices]  # type: ignore[attr-defined]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


class KinchainError(Exception):
    """Base of every error kinchain raises on purpose."""


class DataFileError(ValueError, KinchainError):
    """A data file (anatomy, evidence, rules, exercises) holds a bad value."""

    def __init__(self, file: str, key: str, message: str) -> None:
        self.file = file
        self.key = key
        self.detail = message
        super().__init__(f"{file}: {key}: {message}")


class InputError(ValueError, KinchainError):
    """What a person sent (an intake, a check-in, answers, a parameter) is refused.

    The message names the field, what was expected and what was received; the web app answers
    it with 422 and the CLI with exit code 2.
    """


class NotFoundError(LookupError, KinchainError):
    """A thing asked for by its name or id does not exist (a site, a citation, later a client).

    The web app answers it with 404.
    """


class PermissionDeniedError(KinchainError):
    """The user may not do this to this record (another practice's client, a client's own
    program edited by the client). Raised by the accounts policy; the web app answers 403."""


class TooManyAttempts(PermissionDeniedError):
    """Sign-in is paused for an e-mail address after repeated failures (the web: 429)."""


class ConflictError(KinchainError):
    """The request clashes with the record's present state (a program asked for while a red
    flag suspends it, a stale edit). The web app answers 409."""


class StorageUnavailable(KinchainError):
    """The database cannot store or read records now (down, disk full, read-only). The
    change was kept whole or not at all; the web app answers 503 and the CLI exit code 1."""


class UnknownCitation(NotFoundError):
    """A citation key that the evidence registry does not define."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0]) if self.args else "unknown citation"


class UnknownSite(NotFoundError):
    """A body site id that the body web does not define."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown site"


class UnknownTissue(NotFoundError):
    """A tissue id that the body web does not define."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown tissue"


@dataclass(frozen=True)
class Problem:
    """One problem found in an input, with the path to the bad value."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def _problem_listing(source: str, problems: list[Problem], shown: int | None) -> str:
    """``source: N problem(s)`` and the first ``shown`` problems, one a line; the rest counted."""
    lines = [f"  {p}" for p in problems[:shown]]
    if shown is not None and len(problems) > shown:
        lines.append(f"  ... and {len(problems) - shown:,} more problems")
    return f"{source}: {len(problems):,} problem(s)\n" + "\n".join(lines)


class IntakeError(InputError):
    """An intake file was refused; every problem found is listed at once."""

    def __init__(self, source: str, problems: list[Problem], *, shown: int | None = None) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__(_problem_listing(source, self.problems, shown))


class InstrumentError(InputError):
    """Questionnaire answers that cannot be scored (out of range, wrong count)."""


class SimulationError(InputError):
    """Mechanics parameters that would give a meaningless (NaN or unphysical) result."""


class CheckinError(InputError):
    """A check-in that cannot be applied to a program.

    ``CheckinError(message)`` for one reason; ``CheckinError(source, problems)`` for a refused
    check-in file, listing every problem at once in the intake's voice.
    """

    def __init__(
        self, source: str, problems: list[Problem] | None = None, *, shown: int | None = None
    ) -> None:
        self.source = source
        self.problems = list(problems or ())
        if not self.problems:
            super().__init__(source)
            return
        super().__init__(_problem_listing(source, self.problems, shown))


class EditError(InputError):
    """A coach's edit that cannot be applied (unknown exercise, contraindicated, not in the
    routine); the message names the edit, what was expected and what was received."""


class FhirError(InputError):
    """A FHIR Bundle that cannot be read (not JSON, not FHIR, the wrong release, a resource or
    code kinchain does not know, too large). The message names the resource and the element:
    ``Condition/pain-1 bodySite[0].coding[0]: unknown SNOMED CT code '123'``."""


class ProgramSuspended(ConflictError, RuntimeError):
    """A program was asked for while a red flag suspends it."""


class UnknownCountry(InputError):
    """A practice country code the country table (``assessment/countries.yaml``) lacks."""
