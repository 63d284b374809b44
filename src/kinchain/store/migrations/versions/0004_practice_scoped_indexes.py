"""Indexes for a practice's client list and one client's latest check-ins and edits.

Found by bench/bench_store.py on SQLite, which has no statistics (kinchain never runs
ANALYZE): with ``practice_id`` and ``client_id`` in separate indexes the planner took the
practice's, so the client list's pain trend walked every check-in of the practice (103 ms for
50 clients at 1,000 clients, growing with the practice) and a client's edits walked all of the
practice's edits. With both in one index each client is a seek (0.25 ms). The client list reads
a practice's clients in name order from an index, and a coach's clients from ``user_id``.

Revision ID: 0004
Revises: 0003c
Create Date: 2026-12-02 14:13:45.960825
"""

from alembic import op

revision = "0004"
down_revision = "0003c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.create_index(
            "ix_checkin_practice_client_date",
            ["practice_id", "client_id", "date", "id"],
            unique=False,
        )

    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.create_index(
            "ix_client_practice_name", ["practice_id", "name", "id"], unique=False
        )

    with op.batch_alter_table("client_coach", schema=None) as batch_op:
        batch_op.create_index("ix_client_coach_user_id", ["user_id"], unique=False)

    with op.batch_alter_table("program_edit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_program_edit_practice_client", ["practice_id", "client_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("program_edit", schema=None) as batch_op:
        batch_op.drop_index("ix_program_edit_practice_client")

    with op.batch_alter_table("client_coach", schema=None) as batch_op:
        batch_op.drop_index("ix_client_coach_user_id")

    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index("ix_client_practice_name")

    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_index("ix_checkin_practice_client_date")
