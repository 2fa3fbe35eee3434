"""Application settings an admin changes ('settings.manage'), every change audited.

Only known keys (SPECS) can be read or set here, each with a default and limits: whole numbers within
a range (the idle timeout) or short texts (the seller's details printed on every bill). Public settings
are readable by every logged-in user, since the client applies them to everyone (the idle timeout) or
prints them (the seller block of a bill). Internal rows of the settings table (pg_security.installed,
roles.seeded_permissions) are not settings an admin edits and are not reachable through this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Setting
from ..audit import trail as audit
from ..platform.errors import ConflictError, Problem, ValidationError
from ..platform.messages import render
from ..platform.operations import reads, writes
from .permissions import Actor, require

IDLE_TIMEOUT = "session.idle_timeout_minutes"
SELLER_NAME = "seller.name"
SELLER_TAX_ID = "seller.tax_id"
SELLER_BANK = "seller.bank"
SELLER_ACCOUNT = "seller.account"
SELLER_ADDRESS = "seller.address"
SELLER_CONTACT = "seller.contact"
BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY, BACKUP_KEEP_MONTHLY = "backup.keep_daily", "backup.keep_weekly", "backup.keep_monthly"
INT, TEXT = "int", "text"


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str  # message code of its name
    default: int | str
    minimum: int  # int: the smallest value; text: 0
    maximum: int  # int: the largest value; text: the longest text (characters)
    public: bool = False  # readable by every logged-in user
    kind: str = INT  # int / text


def _text(key: str, label: str, maximum: int) -> SettingSpec:
    return SettingSpec(key, label, "", 0, maximum, public=True, kind=TEXT)


SPECS: dict[str, SettingSpec] = {  # in the order the settings screen lists them
    IDLE_TIMEOUT: SettingSpec(IDLE_TIMEOUT, "settings.label.idle_timeout", 15, 1, 480, public=True),
    SELLER_NAME: _text(SELLER_NAME, "settings.label.seller_name", 100),
    SELLER_TAX_ID: _text(SELLER_TAX_ID, "settings.label.seller_tax_id", 30),
    SELLER_BANK: _text(SELLER_BANK, "settings.label.seller_bank", 100),
    SELLER_ACCOUNT: _text(SELLER_ACCOUNT, "settings.label.seller_account", 50),
    SELLER_ADDRESS: _text(SELLER_ADDRESS, "settings.label.seller_address", 200),
    SELLER_CONTACT: _text(SELLER_CONTACT, "settings.label.seller_contact", 100),
    # Automatic SQLite backups kept (services/maintenance/retention.py).
    BACKUP_KEEP_DAILY: SettingSpec(BACKUP_KEEP_DAILY, "maintenance.label.keep_daily", 7, 1, 366),
    BACKUP_KEEP_WEEKLY: SettingSpec(BACKUP_KEEP_WEEKLY, "maintenance.label.keep_weekly", 4, 0, 104),
    BACKUP_KEEP_MONTHLY: SettingSpec(BACKUP_KEEP_MONTHLY, "maintenance.label.keep_monthly", 12, 0, 120),
    # Churn warning thresholds (services/insight/thresholds.py), public: every profile reader applies them.
    "insight.churn_days": SettingSpec(
        "insight.churn_days", "profiling.label.churn_days", 60, 15, 730, public=True
    ),
    "insight.churn_drop_percent": SettingSpec(
        "insight.churn_drop_percent", "profiling.label.churn_drop_percent", 50, 1, 100, public=True
    ),
}


@dataclass(frozen=True)
class SettingValue:
    key: str
    label: str  # in the current language
    value: int | str
    default: int | str
    minimum: int
    maximum: int
    is_default: bool  # no stored value: the default applies
    version: int | None  # pass back to set_setting to detect a concurrent change
    kind: str = INT


@dataclass(frozen=True)
class SellerDetails:
    """Who issues the bills, as printed on each one (any field may be empty)."""

    name: str = ""
    tax_id: str = ""  # 纳税人识别号
    bank: str = ""
    account: str = ""
    address: str = ""
    contact: str = ""


def _spec(key: str) -> SettingSpec:
    spec = SPECS.get(key)
    if spec is None:
        raise ValidationError("settings.unknown", [Problem("settings.known", field="key", value=key,
                                                           params={"keys": sorted(SPECS)})])
    return spec


def _value(spec: SettingSpec, row: Setting | None) -> SettingValue:
    stored = row.value if row is not None else None
    value = spec.default
    if spec.kind == INT:
        if isinstance(stored, int) and not isinstance(stored, bool) and spec.minimum <= stored <= spec.maximum:
            value = stored
    elif isinstance(stored, str):
        value = stored
    return SettingValue(spec.key, render(spec.label), value, spec.default, spec.minimum, spec.maximum,
                        row is None, row.version if row is not None else None, spec.kind)


def _row(session: Session, key: str) -> Setting | None:
    return session.scalar(select(Setting).where(Setting.key == key))


@reads
def list_settings(session: Session, actor: Actor) -> list[SettingValue]:
    require(actor, "settings.view")
    return [_value(spec, _row(session, key)) for key, spec in SPECS.items()]


@reads
def get_setting(session: Session, actor: Actor, key: str) -> SettingValue:
    spec = _spec(key)
    if not spec.public:
        require(actor, "settings.view")
    return _value(spec, _row(session, key))


@reads
def idle_timeout_minutes(session: Session, actor: Actor) -> int:
    """Minutes without input after which the desktop client locks (asks for the password again)."""
    return int(get_setting(session, actor, IDLE_TIMEOUT).value)


@reads
def seller_details(session: Session, actor: Actor) -> SellerDetails:
    """The seller block of a bill (public: everyone who may print a bill reads it)."""
    rows = {r.key: r for r in session.scalars(select(Setting).where(Setting.key.like("seller.%")))}
    text = {key: str(_value(SPECS[key], rows.get(key)).value) for key in SPECS if key.startswith("seller.")}
    return SellerDetails(name=text[SELLER_NAME], tax_id=text[SELLER_TAX_ID], bank=text[SELLER_BANK],
                         account=text[SELLER_ACCOUNT], address=text[SELLER_ADDRESS], contact=text[SELLER_CONTACT])


def parse_value(key: str, raw: object) -> int | str:
    """The setting's value from user input ("30" or 30; a text trimmed); ValidationError names the limits."""
    spec = _spec(key)
    if spec.kind == TEXT:
        text = "" if raw is None else str(raw).strip()
        if len(text) > spec.maximum:
            raise ValidationError("settings.invalid_value", [Problem(
                "settings.text_too_long", field=key, value=text, params={"limit": spec.maximum})],
                label=render(spec.label), value=text)
        return text
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        value = int(raw.strip())
    if value is None or not spec.minimum <= value <= spec.maximum:
        raise ValidationError("settings.invalid_value", [Problem(
            "settings.whole_number_range", field=key, value=str(raw),
            params={"minimum": spec.minimum, "maximum": spec.maximum})], label=render(spec.label), value=repr(raw))
    return value


@writes("settings", "audit")
def set_setting(session: Session, actor: Actor, key: str, value: object,
                expected_version: int | None = None) -> SettingValue:
    require(actor, "settings.manage")
    spec = _spec(key)
    new = parse_value(key, value)
    row = _row(session, key)
    if expected_version is not None and (row.version if row is not None else None) != expected_version:
        raise ConflictError("settings.conflict", key=key, label=render(spec.label))
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
