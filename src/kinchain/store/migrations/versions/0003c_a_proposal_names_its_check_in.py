"""A proposed program change names the check-in it comes from (a client's check-in waits
for the coach's approval before her program moves).

Revision ID: 0003c
Revises: 0002
Create Date: 2026-12-02 14:32:07.925937
"""

import sqlalchemy as sa
from alembic import op

revision = "0003c"
down_revision = "0002"
branch_labels = None
depends_on = None


# A plain ALTER TABLE, never Alembic's batch mode: on SQLite batch mode copies the table, and
# the copy would lose the trigger that keeps proposals from being changed or deleted.
def upgrade() -> None:
    op.add_column("program_proposal", sa.Column("checkin_id", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_column("program_proposal", "checkin_id")
