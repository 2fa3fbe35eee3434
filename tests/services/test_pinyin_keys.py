import unicodedata

import pytest
from pypinyin import lazy_pinyin

from opcms_desktop.services.customers.pinyin import name_keys

from ..shared_data import REAL_SHEET  # noqa: E402


@pytest.mark.parametrize("name, initials, full", [
    ("我爱我家", "wawj", "woaiwojia"),
    ("365淘房", "365tf", "365taofang"),
    ("重庆银行", "cqyh", "chongqingyinhang"),
    ("ew", "ew", "ew"),
    (" 北京 链家 ", "bjlj", "beijinglianjia"),
    ("乙地产（新）", "ydcx", "yidichanxin"),
    ("abc@X.com 公司", "abcxcomgs", "abcxcomgongsi"),
    ("", "", ""),
])
def test_name_keys(name, initials, full):
    assert name_keys(name) == (initials, full)


def test_keys_fit_their_columns():
    initials, full = name_keys("长" * 300)
    assert len(initials) == 200 and len(full) == 800


@pytest.mark.skipif(not REAL_SHEET.exists(), reason="the real customer sheet is not here")
def test_same_pinyin_as_pypinyin_for_every_real_name():
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(REAL_SHEET)).get_sheet_by_index(0).to_python()
    for row in rows[1:]:
        name = str(row[1])
        expected = "".join(ch for ch in "".join(lazy_pinyin(name)).lower() if ch.isalnum())
        assert name_keys(name)[1] == unicodedata.normalize("NFKC", expected), name
