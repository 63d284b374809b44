"""Who is asking (a :class:`Principal`) and what they ask about (a :class:`Target`).

A principal is built by the web app from the stored user at each request and never changes
during it. Its fields are what the policy (:mod:`kinchain.accounts.policy`) needs and nothing
more: the practice, the roles, the client record a client user is, the clients assigned to a
coach and whether the practice lets its coaches see each other's clients.

Ids are the store's record ids (:data:`RecordId`); the policy only compares them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

__all__ = ["ClientRecord", "PracticeScope", "Principal", "RecordId", "Role", "Target"]

#: The id of a stored record (practice, user, client). One alias, so the store's choice of id
#: type is made here once.
RecordId: TypeAlias = str


class Role(StrEnum):
    """What a user is in a practice (issue 12).

    - ``coach``: works with her assigned clients; the practice's other clients only where the
      practice allows it.
    - ``admin``: manages the practice's accounts, invitations and assignments and reads its audit
      log. The role opens no clinical record: an admin reads one only as a coach assigned to
      that client (a user may hold both roles).
    - ``client``: the person a client record is about; sees that record and nothing else.
    """

    COACH = "coach"
    ADMIN = "admin"
    CLIENT = "client"


def _check_id(name: str, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise TypeError(f"{name}: expected a record id (text), received {value!r}")


@dataclass(frozen=True)
class Principal:
    """The user making a request, as the policy sees them.

    >>> coach = Principal(user_id="7", practice_id="1", roles=frozenset({Role.COACH}),
    ...                   assigned_client_ids=frozenset({"42"}))
    >>> coach.is_coach_of("42"), coach.is_coach_of("43")
    (True, False)
    >>> Principal(user_id="8", practice_id="1", roles=frozenset({Role.CLIENT}))
    Traceback (most recent call last):
    ...
    ValueError: client_id: a client user must name their client record, received None
    """

    user_id: RecordId
    practice_id: RecordId
    roles: frozenset[Role]
    #: the client record a client user is (None for coaches and admins)
    client_id: RecordId | None = None
    #: the clients assigned to this user as a coach (empty unless the user is a coach)
    assigned_client_ids: frozenset[RecordId] = field(default_factory=frozenset)
    #: the practice's setting: its coaches may read the clients of the other coaches
    practice_shares_clients: bool = False

    def __post_init__(self) -> None:
        _check_id("user_id", self.user_id)
        _check_id("practice_id", self.practice_id)
        self._check_roles()
        for client in self.assigned_client_ids:
            _check_id("assigned_client_ids", client)
        if self.assigned_client_ids and Role.COACH not in self.roles:
            raise ValueError(
                "assigned_client_ids: only a coach has assigned clients, received "
                f"{sorted(self.assigned_client_ids)} for roles {_roles_text(self.roles)}"
            )

    def _check_roles(self) -> None:
        if not self.roles or not all(isinstance(r, Role) for r in self.roles):
            raise ValueError(
                f"roles: expected one or more of coach, admin or client, received {self.roles!r}"
            )
        if Role.CLIENT in self.roles and len(self.roles) > 1:
            raise ValueError(
                "roles: a client user holds no other role, received " + _roles_text(self.roles)
            )
        if Role.CLIENT in self.roles:
            if self.client_id is None:
                raise ValueError(
                    "client_id: a client user must name their client record, received None"
                )
            _check_id("client_id", self.client_id)
        elif self.client_id is not None:
            raise ValueError(
                f"client_id: only a client user is a client record, received {self.client_id} "
                f"for roles {_roles_text(self.roles)}"
            )

    def is_coach_of(self, client_id: RecordId, /) -> bool:
        """Whether this user is one of the coaches assigned to the client."""
        return Role.COACH in self.roles and client_id in self.assigned_client_ids

    def describe(self) -> str:
        """``user 7 (coach)``: for messages and the audit log; names no person."""
        return f"user {self.user_id} ({_roles_text(self.roles)})"


def _roles_text(roles: frozenset[Role]) -> str:
    return " and ".join(sorted(str(r) for r in roles)) or "no role"


@dataclass(frozen=True)
class ClientRecord:
    """One client's record: the intake versions, check-ins, program, messages and ticks."""

    practice_id: RecordId
    client_id: RecordId

    def __post_init__(self) -> None:
        _check_id("practice_id", self.practice_id)
        _check_id("client_id", self.client_id)

    def __str__(self) -> str:
        return f"client {self.client_id}"


@dataclass(frozen=True)
class PracticeScope:
    """The practice as a whole: its accounts, settings, audit log, backups and client list."""

    practice_id: RecordId

    def __post_init__(self) -> None:
        _check_id("practice_id", self.practice_id)

    def __str__(self) -> str:
        return f"practice {self.practice_id}"


#: What an action is done to.
Target: TypeAlias = ClientRecord | PracticeScope
