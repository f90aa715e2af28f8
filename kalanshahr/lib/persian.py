"""Persian text normalization: the one module used on input, on indexing and on queries.

Standard library only (see PERSIAN.md for why not hazm). Two levels:

* `normalize(text)` is for what we store and show: it fixes letters and invisible characters
  but keeps the text readable (ZWNJ stays where it belongs, digits stay as typed).
* `search_key(text)` is for indexes and queries: it also folds letters that people type
  interchangeably and puts digits in ASCII, so every variant of a word gives one key.
"""

import re
import unicodedata

ZWNJ = "\u200c"

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TO_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# Diacritics, tatweel, and the invisible characters that hide words from filters
# (ZWSP, ZWJ, BOM, and the bidi embedding/override/isolate controls).
_REMOVED = re.compile(
    "[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b\u200d\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_ZWNJ_RUNS = re.compile(ZWNJ + "{2,}")
_ZWNJ_AT_SPACE = re.compile(rf" {ZWNJ}+|{ZWNJ}+ ")
_ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
_LETTER_RUNS = re.compile(rf"([{_ARABIC_LETTER}])\1{{2,}}")
# «می رود» / «نمی رود» → «می‌رود»; «کتاب ها» / «کتاب های» → «کتاب‌ها». The verb must start with a letter.
_VERB_PREFIX = re.compile(rf"(?<![{_ARABIC_LETTER}])(ن?می) (?=[{_ARABIC_LETTER}])")
_PLURAL_SUFFIX = re.compile(rf"(?<=[{_ARABIC_LETTER}]) (ها|های|هایی|هایم|هایت|هایش|هایمان|هایتان|هایشان)(?![{_ARABIC_LETTER}])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

_NON_ASCII_DIGIT = re.compile("[۰-۹٠-٩]")

THOUSANDS_SEPARATORS = "٬,،"
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def normalize(text):
    """Canonical form of user text, for storing and showing."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    # A few str.replace calls beat str.translate, which looks every non-ASCII character up in a dict.
    text = text.replace("ي", "ی").replace("ى", "ی").replace("ے", "ی").replace("ك", "ک")
    text = _REMOVED.sub("", text)
    text = _ZWNJ_RUNS.sub(ZWNJ, text)
    text = _ZWNJ_AT_SPACE.sub(" ", text).strip(ZWNJ + " ")
    text = _SPACES.sub(" ", text)
    text = _LETTER_RUNS.sub(r"\1", text)
    text = _VERB_PREFIX.sub(r"\1" + ZWNJ, text)
    text = _PLURAL_SUFFIX.sub(ZWNJ + r"\1", text)
    return text.strip()


def search_key(text):
    """The folded form used for indexing and for queries; ZWNJ becomes a space."""
    return fold(normalize(text))


def fold(normalized):
    """search_key of text that is already normalized (spares a second normalization on hot paths)."""
    return fold_letters(normalized).replace(ZWNJ, " ")


def fold_letters(normalized):
    """fold() but for ZWNJ, which stays where it is."""
    text = (normalized.replace("ة", "ه").replace("ۀ", "ه").replace("آ", "ا").replace("أ", "ا").replace("إ", "ا")
            .replace("ؤ", "و"))
    if "ئ" in text or "ء" in text or "وو" in text:
        text = fold_hamza(text)
    return ascii_digits(text).lower()


# Hamza is written on different seats, or left out, in the same word: مسئله / مسأله / مساله, رئیس / رییس,
# مسئول / مسؤول / مسوول, سئوال / سؤال / سوال, پائیز / پاییز, مسائل / مسایل, هیئت / هیأت / هیات. Search keys
# keep one spelling: ئ before ی or after ا is ی; before و it is dropped (and وو is one و); elsewhere it is ا.
_HAMZA_AS_YEH = re.compile("ئ(?=ی)|(?<=ا)ئ")
_HAMZA_BEFORE_WAW = re.compile("ئ(?=و)")


def fold_hamza(text):
    text = _HAMZA_AS_YEH.sub("ی", text)
    text = _HAMZA_BEFORE_WAW.sub("", text)
    return text.replace("ئ", "ا").replace("ء", "").replace("وو", "و")


# «بزرگ ترین» and «بزرگ‌ترین» are one word to search: the comparative endings join the word before them.
_COMPARATIVE = re.compile(rf"(?<=[{_ARABIC_LETTER}]) (ترین|تر)(?![{_ARABIC_LETTER}])")


def search_forms(text):
    """Both forms to index: ZWNJ as a space and ZWNJ removed («شهرداری ها» and «شهرداریها»)."""
    text = fold_letters(_COMPARATIVE.sub(ZWNJ + r"\1", normalize(text)))
    return text.replace(ZWNJ, " "), text.replace(ZWNJ, "")


def ascii_digits(text):
    """Persian (۰–۹) and Arabic-Indic (٠–٩) digits to ASCII; nothing else changes."""
    return text.translate(_DIGITS) if _NON_ASCII_DIGIT.search(text) else text


def persian_digits(text):
    return str(text).translate(_TO_PERSIAN_DIGITS)


class BilingualValueError(ValueError):
    """A ValueError that can say what is wrong in Persian and in English: str() gives the active language's message
    (both, outside a configured Django), so a form or a page shows one language, never both."""

    def __init__(self, message_fa, message_en):
        super().__init__(message_fa, message_en)
        self.message_fa, self.message_en = message_fa, message_en

    def __str__(self):
        try:
            from django.core.exceptions import ImproperlyConfigured
            from django.utils import translation
        except ImportError:  # used outside Django (a script): say both
            return f"{self.message_fa} / {self.message_en}"
        try:
            language = translation.get_language()
        except ImproperlyConfigured:
            language = None
        if language is None:
            return f"{self.message_fa} / {self.message_en}"
        return self.message_en if language.startswith("en") else self.message_fa


def parse_number(text):
    """A decimal number typed in any digit script, with ٬ , or ، grouping thousands.

    Returns a `decimal.Decimal`; raises BilingualValueError.
    The Persian decimal separator «٫» and «/» between digits are read as a decimal point.
    """
    from decimal import Decimal

    raw = text
    text = ascii_digits(unicodedata.normalize("NFC", str(text))).strip()
    text = _REMOVED.sub("", text).replace(" ", "")
    for separator in THOUSANDS_SEPARATORS:
        text = text.replace(separator, "")
    text = text.replace("٫", ".")
    text = re.sub(r"(?<=\d)/(?=\d)", ".", text)
    if text.startswith("−"):
        text = "-" + text[1:]
    if not _NUMBER.match(text):
        raise BilingualValueError(f"«{raw}» عدد معتبری نیست.", f"“{raw}” is not a valid number.")
    return Decimal(text)


# --- Persian alphabetical order -------------------------------------------------------------------------------
# Code-point order puts ک (U+06A9), گ and ی after every Arabic letter: «قم، مشهد، همدان، کرج، کرمان». The
# alphabet's own order is kept as a key of fixed-width decimal ranks, which every database collation orders like
# its text, so one key column sorts the same on SQLite and PostgreSQL. Spaces and ZWNJ come first (a shorter name
# before its longer relatives), then digits in any script, then the letters (آ just before ا, hamza seats and
# Arabic forms with their letter), then Latin letters, then everything else by code point.
PERSIAN_ALPHABET = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_SORT_FOLDED = {"أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", "ي": "ی", "ى": "ی", "ے": "ی", "ك": "ک", "ة": "ه",
                "ۀ": "ه"}
_SORT_IGNORED = frozenset("ءًٌٍَُِّْٰ\u0640\u200d\u200e\u200f")
_SORT_WIDTH = 7  # 1000 + the highest code point fits
SORT_KEY_CHARS = 40  # names agreeing on their first 40 letters are ordered by what comes next in the query
SORT_KEY_LENGTH = _SORT_WIDTH * SORT_KEY_CHARS


def _sort_ranks():
    ranks = {" ": 1, ZWNJ: 1, "-": 2}
    for rank, digits in enumerate(zip("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"), start=10):
        ranks.update(dict.fromkeys(digits, rank))
    ranks["آ"] = 99
    ranks.update({letter: 100 + rank for rank, letter in enumerate(PERSIAN_ALPHABET)})
    ranks.update({letter: 200 + rank for rank, letter in enumerate("abcdefghijklmnopqrstuvwxyz")})
    for folded, letter in _SORT_FOLDED.items():
        ranks[folded] = ranks[letter]
    return ranks


_SORT_RANKS = _sort_ranks()


def sort_key(text):
    """A text key whose plain order is Persian alphabetical order: `sorted(names, key=sort_key)`, or stored in a
    column (network.models.PersianOrderedName) to order by in the database."""
    ranks = []
    for char in (text or "").lower():
        if char in _SORT_IGNORED:
            continue
        ranks.append(_SORT_RANKS.get(char, 1000 + ord(char)))
        if len(ranks) == SORT_KEY_CHARS:
            break
    return "".join(f"{rank:0{_SORT_WIDTH}d}" for rank in ranks)


def person_name(user):
    """How a person is named in lists: their full name, else their username."""
    return (user.get_full_name() or "").strip() or user.get_username()


def in_person_order(people, name=person_name):
    """People in Persian alphabetical order of their names (the database cannot order by a full name)."""
    return sorted(people, key=lambda person: sort_key(name(person)))
