"""The keys of an encrypted SQLite database, kept in the OS keyring (Windows Credential Manager).

Each database file has its own random key (32 bytes, hex) under service "opcms-desktop" and the name
`db-key:<absolute path>`; the keyring is unlocked by the operating-system login, so the app and the
`opcms` command open the file with no extra step. `OPCMS_DB_KEY` (the hex key, e.g. an exported
recovery key) overrides the keyring for scripts and for a file moved to another machine.

Where no keyring is usable (a headless Linux machine without a Secret Service), the keys go into
files readable by their owner only in the per-user config folder (`keys/`, mode 0700, files 0600):
weaker than a keyring, since anyone who can read the user's files reads the key, and said so in
docs/security.md. Windows always has Credential Manager.

Beside it: `db-key-previous:<path>` (the keys a rekey replaced, so older backups still open) and
`anchor-key:<path>` (the HMAC key of the audit checkpoints, services/audit/anchors.py), which survives
a rekey.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path

import keyring
from keyring.errors import KeyringError

from .errors import UserError

SERVICE = "opcms-desktop"
ENV_KEY = "OPCMS_DB_KEY"
NEW_ENV_KEY = "OPCMS_NEW_DB_KEY"  # a rekey's new key chosen by a script (else a random one)
_HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")
_cache: dict[tuple[str, str], str] = {}  # (kind, path) -> value: the keyring is asked once per process


def _name(kind: str, path: Path | str) -> str:
    return f"{kind}:{Path(path).expanduser().resolve()}"


def keyring_usable() -> bool:
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    # The fail backend cannot store; keyrings.alt's plaintext files must never hold a database key.
    return "fail" not in name and "keyrings.alt" not in name and "null" not in name


def _key_file(name: str) -> Path:
    from hashlib import sha256

    from platformdirs import user_config_dir

    return Path(user_config_dir("OPCMS", appauthor=False)) / "keys" / f"{sha256(name.encode()).hexdigest()}.key"


def _read_file(name: str) -> str | None:
    try:
        return _key_file(name).read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _write_file(name: str, path: Path | str, value: str) -> None:
    target = _key_file(name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(target.parent, 0o700)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(value)
    except OSError as exc:
        raise UserError("db_key.no_keyring", path=str(path), variable=ENV_KEY) from exc


def _read(kind: str, path: Path | str) -> str | None:
    name = _name(kind, path)
    if (kind, name) in _cache:
        return _cache[(kind, name)]
    if not keyring_usable():
        value = _read_file(name)
        if value is not None:
            _cache[(kind, name)] = value
        return value
    try:
        value = keyring.get_password(SERVICE, name)
    except KeyringError:
        return None
    if value is not None:
        _cache[(kind, name)] = value
    return value


def _write(kind: str, path: Path | str, value: str) -> None:
    name = _name(kind, path)
    if not keyring_usable():
        _write_file(name, path, value)
        _cache[(kind, name)] = value
        return
    try:
        keyring.set_password(SERVICE, name, value)
    except KeyringError as exc:
        raise UserError("db_key.keyring_failed", path=str(path), detail=str(exc)) from exc
    _cache[(kind, name)] = value


def forget_cached() -> None:
    """Drop what this process remembered from the keyring (tests; after a keyring change)."""
    _cache.clear()


def check_hex_key(value: str, source: str) -> str:
    value = value.strip()
    if not _HEX_KEY.fullmatch(value):
        raise UserError("db_key.bad_format", source=source)
    return value.lower()


def environment_key() -> str | None:
    value = os.environ.get(ENV_KEY)
    return check_hex_key(value, ENV_KEY) if value else None


def new_environment_key() -> str | None:
    value = os.environ.get(NEW_ENV_KEY)
    return check_hex_key(value, NEW_ENV_KEY) if value else None


def database_key(path: Path | str, *, create: bool) -> str:
    """The hex key of the database at `path`: OPCMS_DB_KEY, else the keyring; a new random key stored
    in the keyring when `create` (a new or a plain file being converted). UserError when none exists."""
    found = environment_key() or _read("db-key", path)
    if found is not None:
        return found
    if not create:
        raise UserError("db_key.missing", path=str(path), variable=ENV_KEY)
    key = secrets.token_hex(32)
    _write("db-key", path, key)
    return key


def store_database_key(path: Path | str, key: str, replaced: str | None = None) -> None:
    """Make `key` the database's key in the keyring, keeping the keys it replaces among the previous keys:
    the keyring's own and `replaced` (the key the file had, which may have come from OPCMS_DB_KEY)."""
    retired = [k for k in (replaced, _read("db-key", path)) if k is not None and k != key]
    if retired:
        kept = [k for k in previous_keys(path) if k != key]
        _write("db-key-previous", path, json.dumps(list(dict.fromkeys([*retired, *kept]))[:20]))
    _write("db-key", path, key)


def previous_keys(path: Path | str) -> list[str]:
    raw = _read("db-key-previous", path)
    return list(json.loads(raw)) if raw else []


def candidate_keys(path: Path | str) -> list[str]:
    """Every key a backup of this database may be encrypted with, newest first."""
    keys = [k for k in (environment_key(), _read("db-key", path)) if k]
    return list(dict.fromkeys([*keys, *previous_keys(path)]))


def anchor_key(path: Path | str) -> bytes:
    """The HMAC key of this database's audit checkpoints (created on first use)."""
    value = _read("anchor-key", path)
    if value is None:
        value = secrets.token_hex(32)
        _write("anchor-key", path, value)
    return bytes.fromhex(value)


def raw_key_pragma(key: str) -> str:
    """`PRAGMA key` with the raw-key form x'…': SQLCipher skips its passphrase KDF for it."""
    return f"PRAGMA key = \"x'{check_hex_key(key, 'key')}'\""
