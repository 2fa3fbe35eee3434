"""Application settings an admin changes ('settings.manage'), every change audited.

Only known keys (SPECS) can be read or set here, each with a default and limits. Public settings
(the idle timeout) are readable by every logged-in user, since the client applies them to everyone.
Internal rows of the settings table (pg_security.installed, roles.seeded_permissions) are not settings
an admin edits and are not reachable through this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Setting
from ..audit import trail as audit
from ..platform.errors import ConflictError, Problem, ValidationError
from .permissions import Actor, require

IDLE_TIMEOUT = "session.idle_timeout_minutes"


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    public: bool = False  # readable by every logged-in user


SPECS: dict[str, SettingSpec] = {
    IDLE_TIMEOUT: SettingSpec(IDLE_TIMEOUT, "空闲超时（分钟）", 15, 1, 480, public=True),
}


@dataclass(frozen=True)
class SettingValue:
    key: str
    label: str
    value: int
    default: int
    minimum: int
    maximum: int
    is_default: bool  # no stored value: the default applies
    version: int | None  # pass back to set_setting to detect a concurrent change


def _spec(key: str) -> SettingSpec:
    spec = SPECS.get(key)
    if spec is None:
        raise ValidationError("Unknown setting", [Problem(f"known settings: {', '.join(sorted(SPECS))}",
                                                          field="key", value=key)])
    return spec


def _value(spec: SettingSpec, row: Setting | None) -> SettingValue:
    stored = row.value if row is not None else None
    value = spec.default
    if isinstance(stored, int) and not isinstance(stored, bool) and spec.minimum <= stored <= spec.maximum:
        value = stored
    return SettingValue(spec.key, spec.label, value, spec.default, spec.minimum, spec.maximum,
                        row is None, row.version if row is not None else None)


def _row(session: Session, key: str) -> Setting | None:
    return session.scalar(select(Setting).where(Setting.key == key))


def list_settings(session: Session, actor: Actor) -> list[SettingValue]:
    require(actor, "settings.view")
    return [_value(spec, _row(session, key)) for key, spec in sorted(SPECS.items())]


def get_setting(session: Session, actor: Actor, key: str) -> SettingValue:
    spec = _spec(key)
    if not spec.public:
        require(actor, "settings.view")
    return _value(spec, _row(session, key))


def idle_timeout_minutes(session: Session, actor: Actor) -> int:
    """Minutes without input after which the desktop client locks (asks for the password again)."""
    return get_setting(session, actor, IDLE_TIMEOUT).value


def parse_value(key: str, raw: object) -> int:
    """The setting's value from user input ("30" or 30); ValidationError names the limits."""
    spec = _spec(key)
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        value = int(raw.strip())
    if value is None or not spec.minimum <= value <= spec.maximum:
        raise ValidationError(f"{spec.label} cannot be {raw!r}", [Problem(
            f"must be a whole number from {spec.minimum} to {spec.maximum}", field=key, value=str(raw))])
    return value


def set_setting(session: Session, actor: Actor, key: str, value: object,
                expected_version: int | None = None) -> SettingValue:
    require(actor, "settings.manage")
    spec = _spec(key)
    new = parse_value(key, value)
    row = _row(session, key)
    if expected_version is not None and (row.version if row is not None else None) != expected_version:
        raise ConflictError(f"The setting {key} was changed by someone else; reload it.")
    before = _value(spec, row)
    if row is None:
        row = Setting(key=key, value=new)
        session.add(row)
        action = "create"
    elif row.value == new:
        return before
    else:
        row.value = new
        action = "update"
    session.flush()
    audit.record(session, actor, action, "setting", key, {"value": [before.value, new]})
    return _value(spec, row)
