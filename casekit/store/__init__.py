"""Storage: SQLModel tables, the engine factory, repositories and the audit log.

The schema comes only from the Alembic migrations in ``db/migrations``; package code never calls
``create_all``.
"""
