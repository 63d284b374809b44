"""The client's own pages, phone first: today's routine with its ticks, the check-in, her
progress and her data. Each route names her record in its path and declares its rule, so the
route walk proves she reaches only her own."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kinchain.accounts import Action
from kinchain.errors import InputError
from kinchain.intake.screening import screening_groups, screening_questions
from kinchain.services.client_side import (
    my_data,
    progress,
    request_erasure,
    send_checkin,
    tick,
    today,
)
from kinchain.web.charts import line_chart
from kinchain.web.deps import CurrentViewer, Uow
from kinchain.web.pages import render
from kinchain.web.rules import client_rule, signed_in

router = APIRouter(include_in_schema=False)


def _day(request: Request) -> dt.date:
    return request.app.state.db.clock().date()


@router.get("/today")
@signed_in
def my_today(viewer: CurrentViewer) -> Response:
    if viewer.user.client_id is None:
        return RedirectResponse("/dashboard", status_code=303)
    return RedirectResponse(f"/my/{viewer.user.client_id}/today", status_code=303)


@router.get("/my/{client_id}/today")
@client_rule(Action.READ_CLINICAL_RECORD)
def today_page(request: Request, client_id: str, uow: Uow) -> Response:
    view = today(uow, client_id, day=_day(request))
    return render(request, "me_today.html", today=view, client_id=client_id)


@router.post("/my/{client_id}/ticks")
@client_rule(Action.TICK_ROUTINE)
def tick_done(request: Request, client_id: str, uow: Uow,
              exercise: Annotated[str, Form(max_length=80)],
              day: Annotated[str, Form(max_length=10)] = "") -> Response:
    """A tick, also one queued offline and sent later: its ``day`` is the day it was made, and
    (client, day, exercise) is its idempotency key, so a tick sent twice is kept once."""
    tick(uow, client_id, exercise, day=_tick_day(day) if day else _day(request))
    if request.headers.get("hx-request"):
        return render(request, "_tick_done.html", exercise=exercise, client_id=client_id)
    return RedirectResponse(f"/my/{client_id}/today", status_code=303)


def _tick_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"day: expected a date such as 2026-11-02; received {text!r}") from None


@router.get("/my/{client_id}/checkin")
@client_rule(Action.ADD_CHECKIN)
def checkin_page(request: Request, client_id: str, uow: Uow) -> Response:
    view = today(uow, client_id, day=_day(request))
    return render(request, "me_checkin.html", today=view, client_id=client_id,
                  questions=screening_questions(), groups=screening_groups(), problems=[],
                  key=secrets.token_urlsafe(16), words=_words(request))


def _words(request: Request) -> Any:
    from kinchain.assessment import country_words

    viewer = getattr(request.state, "viewer", None)
    return country_words(viewer.practice.country if viewer else None)


def _checkin_data(form: Any, view: Any, day: dt.date) -> dict[str, Any]:
    pains = []
    for i, (site, side) in enumerate(view.pain_sites):
        raw = form.get(f"pain_{i}")
        if raw not in (None, ""):
            if not str(raw).isdigit():
                raise InputError(f"pain_{i}: expected a whole number 0 to 10; received {raw!r}")
            pains.append({"site": site, **({"side": side} if side else {}),
                          "intensity": int(str(raw))})
    answers = {q.key: form.get(f"q_{q.key}") == "yes" for q in screening_questions()
               if form.get(f"q_{q.key}") in ("yes", "no")}
    return {"date": day.isoformat(), "effort": form.get("effort") or "",
            "pain": pains, "done": [e for e in form.getlist("done") if e],
            "notes": str(form.get("notes") or "")[:2000], "screening": answers}


@router.post("/my/{client_id}/checkin")
@client_rule(Action.ADD_CHECKIN)
async def checkin_send(request: Request, client_id: str, uow: Uow,
                       tasks: BackgroundTasks) -> Response:
    form = await request.form()
    view = today(uow, client_id, day=_day(request))
    data = _checkin_data(form, view, _day(request))
    key = str(form.get("key") or "") or None
    added = send_checkin(uow, client_id, data, key=key)
    referral = today(uow, client_id, day=_day(request)).referral
    if referral is not None and added.new:
        _alert_coaches(request, uow, client_id, added.checkin_id, tasks)
    return render(request, "me_checkin_sent.html", added=added, client_id=client_id,
                  referral=referral)


def _alert_coaches(request: Request, uow: Uow, client_id: str, checkin_id: str,
                   tasks: BackgroundTasks) -> None:
    """A red-flag answer: her coaches are told at once by e-mail too (no health detail in it;
    a failure shows on the dashboard beside the red flag itself)."""
    from kinchain.services.reminders import recipients
    from kinchain.web.routes.reminders import scheduler_of
    from kinchain.web.scheduler import notify

    text = ("Hello,\n\nOne of your clients answered a safety question in a way that needs "
            "you today. Her program is paused. Sign in and open:\n{base}/clients/"
            f"{client_id}\n")
    tasks.add_task(notify, scheduler_of(request), uow.practice.id, client_id,
                   f"red-flag {checkin_id}", recipients(uow, client_id, to_client=False),
                   "kinchain: a client needs you today", text)


@router.get("/my/{client_id}/progress")
@client_rule(Action.READ_CLINICAL_RECORD)
def progress_page(request: Request, client_id: str, uow: Uow) -> Response:
    view = progress(uow, client_id)
    charts = {site: line_chart(points, top=10, label=f"Pain in your {site}, 0 to 10")
              for site, points in view.pain.items()}
    adherence = line_chart([(d, round(v * 100)) for d, v in view.adherence], top=100,
                           label="Routine done each week, in per cent")
    return render(request, "me_progress.html", progress=view, charts=charts,
                  adherence=adherence, client_id=client_id)


@router.get("/my/{client_id}/data.json")
@client_rule(Action.READ_CLINICAL_RECORD)
def data_download(client_id: str, uow: Uow) -> Response:
    body = json.dumps(my_data(uow, client_id), indent=2, ensure_ascii=False, sort_keys=True)
    return Response(body, media_type="application/json", headers={
        "Content-Disposition": 'attachment; filename="my-kinchain-record.json"'})


@router.post("/my/{client_id}/erasure")
@client_rule(Action.REQUEST_ERASURE)
def erasure_request(request: Request, client_id: str, uow: Uow) -> Response:
    request_erasure(uow, client_id)
    return render(request, "me_erasure.html", client_id=client_id)
