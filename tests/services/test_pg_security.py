"""PostgreSQL enforces isolation too: logins per user, group roles, row-level security, append-only audit.

PostgreSQL only. Login roles are cluster-wide: every test uses names with a fresh suffix and drops its
logins at teardown (group roles stay; their creation is idempotent).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import Engine, make_url, select, text
from sqlalchemy.orm import Session

from opcms_desktop.models import (
    Allocation,
    Base,
    CreditNote,
    CreditNoteLine,
    Customer,
    Invoice,
    InvoiceLine,
    PricePlan,
    PricePlanTier,
    Receipt,
    UsageMonthly,
    UsageOrder,
    User,
)
from opcms_desktop.services.audit import trail as audit
from opcms_desktop.services.platform.db import UNMODELLED_TABLES, make_session_factory, session_scope
from opcms_desktop.services.platform.errors import AuthenticationError, UserError
from opcms_desktop.services.security import auth, pg_security, roles, users
from opcms_desktop.services.security.permissions import Actor

from ..conftest import create_pg_database, drop_pg_database, migrated_engine
from ..factories import TEST_PASSWORD, Factory

RLS_TABLES = list(pg_security.SALES_ROW_FILTERS)
DAY = dt.date(2026, 1, 15)


def drop_logins(db_url: str, names: list[str]) -> None:
    """DROP OWNED BY + DROP ROLE for the logins a test made (as the superuser, in the test's database)."""
    url = make_url(db_url)
    with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=url.username or "postgres",
                         autocommit=True) as conn:
        for name in names:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                conn.execute(psycopg.sql.SQL("DROP OWNED BY {}").format(psycopg.sql.Identifier(name)))
                conn.execute(psycopg.sql.SQL("DROP ROLE {}").format(psycopg.sql.Identifier(name)))


def connect_as(engine: Engine, username: str) -> psycopg.Connection:
    url = engine.url
    return psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=username, password=TEST_PASSWORD)


@dataclass
class SecuredDb:
    engine: Engine
    names: dict[str, str]  # "admin", "ops", "sales_a", "sales_b" -> login name
    customers: dict[str, int]  # "a", "b" -> customer id

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    def actor(self, key: str) -> Actor:
        with session_scope(make_session_factory(self.engine)) as s:
            return auth.actor_for(s, s.scalar(select(User).where(User.username == self.names[key])))


def _customer_with_everything(session: Session, owner: Actor, tag: str) -> int:
    """A customer owned by `owner` with one row in every customer-owned table."""
    customer = Factory(session).customer(f"客户{tag}", sales=owner)
    plan = PricePlan(customer_id=customer.id, series="ALL", mode="tiered_graduated", effective_from=DAY)
    session.add(plan)
    session.flush()
    session.add(PricePlanTier(plan_id=plan.id, seq=1, from_count=0, unit_price=Decimal("10")))
    session.add(UsageOrder(order_no=f"O-{tag}", customer_id=customer.id, upload_date=DAY, series="X", floors=1))
    session.add(UsageMonthly(customer_id=customer.id, period="2026-01", series="X", single_shoots=1,
                             multi_shoots=0, multi_floors=0, area=Decimal("0")))
    invoice = Invoice(customer_id=customer.id, period="2026-01", kind="usage", status="issued", number=f"INV-{tag}",
                      total=Decimal("10.00"), payment_terms_days=30, issue_date=DAY, due_date=DAY)
    session.add(invoice)
    session.flush()
    session.add(InvoiceLine(invoice_id=invoice.id, seq=1, description="x", quantity=Decimal("1"), amount=Decimal("10")))
    note = CreditNote(number=f"CN-{tag}", invoice_id=invoice.id, customer_id=customer.id, issue_date=DAY,
                      reason="test", total=Decimal("-1.00"))
    receipt = Receipt(customer_id=customer.id, receipt_date=DAY, amount=Decimal("10.00"))
    session.add_all([note, receipt])
    session.flush()
    session.add(CreditNoteLine(credit_note_id=note.id, seq=1, description="x", quantity=Decimal("1"),
                               amount=Decimal("-1.00")))
    session.add(Allocation(receipt_id=receipt.id, invoice_id=invoice.id, amount=Decimal("5.00"), allocated_on=DAY))
    session.flush()
    _followup_rows(session, customer.id, tag)
    _worklist_rows(session, customer.id, invoice.id, tag)
    _segment_rows(session, customer.id, tag)
    return customer.id


