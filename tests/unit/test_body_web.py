"""The body web on real anatomy: sites, roles, ranges, tissues, pathways and the graph queries."""

from __future__ import annotations

import dataclasses

import pytest

from kinchain.body import Body, SiteRef, default_body
from kinchain.errors import UnknownSite, UnknownTissue
from kinchain.evidence import default_registry

DESIGN_SITES = (
    "toes", "foot", "ankle", "knee", "hip", "sacroiliac", "pubic_symphysis", "lumbar_spine",
    "thoracic_spine", "ribcage", "cervical_spine", "shoulder", "elbow", "wrist",
)  # fmt: skip
ISSUE_TISSUES = (
    "atfl", "cfl", "deltoid_ligament", "acl", "mcl", "lcl", "patellar_tendon", "achilles_tendon",
    "peroneals", "tibialis_posterior", "gastrocnemius_soleus", "quadriceps", "hamstrings",
    "gluteus_maximus", "gluteus_medius", "iliopsoas", "deep_hip_rotators", "multifidus",
    "transversus_abdominis", "diaphragm", "pelvic_floor", "plantar_fascia", "thoracolumbar_fascia",
    "sacroiliac_ligaments", "sacrotuberous_ligament",
)  # fmt: skip
# DESIGN.md: the joint-by-joint roles, an expert-opinion model
DESIGN_ROLES = {
    "foot": "stability", "ankle": "mobility", "knee": "stability", "hip": "mobility",
    "sacroiliac": "stability", "lumbar_spine": "stability", "thoracic_spine": "mobility",
    "scapula": "stability", "shoulder": "mobility", "cervical_spine": "stability",
    "upper_cervical": "mobility",
}  # fmt: skip


@pytest.fixture(scope="module")
def body() -> Body:
    return default_body()


def test_every_design_site_id_exists_and_limbs_and_pelvis_take_a_side(body: Body) -> None:
    assert set(DESIGN_SITES) <= set(body.sites)
    for sid in ("toes", "foot", "ankle", "knee", "hip", "sacroiliac", "shoulder", "elbow", "wrist"):
        assert body.site(sid).sided, sid
    for sid in ("lumbar_spine", "thoracic_spine", "cervical_spine", "ribcage"):
        assert not body.site(sid).sided, sid


def test_joint_by_joint_roles_follow_design_and_are_graded_expert_opinion(body: Body) -> None:
    registry = default_registry()
    for sid, role in DESIGN_ROLES.items():
        site_role = body.site(sid).role
        assert site_role is not None and site_role.value == role, sid
        assert {registry.grade(k) for k in site_role.cite} == {"EXP"}, sid


def test_the_knee_moves_in_flexion_and_in_tibial_rotation_with_cited_ranges(body: Body) -> None:
    knee = body.site("knee")
    names = {m.motion for m in knee.motions}
    assert {"flexion", "tibial_external_rotation", "tibial_internal_rotation"} <= names
    flexed = [m for m in knee.motions if "30-90" in m.condition]
    external = next(m for m in flexed if m.motion == "tibial_external_rotation")
    internal = next(m for m in flexed if m.motion == "tibial_internal_rotation")
    assert external.max_deg > internal.max_deg  # about 45 external vs 25 internal
    near_straight = [m for m in knee.motions if m.condition.startswith("knee flexed 5")]
    # rotation shrinks as the knee straightens
    assert max(m.max_deg for m in near_straight) < external.max_deg
    for motion in knee.motions:
        assert motion.min_deg <= motion.max_deg and motion.cite


def test_every_tissue_the_issue_lists_exists_and_attaches_to_known_sites(body: Body) -> None:
    assert set(ISSUE_TISSUES) <= set(body.tissues)
    for tissue in body.tissues.values():
        assert tissue.sites and set(tissue.sites) <= set(body.sites), tissue.id
        assert tissue.cite, tissue.id


