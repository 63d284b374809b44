"""The first schema: practices, users, clients and their history.

The history tables refuse an UPDATE always, and a DELETE unless the client's erasure has been
confirmed (the audit log refuses every DELETE): triggers on both databases, so not even a
mistaken query in kinchain itself can rewrite a record.

Revision ID: 0001
Revises: none
Create Date: 2026-12-02 13:51:52.030478
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


HISTORY = (
    "intake_version", "checkin", "program_edit", "routine_tick", "program_shown",
    "consent", "program_proposal", "proposal_decision",
)  # fmt: skip
NEVER_DELETED = ("audit_event",)

_SQLITE_UPDATE = """CREATE TRIGGER {t}_never_updated BEFORE UPDATE ON {t}
BEGIN SELECT RAISE(ABORT, '{t}: a stored record is never changed; add a new one'); END"""
_SQLITE_DELETE = """CREATE TRIGGER {t}_kept BEFORE DELETE ON {t} {when}
BEGIN SELECT RAISE(ABORT, '{t}: a stored record is removed only by a confirmed erasure'); END"""
_ERASED = "WHEN NOT EXISTS (SELECT 1 FROM erasure WHERE erasure.client_id = OLD.client_id)"

_PG_GUARD = """CREATE FUNCTION kinchain_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION '%: a stored record is never changed; add a new one', TG_TABLE_NAME;
  END IF;
  IF TG_TABLE_NAME = 'audit_event'
     OR NOT EXISTS (SELECT 1 FROM erasure WHERE erasure.client_id = OLD.client_id) THEN
    RAISE EXCEPTION '%: a stored record is removed only by a confirmed erasure', TG_TABLE_NAME;
  END IF;
  RETURN OLD;
