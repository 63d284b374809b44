"""The three shared intakes load as they are, in YAML and as JSON, into a whole frozen Intake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

import kinchain.intake as intake_pkg
from kinchain.intake import Intake, PartialDate, load_intake, parse_intake

NAMES = ("maria", "tom", "ruth")


@pytest.mark.parametrize("name", NAMES)
def test_each_shared_intake_loads_as_written(examples_dir: Path, name: str) -> None:
    intake = load_intake(examples_dir / f"{name}.yaml")
    assert isinstance(intake, Intake)
    assert intake.client.name.endswith("Example")


@pytest.mark.parametrize("name", NAMES)
def test_the_json_twin_of_each_shared_intake_gives_the_same_client(
    examples_dir: Path, name: str
) -> None:
    assert load_intake(examples_dir / f"{name}.json") == load_intake(examples_dir / f"{name}.yaml")


@pytest.mark.parametrize("name", NAMES)
def test_an_intake_written_back_as_json_reads_back_to_the_same_client(
    examples_dir: Path, name: str
) -> None:
    intake = load_intake(examples_dir / f"{name}.yaml")
    assert parse_intake(intake.model_dump(mode="json")) == intake


def test_a_loaded_intake_is_frozen(maria_path: Path) -> None:
    intake = load_intake(maria_path)
    with pytest.raises(ValidationError):
        intake.daily_minutes = 60  # type: ignore[misc]


def test_dates_keep_the_precision_the_coach_wrote(maria_path: Path, ruth_path: Path) -> None:
    maria, ruth = load_intake(maria_path), load_intake(ruth_path)
    assert maria.injuries[0].date == PartialDate(year=2006, month=5)
    assert ruth.injuries[0].date == PartialDate(year=1998)


@pytest.mark.parametrize(
    ("written", "year", "month", "day"),
    [
        ("2006", 2006, None, None),
        (2006, 2006, None, None),
        ("2006-05", 2006, 5, None),
        ("2006-05-14", 2006, 5, 14),
        (dt.date(2006, 5, 14), 2006, 5, 14),
    ],
)
def test_a_date_may_be_a_year_a_month_or_a_day_in_any_form_yaml_gives(
    written: object, year: int, month: int | None, day: int | None
) -> None:
    assert PartialDate.model_validate(written) == PartialDate(year=year, month=month, day=day)


def test_a_yaml_date_object_is_read_as_a_full_day(tmp_path: Path, maria_path: Path) -> None:
    text = maria_path.read_text(encoding="utf-8").replace("since: 2025-10\n", "since: 2025-10-01\n")
    path = tmp_path / "maria.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_intake(path).pain[1].since == PartialDate(year=2025, month=10, day=1)


def test_yes_as_a_yaml_key_stays_the_roland_morris_count(tom_path: Path) -> None:
    assert load_intake(tom_path).questionnaires.rmdq == {"yes": 7}


def test_carrying_a_baby_on_the_left_hip_is_carrying_on_the_left(maria_path: Path) -> None:
    carrying = load_intake(maria_path).habits.carrying
    assert carrying is not None and carrying.side == "left"


def test_an_injury_kind_gives_its_tissue_when_the_intake_leaves_it_out(maria_path: Path) -> None:
    sprain, fracture = load_intake(maria_path).injuries
    assert (sprain.tissue, fracture.tissue) == ("ligament", "bone")


def test_a_tissue_the_coach_wrote_is_kept(tom_path: Path) -> None:
    surgery = load_intake(tom_path).injuries[0]
    assert (surgery.tissue, surgery.structure) == ("ligament", "acl")


def test_the_intake_package_exports_exactly_its_public_api() -> None:
    public = {name for name in vars(intake_pkg) if not name.startswith("_")}
    modules = {
        "model",
        "load",
        "files",
        "problems",
        "refs",
        "screening",
        "vocabulary",
        "questionnaires",
        "schema",
    }
    assert set(intake_pkg.__all__) == public - modules
    assert {"load_intake", "parse_intake", "screening_questions", "InjuryRef"} <= set(
        intake_pkg.__all__
    )


def test_code_can_build_an_injury_from_a_partial_date_object() -> None:
    from kinchain.intake import Injury

    injury = Injury(site="ankle", side="left", kind="sprain", date=PartialDate(year=2006, month=5))
    assert (str(injury.date), injury.tissue) == ("2006-05", "ligament")
