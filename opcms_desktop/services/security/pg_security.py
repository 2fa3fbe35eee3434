"""PostgreSQL enforcement: group roles, grants, row-level security, one login role per user.

The model (docs/security.md explains it to admins):
- three NOLOGIN group roles, opcms_admin, opcms_ops and opcms_sales, shared by the cluster;
- each application user is a LOGIN role of the same name in exactly one group (`group_for`);
- the tables stay owned by the owner role that ran `opcms init --pg-security`;
- row-level security on customers and every customer-owned table: ops and admin see every row,
  sales only rows of customers whose sales owner they are; saved_filters: own rows only;
- audit_log: INSERT and SELECT only, UPDATE / DELETE / TRUNCATE for nobody. Row-level security lets
  admin and ops read every row (ops: customer history; bill runs chain bulk rows after the last one),
  sales only its own rows and the history of its own customers; a trigger (migration 0002) makes an
  application login append rows in its own name only.
- access_log, export_requests, access_flags (migration 0014): admins read every row, others their own
  (and, with access_log.view / exports.approve, every row); access rows are sealed by the server like
  audit rows; a request is decided only by another person holding exports.approve; flags are set by admins and
  cleared by their user only from a session that logged in after the flag.
Statements go through psycopg.sql (identifiers and literals quoted by the driver), never concatenation.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import psycopg
from psycopg import sql
from sqlalchemy import URL, Engine, delete, make_url, select, text
from sqlalchemy.orm import Session

from ...models import Base, PasswordVault, Role, RolePermission, Setting, User
from ..audit import trail as audit
from ..platform.db import make_session_factory, pg_connect_kwargs, session_scope
from ..platform.errors import PermissionDenied, UserError
from ..platform.operations import reads, writes

GROUPS = {"admin": "opcms_admin", "ops": "opcms_ops", "sales": "opcms_sales"}
INSTALLED_KEY = "pg_security.installed"
PG_MANAGED_HASH = "!postgresql"  # users.password_hash once the server checks it (also in migration 0002)
# Holding any permission of these areas needs the admin group's table privileges.
ADMIN_AREAS = frozenset({"users", "roles", "settings", "audit", "dictionaries"})
FUNCTIONS = (
    "opcms_audit_last_hash()",
    "opcms_my_customer_ids()",
    "opcms_my_user_id()",
    "opcms_note_login()",
    "opcms_password_changed()",
    "opcms_audit_lock()",
    "opcms_audit_checkpoint(text, text)",
    "opcms_set_own_password(text)",
    "opcms_has_permission(text)",
)


def _all_but_id(privilege: str, table: str) -> str:
    """A column-level privilege on every column but `id`: a login cannot write ids ahead of the sequence
    (the next inserts of everyone else would fail) on the tables sales may write."""
    columns = ", ".join(c.name for c in Base.metadata.tables[table].columns if c.name != "id")
    return f"{privilege} ({columns})"

_MINE = "customer_id IN (SELECT opcms_my_customer_ids())"
SALES_ROW_FILTERS = {  # table -> the rows a sales login may read
    "customers": "id IN (SELECT opcms_my_customer_ids())",
    "customer_owners": _MINE, "price_plans": _MINE, "usage_orders": _MINE, "usage_monthly": _MINE,
    "usage_customer_months": _MINE,  # the usage summary: readable as the usage it sums
    "customer_name_bigrams": _MINE,  # the name search index (migration 0021): bigrams give names away
    "invoices": _MINE, "credit_notes": _MINE, "receipts": _MINE,
    # children follow their parent, whose own policy already filters the sub-select
    "price_plan_tiers": "plan_id IN (SELECT id FROM price_plans)",
    "invoice_lines": "invoice_id IN (SELECT id FROM invoices)",
    "credit_note_lines": "credit_note_id IN (SELECT id FROM credit_notes)",
    "allocations": "receipt_id IN (SELECT id FROM receipts)",
    "contacts": _MINE,
    "followups": _MINE,
    "followup_plans": _MINE,
    "customer_tags": _MINE,
    "segment_snapshot_members": _MINE,  # tags; static segments' frozen members
    "tickets": _MINE, "ticket_notes": "ticket_id IN (SELECT id FROM tickets)",  # work orders (工单)
    "dunning_records": _MINE, "dunning_holds": _MINE, "rule_executions": _MINE,
}
# Tables a sales login also writes, on its own customers only (contacts and follow-ups; never deleted).
SALES_WRITE_FILTERS = {
    "contacts": _MINE,
    "followups": _MINE,
    "followup_plans": _MINE,
    "segment_snapshot_members": _MINE,
    "tickets": _MINE, "ticket_notes": "ticket_id IN (SELECT id FROM tickets)",
}
STAFF_DELETE_FILTERS = {  # ops/admin may delete draft invoices only
    "invoices": "status = 'draft'",
    "invoice_lines": "invoice_id IN (SELECT id FROM invoices WHERE status = 'draft')",
}
OWN_ROW_FILTERS = {
    "saved_filters": "user_id = opcms_my_user_id()",
    "today_snoozes": "user_id = opcms_my_user_id()",
    "segments": "owner_id = opcms_my_user_id() OR shared",
}
SALES_AUDIT_FILTER = (
    "username = session_user::text OR (entity = 'customer' AND entity_id IN "
    "(SELECT c::text FROM opcms_my_customer_ids() AS c))"
)
# Tables every group reads only partly: admins read every row, the other groups their own rows and,
# with the permission named, every row (requests for an approver, the access log for its auditors).
OWN_OR_PERMITTED_FILTERS = {
    # (SELECT f()): evaluated once per statement, not once per row
    "export_requests": "requested_by = (SELECT opcms_my_user_id())"
                       " OR (SELECT opcms_has_permission('exports.approve'))",
    "access_log": "user_id = (SELECT opcms_my_user_id()) OR (SELECT opcms_has_permission('access_log.view'))",
    "access_flags": "user_id = (SELECT opcms_my_user_id())",
}
# A login clears its own "password again" flag only from a session that started (authenticated with its
# password) after the flag was set; the flag's time is the server's (migration 0014's trigger).
OWN_FLAG_CLEARED = (
    "user_id = opcms_my_user_id() AND NOT reauth_required AND set_at < (SELECT a.backend_start"
    " FROM pg_catalog.pg_stat_activity a WHERE a.pid = pg_catalog.pg_backend_pid())"
)

_R, _RW, _RWD = "SELECT", "SELECT, INSERT, UPDATE", "SELECT, INSERT, UPDATE, DELETE"


def _grant_matrix() -> dict[str, dict[str, str]]:
    staff_delete = ("customers", "customer_owners", "owner_name_mappings", "price_plans", "price_plan_tiers",
                    "usage_orders", "usage_monthly", "invoices", "invoice_lines", "receipts")
    staff_keep = ("credit_notes", "credit_note_lines", "allocations", "bill_runs", "number_sequences",
                  "billing_period_locks")  # money history: corrected by reversal, never deleted
    grants: dict[str, dict[str, str]] = {}
    for table in staff_delete + staff_keep:
        staff = _RWD if table in staff_delete else _RW
        grants[table] = {"admin": staff, "ops": staff} | ({"sales": _R} if table in SALES_ROW_FILTERS else {})
    for table in ("roles", "role_permissions", "dictionary_entries"):
        grants[table] = {"admin": _RWD, "ops": _R, "sales": _R}
    grants["dictionary_entries"]["ops"] = "SELECT, INSERT"  # the customer import adds unknown labels
    grants["users"] = {"admin": _RW, "ops": _R, "sales": _R}
    grants["settings"] = {"admin": _RW, "ops": _R, "sales": _R}
    own_filters = f"SELECT, DELETE, {_all_but_id('INSERT', 'saved_filters')}, {_all_but_id('UPDATE', 'saved_filters')}"
    grants["saved_filters"] = {"admin": own_filters, "ops": own_filters, "sales": own_filters}
    grants["today_snoozes"] = {"admin": _RWD, "ops": _RWD, "sales": _RWD}
    for table in SALES_WRITE_FILTERS:
        grants[table] = {"admin": _RW, "ops": _RW, "sales": _RW}
    grants["alembic_version"] = {"admin": _R, "ops": _R, "sales": _R}
    # audit_log: migration 0011's trigger also takes the id from the sequence and seals the row
    grants["audit_log"] = {role: f"SELECT, {_all_but_id('INSERT', 'audit_log')}" for role in ("admin", "ops", "sales")}
    # checkpoints: written only by opcms_audit_checkpoint(); the vault: read only by the owner
    grants["audit_checkpoints"] = {"admin": _R, "ops": _R}
    grants["password_vault"] = {}
    # access log: append-only, sealed by migration 0014's trigger (ids, time and hashes are the server's)
    grants["access_log"] = {role: f"SELECT, {_all_but_id('INSERT', 'access_log')}" for role in ("admin", "ops", "sales")}
    for table in ("field_permissions", "export_policies"):
        grants[table] = {"admin": _RWD, "ops": _R, "sales": _R}
    # export requests: asked for, decided and used up only in the steps migration 0014's trigger allows
    requests = f"SELECT, {_all_but_id('INSERT', 'export_requests')}, UPDATE (status, decided_by, decided_at, used_at)"
    grants["export_requests"] = {"admin": requests, "ops": requests, "sales": requests}
    # "password again": set by admins; others read their own flag and clear it only as OWN_FLAG_CLEARED says
    grants["access_flags"] = {"admin": _RWD, "ops": "SELECT, UPDATE (reauth_required)",
                              "sales": "SELECT, UPDATE (reauth_required)"}
    # segments (own or shared rows, OWN_ROW_FILTERS) and their snapshots; tags and rules are admin/ops-made
    for table in ("segments", "segment_snapshots"):
        grants[table] = {"admin": _RWD, "ops": _RWD, "sales": _RWD}
    for table in ("tags", "tag_rules", "customer_tags"):
        grants[table] = {"admin": _RWD, "ops": _RWD, "sales": _R}
    # worklist: dunning (run by ops), levels and SLA terms (set by admins), rules and the job runner's tables
    for table in ("dunning_records", "dunning_holds"):
        grants[table] = {"admin": _RW, "ops": _RW, "sales": _R}
    for table in ("dunning_levels", "sla_rules"):
        grants[table] = {"admin": _RWD, "ops": _R, "sales": _R}
    grants["automation_rules"] = {"admin": _RWD, "ops": "SELECT, UPDATE"}
    grants["rule_executions"] = {"admin": _RWD, "ops": "SELECT, INSERT", "sales": _R}
    grants["rule_once"] = {"admin": _RWD, "ops": "SELECT, INSERT, DELETE"}
    grants["job_locks"] = {"admin": _RW, "ops": _RW}
    # the usage summary: written by migration 0019's SECURITY DEFINER triggers; admins rebuild it
    grants["usage_customer_months"] = {"admin": _RWD, "ops": _R, "sales": _R}
    # the name search index: written only by migration 0021's SECURITY DEFINER trigger
    grants["customer_name_bigrams"] = {"admin": _R, "ops": _R, "sales": _R}
    # the dashboard's totals (migration 0022): company-wide, written only by its SECURITY DEFINER triggers
    grants["money_days"] = {"admin": _R, "ops": _R}
    grants["receivable_changes"] = {"admin": _R, "ops": _R}
    grants["usage_month_totals"] = {"admin": _R, "ops": _R}
    return grants


TABLE_GRANTS = _grant_matrix()
"""table -> {app role: privileges}. Every table of the schema must be listed (install refuses otherwise)."""


@dataclass(frozen=True)
class InstallReport:
    groups_created: list[str]
    logins_created: list[str]
    need_password: list[str]  # users whose login has no PostgreSQL password yet (reset it)
    tables: int


# ---- small helpers ---------------------------------------------------------------------------

def _run(session: Session, statement: sql.Composable | str, params: Any = None) -> list[tuple]:
    """Execute on the session's own connection (same transaction), via psycopg's quoting."""
    dbapi: Any = session.connection().connection.dbapi_connection
    cur = dbapi.cursor()
    try:
        cur.execute(statement, params)
        return list(cur.fetchall()) if cur.description else []
    finally:
        cur.close()


def _privileged(session: Session, statement: sql.Composable) -> None:
    try:
        _run(session, statement)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise PermissionDenied("pg.no_createrole", detail=exc.diag.message_primary or str(exc)) from exc


def _ident(name: str) -> sql.Identifier:
    return sql.Identifier(name)


def _idents(names: Iterable[str]) -> sql.Composed:
    return sql.SQL(", ").join(_ident(n) for n in names)


@reads
def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@reads
def is_installed(session: Session) -> bool:
    """True when this database was set up with `opcms init --pg-security` (a settings row, per database)."""
    if not is_postgresql(session):
        return False
    return session.scalar(select(Setting.key).where(Setting.key == INSTALLED_KEY)) is not None


@reads
def session_login(session: Session) -> str | None:
    """The connected login if it is an application login (member of an opcms group), else None."""
    if not is_postgresql(session):
        return None
    row = session.execute(text("SELECT session_user, opcms_session_is_app_login()")).one()
    return str(row[0]) if row[1] else None


@reads
def can_update_users(session: Session) -> bool:
    return bool(session.scalar(text("SELECT has_table_privilege('users', 'UPDATE')")))


def group_for(customer_scope: str, permissions: Iterable[str]) -> tuple[str, bool]:
    """(group role, CREATEROLE?) for an application role: own-customer roles -> sales,
    roles with administration permissions -> admin (CREATEROLE with users.manage), others -> ops."""
    perms = set(permissions)
    if customer_scope == "own":
        return GROUPS["sales"], False
    if any(p.split(".", 1)[0] in ADMIN_AREAS for p in perms):
        return GROUPS["admin"], "users.manage" in perms
    return GROUPS["ops"], False


@reads
def group_for_role(session: Session, role_name: str) -> tuple[str, bool]:
    role = session.scalar(select(Role).where(Role.name == role_name))
    if role is None:
        raise UserError("roles.not_found", name=role_name)
    perms = session.scalars(select(RolePermission.permission).where(RolePermission.role_id == role.id))
    return group_for(role.customer_scope, perms)


@reads
def role_exists(session: Session, name: str) -> bool:
    return bool(_run(session, "SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)))


def _verifier(session: Session, username: str, password: str) -> str:
    """A SCRAM-SHA-256 verifier computed by libpq: the plain password never reaches the server's logs."""
    dbapi: Any = session.connection().connection.dbapi_connection
    return bytes(dbapi.pgconn.encrypt_password(password.encode("utf-8"), username.encode("utf-8"),
                                               b"scram-sha-256")).decode("ascii")


