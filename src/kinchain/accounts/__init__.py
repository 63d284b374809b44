"""Accounts: practice, user, role and the policy checks (pure).

Empty until issue 13 (accounts, practices) fills it; named now so the import-linter contracts
can hold the domain away from it.
"""

__all__: list[str] = []
