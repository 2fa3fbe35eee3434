"""`opcms import customers`, `opcms export customers`, `opcms owners ...`: the JSON contract and exit codes."""

import pytest

from ..services.customer_sheet_builders import HEADERS, REAL_SHEET, customer_row, trap_sheet, write_sheet

KEYS = {"rows", "inserted", "updated", "unchanged", "rejected", "warnings", "errors", "unresolved_owners"}
needs_real_sheet = pytest.mark.skipif(not REAL_SHEET.exists(), reason="the real customer sheet is not here")


@needs_real_sheet
def test_real_sheet_dry_run_import_reimport_and_round_trip(initialised_cli, tmp_path):
    cli = initialised_cli
    code, data, err = cli.as_admin("import", "customers", str(REAL_SHEET), "--dry-run", "--json")
    assert code == 0, err
    assert set(data) >= KEYS
    assert (data["rows"], data["inserted"], data["updated"], data["unchanged"], data["rejected"]) == (1320, 1319, 0, 0, 1)
    [error] = [e for e in data["errors"] if e["level"] == "error"]
    assert error == {"row": 647, "column": "公司id", "value": "814", "level": "error", "message": error["message"]}
    assert "646" in error["message"]
    assert data["warnings"] == len({e["row"] for e in data["errors"] if e["level"] == "warning"})
    assert {"name": "易遨", "kinds": ["sales"], "rows": 4} in data["unresolved_owners"]

    code, data, _ = cli.as_admin("import", "customers", str(REAL_SHEET), "--plan-start", "2026-01-01", "--json")
    assert code == 0 and data["inserted"] == 1319 and data["plan_start"] == "2026-01-01"
    code, data, _ = cli.as_admin("import", "customers", str(REAL_SHEET), "--plan-start", "2026-01-01", "--json")
    assert (data["inserted"], data["updated"], data["unchanged"]) == (0, 0, 1319)

    out = tmp_path / "export.xlsx"
    code, data, _ = cli.as_admin("export", "customers", str(out), "--json")
    assert code == 0 and data["rows"] == 1319
    code, data, _ = cli.as_admin("import", "customers", str(out), "--plan-start", "2026-01-01", "--json")
    assert (data["rows"], data["unchanged"], data["rejected"]) == (1319, 1319, 0)


def test_bad_files_exit_2_and_write_nothing(initialised_cli, tmp_path):
    cli = initialised_cli
    no_id = write_sheet(tmp_path / "no-id.xlsx", ["公司名称", "备注"], [["甲", "x"]])
    code, _, err = cli.as_admin("import", "customers", str(no_id), "--json")
    assert code == 2 and "公司id" in err
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    code, _, err = cli.as_admin("import", "customers", str(text), "--json")
    assert code == 2 and "Cannot read" in err
    code, _, err = cli.as_admin("import", "customers", str(no_id), "--plan-start", "2026-13-01", "--json")
    assert code == 2
    good = write_sheet(tmp_path / "good.xlsx", HEADERS, [customer_row(1.0, "甲")])
    code, data, _ = cli.as_admin("import", "customers", str(good), "--dry-run", "--json")
    assert data["inserted"] == 1  # nothing was written by the refused imports
    code, _, err = cli.as_admin("export", "customers", str(tmp_path / "out.txt"), "--json")
    assert code == 2


def test_sales_users_cannot_import(initialised_cli, tmp_path):
    cli = initialised_cli
    cli.as_admin("user", "add", "liuji", "--role", "sales", "--display-name", "刘冀",
                 env={"OPCMS_NEW_PASSWORD": "Sales-pass-2026"})
    good = write_sheet(tmp_path / "good.xlsx", HEADERS, [customer_row(1.0, "甲", 销售负责人="刘冀"),
                                                        customer_row(2.0, "乙", 销售负责人="谢海龙")])
    code, _, err = cli("import", "customers", str(good), "--json", user="liuji", password="Sales-pass-2026")
    assert code == 3 and "customers.import" in err
    code, data, _ = cli.as_admin("import", "customers", str(good), "--json")
    assert data["inserted"] == 2 and [o["name"] for o in data["unresolved_owners"]] == ["谢海龙"]
    code, data, err = cli("export", "customers", str(tmp_path / "mine.xlsx"), "--json", user="liuji",
                          password="Sales-pass-2026")
    assert code == 0 and data["rows"] == 1, err


def test_owners_list_and_map(initialised_cli, tmp_path):
    cli = initialised_cli
    cli.as_admin("user", "add", "xiehl", "--role", "sales", "--display-name", "小谢",
                 env={"OPCMS_NEW_PASSWORD": "Sales-pass-2026"})
    good = write_sheet(tmp_path / "good.xlsx", HEADERS, [customer_row(1.0, "甲", 销售负责人="谢海龙"),
                                                        customer_row(2.0, "乙", 销售负责人="易遨")])
    cli.as_admin("import", "customers", str(good), "--json")
    code, data, _ = cli.as_admin("owners", "list", "--json")
    assert code == 0 and [u["name"] for u in data["unresolved"]] == ["易遨", "谢海龙"] and data["mappings"] == []
    code, data, err = cli.as_admin("owners", "map", "谢海龙", "--user", "xiehl", "--json")
    assert code == 0, err
    assert data == {"name": "谢海龙", "user": "xiehl", "display_name": "小谢", "not_a_person": False,
                    "owner_rows_updated": 1}
    code, data, _ = cli.as_admin("owners", "map", "易遨", "--not-a-person", "--json")
    assert code == 0 and data["not_a_person"] is True
    code, data, _ = cli.as_admin("owners", "list", "--json")
    assert data["unresolved"] == [] and {m["name"] for m in data["mappings"]} == {"谢海龙", "易遨"}
    code, _, _ = cli.as_admin("owners", "map", "易遨", "--json")
    assert code == 2  # --user or --not-a-person is required
    code, _, err = cli.as_admin("owners", "map", "谢海龙", "--user", "nobody", "--json")
    assert code == 2 and "nobody" in err


def test_trap_sheet_with_error_report(initialised_cli, tmp_path):
    cli = initialised_cli
    trap = trap_sheet(tmp_path / "traps.xlsx")
    report = tmp_path / "report.xlsx"
    code, data, err = cli.as_admin("import", "customers", str(trap.path), "--error-report", str(report), "--json")
    assert code == 0, err
    assert (data["rows"], data["rejected"], data["inserted"]) == \
        (len(trap.accepted) + len(trap.rejected), len(trap.rejected), len(trap.accepted))
    assert {e["row"] for e in data["errors"] if e["level"] == "error"} == set(trap.rejected)
    assert data["error_report"]["rows"] >= len(trap.rejected) and report.exists()
    code, text, _ = cli.as_admin("import", "customers", str(trap.path))
    assert code == 0 and "header on row 3" in text and f"{len(trap.accepted)} unchanged" in text
