"""Wording follows the practice's country: GP, 111, 999 and A&E are UK words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer.main
from click.testing import CliRunner

from kinchain.assessment import assess, country_codes, country_words, pregnancy_warning_signs
from kinchain.assessment.red_flags import screen
from kinchain.cli import app
from kinchain.errors import UnknownCountry
from kinchain.intake import parse_intake

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 12, 2)
UK_WORDS = ("GP", "111", "999", "A&E", "NHS")


def _client(answers: dict[str, bool], life_stage: dict[str, object] | None = None) -> object:
    client = {"name": "T", "birth_year": 1990, "sex": "female", "height_cm": 165, "mass_kg": 60}
    if life_stage:
        client["life_stage"] = life_stage
    return parse_intake(
        {
            "client": client,
            "daily_minutes": 10,
            "pain": [{"site": "lumbar_spine", "intensity": 4, "since": "2025-06"}],
            "screening": answers,
        },
        as_of=AS_OF,
    )


def test_the_table_has_at_least_the_uk_ireland_the_us_and_australia_with_the_uk_by_default() -> (
    None
):
    assert {"UK", "IE", "US", "AU"} <= set(country_codes())
    assert country_words().code == "UK"
    assert country_words("gb").code == "UK"


@pytest.mark.parametrize(
    ("code", "number"), [("UK", "999"), ("IE", "112 or 999"), ("US", "911"), ("AU", "000")]
)
def test_each_country_has_its_own_verified_emergency_number(code: str, number: str) -> None:
    assert number in country_words(code).emergency_number
    assert country_words(code).cite


def test_a_wrong_country_code_is_refused_with_every_choice_listed() -> None:
    with pytest.raises(UnknownCountry) as caught:
        country_words("FR")
    message = str(caught.value)
    assert "'FR'" in message and all(code in message for code in ("UK", "IE", "US", "AU"))


@pytest.mark.parametrize("code", ["IE", "US", "AU"])
@pytest.mark.parametrize("key", ["saddle_numbness", "fever_or_rigors", "history_of_cancer"])
def test_a_referral_outside_the_uk_uses_none_of_the_uk_words(code: str, key: str) -> None:
    result = screen(_client({key: True}), as_of=AS_OF, country=country_words(code))  # type: ignore[arg-type]
    ref = result.referral
    assert ref is not None
    text = " ".join([ref.see, ref.within, ref.advice, ref.safety_net])
    words = country_words(code)
    for uk in ("111", "A&E", "NHS") + (("GP",) if words.family_doctor != "GP" else ()):
        assert uk not in text, (uk, text)
    if key == "saddle_numbness":
        assert words.emergency_number in text


def test_an_emergency_referral_in_the_uk_names_a_and_e_and_999() -> None:
    ref = screen(_client({"saddle_numbness": True}), as_of=AS_OF).referral  # type: ignore[arg-type]
    assert ref is not None and "A&E" in ref.see and "999" in ref.see


def test_a_same_day_referral_names_the_urgent_line_only_where_one_was_verified() -> None:
    uk = screen(_client({"fever_or_rigors": True}), as_of=AS_OF).referral  # type: ignore[arg-type]
    ie = screen(
        _client({"fever_or_rigors": True}),
        as_of=AS_OF,  # type: ignore[arg-type]
        country=country_words("IE"),
    ).referral
    assert uk is not None and "NHS 111" in uk.see
    assert ie is not None and "111" not in ie.see and "GP" in ie.see


def test_the_cli_takes_the_country_from_the_option_or_the_environment() -> None:
    ruth = str(ROOT / "examples" / "ruth.yaml")
    group = typer.main.get_group(app)
    by_env = CliRunner().invoke(
        group, ["assess", ruth, "--as-of", "2026-12-02"], env={"KINCHAIN_COUNTRY": "AU"}
    )
    by_option = CliRunner().invoke(
        group, ["assess", ruth, "--as-of", "2026-12-02", "--country", "US"]
    )
    assert by_env.exit_code == 0 and "hospital emergency department" in by_env.output
    assert by_option.exit_code == 0 and "primary care doctor" in by_option.output
    for out in (by_env.output, by_option.output):
        assert "A&E" not in out


def test_a_wrong_country_on_the_command_line_exits_2_listing_the_choices() -> None:
    out = CliRunner().invoke(
        typer.main.get_group(app),
        ["program", str(ROOT / "examples" / "maria.yaml"), "--country", "XX"],
    )
    assert out.exit_code == 2
    flat = " ".join(out.output.split())
    assert "'XX'" in flat and "AU (Australia)" in flat and "US (United States)" in flat
    assert "Traceback" not in out.output


def test_the_pregnancy_contact_follows_the_country() -> None:
    assert "midwife or maternity unit" in pregnancy_warning_signs(country_words("UK")).intro
    assert "obstetric provider" in pregnancy_warning_signs(country_words("US")).intro


def test_an_assessment_made_for_ireland_says_so_in_its_json() -> None:
    result = assess(_client({}), as_of=AS_OF, country="IE")  # type: ignore[arg-type]
    assert result.to_json()["screening"]["country"] == "IE"


def test_the_report_for_an_irish_practice_names_no_uk_service() -> None:
    from kinchain.report import render_html
    from kinchain.services.report import report_inputs

    inputs = report_inputs(ROOT / "examples" / "ruth.yaml", as_of=AS_OF, country="IE")
    html = render_html(inputs.view)
    assert "A&amp;E" not in html and "NHS 111" not in html
    assert "hospital emergency department" in html
