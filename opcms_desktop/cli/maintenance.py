"""`opcms backup`, `opcms restore FILE` and `opcms migrate --from SQLITE_URL --to POSTGRESQL_URL` (admin).

    opcms backup [--to FILE] [--reason TEXT] --json
        {"path", "size", "checked", "chain_ok", "audit_rows", "reason", "backend", "removed": [...]}
        exit 0; exit 1 when the copy's audit chain does not verify (the backup is kept all the same).
    opcms restore FILE --json
        {"database", "restored_from", "kept_aside", "audit_rows", "chain_ok", "backend"}
        refused (exit 2, maintenance.database_in_use) while the desktop app or anything else has the file open.
    opcms migrate [--from sqlite:///...] --to postgresql://owner@host/db --json
        {"source", "target", "tables": [{"table", "source", "target"}], "rows", "audit_chain": "ok",
         "audit_rows", "sequences": {table: next id}, "backup", "next_steps"}
        --from defaults to --db; `--user` logs in to the offline database (an admin there).
    opcms db recovery-key --out FILE [--again] --json      (keys.manage; the encrypted SQLite file)
        {"path", "exported_before"}; a second export of the same key needs --again (exit 2 without it).
    opcms db rekey --json                                  (keys.manage; close the app first)
        {"database", "backup", "key_source", "new_key_from", "warnings"}: a new key (OPCMS_NEW_DB_KEY, else
        random) stored in the keyring; the old one stays there for older backups. With OPCMS_DB_KEY set,
        OPCMS_NEW_DB_KEY is required and a warning `db_key.replace_environment_key` says the variable
        must now hold the new key.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from ..services.maintenance import backup as backups
from ..services.maintenance import encryption, migrate, restore
from ..services.platform.messages import render
from .common import Context, json_flag

EXIT_BROKEN_CHAIN = 1


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = sub.add_parser("backup", help="back the whole database up now, checked (admin)")
    p.add_argument("--to", metavar="FILE", help="write the backup here (default: the backups folder next to "
                   "the database, kept with the retention policy)")
    p.add_argument("--reason", default="manual", help="a word for the file name (default: manual)")
    json_flag(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="replace the whole database by a checked backup (admin; close the app)")
    p.add_argument("file", help="a backup made by `opcms backup` (SQLite .db, PostgreSQL .dump)")
    json_flag(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("migrate", help="copy the offline SQLite database into an empty PostgreSQL database (admin)")
    p.add_argument("--from", dest="source", metavar="SQLITE_URL", help="the offline database (default: --db)")
    p.add_argument("--to", dest="target", required=True, metavar="POSTGRESQL_URL",
                   help="an empty database, as its owner (postgresql://owner@host/database)")
    json_flag(p)
    p.set_defaults(handler=cmd_migrate)

    db = sub.add_parser("db", help="the encrypted offline database's key (admin)")
    inner = db.add_subparsers(dest="db_command", metavar="WHAT")
    inner.required = True
    p = inner.add_parser("recovery-key", help="write the database key to a new file, once (keys.manage)")
    p.add_argument("--out", required=True, metavar="FILE", help="a new file, readable by you only")
    p.add_argument("--again", action="store_true", help="export the same key a second time (audited)")
    json_flag(p)
    p.set_defaults(handler=cmd_recovery_key)
    p = inner.add_parser(
        "rekey", help="re-encrypt the database with a new key: OPCMS_NEW_DB_KEY if set, else random "
        "(keys.manage; close the app)")
    json_flag(p)
    p.set_defaults(handler=cmd_rekey)


def _chain_text(ok: bool) -> str:
    return render("maintenance.chain.ok" if ok else "maintenance.chain.broken")


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    result = backups.backup_database(ctx.engine, args.reason, actor=actor, to=args.to)
    text = render("maintenance.backup_done", {"path": result.path, "size": result.size,
                                              "chain": _chain_text(result.chain_ok), "rows": result.audit_rows})
    if result.removed:
        text += "\n" + render("maintenance.backup_pruned", {"count": len(result.removed)})
    ctx.output({**asdict(result), "removed": list(result.removed)}, text)
    if not result.chain_ok:
        print(render("maintenance.backup_chain_warning"), file=sys.stderr)
        return EXIT_BROKEN_CHAIN
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    result = restore.restore_database(ctx.engine, args.file, actor=actor)
    ctx.output(asdict(result), render("maintenance.restored", {
        "database": result.database, "source": result.restored_from, "kept": result.kept_aside,
        "chain": _chain_text(result.chain_ok), "rows": result.audit_rows}))
    return 0 if result.chain_ok else EXIT_BROKEN_CHAIN


def cmd_migrate(ctx: Context, args: argparse.Namespace) -> int:
    if args.source:
        ctx.url = args.source
    actor = ctx.actor()
    source_url = ctx.url
    ctx.close()  # the login's pooled connection; the migration reads the file with its own
    report = migrate.migrate_database(source_url, args.target, actor=actor)
    following = migrate.next_steps(report).text()
    data = {"source": report.source, "target": report.target,
            "tables": [asdict(t) for t in report.tables], "rows": report.rows, "audit_chain": report.audit_chain,
            "audit_rows": report.audit_rows, "sequences": report.sequences, "backup": report.backup,
            "next_steps": following}
    ctx.output(data, render("maintenance.migrated", {
        "rows": report.rows, "tables": len(report.tables), "source": report.source, "target": report.target,
        "audit_rows": report.audit_rows}) + "\n" + following)
    return 0


def cmd_recovery_key(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    result = encryption.export_recovery_key(ctx.engine, args.out, actor=actor, again=args.again)
    ctx.output(asdict(result), render("db_key.recovery_written", {"path": result.path}))
    return 0


def cmd_rekey(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    engine = ctx.engine
    ctx.close()  # the login's pooled connection holds the old key
    result = encryption.rekey_database(engine, actor=actor)
    warnings: list[dict[str, Any]] = []
    if result.key_source != "keyring":  # the variable still holds the old key: scripts must change it
        params = {"variable": result.key_source, "new_variable": "OPCMS_NEW_DB_KEY"}
        warnings.append({"code": "db_key.replace_environment_key", "params": params,
                         "message": render("db_key.replace_environment_key", params)})
    text = "\n".join([render("db_key.rekeyed", {"path": result.database}), *(str(w["message"]) for w in warnings)])
    ctx.output({**asdict(result), "warnings": warnings}, text)
    return 0
