"""The migrations and the models describe the same schema, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from opcms_desktop.models import Base
from opcms_desktop.services.platform.db import schema_is_current, schema_object_filter


def test_migrations_match_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True, "include_object": schema_object_filter(conn.dialect.name)})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_schema_is_at_head(engine):
    assert schema_is_current(engine)
    assert {"customers", "invoices", "allocations", "audit_log"} <= set(inspect(engine).get_table_names())


def test_sqlite_runs_with_foreign_keys_and_wal(engine, backend):
    if backend != "sqlite":
        return
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_postgresql_has_the_trigram_index_for_name_search(engine, backend):
    names = {ix["name"] for ix in inspect(engine).get_indexes("customers")}
    assert "ix_customers_name_pinyin" in names
    assert ("ix_customers_name_trgm" in names) == (backend == "postgresql")
