"""The error tree has one intermediate class per answer the web app will give (422, 404, 403,
409), and every leaf sits under the one its meaning calls for."""

from __future__ import annotations

import pytest

from kinchain import errors
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
    UnknownCitation,
    UnknownCountry,
    UnknownSite,
    UnknownTissue,
)

INTERMEDIATE = (InputError, NotFoundError, PermissionDeniedError, ConflictError)


@pytest.mark.parametrize(
    ("leaf", "parent"),
    [
        (IntakeError, InputError),
        (CheckinError, InputError),
        (EditError, InputError),
        (FhirError, InputError),
        (InstrumentError, InputError),
        (SimulationError, InputError),
        (UnknownCountry, InputError),
        (UnknownCitation, NotFoundError),
        (UnknownSite, NotFoundError),
        (UnknownTissue, NotFoundError),
        (ProgramSuspended, ConflictError),
    ],
)
def test_each_error_sits_under_the_class_the_web_maps_to_a_status(
    leaf: type[KinchainError], parent: type[KinchainError]
) -> None:
    assert issubclass(leaf, parent)
    others = [c for c in INTERMEDIATE if c is not parent]
    assert not any(issubclass(leaf, other) for other in others)


def test_a_refused_intake_is_caught_as_bad_input_and_still_as_a_value_error() -> None:
    with pytest.raises(InputError) as caught:
        raise IntakeError("maria.yaml", [Problem("pain[0].intensity", "12 is outside 0..10")])
    assert isinstance(caught.value, ValueError)
    assert "pain[0].intensity: 12 is outside 0..10" in str(caught.value)


def test_an_unknown_site_is_not_found_and_still_a_lookup_error_with_its_plain_message() -> None:
    with pytest.raises(NotFoundError) as caught:
        raise UnknownSite("unknown site 'ankel'")
    assert isinstance(caught.value, LookupError)
    assert str(caught.value) == "unknown site 'ankel'"


def test_a_suspended_program_is_a_conflict_and_still_a_runtime_error() -> None:
    assert issubclass(ProgramSuspended, RuntimeError)
    assert not issubclass(ProgramSuspended, InputError)


def test_a_broken_data_file_is_no_fault_of_the_person_asking() -> None:
    assert not issubclass(DataFileError, InputError | NotFoundError | ConflictError)


def test_every_intermediate_class_says_in_its_docstring_which_answer_the_web_gives() -> None:
    statuses = {
        InputError: "422",
        NotFoundError: "404",
        PermissionDeniedError: "403",
        ConflictError: "409",
    }
    for cls, status in statuses.items():
        assert cls.__doc__ is not None and status in cls.__doc__, cls.__name__
        assert getattr(errors, cls.__name__) is cls
