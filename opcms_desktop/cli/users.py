"""`opcms init` and `opcms user ...`."""

from __future__ import annotations

import argparse
import os

from ..services.customers import owners
from ..services.platform.messages import render
from ..services.security import bootstrap, users
from ..services.security.passwords import check_policy
from ..services.security.users import validate_username
from .common import Context, json_flag, password_from_env, prompt_password


def register(sub: argparse._SubParsersAction, groups: dict) -> None:
    p = sub.add_parser("init", help="create or upgrade the schema; create the first admin")
    p.add_argument("--admin-user", default="admin", help="first admin's user name (default: admin)")
    p.add_argument("--display-name", default="", help="first admin's display name")
    json_flag(p)
    p.set_defaults(handler=cmd_init)

    user = sub.add_parser("user", help="manage users (admin)")
    inner = user.add_subparsers(dest="user_command", metavar="ACTION")
    inner.required = True

    p = inner.add_parser("add", help="create a user (password from $OPCMS_NEW_PASSWORD or a prompt)")
    p.add_argument("username")
    p.add_argument("--role", required=True, help="ops, sales, admin or a custom role")
    p.add_argument("--display-name", default="")
    p.add_argument("--link-owners", action="store_true",
                   help="link every unlinked owner name of the customer sheet equal to the display name")
    json_flag(p)
    p.set_defaults(handler=cmd_add)

    p = inner.add_parser("list", help="list users")
    json_flag(p)
    p.set_defaults(handler=cmd_list)

    p = inner.add_parser("passwd", help="set a password: your own, or (admin) another user's")
    p.add_argument("username")
    json_flag(p)
    p.set_defaults(handler=cmd_passwd)

    for name, active in (("disable", False), ("enable", True)):
        p = inner.add_parser(name, help=f"{name} a user")
        p.add_argument("username")
        json_flag(p)
        p.set_defaults(handler=cmd_set_active, active=active)

    p = inner.add_parser("role", help="change a user's role")
    p.add_argument("username")
    p.add_argument("role")
    json_flag(p)
    p.set_defaults(handler=cmd_role)

    p = inner.add_parser("unlock", help="clear a lockout")
    p.add_argument("username")
    json_flag(p)
    p.set_defaults(handler=cmd_unlock)


def _user_json(row: users.UserRow) -> dict:
    return {
        "id": row.id, "username": row.username, "display_name": row.display_name, "role": row.role,
        "active": row.active, "must_change_password": row.must_change_password,
        "locked_until": row.locked_until, "last_login_at": row.last_login_at,
    }


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    admin = validate_username(args.admin_user)
    result = bootstrap.initialise(ctx.engine)
    if not result.admin_exists:
        password = os.environ.get("OPCMS_ADMIN_PASSWORD")
        if password is None:
            password = prompt_password(render("login.prompt_first_admin", {"username": admin}), confirm=True)
        check_policy(password, admin)
        result = bootstrap.initialise(ctx.engine, admin, password, args.display_name)
    data = {
        "database": ctx.engine.url.render_as_string(hide_password=True),
        "schema": "current",
        "roles_created": result.roles_created,
        "admin_created": result.admin_created,
    }
    text = render("users.initialised", {"database": data["database"]})
    if result.admin_created:
        text += " " + render("users.first_admin_created", {"username": result.admin_created})
    ctx.output(data, text)
    return 0


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    name = validate_username(args.username)
    password = password_from_env("OPCMS_NEW_PASSWORD", render("login.prompt_new", {"username": name}))
    with ctx.session() as session:
        row = users.create_user(session, actor, name, password, args.role, args.display_name)
        linked = owners.link_owners_to_user(session, actor, row.username) if args.link_owners else None
    data = _user_json(row)
    text = render("users.created", {"username": row.username, "role": row.role})
    if linked is not None:
        data["linked_owners"] = {"names": list(linked.names), "customers": linked.customers}
        text += "\n" + (render("customers.owners.linked", {"names": "、".join(linked.names), "username": row.username,
                                                          "customers": linked.customers}) if linked.names
                        else render("customers.owners.nothing_to_link", {"name": row.display_name}))
    ctx.output(data, text)
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        rows = users.list_users(session, actor)
    state = {True: render("users.state_active"), False: render("users.state_disabled")}
    lines = [f"{r.username:<20} {r.role:<8} {state[r.active]:<9} {r.display_name}" for r in rows]
    ctx.output({"users": [_user_json(r) for r in rows]}, "\n".join(lines))
    return 0


def cmd_passwd(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    target = args.username.strip().lower()
    new_password = password_from_env("OPCMS_NEW_PASSWORD", render("login.prompt_new", {"username": target}))
    with ctx.session() as session:
        if target == actor.username:
            current = os.environ.get("OPCMS_PASSWORD") or prompt_password(render("login.prompt_current"))
            users.change_own_password(session, actor, current, new_password)
            row = users.get_user(session, actor, target) if actor.can("users.view") else None
        else:
            row = users.reset_password(session, actor, target, new_password)
    ctx.output({"username": target, "changed": True, "must_change_password": bool(row and row.must_change_password)},
               render("users.password_changed", {"username": target}))
    return 0


def cmd_set_active(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        row = users.set_active(session, actor, args.username.strip().lower(), args.active)
    ctx.output(_user_json(row), render("users.now_active" if row.active else "users.now_disabled",
                                     {"username": row.username}))
    return 0


def cmd_role(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        row = users.change_role(session, actor, args.username.strip().lower(), args.role)
    ctx.output(_user_json(row), render("users.role_changed", {"username": row.username, "role": row.role}))
    return 0


def cmd_unlock(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    with ctx.session() as session:
        row = users.unlock(session, actor, args.username.strip().lower())
    ctx.output(_user_json(row), render("users.unlocked", {"username": row.username}))
    return 0
