"""The practice admin's use cases and the single-use links: inviting a coach, an admin or a
client, joining by the link, resetting a password by the link, disabling an account, assigning
clients to coaches, the practice's settings and the audit log.

A link's token is made by :func:`kinchain.accounts.issue_token`; only its digest is stored. A
link is used with a compare-and-set on its ``used_at`` in the same transaction as the change
it allows (the new account, the new password), so it works once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from kinchain.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from kinchain.records import AuditEntry, ClientSummary, Link, User
from kinchain.services.mail import MailOutbox, invitation_mail, reset_mail
from kinchain.services.uow import UnitOfWork

__all__ = ["AccountsUnitOfWork", "AdminOverview", "AuditPage", "IssuedLink", "accept_invitation",
           "admin_overview", "assign_coach", "audit_page", "change_settings", "invite",
           "issue_reset", "link_state", "reset_password", "set_disabled", "unassign_coach"]

INVITABLE = ("coach", "admin", "client")
#: the retention a practice may set, in years (0: no duty to keep records)
RETENTION_YEARS = range(0, 101)
AUDIT_PAGE = 50


class AccountRecords(Protocol):
    def email_taken(self, email: str, /) -> bool: ...
    def user_by_email(self, email: str, /) -> User | None: ...
    def add_link(self, digest: str, purpose: str, email: str, role: str, /, *,
                 client_id: str | None, expires_at: dt.datetime) -> None: ...
    def open_links(self, purpose: str, /) -> list[Link]: ...
    def use_link(self, digest: str, /) -> None: ...
    def set_password(self, user_id: str, password_hash: str, /) -> None: ...
    def end_sessions(self, user_id: str, /) -> int: ...
    def set_disabled(self, user_id: str, disabled: bool, /) -> None: ...
    def remove_second_factor(self, user_id: str, /) -> None: ...
    def second_factor_users(self) -> frozenset[str]: ...
    def assignments(self) -> list[tuple[str, str]]: ...
    def unassign(self, client_id: str, user_id: str, /) -> None: ...
    def change_settings(self, *, coaches_see_all: bool, second_factor_required: bool,
                        retention_years: int) -> None: ...


class Outbox(MailOutbox, Protocol):
    def queue(self, recipient: str, subject: str, body: str, /) -> str: ...
    def failures(self) -> list[tuple[str, str, str]]: ...


class AccountsUnitOfWork(UnitOfWork, Protocol):
    @property
    def accounts(self) -> AccountRecords: ...
    @property
    def outbox(self) -> Outbox: ...


@dataclass(frozen=True)
class IssuedLink:
    """A link just made: its address (shown to the admin when no e-mail is sent) and whether
    an e-mail carrying it waits in the outbox."""

    url: str
    email: str
    mailed: bool


def _email(value: str) -> str:
    email = value.strip().lower()
    if "@" not in email[1:-1] or len(email) > 320 or any(c.isspace() for c in email):
        raise InputError(f"email: expected an e-mail address; received {value!r}")
    return email


def invite(uow: AccountsUnitOfWork, email: str, role: str, /, *, client_id: str | None,
           base_url: str, mail: bool) -> IssuedLink:
    """A single-use invitation (open 7 days) for a coach, an admin or a client user of a client
    record; e-mailed when ``mail``, else shown to the admin."""
    from kinchain.accounts import INVITATION_TTL, TokenPurpose, issue_token

    email = _email(email)
    if role not in INVITABLE:
        raise InputError(f"role: expected coach, admin or client; received {role!r}")
    if (role == "client") != bool(client_id):
        raise InputError("client: a client invitation names the client record it opens, and "
                         "only a client invitation does")
    with uow:
        if uow.accounts.email_taken(email):
            raise ConflictError(f"email: {email!r} already has an account")
        plain, record = issue_token(uow.now(), INVITATION_TTL, purpose=TokenPurpose.INVITATION)
        uow.accounts.add_link(record.digest, record.purpose.value, email, role,
                              client_id=client_id or None, expires_at=record.expires_at)
        url = f"{base_url.rstrip('/')}/join/{plain}"
        if mail:
            subject, body = invitation_mail(uow.practice.name, role, url,
                                            days=INVITATION_TTL.days)
            uow.outbox.queue(email, subject, body)
        uow.audit.record("invitation.create", client_id=client_id or None,
                         detail=f"{role} {email}" + (", e-mailed" if mail else ""))
        uow.commit()
    return IssuedLink(url, email, mail)


def link_state(link: Link | None, plain: str, now: dt.datetime, purpose: str, /) -> str:
    """``ok``, ``expired``, ``used`` or ``wrong`` for a presented token and its stored link."""
    from kinchain.accounts import TokenCheck, TokenPurpose, TokenRecord, check_token

    if link is None or link.purpose != purpose:
        return TokenCheck.WRONG.value
    record = TokenRecord(TokenPurpose(link.purpose), link.digest, link.created_at,
                         link.expires_at, link.used_at)
    return check_token(plain, record, now, purpose=TokenPurpose(purpose)).value


def _usable(link: Link | None, plain: str, now: dt.datetime, purpose: str) -> Link:
    state = link_state(link, plain, now, purpose)
    if state == "expired":
        raise ConflictError("link: this link has expired; ask for a new one")
    if state == "used":
        raise ConflictError("link: this link was used already; ask for a new one")
    if state != "ok" or link is None:
        raise NotFoundError("link: this link is not known; check that it was copied whole")
    return link


def accept_invitation(uow: AccountsUnitOfWork, link: Link | None, plain: str, password: str,
                      /, *, consented: bool, guardian: str | None = None) -> User:
    """Join by an invitation: the password checked by the password policy; a client must agree
    to the storing of her health data first (recorded as consent, given on the web)."""
    from kinchain.accounts import TokenPurpose, hash_password, require_acceptable_password
    from kinchain.services.lifecycle import record_consent

    with uow:
        found = _usable(link, plain, uow.now(), TokenPurpose.INVITATION.value)
    require_acceptable_password(password, context=(found.email, uow.practice.name))
    if found.client_id is not None:
        if not consented:
            raise InputError("consent: kinchain keeps your health details for your coach; "
                             "tick the box to agree, or ask your coach before you join")
        record_consent(uow, found.client_id, "health_data", True, how="web, on joining",
                       guardian=(guardian or "").strip() or None)
    with uow:
        uow.accounts.use_link(found.digest)
        user = uow.users.add(found.email, found.role, hash_password(password),
                             client_id=found.client_id)
        uow.audit.record("invitation.accept", client_id=found.client_id,
                         detail=f"{found.role} {user.id}")
        uow.commit()
    return user


def issue_reset(uow: AccountsUnitOfWork, email: str, /, *, base_url: str,
                mail: bool) -> IssuedLink | None:
    """A password-reset link (open 1 hour) for the practice's account with this address; None
    when it has none or it is disabled (the caller answers the same either way)."""
    from kinchain.accounts import PASSWORD_RESET_TTL, TokenPurpose, issue_token

    with uow:
        user = uow.accounts.user_by_email(email)
        if user is None or user.disabled_at is not None:
            return None
        plain, record = issue_token(uow.now(), PASSWORD_RESET_TTL,
                                    purpose=TokenPurpose.PASSWORD_RESET)
        uow.accounts.add_link(record.digest, record.purpose.value, user.email, user.role,
                              client_id=None, expires_at=record.expires_at)
        url = f"{base_url.rstrip('/')}/password/reset/{plain}"
        if mail:
            minutes = int(PASSWORD_RESET_TTL.total_seconds() // 60)
            uow.outbox.queue(user.email, *reset_mail(uow.practice.name, url, minutes=minutes))
        uow.audit.record("password.reset.issue", detail=f"{user.id}"
                         + (", e-mailed" if mail else ", shown to an admin"))
        uow.commit()
    return IssuedLink(url, user.email, mail)


def reset_password(uow: AccountsUnitOfWork, link: Link | None, plain: str, password: str,
                   /) -> User:
    """Set a new password by a reset link, once; every session of the user ends."""
    from kinchain.accounts import TokenPurpose, hash_password, require_acceptable_password

    with uow:
        found = _usable(link, plain, uow.now(), TokenPurpose.PASSWORD_RESET.value)
    require_acceptable_password(password, context=(found.email, uow.practice.name))
    with uow:
        user = uow.accounts.user_by_email(found.email)
        if user is None or user.disabled_at is not None:
            raise NotFoundError("link: this link is not known; check that it was copied whole")
        uow.accounts.use_link(found.digest)
        uow.accounts.set_password(user.id, hash_password(password))
        ended = uow.accounts.end_sessions(user.id)
        uow.audit.record("password.reset", detail=f"{user.id}; {ended} session(s) ended")
        uow.commit()
    return user


def set_disabled(uow: AccountsUnitOfWork, user_id: str, disabled: bool, /) -> User:
    """Disable an account (it cannot sign in; its sessions end) or enable it again."""
    if disabled and user_id == uow.actor:
        raise PermissionDeniedError("account: you cannot disable your own account; ask "
                                    "another admin")
    with uow:
        user = uow.users.get(user_id)
        uow.accounts.set_disabled(user_id, disabled)
        uow.audit.record("user.disable" if disabled else "user.enable", client_id=user.client_id,
                         detail=user_id)
        uow.commit()
    return user


def remove_second_factor(uow: AccountsUnitOfWork, user_id: str, /) -> None:
    """Remove a user's second factor (a lost phone): she enrols again at her next sign-in."""
    with uow:
        uow.users.get(user_id)
        uow.accounts.remove_second_factor(user_id)
        uow.accounts.end_sessions(user_id)
        uow.audit.record("second_factor.remove", detail=user_id)
        uow.commit()


