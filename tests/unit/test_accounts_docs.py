"""The rule table in docs/accounts.md is the policy: a row that says what the code does not, or
an action the docs leave out, fails here."""

from __future__ import annotations

import re
from pathlib import Path

from kinchain.accounts import ACTION_SCOPE, RULES, Action, Role, Scope

DOC = Path(__file__).resolve().parents[2] / "docs" / "accounts.md"
ROW = re.compile(
    r"^\| (?P<action>[a-z][^|]*[^| ]) \| (?P<scope>client record|practice) "
    r"\| (?P<coach>yes|no) \| (?P<admin>yes|no) \| (?P<client>yes|no) \|$"
)
SCOPES = {"client record": Scope.CLIENT, "practice": Scope.PRACTICE}


def _rows() -> dict[str, dict[str, str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        found = ROW.match(line)
        if found:
            rows[found["action"]] = found.groupdict()
    return rows


def test_the_docs_table_has_one_row_for_every_action() -> None:
    assert sorted(_rows()) == sorted(str(a) for a in Action)


def test_each_row_of_the_docs_table_says_what_the_rule_table_does() -> None:
    for name, row in _rows().items():
        action = Action(name)
        assert SCOPES[row["scope"]] is ACTION_SCOPE[action], name
        for role in Role:
            assert (row[str(role)] == "yes") is (action in RULES[role]), f"{name}: {role}"
