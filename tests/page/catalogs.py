"""The page's message catalogs (static/i18n/) as the i18n tests read them: the catalogs, the Latin words
in a text, and the words only the English catalog has (none may show on the Chinese page)."""

import functools
import re

from tests.harness import catalog

# A word: Latin letters, with dots, dashes and underscores inside (manifest.json, exported_model); parts of
# options and URL parameters (--models, ?model=) are not words.
WORD = re.compile(r"(?<![\w\-.?=/])[A-Za-z][\w.\-]*[A-Za-z0-9]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def words(text):
    return {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


def catalog_words(lang):
    return set().union(*(words(v) for v in catalog(lang).values()))


@functools.cache
def english_only():
    """Words the English catalog has and the Chinese one does not: none may show on the Chinese page."""
    return catalog_words("en") - catalog_words("zh-CN")
