import datetime as dt
import uuid

import psycopg
import pytest
from sqlalchemy import make_url, text

from opcms_desktop.models import Base
from opcms_desktop.services.platform.db import UNMODELLED_TABLES, create_db_engine

from ..conftest import PG_SERVER_URL, create_pg_database
from ..services.test_pg_security import drop_logins
from .conftest import ADMIN_PASSWORD, Cli

SALES_PASSWORD = "Sales-pass-2026"


@pytest.fixture
def with_sales(initialised_cli):
    code, _, err = initialised_cli.as_admin("user", "add", "liuji", "--role", "sales",
                                            env={"OPCMS_NEW_PASSWORD": SALES_PASSWORD})
    assert code == 0, err
    return initialised_cli


def test_role_add_grant_revoke_list_delete(with_sales):
    cli = with_sales
    code, data, err = cli.as_admin("role", "add", "finance", "--label", "财务", "--scope", "all",
                                   "--perm", "receipts.view", "receipts.record", "--perm", "reports.view", "--json")
    assert code == 0, err
    assert data["name"] == "finance" and data["permissions"] == ["receipts.record", "receipts.view", "reports.view"]
    code, data, _ = cli.as_admin("role", "grant", "finance", "receipts.allocate", "--json")
    assert code == 0 and "receipts.allocate" in data["permissions"]
    code, data, _ = cli.as_admin("role", "revoke", "finance", "reports.view", "--json")
    assert code == 0 and "reports.view" not in data["permissions"]
    code, data, _ = cli.as_admin("role", "list", "--json")
    listed = {r["name"]: r for r in data["roles"]}
    assert set(listed) == {"admin", "manager", "ops", "sales", "finance"} and listed["sales"]["user_count"] == 1
    assert listed["sales"]["customer_scope"] == "own" and listed["sales"]["builtin"] is True
    code, data, _ = cli.as_admin("role", "delete", "finance", "--json")
    assert code == 0 and data == {"name": "finance", "deleted": True}


def test_role_commands_refuse_bad_input_and_non_admins(with_sales):
    cli = with_sales
    code, data, err = cli.as_admin("role", "add", "helper", "--label", "x", "--perm", "customers.fly", "--json")
    assert code == 2 and data["error"]["code"] == "roles.invalid_permissions" and "customers.fly" in err
    assert [(p["code"], p["value"]) for p in data["error"]["problems"]] == [("roles.not_in_catalogue", "customers.fly")]
    code, data, _ = cli.as_admin("role", "delete", "sales", "--json")
    assert code == 2 and data["error"]["code"] == "roles.builtin_delete" and data["error"]["params"] == {"name": "sales"}
    code, data, _ = cli.as_admin("role", "revoke", "admin", "users.manage", "--json")
    assert code == 2 and data["error"]["code"] == "roles.admin_keeps"
    code, data, err = cli("role", "grant", "sales", "customers.edit", "--json", user="liuji", password=SALES_PASSWORD)
    assert code == 3 and data["error"]["code"] == "error.permission_missing"
    assert data["error"]["params"]["permission"] == "roles.manage" and "roles.manage" in err
    code, _, err = cli("role", "grant", "sales", "customers.edit", user="liuji", password=SALES_PASSWORD, lang="zh_CN")
    assert code == 3 and "管理角色" in err  # the permission's label, in the chosen language


def test_audit_verify_reports_ok_then_the_row_edited_behind_the_applications_back(with_sales, cli_db_url):
    cli = with_sales
    code, data, _ = cli.as_admin("audit", "verify", "--json")
    assert code == 0 and data["ok"] is True and data["rows"] >= 1 and set(data) == {"rows", "ok"}
    engine = create_db_engine(cli_db_url)
    try:
        with engine.begin() as conn:  # the owner, with plain SQL: what a tamperer with the owner password does
            victim = conn.execute(text("SELECT id FROM audit_log WHERE entity = 'user' ORDER BY id DESC")).first()[0]
            conn.execute(text("UPDATE audit_log SET username = 'someone else' WHERE id = :id"), {"id": victim})
    finally:
        engine.dispose()
    code, data, _ = cli.as_admin("audit", "verify", "--json")
    assert code == 1 and data["ok"] is False and data["broken_id"] == victim and data["reason"] == "audit.chain_edited"
    assert "edited" in data["message"]
    code, data, _ = cli("audit", "verify", "--json", user="liuji", password=SALES_PASSWORD)
    assert code == 3 and data["error"]["params"]["permission"] == "audit.view"


def test_audit_list_filters_and_export(with_sales, tmp_path):
    cli = with_sales
    code, data, err = cli.as_admin("audit", "list", "--entity", "user", "--user", "admin",
                                   "--since", dt.date.today().isoformat(), "--json")
    assert code == 0, err
    assert data["total"] == 1 and data["rows"][0]["changes"]["username"] == [None, "liuji"]
    code, data, _ = cli.as_admin("audit", "list", "--until", "2000-01-01", "--json")
    assert code == 0 and data["rows"] == [] and data["total"] == 0
    code, data, _ = cli.as_admin("audit", "list", "--since", "yesterday", "--json")
    assert code == 2 and data["error"]["code"] == "audit.not_a_date"
    assert data["error"]["params"] == {"option": "since", "value": "yesterday"}
    target = tmp_path / "audit.xlsx"
    code, data, _ = cli.as_admin("audit", "export", str(target), "--entity", "user", "--json")
    assert code == 0 and data["rows"] >= 1 and target.exists()
    code, data, _ = cli.as_admin("audit", "list", "--entity", "export", "--json")
    assert data["total"] == 1


