"""The password policy: every weak password of issue 12 item 7 is refused with its reason."""

from __future__ import annotations

import pytest

from opcms_desktop.services.platform.errors import ValidationError
from opcms_desktop.services.security import passwords, users
from opcms_desktop.services.security.passwords import check_policy


def reasons(password: str, username: str = "liuji", display_name: str = "Liu Jiming") -> list[str]:
    with pytest.raises(ValidationError) as refused:
        check_policy(password, username, display_name)
    assert refused.value.code == "password.invalid"
    return [p.code for p in refused.value.problems]


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaa", "password.repeats"),
        ("ababababab", "password.repeats"),
        ("abcabcabcabc", "password.repeats"),
        ("          ", "password.only_whitespace"),
        ("\t\t  \n     ", "password.only_whitespace"),
        ("abcdefghij", "password.sequence"),
        ("12345678901", "password.sequence"),
        ("9876543210", "password.sequence"),
        ("zyxwvutsrq", "password.sequence"),
        ("qwertyuiop", "password.keyboard"),
        ("asdfghjkl;", "password.keyboard"),
        ("1qaz2wsx3edc", "password.keyboard"),
        ("zxcvbnm,./", "password.keyboard"),
        ("!@#$%^&*()", "password.keyboard"),
        ("password12", "password.too_common"),
        ("p@ssw0rd123", "password.too_common"),
        ("dragon2026!!", "password.too_common"),
        ("sunshine!2026", "password.too_common"),
        ("woaini1314", "password.too_common"),
        ("liuji1-2026", "password.like_username"),
        ("Liuji12345", "password.like_username"),
        ("LIUJI-2026!", "password.like_username"),
        ("ijuil12345", "password.like_username"),
        ("L1uj1-2026!", "password.like_username"),
        ("liujiming2026", "password.like_display_name"),
    ],
)
def test_weak_passwords_are_refused_with_their_reason(password, reason):
    assert reason in reasons(password)


def test_the_user_name_plus_1_and_short_ones_say_every_reason():
    assert reasons("liuji1") == ["password.too_short", "password.like_username"]
    assert reasons("liuji") == ["password.too_short", "password.is_username"]


def test_chinese_display_names_count_too():
    assert "password.like_display_name" in reasons("刘冀2026-12", display_name="刘冀")


@pytest.mark.parametrize(
    "password",
    [
        "Demo-password-1",
        "Walker-pass-2026",
        "Demo-admin-2026",
        "Adm1n-secret-2026",
        "Test-password-2026",
        "Sales-pass-2026",
        "Second-password-42",
        "My-own-password-42",
        "Fresh'pass; --42\\",
        "Good-pass-2026",
        "liuji-walks-the-dog",
        "correct horse battery staple",
        "我的密码是一句很长的话",
        "Ops-password-2026x",
    ],
)
def test_reasonable_passwords_pass(password):
    check_policy(password, "liuji", "刘冀")


def test_the_common_list_is_shipped_and_large():
    listed = passwords.common_passwords()
    assert len(listed) >= 30_000
    assert {"123456", "password", "qwerty", "dragon", "woaini1314"} <= listed
    assert passwords.COMMON_LIST.name.endswith(".gz") and passwords.COMMON_LIST.stat().st_size < 400_000


def test_create_user_checks_the_display_name(session, admin):
    with pytest.raises(ValidationError) as refused:
        users.create_user(session, admin, "wangfang", "Zhaoxiaoming12", "ops", display_name="Zhao Xiaoming")
    assert [p.code for p in refused.value.problems] == ["password.like_display_name"]
