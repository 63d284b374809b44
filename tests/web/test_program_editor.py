"""The program editor, as a coach uses it between sessions: swap, dose, remove, reorder, add,
with the minutes counted against the client's budget and every edit kept with its reason."""

from __future__ import annotations

from web_world import csrf_of, signed_in


def _routine(coach, client_id):
    return [i["exercise"] for i in
            coach.get(f"/api/v1/clients/{client_id}/program").json()["program"]["routine"]]


def _edits(coach, client_id):
    return coach.get(f"/api/v1/clients/{client_id}/history").json()["edits"]


def test_the_editor_offers_the_regression_progression_and_same_target_choices(app, world):
    coach = signed_in(app, "ana@north.example")
    page = coach.get(f"/clients/{world.maria}/program/edit").text
    assert "12</strong> of her <strong>12</strong> minutes" in page
    assert "Harder (its progression)" in page and "For the same target" in page
    assert 'class="demo-slot"' in page  # where a demonstration will go


def test_a_contraindicated_swap_is_refused_with_its_reason_and_nothing_is_stored(app, world):
    coach = signed_in(app, "ana@north.example")
    before = _routine(coach, world.maria)
    answer = coach.post(f"/clients/{world.maria}/program/edits", data={
        "csrf": csrf_of(coach), "op": "replace", "exercise": "metronome_walk",
        "replacement": "pogo_hops", "why": "more load"})
    assert answer.status_code == 422
    assert "Refused, nothing kept" in answer.text and "contraindicated" in answer.text
    assert "pelvic_floor" in answer.text  # the reason: her pelvic floor after the birth
    assert _routine(coach, world.maria) == before and _edits(coach, world.maria) == []


def test_an_edits_minutes_count_against_the_budget(app, world):
    coach = signed_in(app, "ana@north.example")
    csrf = csrf_of(coach)
    base = f"/clients/{world.maria}/program"
    tried = coach.post(f"{base}/try", data={"csrf": csrf, "op": "dose",
                                            "exercise": "ankle_weight_shift", "minutes": "3"})
    assert "over her budget" in tried.text and "13.5" in tried.text
    over = coach.post(f"{base}/edits", data={"csrf": csrf, "op": "dose",
                                             "exercise": "ankle_weight_shift", "minutes": "3"})
    assert over.status_code == 422 and "over her budget" in over.text
    assert _edits(coach, world.maria) == []
    less = coach.post(f"{base}/edits", data={"csrf": csrf, "op": "dose", "why": "short on time",
                                             "exercise": "ankle_weight_shift", "minutes": "1"})
    assert less.status_code == 200 and "11.5</strong> of her <strong>12</strong>" in less.text
    assert [e["edit"]["why"] for e in _edits(coach, world.maria)] == ["short on time"]


def test_the_live_minutes_answer_says_what_a_swap_would_give(app, world):
    coach = signed_in(app, "ana@north.example")
    tried = coach.post(f"/clients/{world.maria}/program/try", data={
        "csrf": csrf_of(coach), "op": "remove", "exercise": "towel_scrunch"})
    assert "10.5</strong> of her 12 minutes" in tried.text
    assert _edits(coach, world.maria) == []  # tried, not kept


def test_remove_reorder_and_pause_are_kept_in_the_history_with_their_reasons(app, world):
    coach = signed_in(app, "ana@north.example")
    csrf = csrf_of(coach)
    base = f"/clients/{world.maria}/program/edits"
    coach.post(base, data={"csrf": csrf, "op": "remove", "exercise": "towel_scrunch",
                           "why": "she has no towel at work"})
    coach.post(base, data={"csrf": csrf, "op": "up", "exercise": "metronome_walk"})
    coach.post(base, data={"csrf": csrf, "op": "pause", "exercise": "leg_swings_side",
                           "why": "hip sore this week"})
    routine = _routine(coach, world.maria)
    assert "towel_scrunch" not in routine and "leg_swings_side" not in routine
    assert routine.index("metronome_walk") < routine.index("suitcase_carry")
    kinds = [(e["edit"]["kind"], e["edit"]["why"]) for e in _edits(coach, world.maria)]
    assert kinds == [("remove", "she has no towel at work"), ("reorder", ""),
                     ("pause", "hip sore this week")]
    page = coach.get(f"/clients/{world.maria}/program/edit").text
    assert "“hip sore this week”" in page


def test_the_json_api_keeps_an_edit_and_refuses_a_contraindicated_one_with_422(app, world):
    coach = signed_in(app, "ana@north.example")
    csrf = {"x-csrf-token": csrf_of(coach)}
    url = f"/api/v1/clients/{world.maria}/program/edits"
    refused = coach.post(url, headers=csrf, json={"kind": "add", "exercise": "pogo_hops"})
    assert refused.status_code == 422 and "contraindicated" in refused.json()["problems"][0]
    kept = coach.post(url, headers=csrf, json={"kind": "remove", "exercise": "towel_scrunch",
                                               "why": "no towel"})
    assert kept.status_code == 201
    assert "towel_scrunch" not in [i["exercise"] for i in kept.json()["program"]["routine"]]


def test_a_coach_of_another_practice_cannot_edit_her_program(app, world):
    other = signed_in(app, "cai@south.example")
    answer = other.post(f"/clients/{world.maria}/program/edits", data={
        "csrf": csrf_of(other), "op": "remove", "exercise": "towel_scrunch"})
    assert answer.status_code == 404
