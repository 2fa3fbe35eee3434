"""SQLite's index for name substring search: each customer's name cut into its distinct 2-character pieces.

`customer_name_bigrams (bigram, customer_id)` holds one row per distinct bigram of lower(name) (SQLite's
lower() folds ASCII only, as its LIKE ignores ASCII case only). Triggers on `customers` keep it current on
every INSERT, UPDATE of id/name and DELETE, whoever writes (ORM, Core bulk import, raw SQL); migration 0017
creates it and fills it. A search text of two characters is answered by the index alone (a name contains
it exactly when the name has that bigram); a longer one takes the customers having all of its bigrams,
the rarest first, and the exact test on the name keeps the true matches (services/customers/search.py).
PostgreSQL has a GIN index on the same bigrams (migration 0016) and, for a sales user's search, a table of
the same shape kept by statement triggers under row-level security (migration 0021).
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, Text

TABLE_NAME = "customer_name_bigrams"
# Not a model: services/platform/db.py's UNMODELLED_TABLES keeps it out of the schema comparison.
BIGRAMS = Table(TABLE_NAME, MetaData(), Column("bigram", Text, primary_key=True),
                Column("customer_id", Integer, primary_key=True))

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# The triggers migration 0017 creates on customers (SQL kept in the migration).
TRIGGERS = ("customers_name_bigrams_insert", "customers_name_bigrams_update", "customers_name_bigrams_delete")


def fold(text: str) -> str:
    """Upper-case ASCII letters to lower case, nothing else: what SQLite's lower() does."""
    return text.translate(_ASCII_LOWER)


def bigrams(text: str) -> list[str]:
    """The distinct bigrams of fold(text), as the triggers cut a name."""
    folded = fold(text)
    return sorted({folded[i:i + 2] for i in range(len(folded) - 1)})
