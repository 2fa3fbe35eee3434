"""Sheet labels of 行业类型 / 所属ERP / 合作状态 -> dictionary entries (admin-editable; DOMAIN.md section 2).

A label the dictionary lacks becomes a new entry (no status code) with a warning on each row using it,
so no customer loses its value: a customer's 合作状态 is its entry (`coop_status_id`, shown and filtered
by label) plus the entry's normalised meaning (`coop_status`, empty until an admin sets one); an admin can rename, merge or give it a code later. A dry run only
pretends (negative stand-in ids).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..platform.messages import Message, msg
from .cells import label_key
from .headers import FIELD_BY_KEY
from .import_store import StoreState, create_dictionary_entries
from .parse import ParsedRow

DICTIONARY_FIELDS = (("industry", "industry", "industry_id"), ("erp", "erp", "erp_id"),
                     ("coop_status", "coop_status", "coop_status_id"))  # (sheet key, dictionary kind, column)


def resolve_dictionaries(session: Session, rows: list[ParsedRow], state: StoreState, present: set[str],
                          dry_run: bool, earlier: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], int]:
    """Dictionary labels -> entry ids / status codes; unknown labels become new entries (with a warning).

    `earlier`: (kind, label key) of the entries earlier batches of the same import added (their rows warn
    too); this call adds its own. Returns the new entries, (kind, label) -> id (negative stand-ins in a dry run)."""
    earlier = set() if earlier is None else earlier
    fields = [f for f in DICTIONARY_FIELDS if f[0] in present]
    labels: dict[tuple[str, str], set[str]] = {(key, kind): set() for key, kind, _ in fields}
    for row in rows:
        if not row.rejected:
            for key, kind, _ in fields:
                label = row.extras.get(key)
                if label is not None:
                    labels[(key, kind)].add(label)
    unknown: dict[tuple[str, str], str] = {}
    for (_, kind), found in labels.items():
        for label in sorted(found):
            if state.dictionary.get(kind, label) is None:
                unknown.setdefault((kind, label_key(label)), label)
    pairs = [(kind, label) for (kind, _), label in unknown.items()]
    ids = ({pair: -(len(earlier) + n + 1) for n, pair in enumerate(pairs)} if dry_run
           else create_dictionary_entries(session, pairs))
    earlier.update(unknown)
    for (kind, label), entry_id in ids.items():
        state.dictionary.add(kind, label, entry_id)
    # Per distinct label: the column value and the warning it brings.
    answers: dict[tuple[str, str], tuple[Any, Message | None]] = {}
    for (key, kind), found in labels.items():
        header = FIELD_BY_KEY[key].header
        for label in found:
            entry = state.dictionary.get(kind, label)
            assert entry is not None
            # 合作状态: the entry itself (so a value without a meaning still shows) and its meaning (code).
            value = (entry[0], entry[1]) if kind == "coop_status" else entry[0]
            warning = None
            if (kind, label_key(label)) in earlier:
                warning = (msg("customers.import.status_added", column=header, label=label) if kind == "coop_status"
                           else msg("customers.import.dictionary_added", column=header, label=label))
            elif kind == "coop_status" and entry[1] is None:
                warning = msg("customers.import.status_without_code", column=header, label=label)
            answers[(key, label)] = (value, warning)
    for row in rows:
        if row.rejected:
            continue
        for key, _, column in fields:
            label = row.extras.get(key)
            if label is None:
                row.values[column] = None
                if key == "coop_status":
                    row.values["coop_status"] = None
                continue
            value, warning = answers[(key, label)]
            if key == "coop_status":
                row.values[column], row.values["coop_status"] = value
            else:
                row.values[column] = value
            if warning:
                row.warnings.append((key, None, warning))
    return ids
