"""The ORM schema: one module per aggregate. Imports nothing from services/ or ui/."""

from .audit import AuditCheckpoint, AuditEntry, PasswordVault
from .base import Base
from .customer import Customer, CustomerOwner, OwnerNameMapping
from .dictionary import DictionaryEntry
from .invoice import (
    BillingPeriodLock,
    BillRun,
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    NumberSequence,
)
from .pricing import PricePlan, PricePlanTier
from .receipt import Allocation, Receipt
from .setting import SavedFilter, Setting
from .usage import UsageMonthly, UsageOrder
from .user import Role, RolePermission, User

# Modules whose tables register on Base.metadata when imported; import their classes from them directly.
from . import access, followup, insight, receivable_ledger, segment, usage_month_totals, worklist  # noqa: E402,F401  isort: skip

__all__ = [
    "Allocation",
    "AuditCheckpoint",
    "AuditEntry",
    "Base",
    "BillRun",
    "BillingPeriodLock",
    "CreditNote",
    "CreditNoteLine",
    "Customer",
    "CustomerOwner",
    "DictionaryEntry",
    "Invoice",
    "InvoiceLine",
    "NumberSequence",
    "OwnerNameMapping",
    "PasswordVault",
    "PricePlan",
    "PricePlanTier",
    "Receipt",
    "Role",
    "RolePermission",
    "SavedFilter",
    "Setting",
    "UsageMonthly",
    "UsageOrder",
    "User",
]
