"""Bad numbers on the command line: every id, count, limit and amount argument refuses them with a
catalogue code (exit 2, in the chosen --lang), never "unexpected error" (exit 1), on SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opcms_desktop.cli import build_parser, common
from opcms_desktop.services.platform.messages import catalogue

BAD_NUMBERS = ["99999999999999999999", "9223372036854775808", "-5", "-1", "NaN", "nan", "1e309", "inf", "",
               " ", "1.5", "0x10", "12abc", "1" * 5000]
BAD_AMOUNTS = ["", "   ", "1" * 200]
BOUNDED_TYPES = {common.id_arg, common.company_id_arg, common.limit_arg, common.offset_arg}


def _number_arguments(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, option or positional, action) for every argument that has a type, at any depth."""
    for action in parser._actions:  # noqa: SLF001 - walking the real parser is the point
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                yield from _number_arguments(sub, (*path, name))
        elif action.type is not None:
            yield path, (action.option_strings[0] if action.option_strings else None), action


NUMBER_ARGUMENTS = [(path, option, action) for path, option, action in _number_arguments(build_parser())
                    if action.type in BOUNDED_TYPES or getattr(action.type, "__name__", "") == "count"]
AMOUNT_ARGUMENTS = [(path, option, action) for path, option, action in _number_arguments(build_parser())
                    if action.type is common.amount_arg]


def _subparser(path: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = build_parser()
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
        parser = sub.choices[name]
    return parser


def _argv(path, option, value, dest=None):
    """The command with `value` in the argument under test; other positionals get a valid placeholder."""
    if option:
        return [*path, option, value]
    positionals = []
    for action in _subparser(path)._actions:  # noqa: SLF001
        if action.option_strings or isinstance(action, argparse._SubParsersAction | argparse._HelpAction):  # noqa: SLF001
            continue
        if action.dest == dest:
            positionals.append(value)
        else:
            positionals.append(str(next(iter(action.choices))) if action.choices else "1")
    return [*path, *positionals]


def test_no_argument_parses_numbers_with_a_bare_int_or_float():
    bare = [(" ".join(path), option or action.dest) for path, option, action in _number_arguments(build_parser())
            if action.type in (int, float)]
    assert not bare, f"use the bounded types of cli/common.py: {bare}"
    assert len(NUMBER_ARGUMENTS) >= 20  # ids, 公司ids, limits, offsets and counts of every area


@pytest.mark.parametrize(("path", "option", "action"), NUMBER_ARGUMENTS,
                         ids=[f"{' '.join(p)} {o or a.dest}" for p, o, a in NUMBER_ARGUMENTS])
def test_every_number_argument_refuses_bad_numbers_with_a_code(cli, path, option, action):
    for value in BAD_NUMBERS:
        code, data, err = cli("--json", *_argv(path, option, value, action.dest))
        assert code == 2, (value, err)
        assert "unexpected" not in err and "Traceback" not in err
        error = data["error"]
        assert error["code"].startswith("cli.bad_"), (value, error)
        assert error["code"] in catalogue("en")
        assert error["params"]["argument"] == (option or action.dest)
        assert error["message"] in err


@pytest.mark.parametrize(("path", "option", "action"), AMOUNT_ARGUMENTS,
                         ids=[f"{' '.join(p)} {o}" for p, o, _a in AMOUNT_ARGUMENTS])
def test_amount_arguments_refuse_empty_and_absurd_text(cli, path, option, action):
    for value in BAD_AMOUNTS:
        code, data, err = cli("--json", *_argv(path, option, value, action.dest))
        assert (code, data["error"]["code"]) == (2, "cli.bad_amount"), err


def test_argument_errors_speak_the_chosen_language(cli):
    code, _data, err = cli("receipt", "show", "99999999999999999999", lang="zh_CN")
    assert code == 2
    assert "不是有效的编号" in err and "9223372036854775807" in err
    code, _data, err = cli("receipt", "show", "99999999999999999999", lang="en")
    assert code == 2
    assert "is not an id" in err and "usage:" not in err


def test_other_usage_errors_are_coded_too(cli):
    code, data, err = cli("--json", "usage", "list", "--series", "nope")
    assert code == 2
    assert data["error"]["code"] == "cli.usage"
    assert "usage:" in err


def test_negative_limits_are_refused_before_the_database(cli):
    for argv in (("invoices", "list", "--limit", "-1"), ("receipt", "list", "--limit", "-5"),
                 ("audit", "list", "--limit", "-5"), ("usage", "list", "--limit", "-5")):
        code, data, _err = cli("--json", *argv)
        assert (code, data["error"]["code"]) == (2, "cli.bad_number"), argv


def test_the_largest_ids_reach_the_database_and_are_not_found(initialised_cli):
    biggest = str(2**63 - 1)
    for argv in (("receipt", "show", biggest), ("receipt", "balance", "--company-id", biggest),
                 ("allocate", "--receipt", biggest, "--invoice", "INV-2026-000001", "--amount", "1"),
                 ("unallocate", "--allocation", biggest, "--reason", "test")):
        code, data, err = initialised_cli.as_admin("--json", *argv)
        assert code == 2, (argv, err)
        assert "unexpected" not in err


def test_amounts_and_areas_of_nan_and_1e309_are_refused_by_the_services(initialised_cli):
    for amount in ("NaN", "1e309", "-1e309", "Infinity"):
        code, _data, err = initialised_cli.as_admin(
            "allocate", "--receipt", "1", "--invoice", "INV-2026-000001", "--amount", amount)
        assert code == 2, (amount, err)
        assert "unexpected" not in err


def test_valid_limits_run(initialised_cli):
    for argv in (("invoices", "list", "--limit", "0"), ("invoices", "list", "--limit", "1000000"),
                 ("audit", "list", "--limit", "1000000", "--offset", "2147483647")):
        code, _data, err = initialised_cli.as_admin("--json", *argv)
        assert code == 0, (argv, err)


# ---- property: whatever text a number argument gets, the exit code is never 1 -----------------------------

NUMBER_COMMANDS = [
    lambda n: ("invoices", "list", "--limit", n),
    lambda n: ("invoices", "list", "--company-id", n),
    lambda n: ("invoices", "list", "--owner-id", n),
    lambda n: ("receipt", "list", "--company-id", n, "--limit", "5"),
    lambda n: ("receipt", "show", n),
    lambda n: ("receipt", "balance", "--company-id", n),
    lambda n: ("audit", "list", "--offset", n, "--limit", "1"),
    lambda n: ("usage", "list", "--company-id", n, "--offset", "0"),
    lambda n: ("allocate", "--receipt", n, "--invoice", "INV-2026-000001", "--amount", "1.00"),
    lambda n: ("allocate", "--receipt", "1", "--invoice", "INV-2026-000001", "--amount", n),
    lambda n: ("unallocate", "--allocation", n, "--reason", "x"),
    lambda n: ("usage", "correct", "--company-id", "1", "--period", "2026-01", "--series", "X", "--single", n,
               "--multi", "0", "--floors", "0", "--reason", "x"),
]

numbers_as_text = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["NaN", "1e309", "-0", "+7", "０", "1,000", "", " ", "9" * 25, "1_000", "٣"]),
    st.text(max_size=12).filter(lambda t: not t.startswith("-") and "\x00" not in t),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(NUMBER_COMMANDS), value=numbers_as_text)
