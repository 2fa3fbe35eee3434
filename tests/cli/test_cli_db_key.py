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


def _rekey_events(database: Path, key: str) -> list[str]:
    conn = cipher.connect(database, key)
    try:
        return [r[0] for r in conn.execute(
            "SELECT entity_id FROM audit_log WHERE entity = 'database' AND entity_id = 'rekey' ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_rekey_with_opcms_db_key_set_needs_the_new_key_then_records_it_and_says_to_replace_the_variable(initialised_cli, monkeypatch):
    cli = initialised_cli
    database = Path(make_url(cli.url).database).resolve()
    old = db_key.database_key(database, create=False)
    # a script on a machine whose keyring knows nothing: the variable is the only holder of the key
    keyring_store: dict[str, str] = {}
    real_read, real_write = db_key._read, db_key._write
    database_keys = ("db-key", "db-key-previous")  # the checkpoints' anchor key stays in the real keyring
    monkeypatch.setattr(db_key, "_cache", {})
    monkeypatch.setattr(
        db_key, "_read", lambda kind, path: keyring_store.get(kind) if kind in database_keys else real_read(kind, path)
    )
    monkeypatch.setattr(
        db_key, "_write", lambda kind, path, value: keyring_store.__setitem__(kind, value)
        if kind in database_keys else real_write(kind, path, value)
    )
    # a random new key would live only in a keyring the script may lose: refused, nothing changed
    code, data, err = cli.as_admin("db", "rekey", "--json", env={"OPCMS_DB_KEY": old})
    assert code == 2 and data["error"]["code"] == "db_key.new_key_needed", (data, err)
    assert "OPCMS_NEW_DB_KEY" in data["error"]["message"] and keyring_store == {}
    code, data, err = cli.as_admin("user", "list", "--json", env={"OPCMS_DB_KEY": old})
    assert code == 0, err
    new = "cd" * 32
    code, data, err = cli.as_admin("db", "rekey", "--json", env={"OPCMS_DB_KEY": old, "OPCMS_NEW_DB_KEY": new})
    assert code == 0, (data, err)
    assert keyring_store["db-key"] == new and db_key.previous_keys(database) == [old]  # the backup still opens
    assert data["key_source"] == "OPCMS_DB_KEY" and data["new_key_from"] == "OPCMS_NEW_DB_KEY"
    assert [w["code"] for w in data["warnings"]] == ["db_key.replace_environment_key"]
    assert "OPCMS_DB_KEY" in data["warnings"][0]["message"]
    assert _rekey_events(database, new) == ["rekey"]  # recorded under the new key
    code, data, err = cli.as_admin("user", "list", "--json", env={"OPCMS_DB_KEY": old})
    assert code == 2 and data["error"]["code"] == "db_key.wrong_key"
    code, data, err = cli.as_admin("user", "list", "--json", env={"OPCMS_DB_KEY": new})
    assert code == 0, err
    code, data, err = cli.as_admin("audit", "verify", "--json", env={"OPCMS_DB_KEY": new})
    assert code == 0 and data["ok"] is True, data


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_rekey_to_a_key_the_script_chose(initialised_cli):
    cli = initialised_cli
    database = Path(make_url(cli.url).database).resolve()
    old = db_key.database_key(database, create=False)
    chosen = "ab" * 32
    code, data, err = cli.as_admin("db", "rekey", "--json", env={"OPCMS_DB_KEY": old, "OPCMS_NEW_DB_KEY": chosen})
    assert code == 0, (data, err)
    assert data["new_key_from"] == "OPCMS_NEW_DB_KEY"
    assert _rekey_events(database, chosen) == ["rekey"]
    code, data, err = cli.as_admin("user", "list", "--json", env={"OPCMS_DB_KEY": chosen})
    assert code == 0, err
    code, data, err = cli.as_admin("db", "rekey", "--json", env={"OPCMS_DB_KEY": chosen, "OPCMS_NEW_DB_KEY": "xyz"})
    assert code == 2 and data["error"]["code"] == "db_key.bad_format"
    code, data, err = cli.as_admin("user", "list", "--json", env={"OPCMS_DB_KEY": chosen})
    assert code == 0, err  # a refused new key leaves the file as it was
