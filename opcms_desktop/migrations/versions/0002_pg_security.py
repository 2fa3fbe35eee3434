"""PostgreSQL security functions and the audit insert guard (PostgreSQL only; SQLite is untouched)

Database-local objects only, owned by whoever runs the migrations (the table owner):
- opcms_audit_last_hash(): the chain head, readable by roles that may not SELECT audit_log;
- opcms_my_customer_ids() / opcms_my_user_id(): what the row-level security policies of
  services/pg_security.install() compare with; SECURITY DEFINER so that customers and
  customer_owners policies do not recurse into each other;
- opcms_note_login() / opcms_password_changed(): the two updates of its own users row a
  non-admin login may make;
- opcms_session_is_app_login(): the connection is a login directly in an opcms group role and
  not the owner (superusers and the owner are members of everything, so membership alone is not it);
- trigger opcms_audit_guard: an application login may only append audit rows in its own name.
Cluster-wide objects (group roles, logins), grants and policies are made by pg_security.install().

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:00:00
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_GROUPS = "('opcms_admin', 'opcms_ops', 'opcms_sales')"

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION opcms_session_is_app_login() RETURNS boolean
LANGUAGE sql STABLE SET search_path = {schema}, pg_temp
AS $$ SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     JOIN pg_roles u ON u.oid = m.member
                     WHERE u.rolname = session_user AND g.rolname IN {groups})
         AND NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass),
                             'MEMBER') $$;

CREATE OR REPLACE FUNCTION opcms_audit_last_hash() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1 $$;

CREATE OR REPLACE FUNCTION opcms_my_customer_ids() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ SELECT o.customer_id FROM customer_owners o JOIN users u ON u.id = o.user_id
      WHERE o.kind = 'sales' AND u.active AND u.username = session_user $$;

CREATE OR REPLACE FUNCTION opcms_my_user_id() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ SELECT id FROM users WHERE username = session_user $$;

CREATE OR REPLACE FUNCTION opcms_note_login() RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ UPDATE users SET last_login_at = now(), failed_attempts = 0, locked_until = NULL
      WHERE username = session_user AND active $$;

CREATE OR REPLACE FUNCTION opcms_password_changed() RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ UPDATE users SET must_change_password = false, password_hash = '!postgresql', version = version + 1
      WHERE username = session_user $$;

CREATE OR REPLACE FUNCTION opcms_audit_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  IF opcms_session_is_app_login() THEN
    IF NEW.username IS DISTINCT FROM session_user::text
       OR NEW.user_id IS DISTINCT FROM (SELECT id FROM users WHERE username = session_user) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'audit_log: the login ' || session_user || ' may only append entries in its own name';
    END IF;
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS opcms_audit_guard ON audit_log;
CREATE TRIGGER opcms_audit_guard BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION opcms_audit_guard();

REVOKE ALL ON FUNCTION opcms_audit_last_hash(), opcms_my_customer_ids(), opcms_my_user_id(),
  opcms_note_login(), opcms_password_changed(), opcms_audit_guard() FROM PUBLIC;
REVOKE ALL ON audit_log FROM PUBLIC;
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    quoted = bind.dialect.identifier_preparer.quote(str(schema))
    bind.exec_driver_sql(_FUNCTIONS.format(schema=quoted, groups=_GROUPS))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql(
        "DROP TRIGGER IF EXISTS opcms_audit_guard ON audit_log;"
        "DROP FUNCTION IF EXISTS opcms_audit_guard(), opcms_password_changed(), opcms_note_login(),"
        " opcms_my_user_id(), opcms_my_customer_ids(), opcms_audit_last_hash(), opcms_session_is_app_login();"
    )
