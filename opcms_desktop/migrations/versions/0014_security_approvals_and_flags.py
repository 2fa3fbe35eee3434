"""approvals, access flags and the access log on PostgreSQL (owned by the security work)

PostgreSQL only (a no-op on SQLite); the grants and row-level security policies are in pg_security.py:
- opcms_has_permission(perm): the calling login's application role holds `perm` (an active user);
- trigger opcms_export_request_guard: an application login adds requests in its own name only, pending;
  decides (approved / rejected) only a pending request of someone else, holding exports.approve, in its own
  name; uses up (approved -> used) only its own approved request; nothing else changes, times are the
  server's;
- trigger opcms_access_flag_stamp: a "password again" flag carries the server's time when it is set (the
  row-level security policy in pg_security lets a login clear its own flag only from a session that
  logged in, with its password, after that time);
- trigger opcms_access_seal: like opcms_audit_seal for access_log: id from the sequence, the server's time,
  prev_hash / hash computed here under the chain lock (the digest of access_log._digest), the row in the
  login's own name ("system" rows only for holders of access_log.view), the first row of a day anchored.

Revision ID: 0014
Revises: 0013
"""
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION opcms_has_permission(perm text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ SELECT EXISTS (SELECT 1 FROM users u JOIN role_permissions p ON p.role_id = u.role_id
                     WHERE u.username = session_user AND u.active AND p.permission = perm) $$;

CREATE OR REPLACE FUNCTION opcms_export_request_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
DECLARE
  me bigint;
BEGIN
  IF NOT opcms_session_is_app_login() THEN
    RETURN NEW;
  END IF;
  me := opcms_my_user_id();
  IF TG_OP = 'INSERT' THEN
    IF NEW.requested_by IS DISTINCT FROM me OR NEW.status <> 'pending' OR NEW.decided_by IS NOT NULL
       OR NEW.decided_at IS NOT NULL OR NEW.used_at IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'export_requests: a login adds pending requests in its own name only';
    END IF;
    NEW.id := nextval(pg_get_serial_sequence('export_requests', 'id'));
    NEW.requested_at := now();
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW.requested_by, NEW.requested_at, NEW.kind, NEW.row_count, NEW.masked)
     IS DISTINCT FROM (OLD.id, OLD.requested_by, OLD.requested_at, OLD.kind, OLD.row_count, OLD.masked) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = 'export_requests: what was asked for cannot change';
  END IF;
  IF OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected') THEN
    IF NOT opcms_has_permission('exports.approve') OR OLD.requested_by = me
       OR NEW.decided_by IS DISTINCT FROM me OR NEW.used_at IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'export_requests: only another person holding exports.approve decides, in its own name';
    END IF;
    NEW.decided_at := now();
  ELSIF OLD.status = 'approved' AND NEW.status = 'used' THEN
    IF OLD.requested_by IS DISTINCT FROM me
       OR (NEW.decided_by, NEW.decided_at) IS DISTINCT FROM (OLD.decided_by, OLD.decided_at) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'export_requests: only the requester uses up its approved request';
    END IF;
    NEW.used_at := now();
  ELSIF NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = 'export_requests: ' || OLD.status || ' -> ' || NEW.status || ' is not a step a login may take';
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS opcms_export_request_guard ON export_requests;
CREATE TRIGGER opcms_export_request_guard BEFORE INSERT OR UPDATE ON export_requests
  FOR EACH ROW EXECUTE FUNCTION opcms_export_request_guard();

CREATE OR REPLACE FUNCTION opcms_access_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
DECLARE
  prev text;
BEGIN
  IF NOT opcms_session_is_app_login() THEN
    RETURN NEW;
  END IF;
  IF NOT ((NEW.username = session_user::text AND NEW.user_id IS NOT DISTINCT FROM opcms_my_user_id())
          OR (NEW.username = 'system' AND NEW.user_id IS NULL AND opcms_has_permission('access_log.view'))) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = 'access_log: the login ' || session_user || ' may only append entries in its own name';
  END IF;
  PERFORM opcms_audit_lock();
  NEW.id := nextval(pg_get_serial_sequence('access_log', 'id'));
  NEW.at := now();
  SELECT hash INTO prev FROM access_log ORDER BY id DESC LIMIT 1;
  IF NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE chain = 'access' AND at >= date_trunc('day', now(), 'UTC')) THEN
    INSERT INTO audit_checkpoints (chain, at, rows, head_hash, reason, mac)
      SELECT 'access', now(), count(*), prev, 'daily', NULL FROM access_log;  -- the first row of a day
  END IF;
  NEW.prev_hash := coalesce(prev, repeat('0', 64));
  NEW.hash := encode(sha256(convert_to(
    '[' || to_json(NEW.prev_hash)::text
    || ',' || to_json(to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))::text
    || ',' || coalesce(NEW.user_id::text, 'null')
    || ',' || to_json(NEW.username)::text
    || ',' || to_json(NEW.action)::text
    || ',' || to_json(NEW.entity)::text
    || ',' || coalesce(to_json(NEW.target)::text, 'null')
    || ',{{"details":' || opcms_canonical_json(NEW.details) || ',"rows":' || NEW.row_count::text || '}}'
    || ',null]', 'UTF8')), 'hex');
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS opcms_access_seal ON access_log;
CREATE TRIGGER opcms_access_seal BEFORE INSERT ON access_log
  FOR EACH ROW EXECUTE FUNCTION opcms_access_seal();

CREATE OR REPLACE FUNCTION opcms_access_flag_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp
AS $$
BEGIN
  IF NEW.reauth_required THEN
    NEW.set_at := clock_timestamp();  -- the server's time, not its transaction's start: only a session that logs in after it may clear the flag
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS opcms_access_flag_stamp ON access_flags;
CREATE TRIGGER opcms_access_flag_stamp BEFORE INSERT OR UPDATE ON access_flags
  FOR EACH ROW EXECUTE FUNCTION opcms_access_flag_stamp();

REVOKE ALL ON FUNCTION opcms_has_permission(text), opcms_export_request_guard(), opcms_access_seal(),
  opcms_access_flag_stamp() FROM PUBLIC;
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    quoted = bind.dialect.identifier_preparer.quote(str(schema))
    bind.exec_driver_sql(_FUNCTIONS.format(schema=quoted))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # The policies that call opcms_has_permission go first; row-level security stays on, so until the
        # secure set-up runs again the application groups read none of these rows (closed, not open).
        bind.exec_driver_sql(
            "DO $$ DECLARE p record; BEGIN"
            " FOR p IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = current_schema()"
            " AND tablename IN ('export_requests', 'access_log', 'access_flags') AND policyname LIKE 'opcms%%'"
            " LOOP EXECUTE format('DROP POLICY %%I ON %%I', p.policyname, p.tablename); END LOOP; END $$;"
            "DROP TRIGGER IF EXISTS opcms_access_seal ON access_log;"
            "DROP TRIGGER IF EXISTS opcms_access_flag_stamp ON access_flags;"
            "DROP TRIGGER IF EXISTS opcms_export_request_guard ON export_requests;"
            "DROP FUNCTION IF EXISTS opcms_access_seal(), opcms_export_request_guard(), opcms_access_flag_stamp(),"
            " opcms_has_permission(text);"
        )
