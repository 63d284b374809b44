"""Every route declares who may use it, here, and the app refuses to start with a route that
does not. A rule is one of: public (no sign-in: /healthz, the sign-in page), signed in (any
user of any role: the sign-out), an action on the practice, or an action on the client named
by the route's ``client_id`` (the accounts policy decides, :mod:`kinchain.accounts.policy`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from fastapi.routing import APIRoute

from kinchain.accounts import Action

__all__ = ["RULE_ATTRIBUTE", "Rule", "api_routes", "client_rule", "practice_rule", "public",
           "rule_of", "signed_in"]

RULE_ATTRIBUTE = "__kinchain_rule__"
F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Rule:
    kind: Literal["public", "signed_in", "practice", "client"]
    action: Action | None = None


def _mark(rule: Rule) -> Callable[[F], F]:
    def mark(endpoint: F) -> F:
        setattr(endpoint, RULE_ATTRIBUTE, rule)
        return endpoint

    return mark


def public(endpoint: F) -> F:
    """Anyone, signed in or not."""
    return _mark(Rule("public"))(endpoint)


def signed_in(endpoint: F) -> F:
    """Any signed-in user."""
    return _mark(Rule("signed_in"))(endpoint)


def practice_rule(action: Action) -> Callable[[F], F]:
    """A signed-in user who may take ``action`` on her practice."""
    return _mark(Rule("practice", action))


def client_rule(action: Action) -> Callable[[F], F]:
    """A signed-in user who may take ``action`` on the client the route names."""
    return _mark(Rule("client", action))


def rule_of(endpoint: object) -> Rule | None:
    found = getattr(endpoint, RULE_ATTRIBUTE, None)
    return found if isinstance(found, Rule) else None


def api_routes(app: object) -> list[APIRoute]:
    """Every API route of the app, walking included routers (FastAPI keeps them nested)."""
    found: list[APIRoute] = []
    pending = list(getattr(getattr(app, "router", app), "routes", []))
    while pending:
        route = pending.pop(0)
        if isinstance(route, APIRoute):
            found.append(route)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            pending.extend(inner.routes)
    return found