# ---- logins ----------------------------------------------------------------------------------

def check_login_name(username: str) -> None:
    if username.startswith(("pg_", "opcms_")) or username in ("postgres", "public", "none"):
        raise UserError("pg.reserved_name", username=username)


@writes("users")
def create_login(session: Session, username: str, password: str | None, app_role: str) -> None:
    """CREATE ROLE username LOGIN in the group of `app_role`; no password = cannot log in yet."""
    check_login_name(username)
    if role_exists(session, username):
        raise UserError("pg.role_exists", username=username)
    group, createrole = group_for_role(session, app_role)
    parts = [sql.SQL("CREATE ROLE {} LOGIN").format(_ident(username)),
             sql.SQL("CREATEROLE" if createrole else "NOCREATEROLE"),
             sql.SQL("IN ROLE {}").format(_ident(group))]
    if password:
        parts.append(sql.SQL("PASSWORD {}").format(sql.Literal(_verifier(session, username, password))))
    _privileged(session, sql.SQL(" ").join(parts))


@writes("users")
def set_password(session: Session, username: str, password: str) -> None:
    """A login's new password. A login changing its own goes through opcms_set_own_password(), the only
    way its "must change password" flag clears (migration 0011)."""
    verifier = _verifier(session, username, password)
    if session_login(session) == username:
        _run(session, "SELECT opcms_set_own_password(%s)", (verifier,))
        return
    _privileged(session, sql.SQL("ALTER ROLE {} PASSWORD {}").format(_ident(username), sql.Literal(verifier)))


