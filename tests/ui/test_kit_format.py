"""The one money format every screen uses (ui/kit/format.py)."""

import datetime as dt
from decimal import Decimal

from opcms_desktop.ui.kit.format import area_text, count_text, local_time_text, money_text, rate_text, yuan


def test_money_text_rounds_half_up_with_thousands_separators():
    assert money_text(Decimal("12345.6")) == "12,345.60"
    assert money_text(Decimal("0.125")) == "0.13"  # half up, not banker's rounding (0.12)
    assert money_text(Decimal("2.675")) == "2.68"
    assert money_text(Decimal("-1234.565")) == "-1,234.57"
    assert money_text(None) == ""
    assert yuan(Decimal("1000")) == "¥1,000.00"


def test_other_texts():
    assert count_text(1234567) == "1,234,567"
    assert area_text(Decimal("1234.565")) == "1,234.57"
    assert rate_text(Decimal("0.1234")) == "12.3%"
    assert rate_text(None) == "—"
    assert local_time_text(None) == ""
    assert len(local_time_text(dt.datetime(2026, 1, 2, 3, 4))) == len("2026-01-02 03:04")
