"""Reminders, the calendar feed and messages: the practice's SMTP server (its password
sealed), each client"s reminder plan, the reminders claimed and sent (one per client, local
day and kind), the scheduler"s lease, and the messages between client and coach (never
changed, like every history table).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 15:07:13.148416
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


_SQLITE_UPDATE = """CREATE TRIGGER message_never_updated BEFORE UPDATE ON message
BEGIN SELECT RAISE(ABORT, 'message: a stored record is never changed; add a new one'); END"""
_SQLITE_DELETE = """CREATE TRIGGER message_kept BEFORE DELETE ON message
WHEN NOT EXISTS (SELECT 1 FROM erasure WHERE erasure.client_id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'message: a stored record is removed only by a confirmed erasure'); END"""
# the guard function comes from 0001
_PG_TRIGGER = """CREATE TRIGGER message_history BEFORE UPDATE OR DELETE ON message
FOR EACH ROW EXECUTE FUNCTION kinchain_history_guard()"""


def _guard_messages() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_TRIGGER)
    else:
        op.execute(_SQLITE_UPDATE)
        op.execute(_SQLITE_DELETE)


def _settings_and_lease() -> None:
    op.create_table(
        "scheduler_lease",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_scheduler_lease")),
    )
    op.create_table(
        "smtp_setting",
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("starttls", sa.Boolean(), nullable=False),
        sa.Column("username", sa.String(length=320), nullable=True),
        sa.Column("password_sealed", sa.Text(), nullable=True),
        sa.Column("sender", sa.String(length=320), nullable=False),
        sa.Column("base_url", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_smtp_setting_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("practice_id", name=op.f("pk_smtp_setting")),
    )


def _messages() -> None:
    op.create_table(
        "message",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("author_id", sa.String(length=40), nullable=False),
        sa.Column("author_role", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_message_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_message_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index("ix_message_client_at", ["client_id", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_practice_id"), ["practice_id"], unique=False)

    _guard_messages()


def _plans_and_sends() -> None:
    op.create_table(
        "reminder_plan",
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("local_time", sa.String(length=5), nullable=False),
        sa.Column("evening_time", sa.String(length=5), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("calendar_digest", sa.String(length=64), nullable=True),
        sa.Column("calendar_nonce", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_reminder_plan_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_reminder_plan_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_reminder_plan")),
        sa.UniqueConstraint("calendar_digest", name=op.f("uq_reminder_plan_calendar_digest")),
    )
    with op.batch_alter_table("reminder_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reminder_plan_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "reminder_send",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("practice_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("holder", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_reminder_send_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practice.id"], name=op.f("fk_reminder_send_practice_id_practice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_send")),
        sa.UniqueConstraint("client_id", "day", "kind", name="uq_reminder_once"),
    )
    with op.batch_alter_table("reminder_send", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_send_client_id"), ["client_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reminder_send_practice_id"), ["practice_id"], unique=False
        )


def upgrade() -> None:
    _settings_and_lease()
    _messages()
    _plans_and_sends()


def downgrade() -> None:
    with op.batch_alter_table("reminder_send", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_send_practice_id"))
        batch_op.drop_index(batch_op.f("ix_reminder_send_client_id"))

    op.drop_table("reminder_send")
    with op.batch_alter_table("reminder_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_plan_practice_id"))

    op.drop_table("reminder_plan")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_practice_id"))
        batch_op.drop_index("ix_message_client_at")

    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER message_history ON message")
    else:
        op.execute("DROP TRIGGER message_never_updated")
        op.execute("DROP TRIGGER message_kept")
    op.drop_table("message")
    op.drop_table("smtp_setting")
    op.drop_table("scheduler_lease")
