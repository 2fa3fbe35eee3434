"""What every CLI command shares: database, acting user, output, and bounded argument types.

Argument types (`type=` of add_argument) refuse a bad value with a catalogue code in the chosen --lang,
exit 2, before any database work:

    p.add_argument("--receipt", type=id_arg, required=True)          # 1 .. 2^63-1
    p.add_argument("--company-id", type=company_id_arg)              # 1 .. 2^63-1 (公司id, BIGINT)
    p.add_argument("--limit", type=limit_arg)                        # 0 .. 1,000,000
    p.add_argument("--offset", type=offset_arg, default=0)           # 0 .. 2^31-1
    p.add_argument("--single", type=count_arg(0, 2**31 - 1))         # any bounded whole number
    p.add_argument("--amount", type=amount_arg, required=True)       # the text; the service parses it
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn

from sqlalchemy import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from ..services.platform.db import (
    create_db_engine,
    default_url,
    make_session_factory,
    normalise_url,
    schema_is_current,
    session_scope,
)
from ..services.platform.errors import AuthenticationError, OpcmsError, UserError
from ..services.platform.messages import render
from ..services.security import auth
from ..services.security.permissions import Actor


class Context:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.url = args.db or default_url()
        self._engine: Engine | None = None
        self._factory: sessionmaker[Session] | None = None
        self._actor: Actor | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = create_db_engine(self.url)
        return self._engine

    @property
    def factory(self) -> sessionmaker[Session]:
        if self._factory is None:
            self._factory = make_session_factory(self.engine)
        return self._factory

    def session(self):
        """One command = one transaction (commit on success, roll back on error)."""
        return session_scope(self.factory)

    def require_schema(self) -> None:
        try:
            current = schema_is_current(self.engine)
        except UserError:  # DatabaseBusy, and the encrypted file's key problems (db_key.*), say it themselves
            raise
        except Exception as exc:  # noqa: BLE001 - connection problems become a clear message
            raise UserError("database.cannot_open", url=self.engine.url.render_as_string(hide_password=True),
                            detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        if not current:
            raise UserError("database.not_initialised")

    def actor(self) -> Actor:
        if self._actor is None:
            username = self.args.user or os.environ.get("OPCMS_USER")
            if not username:
                raise AuthenticationError("login.needs_user")
            password = os.environ.get("OPCMS_PASSWORD")
            if password is None:
                password = prompt_password(render("login.prompt_password", {"username": username}))
            if self._personal_pg_login():
                login = auth.authenticate_pg(self.url, username, password)
                self.close()
                self._engine, self._factory = login.engine, login.factory
                self.require_schema()
                self._actor, must_change = login.actor, login.must_change_password
            else:
                self.require_schema()
                self._actor, must_change = auth.authenticate(self.factory, username, password)
            if must_change:
                print(render("login.must_change_warning", {"username": username}), file=sys.stderr)
        return self._actor

    def _personal_pg_login(self) -> bool:
        """A PostgreSQL URL without a user name: connect as the acting user's own login."""
        url = make_url(normalise_url(self.url))
        return url.get_backend_name() == "postgresql" and not url.username

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def output(self, data: Any, text: str | None = None) -> None:
        """Print `data` as one JSON document with --json, else the human text (or a JSON dump)."""
        if self.args.json or text is None:
            print(json.dumps(data, ensure_ascii=False, default=json_default, indent=None if self.args.json else 2))
        else:
            print(text)


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def prompt_password(prompt: str, confirm: bool = False) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError("login.no_terminal")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass(render("login.prompt_again")) != password:
        raise UserError("login.passwords_differ")
    return password


def password_from_env(var: str, prompt: str) -> str:
    value = os.environ.get(var)
    return value if value is not None else prompt_password(prompt, confirm=True)


def fail(message: str) -> None:
    print(f"opcms: {message}", file=sys.stderr)


def fail_with(ctx: Context, error: OpcmsError) -> None:
    """A refused command: its message on stderr, and with --json the code and parameters on stdout."""
    fail(str(error))
    if getattr(ctx.args, "json", False):
        print(json.dumps({"error": error.to_json()}, ensure_ascii=False, default=json_default))


