"""The client's side, as Maria uses it on her phone: today's routine, ticks, a check-in whose
change waits for her coach, a red-flag answer that stops everything, her progress and data."""

from __future__ import annotations

import json

from web_world import csrf_of, signed_in


def _csrf(client, path: str) -> str:
    page = client.get(path).text
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]


def _first_exercise(page: str) -> str:
    return page.split('name="exercise" value="', 1)[1].split('"', 1)[0]


def test_maria_sees_her_routine_and_ticks_an_exercise_done(app, world):
    maria = signed_in(app, "maria@client.example")
    home = maria.get("/", follow_redirects=True)
    assert home.status_code == 200 and "Today" in home.text and "Done" in home.text
    exercise = _first_exercise(home.text)
    token = _csrf(maria, f"/my/{world.maria}/today")
    done = maria.post(f"/my/{world.maria}/ticks", data={"csrf": token, "exercise": exercise})
    assert done.status_code == 200 and "Done today" in done.text
    again = maria.post(f"/my/{world.maria}/ticks", data={"csrf": token, "exercise": exercise})
    assert again.status_code == 200  # ticking twice keeps one tick


def test_a_tick_of_an_exercise_not_in_her_routine_is_refused_naming_it(app, world):
    maria = signed_in(app, "maria@client.example")
    token = _csrf(maria, f"/my/{world.maria}/today")
    refused = maria.post(f"/my/{world.maria}/ticks", data={"csrf": token, "exercise": "nope"})
    assert refused.status_code == 422 and "nope" in refused.text


def test_her_checkin_with_pain_up_waits_for_the_coach_who_approves_it(app, world, clock):
    maria = signed_in(app, "maria@client.example")
    clock.advance(days=7)
    maria = signed_in(app, "maria@client.example")
    token = _csrf(maria, f"/my/{world.maria}/checkin")
    sent = maria.post(f"/my/{world.maria}/checkin",
                      data={"csrf": token, "effort": "hard", "pain_0": "9", "pain_1": "7"})
    assert sent.status_code == 200 and "Thank you" in sent.text
    ana = signed_in(app, "ana@north.example")
    dashboard = ana.get("/dashboard").text
    assert "wait for your approval" in dashboard
    page = ana.get(f"/clients/{world.maria}").text
    assert "Proposed after a check-in" in page
    proposal = page.split(f"/clients/{world.maria}/proposals/", 1)[1].split('"', 1)[0]
    decided = ana.post(f"/clients/{world.maria}/proposals/{proposal}",
                       data={"csrf": csrf_of(ana), "decision": "accept"}, follow_redirects=False)
    assert decided.status_code == 303
    assert "Proposed after a check-in" not in ana.get(f"/clients/{world.maria}").text


def test_a_yes_to_a_red_flag_question_stops_the_program_at_once_and_tops_the_dashboard(
        app, world, clock):
    clock.advance(days=7)
    maria = signed_in(app, "maria@client.example")
    token = _csrf(maria, f"/my/{world.maria}/checkin")
    sent = maria.post(f"/my/{world.maria}/checkin", data={
        "csrf": token, "effort": "ok", "q_saddle_numbness": "yes"})
    assert "stop the exercises" in sent.text
    assert "stop the exercises" in maria.get(f"/my/{world.maria}/today").text
    ana = signed_in(app, "ana@north.example")
    first_row = ana.get("/dashboard").text.split('class="row', 1)[1]
    assert "Maria Example" in first_row.split("</li>", 1)[0]
    assert "red flag" in first_row.split("</li>", 1)[0]


def test_an_unanswered_safety_question_is_not_taken_as_a_no(app, world, clock):
    clock.advance(days=7)
    maria = signed_in(app, "maria@client.example")
    token = _csrf(maria, f"/my/{world.maria}/checkin")
    maria.post(f"/my/{world.maria}/checkin", data={"csrf": token, "effort": "ok",
                                                   "q_saddle_numbness": "no"})
    data = json.loads(maria.get(f"/my/{world.maria}/data.json").text)
    assert data["checkins"][-1]["document"]["screening"] == {"saddle_numbness": False}


def test_her_progress_shows_pain_over_time_in_a_plot_and_a_sentence(app, world, clock):
    for pain in ("7", "5"):
        clock.advance(days=7)
        maria = signed_in(app, "maria@client.example")
        token = _csrf(maria, f"/my/{world.maria}/checkin")
        maria.post(f"/my/{world.maria}/checkin",
                   data={"csrf": token, "effort": "easy", "pain_0": pain})
    page = maria.get(f"/my/{world.maria}/progress").text
    assert "<svg" in page and "it has eased" in page


def test_she_reaches_only_her_own_pages(app, world):
    maria = signed_in(app, "maria@client.example")
    assert maria.get(f"/my/{world.tom}/today").status_code == 404
    assert maria.get(f"/my/{world.sofia}/progress").status_code == 404
    assert maria.get(f"/clients/{world.tom}").status_code == 404
    assert maria.get("/dashboard").status_code == 403


def test_the_coach_downloads_her_clients_record_as_fhir_from_the_client_page(app, world):
    from web_world import signed_in as sign

    ana = sign(app, "ana@north.example")
    page = ana.get(f"/clients/{world.maria}").text
    assert f"/api/v1/clients/{world.maria}/fhir?release=R4B" in page
    bundle = ana.get(f"/api/v1/clients/{world.maria}/fhir?release=R4B").json()
    assert bundle["resourceType"] == "Bundle"
    assert ana.get(f"/api/v1/clients/{world.sofia}/fhir?release=R4B").status_code == 404
