"""Every screen in English: no Chinese but data (see screen_language.py)."""

from .screen_language import foreign_texts, shot_texts


def test_english_screens_show_no_chinese_but_data():
    wrong = foreign_texts(shot_texts("en"), "en")
    assert not wrong, f"{len(wrong)} Chinese texts on English screens:\n" + "\n".join(wrong)
