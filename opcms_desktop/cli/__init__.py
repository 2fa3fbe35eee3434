"""The `opcms` command: the same services as the desktop client, scripted.

Exit codes: 0 success, 2 bad input (message on stderr, nothing written),
3 permission denied or login failed, 1 unexpected error.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence

from ..services.platform.activity import announce_activity
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

# Long writers announce themselves on SQLite (platform.activity), so that a second writer is told who is
# busy: (command, sub-command) -> the operation's catalogue code. A dry run is a read and announces nothing.
LONG_WRITES = {
    ("import", "customers"): "database.activity.customer_import",
    ("import", "usage"): "database.activity.usage_import",
    ("import", "pricing"): "database.activity.pricing_import",
    ("import", "receipts"): "database.activity.receipt_import",
    ("bill-run", None): "database.activity.bill_run",
    ("invoices", "issue"): "database.activity.issue_bills",
}


def _optional_modules() -> list:
    """Every module of this package that defines register(subparsers, groups), in name order."""
    import importlib
    import pkgutil

    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in ("common", "users") or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = common.CodedArgumentParser(prog="opcms", description="OP_CMS command line")
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


def _early_options(argv: Sequence[str]) -> tuple[str | None, bool]:
    """--lang and --json from the raw arguments: argument errors are printed before parsing ends."""
    lang, as_json = None, False
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--json":
            as_json = True
        elif arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            lang = argv[index + 1]
        elif arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGUAGES:
            lang = arg.removeprefix("--lang=")
    return lang, as_json


@contextlib.contextmanager
def _announced(ctx: common.Context, args: argparse.Namespace) -> Iterator[None]:
    """Announce a long write (LONG_WRITES) on the SQLite database for the command's duration."""
    command = args.command
    inner = getattr(args, f"{command}_command", None)
    operation = LONG_WRITES.get((command, inner))
    if operation is None or getattr(args, "dry_run", False):
        yield
        return
    name = args.user or os.environ.get("OPCMS_USER") or getpass.getuser()
    with announce_activity(ctx.url, name, operation):
        yield


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    lang, common.CodedArgumentParser.json_errors = _early_options(raw)
    set_language(lang or preferred_language())  # argument errors speak the chosen language
    parser = build_parser()
    try:
        args = parser.parse_args(raw)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, stream=sys.stderr)
    set_language(args.lang or preferred_language())
    ctx = common.Context(args)
    try:
        with _announced(ctx, args):
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
