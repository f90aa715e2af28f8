"""A light Persian stemmer for search and for telling topics apart: plural, possessive and comparative endings.

    stem("شهرداریهای") == "شهرداری"     stem("معاونان") == "معاون"      stem("بزرگترین") == "بزرگ"
    stem("مصوبهها") == "مصوبه"          stem("نمایندگان") == "نماینده"   stem("تهران") == "تهران"

It works on search keys (lib.lexicon.persian_key: folded, ZWNJ removed). An ending that is often part of the word
itself («تنها», «تهران», «دولت», «بهترین») is only taken off when what remains is a word the frequency list knows
and the whole form is rarer than that word: «معاونان» (3.9) is rarer than «معاون» (5.0), «تنها» (6.1) is not
rarer than «تن». Both the index and the query go through the same function, so a wrong cut costs little: both
sides make it.
"""

from functools import lru_cache

from . import lexicon

# (ending, what replaces it, shortest stem left). Longest first within each kind; one ending of each kind.
_PLURAL_AND_POSSESSIVE = (
    ("هایشان", "", 2), ("هایتان", "", 2), ("هایمان", "", 2), ("هایش", "", 2), ("هایت", "", 2), ("هایم", "", 2),
    ("هایی", "", 2), ("های", "", 2), ("ها", "", 2),
    ("گان", "ه", 3),                 # نمایندگان → نماینده
    ("ات", "ه", 3), ("ات", "", 3),   # مصوبات → مصوبه; تحقیقات → تحقیق
    ("ان", "", 3), ("ین", "", 3),    # معاونان, مسئولین
    ("ای", "", 3),                   # مصوبه‌ای
)
_COMPARATIVE = (("ترین", "", 3), ("تر", "", 3))


def _cut(word, endings):
    for ending, replacement, shortest in endings:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)] + replacement
        if len(stem) < shortest:
            continue
        known = lexicon.zipf(stem)
        if known and lexicon.zipf(word) < known:
            return stem
        if not known and ending.startswith("ها") and len(stem) >= 3:
            # A plural of a word the list does not know («مصوبه‌ها» of a rare term): «ها» is still a plural.
            return stem
    return None


@lru_cache(maxsize=100_000)
def stem(word):
    """The stem of one search key (no spaces); the word itself when no ending comes off."""
    if len(word) < 4 or not word.isalpha():
        return word
    current = word
    for endings in (_PLURAL_AND_POSSESSIVE, _COMPARATIVE):
        cut = _cut(current, endings)
        if cut:
            current = cut
    return current
