"""Storage: a practice's records in SQLite (the embedded default) or PostgreSQL.

SQLAlchemy 2 tables (:mod:`.tables`) created by Alembic migrations (:mod:`.migrate`),
repositories scoped to one practice (:mod:`.repositories`, :mod:`.history`, :mod:`.ledger`)
and the unit of work that opens them (:mod:`.uow`). The use cases in
:mod:`kinchain.services.records` see only the protocols of :mod:`kinchain.services.uow`.
"""

from kinchain.store.engine import default_url, open_engine, redacted
from kinchain.store.migrate import schema_status, upgrade
from kinchain.store.uow import Database, SqlUnitOfWork

__all__ = [
    "Database",
    "SqlUnitOfWork",
    "default_url",
    "open_engine",
    "redacted",
    "schema_status",
    "upgrade",
]