def _coach(uow: AccountsUnitOfWork, user_id: str) -> User:
    user = uow.users.get(user_id)
    if "coach" not in user.role.split() or user.disabled_at is not None:
        raise InputError(f"coach: expected an enabled coach's account; received {user_id!r} "
                         f"({user.role}{', disabled' if user.disabled_at else ''})")
    return user


def assign_coach(uow: AccountsUnitOfWork, client_id: str, user_id: str, /) -> None:
    with uow:
        _coach(uow, user_id)
        if (client_id, user_id) in uow.accounts.assignments():
            raise ConflictError(f"coach: {user_id!r} is already assigned to this client")
        uow.clients.assign(client_id, user_id)
        uow.audit.record("coach.assign", client_id=client_id, detail=user_id)
        uow.commit()


def unassign_coach(uow: AccountsUnitOfWork, client_id: str, user_id: str, /) -> None:
    with uow:
        uow.users.get(user_id)
        uow.accounts.unassign(client_id, user_id)
        uow.audit.record("coach.unassign", client_id=client_id, detail=user_id)
        uow.commit()


def change_settings(uow: AccountsUnitOfWork, /, *, coaches_see_all: bool,
                    second_factor_required: bool, retention_years: int) -> None:
    if retention_years not in RETENTION_YEARS:
        raise InputError(f"retention_years: expected a whole number of years from 0 to 100; "
                         f"received {retention_years}")
    with uow:
        uow.accounts.change_settings(coaches_see_all=coaches_see_all,
                                     second_factor_required=second_factor_required,
                                     retention_years=retention_years)
        uow.audit.record("practice.settings", detail=(
            f"coaches see all clients: {'yes' if coaches_see_all else 'no'}; second factor "
            f"required: {'yes' if second_factor_required else 'no'}; retention "
            f"{retention_years} year(s)"))
        uow.commit()


