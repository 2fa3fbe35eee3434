"""Password hashing (bcrypt) and the password policy."""

from __future__ import annotations

import os

import bcrypt

from ..platform.errors import Problem, ProblemList, ValidationError

MIN_LENGTH = 10
BCRYPT_MAX_BYTES = 72  # bcrypt 5 raises beyond this; 25 Chinese characters are already 75 bytes
# Tests lower the cost through the environment; never below bcrypt's minimum of 4.
BCRYPT_ROUNDS = max(4, int(os.environ.get("OPCMS_BCRYPT_ROUNDS", "12")))
COMMON_PASSWORDS = frozenset(
    {
        "1234567890", "12345678910", "0123456789", "1qaz2wsx3edc", "qwertyuiop", "password123",
        "password1234", "passw0rd123", "abc1234567", "abcd123456", "a123456789", "admin12345",
        "admin123456", "administrator", "qwerty1234", "qwe1234567", "iloveyou12", "woaini1314",
        "aa12345678", "1111111111", "0000000000", "8888888888", "6666666666", "1234qwer!@#$",
        "zaq12wsxcde", "p@ssw0rd123", "welcome123", "letmein123", "changeme123", "opcms12345",
    }
)


def check_policy(password: str, username: str = "") -> None:
    """Raise ValidationError (field 'password') if the password may not be used."""
    problems = ProblemList()
    if len(password) < MIN_LENGTH:
        problems.add("password.too_short", field="password", minimum=MIN_LENGTH)
    if len(password.encode("utf-8")) > BCRYPT_MAX_BYTES:
        problems.add("password.too_many_bytes", field="password", maximum=BCRYPT_MAX_BYTES)
    if username and password.strip().lower() == username.strip().lower():
        problems.add("password.is_username", field="password")
    if password.lower() in COMMON_PASSWORDS:
        problems.add("password.too_common", field="password")
    problems.raise_if_any("password.invalid")


def hash_password(password: str) -> str:
    data = password.encode("utf-8")
    if len(data) > BCRYPT_MAX_BYTES:
        raise ValidationError("password.too_long", [Problem("password.too_many_bytes", field="password",
                                                             params={"maximum": BCRYPT_MAX_BYTES})])
    return bcrypt.hashpw(data, bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def verify_password(password: str, hashed: str) -> bool:
    data = password.encode("utf-8")
    if len(data) > BCRYPT_MAX_BYTES or not hashed:
        return False
    try:
        return bcrypt.checkpw(data, hashed.encode("ascii"))
    except ValueError:
        return False
