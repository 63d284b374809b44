"""Storage: SQLAlchemy tables, tenant-scoped repositories and the SQL unit of work.

Empty until issue 12 (storage) fills it; named now so the import-linter contracts can hold
the domain and the services away from it.
"""

__all__: list[str] = []
