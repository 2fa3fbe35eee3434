"""Remembered credentials live in the OS keyring (Windows Credential Manager), never in a file."""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)
SERVICE = "OPCMS Desktop"


def _key(database_key: str, username: str) -> str:
    return f"{database_key}|{username}"


def keyring_usable() -> bool:
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    # The fail backend cannot store; plaintext backends from keyrings.alt must never be used.
    return "fail" not in name.lower() and "keyrings.alt" not in name and "null" not in name.lower()


def remember(database_key: str, username: str, password: str) -> bool:
    if not keyring_usable():
        return False
    try:
        keyring.set_password(SERVICE, _key(database_key, username), password)
        return True
    except KeyringError as exc:
        log.warning("could not store the credential in the keyring: %s", exc)
        return False


def recall(database_key: str, username: str) -> str | None:
    if not keyring_usable():
        return None
    try:
        return keyring.get_password(SERVICE, _key(database_key, username))
    except KeyringError as exc:
        log.warning("could not read the keyring: %s", exc)
        return None


def forget(database_key: str, username: str) -> None:
    if not keyring_usable():
        return
    try:
        keyring.delete_password(SERVICE, _key(database_key, username))
    except PasswordDeleteError:
        pass  # nothing was stored: already forgotten
    except KeyringError as exc:
        log.warning("could not remove the credential from the keyring: %s", exc)
