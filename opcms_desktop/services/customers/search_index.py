"""SQLite's index for name substring search: each customer's name cut into its distinct 2-character pieces.

`customer_name_bigrams (bigram, customer_id)` holds one row per distinct bigram of lower(name) (SQLite's
lower() folds ASCII only, as its LIKE ignores ASCII case only). Triggers on `customers` keep it current on
every INSERT, UPDATE of id/name and DELETE, whoever writes (ORM, Core bulk import, raw SQL); migration 0017
creates it and fills it. A search text of two characters is answered by the index alone (a name contains
it exactly when the name has that bigram); a longer one takes the customers having all of its bigrams,
the rarest first, and the exact test on the name keeps the true matches. PostgreSQL has its own GIN index
on the same bigrams (migration 0016).
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Select, Table, Text, exists, func, literal, select
from sqlalchemy.orm import Session

TABLE_NAME = "customer_name_bigrams"
# Not a model (SQLite only): services/platform/db.py's UNMODELLED_TABLES keeps it out of the schema comparison.
BIGRAMS = Table(TABLE_NAME, MetaData(), Column("bigram", Text, primary_key=True),
                Column("customer_id", Integer, primary_key=True))

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
RARITY_PROBE = 5000  # bigrams are ranked by their count up to this many rows (enough to pick the rarest)

# The triggers migration 0017 creates on customers (SQL kept in the migration).
TRIGGERS = ("customers_name_bigrams_insert", "customers_name_bigrams_update", "customers_name_bigrams_delete")


def fold(text: str) -> str:
    """Upper-case ASCII letters to lower case, nothing else: what SQLite's lower() does."""
    return text.translate(_ASCII_LOWER)


def bigrams(text: str) -> list[str]:
    """The distinct bigrams of fold(text), as the triggers cut a name."""
    folded = fold(text)
    return sorted({folded[i:i + 2] for i in range(len(folded) - 1)})


def answers_alone(text: str) -> bool:
    """True when the index alone gives exactly the names containing `text` (two characters)."""
    return len(text) == 2


def candidate_ids(session: Session, text: str) -> Select:
    """Ids of the customers whose name has every bigram of `text` (2+ characters): the rarest bigram's
    rows, each checked for the others. Exactly the names containing `text` when it has two characters,
    a superset otherwise."""
    pieces = bigrams(text)
    if len(pieces) > 1:
        probes = [select(func.count()).select_from(
            select(literal(1)).where(BIGRAMS.c.bigram == piece).limit(RARITY_PROBE).subquery()).scalar_subquery()
            for piece in pieces]
        counts = session.execute(select(*probes)).one()
        pieces = [piece for _count, piece in sorted(zip(counts, pieces, strict=True))]
    first, *others = pieces
    driver = BIGRAMS.alias("driver")
    statement = select(driver.c.customer_id).where(driver.c.bigram == first)
    for piece in others:
        statement = statement.where(exists().where(BIGRAMS.c.bigram == piece,
                                                   BIGRAMS.c.customer_id == driver.c.customer_id))
    return statement


