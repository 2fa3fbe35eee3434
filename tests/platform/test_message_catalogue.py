"""The message catalogue: every code in both languages with the same parameters, and every message a
service or command raises or reports is a code of the catalogue (never a sentence)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from opcms_desktop.services.platform import messages
from opcms_desktop.services.platform.errors import UserError, ValidationError
from opcms_desktop.services.platform.messages import LANGUAGES, catalogue, render, template_params

PACKAGE = Path(messages.__file__).resolve().parents[2]
SOURCE_AREAS = sorted(p.name for p in (PACKAGE / "services").iterdir() if p.is_dir() and not p.name.startswith("_"))
SOURCE_AREAS.append("cli")

# call name -> index of the positional argument that is a message code
CODE_POSITIONS = {
    "OpcmsError": 0, "UserError": 0, "NotFound": 0, "PermissionDenied": 0, "AuthenticationError": 0,
    "PasswordChangeRequired": 0, "ConflictError": 0, "Cancelled": 0, "AlreadyRunning": 0,
    "ValidationError": 0, "Problem": 0, "Message": 0, "msg": 0, "render": 0, "raise_if_any": 0,
    "warn": 3, "error": 3,
}


def test_both_languages_have_the_same_codes_and_parameters():
    zh, en = catalogue("zh_CN"), catalogue("en")
    assert set(zh) == set(en), f"only zh_CN: {sorted(set(zh) - set(en))}; only en: {sorted(set(en) - set(zh))}"
    differing = [code for code in zh if template_params(zh[code]) != template_params(en[code])]
    assert not differing, f"codes whose parameters differ between zh_CN and en: {differing}"


def test_each_language_reads_as_that_language():
    for code, text in catalogue("en").items():
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), f"Chinese in the English text of {code}"
    for code, text in catalogue("zh_CN").items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text) or not any(c.isalpha() for c in text), \
            f"the zh_CN text of {code} has no Chinese: {text!r}"


def test_an_error_renders_in_the_chosen_language_with_its_code():
    error = ValidationError("period.invalid", [])
    assert render(error.code, error.params, "en") == "Invalid period"
    assert render(error.code, error.params, "zh_CN") == "账期有误"
    assert error.to_json("en") == {"code": "period.invalid", "params": {}, "message": "Invalid period", "problems": []}


def test_language_names_are_normalised():
    assert messages.normalise_language("en_US.UTF-8") == "en"
    assert messages.normalise_language("zh-CN") == "zh_CN"
    assert messages.normalise_language(None) == "zh_CN"
    assert messages.normalise_language("de_DE") == "zh_CN"
    assert set(LANGUAGES) == {"zh_CN", "en"}


def _code_arguments(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        position = CODE_POSITIONS.get(name or "")
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            yield node.lineno, arg.value
        elif isinstance(arg, ast.JoinedStr):
            yield node.lineno, "<f-string>"


@pytest.mark.parametrize("area", SOURCE_AREAS)
def test_every_message_raised_or_reported_is_a_catalogue_code(area):
    root = PACKAGE / "services" / area if area != "cli" else PACKAGE / "cli"
    known = catalogue("zh_CN")
    wrong = []
    for path in sorted(root.rglob("*.py")):
        for line, value in _code_arguments(path):
            if value not in known:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {value[:70]!r}")
    assert not wrong, "messages that are not catalogue codes:\n" + "\n".join(wrong)


def test_a_user_error_without_a_code_has_a_generic_one():
    assert UserError().code == "error.invalid_input"
    assert str(UserError()) in (catalogue("zh_CN")["error.invalid_input"], catalogue("en")["error.invalid_input"])


def test_a_sheet_column_is_named_in_the_readers_language():
    params = {"column": "公司id", "value": "abc"}
    english = render("customers.import.company_id_not_number", params, "en")
    assert "Company ID" in english and "公司id" not in english
    assert "公司id" in render("customers.import.company_id_not_number", params, "zh_CN")
    assert render("error.where_row", {"row": 3, "column": "not a header"}, "en") == "row 3"
    zh_columns = {c for c in catalogue("zh_CN") if c.startswith("columns.")}
    assert zh_columns == {c for c in catalogue("en") if c.startswith("columns.")}


def test_list_and_message_parameters_follow_the_language_asked_for():
    from opcms_desktop.services.platform.messages import Message, _Params

    messages.set_language("zh_CN")
    try:
        english = _Params({"known": ["a", "b"], "inner": Message("period.invalid")}, "en")
        assert english["known"] == "a, b" and english["inner"] == "Invalid period"
        assert _Params({"known": ["a", "b"]}, "zh_CN")["known"] == "a、b"
    finally:
        messages.set_language("en")
