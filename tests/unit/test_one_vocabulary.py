"""One vocabulary per concept: a site's words come from the body web, "both" sides expand in one
place, instrument names and activities come from their data files, and the chain's trail quotes
the constants it ran with."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinchain.assessment.instruments import Score, instrument_rules
from kinchain.body import default_body, each_side, site_label
from kinchain.cli import app
from kinchain.errors import one_of
from kinchain.evidence import default_registry
from kinchain.intake import load_intake
from kinchain.mechanics import ACTIVITIES
from kinchain.mechanics.chain import chain_constants
from kinchain.mechanics.client import simulate_client
from kinchain.report.citations import Citations
from kinchain.report.view.findings import instrument_views
from kinchain.services.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
MARIA = ROOT / "examples" / "maria.yaml"


@pytest.mark.parametrize(
    ("site", "side", "words"),
    [
        ("ankle", "left", "left ankle"),
        ("lumbar_spine", None, "lower back"),
        ("sacroiliac", "right", "right sacroiliac joint"),
        (None, None, "whole body"),
    ],
)
def test_a_site_reads_as_its_body_web_name_without_the_anatomical_aside(
    site: str | None, side: str | None, words: str
) -> None:
    assert site_label(site, side) == words


def test_every_site_of_the_body_web_has_a_label_with_no_underscore_or_bracket() -> None:
    for site_id in default_body().sites:
        label = site_label(site_id)
        assert label and "_" not in label and "(" not in label, site_id


def test_both_sides_mean_the_left_then_the_right_and_one_side_means_itself() -> None:
    assert each_side("both") == ("left", "right")
    assert each_side("right") == ("right",)
    assert each_side(None) == (None,)


def test_an_instrument_without_a_name_in_the_assessment_takes_the_data_file_s_name() -> None:
    maria = evaluate(load_intake(MARIA), as_of=dt.date(2026, 12, 2)).assessment
    unnamed = Score("cait", "", {"total": 20, "max": 30}, "", ())
    assessment = dataclasses.replace(maria, instruments={"cait": unnamed})
    view = instrument_views(assessment, Citations(default_registry()))
    assert view[0].name == instrument_rules()["cait"].name
    assert view[0].scores == (("total", "20 of 30"),)


def test_the_simulate_help_lists_every_activity_the_chain_simulates() -> None:
    result = CliRunner().invoke(app, ["simulate", "--help"])
    assert result.exit_code == 0
    assert f"With --intake: {one_of(ACTIVITIES)}." in " ".join(result.output.split())


def test_the_chain_s_trail_quotes_the_heel_and_deficit_gains_it_ran_with() -> None:
    maria = load_intake(MARIA)
    run = simulate_client(maria, {("ankle", "left"): 0.5}, activity="jog", side="left")
    c = chain_constants()
    said = " ".join(step.rule for step in run.trail)
    assert f"{c.knee_load_per_mm:g}/mm" in said
    assert f"1 − {c.damping_loss:g}·d" in said and f"1 + {c.stiffening:g}·d" in said
