"""The intake form, as a coach fills it in: a section at a time, each message beside its field,
a draft that survives closing the form, and a saved version that says what it changed."""

from __future__ import annotations

import re

from web_world import csrf_of, signed_in


def _field_error(page: str, field_id: str) -> str:
    found = re.search(rf'id="err-{field_id}"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, f"no message slot for {field_id}"
    return found.group(1).strip()


def test_a_field_error_shows_beside_its_field_naming_expected_and_received(app, world):
    coach = signed_in(app, "ana@north.example")
    csrf = csrf_of(coach)
    coach.post("/clients/new/intake/section", data={
        "csrf": csrf, "section": "client", "client.name": "Nia Example",
        "client.birth_year": "1990", "client.sex": "female", "client.height_cm": "170cm",
        "client.mass_kg": "64", "daily_minutes": "10"})
    page = coach.get("/clients/new/intake?section=client").text
    message = _field_error(page, "client-height_cm")
    assert "expected a number" in message and "170cm" in message
    assert 'aria-describedby="err-client-height_cm' in page
    assert _field_error(page, "client-mass_kg") == ""


def test_the_draft_route_answers_each_fields_message_for_htmx_to_swap_in_place(app, world):
    coach = signed_in(app, "ana@north.example")
    answer = coach.post("/clients/new/intake/draft", headers={"hx-request": "true"}, data={
        "csrf": csrf_of(coach), "section": "client", "client.name": "Nia Example",
        "client.birth_year": "1990", "client.sex": "female", "client.height_cm": "170",
        "client.mass_kg": "64", "daily_minutes": "500"})
    assert answer.status_code == 200 and "Draft kept" in answer.text
    assert 'hx-swap-oob="true"' in answer.text
    assert "500" in _field_error(answer.text, "daily_minutes")


def test_a_draft_survives_closing_the_form_and_is_never_a_version(app, world):
    coach = signed_in(app, "ana@north.example")
    coach.post(f"/clients/{world.maria}/intake/draft", headers={"hx-request": "true"}, data={
        "csrf": csrf_of(coach), "section": "habits", "habits.sitting_hours": "9",
        "habits.gait_notes": "feet turn out on both sides"})
    coach.close()
    again = signed_in(app, "ana@north.example")  # a new browser: the form opens on her draft
    page = again.get(f"/clients/{world.maria}/intake?section=habits").text
    assert "feet turn out on both sides" in page and "Restored your draft" in page
    history = again.get(f"/api/v1/clients/{world.maria}/intake").json()["versions"]
    assert len(history) == 1


def test_rows_are_added_and_removed_in_place(app, world):
    coach = signed_in(app, "ana@north.example")
    csrf = csrf_of(coach)
    base = f"/clients/{world.maria}/intake"
    page = coach.get(f"{base}?section=injuries").text
    assert "Injury 2" in page and "Injury 3" not in page
    fields = {"csrf": csrf, "section": "injuries", "action": "add",
              "injuries[0].site": "ankle", "injuries[0].side": "left",
              "injuries[0].kind": "sprain", "injuries[0].date": "2006-05",
              "injuries[1].site": "toes", "injuries[1].side": "left",
              "injuries[1].kind": "fracture", "injuries[1].date": "2012-08"}
    added = coach.post(f"{base}/section", data=fields).text
    assert "Injury 3" in added
    removed = coach.post(f"{base}/section", data={**fields, "action": "remove:0"}).text
    assert "Injury 3" not in removed and 'value="toes" selected' in removed.split("Injury 1")[1]


def test_saving_makes_version_2_and_shows_what_changed(app, world):
    coach = signed_in(app, "ana@north.example")
    base = f"/clients/{world.maria}/intake"
    coach.post(f"{base}/section", data={
        "csrf": csrf_of(coach), "section": "screening", "screening.history_of_cancer": "yes",
        "screening.unexplained_weight_loss": "yes", "screening.night_pain_unrelenting": "yes"})
    saved = coach.post(f"{base}/save", data={"csrf": csrf_of(coach), "section": "screening",
                                             "screening.history_of_cancer": "yes",
                                             "screening.unexplained_weight_loss": "yes",
                                             "screening.night_pain_unrelenting": "yes",
                                             "reason": "asked the screening questions"})
    assert saved.status_code == 200, saved.text
    assert "intake version 2 saved" in saved.text
    assert "Referral advised" in saved.text
    versions = coach.get(f"/api/v1/clients/{world.maria}/intake").json()["versions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[1]["reason"] == "asked the screening questions"


def test_an_unanswered_screening_question_stays_unanswered(app, world):
    coach = signed_in(app, "ana@north.example")
    base = f"/clients/{world.maria}/intake"
    page = coach.get(f"{base}?section=screening").text
    assert "Have you ever been treated for cancer?" in page
    assert re.search(r'name="screening.history_of_cancer" value="" checked', page)
    assert not re.search(r'name="screening.history_of_cancer" value="no" checked', page)
    coach.post(f"{base}/save", data={"csrf": csrf_of(coach), "section": "screening",
                                     "screening.saddle_numbness": "no",
                                     "screening.history_of_cancer": ""})
    stored = coach.get(f"/api/v1/clients/{world.maria}/intake").json()["versions"][-1]
    assert stored["document"]["screening"] == {"saddle_numbness": False}


def test_a_new_client_is_made_through_the_form_with_one_mistake_corrected(app, world):
    coach = signed_in(app, "ana@north.example")
    client = {"section": "client", "client.name": "Nia Example", "client.birth_year": "1990",
              "client.sex": "female", "client.height_cm": "170", "client.mass_kg": "64",
              "daily_minutes": "0"}
    refused = coach.post("/clients/new/intake/save", data={"csrf": csrf_of(coach), **client})
    assert refused.status_code == 422 and "Not saved" in refused.text
    assert _field_error(refused.text, "daily_minutes")
    done = coach.post("/clients/new/intake/save",
                      data={"csrf": csrf_of(coach), **client, "daily_minutes": "15"})
    assert done.status_code == 200 and "Nia Example: intake version 1 saved" in done.text
    assert "Nia Example" in coach.get("/dashboard").text
    assert "Nia Example" not in coach.get("/clients/new/intake").text  # the form starts empty


def test_an_intake_file_can_still_be_read_into_the_form(app, world):
    coach = signed_in(app, "ana@north.example")
    text = b"client: {name: Ola Example, birth_year: 1985, sex: male, height_cm: 180, " \
           b"mass_kg: 80}\ndaily_minutes: 10\n"
    answer = coach.post("/clients/new/intake/import", data={"csrf": csrf_of(coach)},
                        files={"intake": ("ola.yaml", text, "application/yaml")})
    assert answer.status_code == 200 and 'value="Ola Example"' in answer.text


def test_another_practices_coach_cannot_open_the_form_of_her_client(app, world):
    other = signed_in(app, "cai@south.example")
    assert other.get(f"/clients/{world.maria}/intake").status_code == 404
