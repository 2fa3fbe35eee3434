"""Password hashing (bcrypt) and the password policy.

The policy refuses, each with its reason: fewer than MIN_LENGTH characters, more than bcrypt's 72 bytes,
whitespace only, a repeated unit (aaaa, ababab), a sequence (abcdefghij, 12345678901, 9876…), a keyboard
walk (qwertyuiop, asdfgh, 1qaz2wsx), the user or display name with small variations (case, a few digits
or symbols around it, reversed, leetspeak), and the 30,000 passwords of the shipped common list (also
in leetspeak or with digits and symbols tacked on).
"""

from __future__ import annotations

import functools
import gzip
import os
import re
from pathlib import Path

import bcrypt

from ..platform.errors import Problem, ProblemList, ValidationError

MIN_LENGTH = 10
BCRYPT_MAX_BYTES = 72  # bcrypt 5 raises beyond this; 25 Chinese characters are already 75 bytes
# Tests lower the cost through the environment; never below bcrypt's minimum of 4.
BCRYPT_ROUNDS = max(4, int(os.environ.get("OPCMS_BCRYPT_ROUNDS", "12")))
COMMON_LIST = Path(__file__).resolve().parents[2] / "resources" / "passwords" / "common-passwords.txt.gz"
MIN_NAME = 3  # names shorter than this are not looked for inside a password
MAX_EXTRA = 4  # a name plus up to this many other characters is "the name with small variations"

_LEET = str.maketrans(
    {
        "0": "o",
        "1": "l",
        "!": "i",
        "3": "e",
        "4": "a",
        "@": "a",
        "5": "s",
        "$": "s",
        "7": "t",
        "+": "t",
        "8": "b",
        "9": "g",
        "2": "z",
        "|": "l",
    }
)
_LEET_I = str.maketrans({"1": "i", "!": "i", "0": "o", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s"})
_SHIFTED = dict(zip("!@#$%^&*()_+~", "1234567890-=`", strict=True))
_KEY_ROWS = ("`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./")


def _key_positions() -> dict[str, tuple[int, int]]:
    # Each row is shifted half a key to the right of the one above, as on a real keyboard.
    return {ch: (row, col) for row, keys in enumerate(_KEY_ROWS) for col, ch in enumerate(keys)}


_KEYS = _key_positions()


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list (resources/passwords/README.md): 30,000 common passwords, lower-cased."""
    with gzip.open(COMMON_LIST, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def _adjacent_keys(a: str, b: str) -> bool:
    pa, pb = _KEYS.get(_SHIFTED.get(a, a)), _KEYS.get(_SHIFTED.get(b, b))
    if pa is None or pb is None or pa == pb:
        return False
    rows, cols = pb[0] - pa[0], pb[1] - pa[1]
    # same row: the next key; next row: the key below-left or below-right (and the reverse)
    return (
        (rows == 0 and abs(cols) == 1) or (rows == 1 and cols in (-1, 0)) or (rows == -1 and cols in (0, 1))
    )


def _step(a: str, b: str) -> int | None:
    """+1 / -1 when b follows / precedes a in the alphabet or among the digits (9 -> 0 wraps)."""
    if a.isdigit() and b.isdigit():
        diff = (int(b) - int(a)) % 10
        return {1: 1, 9: -1}.get(diff)
    if a.isascii() and b.isascii() and a.isalpha() and b.isalpha():
        diff = ord(b) - ord(a)
        return diff if diff in (1, -1) else None
    return None


def _run_length(text: str, start: int) -> tuple[int, str]:
    """The longest weak run starting at `start`: same character, a sequence, or a keyboard walk."""
    best, kind = 1, ""
    candidates = (
        ("repeats", lambda a, b, _d: a == b),
        ("sequence", lambda a, b, d: _step(a, b) is not None and (d is None or _step(a, b) == d)),
        ("keyboard", lambda a, b, _d: _adjacent_keys(a, b)),
    )
    for name, follows in candidates:
        end, direction = start + 1, None
        while end < len(text) and follows(text[end - 1], text[end], direction):
            if name == "sequence":
                direction = _step(text[end - 1], text[end])
            end += 1
        if end - start > best:
            best, kind = end - start, name
    return best, kind


def weak_pattern(password: str) -> str | None:
    """ "repeats", "sequence" or "keyboard" when the whole password is made of such runs (3+ characters
    each) or is one short unit repeated (ababab, abcabc); else None."""
    text = password.lower()
    unit = re.fullmatch(r"(.+?)\1+", text)
    if unit and len(unit.group(1)) <= len(text) // 2:
        return "repeats"
    kinds, i = [], 0
    while i < len(text):
        length, kind = _run_length(text, i)
        if length < 3:
            return None
        kinds.append(kind)
        i += length
    return max(set(kinds), key=kinds.count)


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _near_name(password: str, name: str) -> bool:
    """The name, reversed or not, in any case or leetspeak, with little else: at most MAX_EXTRA other
    characters, or only digits and symbols, or a weak pattern (liuji2026, 1iuj1!, ijuil12345)."""
    target = _alnum(name)
    if len(target) < (MIN_NAME if target.isascii() else 2):  # 刘冀: two characters are a whole name
        return False
    lowered = password.lower()
    for form in {lowered, lowered.translate(_LEET), lowered.translate(_LEET_I)}:  # same length as lowered
        for candidate in (target, target[::-1]):
            at = form.find(candidate)
            if at < 0:
                continue
            rest = lowered[:at] + lowered[at + len(candidate) :]
            if (
                len(_alnum(rest)) <= MAX_EXTRA
                or not any(ch.isalpha() for ch in rest)
                or weak_pattern(rest.strip())
            ):
                return True
    return False


def _is_common(password: str) -> bool:
    listed = common_passwords()
    lowered = password.lower()
    forms = {lowered, lowered.translate(_LEET), lowered.strip()}
    # a listed password with digits or symbols tacked on at the end (dragon2026!, monkey123)
    forms |= {re.sub(r"[\d\W_]+$", "", form) for form in list(forms)}
    return any(len(form) >= 4 and form in listed for form in forms)


def check_policy(password: str, username: str = "", display_name: str = "") -> None:
    """Raise ValidationError (field 'password') if the password may not be used, with every reason:
    too short or too long, whitespace only, a repeat / sequence / keyboard walk, the user or display
    name with small variations (case, digits around it, reversed, leetspeak), or a common password."""
    problems = ProblemList()
    if len(password) < MIN_LENGTH:
        problems.add("password.too_short", field="password", minimum=MIN_LENGTH)
    if len(password.encode("utf-8")) > BCRYPT_MAX_BYTES:
        problems.add("password.too_many_bytes", field="password", maximum=BCRYPT_MAX_BYTES)
    if not password.strip():
        problems.add("password.only_whitespace", field="password")
        problems.raise_if_any("password.invalid")
    pattern = weak_pattern(password.strip())
    if pattern is not None:
        problems.add(f"password.{pattern}", field="password")
    if username and password.strip().lower() == username.strip().lower():
        problems.add("password.is_username", field="password")
    elif username and _near_name(password, username):
        problems.add("password.like_username", field="password")
    if display_name and _near_name(password, display_name):
        problems.add("password.like_display_name", field="password")
    if _is_common(password):
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