def _segment_rows(session: Session, customer_id: int, tag: str) -> None:
    """A tag on the customer and a static segment's snapshot holding it (services/insight)."""
    from opcms_desktop.models.segment import CustomerTag, Segment, SegmentSnapshot, SegmentSnapshotMember, Tag

    label, segment = Tag(name=f"标签{tag}"), Segment(name=f"分群{tag}", shared=True, kind="static", condition={"all": []})
    session.add_all([label, segment])
    session.flush()
    snapshot = SegmentSnapshot(segment_id=segment.id, taken_on=DAY, member_count=1)
    session.add_all([CustomerTag(customer_id=customer_id, tag_id=label.id, source="manual"), snapshot])
    session.flush()
    session.add(SegmentSnapshotMember(snapshot_id=snapshot.id, customer_id=customer_id))
    session.flush()


def _worklist_rows(session: Session, customer_id: int, invoice_id: int, tag: str) -> None:
    """A dunning record and hold, a work order with a note, a rule execution (services/followup)."""
    from opcms_desktop.models.worklist import (
        AutomationRule,
        DunningHold,
        DunningRecord,
        RuleExecution,
        Ticket,
        TicketNote,
    )

    at = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
    ticket = Ticket(customer_id=customer_id, ticket_type="other", priority="low", status="new", subject=f"工单{tag}",
                    description="", created_at=at, first_response_minutes=60, resolution_minutes=120,
                    first_response_due=at, resolution_due=at, paused_seconds=0)
    rule_id = session.scalar(select(AutomationRule.id).where(AutomationRule.name == "daily-dunning"))
    session.add_all([ticket, DunningHold(invoice_id=invoice_id, customer_id=customer_id, on_hold=True, reason="x"),
                     DunningRecord(invoice_id=invoice_id, customer_id=customer_id, level_days=1, as_of=DAY,
                                   action="followup", balance="10.00"),
                     RuleExecution(at=at, rule_id=rule_id, customer_id=customer_id, period_key=tag, action="followup",
                                   result="done", detail="")])
    session.flush()
    session.add(TicketNote(ticket_id=ticket.id, at=at, note=tag))
    session.flush()


def _followup_rows(session: Session, customer_id: int, tag: str) -> None:
    """A contact, a follow-up plan and a follow-up of the customer (services/followup)."""
    from opcms_desktop.models.followup import Contact, Followup, FollowupPlan

    session.add_all([Contact(customer_id=customer_id, name=f"联系人{tag}", is_primary=False, active=True),
                     FollowupPlan(customer_id=customer_id, every_n=2, unit="week", method="phone", active=True),
                     Followup(customer_id=customer_id, due_on=DAY, method="phone", content="", source="manual")])
    session.flush()


