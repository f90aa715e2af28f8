"""How common a word is in Persian (and in Arabic), from the word lists of the `wordfreq` package.

The lists are read from where pip installed the package, never copied into the project. Only the data file is
read: importing wordfreq itself costs one to two seconds (it loads regex, ftfy and langcodes); reading the Persian
list through our normalizer costs about 0.4 s and 11 MB, once per process (docs/performance.md). Frequencies are on the Zipf scale: 7 for «و», about 5 for «شهرداری», 3 for a word seen
once in a million, 0 for a word the list does not have.

The lists are built from subtitles, Wikipedia, news and the web (wordfreq's README), so they know colloquial forms
as well as written ones. Keys are put through `lib.persian` the way our text is (`persian_key`), so a lookup never
depends on which yeh, kaf or ZWNJ the writer typed.
"""

import gzip
import importlib.util
import os
from functools import lru_cache

import msgpack

from .persian import ZWNJ, fold, normalize

def _data_file(name):
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The wordfreq package is not installed (requirements/base.txt pins it).")
    return os.path.join(spec.submodule_search_locations[0], "data", name)


def _read_buckets(language):
    """wordfreq's "cB" format: a header, then bucket i holds the words whose frequency is 10 ** (-i / 100)."""
    with gzip.open(_data_file(f"small_{language}.msgpack.gz")) as handle:
        header, *buckets = msgpack.load(handle, raw=False)
    if header.get("format") != "cB":
        raise RuntimeError(f"Unexpected wordfreq data format: {header!r}")
    for index, words in enumerate(buckets):
        for word in words:
            yield word, round(9 - (index + 1) / 100, 2)


@lru_cache(maxsize=200_000)
def persian_key(word):
    """The form words are looked up in: normalized, folded (lib.persian.fold), ZWNJ and spaces removed."""
    return fold(normalize(word)).replace(" ", "").replace(ZWNJ, "")


def persian_keys(text):
    """The keys of the whitespace-separated words of `text`, as a set."""
    return frozenset(persian_key(word) for word in text.split())


def phrase_key(phrase):
    """The keys of a phrase's words, in order: («خاک», «بر», «سر»)."""
    return tuple(persian_key(word) for word in phrase.split())


@lru_cache(maxsize=1)
def _persian():
    table = {}
    for word, zipf in _read_buckets("fa"):
        key = persian_key(word)
        if zipf > table.get(key, 0):
            table[key] = zipf
    return table


@lru_cache(maxsize=1)
def _arabic():
    """Arabic words as Arabic writes them (ي, ك, ة kept): those letters are evidence of the language."""
    return dict(_read_buckets("ar"))


def zipf(key):
    """How common a Persian word is; `key` must already be a `persian_key`. 0 when the list does not know it."""
    return _persian().get(key, 0.0)


def arabic_zipf(word):
    """How common a word is in Arabic, spelled as typed."""
    return _arabic().get(word, 0.0)


def is_word(key, at_least=2.5):
    """Whether the list knows `key` as a Persian word of some currency."""
    return _persian().get(key, 0.0) >= at_least