@writes("users")
def set_login_enabled(session: Session, username: str, enabled: bool) -> None:
    """disable = NOLOGIN (new connections refused; open sessions end when they disconnect)."""
    _privileged(session, sql.SQL("ALTER ROLE {} {}").format(_ident(username),
                                                          sql.SQL("LOGIN" if enabled else "NOLOGIN")))


def _groups_of(session: Session, username: str) -> set[str]:
    rows = _run(session, "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                         " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s AND g.rolname = ANY(%s)",
                (username, list(GROUPS.values())))
    return {str(r[0]) for r in rows}


@writes("users")
def change_group(session: Session, username: str, app_role: str) -> None:
    """Put the login in the group of `app_role` (and only that one); CREATEROLE follows users.manage."""
    group, createrole = group_for_role(session, app_role)
    have = _groups_of(session, username)
    if group not in have:
        _privileged(session, sql.SQL("GRANT {} TO {}").format(_ident(group), _ident(username)))
    for other in sorted(have - {group}):
        _privileged(session, sql.SQL("REVOKE {} FROM {}").format(_ident(other), _ident(username)))
    current = _run(session, "SELECT rolcreaterole FROM pg_roles WHERE rolname = %s", (username,))
    if current and bool(current[0][0]) != createrole:
        _privileged(session, sql.SQL("ALTER ROLE {} {}").format(
            _ident(username), sql.SQL("CREATEROLE" if createrole else "NOCREATEROLE")))


