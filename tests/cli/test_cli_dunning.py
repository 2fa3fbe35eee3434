"""`opcms dunning ...`: levels, the idempotent run, holds, payment ending dunning, the letter (issue 14 item 3)."""

from .test_cli_invoicing import SALES_PASSWORD, billed  # noqa: F401 - the fixture


def _run(cli, day):
    code, data, err = cli.as_admin("dunning", "run", "--as-of", day, "--json")
    assert code == 0, err
    return data


def _issued(cli):
    code, _, err = cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-01", "--json")
    assert code == 0, err
    # INV-2026-000001: 公司id 1101, 1000.00, due 2026-03-03; INV-2026-000002: 1102, 250.50, due 2026-02-16
    return cli


def test_a_fresh_database_has_the_five_levels(billed):  # noqa: F811
    code, data, err = billed.as_admin("dunning", "levels", "list", "--json")
    assert code == 0, err
    assert [lv["days"] for lv in data["levels"]] == [-3, 1, 15, 30, 60]


def test_run_is_idempotent_takes_the_highest_level_skips_holds_and_ends_when_paid(billed):  # noqa: F811
    cli = _issued(billed)
    data = _run(cli, "2026-02-13")
    assert data["created"] == 1 and data["skipped"] == 0 and data["on_hold"] == 0
    assert data["items"] == [
        {
            "number": "INV-2026-000002",
            "company_id": 1102,
            "level": -3,
            "due_date": "2026-02-16",
            "days_overdue": -3,
            "balance": "250.50",
            "action": "followup",
        }
    ]
    again = _run(cli, "2026-02-13")
    assert (again["created"], again["skipped"], again["items"]) == (0, 1, [])

    # Both past several levels: one record each at the highest level reached, no backlog.
    data = _run(cli, "2026-03-20")
    assert sorted((i["number"], i["level"], i["days_overdue"]) for i in data["items"]) == [
        ("INV-2026-000001", 15, 17),
        ("INV-2026-000002", 30, 32),
    ]
    assert _run(cli, "2026-03-20")["created"] == 0

    code, data, err = cli.as_admin("dunning", "hold", "--number", "INV-2026-000001", "--json")
    assert code == 2, err  # a hold needs a reason
    code, data, err = cli.as_admin(
        "dunning", "hold", "--number", "INV-2026-000001", "--reason", "  ", "--json"
    )
    assert code == 2 and data["error"]["problems"][0]["code"] == "worklist.dunning.reason_required"
    code, data, err = cli.as_admin(
        "dunning", "hold", "--number", "INV-2026-000001", "--reason", "客户对账有异议", "--json"
    )
    assert code == 0 and data["on_hold"] is True, err
    data = _run(cli, "2026-04-05")  # 1101: 33 days, on hold; 1102: 48 days, level 30 already done
    assert (data["created"], data["skipped"], data["on_hold"]) == (0, 1, 1)

    code, data, err = cli.as_admin(
        "receipt", "add", "--company-id", "1102", "--amount", "250.50", "--date", "2026-04-06", "--json"
    )
    assert code == 0, err
    code, _, err = cli.as_admin(
        "allocate",
        "--receipt",
        str(data["receipt_id"]),
        "--invoice",
        "INV-2026-000002",
        "--amount",
        "250.50",
        "--date",
        "2026-04-06",
    )
    assert code == 0, err
    code, _, err = cli.as_admin("dunning", "release", "--number", "INV-2026-000001", "--json")
    assert code == 0, err
    data = _run(cli, "2026-04-20")  # the paid bill left dunning; the released one goes on at 30 days
    assert [(i["number"], i["level"]) for i in data["items"]] == [("INV-2026-000001", 30)]
    assert (data["skipped"], data["on_hold"]) == (0, 0)
    code, data, _ = cli.as_admin("dunning", "list", "--as-of", "2026-04-20", "--json")
    assert [(b["number"], b["last_level"], b["balance"]) for b in data["bills"]] == [
        ("INV-2026-000001", 30, "1000.00")
    ]


def test_levels_set_replaces_them_and_bad_input_changes_nothing(billed):  # noqa: F811
    cli = billed
    code, data, err = cli.as_admin("dunning", "levels", "set", "-3,1,15,30,60,90", "--json")
    assert code == 0, err
    assert [(lv["days"], lv["action"]) for lv in data["levels"]][-2:] == [
        (60, "followup+letter"),
        (90, "followup+letter"),
    ]
    for bad, code_expected in (("1,x", 2), ("1,1", 2), ("5000", 2)):
        code, data, err = cli.as_admin("dunning", "levels", "set", bad, "--json")
        assert code == code_expected, err
        assert "error" in data
    code, data, _ = cli.as_admin("dunning", "levels", "list", "--json")
    assert [lv["days"] for lv in data["levels"]] == [-3, 1, 15, 30, 60, 90]


def test_sales_cannot_run_dunning_nor_set_levels(billed):  # noqa: F811
    cli = _issued(billed)
    code, _, err = cli("dunning", "run", "--as-of", "2026-03-20", user="liuji", password=SALES_PASSWORD)
    assert code == 3 and "dunning.run" in err
    code, _, err = cli("dunning", "levels", "set", "1,2", user="liuji", password=SALES_PASSWORD)
    assert code == 3 and "dunning.manage" in err


def test_the_letter_is_a_pdf_with_the_open_bills(billed, tmp_path):  # noqa: F811
    cli = _issued(billed)
    out = tmp_path / "letter.pdf"
    code, data, err = cli.as_admin(
        "dunning",
        "letter",
        "--number",
        "INV-2026-000001",
        "--out",
        str(out),
        "--as-of",
        "2026-03-20",
        "--json",
    )
    assert code == 0, err
    assert out.read_bytes()[:5] == b"%PDF-" and data["bytes"] > 1000
    assert (data["company_id"], data["open_bills"], data["total_open"], data["closing_balance"]) == (
        1101,
        1,
        "1000.00",
        "1000.00",
    )
    code, data, err = cli(
        "dunning",
        "letter",
        "--number",
        "INV-2026-000002",
        "--out",
        str(out),
        "--json",
        user="liuji",
        password=SALES_PASSWORD,
    )
    assert code == 2 and data["error"]["code"] == "billing.number_not_found"
