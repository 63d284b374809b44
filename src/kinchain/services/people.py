"""Account use cases: add a coach, admin or client user to a practice."""

from __future__ import annotations

from kinchain.errors import InputError
from kinchain.records import User
from kinchain.services.uow import UnitOfWork

__all__ = ["ROLES", "add_user"]

ROLES = ("coach", "admin", "client")


def add_user(uow: UnitOfWork, email: str, role: str, password: str, /, *,
             client_id: str | None = None) -> User:  # fmt: skip
    """Add an account: the e-mail is its login, the password is kept only as a hash."""
    from kinchain.accounts import hash_password, require_acceptable_password

    if role not in ROLES:
        raise InputError(f"role: expected coach, admin or client; received {role!r}")
    if "@" not in email.strip()[1:-1]:
        raise InputError(f"email: expected an e-mail address; received {email!r}")
    if (role == "client") != (client_id is not None):
        raise InputError("client: a client user is linked to exactly one client record "
                         "(--client ID), and only a client user is")  # fmt: skip
    with uow:
        require_acceptable_password(password, context=(email, uow.practice.name))
        user = uow.users.add(email, role, hash_password(password), client_id=client_id)
        uow.audit.record("user.add", client_id=client_id, detail=f"{role} {user.id}")
        uow.commit()
    return user