@writes("users")
def sync_role_holders(session: Session, role_name: str) -> None:
    """After a role's scope or permissions changed: move its holders' logins to the right group."""
    if not is_installed(session):
        return
    for username in session.scalars(select(User.username).join(Role, User.role_id == Role.id)
                                    .where(Role.name == role_name)):
        if role_exists(session, username):
            change_group(session, username, role_name)


@writes("users")
def note_login(session: Session) -> None:
    session.execute(text("SELECT opcms_note_login()"))


@writes("users")
def password_changed(session: Session) -> None:
    session.execute(text("SELECT opcms_password_changed()"))


LoginCheck = Literal["ok", "denied", "nologin"]


def classify_login_error(message: str) -> LoginCheck:
    """What a failed connection says about the login; other failures are the server's problem."""
    if "not permitted to log in" in message:
        return "nologin"
    if any(s in message for s in ("password authentication failed", "no password supplied",
                                  "authentication failed")) or ('role "' in message and "does not exist" in message):
        return "denied"
    detail = " ".join(line.strip() for line in message.splitlines() if line.strip())
    raise UserError("pg.cannot_connect", detail=detail.removeprefix("connection failed: "))


def check_server_login(url: URL, username: str, password: str) -> LoginCheck:
    """Ask the server whether username/password may log in (the server is the password authority)."""
    if not password:
        return "denied"
    try:
        psycopg.connect(**pg_connect_kwargs(url, username, password)).close()
    except psycopg.OperationalError as exc:
        return classify_login_error(str(exc))
    return "ok"


