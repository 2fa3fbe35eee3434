"""`opcms role ...`, `opcms audit ...`, `opcms settings ...` and `opcms init` (PostgreSQL security by default).

`opcms audit verify` prints {"rows": N, "ok": true} and exits 0, or {"rows": N, "ok": false,
"broken_id": ID, "reason": "audit.chain_edited", "message": "..."} and exits 1 (so scripts and cron
notice); `reason` is a message code (audit.chain_edited or audit.chain_removed), `message` its text.
Against the checkpoints (rows cut at the end, a chain recomputed, a forged checkpoint): "broken_id": null,
"reason" audit.chain_truncated, audit.chain_rewritten or audit.checkpoint_forged, and its "params".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import asdict
from typing import Any

from ..services.platform.db import is_sqlite
from ..services.platform.errors import UserError
from ..services.platform.messages import render
from ..services.security import audit_view, bootstrap, pg_security, roles, settings
from ..services.security.passwords import check_policy
from ..services.security.users import validate_username
from . import common
from .common import Context, json_flag, prompt_password
from .export_gate import gated_export

EXIT_BROKEN_CHAIN = 1


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    _register_roles(groups["role"])
    _register_audit(groups["audit"])
    _register_settings(sub)
    _extend_init(sub)


# ---- roles -----------------------------------------------------------------------------------

def _register_roles(role: argparse._SubParsersAction) -> None:
    p = role.add_parser("list", help="roles with their permissions")
    json_flag(p)
    p.set_defaults(handler=cmd_role_list)

    p = role.add_parser("show", help="one role")
    p.add_argument("name")
    json_flag(p)
    p.set_defaults(handler=cmd_role_show)

    p = role.add_parser("permissions", help="the permission catalogue")
    json_flag(p)
    p.set_defaults(handler=cmd_role_permissions)

    p = role.add_parser("add", help="create a custom role")
    p.add_argument("name")
    p.add_argument("--label", required=True)
    p.add_argument("--scope", choices=roles.SCOPES, default="all", help="customers the role sees (default: all)")
    p.add_argument("--perm", dest="perms", action="extend", nargs="+", default=[], metavar="PERMISSION")
    json_flag(p)
    p.set_defaults(handler=cmd_role_add)

    p = role.add_parser("edit", help="change a role's label, scope, name or whole permission set")
    p.add_argument("name")
    p.add_argument("--label")
    p.add_argument("--scope", choices=roles.SCOPES)
    p.add_argument("--rename", metavar="NEW_NAME")
    p.add_argument("--perms", action="extend", nargs="+", metavar="PERMISSION",
                   help="the complete new permission set")
    json_flag(p)
    p.set_defaults(handler=cmd_role_edit)

    for verb in ("grant", "revoke"):
        p = role.add_parser(verb, help=f"{verb} permissions")
        p.add_argument("name")
        p.add_argument("perms", nargs="+", metavar="PERMISSION")
        json_flag(p)
        p.set_defaults(handler=cmd_role_grant if verb == "grant" else cmd_role_revoke)

    p = role.add_parser("delete", help="delete a custom role nobody holds")
    p.add_argument("name")
    json_flag(p)
    p.set_defaults(handler=cmd_role_delete)


def role_json(info: roles.RoleInfo) -> dict[str, Any]:
    return {**asdict(info), "permissions": list(info.permissions)}


def _role_text(info: roles.RoleInfo) -> str:
    kind = render("roles.kind_builtin" if info.builtin else "roles.kind_custom")
    summary = render("roles.summary", {"name": info.name, "label": info.label, "kind": kind,
                                       "scope": info.customer_scope, "users": info.user_count, "group": info.db_group})
    return summary + "\n  " + " ".join(info.permissions)


def _show_role(ctx: Context, info: roles.RoleInfo) -> int:
    ctx.output(role_json(info), _role_text(info))
    return 0


def cmd_role_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rows = roles.list_roles(session, actor)
    ctx.output({"roles": [role_json(r) for r in rows]}, "\n".join(_role_text(r) for r in rows))
    return 0


def cmd_role_show(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        return _show_role(ctx, roles.get_role(session, actor, args.name))


def cmd_role_permissions(ctx: Context, args: argparse.Namespace) -> int:
    perms = roles.permission_catalogue()
    ctx.output({"permissions": [asdict(p) for p in perms]},
               "\n".join(f"{p.name:<24} {p.label}" for p in perms))
    return 0


def cmd_role_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        info = roles.create_role(session, actor, args.name, args.label, args.scope, args.perms)
    return _show_role(ctx, info)


def cmd_role_edit(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        info = roles.update_role(session, actor, args.name, new_name=args.rename, label=args.label,
                                 customer_scope=args.scope, permissions=args.perms)
    return _show_role(ctx, info)


def cmd_role_grant(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        info = roles.grant_permissions(session, actor, args.name, args.perms)
    return _show_role(ctx, info)


def cmd_role_revoke(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        info = roles.revoke_permissions(session, actor, args.name, args.perms)
    return _show_role(ctx, info)


def cmd_role_delete(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        roles.delete_role(session, actor, args.name)
    name = args.name.strip().lower()
    ctx.output({"name": name, "deleted": True}, render("roles.deleted", {"name": name}))
    return 0


# ---- audit -----------------------------------------------------------------------------------

def _register_audit(audit: argparse._SubParsersAction) -> None:
    p = audit.add_parser("verify", help="recompute the hash chain (exit 1 if a row was altered)")
    json_flag(p)
    p.set_defaults(handler=cmd_audit_verify)

    p = audit.add_parser("list", help="audit rows, newest first")
    _filter_arguments(p)
    p.add_argument("--limit", type=common.limit_arg, default=100)
    p.add_argument("--offset", type=common.offset_arg, default=0)
    json_flag(p)
    p.set_defaults(handler=cmd_audit_list)

    p = audit.add_parser("export", help="write the matching audit rows to an .xlsx file")
    p.add_argument("path")
    _filter_arguments(p)
    json_flag(p)
    p.set_defaults(handler=cmd_audit_export)


def _filter_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", dest="filter_user", metavar="USERNAME")
    p.add_argument("--entity", help="customer, invoice, receipt, user, role, setting, export, ...")
    p.add_argument("--entity-id")
    p.add_argument("--action", choices=("create", "update", "delete", "event"))
    p.add_argument("--since", help="YYYY-MM-DD (local day) or an ISO date-time, inclusive")
    p.add_argument("--until", help="YYYY-MM-DD (to the end of that day) or an ISO date-time")
    p.add_argument("--search", help="text in the summary, entity id or user name")


def _when(value: str | None, name: str) -> dt.date | dt.datetime | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
    except ValueError:
        raise UserError("audit.not_a_date", option=name, value=value) from None


def _filter(args: argparse.Namespace) -> audit_view.AuditFilter:
    return audit_view.AuditFilter(username=args.filter_user, entity=args.entity, entity_id=args.entity_id,
                                  action=args.action, since=_when(args.since, "since"),
                                  until=_when(args.until, "until"), text=args.search)


def cmd_audit_verify(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        report = audit_view.verify(session, actor)
    data: dict[str, Any] = {"rows": report.rows, "ok": report.ok}
    if not report.ok:
        data.update(broken_id=report.broken_id, reason=report.reason, message=report.reason_text)
    if not report.ok and report.reason_params:
        data["params"] = report.reason_params
    if report.ok:
        text = render("audit.chain_intact", {"rows": report.rows})
    elif report.broken_id is None:  # the chain verifies row by row but not against its checkpoints
        text = render("audit.chain_anchor_failed", {"reason": report.reason_text})
    else:
        text = render("audit.chain_broken", {"id": report.broken_id, "reason": report.reason_text})
    ctx.output(data, text)
    return 0 if report.ok else EXIT_BROKEN_CHAIN


def _row_json(row: audit_view.AuditRow) -> dict[str, Any]:
    return asdict(row)


def cmd_audit_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    flt = _filter(args)
    with ctx.session() as session:
        page = audit_view.list_entries(session, actor, flt, offset=args.offset, limit=args.limit)
    lines = [f"{r.id:>7} {r.at:%Y-%m-%d %H:%M:%S} {r.username:<14} {r.action:<7} {r.entity}"
             f"{'#' + r.entity_id if r.entity_id else ''} {r.summary or ''}" for r in page.rows]
    lines.append(render("audit.listed", {"shown": len(page.rows), "total": page.total}))
    ctx.output({"rows": [_row_json(r) for r in page.rows], "total": page.total, "offset": page.offset,
                "limit": page.limit}, "\n".join(lines))
    return 0


def cmd_audit_export(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    flt = _filter(args)
    rows = gated_export(ctx, actor, lambda s: audit_view.export_xlsx(s, actor, flt, args.path))
    ctx.output({"path": args.path, "rows": rows}, render("audit.exported", {"rows": rows, "path": args.path}))
    return 0


# ---- settings --------------------------------------------------------------------------------

def _register_settings(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("settings", help="application settings (admin)")
    inner = group.add_subparsers(dest="settings_command", metavar="ACTION")
    inner.required = True
    p = inner.add_parser("list", help="every setting with its value and limits")
    json_flag(p)
    p.set_defaults(handler=cmd_settings_list)
    p = inner.add_parser("get", help="one setting")
    p.add_argument("key")
    json_flag(p)
    p.set_defaults(handler=cmd_settings_get)
    p = inner.add_parser("set", help="change a setting, e.g. session.idle_timeout_minutes 30")
    p.add_argument("key")
    p.add_argument("value")
    json_flag(p)
    p.set_defaults(handler=cmd_settings_set)


def _setting_text(v: settings.SettingValue) -> str:
    marker = " " + render("cli_text.default_marker") if v.is_default else ""
    return f"{v.key} = {v.value}{marker}  [{v.minimum}..{v.maximum}] {v.label}"


def cmd_settings_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        values = settings.list_settings(session, actor)
    ctx.output({"settings": [asdict(v) for v in values]}, "\n".join(_setting_text(v) for v in values))
    return 0


def cmd_settings_get(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        value = settings.get_setting(session, actor, args.key)
    ctx.output(asdict(value), _setting_text(value))
    return 0


def cmd_settings_set(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        value = settings.set_setting(session, actor, args.key, args.value)
    ctx.output(asdict(value), _setting_text(value))
    return 0


# ---- init: PostgreSQL security by default ----------------------------------------------------

def _extend_init(sub: argparse._SubParsersAction) -> None:
    init = sub.choices.get("init")
    if init is None:
        return
    choice = init.add_mutually_exclusive_group()
    choice.add_argument("--pg-security", dest="pg_security", action="store_true", default=None,
                        help="(the default on PostgreSQL; kept for scripts) create the group roles, grants and "
                             "row-level security, and make every user a PostgreSQL login (docs/security.md)")
    choice.add_argument("--no-pg-security", dest="pg_security", action="store_false",
                        help="PostgreSQL without roles and row-level security: for a development server only")
    plain = init.get_default("handler")

    def handler(ctx: Context, args: argparse.Namespace) -> int:
        if is_sqlite(ctx.engine):
            if args.pg_security:
                raise UserError("pg.needs_postgresql")
            return int(plain(ctx, args) or 0)
        warning = pg_security.trust_warning(ctx.engine.url)
        if args.pg_security is False:
            code = int(plain(ctx, args) or 0)
            _print_warning(warning)
            return code
        return cmd_init_pg_security(ctx, args, warning)

    init.set_defaults(handler=handler)


def _print_warning(warning: tuple[str, dict] | None) -> None:
    if warning is not None:
        print(render(warning[0], warning[1]), file=sys.stderr)


def cmd_init_pg_security(ctx: Context, args: argparse.Namespace,
                         warning: tuple[str, dict] | None = None) -> int:
    if is_sqlite(ctx.engine):
        raise UserError("pg.needs_postgresql")
    admin = validate_username(args.admin_user)
    result = bootstrap.initialise(ctx.engine, pg_security=True)
    report, roles_created = result.pg_security, result.roles_created
    if not result.admin_exists:
        password = os.environ.get("OPCMS_ADMIN_PASSWORD")
        if password is None:
            password = prompt_password(render("login.prompt_first_admin", {"username": admin}), confirm=True)
        check_policy(password, admin)
        result = bootstrap.initialise(ctx.engine, admin, password, args.display_name, upgrade=False)
    assert report is not None
    data = {
        "database": ctx.engine.url.render_as_string(hide_password=True),
        "schema": "current",
        "roles_created": roles_created,
        "admin_created": result.admin_created,
        "pg_security": asdict(report),
        "warnings": [] if warning is None else [
            {"code": warning[0], "params": warning[1], "message": render(warning[0], warning[1])}],
    }
    text = render("pg.installed", {"database": data["database"], "tables": report.tables})
    if result.admin_created:
        text += " " + render("pg.admin_login_created", {"username": result.admin_created})
    ctx.output(data, text)
    if report.need_password:
        print(render("pg.need_password", {"usernames": report.need_password}), file=sys.stderr)
    if not ctx.args.json:
        _print_warning(warning)
    return 0
