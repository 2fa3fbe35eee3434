"""Who wins when the sheet comes back: fields edited in the app since the last import (issue 11, item 4).

Decision: a per-customer record, `customers.app_edited`, of the sheet fields (keys of `headers.FIELDS`:
`notes`, `onboarding`, `sales_owner`, ...) edited in the app since an import last wrote them. Every app
edit (detail dialog, batch action) adds the fields it changed; an import removes a field when it writes
it (the user chose "sheet wins") or when the sheet already holds the app's value. A re-import keeps an
app-edited field whose sheet value differs and reports it as a conflict with both values.

Why not the audit trail: telling an app edit from an import's own write needs every customer's latest
audit rows per field, a query over the whole trail at each import (millions of rows at 100k customers).
The column is read in the scan the import already makes of the customers, is exact (it is written in
the same transaction as the edit), and costs nothing when nobody edited anything (NULL).
"""

from __future__ import annotations

from collections.abc import Iterable

from .import_store import COLUMN_FIELD

# Edited attribute (or audited owner list) -> the sheet field it belongs to.
EDIT_FIELD: dict[str, str] = {
    **COLUMN_FIELD,
    "sales_owner_ids": "sales_owner", "ops_owner_ids": "ops_owner",
    "sales_owners": "sales_owner", "ops_owners": "ops_owner",
}
SEPARATOR = ","


def parse(text: str | None) -> frozenset[str]:
    return frozenset(f for f in (text or "").split(SEPARATOR) if f)


def render(fields: Iterable[str]) -> str | None:
    return SEPARATOR.join(sorted(set(fields))) or None


def sheet_fields(edited: Iterable[str]) -> set[str]:
    """The sheet fields of these edited attributes (attributes no sheet column sets are left out)."""
    return {EDIT_FIELD[name] for name in edited if name in EDIT_FIELD}


def marked(current: str | None, edited: Iterable[str]) -> str | None:
    """`app_edited` after an app edit of these attributes."""
    return render(parse(current) | sheet_fields(edited))