def clear_own_reauth_flag(url: URL, username: str, password: str) -> LoginCheck:
    """The user gave the password again: on a connection opened now with it, clear the user's own
    "password again" flag (the server refuses a session that logged in before the flag was set)."""
    if not password:
        return "denied"
    try:
        with psycopg.connect(**pg_connect_kwargs(url, username, password)) as conn:
            conn.execute("UPDATE access_flags SET reauth_required = false"
                         " WHERE user_id = opcms_my_user_id() AND reauth_required")
    except psycopg.errors.InsufficientPrivilege:  # e.g. a flag stamped later than this new session
        return "denied"
    except psycopg.OperationalError as exc:
        return classify_login_error(str(exc))
    return "ok"


def accepts_wrong_password(url: URL | str, username: str | None = None) -> bool:
    """True when the server lets `username` (default: the URL's, else postgres) in with a random wrong
    password: trust authentication in pg_hba.conf, which defeats every login. Unreachable: False."""
    parsed = make_url(url) if isinstance(url, str) else url
    login = username or parsed.username or "postgres"
    kwargs = pg_connect_kwargs(parsed, login, "wrong-" + secrets.token_urlsafe(16))
    kwargs["connect_timeout"] = min(int(kwargs.get("connect_timeout", 5)), 5)
    try:
        psycopg.connect(**kwargs).close()
    except psycopg.Error:
        return False
    return True


