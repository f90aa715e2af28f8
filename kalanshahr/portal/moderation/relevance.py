"""Is a comment about the news item? Words shared with the article (and with the comment replied to), weighed by
how rare they are in Persian, against chatter that has nothing to do with the city.

A word's weight is its rarity, 7 minus its Zipf frequency (lib.lexicon), between 0.5 and 5: «شهرداری» (5.1) weighs
1.9, «حسابرسی» (4.0) 3, a word the list does not know 5. Sharing «امروز» with the article says little; sharing
«حسابرسی» says a lot. Words are compared by stem (lib.stemmer), so «مصوبه‌ها» shares «مصوبه».

A comment's topic weight is the rarity of its words that the article (or the comment replied to) shares, or that
name the city's affairs (words.CIVIC), leaving out generic words (Zipf 5.5 and up: «بازی», «ساعت») and chatter
words themselves: «نرخ» in «نرخ دلار» tells nothing on an article about taxi fares. Its share is that weight over
the weight of all its content words. A comment is off topic when
* it talks chatter (sport, gold and currency, weather, cooking, entertainment, family wishes, gadgets: weights in
  words.CHATTER reach 1, or 0.7 in five content words or fewer), and its share is under a quarter or its chatter
  words outweigh its topic words; this decides short comments too («امشب بازی ایران و ژاپن ساعت چنده؟»);
* or it has five content words or more, names nothing of the city's affairs, and its share is under 10%.
Short comments that are neither («موافقم», «ممنون از گزارش», «پس کی؟») are never judged off topic.
"""

import re
from functools import lru_cache

from kalanshahr.lib import lexicon
from kalanshahr.lib.lexicon import persian_key
from kalanshahr.lib.persian import normalize
from kalanshahr.lib.stemmer import stem

from . import words

_TOKEN = re.compile(r"[^\W\d_][\w\u200c]*")
CHATTER_ENOUGH = 1.0
# A comment of a few words carries less chatter and is no less chatter: «قیمت سکه امروز چنده».
CHATTER_ENOUGH_SHORT = 0.7
SHORT_COMMENT_WORDS = 5
CHATTER_SHARE = 0.25
# A word as common as «بازی», «تیم» or «ساعت» says nothing about the topic: shared with the article, it adds nothing
# to the share and does not excuse chatter. A rarer chatter word the article has («مربی» of a sports hall) is no
# chatter.
GENERIC = 5.5
LONG_COMMENT_WORDS = 5
LONG_COMMENT_SHARE = 0.1


def _weighted(spec):
    table = {}
    for item in spec.split():
        word, weight = item.rsplit(":", 1)
        table[persian_key(word)] = float(weight)
    return table


_CHATTER = {}
for _subject in words.CHATTER.values():
    _CHATTER.update(_weighted(_subject))
_CIVIC = frozenset(stem(persian_key(word)) for word in words.CIVIC.split())
# Colloquial endings chatter words carry: «بارونیه», «برفیه», «گرونه».
_COLLOQUIAL_ENDINGS = ("یه", "ه", "ی", "ها", "ا")
_PAIRS = re.compile(r"\b(\w+) \1\b")  # «چند چند»
_STOP = frozenset(persian_key(word) for word in words.STOPWORDS)


# The ezafe and clitics written after a ZWNJ on a word ending in «ه»: «ایده‌ی», «ایده‌ام», «خانه‌اش».
_CLITIC_AFTER_HEH = re.compile("ه\u200c(?:ی|ای|ام|ات|اش)(?![\\w])")


def _verb(key):
    """Verb forms say little about a topic: «می‌شود», «نمی‌کنند», «کرده‌اید»."""
    return key.startswith(("می", "نمی")) and len(key) > 4 or key.endswith(("هاید", "هاند", "هایم"))


def content_keys(clean):
    """The keys of the content words of normalized text."""
    keys = (persian_key(word) for word in _TOKEN.findall(_CLITIC_AFTER_HEH.sub("ه", clean)))
    return [key for key in keys if len(key) > 1 and key not in _STOP and key.isalpha() and not _verb(key)]


def content_stems(clean):
    return [stem(key) for key in content_keys(clean)]


def _prefixes(stems):
    """Every prefix of four letters or more of the stems: «هوشمند» shares «هوشمندسازی»."""
    return frozenset(s[:end] for s in stems for end in range(4, len(s) + 1))


def rarity(stem_):
    return min(5.0, max(0.5, 7.0 - lexicon.zipf(stem_)))


def _chatter(key):
    if key in _CHATTER:
        return _CHATTER[key]
    for ending in _COLLOQUIAL_ENDINGS:
        if key.endswith(ending) and key[: -len(ending)] in _CHATTER:
            return _CHATTER[key[: -len(ending)]]
    return 0.0


class Topic:
    """An article's stems, computed once and used for every comment on it. A reply is judged against the article
    and the comment it answers (`with_reply_to`)."""

    def __init__(self, text, stems=None):
        self.stems = frozenset(stems if stems is not None else content_stems(normalize(text or "")))
        self._prefixes = _prefixes(self.stems)

    def shares(self, stem_):
        """Whether the article has the word, or one that begins with it or that it begins with (4 letters+)."""
        if stem_ in self.stems or stem_ in self._prefixes:
            return True
        return any(stem_[:end] in self.stems for end in range(4, len(stem_)))

    def with_reply_to(self, text):
        return Topic(None, self.stems | set(content_stems(normalize(text or ""))))

    def off_topic(self, clean):
        """Whether a normalized comment is off topic (see the module's docstring)."""
        words_ = [_word(key) for key in content_keys(clean)]
        if not words_ or not self.stems:
            return False
        total = topic = chatter_mass = chatter = 0.0
        civic = False
        for stem_, weight, chatter_weight, generic, city in words_:
            total += weight
            if chatter_weight:
                chatter += chatter_weight
                chatter_mass += weight
            elif not generic and (city or self.shares(stem_)):
                topic += weight
            civic = civic or (city and not chatter_weight)
        chatter += sum(_CHATTER.get(persian_key(word * 2), 0.0) for word in _PAIRS.findall(clean))
        share = topic / total
        enough = CHATTER_ENOUGH_SHORT if len(words_) <= SHORT_COMMENT_WORDS else CHATTER_ENOUGH
        if chatter >= enough and (share < CHATTER_SHARE or chatter_mass > topic):
            return True
        return not civic and len(words_) >= LONG_COMMENT_WORDS and share < LONG_COMMENT_SHARE


@lru_cache(maxsize=50_000)
def _word(key):
    """(stem, rarity, chatter weight, generic, a word of the city's affairs) of one content word."""
    stem_ = stem(key)
    return (stem_, rarity(stem_), _chatter(key) or _chatter(stem_), lexicon.zipf(stem_) >= GENERIC,
            stem_ in _CIVIC)