def test_number_arguments_never_end_in_an_unexpected_error(initialised_cli, command, value):
    code, data, err = initialised_cli.as_admin("--json", *command(value))
    assert code != 1, err
    assert "Traceback" not in err
    if code == 2:
        error = data["error"] if isinstance(data, dict) else json.loads(data.splitlines()[-1])["error"]
        assert error["code"] in catalogue("en")


# ---- exports into a folder that does not exist: refused, nothing created --------------------------------

EXPORTS = [
    ("export", "customers", "{file}"),
    ("export", "pricing-template", "{file}"),
    ("export", "price-plans", "{file}"),
    ("export", "usage-template", "{file}"),
    ("export", "usage", "{file}"),
    ("export", "receipts", "{file}"),
    ("report", "ar-aging", "--xlsx", "{file}"),
    ("invoices", "list", "--xlsx", "{file}"),
    ("audit", "export", "{file}"),
]


def test_exports_into_a_missing_folder_are_refused(initialised_cli, tmp_path):
    parser_commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    missing = tmp_path / "no such folder"
    target = missing / "out.xlsx"
    for argv in EXPORTS:
        group = parser_commands[argv[0]]._subparsers._group_actions[0].choices  # noqa: SLF001
        if argv[1] not in group:
            continue  # a command another area has not added yet
        code, data, err = initialised_cli.as_admin("--json", *(a.format(file=target) for a in argv))
        assert code == 2, (argv, err)
        assert data["error"]["code"] == "xlsx.folder_missing", (argv, data)
        assert str(missing) in err
        assert not missing.exists(), argv
