"""PostgreSQL: the audit insert guard checks a whole statement's rows at once and the seal fires for
application logins only (migration 0020); many rows appended in one statement are refused as a whole when
one is in another name, sealed in chain order otherwise, and the owner's bulk rows keep their own hashes.
The seal's JSON writer gives the application's canonical text on random values.
"""

from __future__ import annotations

import json
import random
from typing import Any

import psycopg
import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from opcms_desktop.models import AuditEntry
from opcms_desktop.services.audit import trail
from opcms_desktop.services.platform.db import make_session_factory, session_scope

from .migration_files import load_migration
from .test_pg_attacks import _user_id, world  # noqa: F401  (the module's PostgreSQL world)
from .test_pg_security import connect_as

BULK = ("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, changes, summary, prev_hash, hash)"
        " SELECT now() - interval '3 days', %s, %s, 'event', 'bulk', g::text, json_build_object('n', g), 'junk',"
        " 'x', 'y' FROM generate_series(1, %s) AS g")


def _rows(engine) -> int:
    with session_scope(make_session_factory(engine)) as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_a_statement_with_one_row_in_another_name_is_refused_whole(world):  # noqa: F811
    before = _rows(world.engine)
    with connect_as(world.engine, world.sales) as conn:
        me, other = _user_id(conn, world.sales), _user_id(conn, world.admin)
        mixed = BULK + " UNION ALL SELECT now(), %s, %s, 'event', 'bulk', 'last', NULL, 'forged', 'x', 'y'"
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="own name"), conn.transaction():
            conn.execute(mixed, (me, world.sales, 40, other, world.admin))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="own name"), conn.transaction():
            conn.execute(BULK, (other, world.sales, 3))  # the right name with another's id
    assert _rows(world.engine) == before


def test_many_rows_in_one_statement_are_sealed_in_chain_order(world):  # noqa: F811
    with connect_as(world.engine, world.sales) as conn:
        conn.execute(BULK, (_user_id(conn, world.sales), world.sales, 60))
        conn.commit()
    with session_scope(make_session_factory(world.engine)) as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == "bulk").order_by(AuditEntry.id.desc())
                         .limit(60)).all()[::-1]
        assert len(rows) == 60 and all(r.hash != "y" and r.prev_hash != "x" for r in rows)
        assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
        assert len({r.at for r in rows}) == 1 and rows[0].at > s.scalar(text("SELECT now() - interval '1 day'"))
    assert world.verify().ok


def test_the_owner_bulk_rows_keep_their_hashes_and_the_chain_verifies(world):  # noqa: F811
    admin = world.actor(world.admin)
    with session_scope(make_session_factory(world.engine)) as s:
        head = trail.last_hash(s)
        trail.record_many(s, admin, [trail.AuditItem("create", "customer", n, {"name": [None, f"客户{n}"]})
                                     for n in range(30)])
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(30)).all()[::-1]
        assert rows[0].prev_hash == head  # chained after the head, the owner's hashes as written
        assert all(r.hash == trail._digest(r.prev_hash, r.at, r.user_id, r.username, r.action, r.entity, r.entity_id,
                                           r.changes, r.summary) for r in rows)
    assert world.verify().ok


def test_migration_0020_down_and_up_again(world):  # noqa: F811
    """Down: the guard is 0002's row trigger and the seal fires for every row; up: per statement, WHEN."""
    def triggers() -> dict[str, tuple[int, bool]]:
        with world.engine.connect() as conn:
            return {r[0]: (r[1], r[2]) for r in conn.execute(text(
                "SELECT tgname, tgtype, tgqual IS NOT NULL FROM pg_trigger"
                " WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal"))}

    row, statement_after = 1, 0  # tgtype bits: 1 = ROW, 2 = BEFORE, 4 = INSERT
    migration = load_migration("0020_audit_triggers_for_bulk_writers.py")
    assert triggers() == {"opcms_audit_guard": (statement_after | 4, False), "opcms_audit_seal": (row | 2 | 4, True)}
    _run(world.engine, migration.downgrade)
    assert triggers() == {"opcms_audit_guard": (row | 2 | 4, False), "opcms_audit_seal": (row | 2 | 4, False)}
    test_a_statement_with_one_row_in_another_name_is_refused_whole(world)
    test_many_rows_in_one_statement_are_sealed_in_chain_order(world)
    _run(world.engine, migration.upgrade)
    assert triggers() == {"opcms_audit_guard": (statement_after | 4, False), "opcms_audit_seal": (row | 2 | 4, True)}
    test_a_statement_with_one_row_in_another_name_is_refused_whole(world)
    assert world.verify().ok


def _run(engine, step) -> None:
    """One migration's step alone (not the other revisions above it) on the owner's connection."""
    with engine.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        step()


_CHARACTERS = ["a", "Z", "é", "置", "🏠", '"', "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "\u2028", "/", " ", "'"]


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.random()
    if depth < 3 and pick < 0.3:
        return {"".join(rng.choices(_CHARACTERS, k=rng.randint(0, 4))): _random_json(rng, depth + 1)
                for _ in range(rng.randint(0, 5))}
    if depth < 3 and pick < 0.5:
        return [_random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    return rng.choice(["".join(rng.choices(_CHARACTERS, k=rng.randint(0, 6))), 0, -1, 10**18, -(10**20), 0.5, -0.0,
                       1.0, 1e-07, 1e21, 3.141592653589793, 2.5e-300, 100.25, True, False, None])


@pytest.mark.parametrize("seed", [1, 2])
def test_the_server_writes_json_as_the_application_does(world, seed):  # noqa: F811
    """opcms_canonical_json (0020's, scalars in place) gives trail's canonical text for random values, sent
    with and without ASCII escapes, and refuses what the application never writes."""
    rng = random.Random(seed)
    with world.engine.connect() as conn:
        for _ in range(400):
            value = _random_json(rng)
            sent = json.dumps(value, ensure_ascii=rng.random() < 0.5, separators=rng.choice([(",", ":"), (", ", ": ")]))
            assert conn.scalar(text("SELECT opcms_canonical_json(CAST(:v AS json))"), {"v": sent}) == \
                trail._DUMPS(value), sent
        for refused in ('{"a": 1, "a": 2}', '[{"x": [1, {"y": 1, "y": 1}]}]', '{"n": 1.50}', '[1E5]', '{"a": [2.50]}'):
            with pytest.raises(DBAPIError, match="duplicate keys|not written as"), conn.begin_nested():
                conn.scalar(text("SELECT opcms_canonical_json(CAST(:v AS json))"), {"v": refused})