@dataclass(frozen=True)
class AdminOverview:
    users: list[User]
    clients: list[ClientSummary]
    assignments: list[tuple[str, str]]
    invitations: list[Link]
    second_factor: frozenset[str]
    mail_failures: list[tuple[str, str, str]]


def admin_overview(uow: AccountsUnitOfWork, /) -> AdminOverview:
    """The practice's accounts, clients, assignments, open invitations and mail failures."""
    from kinchain.accounts import TokenPurpose

    with uow:
        overview = AdminOverview(
            uow.users.all(), uow.clients.page(limit=10_000), uow.accounts.assignments(),
            uow.accounts.open_links(TokenPurpose.INVITATION.value),
            uow.accounts.second_factor_users(), uow.outbox.failures())
        uow.audit.record("accounts.read", detail=f"{len(overview.users)} account(s)")
        uow.commit()
    return overview


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    page: int
    more: bool
    who: dict[str, str]  # user id: e-mail


def audit_page(uow: AccountsUnitOfWork, /, *, client_id: str | None, page: int) -> AuditPage:
    """One page of the practice's audit log, newest first, of one client or of all."""
    page = max(1, page)
    with uow:
        if client_id:
            uow.clients.get(client_id)  # another practice's client: not found
        rows = uow.audit.entries(client_id=client_id or None, limit=AUDIT_PAGE + 1,
                                 offset=(page - 1) * AUDIT_PAGE)
        who = {u.id: u.email for u in uow.users.all()}
        uow.audit.record("audit.read", client_id=client_id or None, detail=f"page {page}")
        uow.commit()
    return AuditPage(rows[:AUDIT_PAGE], page, len(rows) > AUDIT_PAGE, who)
