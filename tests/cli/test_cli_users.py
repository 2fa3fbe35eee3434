from .conftest import ADMIN_PASSWORD


def test_init_twice_is_harmless(cli):
    code, data, _ = cli("init", "--no-pg-security", "--json", env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 0 and data["admin_created"] == "admin"
    code, data, _ = cli("init", "--no-pg-security", "--json", env={"OPCMS_ADMIN_PASSWORD": "ignored-now-123"})
    assert code == 0 and data["admin_created"] is None


def test_init_with_a_named_admin_and_weak_password(cli):
    code, data, err = cli("init", "--no-pg-security", "--admin-user", "boss", "--json", env={"OPCMS_ADMIN_PASSWORD": "short"})
    assert code == 2 and data["error"]["code"] == "password.invalid" and "at least 10" in err
    assert data["error"]["problems"][0]["code"] == "password.too_short"
    code, data, _ = cli("init", "--no-pg-security", "--admin-user", "boss", "--json", env={"OPCMS_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert code == 0 and data["admin_created"] == "boss"


def test_user_add_list_disable(initialised_cli):
    cli = initialised_cli
    code, data, err = cli.as_admin("user", "add", "liuji", "--role", "sales", "--display-name", "刘冀", "--json",
                                   env={"OPCMS_NEW_PASSWORD": "Sales-pass-2026"})
    assert code == 0, err
    assert data["username"] == "liuji" and data["role"] == "sales" and data["display_name"] == "刘冀"
    code, data, _ = cli.as_admin("user", "list", "--json")
    assert {u["username"] for u in data["users"]} == {"admin", "liuji"}
    code, data, _ = cli.as_admin("user", "disable", "liuji", "--json")
    assert code == 0 and data["active"] is False
    code, data, err = cli("user", "list", "--json", user="liuji", password="Sales-pass-2026")
    assert code == 3 and data["error"]["code"] == "auth.disabled" and "disabled" in err


def test_exit_codes(initialised_cli):
    cli = initialised_cli
    code, data, err = cli.as_admin("user", "add", "x", "--role", "ops", "--json",
                                   env={"OPCMS_NEW_PASSWORD": "Good-pass-2026"})
    assert code == 2 and data["error"]["problems"][0]["code"] == "users.name_length" and "2 to 63" in err
    code, data, _ = cli.as_admin("user", "add", "bob", "--role", "chief", "--json",
                                 env={"OPCMS_NEW_PASSWORD": "Good-pass-2026"})
    assert code == 2 and data["error"]["code"] == "users.unknown_role"
    cli.as_admin("user", "add", "bob", "--role", "sales", env={"OPCMS_NEW_PASSWORD": "Good-pass-2026"})
    code, data, _ = cli("user", "add", "eve", "--role", "admin", "--json", user="bob", password="Good-pass-2026",
                        env={"OPCMS_NEW_PASSWORD": "Good-pass-2026"})
    assert code == 3 and data["error"]["params"]["permission"] == "users.manage"


def test_wrong_password_is_exit_3_and_the_sixth_attempt_reports_the_lock(initialised_cli):
    cli = initialised_cli
    for _ in range(5):
        code, data, err = cli("user", "list", "--json", user="admin", password="wrong-password")
        assert code == 3 and data["error"]["code"] == "auth.failed" and "Wrong user name or password" in err
    code, data, err = cli("user", "list", "--json", user="admin", password=ADMIN_PASSWORD, lang="zh_CN")
    assert code == 3 and data["error"]["code"] == "auth.locked" and "锁定至" in err
    assert data["error"]["params"]["until"] in err


def test_passwd_by_admin_and_by_the_user(initialised_cli):
    cli = initialised_cli
    cli.as_admin("user", "add", "mei", "--role", "ops", env={"OPCMS_NEW_PASSWORD": "First-pass-2026"})
    code, data, _ = cli.as_admin("user", "passwd", "mei", "--json", env={"OPCMS_NEW_PASSWORD": "Second-pass-2026"})
    assert code == 0 and data["must_change_password"] is True
    code, data, err = cli("user", "passwd", "mei", "--json", user="mei", password="Second-pass-2026",
                          env={"OPCMS_NEW_PASSWORD": "Third-pass-2026"})
    assert code == 0, err
    code, _, _ = cli("user", "list", user="mei", password="Third-pass-2026")
    assert code == 3  # logged in fine, but ops may not list users


def test_uninitialised_database_is_a_clear_bad_input(cli):
    code, data, err = cli("user", "list", "--json", user="admin", password="whatever-123")
    assert code == 2 and data["error"]["code"] == "database.not_initialised" and "opcms init" in err


def test_user_add_links_the_sheet_owner_names(initialised_cli, tmp_path):
    """Issue 11 item 3: a new sales user sees the customers the sheet gives them, without a re-import."""
    from tests.services.customer_sheet_builders import HEADERS, customer_row, write_sheet

    cli = initialised_cli
    sheet = tmp_path / "owners.xlsx"
    write_sheet(sheet, HEADERS, [customer_row(1, "甲", 销售负责人="刘冀"), customer_row(2, "乙", 运营负责人="刘冀"),
                                 customer_row(3, "丙", 销售负责人="谢海龙")])
    code, _, err = cli.as_admin("import", "customers", str(sheet), "--json")
    assert code == 0, err
    code, data, err = cli.as_admin("user", "add", "liuji", "--role", "sales", "--display-name", "刘冀",
                                   "--link-owners", "--json", env={"OPCMS_NEW_PASSWORD": "Sales-pass-2026"})
    assert code == 0, err
    assert data["linked_owners"] == {"names": ["刘冀"], "customers": 2}
    code, data, _ = cli.as_admin("owners", "list", "--json")
    assert [o["name"] for o in data["unresolved"]] == ["谢海龙"]
