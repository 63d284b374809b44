"""Reminders, the unsubscribe link, the calendar feed and the messages between a client and
her coach. The unsubscribe link and the feed need no sign-in: each carries its own secret (a
signed, single-purpose token; a feed secret found by its digest)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from kinchain.accounts import Action, Role
from kinchain.errors import ConflictError, NotFoundError
from kinchain.services import reminders as use
from kinchain.store.reminders import Jobs
from kinchain.web.deps import CurrentViewer, Uow
from kinchain.web.pages import render
from kinchain.web.rules import client_rule, public
from kinchain.web.scheduler import Scheduler, notify, verify_link

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["clients"])

_ZONES = ("Europe/London", "Europe/Dublin", "Europe/Berlin", "Europe/Madrid", "Europe/Lisbon",
          "America/New_York", "America/Chicago", "America/Los_Angeles", "Australia/Sydney", "UTC")


def server_key(request: Request) -> bytes:
    key = request.app.state.settings.secret_key
    if not key:
        raise ConflictError("the server has no KINCHAIN_SECRET_KEY: links cannot be made; "
                            "ask the practice's administrator")
    return str(key).encode()


def scheduler_of(request: Request) -> Scheduler:
    running = getattr(request.app.state, "scheduler", None)
    if isinstance(running, Scheduler):
        return running
    key = request.app.state.settings.secret_key
    return Scheduler(request.app.state.db, key=str(key).encode() if key else None)


@router.get("/my/{client_id}/reminders")
@client_rule(Action.RECORD_CONSENT)
def reminders_page(request: Request, client_id: str, uow: Uow) -> Response:
    with uow:
        plan = uow.reminders.plan(client_id)
    return render(request, "me_reminders.html", plan=plan, client_id=client_id, zones=_ZONES,
                  saved=request.query_params.get("saved"))


@router.post("/my/{client_id}/reminders")
@client_rule(Action.RECORD_CONSENT)
def reminders_save(request: Request, client_id: str, uow: Uow,
                   at: Annotated[str, Form(max_length=8)] = "",
                   zone: Annotated[str, Form(max_length=64)] = "",
                   evening: Annotated[str, Form(max_length=8)] = "19:00",
                   stop: Annotated[str, Form(max_length=8)] = "") -> Response:
    if stop:
        use.stop_reminders(uow, client_id, how="stopped on her reminders page")
    else:
        use.set_reminder(uow, client_id, at=at, zone=zone, evening=evening)
    return RedirectResponse(f"/my/{client_id}/reminders?saved=1", status_code=303)


@router.get("/unsubscribe/{token}")
@public
def unsubscribe_page(request: Request, token: str) -> Response:
    _unsubscribed_client(request, token)
    return render(request, "unsubscribe.html", token=token, done=False)


@router.post("/unsubscribe/{token}")
@public
def unsubscribe(request: Request, token: str) -> Response:
    """Honoured at once; also the one-click POST a mail program sends (RFC 8058)."""
    client_id = _unsubscribed_client(request, token)
    db = request.app.state.db
    uow = db.unit_of_work(db.practice_of_client(client_id), actor="unsubscribe link",
                          origin="e-mail link")
    use.stop_reminders(uow, client_id, how="the unsubscribe link in a reminder e-mail")
    return render(request, "unsubscribe.html", token=token, done=True)


def _unsubscribed_client(request: Request, token: str) -> str:
    client_id = verify_link("unsubscribe", token, server_key(request))
    if client_id is None:
        raise NotFoundError("unsubscribe: this link is not one of ours, or it was changed")
    return client_id


@api.get("/clients/{client_id}/calendar", summary="The secret URL of the client's calendar")
@client_rule(Action.READ_CLINICAL_RECORD)
def calendar_url(request: Request, client_id: str, uow: Uow) -> dict[str, str]:
    secret = use.calendar_secret(uow, client_id, server_key(request))
    return {"url": str(request.url_for("calendar_feed", secret=f"{secret}.ics"))}


@api.post("/clients/{client_id}/calendar/revoke", summary="Stop the calendar URL at once")
@client_rule(Action.RECORD_CONSENT)
def calendar_revoke(client_id: str, uow: Uow) -> dict[str, str]:
    use.revoke_calendar(uow, client_id)
    return {"revoked": client_id}


@router.get("/calendar/{secret}", name="calendar_feed")
@public
def calendar_feed(request: Request, secret: str) -> Response:
    from kinchain.web.calendar import feed

    if not secret.endswith(".ics"):
        raise NotFoundError("calendar: no such calendar feed")
    db = request.app.state.db
    practice_id, client_id = Jobs(db.engine).by_calendar(use.feed_digest(secret[:-4]))
    uow = db.unit_of_work(db.practice_by_id(practice_id), actor="calendar feed",
                          origin="calendar", writes=True)
    plan, next_checkin = use.calendar_view(uow, client_id)
    return Response(feed(client_id, plan, next_checkin, str(request.base_url).rstrip("/")),
                    media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=900"})


@router.get("/messages/{client_id}")
@client_rule(Action.MESSAGE)
def messages_page(request: Request, client_id: str, uow: Uow) -> Response:
    return render(request, "messages.html", messages=use.thread(uow, client_id),
                  client_id=client_id, sent=request.query_params.get("sent"))


@router.post("/messages/{client_id}")
@client_rule(Action.MESSAGE)
def message_send(request: Request, client_id: str, uow: Uow, viewer: CurrentViewer,
                 tasks: BackgroundTasks, body: Annotated[str, Form(max_length=8000)] = ""
                 ) -> Response:
    by_client = Role.CLIENT in viewer.principal.roles
    message = use.post_message(uow, client_id, body, role="client" if by_client else "coach")
    to = use.recipients(uow, client_id, to_client=not by_client)
    who = "one of your clients" if by_client else "your coach"
    text = (f"Hello,\n\nYou have a new message from {who} in kinchain. To read it, sign in "
            f"and open:\n{{base}}/messages/{client_id}\n")
    tasks.add_task(notify, scheduler_of(request), viewer.practice.id, client_id,
                   f"message {message.id}", to, "A new message is waiting in kinchain", text)
    return RedirectResponse(f"/messages/{client_id}?sent=1", status_code=303)



@router.get("/sw.js")
@public
def service_worker() -> Response:
    """The service worker, from the site's root so that its scope covers the client's pages."""
    path = Path(__file__).resolve().parents[1] / "static" / "sw.js"
    return FileResponse(path, media_type="text/javascript", headers={
        "Service-Worker-Allowed": "/", "Cache-Control": "no-cache"})
