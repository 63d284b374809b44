"""``kinchain body``: the web at a glance, one site with its evidence, and clear refusals."""

from __future__ import annotations

from typer.testing import CliRunner

from kinchain.body import default_body
from kinchain.cli import app
from kinchain.evidence import GRADES
from kinchain.services.body import body_overview, describe_site, evidence_for

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["body", *args], env={"COLUMNS": "200"})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_body_prints_every_site_with_its_role_and_every_tissue_and_pathway() -> None:
    code, out = _run()
    assert code == 0
    web = default_body()
    for sid in web.sites:
        assert sid in out
    for tid in web.tissues:
        assert tid in out
    for pid in web.pathways:
        assert pid in out
    assert "stability" in out and "mobility" in out
    assert "hypothesis" in out


def test_body_site_shows_its_links_and_the_grade_behind_each() -> None:
    code, out = _run("knee")
    assert code == 0
    assert "[acl]" in out and "inside the capsule" in out  # ids are printed, not eaten as markup
    assert "tibial external rotation" in out
    assert "(SR/MA)" in out and "(EXP" in out and "(LAB" in out
    assert "left hip" in out and "right ankle" in out


def test_body_site_with_a_side_lists_the_load_path_on_that_side_only() -> None:
    code, out = _run("ankle", "--side", "left")
    assert code == 0
    assert "left knee, left hip, left sacroiliac joint, lower back" in out  # the body web's names
    assert "right knee" not in out


def test_an_unknown_site_exits_2_with_a_did_you_mean() -> None:
    code, out = _run("ankel")
    assert code == 2
    assert "unknown site 'ankel'" in out and "did you mean 'ankle'" in out


def test_a_side_that_is_not_left_or_right_exits_2() -> None:
    code, out = _run("ankle", "--side", "middle")
    assert code == 2 and "'middle'" in out
    code, out = _run("--side", "left")
    assert code == 2 and "needs a SITE" in out


def test_the_site_view_matches_the_graph_queries() -> None:
    view = describe_site("sacroiliac", side="right")
    web = default_body()
    assert list(view.above) == web.above("sacroiliac", "right")
    assert list(view.below) == web.below("sacroiliac", "right")
    shown = {getattr(link.what, "id", None) for link in view.tissues}
    assert shown == {t.id for t in web.tissues_at("sacroiliac")}
    assert view.role_evidence and all(e.grade == "EXP" for e in view.role_evidence)


def test_evidence_comes_strongest_grade_first_with_a_readable_reference() -> None:
    keys = default_body().pathways["superficial_back_line"].cite + default_body().site("hip").cite
    evidence = evidence_for(keys)
    grades = [e.grade for e in evidence]
    assert grades[0] == "SR/MA" and grades[-1] == "EXP"
    assert all(e.short and e.reference for e in evidence)


def test_the_overview_counts_the_sources_behind_the_web_by_grade() -> None:
    overview = body_overview()
    assert overview.sources == sum(overview.grades.values())
    assert set(overview.grades) <= set(GRADES)
