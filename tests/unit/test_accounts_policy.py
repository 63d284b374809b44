"""The access policy of issue 12: a coach sees her own clients (the practice's others only where it
allows, and then only to read), an admin opens no clinical record as admin, a client sees only
their own record, and another practice's records are invisible to everyone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinchain.accounts import (
    ACTION_SCOPE,
    RULES,
    Action,
    ClientRecord,
    PracticeScope,
    Principal,
    Role,
    Scope,
    Target,
    can,
    decide,
    require,
    visible,
)
from kinchain.errors import NotFoundError, PermissionDeniedError

PRACTICE = "1"
OTHER_PRACTICE = "2"
MARIA = "42"  # assigned to the coach
JONAS = "43"  # a client of the same practice, assigned to another coach

CLINICAL = [a for a, scope in ACTION_SCOPE.items() if scope is Scope.CLIENT]
CLIENT_ACTIONS_OF_A_COACH = sorted(a for a in CLINICAL if a in RULES[Role.COACH])
PRACTICE_ACTIONS = [a for a, scope in ACTION_SCOPE.items() if scope is Scope.PRACTICE]


def coach(*, shares: bool = False, practice: str = PRACTICE) -> Principal:
    return Principal(
        user_id="7",
        practice_id=practice,
        roles=frozenset({Role.COACH}),
        assigned_client_ids=frozenset({MARIA}),
        practice_shares_clients=shares,
    )


def admin(*, also_coach: bool = False) -> Principal:
    roles = {Role.ADMIN, Role.COACH} if also_coach else {Role.ADMIN}
    return Principal(
        user_id="3",
        practice_id=PRACTICE,
        roles=frozenset(roles),
        assigned_client_ids=frozenset({MARIA}) if also_coach else frozenset(),
    )


def client_user(client_id: str = MARIA) -> Principal:
    return Principal(
        user_id="9", practice_id=PRACTICE, roles=frozenset({Role.CLIENT}), client_id=client_id
    )


def record(client_id: str, practice: str = PRACTICE) -> ClientRecord:
    return ClientRecord(practice_id=practice, client_id=client_id)


# -- the table itself -----------------------------------------------------------------------


def test_every_action_says_whether_it_is_done_to_a_client_record_or_to_the_practice() -> None:
    assert set(ACTION_SCOPE) == set(Action)


def test_every_action_is_allowed_to_at_least_one_role() -> None:
    assert set().union(*RULES.values()) == set(Action)


def test_the_admin_role_holds_no_action_that_reads_or_changes_clinical_content() -> None:
    clinical_content = {
        Action.READ_CLINICAL_RECORD,
        Action.CHANGE_INTAKE,
        Action.ADD_CHECKIN,
        Action.EDIT_PROGRAM,
        Action.APPROVE_PROPOSAL,
        Action.EXPORT_FHIR,
        Action.MESSAGE,
    }
    assert RULES[Role.ADMIN] & clinical_content == set()


def test_a_client_takes_no_action_on_the_practice() -> None:
    assert RULES[Role.CLIENT] & set(PRACTICE_ACTIONS) == set()


# -- coaches -------------------------------------------------------------------------------


@pytest.mark.parametrize("action", CLIENT_ACTIONS_OF_A_COACH)
def test_a_coach_may_do_every_coach_action_for_her_assigned_client(action: Action) -> None:
    assert can(coach(), action, record(MARIA))


@pytest.mark.parametrize("action", CLIENT_ACTIONS_OF_A_COACH)
def test_a_coach_cannot_see_an_unassigned_client_where_the_practice_does_not_share(
    action: Action,
) -> None:
    assert not visible(coach(), record(JONAS))
    assert not can(coach(), action, record(JONAS))
    with pytest.raises(NotFoundError, match="client 43: not found"):
        require(coach(), action, record(JONAS))


def test_a_coach_reads_a_colleagues_client_where_the_practice_shares_its_clients() -> None:
    assert visible(coach(shares=True), record(JONAS))
    assert can(coach(shares=True), Action.READ_CLINICAL_RECORD, record(JONAS))


@pytest.mark.parametrize(
    "action", [a for a in CLIENT_ACTIONS_OF_A_COACH if a is not Action.READ_CLINICAL_RECORD]
)
def test_sharing_lets_a_coach_read_a_colleagues_client_but_change_nothing(
    action: Action,
) -> None:
    with pytest.raises(PermissionDeniedError) as refused:
        require(coach(shares=True), action, record(JONAS))
    message = str(refused.value)
    assert message.startswith(f"client 43: user 7 (coach) may not {action}: ")
    assert "not assigned to you" in message and "reading only" in message


def test_a_coach_may_not_read_the_audit_log_nor_manage_accounts() -> None:
    for action in (Action.READ_AUDIT_LOG, Action.MANAGE_USERS, Action.BACKUP):
        with pytest.raises(PermissionDeniedError, match="only a user with the role admin"):
            require(coach(), action, PracticeScope(practice_id=PRACTICE))


# -- admins --------------------------------------------------------------------------------


def test_an_admin_cannot_read_a_clinical_record_as_admin_and_is_told_why() -> None:
    assert visible(admin(), record(MARIA))
    with pytest.raises(PermissionDeniedError) as refused:
        require(admin(), Action.READ_CLINICAL_RECORD, record(MARIA))
    assert str(refused.value) == (
        "client 42: user 3 (admin) may not read the clinical record: the admin role opens no "
        "clinical record; an admin works on one only as a coach assigned to the client"
    )


def test_an_admin_who_also_coaches_reads_her_assigned_client_but_no_other() -> None:
    both = admin(also_coach=True)
    assert can(both, Action.READ_CLINICAL_RECORD, record(MARIA))
    assert not can(both, Action.READ_CLINICAL_RECORD, record(JONAS))
    assert can(both, Action.ASSIGN_COACHES, record(JONAS))  # the admin part still assigns


@pytest.mark.parametrize(
    "action", [Action.MANAGE_USERS, Action.READ_AUDIT_LOG, Action.BACKUP, Action.CHANGE_SETTINGS]
)
def test_an_admin_manages_her_own_practice(action: Action) -> None:
    assert can(admin(), action, PracticeScope(practice_id=PRACTICE))
    assert not can(admin(), action, PracticeScope(practice_id=OTHER_PRACTICE))


def test_an_admin_assigns_invites_and_erases_the_clients_of_her_practice() -> None:
    for action in (Action.ASSIGN_COACHES, Action.INVITE_CLIENT, Action.ERASE_RECORD):
        assert can(admin(), action, record(JONAS))


# -- clients -------------------------------------------------------------------------------


def test_a_client_reads_ticks_and_checks_in_on_their_own_record() -> None:
    for action in (Action.READ_CLINICAL_RECORD, Action.TICK_ROUTINE, Action.ADD_CHECKIN):
        assert can(client_user(), action, record(MARIA))


def test_a_client_cannot_see_another_client_of_the_same_practice() -> None:
    assert not visible(client_user(), record(JONAS))
    with pytest.raises(NotFoundError, match="client 43: not found"):
        require(client_user(), Action.READ_CLINICAL_RECORD, record(JONAS))


def test_a_client_may_not_edit_their_own_program_and_is_told_who_may() -> None:
    with pytest.raises(PermissionDeniedError, match="only a user with the role coach"):
        require(client_user(), Action.EDIT_PROGRAM, record(MARIA))


def test_a_client_does_not_see_the_practices_client_list() -> None:
    assert not can(client_user(), Action.LIST_CLIENTS, PracticeScope(practice_id=PRACTICE))


# -- tenancy, for every principal, action and target ---------------------------------------

principals = st.one_of(
    st.builds(coach, shares=st.booleans()),
    st.builds(admin, also_coach=st.booleans()),
    st.builds(client_user, client_id=st.sampled_from([MARIA, JONAS])),
)
client_actions = st.sampled_from(CLINICAL)
client_ids = st.sampled_from([MARIA, JONAS, "44"])


@given(principals, client_actions, client_ids)
def test_another_practices_client_record_is_invisible_to_everyone(
    who: Principal, action: Action, client_id: str
) -> None:
    target = record(client_id, practice=OTHER_PRACTICE)
    verdict = decide(who, action, target)
    assert not verdict.visible and not verdict.allowed
    with pytest.raises(NotFoundError) as refused:
        require(who, action, target)
    # the very words a record that does not exist gets: nothing says the id is taken
    assert str(refused.value) == f"client {client_id}: not found"


@given(principals, st.sampled_from(PRACTICE_ACTIONS))
def test_another_practice_itself_is_invisible_to_everyone(who: Principal, action: Action) -> None:
    assert not visible(who, PracticeScope(practice_id=OTHER_PRACTICE))
    assert not can(who, action, PracticeScope(practice_id=OTHER_PRACTICE))


@given(principals, st.sampled_from(list(Action)), client_ids)
def test_nothing_is_allowed_on_a_target_the_user_may_not_see(
    who: Principal, action: Action, client_id: str
) -> None:
    target: Target = (
        record(client_id) if ACTION_SCOPE[action] is Scope.CLIENT else PracticeScope(PRACTICE)
    )
    verdict = decide(who, action, target)
    assert verdict.visible or not verdict.allowed
    assert verdict.visible == visible(who, target)
    assert verdict.allowed or verdict.reason  # a refusal always says why


# -- bad use -------------------------------------------------------------------------------


def test_an_action_on_the_wrong_kind_of_target_is_a_programming_error_said_plainly() -> None:
    with pytest.raises(TypeError, match="'read the audit log' is done to the practice"):
        can(admin(), Action.READ_AUDIT_LOG, record(MARIA))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"roles": frozenset()}, "roles: expected one or more"),
        ({"roles": frozenset({Role.CLIENT})}, "client_id: a client user must name"),
        ({"roles": frozenset({Role.CLIENT, Role.COACH}), "client_id": "1"}, "holds no other role"),
        ({"roles": frozenset({Role.COACH}), "client_id": "1"}, "only a client user is a client"),
        (
            {"roles": frozenset({Role.ADMIN}), "assigned_client_ids": frozenset({"1"})},
            "only a coach has assigned clients",
        ),
        ({"roles": frozenset({Role.COACH}), "user_id": 7}, "user_id: expected a record id"),
    ],
)
def test_a_principal_that_makes_no_sense_is_refused_naming_the_field(
    fields: dict[str, object], message: str
) -> None:
    base: dict[str, object] = {"user_id": "7", "practice_id": PRACTICE}
    with pytest.raises((ValueError, TypeError), match=message):
        Principal(**{**base, **fields})
