"""Who may do what, as data: the rule table and the one function that reads it.

The whole policy is three tables and a target check, readable here in one place:

- :data:`RULES`: the actions each role may take at all;
- :data:`ACTION_SCOPE`: whether an action is done to one client's record or to the practice;
- :data:`SHARED_CLIENT_ACTIONS`: what a coach may do with a colleague's client when the
  practice shares its clients (reading only);
- the target check (:func:`decide`): a record of another practice is invisible to everyone; a
  client record is visible to the coaches assigned to it (to every coach where the practice
  shares its clients), to its own client user and to the practice's admins (an admin must see
  that a client exists to assign, invite or erase), and to no one else.

Two answers, because the web app gives two statuses (issue 13, ``docs/accounts.md``):
:func:`visible` says whether the user may know the record exists: if not, the answer is 404,
exactly as for a record that does not exist, so ids leak nothing. :func:`can` says whether the
user may take the action; a visible record the user may not act on answers 403.
:func:`require` raises the matching error itself.

>>> coach = Principal(user_id="7", practice_id="1", roles=frozenset({Role.COACH}),
...                   assigned_client_ids=frozenset({"42"}))
>>> can(coach, Action.EDIT_PROGRAM, ClientRecord(practice_id="1", client_id="42"))
True
>>> can(coach, Action.EDIT_PROGRAM, ClientRecord(practice_id="1", client_id="43"))
False
>>> visible(coach, ClientRecord(practice_id="2", client_id="42"))
False
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from kinchain.accounts.principals import ClientRecord, PracticeScope, Principal, Role, Target
from kinchain.errors import NotFoundError, PermissionDeniedError

__all__ = [
    "ACTION_SCOPE",
    "RULES",
    "SHARED_CLIENT_ACTIONS",
    "Action",
    "Scope",
    "Verdict",
    "can",
    "decide",
    "require",
    "visible",
]


class Action(StrEnum):
    """Everything a user can ask kinchain to do that the policy decides. Values read as verbs."""

    # on one client's record
    READ_CLINICAL_RECORD = "read the clinical record"
    CHANGE_INTAKE = "change the intake"
    ADD_CHECKIN = "add a check-in"
    EDIT_PROGRAM = "edit the program"
    APPROVE_PROPOSAL = "approve a proposed program change"
    RECORD_CONSENT = "record consent"
    EXPORT_FHIR = "export the record as FHIR"
    MESSAGE = "send a message"
    TICK_ROUTINE = "tick an exercise of the routine"
    REQUEST_ERASURE = "ask for erasure"
    INVITE_CLIENT = "invite the client"
    ASSIGN_COACHES = "assign coaches"
    ERASE_RECORD = "erase the record"
    # on the practice
    LIST_CLIENTS = "list clients"
    ADD_CLIENT = "add a client"
    MANAGE_USERS = "manage user accounts"
    CHANGE_SETTINGS = "change the practice's settings"
    READ_AUDIT_LOG = "read the audit log"
    BACKUP = "back up the practice"


class Scope(StrEnum):
    """What an action is done to."""

    CLIENT = "a client record"
    PRACTICE = "the practice"


_A = Action

#: Whether each action is done to one client's record or to the practice as a whole.
ACTION_SCOPE: Final[Mapping[Action, Scope]] = MappingProxyType(
    {
        **{
            a: Scope.CLIENT
            for a in (
                _A.READ_CLINICAL_RECORD, _A.CHANGE_INTAKE, _A.ADD_CHECKIN, _A.EDIT_PROGRAM,
                _A.APPROVE_PROPOSAL, _A.RECORD_CONSENT, _A.EXPORT_FHIR, _A.MESSAGE,
                _A.TICK_ROUTINE, _A.REQUEST_ERASURE, _A.INVITE_CLIENT, _A.ASSIGN_COACHES,
                _A.ERASE_RECORD,
            )
        },
        **{
            a: Scope.PRACTICE
            for a in (
                _A.LIST_CLIENTS, _A.ADD_CLIENT, _A.MANAGE_USERS, _A.CHANGE_SETTINGS,
                _A.READ_AUDIT_LOG, _A.BACKUP,
            )
        },
    }
)  # fmt: skip

#: The actions each role may take, on a target the role may see (the target check is in
#: :func:`decide`). The admin role holds no clinical action: an admin who coaches holds the
#: coach role too. A client acts only on their own record.
RULES: Final[Mapping[Role, frozenset[Action]]] = MappingProxyType(
    {
        Role.COACH: frozenset(
            {
                _A.READ_CLINICAL_RECORD, _A.CHANGE_INTAKE, _A.ADD_CHECKIN, _A.EDIT_PROGRAM,
                _A.APPROVE_PROPOSAL, _A.RECORD_CONSENT, _A.EXPORT_FHIR, _A.MESSAGE,
                _A.INVITE_CLIENT, _A.LIST_CLIENTS, _A.ADD_CLIENT,
            }
        ),
        Role.ADMIN: frozenset(
            {
                _A.INVITE_CLIENT, _A.ASSIGN_COACHES, _A.ERASE_RECORD, _A.LIST_CLIENTS,
                _A.MANAGE_USERS, _A.CHANGE_SETTINGS, _A.READ_AUDIT_LOG, _A.BACKUP,
            }
        ),
        Role.CLIENT: frozenset(
            {
                _A.READ_CLINICAL_RECORD, _A.ADD_CHECKIN, _A.RECORD_CONSENT, _A.EXPORT_FHIR,
                _A.MESSAGE, _A.TICK_ROUTINE, _A.REQUEST_ERASURE,
            }
        ),
    }
)  # fmt: skip

#: What a coach may do with a client of her practice who is not assigned to her, where the
#: practice shares its clients: read, never change. Covering for a colleague means being
#: assigned to the client (a client may have several coaches).
SHARED_CLIENT_ACTIONS: Final[frozenset[Action]] = frozenset({_A.READ_CLINICAL_RECORD})


@dataclass(frozen=True)
class Verdict:
    """The policy's answer for one principal, action and target.

    ``visible`` False means the principal may not learn that the target exists (answer 404);
    ``allowed`` is never True without ``visible``. ``reason`` says why not, in words fit for
    the user who asked (it names ids, never a person).
    """

    allowed: bool
    visible: bool
    reason: str = ""


@dataclass(frozen=True)
class _View:
    """What one role of the principal makes of the target."""

    visible: bool
    actions: frozenset[Action]
    withheld: frozenset[Action] = frozenset()  # actions the view holds back, and why
    why: str = ""


def _client_view(role: Role, principal: Principal, target: ClientRecord) -> _View:
    if role is Role.CLIENT:
        if principal.client_id == target.client_id:
            return _View(True, RULES[role])
        return _View(False, frozenset())
    if role is Role.COACH:
        if principal.is_coach_of(target.client_id):
            return _View(True, RULES[role])
        if principal.practice_shares_clients:
            return _View(
                True,
                RULES[role] & SHARED_CLIENT_ACTIONS,
                RULES[role] - SHARED_CLIENT_ACTIONS,
                f"{target} is not assigned to you; the practice shares its clients with every "
                "coach for reading only",
            )
        return _View(False, frozenset())
    return _View(
        True,
        RULES[role],
        RULES[Role.COACH] - RULES[role],
        "the admin role opens no clinical record; an admin works on one only as a coach "
        "assigned to the client",
    )


def _view(role: Role, principal: Principal, target: Target) -> _View:
    if isinstance(target, ClientRecord):
        return _client_view(role, principal, target)
    return _View(True, RULES[role])


def _check_scope(action: Action, target: Target) -> None:
    scope = ACTION_SCOPE[action]
    wanted = ClientRecord if scope is Scope.CLIENT else PracticeScope
    if not isinstance(target, wanted):
        raise TypeError(
            f"target: '{action}' is done to {scope}, received {type(target).__name__} {target}"
        )


def decide(principal: Principal, action: Action, target: Target, /) -> Verdict:
    """The full answer: may ``principal`` know of ``target``, may they do ``action`` to it, and
    if not, why. :func:`can`, :func:`visible` and :func:`require` all read this one function.

    A target of the wrong kind for the action (``read the audit log`` of a client record) is a
    programming error and raises TypeError.
    """
    _check_scope(action, target)
    if target.practice_id != principal.practice_id:
        return Verdict(allowed=False, visible=False, reason=f"{target} is not found")
    views = [_view(role, principal, target) for role in sorted(principal.roles)]
    seen = [v for v in views if v.visible]
    if not seen:
        return Verdict(allowed=False, visible=False, reason=f"{target} is not found")
    if any(action in v.actions for v in seen):
        return Verdict(allowed=True, visible=True)
    reasons = [v.why for v in seen if action in v.withheld]
    reason = "; ".join(dict.fromkeys(reasons)) or _no_role_reason(action)
    return Verdict(allowed=False, visible=True, reason=reason)


def _no_role_reason(action: Action) -> str:
    holders = sorted(str(r) for r in Role if action in RULES[r])
    return f"only a user with the role {' or '.join(holders)} may {action}"


def can(principal: Principal, action: Action, target: Target, /) -> bool:
    """Whether ``principal`` may do ``action`` to ``target``."""
    return decide(principal, action, target).allowed


def visible(principal: Principal, target: Target, /) -> bool:
    """Whether ``principal`` may know that ``target`` exists.

    False for any record of another practice, for a client not assigned to a coach (unless the
    practice shares its clients) and for any other client's record seen by a client user. The
    web app answers such a target 404, as if it did not exist.
    """
    probe = Action.READ_CLINICAL_RECORD if isinstance(target, ClientRecord) else Action.LIST_CLIENTS
    return decide(principal, probe, target).visible


def require(principal: Principal, action: Action, target: Target, /) -> None:
    """Return if ``principal`` may do ``action`` to ``target``; raise otherwise.

    An invisible target raises :class:`~kinchain.errors.NotFoundError` with the same message a
    missing record would give (``client 42: not found``); a visible one the user may not act on
    raises :class:`~kinchain.errors.PermissionDeniedError` naming the user, the action and why.
    """
    verdict = decide(principal, action, target)
    if verdict.allowed:
        return
    if not verdict.visible:
        raise NotFoundError(f"{target}: not found")
    raise PermissionDeniedError(
        f"{target}: {principal.describe()} may not {action}: {verdict.reason}"
    )
