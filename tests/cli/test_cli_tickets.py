"""`opcms ticket ...`: SLA deadlines, the clock paused while waiting for the customer, breaches, sales scope
(issue 14 item 4)."""

from .test_cli_invoicing import SALES_PASSWORD, billed  # noqa: F401 - the fixture


def _ok(result):
    code, data, err = result
    assert code == 0, err
    return data


def _breached(cli, at, user=None):
    kw = {"user": user, "password": SALES_PASSWORD} if user else {}
    call = cli if user else cli.as_admin
    data = _ok(call("ticket", "list", "--breached", "--as-of", at, "--json", **kw))
    return [t["id"] for t in data["tickets"]]


def test_a_waiting_ticket_does_not_breach_while_paused_and_keeps_its_paused_time(billed):  # noqa: F811
    cli = billed
    t = _ok(
        cli.as_admin(
            "ticket",
            "add",
            "--company-id",
            "1101",
            "--type",
            "complaint",
            "--priority",
            "high",
            "--subject",
            "账单金额有疑问",
            "--at",
            "2026-03-02 09:00",
            "--json",
        )
    )
    assert (t["status"], t["assignee"], t["first_response_due"][:16], t["resolution_due"][:16]) == (
        "new",
        "liuji",
        "2026-03-02T13:00",
        "2026-03-03T09:00",
    )
    assert _breached(cli, "2026-03-02 13:01") == [t["id"]]  # no first response yet

    _ok(cli.as_admin("ticket", "update", str(t["id"]), "--status", "in_progress", "--at", "2026-03-02 10:00"))
    assert _breached(cli, "2026-03-02 13:01") == []
    _ok(
        cli.as_admin(
            "ticket", "update", str(t["id"]), "--status", "waiting_for_customer", "--at", "2026-03-02 12:00"
        )
    )
    assert (
        _breached(cli, "2026-03-04 09:00") == []
    )  # the deadline has passed on the wall clock, not the SLA clock
    paused = _ok(cli.as_admin("ticket", "list", "--as-of", "2026-03-04 09:00", "--json"))["tickets"][0]
    assert paused["paused"] is True and paused["paused_seconds"] == 45 * 3600

    # The SLA rule changes: this ticket keeps its terms and its paused time.
    _ok(
        cli.as_admin(
            "ticket",
            "sla",
            "--type",
            "complaint",
            "--priority",
            "high",
            "--first-response-minutes",
            "10",
            "--resolution-minutes",
            "60",
            "--json",
        )
    )
    resumed = _ok(
        cli.as_admin(
            "ticket",
            "update",
            str(t["id"]),
            "--status",
            "in_progress",
            "--note",
            "客户已回复",
            "--at",
            "2026-03-04 12:00",
            "--json",
        )
    )
    assert resumed["paused_seconds"] == 48 * 3600 and resumed["paused"] is False
    assert resumed["resolution_due"][:16] == "2026-03-05T09:00"
    assert _breached(cli, "2026-03-05 08:59") == []
    assert _breached(cli, "2026-03-05 09:01") == [t["id"]]
    fresh = _ok(
        cli.as_admin(
            "ticket",
            "add",
            "--company-id",
            "1102",
            "--type",
            "complaint",
            "--priority",
            "high",
            "--subject",
            "新工单",
            "--at",
            "2026-03-05 09:00",
            "--json",
        )
    )
    assert fresh["resolution_due"][:16] == "2026-03-05T10:00"  # new tickets take the new rule

    code, data, err = cli.as_admin(
        "ticket", "update", str(t["id"]), "--status", "resolved", "--at", "2026-03-01 09:00", "--json"
    )
    assert code == 2 and data["error"]["problems"][0]["code"] == "worklist.ticket.time_before_last_change"
    _ok(cli.as_admin("ticket", "update", str(t["id"]), "--status", "closed", "--at", "2026-03-06 09:00"))
    code, data, err = cli.as_admin("ticket", "update", str(t["id"]), "--status", "in_progress", "--json")
    assert code == 2 and data["error"]["problems"][0]["code"] == "worklist.ticket.closed_is_final"
    shown = _ok(cli.as_admin("ticket", "show", str(t["id"]), "--json"))
    assert [(n["from"], n["to"]) for n in shown["notes"]] == [
        ("new", "in_progress"),
        ("in_progress", "waiting_for_customer"),
        ("waiting_for_customer", "in_progress"),
        ("in_progress", "closed"),
    ]


def test_sales_list_and_change_only_their_own_tickets(billed):  # noqa: F811
    cli = billed
    own = _ok(
        cli.as_admin(
            "ticket", "add", "--company-id", "1101", "--type", "technical", "--subject", "设备问题", "--json"
        )
    )
    foreign = _ok(
        cli.as_admin(
            "ticket",
            "add",
            "--company-id",
            "1102",
            "--type",
            "renewal",
            "--subject",
            "续约",
            "--assignee",
            "liuji",
            "--json",
        )
    )
    sales = {"user": "liuji", "password": SALES_PASSWORD}
    data = _ok(cli("ticket", "list", "--json", **sales))
    assert [t["id"] for t in data["tickets"]] == [own["id"]]
    _ok(cli("ticket", "update", str(own["id"]), "--status", "in_progress", "--json", **sales))
    code, data, err = cli(
        "ticket", "update", str(foreign["id"]), "--status", "in_progress", "--json", **sales
    )
    assert code == 2 and data["error"]["code"] == "worklist.ticket.not_found"
    code, data, err = cli(
        "ticket", "add", "--company-id", "1102", "--type", "other", "--subject", "x", "--json", **sales
    )
    assert code == 2 and data["error"]["code"] == "scope.no_customer"
    unchanged = _ok(cli.as_admin("ticket", "show", str(foreign["id"]), "--json"))
    assert unchanged["status"] == "new"


def test_bad_input_gets_a_coded_answer(billed):  # noqa: F811
    cli = billed
    for args, code_expected in (
        (("--type", "bogus", "--subject", "x"), 2),
        (("--type", "other", "--subject", "x", "--at", "yesterday"), 2),
        (("--type", "other", "--subject", "   "), 2),
        (("--type", "other", "--subject", "x", "--assignee", "nobody"), 2),
    ):
        code, data, err = cli.as_admin("ticket", "add", "--company-id", "1101", *args, "--json")
        assert code == code_expected, err
        assert data["error"]["code"]
    assert _ok(cli.as_admin("ticket", "list", "--json"))["tickets"] == []
