"""The `opcms` command: the same services as the desktop client, scripted.

Exit codes: 0 success, 2 bad input (message on stderr, nothing written),
3 permission denied or login failed, 1 unexpected error.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence

from ..services.platform.errors import (
    AuthenticationError,
    Cancelled,
    ConflictError,
    PermissionDenied,
    UserError,
)
from ..services.platform.messages import LANGUAGES, render, set_language
from ..services.platform.preferences import preferred_language
from . import common, users

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT, EXIT_DENIED = 0, 1, 2, 3

# Each module adds its commands with register(subparsers, groups); groups are shared verbs.
COMMAND_MODULES = [users]
GROUPS = ("import", "export", "report", "invoices", "invoice", "receipt", "audit", "role")


def _optional_modules() -> list:
    import importlib

    found = []
    for name in ("customers", "pricing", "usage", "billing", "invoicing", "receipts", "reports", "security"):
        try:
            found.append(importlib.import_module(f"{__name__}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opcms", description="OP_CMS command line")
    parser.add_argument("--db", help="database URL (default: $OPCMS_DB or the per-user SQLite file)")
    parser.add_argument("--user", help="acting user name (password from $OPCMS_PASSWORD or a prompt)")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of messages (default: the setting, else the "
                        "system locale, else zh_CN)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    groups = {}
    for name in GROUPS:
        group = sub.add_parser(name, help=f"{name} commands")
        inner = group.add_subparsers(dest=f"{name}_command", metavar="WHAT")
        inner.required = True
        groups[name] = inner
    for module in COMMAND_MODULES + _optional_modules():
        module.register(sub, groups)
    for name in list(groups):
        if not groups[name].choices:
            sub.choices.pop(name, None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, stream=sys.stderr)
    set_language(args.lang or preferred_language())
    ctx = common.Context(args)
    try:
        return int(args.handler(ctx, args) or 0)
    except (PermissionDenied, AuthenticationError) as exc:
        common.fail_with(ctx, exc)
        return EXIT_DENIED
    except (UserError, ConflictError, Cancelled) as exc:
        common.fail_with(ctx, exc)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        common.fail(render("cli.interrupted"))
        return EXIT_ERROR
    except BrokenPipeError:
        # `opcms ... | head`: the reader went away; that is not an error of ours.
        common.silence_stdout()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last resort: report, never hide
        common.fail(render("cli.unexpected", {"detail": f"{type(exc).__name__}: {exc}"}))
        if args.verbose:
            traceback.print_exc()
        return EXIT_ERROR
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
