"""`opcms db recovery-key` and `opcms db rekey`: the encrypted offline database's key (SQLite only)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import make_url

from opcms_desktop.services.platform import cipher, db_key


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_recovery_key_once_then_rekey_and_open_with_opcms_db_key(initialised_cli, tmp_path, monkeypatch):
    cli = initialised_cli
    database = Path(make_url(cli.url).database).resolve()
    assert not cipher.is_plain_sqlite(database)
    out = tmp_path / "recovery.txt"
    code, data, err = cli.as_admin("db", "recovery-key", "--out", str(out), "--json")
    assert code == 0, err
    assert data == {"path": str(out), "exported_before": False}
    key = out.read_text().strip()
    assert key == db_key.database_key(database, create=False) and stat.S_IMODE(out.stat().st_mode) == 0o600

    code, data, err = cli.as_admin("db", "recovery-key", "--out", str(tmp_path / "again.txt"), "--json")
    assert code == 2 and data["error"]["code"] == "db_key.recovery_exported"
    assert not (tmp_path / "again.txt").exists()

    code, data, err = cli.as_admin("db", "rekey", "--json")
    assert code == 0, err
    assert data["database"] == str(database) and Path(data["backup"]).is_file()
    new_key = db_key.database_key(database, create=False)
    assert new_key != key

    # a script on another computer: the keyring knows nothing, OPCMS_DB_KEY carries the key
    monkeypatch.setattr(db_key, "_cache", {})
    monkeypatch.setattr(db_key, "_read", lambda kind, path: None)
    code, data, err = cli.as_admin("user", "list", "--json")
    assert code == 2 and data["error"]["code"] == "db_key.missing"
    code, data, err = cli.as_admin("user", "list", "--json", env={"OPCMS_DB_KEY": key})
    assert code == 2 and data["error"]["code"] == "db_key.wrong_key"  # the old key no longer opens it
    code, data, err = cli.as_admin("user", "list", "--json", env={"OPCMS_DB_KEY": new_key})
    assert code == 0, err


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_only_keys_manage_may_export(initialised_cli, tmp_path):
    cli = initialised_cli
    code, data, err = cli.as_admin(
        "user", "add", "opsy", "--role", "ops", "--json", env={"OPCMS_NEW_PASSWORD": "Walker-pass-2026"}
    )
    assert code == 0, err
    code, data, err = cli(
        "db",
        "recovery-key",
        "--out",
        str(tmp_path / "k.txt"),
        "--json",
        user="opsy",
        password="Walker-pass-2026",
    )
    assert code == 3 and data["error"]["code"] == "error.permission_missing", data
    assert not (tmp_path / "k.txt").exists()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_audit_verify_reports_a_trail_cut_after_its_checkpoint(initialised_cli):
    cli = initialised_cli
    code, data, err = cli.as_admin("backup", "--json")  # a backup anchors the chain
    assert code == 0, err
    code, data, err = cli.as_admin("audit", "verify", "--json")
    assert code == 0 and data["ok"] is True, data
    database = Path(make_url(cli.url).database).resolve()
    conn = cipher.connect(database, db_key.database_key(database, create=False))
    try:  # the last rows removed with a SQLCipher shell, key in hand
        conn.execute("DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)")
        conn.commit()
    finally:
        conn.close()
    code, data, err = cli.as_admin("audit", "verify", "--json")
    assert code == 1 and data["ok"] is False and data["broken_id"] is None, data
    assert data["reason"] == "audit.chain_truncated" and data["params"]["rows"] < data["params"]["anchored"]
    assert "removed at the end" in data["message"]
