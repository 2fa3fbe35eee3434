"""`opcms init` on PostgreSQL installs the security by default and warns when the server trusts any password."""

from __future__ import annotations

import pytest

from .conftest import ADMIN_PASSWORD, Cli
from .test_cli_security import owned_database  # noqa: F401 - a fixture


def test_init_on_postgresql_is_secure_by_default_and_warns_about_trust(owned_database, capsys, monkeypatch):  # noqa: F811
    names, as_user = owned_database
    owner = Cli(as_user(names["owner"]), capsys, monkeypatch)
    code, data, err = owner("init", "--admin-user", names["boss"], "--json",
                            env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 0, err
    assert data["pg_security"]["tables"] > 0 and data["admin_created"] == names["boss"]
    # the test server uses trust authentication: a random wrong password gets in
    assert [w["code"] for w in data["warnings"]] == ["pg.trust_authentication"]
    assert "pg_hba.conf" in data["warnings"][0]["message"]
    code, text, err = owner("init", "--pg-security")  # the old flag: accepted, same thing
    assert code == 0 and "row-level security installed" in text
    assert "accepts any password" in err and "scram-sha-256" in err


def test_no_pg_security_opts_out_and_still_warns(cli, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL")
    code, data, err = cli("init", "--no-pg-security", "--json", env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 0 and "pg_security" not in data and data["admin_created"] == "admin"
    assert "accepts any password" in err


def test_sqlite_init_takes_no_pg_security_and_refuses_pg_security(cli, backend):
    if backend != "sqlite":
        pytest.skip("SQLite")
    code, data, err = cli("init", "--no-pg-security", "--json", env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 0 and data["admin_created"] == "admin" and err == ""
    code, data, _ = cli("init", "--pg-security", "--json")
    assert code == 2 and data["error"]["code"] == "pg.needs_postgresql"
