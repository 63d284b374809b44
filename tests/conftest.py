"""Shared fixtures: paths to the bundled example intakes."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def maria_path() -> Path:
    return EXAMPLES / "maria.yaml"


@pytest.fixture
def tom_path() -> Path:
    return EXAMPLES / "tom.yaml"


@pytest.fixture
def ruth_path() -> Path:
    return EXAMPLES / "ruth.yaml"