@pytest.fixture(scope="module")
def secured(backend) -> Iterator[SecuredDb]:
    """One database of its own for this module (tests below change only rows and logins they make)."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL enforcement")
    url = create_pg_database()
    engine = migrated_engine(url)
    suffix = uuid.uuid4().hex[:8]
    names = {key: f"{key}_{suffix}" for key in ("admin", "ops", "sales_a", "sales_b")}
    try:
        pg_security.install(engine)
        factory = make_session_factory(engine)
        with session_scope(factory) as s:
            users.create_user(s, None, names["admin"], TEST_PASSWORD, "admin", must_change_password=False)
        with session_scope(factory) as s:
            admin = auth.actor_for(s, s.scalar(select(User).where(User.username == names["admin"])))
            users.create_user(s, admin, names["ops"], TEST_PASSWORD, "ops", must_change_password=False)
            made = {k: users.create_user(s, admin, names[k], TEST_PASSWORD, "sales") for k in ("sales_a", "sales_b")}
            customers = {}
            for key, tag in (("sales_a", "a"), ("sales_b", "b")):
                owner = auth.actor_for(s, s.get_one(User, made[key].id))
                customers[tag] = _customer_with_everything(s, owner, tag)
                audit.record(s, admin, "update", "customer", customers[tag], {"name": ["x", f"客户{tag}"]})
        yield SecuredDb(engine, names, customers)
    finally:
        with engine.connect() as conn:  # every user of this database has a login by now
            usernames = list(conn.scalars(select(User.username)))
        engine.dispose()
        drop_logins(url, sorted(set(usernames) | set(names.values())))
        drop_pg_database(url)


def _count(conn: psycopg.Connection, table: str) -> int:
    # the name bigram table (migration 0021) holds several rows per customer: its customers are counted
    what = "count(DISTINCT customer_id)" if table == "customer_name_bigrams" else "count(*)"
    row = conn.execute(psycopg.sql.SQL("SELECT {} FROM {}").format(
        psycopg.sql.SQL(what), psycopg.sql.Identifier(table))).fetchone()
    assert row is not None
    return int(row[0])


def test_sales_logins_read_only_their_own_customers_rows_through_plain_psycopg(secured):
    for key, own, foreign in (("sales_a", "a", "b"), ("sales_b", "b", "a")):
        with connect_as(secured.engine, secured.names[key]) as conn:
            for table in RLS_TABLES:
                assert _count(conn, table) == 1, table
            own_id, foreign_id = secured.customers[own], secured.customers[foreign]
            assert conn.execute("SELECT id FROM customers").fetchall() == [(own_id,)]
            for table in ("invoices", "receipts", "usage_orders", "usage_monthly", "price_plans", "credit_notes",
                          "customer_owners"):
                rows = conn.execute(psycopg.sql.SQL("SELECT DISTINCT customer_id FROM {}").format(
                    psycopg.sql.Identifier(table))).fetchall()
                assert rows == [(own_id,)], table
            assert conn.execute("SELECT * FROM customers WHERE id = %s", (foreign_id,)).fetchall() == []
    with connect_as(secured.engine, secured.names["ops"]) as conn:
        assert all(_count(conn, t) == 2 for t in RLS_TABLES)


def test_sales_logins_cannot_change_business_rows_or_users(secured):
    with connect_as(secured.engine, secured.names["sales_a"]) as conn:
        for statement in (
            "UPDATE customers SET name = 'mine now'",
            "DELETE FROM invoices",
            "INSERT INTO receipts (customer_id, receipt_date, amount, created_at, version)"
            " VALUES (1, '2026-01-01', 1, now(), 1)",
            "UPDATE users SET role_id = (SELECT id FROM roles WHERE name = 'admin')",
            "TRUNCATE customers CASCADE",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)


@pytest.mark.parametrize("who", ["admin", "ops", "sales_a"])
def test_audit_log_is_append_only_for_every_application_role(secured, who):
    login = secured.names[who]
    with connect_as(secured.engine, login) as conn:
        for statement in ("UPDATE audit_log SET summary = 'rewritten'", "DELETE FROM audit_log",
                          "TRUNCATE audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)
        insert = ("INSERT INTO audit_log (at, user_id, username, action, entity, prev_hash, hash)"
                  " VALUES (now(), (SELECT id FROM users WHERE username = %s), %s, 'event', 'test', 'p', 'h')")
        with conn.transaction(force_rollback=True):
            conn.execute(insert, (login, login))  # in its own name: allowed
        other = secured.names["admin" if who != "admin" else "ops"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="own name"), conn.transaction():
            conn.execute(insert, (other, other))


def test_no_application_role_owns_a_table_sequence_or_function(secured):
    app_roles = set(secured.names.values()) | set(pg_security.GROUPS.values())
    with secured.engine.connect() as conn:
        owners = set(conn.scalars(text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")))
        owners |= set(conn.scalars(text("SELECT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n"
                                        " ON n.oid = c.relnamespace WHERE n.nspname = 'public'")))
        owners |= set(conn.scalars(text("SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname LIKE 'opcms%'")))
    assert owners and not owners & app_roles


def test_the_app_connected_as_a_sales_login_sees_only_its_customers_even_without_a_scope_filter(secured):
    login = auth.authenticate_pg(secured.url, secured.names["sales_a"], TEST_PASSWORD)
    try:
        assert login.actor.role == "sales" and login.must_change_password
        with session_scope(login.factory) as s:
            assert s.scalars(select(Customer.id)).all() == [secured.customers["a"]]  # no visible_customers()
            audit.record(s, login.actor, "event", "export", None, {"rows": 1})  # a sales export is audited
            history = s.execute(text("SELECT DISTINCT entity_id FROM audit_log WHERE entity = 'customer'")).all()
            assert history == [(str(secured.customers["a"]),)]
            last_login = s.scalar(select(User.last_login_at).where(User.username == secured.names["sales_a"]))
            assert last_login is not None
    finally:
        login.engine.dispose()
    with session_scope(make_session_factory(secured.engine)) as s:
        assert audit.verify_chain(s).ok


def test_saved_filters_are_private_to_their_owner(secured):
    with connect_as(secured.engine, secured.names["sales_a"]) as conn:
        conn.execute("INSERT INTO saved_filters (user_id, screen, name, definition)"
                     " VALUES (opcms_my_user_id(), 'customers', 'mine', '{}')")
        conn.commit()
    with connect_as(secured.engine, secured.names["sales_b"]) as conn:
        assert _count(conn, "saved_filters") == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
            conn.execute("INSERT INTO saved_filters (user_id, screen, name, definition) VALUES"
                         " ((SELECT id FROM users WHERE username = %s), 'customers', 'x', '{}')",
                         (secured.names["sales_a"],))


def _pg_role(engine: Engine, name: str) -> tuple[bool, bool, set[str], str | None]:
    with engine.connect() as conn:
        row = conn.execute(text("SELECT rolcanlogin, rolcreaterole, rolpassword FROM pg_authid WHERE rolname = :n"),
                           {"n": name}).one()
        groups = set(conn.scalars(text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
            " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"), {"n": name}))
    return row[0], row[1], groups, row[2]


def test_user_administration_through_the_admins_own_login_follows_into_postgresql(secured):
    name = f"newbie_{uuid.uuid4().hex[:8]}"
    login = auth.authenticate_pg(secured.url, secured.names["admin"], TEST_PASSWORD)
    try:
        with session_scope(login.factory) as s:
            users.create_user(s, login.actor, name, "Fresh'pass; --42\\", "sales")
            assert s.scalar(select(User.password_hash).where(User.username == name)) == pg_security.PG_MANAGED_HASH
        can_login, createrole, groups, password = _pg_role(secured.engine, name)
        assert can_login and not createrole and groups == {"opcms_sales"} and password.startswith("SCRAM-SHA-256$")
        with session_scope(login.factory) as s:
            users.change_role(s, login.actor, name, "admin")
        assert _pg_role(secured.engine, name)[1:3] == (True, {"opcms_admin"})
        with session_scope(login.factory) as s:
            users.reset_password(s, login.actor, name, "Second-password-42")
            users.set_active(s, login.actor, name, False)
        can_login, _, _, new_password = _pg_role(secured.engine, name)
        assert not can_login and new_password != password
        with pytest.raises(AuthenticationError) as disabled:
            auth.authenticate_pg(secured.url, name, "Second-password-42")
        assert (disabled.value.code, disabled.value.params) == ("auth.disabled", {"username": name})
    finally:
        login.engine.dispose()
        drop_logins(secured.url, [name])


def test_a_sales_login_changes_its_own_password_and_clears_the_flag(secured):
    login = auth.authenticate_pg(secured.url, secured.names["sales_b"], TEST_PASSWORD)
    try:
        before = _pg_role(secured.engine, secured.names["sales_b"])[3]
        with session_scope(login.factory) as s:
            users.change_own_password(s, login.actor, TEST_PASSWORD, "My-own-password-42")
        assert _pg_role(secured.engine, secured.names["sales_b"])[3] != before
        with session_scope(login.factory) as s:
            assert s.scalar(select(User.must_change_password).where(User.id == login.actor.id)) is False
    finally:
        login.engine.dispose()


def test_custom_roles_map_to_group_roles_by_scope_and_permissions(secured):
    admin = secured.actor("admin")
    name = f"keyacc_{uuid.uuid4().hex[:8]}"
    factory = make_session_factory(secured.engine)
    try:
        with session_scope(factory) as s:
            roles.create_role(s, admin, "key_account", "大客户", "own", ["customers.view"])
            users.create_user(s, admin, name, TEST_PASSWORD, "key_account")
        assert _pg_role(secured.engine, name)[1:3] == (False, {"opcms_sales"})
        with session_scope(factory) as s:
            roles.update_role(s, admin, "key_account", customer_scope="all", permissions=["customers.edit"])
        assert _pg_role(secured.engine, name)[1:3] == (False, {"opcms_ops"})
        with session_scope(factory) as s:
            roles.grant_permissions(s, admin, "key_account", ["users.manage"])
        assert _pg_role(secured.engine, name)[1:3] == (True, {"opcms_admin"})
    finally:
        drop_logins(secured.url, [name])


def test_a_connection_of_one_login_cannot_act_as_another_user(secured):
    login = auth.authenticate_pg(secured.url, secured.names["sales_a"], TEST_PASSWORD)
    try:
        with pytest.raises(AuthenticationError) as other:
            auth.authenticate(login.factory, secured.names["admin"], TEST_PASSWORD)
        assert other.value.code == "login.wrong_connection"
        assert other.value.params == {"login": secured.names["sales_a"], "username": secured.names["admin"]}
        actor, _ = auth.authenticate(login.factory, secured.names["sales_a"], TEST_PASSWORD)
        assert actor.username == secured.names["sales_a"]
    finally:
        login.engine.dispose()
    with pytest.raises(AuthenticationError):
        auth.authenticate_pg(secured.url, "nobody_" + uuid.uuid4().hex[:6], TEST_PASSWORD)


def test_install_is_idempotent_and_refuses_tables_it_has_no_privileges_for(secured):
    report = pg_security.install(secured.engine)
    assert report.groups_created == [] and not set(report.logins_created) & set(secured.names.values())
    with secured.engine.begin() as conn:
        conn.execute(text("CREATE TABLE stray (id int)"))
    try:
        with pytest.raises(UserError) as stray:
            pg_security.install(secured.engine)
        assert (stray.value.code, stray.value.params) == ("pg.tables_without_grants", {"tables": ["stray"]})
    finally:
        with secured.engine.begin() as conn:
            conn.execute(text("DROP TABLE stray"))


def test_users_made_before_the_install_get_a_login_and_move_their_password_at_first_owner_login(backend, fresh_engine):
    if backend != "postgresql":
        pytest.skip("PostgreSQL enforcement")
    name = f"early_{uuid.uuid4().hex[:8]}"
    factory = make_session_factory(fresh_engine)
    try:
        with session_scope(factory) as s:
            users.create_user(s, None, name, TEST_PASSWORD, "admin", must_change_password=False)
        report = pg_security.install(fresh_engine)
        assert report.logins_created == [name] and report.need_password == [name]
        assert _pg_role(fresh_engine, name)[3] is None  # a login without a password cannot log in
        with pytest.raises(AuthenticationError):
            auth.authenticate(factory, name, "Wrong-password-42")
        auth.authenticate(factory, name, TEST_PASSWORD)
        assert _pg_role(fresh_engine, name)[3].startswith("SCRAM-SHA-256$")
        with session_scope(factory) as s:
            assert s.scalar(select(User.password_hash).where(User.username == name)) == pg_security.PG_MANAGED_HASH
    finally:
        fresh_engine.dispose()
        drop_logins(fresh_engine.url.render_as_string(hide_password=False), [name])


def test_every_table_has_privileges_and_every_customer_table_row_security():
    tables = set(Base.metadata.tables)
    assert set(pg_security.TABLE_GRANTS) == tables | {"alembic_version"} | UNMODELLED_TABLES
    owned = {t.name for t in Base.metadata.tables.values()
             if "customer_id" in t.c or {fk.column.table.name for fk in t.foreign_keys} & set(RLS_TABLES)}
    # everything holding a customer's data is filtered for sales (allocations via receipts, lines via parents)
    assert owned - {"audit_log", "saved_filters"} <= set(RLS_TABLES)


def test_login_failures_are_told_apart_from_an_unreachable_server():
    classify = pg_security.classify_login_error
    assert classify('FATAL:  password authentication failed for user "liuji"') == "denied"
    assert classify('FATAL:  role "nobody" does not exist') == "denied"
    assert classify('FATAL:  role "liuji" is not permitted to log in') == "nologin"
    with pytest.raises(UserError) as refused:
        classify("connection failed: connection to server at \"10.0.0.1\" failed: Connection refused")
    assert refused.value.code == "pg.cannot_connect" and refused.value.params["detail"].endswith("Connection refused")
    with pytest.raises(UserError) as missing:
        classify('FATAL:  database "opcms" does not exist')
    assert missing.value.code == "pg.cannot_connect"
    assert 'database "opcms" does not exist' in missing.value.params["detail"]


def test_personal_urls_quote_any_password():
    from opcms_desktop.services.platform.db import pg_connect_kwargs, server_url, user_url

    base = server_url("db.example", "opcms", 5432, sslmode="require")
    url = make_url(user_url(base, "wang.wei", "p@ss:w/rd%'; --"))
    assert (url.username, url.password, url.host, url.database) == ("wang.wei", "p@ss:w/rd%'; --", "db.example", "opcms")
    assert pg_connect_kwargs(base, "wang.wei", "pw") == {"sslmode": "require", "host": "db.example", "port": 5432,
                                                        "dbname": "opcms", "user": "wang.wei", "password": "pw",
                                                        "connect_timeout": 10}