def silence_stdout() -> None:
    """After a broken pipe: point stdout at devnull so that the interpreter's final flush stays quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def json_flag(parser: argparse.ArgumentParser) -> None:
    """Let --json also stand after the sub-command (`opcms init --json`)."""
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print one JSON document on stdout")


# ---- bounded argument types ---------------------------------------------------------------------------

ID_MAXIMUM = 2**63 - 1  # BIGINT: every id and 公司id
INT_MAXIMUM = 2**31 - 1  # INTEGER
LIMIT_MAXIMUM = 1_000_000
AMOUNT_MAX_LENGTH = 40


class CodedArgumentError(argparse.ArgumentTypeError):
    """A refused argument value: a catalogue code and its parameters (rendered in the chosen --lang)."""

    def __init__(self, code: str, /, **params: Any):
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        return render(self.code, self.params)

    def error(self, argument: str | None) -> UserError:
        return UserError(self.code, **self.params, argument=argument or "")


def _whole_number(text: str, minimum: int, maximum: int, code: str) -> int:
    folded = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    digits = folded[1:] if folded[:1] in "+-" else folded
    if not digits.isascii() or not digits.isdigit():
        raise CodedArgumentError(code, value=text, minimum=minimum, maximum=maximum)
    if len(digits) > 30:  # no int() of a thousand digits; far beyond any bound anyway
        raise CodedArgumentError(code, value=text[:40], minimum=minimum, maximum=maximum)
    number = int(folded)
    if not minimum <= number <= maximum:
        raise CodedArgumentError(code, value=text, minimum=minimum, maximum=maximum)
    return number


def count_arg(minimum: int = 0, maximum: int = INT_MAXIMUM) -> Callable[[str], int]:
    """A type for a whole number from `minimum` to `maximum` (`cli.bad_number`)."""

    def parse(text: str) -> int:
        return _whole_number(text, minimum, maximum, "cli.bad_number")

    parse.__name__ = "count"
    return parse


def id_arg(text: str) -> int:
    """A record id (receipt, allocation, bill, user): 1 .. 2^63-1 (`cli.bad_id`)."""
    return _whole_number(text, 1, ID_MAXIMUM, "cli.bad_id")


def company_id_arg(text: str) -> int:
    """A customer's 公司id: 1 .. 2^63-1 (`cli.bad_company_id`)."""
    return _whole_number(text, 1, ID_MAXIMUM, "cli.bad_company_id")


def limit_arg(text: str) -> int:
    """At most this many rows: 0 .. 1,000,000 (`cli.bad_number`; a negative LIMIT fails on PostgreSQL)."""
    return _whole_number(text, 0, LIMIT_MAXIMUM, "cli.bad_number")


def offset_arg(text: str) -> int:
    """Rows to skip: 0 .. 2^31-1 (`cli.bad_number`)."""
    return _whole_number(text, 0, INT_MAXIMUM, "cli.bad_number")


def amount_arg(text: str) -> str:
    """An amount or quantity as typed (services parse and bound it, `money.parse_amount`); refuses an empty
    or absurdly long text (`cli.bad_amount`)."""
    stripped = text.strip()
    if not stripped or len(stripped) > AMOUNT_MAX_LENGTH:
        raise CodedArgumentError("cli.bad_amount", value=text[:AMOUNT_MAX_LENGTH])
    return stripped


class CodedArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose refusals are catalogue codes: a bad value of one of the types above prints
    its coded message (and with --json the code and parameters on stdout); any other usage error prints
    argparse's usage and `cli.usage`. Exit 2 either way. Sub-parsers inherit the class."""

    json_errors = False  # set by main() from the raw arguments (the namespace does not exist yet)

    def error(self, message: str) -> NoReturn:
        coded, argument = _coded_cause(sys.exc_info()[1])
        if coded is not None:
            error = coded.error(argument)
            prefix = f"{argument}: " if argument else ""
            print(f"{self.prog}: {prefix}{error}", file=sys.stderr)
        else:
            error = UserError("cli.usage", detail=message)
            self.print_usage(sys.stderr)
            print(f"{self.prog}: {error}", file=sys.stderr)
        if CodedArgumentParser.json_errors:
            print(json.dumps({"error": error.to_json()}, ensure_ascii=False, default=json_default))
        self.exit(2)


def _coded_cause(error: BaseException | None) -> tuple[CodedArgumentError | None, str | None]:
    """The CodedArgumentError behind argparse's ArgumentError (its __context__), and the argument's name."""
    argument = getattr(error, "argument_name", None) if isinstance(error, argparse.ArgumentError) else None
    current = error
    while current is not None:
        if isinstance(current, CodedArgumentError):
            return current, argument
        current = current.__context__
    return None, argument
