"""Spam: links, handles and phone numbers, floods of one word, and commercial offers.

Long numbers («۸۵۰۰۰۰۰۰۰۰۰۰ ریال») and repeated punctuation («پس کی؟؟؟؟؟؟») are not spam: a phone number is an
Iranian mobile or landline number with its leading 0 (or +98), and a flood is one word repeated, not one character.
"""

import re
from collections import Counter
from dataclasses import dataclass

from kalanshahr.lib.lexicon import persian_keys, phrase_key
from kalanshahr.lib.persian import ascii_digits

from . import words

LINK = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+\.(?:ir|com|net|org|info|xyz|me|io|ly|co|app|link|site|online|shop|top|club)\b(?:/\S*)?"
    r"|(?<![\w@])@[A-Za-z][A-Za-z0-9_.]{2,}",
    re.IGNORECASE)
_PHONE = re.compile(r"(?<!\d)(?:(?:\+98|0098|0)9\d{2}[\s-]?\d{3}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8})(?!\d)")


_OFFER = persian_keys(words.OFFER)
_CONTACT = persian_keys(words.CONTACT)
_PROMOTION = persian_keys(words.PROMOTION)
_PROMOTION_PHRASES = tuple(" ".join(phrase_key(phrase)) for phrase in words.PROMOTION_PHRASES)
_CONTACT_PHRASES = tuple(" ".join(phrase_key(phrase)) for phrase in words.CONTACT_PHRASES)


@dataclass(frozen=True)
class Spam:
    signals: int = 0          # links, handles and phone numbers
    flood: bool = False       # one word repeated over half the comment
    commercial: bool = False  # an offer and a way to reach the seller
    promotion: bool = False   # a link, handle or number with a call to follow a channel or page


def spam(clean, keys, links):
    """`keys` are the comment's word keys (lib.lexicon.persian_key), `links` what LINK found in it."""
    signals = len(links) + len(_PHONE.findall(ascii_digits(clean)))
    words_ = clean.split()
    flood = len(words_) >= 6 and Counter(words_).most_common(1)[0][1] * 2 > len(words_)
    key_set = set(keys)
    spaced = " ".join(keys)
    contact = bool(signals) or not _CONTACT.isdisjoint(key_set) or any(phrase in spaced for phrase in _CONTACT_PHRASES)
    offer = not _OFFER.isdisjoint(key_set) or any(key.startswith(("فروش", "تخفیف")) for key in keys)
    # «call this number» alone is no promotion: a citizen may pass on the municipality's own number.
    promotion = bool(signals) and (not _PROMOTION.isdisjoint(key_set) or any(
        phrase in spaced for phrase in _PROMOTION_PHRASES))
    return Spam(signals, flood, contact and offer, promotion)