def test_the_acl_sits_inside_the_knee_capsule_and_the_mcl_outside(body: Body) -> None:
    acl, mcl = body.tissue("acl"), body.tissue("mcl")
    assert acl.intracapsular and not mcl.intracapsular
    assert acl.blood_supply == "poor" and mcl.blood_supply != "poor"
    assert body.tissue("hamstrings").blood_supply == "rich"


def test_the_knee_is_held_by_its_cruciate_and_collateral_ligaments(body: Body) -> None:
    stabilisers = {t.id for t in body.stabilisers("knee")}
    assert {"acl", "mcl", "lcl"} <= stabilisers
    assert "achilles_tendon" not in stabilisers
    ankle = {t.id for t in body.stabilisers("ankle")}
    assert {"atfl", "cfl", "deltoid_ligament", "peroneals"} <= ankle


def test_above_the_left_ankle_come_the_left_knee_hip_and_sacroiliac_then_the_lower_back(
    body: Body,
) -> None:
    above = body.above("ankle", "left")
    assert above[:4] == [
        SiteRef("knee", "left"),
        SiteRef("hip", "left"),
        SiteRef("sacroiliac", "left"),
        SiteRef("lumbar_spine", None),
    ]
    assert above[-1] == SiteRef("skull", None)


def test_below_the_lower_back_come_both_sacroiliac_joints_then_both_hips(body: Body) -> None:
    below = body.below("lumbar_spine")
    assert below[:4] == [
        SiteRef("sacroiliac", "left"),
        SiteRef("sacroiliac", "right"),
        SiteRef("hip", "left"),
        SiteRef("hip", "right"),
    ]
    right_only = body.below("lumbar_spine", "right")
    assert all(ref.side == "right" for ref in right_only)
    assert right_only[-1] == SiteRef("toes", "right")


def test_the_load_path_runs_from_the_ground_to_the_skull_without_gaps(body: Body) -> None:
    path = body.load_path
    assert path[0] in ("toes", "foot") and path[-1] == "skull"
    for i, sid in enumerate(path):
        assert [r.site for r in body.above(sid, "left")] == list(path[i + 1 :])
        assert [r.site for r in body.below(sid, "left")] == list(reversed(path[:i]))
    assert body.above("skull") == [] and body.below(path[0]) == []


def test_a_site_off_the_load_path_has_nothing_above_or_below_it(body: Body) -> None:
    assert body.above("shoulder", "left") == []
    assert body.below("elbow") == []
    assert body.chain_distance("shoulder", "knee") is None


def test_chain_distance_counts_links_along_the_load_path(body: Body) -> None:
    path = body.load_path
    assert body.chain_distance("ankle", "lumbar_spine") == 4  # knee, hip, sacroiliac, lower back
    for a in path:
        for b in path:
            assert body.chain_distance(a, b) == body.chain_distance(b, a)
            assert body.chain_distance(a, b) == abs(path.index(a) - path.index(b))


def test_an_old_ankle_and_the_lower_back_are_linked_by_load_nerve_and_myofascial_chain(
    body: Body,
) -> None:
    between = body.pathways_between("ankle", "lumbar_spine")
    kinds = {p.kind for p in between}
    assert {"load_path", "neural", "myofascial"} <= kinds
    ids = [p.id for p in between]
    assert "sciatic_tibial" in ids and "superficial_back_line" in ids
    strengths = [p.evidence for p in between]
    assert strengths == sorted(strengths, key=("strong", "moderate", "limited", "none").index)


def test_myofascial_chains_carry_the_evidence_wilke_2016_found(body: Body) -> None:
    chains = {p.id: p for p in body.pathways.values() if p.kind == "myofascial"}
    assert len(chains) >= 4
    for strong in ("superficial_back_line", "back_functional_line", "front_functional_line"):
        assert chains[strong].evidence == "strong"
    assert chains["superficial_front_line"].evidence == "none"
    registry = default_registry()  # each chain rests on the systematic review of dissections
    assert all(any(registry.grade(k) == "SR/MA" for k in p.cite) for p in chains.values())


