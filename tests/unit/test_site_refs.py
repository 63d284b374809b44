"""One site reference: the body web's SiteRef names every place the assessment speaks of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kinchain.assessment import assess
from kinchain.body import SiteRef, default_body
from kinchain.intake import load_intake
from kinchain.tissue import tissue_state

AS_OF = dt.date(2026, 11, 25)


def test_a_site_reference_reads_as_the_body_webs_label_and_keys_a_site_and_side_mapping() -> None:
    assert str(SiteRef("lumbar_spine")) == "lower back"
    assert str(SiteRef("sacroiliac", "left")) == "left sacroiliac joint"
    assert str(SiteRef(None)) == "whole body"
    assert {SiteRef("knee", "left"): 0.3}[("knee", "left")] == 0.3
    assert SiteRef(None, "left").to_json() == {"site": None, "side": "left"}


def test_marias_pains_sources_injuries_and_links_are_all_body_site_references(
    maria_path: Path,
) -> None:
    intake = load_intake(maria_path, as_of=AS_OF)
    assessment = assess(intake, as_of=AS_OF)
    places = [p for c in assessment.contributors for p in (c.pain, c.source)]
    places += [p for w in assessment.weakest_links for p in (w.injury, w.link)]
    assert places and all(type(p) is SiteRef for p in places)
    ankle = next(c for c in assessment.contributors if c.kind == "injury")
    assert ankle.to_json()["source"] == {"kind": "injury", "site": "ankle", "side": "left",
                                         "ref": "injuries[0]"}  # fmt: skip


def test_the_body_web_the_tissue_state_and_the_assessment_share_the_same_site_reference(
    maria_path: Path,
) -> None:
    intake = load_intake(maria_path, as_of=AS_OF)
    deficits = tissue_state(intake, as_of=AS_OF).deficits()
    (link,) = assess(intake, as_of=AS_OF).weakest_links[:1]
    assert link.injury in deficits  # the assessment's place keys the tissue state's deficits
    assert link.link in default_body().above(link.injury.site or "", link.injury.side)
