"""Accounts: roles, the access policy, passwords and single-use tokens (pure).

Filled by issue 13 (accounts, practices, sessions) on the ground of issue 12 (storage). Nothing
here touches storage or the web: the store maps its rows onto :class:`Principal` and
:class:`TokenRecord`, and the web app turns :func:`require`'s errors into 404 and 403.
``docs/accounts.md`` explains the rules and where each choice comes from.

- :mod:`~kinchain.accounts.principals`: :class:`Role`, :class:`Principal` and the targets;
- :mod:`~kinchain.accounts.policy`: the rule table and :func:`can`, :func:`visible`,
  :func:`require`;
- :mod:`~kinchain.accounts.passwords`: Argon2id hashing;
- :mod:`~kinchain.accounts.password_policy`: which new passwords are accepted;
- :mod:`~kinchain.accounts.tokens`: invitation and password-reset tokens.
"""

from kinchain.accounts.password_policy import (
    MAX_LENGTH,
    MIN_LENGTH,
    PasswordProblem,
    PasswordRule,
    password_problems,
    require_acceptable_password,
)
from kinchain.accounts.passwords import (
    DEFAULT_HASH_PARAMETERS,
    OWASP_MINIMUM,
    RFC_9106_LOW_MEMORY,
    HashParameters,
    hash_password,
    normalized_password,
    verify_password,
    verify_password_for_missing_user,
)
from kinchain.accounts.policy import (
    ACTION_SCOPE,
    RULES,
    SHARED_CLIENT_ACTIONS,
    Action,
    Scope,
    Verdict,
    can,
    decide,
    require,
    visible,
)
from kinchain.accounts.principals import (
    ClientRecord,
    PracticeScope,
    Principal,
    RecordId,
    Role,
    Target,
)
from kinchain.accounts.tokens import (
    INVITATION_TTL,
    PASSWORD_RESET_TTL,
    TOKEN_BYTES,
    TokenCheck,
    TokenPurpose,
    TokenRecord,
    check_token,
    issue_token,
    mark_used,
    token_digest,
)

__all__ = [
    "ACTION_SCOPE",
    "DEFAULT_HASH_PARAMETERS",
    "INVITATION_TTL",
    "MAX_LENGTH",
    "MIN_LENGTH",
    "OWASP_MINIMUM",
    "PASSWORD_RESET_TTL",
    "RFC_9106_LOW_MEMORY",
    "RULES",
    "SHARED_CLIENT_ACTIONS",
    "TOKEN_BYTES",
    "Action",
    "ClientRecord",
    "HashParameters",
    "PasswordProblem",
    "PasswordRule",
    "PracticeScope",
    "Principal",
    "RecordId",
    "Role",
    "Scope",
    "Target",
    "TokenCheck",
    "TokenPurpose",
    "TokenRecord",
    "Verdict",
    "can",
    "check_token",
    "decide",
    "hash_password",
    "issue_token",
    "mark_used",
    "normalized_password",
    "password_problems",
    "require",
    "require_acceptable_password",
    "token_digest",
    "verify_password",
    "verify_password_for_missing_user",
    "visible",
]
