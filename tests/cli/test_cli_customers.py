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
    assert error == {"row": 647, "column": "公司id", "value": "814", "level": "error", "message": error["message"],
                     "code": "customers.import.duplicate_id",
                     "params": {"column": "公司id", "company_id": 814, "first_row": 646, "row": 647}}
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
    code, data, err = cli.as_admin("import", "customers", str(no_id), "--json")
    assert code == 2 and "公司id" in err
    assert data["error"]["code"] == "customers.import.required_missing" and data["error"]["params"]["columns"] == ["公司id"]
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    code, data, err = cli.as_admin("import", "customers", str(text), "--json")
    assert code == 2 and "Cannot read" in err and data["error"]["code"] == "customers.import.unreadable"
    code, _, err = cli.as_admin("import", "customers", str(no_id), "--plan-start", "2026-13-01", "--json")
    assert code == 2
    good = write_sheet(tmp_path / "good.xlsx", HEADERS, [customer_row(1.0, "甲")])
    code, data, _ = cli.as_admin("import", "customers", str(good), "--dry-run", "--json")
    assert data["inserted"] == 1  # nothing was written by the refused imports
    code, data, err = cli.as_admin("export", "customers", str(tmp_path / "out.txt"), "--json")
    assert code == 2 and data["error"]["code"] == "customers.export.not_xlsx"


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
    code, data, err = cli.as_admin("owners", "map", "谢海龙", "--user", "nobody", "--json")
    assert code == 2 and "nobody" in err
    assert data["error"]["code"] == "customers.owners.no_user" and data["error"]["params"] == {"username": "nobody"}


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


ISSUE_KEYS = {"row", "column", "value", "message", "level", "code", "params"}


def test_a_bad_sheet_reports_the_same_codes_in_english_and_in_chinese(initialised_cli, tmp_path):
    cli = initialised_cli
    bad = write_sheet(tmp_path / "bad.xlsx", [*HEADERS, "销售额"], [
        customer_row(1.0, "甲", 账号类型="VIP", 是否停用="也许") + [100.0],
        customer_row("abc", "乙") + [None],
        customer_row(1.0, "丙") + [None],
        customer_row(3.0, None) + [None],
    ])
    reports = {}
    for lang in ("en", "zh_CN"):
        code, data, err = cli.as_admin("import", "customers", str(bad), "--dry-run", "--json", lang=lang)
        assert code == 0, err
        assert all(set(issue) == ISSUE_KEYS for issue in data["errors"])
        reports[lang] = data["errors"]
    en, zh = reports["en"], reports["zh_CN"]
    strip = [{k: v for k, v in issue.items() if k != "message"} for issue in en]
    assert strip == [{k: v for k, v in issue.items() if k != "message"} for issue in zh]
    assert {(i["row"], i["level"], i["code"]) for i in en} == {
        (None, "warning", "customers.import.column_unknown"),
        (2, "warning", "customers.import.account_type_unknown"),
        (2, "warning", "customers.import.disabled_unknown"),
        (2, "warning", "customers.import.duplicate_id_later"),
        (3, "error", "customers.import.company_id_not_number"),
        (4, "error", "customers.import.duplicate_id"),
        (5, "error", "customers.import.name_missing"),
    }
    by_code = {i["code"]: i for i in en}
    assert by_code["customers.import.company_id_not_number"]["params"] == {"column": "公司id", "value": "abc"}
    assert by_code["customers.import.company_id_not_number"]["message"] == "Company ID 'abc' is not a number"
    assert by_code["customers.import.duplicate_id"]["params"] == {"column": "公司id", "company_id": 1, "first_row": 2,
                                                                 "row": 4}
    zh_by_code = {i["code"]: i for i in zh}
    assert zh_by_code["customers.import.company_id_not_number"]["message"] == "公司id“abc”不是数字"
    assert zh_by_code["customers.import.duplicate_id"]["message"] == "公司id 1 已在 Excel 第 2 行出现，本行（第 4 行）未导入"
    for issue in en:  # English has no Chinese apart from the sheet's own headers and values it quotes
        text = issue["message"]
        quoted = [v for value in issue["params"].values() for v in (value if isinstance(value, list) else [value])]
        for value in sorted((str(v) for v in quoted if v is not None), key=len, reverse=True):
            text = text.replace(value, "")
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), issue
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in issue["message"]) for issue in zh)

    code, text, _ = cli.as_admin("import", "customers", str(bad), "--dry-run", lang="zh_CN")
    assert code == 0 and "试导入（未写入任何数据）" in text and "拒绝 3" in text and "公司id“abc”不是数字" in text
