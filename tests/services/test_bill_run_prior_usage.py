"""The quotas' prior usage, read slim (prior_shoots), counts exactly the shoots read_usage counts."""

import datetime as dt
import random
from collections import Counter

from opcms_desktop.services.billing.usage_totals import prior_shoots, read_usage

from .billing_builders import add_monthly, add_orders


def _shoots(found) -> Counter:
    total: Counter = Counter()
    for cid, rows in found.items():
        for row in rows:
            total[(cid, row.day, row.series)] += row.single_shoots + row.multi_shoots
    return +total


def test_prior_shoots_counts_what_read_usage_counts(session, make):
    rnd = random.Random(7)
    customers = [make.customer(company_id=900 + i) for i in range(6)]
    for customer in customers:
        for _ in range(rnd.randint(0, 6)):
            add_orders(session, customer, dt.date(2025, 1, 1) + dt.timedelta(days=rnd.randint(0, 400)),
                       rnd.randint(1, 3), series=rnd.choice("XNL"), floors=rnd.choice([1, 1, 2, 4]),
                       area=rnd.choice([None, "12.5"]))
        for month in rnd.sample(range(1, 13), rnd.randint(0, 4)):
            add_monthly(session, customer, f"2025-{month:02d}", rnd.choice("XN"), single=rnd.randint(0, 50),
                        multi=rnd.randint(0, 5), floors=10)
    start, end = dt.date(2025, 1, 20), dt.date(2025, 12, 31)
    wanted = _shoots(read_usage(session, start, end))
    assert wanted and _shoots(prior_shoots(session, start, end)) == wanted
    only = lambda column: column == customers[0].id  # noqa: E731
    assert _shoots(prior_shoots(session, start, end, only)) == _shoots(read_usage(session, start, end, only))
