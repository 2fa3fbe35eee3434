"""Codes the customer fields hold, their display labels, and how typed search text is folded."""

from __future__ import annotations

import unicodedata

from ...models.customer import ACCOUNT_TYPES, GRADES

ACCOUNT_TYPE_LABELS: dict[str, str] = {code: label for label, code in ACCOUNT_TYPES.items()}
COOP_STATUS_LABELS: dict[str, str] = {
    "active": "正常合作",
    "dormant": "休眠",
    "pending": "待确认",
    "trial": "商务/试用",
    "terminated": "终止合作",
}
BILLING_LABELS: dict[str, str] = {"yes": "是", "no": "否", "pending": "待确认"}
SETTLEMENT_MODE_LABELS: dict[str, str] = {
    # the codes the customer importer stores (customer_normalise.SETTLEMENT_LABELS)
    "fixed_price": "定价结算",
    "annual_package": "包年套餐",
    "annual_quota": "包年限量套餐",
    "pending": "待确认",
}
CONSUMPTION_TIERS: tuple[str, ...] = ("C1", "C2", "C3", "C4", "C5", "C6")
CUSTOMER_GRADES: tuple[str, ...] = GRADES


def search_key(text: str) -> str:
    """Letters and digits only, lower case, full-width folded: how typed text meets the pinyin keys."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if ch.isalnum())
