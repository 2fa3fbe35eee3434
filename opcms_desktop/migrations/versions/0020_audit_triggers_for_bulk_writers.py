"""bulk writers on PostgreSQL: the audit guard per statement, a seal only for application logins

PostgreSQL. opcms_audit_guard (migration 0002: an application login may only append audit rows in its
own name) checks each INSERT statement's new rows at once (AFTER .. FOR EACH STATEMENT over the transition
table) instead of each row before it is written: the same rule and the same error, the statement undone
as a whole, but opcms_session_is_app_login() (~20 us) once per statement rather than once per row (an
import appends ~100,000 rows). The seal (0011) stays a row trigger, hashing each row in chain order, but
fires only WHEN opcms_session_is_app_login(): its function returned at once otherwise, after paying a
SECURITY DEFINER call per row. Both together halve the triggers' cost of an owner's bulk insert
(20,000 rows: 1.5 s -> 1.0 s; the insert alone 0.5 s). The seal's function is 0011's, unchanged.

PostgreSQL. opcms_canonical_json (0011), which the seal runs on every row an application login appends,
writes strings, nulls, booleans and whole numbers inside an object or array in place, and an object's
array values by a subquery of the same statement, instead of a call of itself for each; it reads an
object's keys once (the duplicate check and the text together), calls itself by its schema-qualified name
and carries no SET search_path (every call of a function with one pushed and popped a configuration
level; its callers, the seals, fix the search path). Same text, same errors (checked against trail.py's
writer on random values); an import's customer row ~220 -> ~105 us. Downgrade restores 0011's text.

Revision ID: 0020
Revises: 0019
"""
from collections.abc import Callable
from pathlib import Path

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_GUARD_BODY = """
BEGIN
  IF opcms_session_is_app_login() THEN
    IF {rows_in_another_name} THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'audit_log: the login ' || session_user || ' may only append entries in its own name';
    END IF;
  END IF;
  RETURN {returns};
END
"""
_GUARD = """
CREATE OR REPLACE FUNCTION opcms_audit_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp
AS $guard${body}$guard$;
DROP TRIGGER IF EXISTS opcms_audit_guard ON audit_log;
CREATE TRIGGER opcms_audit_guard {timing} ON audit_log {each} EXECUTE FUNCTION opcms_audit_guard();
REVOKE ALL ON FUNCTION opcms_audit_guard() FROM PUBLIC;
"""
_PER_STATEMENT = {
    "body": _GUARD_BODY.format(
        rows_in_another_name="EXISTS (SELECT 1 FROM appended WHERE username IS DISTINCT FROM session_user::text"
                             " OR user_id IS DISTINCT FROM (SELECT id FROM users WHERE username = session_user))",
        returns="NULL"),
    "timing": "AFTER INSERT", "each": "REFERENCING NEW TABLE AS appended FOR EACH STATEMENT"}
_PER_ROW = {  # migration 0002's
    "body": _GUARD_BODY.format(
        rows_in_another_name="NEW.username IS DISTINCT FROM session_user::text"
                             " OR NEW.user_id IS DISTINCT FROM (SELECT id FROM users WHERE username = session_user)",
        returns="NEW"),
    "timing": "BEFORE INSERT", "each": "FOR EACH ROW"}


_SEAL = ("DROP TRIGGER IF EXISTS opcms_audit_seal ON audit_log;"
         "CREATE TRIGGER opcms_audit_seal BEFORE INSERT ON audit_log FOR EACH ROW {when}"
         "EXECUTE FUNCTION opcms_audit_seal();")


_LEAF = ("CASE json_typeof({v}) WHEN 'string' THEN to_json({v} #>> '{{}}')::text WHEN 'null' THEN 'null'"
         " WHEN 'boolean' THEN {v}::text"
         " WHEN 'number' THEN CASE WHEN {v}::text ~ '^-?(0|[1-9][0-9]*)$' AND {v}::text <> '-0' THEN {v}::text"
         " ELSE {schema}.opcms_canonical_json({v}) END"
         " ELSE {schema}.opcms_canonical_json({v}) END")
_CANONICAL = """
CREATE OR REPLACE FUNCTION opcms_canonical_json(value json) RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $canonical$
DECLARE
  kind text := json_typeof(value);
  duplicated boolean;
  result text;
  number text;
BEGIN
  IF value IS NULL OR kind = 'null' THEN
    RETURN 'null';
  ELSIF kind = 'object' THEN
    SELECT count(*) <> count(DISTINCT key),
           '{{' || coalesce(string_agg(to_json(key)::text || ':' || {object_leaf}, ',' ORDER BY key COLLATE "C"), '')
           || '}}'
      INTO duplicated, result FROM json_each(value) AS e(key, item);
    IF duplicated THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'audit_log: duplicate keys in changes';
    END IF;
    RETURN result;
  ELSIF kind = 'array' THEN
    SELECT '[' || coalesce(string_agg({array_leaf}, ',' ORDER BY n), '') || ']'
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
$canonical$;
"""


def _canonical_0011(schema: str) -> str:
    """0011's opcms_canonical_json, read from that migration (what a downgrade puts back)."""
    source = Path(__file__).with_name("0011_security_second_floor.py").read_text(encoding="utf-8")
    start = source.index("CREATE OR REPLACE FUNCTION opcms_canonical_json")
    text = source[start:source.index("CREATE OR REPLACE FUNCTION", start + 10)]
    return text.replace("{schema}", schema).replace("{{", "{").replace("}}", "}")


def _canonical(schema: str) -> str:
    # An object's values that are arrays are written by a subquery of the same statement, not by a call.
    inner = _LEAF.format(v="element", schema=schema)
    array = (f"(SELECT '[' || coalesce(string_agg({inner}, ',' ORDER BY at), '') || ']'"
             " FROM json_array_elements(item) WITH ORDINALITY AS a(element, at))")
    leaf = _LEAF.format(v="item", schema=schema)
    return _CANONICAL.format(object_leaf=f"CASE WHEN json_typeof(item) = 'array' THEN {array} ELSE {leaf} END",
                             array_leaf=leaf)


def _postgresql(guard: dict[str, str], seal_when: str, canonical: Callable[[str], str]) -> None:
    bind = op.get_bind()
    schema = bind.dialect.identifier_preparer.quote(str(bind.exec_driver_sql("SELECT current_schema()").scalar()))
    bind.exec_driver_sql(_GUARD.format(schema=schema, **guard))
    bind.exec_driver_sql(_SEAL.format(when=seal_when))
    bind.exec_driver_sql(canonical(schema))


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        _postgresql(_PER_STATEMENT, "WHEN (opcms_session_is_app_login()) ", _canonical)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        _postgresql(_PER_ROW, "", _canonical_0011)
