"""SQLite's name search through the bigram table is driven by the text's rarest bigram, ranked once per
search: the pages of one search do not rank again, and a ranking that later writes outdated still finds
exactly the matching names. (PostgreSQL reads its bigram table for two-character texts only: one bigram,
nothing to rank.)"""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, update

from opcms_desktop.models import Customer
from opcms_desktop.services.customers import search
from opcms_desktop.services.customers.query import CustomerQuery, customer_ids, first_customer_page


@pytest.fixture
def fresh_rankings(backend):
    if backend != "sqlite":
        pytest.skip("PostgreSQL ranks nothing: its bigram table answers two-character texts only")
    search.RARITY.forget()
    yield
    search.RARITY.forget()


@pytest.fixture
def rankings(session):
    """The ranking statements the session runs (each counts some bigrams' rows, nothing else)."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, _params, _context, _many):
        if "customer_name_bigrams" in statement and " customers" not in statement:
            seen.append(statement)

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def test_the_pages_of_one_search_rank_its_bigrams_once(session, make, sales, fresh_rankings, rankings):
    for n in range(12):
        make.customer(f"北京置业{n}号", company_id=70_000 + n, sales=sales)
    query = CustomerQuery(search="京置业")
    first = first_customer_page(session, sales, query, 5)
    assert len(rankings) == 1 and first.total == 12
    later = customer_ids(session, sales, query, 5, 5) + customer_ids(session, sales, query, 10, 5)
    assert len(rankings) == 1 and len(later) == 7
    customer_ids(session, sales, CustomerQuery(search="北京置"), 0, 5)  # another text: ranked on its own
    assert len(rankings) == 2


def test_a_ranking_older_than_its_lifetime_is_made_again(session, make, sales, fresh_rankings, rankings,
                                                         monkeypatch):
    make.customer("北京置业", company_id=70_100, sales=sales)
    customer_ids(session, sales, CustomerQuery(search="京置业"), 0, 5)
    monkeypatch.setattr(search, "RARITY_LIFETIME", 0.0)
    customer_ids(session, sales, CustomerQuery(search="京置业"), 0, 5)
    assert len(rankings) == 2


def test_an_outdated_ranking_still_finds_exactly_the_matches(session, make, sales, fresh_rankings):
    """The ranking picks the driving bigram only: after writes turn the rarest bigram into the commonest,
    the remembered order still gives every match and nothing else."""
    rare = [make.customer(f"甲乙{n}", company_id=70_200 + n, sales=sales) for n in range(3)]
    for n in range(30):
        make.customer(f"乙丙{n}", company_id=70_300 + n, sales=sales)
    assert search.RARITY.ranked(session, ["乙丙", "甲乙"]) == ["甲乙", "乙丙"]
    assert customer_ids(session, sales, CustomerQuery(search="甲乙丙"), 0, 100) == []
    session.execute(update(Customer).where(Customer.company_id >= 70_300).values(name=Customer.name + "甲乙"))
    session.execute(update(Customer).where(Customer.id == rare[1].id).values(name="甲乙丙"))
    for n in range(40):
        make.customer(f"甲乙丙丁{n}", company_id=70_400 + n, sales=sales)
    assert search.RARITY.ranked(session, ["乙丙", "甲乙"]) == ["甲乙", "乙丙"]  # remembered: now the commoner first
    wanted = sorted(c for c, name in session.execute(select(Customer.company_id, Customer.name)) if "甲乙丙" in name)
    found = customer_ids(session, sales, CustomerQuery(search="甲乙丙", sort="company_id"), 0, 1000)
    assert [session.get(Customer, i).company_id for i in found] == wanted and len(wanted) == 41
