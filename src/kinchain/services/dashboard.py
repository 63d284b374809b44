"""The coach's dashboard: who needs her first, and why, in plain words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinchain.records import ClientSummary
from kinchain.services.records import evaluation_of
from kinchain.services.uow import UnitOfWork

__all__ = ["QUIET_DAYS", "REASON_KINDS", "DashboardRow", "dashboard"]

#: no check-in for this many days puts a client on the "needs you" list
QUIET_DAYS = 14


#: each kind of reason a client needs the coach, with its words for a filter
REASON_KINDS = {
    "red_flag": "Red flag",
    "referral": "Referral advised",
    "screening": "Screening not done",
    "pain_rising": "Pain rising",
    "proposal": "A change waits for approval",
    "quiet": "No recent check-in",
    "mail": "An e-mail was not sent",
}


@dataclass(frozen=True)
class DashboardRow:
    client: ClientSummary
    reasons: tuple[str, ...]  # empty: nothing needs the coach now
    urgent: bool  # a red flag suspends the program
    kinds: tuple[str, ...] = ()  # each reason's kind (a key of REASON_KINDS), in order


def _reasons(uow: UnitOfWork, client: ClientSummary, today: dt.date) -> DashboardRow:
    evaluation = evaluation_of(uow, client.id)
    referral = evaluation.assessment.referral
    found: list[tuple[str, str]] = []  # (kind, words)
    if evaluation.suspended and referral is not None:
        found.append(("red_flag", f"red flag: program suspended; refer to {referral.see} "
                      f"({referral.urgency.replace('_', ' ')})"))
    elif referral is not None:
        found.append(("referral", f"referral advised ({referral.urgency.replace('_', ' ')}): "
                      f"{referral.see}"))
    program = evaluation.program
    if program is not None and program.provisional:
        found.append(("screening", "red-flag screening not done: the program is provisional"))
    if len(client.pains) >= 2 and client.pains[-1] > client.pains[-2]:
        found.append(("pain_rising", f"pain rising at the last check-in ({client.pains[-2]} to "
                      f"{client.pains[-1]} out of 10)"))
    waiting = uow.proposals.open(client.id)
    if waiting:
        found.append(("proposal", f"{len(waiting)} program change(s) wait for your approval"))
    last = client.last_checkin or client.created_at.date()
    if (today - last).days >= QUIET_DAYS:
        found.append(("quiet", f"no check-in for {(today - last).days} days"))
    for problem in uow.reminders.problems(client.id):
        kind = problem.kind.split(" ", 1)[0]
        found.append(("mail", f"{_KINDS.get(kind, 'an e-mail')} of "
                      f"{problem.day.isoformat()} was not sent: {problem.detail}"))
    return DashboardRow(client, tuple(w for _, w in found), evaluation.suspended,
                        tuple(k for k, _ in found))


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