def trust_warning(url: URL | str, username: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """The catalogue code and parameters of the trust-authentication warning, or None when the server
    asks for passwords."""
    parsed = make_url(url) if isinstance(url, str) else url
    login = username or parsed.username or "postgres"
    if not accepts_wrong_password(parsed, login):
        return None
    return "pg.trust_authentication", {"server": f"{parsed.host or 'localhost'}:{parsed.port or 5432}",
                                       "database": parsed.database or "", "username": login}


# ---- install ---------------------------------------------------------------------------------

@writes("users", "roles", "settings", "audit")
def install(owner_engine: Engine) -> InstallReport:
    """Set up (or bring up to date) the PostgreSQL enforcement; run with the owner URL. Idempotent."""
    with session_scope(make_session_factory(owner_engine)) as session:
        return install_in(session)


def _check_owner(session: Session) -> str:
    if not is_postgresql(session):
        raise UserError("pg.not_postgresql")
    row = _run(session, "SELECT current_user, r.rolsuper, r.rolcreaterole, current_schema(),"
                        " (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema()"
                        "  AND tablename = 'users') FROM pg_roles r WHERE r.rolname = current_user")[0]
    user, superuser, createrole, schema, owner = row
    if owner is None:
        raise UserError("pg.schema_missing")
    if not superuser and (owner != user or not createrole):
        raise UserError("pg.not_owner", owner=owner, user=user)
    return str(schema)


def _ensure_groups(session: Session) -> list[str]:
    created = []
    for group in GROUPS.values():
        if not role_exists(session, group):
            created.append(group)
            # concurrent installs on one server may race for the name: the loser keeps the winner's role
            _run(session, sql.SQL("DO $$ BEGIN CREATE ROLE {} NOLOGIN; EXCEPTION WHEN duplicate_object OR "
                                  "unique_violation THEN NULL; END $$").format(_ident(group)))
    bad = _run(session, "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s) AND (rolcanlogin OR rolsuper)",
               (list(GROUPS.values()),))
    if bad:
        raise UserError("pg.group_can_login", role=str(bad[0][0]))
    return created


def _check_tables(session: Session, schema: str) -> list[str]:
    rows = _run(session, "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = %s", (schema,))
    unknown = sorted(str(t) for t, _ in rows if t not in TABLE_GRANTS)
    if unknown:
        raise UserError("pg.tables_without_grants", tables=unknown)
    app_members = _run(session, "SELECT u.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                                " JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = ANY(%s)"
                                " AND u.rolname <> current_user AND NOT u.rolsuper",
                       (list(GROUPS.values()),))
    members = {str(r[0]) for r in app_members} | set(GROUPS.values())
    owned = sorted(str(t) for t, owner in rows if owner in members)
    if owned:
        raise UserError("pg.tables_owned", tables=owned)
    return [str(t) for t, _ in rows]


def _grant_all(session: Session, schema: str, tables: list[str]) -> None:
    groups = [GROUPS[k] for k in ("admin", "ops", "sales")]
    sch = _ident(schema)
    _run(session, sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM PUBLIC, {}").format(sch, _idents(groups)))
    _run(session, sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM PUBLIC, {}").format(sch, _idents(groups)))
    _run(session, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sch, _idents(groups)))
    _run(session, sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(sch, _idents(groups)))
    functions = sql.SQL(", ").join(sql.SQL(f) for f in FUNCTIONS)
    _run(session, sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(functions, _idents(groups)))
    for table in tables:
        for app_role, privileges in TABLE_GRANTS[table].items():
            _run(session, sql.SQL("GRANT {} ON {} TO {}").format(
                sql.SQL(privileges), sql.Identifier(schema, table), _ident(GROUPS[app_role])))


def _create_policy(session: Session, table: str, name: str, command: str, roles: list[str],
                   using: str | None, check: str | None) -> None:
    stmt = sql.SQL("CREATE POLICY {} ON {} FOR {} TO {}").format(
        _ident(name), _ident(table), sql.SQL(command), _idents(roles))
    if using:
        stmt += sql.SQL(" USING ({})").format(sql.SQL(using))
    if check:
        stmt += sql.SQL(" WITH CHECK ({})").format(sql.SQL(check))
    _run(session, stmt)


def _policies(session: Session) -> None:
    staff, everyone = [GROUPS["admin"], GROUPS["ops"]], list(GROUPS.values())
    for table in [*SALES_ROW_FILTERS, *OWN_ROW_FILTERS, "audit_log", *OWN_OR_PERMITTED_FILTERS]:
        _run(session, sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(_ident(table)))
        for (name,) in _run(session, "SELECT policyname FROM pg_policies WHERE tablename = %s"
                                     " AND schemaname = current_schema() AND policyname LIKE 'opcms%%'", (table,)):
            _run(session, sql.SQL("DROP POLICY {} ON {}").format(_ident(str(name)), _ident(table)))
    for table, sales_filter in SALES_ROW_FILTERS.items():
        _create_policy(session, table, "opcms_staff_select", "SELECT", staff, "true", None)
        _create_policy(session, table, "opcms_staff_insert", "INSERT", staff, None, "true")
        _create_policy(session, table, "opcms_staff_update", "UPDATE", staff, "true", "true")
        _create_policy(session, table, "opcms_staff_delete", "DELETE", staff,
                       STAFF_DELETE_FILTERS.get(table, "true"), None)
        _create_policy(session, table, "opcms_sales_select", "SELECT", [GROUPS["sales"]], sales_filter, None)
    for table, sales_filter in SALES_WRITE_FILTERS.items():
        _create_policy(session, table, "opcms_sales_insert", "INSERT", [GROUPS["sales"]], None, sales_filter)
        _create_policy(
            session, table, "opcms_sales_update", "UPDATE", [GROUPS["sales"]], sales_filter, sales_filter
        )
    for table, own in OWN_ROW_FILTERS.items():
        _create_policy(session, table, "opcms_own_rows", "ALL", everyone, own, own)
    _create_policy(session, "audit_log", "opcms_audit_append", "INSERT", everyone, None, "true")
    _create_policy(session, "audit_log", "opcms_staff_select", "SELECT", staff, "true", None)
    _create_policy(session, "audit_log", "opcms_sales_select", "SELECT", [GROUPS["sales"]], SALES_AUDIT_FILTER, None)
    others = [GROUPS["ops"], GROUPS["sales"]]
    for table, own in OWN_OR_PERMITTED_FILTERS.items():
        _create_policy(session, table, "opcms_admin_select", "SELECT", [GROUPS["admin"]], "true", None)
        _create_policy(session, table, "opcms_own_select", "SELECT", others, own, None)
    # the rows' contents and steps are checked by migration 0014's triggers; admins set the flags
    _create_policy(session, "access_log", "opcms_access_append", "INSERT", everyone, None, "true")
    _create_policy(session, "export_requests", "opcms_request_insert", "INSERT", everyone, None,
                   "requested_by = opcms_my_user_id()")
    _create_policy(session, "export_requests", "opcms_request_update", "UPDATE", everyone,
                   OWN_OR_PERMITTED_FILTERS["export_requests"], "true")
    _create_policy(session, "access_flags", "opcms_admin_write", "ALL", [GROUPS["admin"]], "true", "true")
    _create_policy(session, "access_flags", "opcms_own_clear", "UPDATE", others,
                   "user_id = opcms_my_user_id() AND reauth_required", OWN_FLAG_CLEARED)


def _try(session: Session, statement: sql.Composable) -> bool:
    """Run a statement that the owner may lack the right for (database or schema it does not own)."""
    _run(session, "SAVEPOINT opcms_try")
    try:
        _run(session, statement)
    except psycopg.errors.InsufficientPrivilege:
        _run(session, "ROLLBACK TO SAVEPOINT opcms_try")
        return False
    _run(session, "RELEASE SAVEPOINT opcms_try")
    return True


def _adopt_users(session: Session) -> tuple[list[str], list[str]]:
    created, need_password = [], []
    for user, role in session.execute(select(User, Role).join(Role, User.role_id == Role.id).order_by(User.id)):
        if role_exists(session, user.username):
            if _run(session, "SELECT 1 FROM pg_roles WHERE rolname = %s AND rolsuper", (user.username,)):
                raise UserError("pg.superuser_user", username=user.username)
            change_group(session, user.username, role.name)
        else:
            create_login(session, user.username, None, role.name)
            created.append(user.username)
            need_password.append(user.username)
        if not user.active:
            set_login_enabled(session, user.username, False)
    return created, need_password


def _vault_legacy_hashes(session: Session) -> None:
    """Move the bcrypt hashes of users made before the set-up out of `users` (every login reads it) into
    password_vault (no application role may read it): the owner's connection still moves each user's
    password to the server at that user's first login (`legacy_hash`)."""
    now = dt.datetime.now(dt.UTC)
    for user in session.scalars(select(User).where(User.password_hash.like("$2%"))):
        vaulted = session.get(PasswordVault, user.username)
        if vaulted is None:
            session.add(PasswordVault(username=user.username, password_hash=user.password_hash, moved_at=now))
        else:
            vaulted.password_hash, vaulted.moved_at = user.password_hash, now
        user.password_hash = PG_MANAGED_HASH
    session.flush()


@reads
def legacy_hash(session: Session, user: User) -> str | None:
    """The bcrypt hash a user had before the set-up (in `users` or in the vault), readable only on the
    owner's connection; None when the server holds the password."""
    if user.password_hash.startswith("$2"):
        return user.password_hash
    if not is_postgresql(session) or not session.scalar(
        text("SELECT has_table_privilege('password_vault', 'SELECT')")
    ):
        return None
    return session.scalar(select(PasswordVault.password_hash).where(PasswordVault.username == user.username))


@writes("users")
def forget_legacy_hash(session: Session, username: str) -> None:
    session.execute(delete(PasswordVault).where(PasswordVault.username == username))


@writes("users", "roles", "settings", "audit")
def install_in(session: Session) -> InstallReport:
    schema = _check_owner(session)
    groups_created = _ensure_groups(session)
    tables = _check_tables(session, schema)
    _grant_all(session, schema, tables)
    _policies(session)
    groups = _idents(GROUPS.values())
    _try(session, sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
        _ident(str(session.scalar(text("SELECT current_database()")))), groups))
    _try(session, sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(_ident(schema)))
    logins_created, need_password = _adopt_users(session)
    _vault_legacy_hashes(session)
    setting = session.get(Setting, INSTALLED_KEY)
    value = {"version": 1, "schema": schema, "owner": str(session.scalar(text("SELECT current_user")))}
    if setting is None:
        session.add(Setting(key=INSTALLED_KEY, value=value))
    else:
        setting.value = value
    session.flush()
    audit.record(session, None, "event", "pg_security", None,
                 {"groups_created": groups_created, "logins_created": logins_created, "tables": len(tables)},
                 summary="PostgreSQL roles, grants and row-level security installed")
    return InstallReport(groups_created, logins_created, need_password, len(tables))
