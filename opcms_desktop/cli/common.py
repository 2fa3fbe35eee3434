"""What every CLI command shares: database, acting user, output."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from decimal import Decimal
from typing import Any

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
