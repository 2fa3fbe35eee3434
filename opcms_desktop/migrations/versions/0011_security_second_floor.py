"""audit anchors (checkpoints), the password vault, hardened PostgreSQL writers and helpers

Both databases: tables audit_checkpoints and password_vault.
PostgreSQL only (database-local objects owned by whoever runs the migrations, the table owner):
- opcms_canonical_json(json): the JSON text Python's trail._DUMPS writes (sorted keys, no spaces), or an
  error for a value that has none (duplicate keys, numbers Python would print otherwise);
- trigger opcms_audit_seal (after opcms_audit_guard): for an application login, the row's id comes from
  the sequence, its time is the server's, and prev_hash / hash are computed here, under the chain lock;
  whatever the login sent for them is discarded; the first row of a (UTC) day writes a checkpoint first.
  The owner (migrations, `opcms migrate`) is trusted;
- opcms_audit_lock(): the chain lock, a lock on audit_checkpoints that no application role can take
  otherwise (it has no privilege on that table), bounded by the sessions' lock_timeout;
- opcms_audit_checkpoint(chain, reason): counts the chain's rows and reads its head itself;
- opcms_note_login(): never clears a lock that has not expired;
- opcms_set_own_password(verifier): the calling login's own new SCRAM verifier, and only then its
  "must change password" flag cleared; opcms_password_changed() no longer clears that flag.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION opcms_canonical_json(value json) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = {schema}, pg_temp
AS $$
DECLARE
  kind text := json_typeof(value);
  result text;
  number text;
BEGIN
  IF value IS NULL OR kind = 'null' THEN
    RETURN 'null';
  ELSIF kind = 'object' THEN
    IF (SELECT count(*) <> count(DISTINCT key) FROM json_each(value)) THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'audit_log: duplicate keys in changes';
    END IF;
    SELECT '{{' || coalesce(string_agg(to_json(key)::text || ':' || opcms_canonical_json(item), ','
                                       ORDER BY key COLLATE "C"), '') || '}}'
      INTO result FROM json_each(value) AS e(key, item);
    RETURN result;
  ELSIF kind = 'array' THEN
    SELECT '[' || coalesce(string_agg(opcms_canonical_json(item), ',' ORDER BY n), '') || ']'
      INTO result FROM json_array_elements(value) WITH ORDINALITY AS e(item, n);
    RETURN result;
  ELSIF kind = 'string' THEN
    RETURN to_json(value #>> '{{}}')::text;
  ELSIF kind = 'number' THEN
    number := value::text;
    IF number ~ '^-?(0|[1-9][0-9]*)$' AND number <> '-0' THEN
      RETURN number;
    END IF;
    IF (number::float8)::text = number OR (number::float8)::text || '.0' = number THEN
      RETURN number;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = 'audit_log: the number ' || number || ' is not written as the application writes it';
  END IF;
  RETURN value::text;  -- true / false
END
$$;

CREATE OR REPLACE FUNCTION opcms_audit_lock() RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ LOCK TABLE audit_checkpoints IN SHARE ROW EXCLUSIVE MODE $$;

CREATE OR REPLACE FUNCTION opcms_audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
DECLARE
  prev text;
BEGIN
  IF NOT opcms_session_is_app_login() THEN
    RETURN NEW;
  END IF;
  PERFORM opcms_audit_lock();
  NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  NEW.at := now();
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  IF NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE chain = 'audit' AND at >= date_trunc('day', now(), 'UTC')) THEN
    INSERT INTO audit_checkpoints (chain, at, rows, head_hash, reason, mac)
      SELECT 'audit', now(), count(*), prev, 'daily', NULL FROM audit_log;  -- the first row of a day
  END IF;
  NEW.prev_hash := coalesce(prev, repeat('0', 64));
  NEW.hash := encode(sha256(convert_to(
    '[' || to_json(NEW.prev_hash)::text
    || ',' || to_json(to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))::text
    || ',' || coalesce(NEW.user_id::text, 'null')
    || ',' || to_json(NEW.username)::text
    || ',' || to_json(NEW.action)::text
    || ',' || to_json(NEW.entity)::text
    || ',' || coalesce(to_json(NEW.entity_id)::text, 'null')
    || ',' || opcms_canonical_json(NEW.changes)
    || ',' || coalesce(to_json(NEW.summary)::text, 'null')
    || ']', 'UTF8')), 'hex');
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS opcms_audit_seal ON audit_log;
CREATE TRIGGER opcms_audit_seal BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION opcms_audit_seal();

CREATE OR REPLACE FUNCTION opcms_audit_checkpoint(chain text, reason text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
DECLARE
  tbl text := CASE chain WHEN 'audit' THEN 'audit_log' WHEN 'access' THEN 'access_log' END;
  n bigint;
  head text;
  made bigint;
BEGIN
  IF tbl IS NULL OR to_regclass(tbl) IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'no hash chain named ' || chain;
  END IF;
  PERFORM opcms_audit_lock();
  EXECUTE format('SELECT count(*), (SELECT hash FROM %%I ORDER BY id DESC LIMIT 1) FROM %%I', tbl, tbl)
    INTO n, head;
  INSERT INTO audit_checkpoints (chain, at, rows, head_hash, reason, mac)
    VALUES (chain, now(), n, head, left(coalesce(reason, ''), 40), NULL) RETURNING id INTO made;
  RETURN made;
END
$$;

CREATE OR REPLACE FUNCTION opcms_note_login() RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ UPDATE users SET last_login_at = now(),
        failed_attempts = CASE WHEN locked_until IS NULL OR locked_until <= now() THEN 0 ELSE failed_attempts END,
        locked_until = CASE WHEN locked_until <= now() THEN NULL ELSE locked_until END
      WHERE username = session_user AND active $$;

CREATE OR REPLACE FUNCTION opcms_password_changed() RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$ UPDATE users SET password_hash = '!postgresql' WHERE username = session_user $$;

CREATE OR REPLACE FUNCTION opcms_set_own_password(verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $$
BEGIN
  IF verifier IS NULL OR verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'opcms_set_own_password takes a SCRAM-SHA-256 verifier';
  END IF;
  EXECUTE format('ALTER ROLE %%I PASSWORD %%L', session_user, verifier);
  UPDATE users SET must_change_password = false, password_hash = '!postgresql', version = version + 1
    WHERE username = session_user;
END
$$;

REVOKE ALL ON FUNCTION opcms_audit_lock(), opcms_audit_seal(), opcms_audit_checkpoint(text, text),
  opcms_set_own_password(text) FROM PUBLIC;
"""


def upgrade() -> None:
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", ID, nullable=False),
        sa.Column("chain", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
    )
    op.create_index("ix_audit_checkpoints_chain", "audit_checkpoints", ["chain", "id"])
    op.create_table(
        "password_vault",
        sa.Column("username", sa.String(length=63), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_password_vault")),
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    quoted = bind.dialect.identifier_preparer.quote(str(schema))
    bind.exec_driver_sql(_FUNCTIONS.format(schema=quoted))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(
            "DROP TRIGGER IF EXISTS opcms_audit_seal ON audit_log;"
            "DROP FUNCTION IF EXISTS opcms_audit_seal(), opcms_audit_checkpoint(text, text), opcms_audit_lock(),"
            " opcms_set_own_password(text), opcms_canonical_json(json);"
        )
    op.drop_table("password_vault")
    op.drop_index("ix_audit_checkpoints_chain", table_name="audit_checkpoints")
    op.drop_table("audit_checkpoints")
