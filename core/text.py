"""Search keys: the form of a text that searches compare, so a search forgives.

Traditional and Simplified Chinese match each other (张伟 finds 張偉 and the reverse),
full-width letters and digits match their ordinary forms, spaces are ignored ("林 美玲"
finds 林美玲) and case does not matter. A model stores the key of a searched column beside
it (``Customer.name_key``) and a search compares the key of the term with it, so nothing
is converted per row at query time.

The conversion uses OpenCC's dictionaries (the ``opencc`` package): Traditional is turned
into Simplified, which merges the variants that one Simplified character stands for (發
and 髮 both become 发), the direction in which a search should forgive.
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


def search_key(text):
    """The search key of ``text``: NFKC (full-width → ordinary), no whitespace, case-folded,
    in Simplified characters. ``""`` for an empty or blank text."""
    if not text:
        return ""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", str(text))).casefold()
    if not text:
        return ""
    return _converter().convert(text)


@functools.lru_cache(maxsize=1024)
def to_simplified(text):
    """``text`` in Simplified characters (OpenCC, Traditional → Simplified)."""
    return _converter().convert(text) if text else text


def name_in_language(name, name_en=""):
    """A name of reference data (a team, a grade) for the active language: the English name
    in English when one is given, the Chinese name in Simplified characters in Simplified
    Chinese, else as entered."""
    from django.utils.translation import get_language

    language = (get_language() or "").lower()
    if language.startswith("en"):
        return name_en or name
    if language in ("zh-hans", "zh-cn", "zh-sg"):
        return to_simplified(name)
    return name
