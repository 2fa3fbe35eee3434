"""Every screen in Chinese (the shipped default): no English sentence but data (see screen_language.py)."""

from .screen_language import foreign_texts, shot_texts


def test_chinese_screens_show_no_english_sentence_but_data():
    wrong = foreign_texts(shot_texts("zh_CN"), "zh_CN")
    assert not wrong, f"{len(wrong)} English texts on Chinese screens:\n" + "\n".join(wrong)
