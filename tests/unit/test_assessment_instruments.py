"""Outcome instruments scored by their published rules, with worked examples computed by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kinchain.assessment.instruments import check_answers, instrument_rules, score_instruments
from kinchain.errors import InstrumentError
from kinchain.evidence import default_registry


def score(iid: str, answers: Any) -> dict[str, Any]:
    return score_instruments({iid: answers})[iid].to_json()


# -- STarT Back ---------------------------------------------------------------------------------


def test_start_back_maria_scores_four_with_distress_one_a_moderate_item_nine_not_positive() -> None:
    # items 1-8: 1+1+0+1+0+1+0+0 = 4; item 9 = 2 ("moderately") is not positive
    out = score("start_back", [1, 1, 0, 1, 0, 1, 0, 0, 2])
    assert (out["total"], out["distress"], out["risk"]) == (4, 1, "medium")


def test_start_back_total_of_three_is_low_risk() -> None:
    out = score("start_back", [1, 0, 1, 1, 0, 0, 0, 0, 1])
    assert (out["total"], out["distress"], out["risk"]) == (3, 0, "low")


def test_start_back_distress_of_four_is_high_risk_and_item_nine_counts_from_very_much() -> None:
    # items 5-7 agree (3) + item 9 = 4 "extremely" (1) -> distress 4, total 4
    out = score("start_back", [0, 0, 0, 0, 1, 1, 1, 0, 4])
    assert (out["total"], out["distress"], out["risk"]) == (4, 4, "high")
    out = score("start_back", [0, 0, 0, 0, 1, 1, 1, 0, 3])
    assert out["distress"] == 4
    out = score("start_back", [0, 0, 0, 0, 1, 1, 1, 0, 2])
    assert (out["distress"], out["risk"]) == (3, "low")


def test_start_back_meaning_says_the_risk_in_plain_words_and_cites_keele() -> None:
    out = score("start_back", [1, 1, 1, 1, 1, 1, 1, 1, 4])
    assert out["risk"] == "high"
    assert "high risk" in out["meaning"]
    assert out["cite"] == list(instrument_rules()["start_back"].cite)


# -- Roland-Morris, ODI -------------------------------------------------------------------------


def test_roland_morris_counts_yes_answers_from_a_count_or_from_24_items() -> None:
    assert score("rmdq", {"yes": 7})["score"] == 7
    items = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert score("rmdq", items)["score"] == 5


def test_roland_morris_warns_that_very_low_scores_may_not_show_change() -> None:
    assert "notes" in score("rmdq", {"yes": 2})
    assert "notes" not in score("rmdq", {"yes": 10})


def test_odi_is_the_sum_over_five_times_the_sections_answered_as_a_percentage() -> None:
    # 9 sections answered, sum 18: 18 / 45 x 100 = 40% -> moderate disability
    out = score("odi", [2, 3, 1, 0, 4, 2, None, 1, 3, 2])
    assert out["percent"] == 40.0
    assert out["band"] == "moderate disability"
    assert out["sections_answered"] == 9
    assert out["mcid_points"] == 10


def test_odi_of_all_fives_is_in_the_top_band() -> None:
    assert score("odi", [5] * 10)["percent"] == 100.0


# -- CAIT, FAAM ---------------------------------------------------------------------------------


def test_cait_sums_nine_items_and_a_full_score_is_a_stable_ankle() -> None:
    out = score("cait", [5, 4, 3, 3, 2, 3, 4, 3, 3])
    assert (out["total"], out["max"], out["unstable"]) == (30, 30, False)


def test_cait_of_nineteen_is_below_both_published_cut_offs() -> None:
    out = score("cait", {"total": 19})
    assert out["unstable"]
    assert "24 or less" in out["meaning"] and "27.5" in out["meaning"]


def test_cait_of_twenty_six_is_below_the_original_cut_off_only() -> None:
    out = score("cait", {"total": 26})
    assert out["unstable"]
    assert "27.5" in out["meaning"] and "24 or less" not in out["meaning"]


def test_faam_adl_is_the_sum_over_four_times_the_items_answered() -> None:
    # 21 items of 3: 63 / 84 = 75%, below the ADL research cut-off of 90
    out = score("faam", {"adl": [3] * 21})
    assert out["adl"] == 75.0
    assert "below the research cut-off of 90" in out["meaning"]


def test_faam_scores_a_subscale_only_when_ninety_percent_is_answered() -> None:
    two_missing = [4] * 19 + [None, None]  # 19 of 21 = 90.5%
    three_missing = [4] * 18 + [None, None, None]  # 18 of 21 = 85.7%
    assert score("faam", {"adl": two_missing})["adl"] == 100.0
    assert score("faam", {"adl": three_missing})["adl"] is None
    # Sports: 8 items, so one missing (87.5%) is already too many
    assert score("faam", {"sports": [4, 4, 4, 4, 4, 3, 3, 2]})["sports"] == 87.5
    assert score("faam", {"sports": [4, 4, 4, 4, 4, 3, 3, None]})["sports"] is None


# -- LEFS, KOOS-12, PGQ -------------------------------------------------------------------------


def test_lefs_is_the_sum_of_twenty_items_out_of_eighty() -> None:
    tom = [3, 3, 4, 4, 3, 3, 4, 4, 3, 3, 2, 3, 4, 4, 3, 3, 2, 3, 3, 4]
    out = score("lefs", tom)
    assert (out["total"], out["max"], out["mcid_points"]) == (65, 80, 9)


def test_koos12_scales_are_100_minus_25_times_the_mean_and_the_summary_their_mean() -> None:
    # pain mean 1.0 -> 75; function mean 1.5 -> 62.5; QOL mean 2.0 -> 50; summary 62.5
    out = score("koos12", [1, 2, 1, 0, 2, 2, 1, 1, 3, 2, 2, 1])
    assert (out["pain"], out["function"], out["qol"], out["summary"]) == (75.0, 62.5, 50.0, 62.5)


def test_koos12_needs_two_answered_items_per_scale() -> None:
    out = score(
        "koos12", {"pain": [1, None, None, None], "function": [0, 0, 0, 0], "qol": [4, 4, 4, 4]}
    )
    assert out["pain"] is None
    assert out["function"] == 100.0
    assert out["qol"] == 0.0
    assert out["summary"] is None


def test_pgq_transforms_each_subscale_and_the_total_to_0_100_with_100_worst() -> None:
    # activity 20 x 1 = 20 / 60 -> 33.3; symptom 6 / 15 -> 40; total 26 / 75 -> 34.7
    out = score("pgq", {"activity": [1] * 20, "symptom": [3, 3, 0, 0, 0]})
    assert (out["activity"], out["symptom"], out["total"]) == (33.3, 40.0, 34.7)
    assert "25" in out["meaning"] and "20" in out["meaning"]


# -- PSFS, NPRS ---------------------------------------------------------------------------------


def test_psfs_is_the_mean_of_the_activity_scores() -> None:
    maria = [
        {"activity": "jogging 20 minutes", "score": 3},
        {"activity": "carrying baby 10 minutes", "score": 5},
    ]
    out = score("psfs", maria)
    assert out["mean"] == 4.0
    assert len(out["activities"]) == 2


@pytest.mark.parametrize(
    ("value", "band"), [(0, "no pain"), (3, "mild pain"), (6, "moderate pain"), (7, "severe pain")]
)
def test_nprs_bands_a_rating_as_mild_moderate_or_severe(value: int, band: str) -> None:
    assert score("nprs", value)["band"] == band


# -- refused answers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {"start_back": [1, 1, 0, 1, 0, 1, 0, 0, 5]},
            "questionnaires.start_back[8]: 5 is outside 0..4",
        ),
        (
            {"start_back": [1, 1, 0, 1, 0, 1, 0, 2, 0]},
            "questionnaires.start_back[7]: 2 is outside 0..1",
        ),
        ({"start_back": [1, 1, 0]}, "questionnaires.start_back: 3 answers, expected 9"),
        ({"rmdq": {"yes": 25}}, "questionnaires.rmdq.yes: 25 is outside 0..24"),
        ({"odi": [None] * 10}, "questionnaires.odi: no section answered"),
        ({"odi": [1] * 9}, "questionnaires.odi: 9 answers, expected 10"),
        ({"cait": [5, 5, 3, 3, 2, 3, 4, 3, 3]}, "questionnaires.cait[1]: 5 is outside 0..4"),
        ({"faam": {"adl": [4] * 20}}, "questionnaires.faam.adl: 20 answers, expected 21"),
        ({"lefs": [4] * 19 + ["4"]}, "questionnaires.lefs[19]: '4' is not a whole number"),
        ({"koos12": {"pain": [1, 1, 1, 1]}}, "questionnaires.koos12.function: missing"),
        (
            {"pgq": {"activity": [4] + [0] * 19, "symptom": [0] * 5}},
            "questionnaires.pgq.activity[0]: 4",
        ),
        (
            {"psfs": [{"activity": "run", "score": 11}]},
            "questionnaires.psfs[0].score: 11 is outside",
        ),
        ({"nprs": -1}, "questionnaires.nprs: -1 is outside 0..10"),
    ],
)
def test_a_bad_answer_is_refused_with_its_path(answers: dict[str, Any], message: str) -> None:
    problems = [str(p) for p in check_answers(answers)]
    assert any(p.startswith(message) for p in problems), problems
    with pytest.raises(InstrumentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        score_instruments(answers)


def test_check_answers_lists_every_problem_at_once() -> None:
    problems = check_answers({"start_back": [9] * 9, "nprs": 11})
    assert len(problems) == 10


def test_good_answers_have_no_problems() -> None:
    assert check_answers({"start_back": [1, 1, 0, 1, 0, 1, 0, 0, 2], "cait": {"total": 19}}) == []


def test_every_instrument_cites_a_registered_source_and_states_its_licence() -> None:
    registry = default_registry()
    for rules in instrument_rules().values():
        assert rules.licence
        assert all(k in registry for k in rules.cite)


def test_without_an_nprs_questionnaire_the_intakes_own_pain_ratings_are_its_nprs() -> None:
    import datetime as dt

    from kinchain.assessment import assess
    from kinchain.intake import load_intake

    examples = Path(__file__).resolve().parents[2] / "examples"
    maria = load_intake(examples / "maria.yaml")
    nprs = assess(maria, as_of=dt.date(2026, 11, 25)).instruments["nprs"].to_json()
    assert (nprs["score"], nprs["band"]) == (6, "moderate pain")  # her left SI, rated 6
    assert [(s["ref"], s["score"]) for s in nprs["by_site"]] == [("pain[0]", 6), ("pain[1]", 3)]
