"""`opcms rules ...` and `opcms jobs run-due`: built-ins off until enabled, each action once (issue 14 item 5)."""

import datetime as dt

from sqlalchemy import select

from opcms_desktop.models import Customer, UsageOrder
from opcms_desktop.models.followup import Followup
from opcms_desktop.services.platform.db import create_db_engine, make_session_factory, session_scope

from .test_cli_invoicing import SALES_PASSWORD, billed  # noqa: F401 - the fixture


def _ok(result):
    code, data, err = result
    assert code == 0, err
    return data


def _run_due(cli, now):
    return _ok(cli.as_admin("jobs", "run-due", "--now", now, "--json"))


def _with_session(cli, work):
    engine = create_db_engine(cli.url)
    try:
        with session_scope(make_session_factory(engine)) as session:
            return work(session)
    finally:
        engine.dispose()


def test_builtins_are_listed_off_and_run_due_does_nothing_until_enabled(billed):  # noqa: F811
    cli = billed
    rules = _ok(cli.as_admin("rules", "list", "--json"))
    assert {r["name"]: (r["enabled"], r["builtin"], r["trigger"]) for r in rules} == {
        "monthly-bill-run": (False, True, "monthly 1 06:00"),
        "daily-dunning": (False, True, "daily 06:00"),
        "dormant-after-60-days": (False, True, "daily 06:00"),
    }
    assert _run_due(cli, "2026-03-20 07:00") == {
        "now": _run_due(cli, "2026-03-20 07:00")["now"],
        "rules_run": 0,
        "actions": 0,
        "skipped": 0,
        "failed": 0,
        "log": [],
    }
    code, data, err = cli.as_admin("rules", "enable", "no-such-rule", "--json")
    assert code == 2 and data["error"]["code"] == "worklist.rule.not_found"


def test_daily_dunning_runs_once_per_day_whatever_the_number_of_runs(billed):  # noqa: F811
    cli = billed
    _ok(cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", "2026-02-01"))
    _ok(cli.as_admin("rules", "enable", "daily-dunning", "--json"))
    assert _run_due(cli, "2026-03-20 05:59")["rules_run"] == 0  # not due before 06:00
    first = _run_due(cli, "2026-03-20 07:00")
    assert (first["rules_run"], first["actions"], first["skipped"]) == (1, 1, 0)
    assert first["log"][0]["action"] == "dunning_run" and first["log"][0]["result"] == "done"
    again = _run_due(cli, "2026-03-20 07:00")
    assert (again["rules_run"], again["actions"], again["skipped"]) == (0, 0, 1)
    later = _run_due(cli, "2026-03-20 23:00")
    assert later["actions"] == 0
    bills = _ok(cli.as_admin("dunning", "list", "--as-of", "2026-03-20", "--json"))["bills"]
    assert sorted(b["last_level"] for b in bills) == [15, 30]
    log = _ok(cli.as_admin("rules", "log", "--rule", "daily-dunning", "--json"))["log"]
    assert [(e["action"], e["result"], e["key"]) for e in log] == [("dunning_run", "done", "2026-03-20")]


def test_dormant_after_60_days_sets_the_status_and_a_followup_once(billed):  # noqa: F811
    cli = billed

    def add_usage(session):
        customer = session.scalar(select(Customer).where(Customer.company_id == 1101))
        session.add(
            UsageOrder(
                order_no="O-1",
                customer_id=customer.id,
                upload_date=dt.date(2026, 1, 10),
                series="X",
                floors=1,
            )
        )
        other = session.scalar(select(Customer).where(Customer.company_id == 1102))
        session.add(
            UsageOrder(
                order_no="O-2", customer_id=other.id, upload_date=dt.date(2026, 3, 1), series="X", floors=1
            )
        )

    _with_session(cli, add_usage)
    _ok(cli.as_admin("rules", "enable", "dormant-after-60-days"))
    assert _run_due(cli, "2026-03-11 08:00")["actions"] == 0  # 60 days after 01-10 is 03-11: not yet
    first = _run_due(cli, "2026-03-12 08:00")
    assert [(e["company_id"], e["action"]) for e in first["log"]] == [
        (1101, "set_status"),
        (1101, "followup"),
    ]
    assert _run_due(cli, "2026-03-12 08:00")["actions"] == 0
    assert _run_due(cli, "2026-03-13 08:00")["actions"] == 0  # dormant now: the condition no longer holds

    def state(session):
        customer = session.scalar(select(Customer).where(Customer.company_id == 1101))
        followups = session.scalars(select(Followup).where(Followup.customer_id == customer.id)).all()
        return customer.coop_status, [(f.source, f.assignee_id is not None) for f in followups]

    assert _with_session(cli, state) == ("dormant", [("rule:dormant-after-60-days", True)])


def test_an_event_rule_acts_once_per_event_and_bad_rules_are_refused(billed):  # noqa: F811
    cli = billed
    added = _ok(
        cli.as_admin(
            "rules",
            "add",
            "thank-after-issue",
            "--event",
            "bill_issued",
            "--actions",
            '[{"type": "followup", "content": "账单已开具，电话确认", "due_in_days": 2}]',
            "--json",
        )
    )
    assert (added["enabled"], added["builtin"], added["trigger"]) == (True, False, "event bill_issued")
    _ok(cli.as_admin("invoices", "issue", "--period", "2026-01", "--date", dt.date.today().isoformat()))
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    first = _run_due(cli, now)
    assert sorted(e["company_id"] for e in first["log"]) == [1101, 1102] and first["actions"] == 2
    assert _run_due(cli, now)["actions"] == 0

    for args, problem in (
        (
            ("bad name!", "--schedule", "daily 06:00", "--actions", '[{"type": "dunning_run"}]'),
            "worklist.rule.bad_name",
        ),
        (
            ("x-rule", "--schedule", "weekly", "--actions", '[{"type": "dunning_run"}]'),
            "worklist.rule.bad_schedule",
        ),
        (
            ("x-rule", "--event", "bill_issued", "--actions", '[{"type": "dunning_run"}]'),
            "worklist.rule.global_action_on_event",
        ),
        (
            ("x-rule", "--event", "bill_issued", "--actions", '[{"type": "explode"}]'),
            "worklist.rule.unknown_action",
        ),
    ):
        code, data, err = cli.as_admin("rules", "add", *args, "--json")
        assert code == 2, err
        assert problem in [p["code"] for p in data["error"]["problems"]]
    code, data, err = cli.as_admin(
        "rules", "add", "x-rule", "--event", "bill_issued", "--actions", "[oops", "--json"
    )
    assert code == 2 and data["error"]["code"] == "worklist.cli.bad_json"
    code, data, err = cli.as_admin("rules", "delete", "daily-dunning", "--json")
    assert code == 2 and data["error"]["problems"][0]["code"] == "worklist.rule.builtin_kept"
    assert len(_ok(cli.as_admin("rules", "list", "--json"))) == 4


def test_sales_cannot_manage_rules_or_run_jobs(billed):  # noqa: F811
    cli = billed
    sales = {"user": "liuji", "password": SALES_PASSWORD}
    code, _, err = cli("rules", "enable", "daily-dunning", **sales)
    assert code == 3 and "rules.manage" in err
    code, _, err = cli("jobs", "run-due", **sales)
    assert code == 3 and "jobs.run" in err
