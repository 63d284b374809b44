"""The coach's dashboard: who needs her first, and why, in plain words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinchain.records import ClientSummary
from kinchain.services.records import evaluation_of
from kinchain.services.uow import UnitOfWork

__all__ = ["QUIET_DAYS", "DashboardRow", "dashboard"]

#: no check-in for this many days puts a client on the "needs you" list
QUIET_DAYS = 14


@dataclass(frozen=True)
class DashboardRow:
    client: ClientSummary
    reasons: tuple[str, ...]  # empty: nothing needs the coach now
    urgent: bool  # a red flag suspends the program


def _reasons(uow: UnitOfWork, client: ClientSummary, today: dt.date) -> DashboardRow:
    evaluation = evaluation_of(uow, client.id)
    referral = evaluation.assessment.referral
    reasons: list[str] = []
    if evaluation.suspended and referral is not None:
        reasons.append(f"red flag: program suspended; {referral.see}, {referral.within}")
    elif referral is not None:
        reasons.append(f"referral advised ({referral.urgency}): {referral.see}")
    program = evaluation.program
    if program is not None and program.provisional:
        reasons.append("red-flag screening not done: the program is provisional")
    if len(client.pains) >= 2 and client.pains[-1] > client.pains[-2]:
        reasons.append(f"pain rising at the last check-in ({client.pains[-2]} to "
                       f"{client.pains[-1]} out of 10)")
    waiting = uow.proposals.open(client.id)
    if waiting:
        reasons.append(f"{len(waiting)} program change(s) wait for your approval")
    last = client.last_checkin or client.created_at.date()
    if (today - last).days >= QUIET_DAYS:
        reasons.append(f"no check-in for {(today - last).days} days")
    for problem in uow.reminders.problems(client.id):
        kind = problem.kind.split(" ", 1)[0]
        reasons.append(f"{_KINDS.get(kind, 'an e-mail')} of "
                       f"{problem.day.isoformat()} was not sent: {problem.detail}")
    return DashboardRow(client, tuple(reasons), evaluation.suspended)


_KINDS = {"daily": "the daily reminder", "evening": "the evening nudge",
          "message": "the e-mail saying a message waits", "red-flag": "the red-flag alert"}


def dashboard(uow: UnitOfWork, /, *, today: dt.date, coach: str | None = None,
              search: str = "", limit: int = 200) -> list[DashboardRow]:
    """The clients a coach sees (``coach`` None: the practice's), those who need her first:
    a red flag first, then any other reason, then the rest, each group by name."""
    with uow:
        clients = uow.clients.page(limit=limit, coach=coach)
        needle = search.strip().lower()
        rows = [_reasons(uow, c, today) for c in clients if needle in c.name.lower()]
        uow.audit.record("dashboard.read", detail=f"{len(rows)} client(s)")
        uow.commit()
    return sorted(rows, key=lambda r: (not r.urgent, not r.reasons, r.client.name))