def test_the_sciatic_femoral_and_obturator_nerves_link_the_lower_back_to_the_leg(
    body: Body,
) -> None:
    nerves = {p.id: p for p in body.pathways.values() if p.kind == "neural"}
    assert len(nerves) >= 3
    sciatic = nerves["sciatic_tibial"]
    assert sciatic.roots == "L4-S3"
    assert sciatic.nodes[0] == "lumbar_spine"
    assert {"hip", "knee", "ankle", "foot"} <= set(sciatic.nodes)
    assert "peroneals" in nerves["sciatic_common_fibular"].tissues
    assert nerves["femoral"].roots == "L2-L4" and "quadriceps" in nerves["femoral"].tissues
    assert nerves["obturator"].nodes[0] == "lumbar_spine"


def test_neighbours_grow_with_the_number_of_links_and_report_their_distance(body: Body) -> None:
    one = body.neighbours("knee", 1)
    two = body.neighbours("knee", 2)
    assert {"ankle", "hip"} <= set(one)
    assert set(one) < set(two)
    assert all(d == 1 for d in one.values()) and max(two.values()) == 2
    assert list(two.values()) == sorted(two.values())
    assert body.neighbours("knee", 0) == {}


def test_neighbours_leave_out_chains_nobody_has_shown_unless_asked(body: Body) -> None:
    shown = body.neighbours("ribcage", 1, kinds=["myofascial"], min_evidence="strong")
    everything = body.neighbours("ribcage", 1, kinds=["myofascial"], min_evidence="none")
    assert set(shown) < set(everything)
    assert "cervical_spine" in everything and "cervical_spine" not in shown


def test_neighbours_refuse_a_negative_count_and_an_unknown_kind(body: Body) -> None:
    with pytest.raises(ValueError, match="n: -1"):
        body.neighbours("knee", -1)
    with pytest.raises(ValueError, match="kinds"):
        body.neighbours("knee", 1, kinds=["telepathic"])


def test_an_unknown_site_is_refused_with_a_did_you_mean(body: Body) -> None:
    with pytest.raises(UnknownSite, match=r"unknown site 'ankel' \(did you mean 'ankle'\?\)"):
        body.site("ankel")
    with pytest.raises(UnknownSite, match="ankel"):
        body.above("ankel", "left")
    assert body.suggest("lumbar spine") == "lumbar_spine"
    assert body.suggest("xyzzy") is None
    with pytest.raises(UnknownSite, match="known sites: toes, foot"):
        body.site("xyzzy")


def test_an_unknown_tissue_is_refused_with_a_did_you_mean(body: Body) -> None:
    with pytest.raises(UnknownTissue, match="did you mean 'acl'"):
        body.tissue("acll")


def test_a_side_that_is_neither_left_nor_right_is_refused(body: Body) -> None:
    with pytest.raises(ValueError, match="side: 'both'"):
        body.above("ankle", "both")  # type: ignore[arg-type]


def test_the_body_web_cannot_be_changed_after_loading(body: Body) -> None:
    with pytest.raises(TypeError):
        body.sites["knee"] = body.sites["hip"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        body.site("knee").sided = False  # type: ignore[misc]
    assert default_body() is body


def test_every_body_citation_resolves_in_the_evidence_registry(body: Body) -> None:
    registry = default_registry()
    keys: set[str] = set()
    for site in body.sites.values():
        keys.update(site.cite)
        keys.update(k for m in site.motions for k in m.cite)
        if site.role:
            keys.update(site.role.cite)
    for item in (*body.tissues.values(), *body.pathways.values()):
        keys.update(item.cite)
    assert keys and all(k in registry for k in keys)


def test_an_intake_side_of_both_expands_to_left_and_right_and_midline_sites_take_none(
    body: Body,
) -> None:
    assert body.refs("knee", "both") == [SiteRef("knee", "left"), SiteRef("knee", "right")]
    assert body.refs("knee", None) == body.refs("knee", "both")
    assert body.refs("knee", "right") == [SiteRef("knee", "right")]
    assert body.refs("thoracic_spine", "both") == [SiteRef("thoracic_spine", None)]
    with pytest.raises(ValueError, match="side: 'up'"):
        body.refs("knee", "up")
