"""Search keys for customer names: pinyin initials and full pinyin (我爱我家 -> 'wawj', 'woaiwojia').

pypinyin converts a whole name in about 125 µs, too slow for a 100k-row import. The name is cut into
the same words pypinyin would cut it into, and each word's pinyin is cached: company names share most
of their words (北京, 房地产, 有限公司), so a large import converts each word once. The result equals
`lazy_pinyin(name)` (checked against the real customer sheet by the tests).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import lazy_pinyin
from pypinyin.constants import RE_HANS
from pypinyin.seg.simpleseg import seg

INITIALS_MAX = 200  # customers.name_initials
PINYIN_MAX = 800  # customers.name_pinyin

# pypinyin's own class of characters that have a reading (RE_HANS is `^(?:[...])+$`).
_HANS_CLASS = RE_HANS.pattern[RE_HANS.pattern.index("["):RE_HANS.pattern.rindex("]") + 1]
_HANS = re.compile(_HANS_CLASS)
_RUNS = re.compile(f"{_HANS_CLASS}+|(?:(?!{_HANS_CLASS}).)+", re.DOTALL)


def _alnum(text: str) -> str:
    """Letters and digits only, lower case, full-width folded (as customer_labels.search_key folds typing)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


@functools.lru_cache(maxsize=200_000)
def _word_keys(word: str) -> tuple[str, str]:
    """(initials, full pinyin) of one segment: a Chinese word, or a run of other characters kept as is."""
    if not _HANS.search(word):
        plain = _alnum(word)
        return plain, plain
    syllables = lazy_pinyin(word)
    # Characters pypinyin has no reading for come back unchanged: keep them whole.
    initials = [s if not (s.isascii() and s.isalpha()) else s[:1] for s in syllables]
    return _alnum("".join(initials)), _alnum("".join(syllables))


@functools.lru_cache(maxsize=200_000)
def _run_keys(run: str) -> tuple[str, str]:
    """Keys of a run of Chinese (or of other) characters, from its words; runs repeat across names."""
    initials: list[str] = []
    full: list[str] = []
    for word in seg(run):
        a, b = _word_keys(word)
        initials.append(a)
        full.append(b)
    return "".join(initials), "".join(full)


def name_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a customer name: lower-case letters and digits only."""
    initials: list[str] = []
    full: list[str] = []
    # pypinyin cuts a text into runs of Chinese / other characters before it looks for words.
    for run in _RUNS.findall(name or ""):
        if _HANS.match(run):
            a, b = _run_keys(run)
        else:
            a = b = _alnum(run)
        initials.append(a)
        full.append(b)
    return "".join(initials)[:INITIALS_MAX], "".join(full)[:PINYIN_MAX]


def name_initials(name: str) -> str:
    return name_keys(name)[0]


def name_pinyin(name: str) -> str:
    return name_keys(name)[1]
