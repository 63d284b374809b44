"""The public API is explicit: each package says what it exports, and every export exists."""

from __future__ import annotations

import importlib
import types

import pytest

import kinchain

PACKAGES = (
    "kinchain",
    "kinchain.evidence",
    "kinchain.body",
    "kinchain.intake",
    "kinchain.tissue",
    "kinchain.mechanics",
    "kinchain.assessment",
    "kinchain.program",
    "kinchain.report",
    "kinchain.services",
    "kinchain.accounts",
    "kinchain.fhir",
    "kinchain.store",
    "kinchain.web",
)
#: Dunder names a package may export on purpose.
EXPORTED_DUNDERS = frozenset({"__version__"})


def _public_names(module: types.ModuleType) -> set[str]:
    """What ``from module import *`` would give without ``__all__``: no ``_private`` name, no
    submodule, no ``from __future__ import annotations``."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_lists_its_exports_and_each_one_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert exported, f"{name} exports nothing"
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(module, n)]
    assert missing == []


@pytest.mark.parametrize("name", PACKAGES)
def test_each_package_exports_exactly_its_public_names(name: str) -> None:
    module = importlib.import_module(name)
    for export in module.__all__:  # a package that loads its exports on first use: load all
        getattr(module, export)
    listed = set(module.__all__) - EXPORTED_DUNDERS
    assert listed == _public_names(module), (
        f"{name}: make internals _private or list them in __all__"
    )


def test_the_top_level_package_exports_the_error_tree_and_the_trail_step() -> None:
    assert set(kinchain.__all__) == {
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
    }


def test_every_error_in_the_error_tree_is_a_kinchain_error_and_exported_at_the_top() -> None:
    errors = importlib.import_module("kinchain.errors")
    classes = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, Exception)
    }
    assert all(issubclass(getattr(errors, n), kinchain.KinchainError) for n in classes)
    assert classes <= set(kinchain.__all__)


def test_the_use_cases_are_the_ones_the_entry_points_call() -> None:
    services = importlib.import_module("kinchain.services")
    for use_case in (
        "validate_file",
        "describe_site",
        "simulate_reference",
        "simulate_client_file",
        "assess_file",
        "program_file",
        "checkin_file",
        "render_report_file",
        "render_demo_report",
    ):
        assert callable(getattr(services, use_case)), use_case


def test_validate_loads_no_use_case_it_does_not_need() -> None:
    """The CLI registers every command but imports a command's use case only when it runs."""
    import subprocess
    import sys

    code = (
        "import sys, kinchain.cli; "
        "print(sorted(m for m in sys.modules if m.startswith('kinchain.services.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