END $$"""
_PG_TRIGGER = """CREATE TRIGGER {t}_history BEFORE UPDATE OR DELETE ON {t}
FOR EACH ROW EXECUTE FUNCTION kinchain_history_guard()"""


def _guard_history() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        for table in (*HISTORY, *NEVER_DELETED):
            op.execute(_PG_TRIGGER.format(t=table))
        return
    for table in (*HISTORY, *NEVER_DELETED):
        op.execute(_SQLITE_UPDATE.format(t=table))
        op.execute(_SQLITE_DELETE.format(t=table, when=_ERASED if table in HISTORY else ""))


def _drop_guards() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in (*HISTORY, *NEVER_DELETED):
        if postgres:
            op.execute(f"DROP TRIGGER {table}_history ON {table}")
        else:
            op.execute(f"DROP TRIGGER {table}_never_updated")
            op.execute(f"DROP TRIGGER {table}_kept")
    if postgres:
        op.execute("DROP FUNCTION kinchain_history_guard()")


def upgrade() -> None:
    op.create_table(
        "practice",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("coaches_see_all", sa.Boolean(), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice")),
        sa.UniqueConstraint("name", name=op.f("uq_practice_name")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=True),
        sa.Column("client_id", sa.String(length=40), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("origin", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_audit_event_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_practice_at", ["practice_id", "at"], unique=False)

    op.create_table(
        "client",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_client_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client")),
    )
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_practice_id"), ["practice_id"], unique=False)

    op.create_table(
        "erasure",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=320), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_erasure_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure")),
    )
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasure_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_erasure_practice_id"), ["practice_id"], unique=False)

    op.create_table(
        "program_snapshot",
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("kinchain_version", sa.String(length=40), nullable=False),
        sa.Column("knowledge_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_program_snapshot_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("practice_id", "hash", name=op.f("pk_program_snapshot")),
    )
    op.create_table(
        "checkin",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("worst_pain", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_checkin_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_checkin_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin")),
        sa.UniqueConstraint("client_id", "date", "content_hash", name="uq_checkin_content"),
        sa.UniqueConstraint("practice_id", "idempotency_key", name="uq_checkin_key"),
    )
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.create_index("ix_checkin_client_date", ["client_id", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkin_practice_id"), ["practice_id"], unique=False)

    op.create_table(
        "consent",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("how", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("clinician", sa.String(length=200), nullable=True),
        sa.Column("guardian", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_consent_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_consent_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_practice_id"), ["practice_id"], unique=False)

    op.create_table(
        "intake_draft",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=True),
        sa.Column("author_id", sa.String(length=40), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_intake_draft_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_intake_draft_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_draft")),
    )
    with op.batch_alter_table("intake_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intake_draft_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_intake_draft_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "intake_version",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("saved_by", sa.String(length=320), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_intake_version_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_intake_version_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_version")),
        sa.UniqueConstraint("client_id", "version", name=op.f("uq_intake_version_client_id")),
    )
    with op.batch_alter_table("intake_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_version_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_intake_version_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "program_edit",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_program_edit_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_program_edit_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_edit")),
    )
    with op.batch_alter_table("program_edit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_program_edit_client_id"), ["client_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_program_edit_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "program_proposal",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("because", sa.String(length=16), nullable=False),
        sa.Column("snapshot", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_program_proposal_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_program_proposal_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_proposal")),
    )
    with op.batch_alter_table("program_proposal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_program_proposal_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_program_proposal_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "program_shown",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("snapshot", sa.String(length=64), nullable=False),
        sa.Column("shown_at", sa.DateTime(), nullable=False),
        sa.Column("because", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_program_shown_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_program_shown_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_shown")),
    )
    with op.batch_alter_table("program_shown", schema=None) as batch_op:
        batch_op.create_index("ix_program_shown_client_at", ["client_id", "shown_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_program_shown_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "routine_tick",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_routine_tick_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_routine_tick_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routine_tick")),
        sa.UniqueConstraint("client_id", "day", "exercise_id", name="uq_tick_once"),
    )
    with op.batch_alter_table("routine_tick", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routine_tick_client_id"), ["client_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_routine_tick_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "user_account",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_user_account_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_user_account_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("email", name=op.f("uq_user_account_email")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_user_account_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "client_coach",
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_client_coach_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_client_coach_practice_id_practice")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_client_coach_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("client_id", "user_id", name=op.f("pk_client_coach")),
    )
    with op.batch_alter_table("client_coach", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_client_coach_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "proposal_decision",
        sa.Column("proposal_id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("decided_by", sa.String(length=320), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_proposal_decision_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_proposal_decision_practice_id_practice")
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["program_proposal.id"],
            name=op.f("fk_proposal_decision_proposal_id_program_proposal"),
        ),
        sa.PrimaryKeyConstraint("proposal_id", name=op.f("pk_proposal_decision")),
    )
    with op.batch_alter_table("proposal_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_decision_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_proposal_decision_practice_id"), ["practice_id"], unique=False
        )
    _guard_history()


def downgrade() -> None:
    _drop_guards()
    with op.batch_alter_table("proposal_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_decision_practice_id"))
        batch_op.drop_index(batch_op.f("ix_proposal_decision_client_id"))

    op.drop_table("proposal_decision")
    with op.batch_alter_table("client_coach", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_coach_practice_id"))

    op.drop_table("client_coach")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_practice_id"))

    op.drop_table("user_account")
    with op.batch_alter_table("routine_tick", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routine_tick_practice_id"))
        batch_op.drop_index(batch_op.f("ix_routine_tick_client_id"))

    op.drop_table("routine_tick")
    with op.batch_alter_table("program_shown", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_shown_practice_id"))
        batch_op.drop_index("ix_program_shown_client_at")

    op.drop_table("program_shown")
    with op.batch_alter_table("program_proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_proposal_practice_id"))
        batch_op.drop_index(batch_op.f("ix_program_proposal_client_id"))

    op.drop_table("program_proposal")
    with op.batch_alter_table("program_edit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_edit_practice_id"))
        batch_op.drop_index(batch_op.f("ix_program_edit_client_id"))

    op.drop_table("program_edit")
    with op.batch_alter_table("intake_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_version_practice_id"))
        batch_op.drop_index(batch_op.f("ix_intake_version_client_id"))

    op.drop_table("intake_version")
    with op.batch_alter_table("intake_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_draft_practice_id"))
        batch_op.drop_index(batch_op.f("ix_intake_draft_author_id"))

    op.drop_table("intake_draft")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_practice_id"))
        batch_op.drop_index(batch_op.f("ix_consent_client_id"))

    op.drop_table("consent")
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_practice_id"))
        batch_op.drop_index("ix_checkin_client_date")

    op.drop_table("checkin")
    op.drop_table("program_snapshot")
    with op.batch_alter_table("erasure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_practice_id"))
        batch_op.drop_index(batch_op.f("ix_erasure_client_id"))

    op.drop_table("erasure")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_practice_id"))

    op.drop_table("client")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_practice_at")

    op.drop_table("audit_event")
    op.drop_table("practice")
