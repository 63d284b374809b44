"""The schema comes only from the migrations, and the models agree with them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kinchain.store import schema_status
from kinchain.store.tables import HISTORY_TABLES, Base


def test_the_migrations_build_exactly_the_tables_the_models_describe(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_a_migrated_database_says_it_is_up_to_date(db):
    status = schema_status(db.engine)
    assert status.up_to_date and status.current == status.head


def test_every_history_table_exists_and_carries_its_practice(db):
    tables = inspect(db.engine).get_table_names()
    for name in HISTORY_TABLES:
        assert name in tables
        columns = {c["name"] for c in inspect(db.engine).get_columns(name)}
        assert "practice_id" in columns, name


def _triggers(db) -> set[str]:
    from sqlalchemy import text

    with db.engine.connect() as c:
        if db.engine.dialect.name == "sqlite":
            rows = c.execute(text("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'"))
        else:
            rows = c.execute(text("SELECT c.relname FROM pg_trigger t JOIN pg_class c "
                                  "ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"))
        return {r[0] for r in rows}


def test_every_history_table_keeps_its_guard_after_all_migrations(db):
    guarded = _triggers(db)
    for name in HISTORY_TABLES:
        assert name in guarded, f"{name} lost the trigger that refuses update and delete"