def test_settings_get_set(with_sales):
    cli = with_sales
    code, data, _ = cli("settings", "get", "session.idle_timeout_minutes", "--json", user="liuji",
                        password=SALES_PASSWORD)
    assert code == 0 and data["value"] == 15 and data["is_default"] is True
    code, data, _ = cli.as_admin("settings", "set", "session.idle_timeout_minutes", "30", "--json")
    assert code == 0 and data["value"] == 30
    code, data, _ = cli.as_admin("settings", "list", "--json")
    assert {s["key"]: s["value"] for s in data["settings"]}["session.idle_timeout_minutes"] == 30
    code, _, err = cli.as_admin("settings", "set", "session.idle_timeout_minutes", "0")
    assert code == 2 and "1 to 480" in err
    code, data, _ = cli("settings", "set", "session.idle_timeout_minutes", "60", "--json", user="liuji",
                        password=SALES_PASSWORD)
    assert code == 3 and data["error"]["params"]["permission"] == "settings.manage"


def test_init_pg_security_needs_postgresql(cli, backend):
    if backend != "sqlite":
        pytest.skip("the SQLite refusal")
    code, data, err = cli("init", "--pg-security", "--json", env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 2 and data["error"]["code"] == "pg.needs_postgresql" and "PostgreSQL" in err


@pytest.fixture
def owned_database(backend):
    """A database owned by a plain (non-superuser) role with CREATEROLE, as an admin would set one up."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL enforcement")
    suffix = uuid.uuid4().hex[:8]
    names = {k: f"{k}_{suffix}" for k in ("owner", "boss", "liu")}
    server = make_url(PG_SERVER_URL)
    url = make_url(create_pg_database())
    with psycopg.connect(host=server.host, port=server.port, dbname=server.database, user=server.username,
                         autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(psycopg.sql.Identifier(names["owner"])))
        conn.execute(psycopg.sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
            psycopg.sql.Identifier(url.database), psycopg.sql.Identifier(names["owner"])))
    with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=server.username,
                         autocommit=True) as conn:  # PostgreSQL 15: the public schema belongs to the database owner
        conn.execute(psycopg.sql.SQL("ALTER SCHEMA public OWNER TO {}").format(psycopg.sql.Identifier(names["owner"])))

    def as_user(name: str) -> str:
        return url.set(username=name, password=None).render_as_string(hide_password=False)

    yield names, as_user
    with psycopg.connect(host=server.host, port=server.port, dbname=server.database, user=server.username,
                         autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            psycopg.sql.Identifier(url.database)))
    drop_logins(PG_SERVER_URL, [names["boss"], names["liu"], names["owner"]])


def test_pg_security_end_to_end_with_an_owner_url_and_personal_logins(owned_database, capsys, monkeypatch):
    names, as_user = owned_database
    owner = Cli(as_user(names["owner"]), capsys, monkeypatch)
    code, data, err = owner("init", "--pg-security", "--admin-user", names["boss"], "--json",
                            env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 0, err
    assert data["admin_created"] == names["boss"]
    # every model, alembic_version and the tables a migration keeps outside the models (the name bigrams)
    assert data["pg_security"]["tables"] == len(Base.metadata.tables) + 1 + len(UNMODELLED_TABLES)
    code, data, _ = owner("init", "--pg-security", "--json")  # again: harmless
    assert code == 0 and data["pg_security"]["logins_created"] == []

    boss = Cli(as_user(names["boss"]), capsys, monkeypatch)  # the admin's own login, which may create roles
    code, data, err = boss("user", "add", names["liu"], "--role", "sales", "--json", user=names["boss"],
                           password=ADMIN_PASSWORD, env={"OPCMS_NEW_PASSWORD": SALES_PASSWORD})
    assert code == 0, err
    code, data, _ = boss("audit", "verify", "--json", user=names["boss"], password=ADMIN_PASSWORD)
    assert code == 0 and data["ok"] is True
    code, data, _ = boss("role", "list", "--json", user=names["liu"], password=SALES_PASSWORD)
    assert code == 3 and data["error"]["code"] == "login.wrong_connection"
    assert data["error"]["params"]["login"] == names["boss"]

    # A URL without a user name: the CLI connects as the acting user's own PostgreSQL login.
    base = make_url(as_user(names["liu"]))
    shared = Cli(f"postgresql://{base.host}:{base.port}/{base.database}", capsys, monkeypatch)
    code, data, err = shared("user", "list", "--json", user=names["boss"], password=ADMIN_PASSWORD)
    assert code == 0 and {u["username"] for u in data["users"]} >= {names["boss"], names["liu"]}, err
    code, data, _ = shared("user", "list", "--json", user=names["liu"], password=SALES_PASSWORD)
    assert code == 3 and data["error"]["params"]["permission"] == "users.view"

    liu = Cli(as_user(names["liu"]), capsys, monkeypatch)
    code, data, err = liu("settings", "get", "session.idle_timeout_minutes", "--json", user=names["liu"],
                          password=SALES_PASSWORD)
    assert code == 0 and data["value"] == 15, err
    code, _, _ = liu("audit", "verify", user=names["liu"], password=SALES_PASSWORD)
    assert code == 3

    url = make_url(as_user(names["liu"]))
    with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=names["liu"]) as conn:
        owners = {r[0] for r in conn.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        assert owners == {names["owner"]}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM audit_log")
