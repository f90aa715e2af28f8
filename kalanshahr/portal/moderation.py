"""Pre-moderation of comments: one pipeline for the web, the API and `manage.py moderate_comments`.

    verdict = judge(text, topic=Topic(article_text))
    verdict.decision  → "publish" | "review" | "reject"
    verdict.reasons   → a tuple from insult, accusation, not_persian, off_topic, spam

The policy (docs/moderation.md), in order of weight:
* insult (name-calling: persian-text-guard's list plus ours in wordlists.py) → reject;
* not Persian (Arabic, Urdu, Kurdish, Azerbaijani, English, Finglish…) → reject;
* spam: a flood of repeats, or several links or phone numbers → reject; one link or number → review;
* accusation (words charging someone with wrongdoing) → review: a list cannot tell it from fair criticism;
* off topic (little in common with the article) → review; short replies are never judged off topic.
Text is normalized first (lib.persian: ZWSP, ZWJ, diacritics, tatweel, Arabic ي/ك, repeated letters), and
persian-text-guard also reads through spaced-out letters, ZWNJ inside words and look-alike characters.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from persian_text_guard import ProfanityFilter, WordCategory, WordList, WordMatchMode

from kalanshahr.lib.persian import ascii_digits, fold, normalize

from . import wordlists

PUBLISH, REVIEW, REJECT = "publish", "review", "reject"
INSULT, ACCUSATION, NOT_PERSIAN, OFF_TOPIC, SPAM = "insult", "accusation", "not_persian", "off_topic", "spam"
REASONS = (INSULT, ACCUSATION, NOT_PERSIAN, OFF_TOPIC, SPAM)
REJECTING = {INSULT, NOT_PERSIAN}

# Below this share of the comment's content words found in the article, a comment is off topic; a word is
# found when at least WORD_MATCH of its letter trigrams are.
RELEVANCE_THRESHOLD = 0.2
WORD_MATCH = 0.6
# Comments with fewer content words than this are never judged off topic («موافقم», «ممنون از گزارش»).
RELEVANCE_MIN_WORDS = 5


@dataclass(frozen=True)
class Verdict:
    decision: str
    reasons: tuple = ()


@lru_cache(maxsize=1)
def _filter():
    """persian-text-guard over its own list, our insults and our accusations, in one scan."""
    return ProfanityFilter(_filter_words())


_ZWNJ = "\u200c"
_SCREEN_FOLD = str.maketrans({_ZWNJ: None, "آ": "ا", "ة": "ه", "ۀ": "ه"})
_DOUBLED = re.compile(r"(\w)\1+")
SUFFIXES = ("ها", "های", "هایی", "ان", "ی", "ای", "ات", "تر", "ترین", "ش", "م", "ت", "مان", "تان", "شان", "اند", "ید")


@lru_cache(maxsize=1)
def _screen():
    """The listed entries folded as `_word_reasons` folds text: ({word: reason}, the spellings that only
    may be a listed word (with a Persian suffix, or with doubled letters undone), and the entries matched
    anywhere: ({first word: phrases}, {first letter: stems}))."""
    whole, suspects, patterns = {}, set(), []
    for entry in _filter_words():
        form = normalize(entry.text).lower().translate(_SCREEN_FOLD)
        if " " in form or entry.mode == WordMatchMode.ANYWHERE:
            patterns.append(form)
            continue
        # An insult outranks an accusation when one spelling is both.
        if whole.get(form) != INSULT:
            whole[form] = ACCUSATION if entry.category == WordCategory.UNCATEGORIZED else INSULT
        suspects.add(_DOUBLED.sub(r"\1", form))
        suspects.update(form + suffix for suffix in SUFFIXES)
    suspects -= set(whole)
    phrases, stems = {}, {}
    for form in patterns:
        words = form.split()
        if len(words) > 1:
            # A phrase with a listed word in it is already caught by that word.
            if not any(word in whole or word in suspects for word in words):
                phrases.setdefault(words[0], []).append(form)
        else:
            stems.setdefault(form[0], []).append(form)
    return whole, frozenset(suspects), (phrases, stems)


def _filter_words():
    return (WordList.persian_default() + WordList.parse(wordlists.INSULTS)
            + WordList.parse("[uncategorized]\n" + "\n".join(wordlists.ACCUSATIONS)))


# What persian-text-guard reads through and a plain word lookup would not: letters spaced out, split by
# punctuation or digits, mixed scripts, and characters outside the usual Persian and Latin ranges
# (look-alikes). Text showing none of these is checked by word lookup alone.
_EVASION = re.compile(
    r"(?<!\S)[^\W\d_]\s+[^\W\d_](?!\S)"                     # single letters in a row: «ا ح م ق»
    r"|[^\W\d_][^\w\s\u200c]+[^\W\d_]"                    # punctuation inside a word: «ک.ی.ر»
    r"|[^\W\d_]\d|\d[^\W\d_]"                              # digits inside a word
    r"|[\u0600-\u06ff][A-Za-z]|[A-Za-z][\u0600-\u06ff]"       # scripts mixed inside a word
)
# A character outside ordinary Persian and Latin text (look-alike letters from other scripts, enclosed or
# mathematical letters, symbols) is a possible disguise.
_UNUSUAL = re.compile(r"[^\u0000-\u024f\u0600-\u06ff\u200c\u200d\u2000-\u206f\s]")


def _evasive(text):
    """Letters spaced out («ا ح م ق»), split by punctuation or digits, scripts mixed, or unusual characters."""
    return bool(_UNUSUAL.search(text) or _EVASION.search(text))


def _has_stem(folded, spaced, tokens, anywhere):
    """Whether a listed phrase or stem occurs; only those starting with a word or letter of the text are
    looked for."""
    phrases, stems = anywhere
    for word in tokens & phrases.keys():
        if any(phrase in spaced for phrase in phrases[word]):
            return True
    for letter in set(folded) & stems.keys():
        if any(stem in folded or stem in spaced for stem in stems[letter]):
            return True
    return False


def _word_reasons(clean, unlinked=None):
    """{insult, accusation} in the text. Plain text is settled by looking its words up in the lists; text
    that shows an evasion, a listed stem or phrase, or what may be a listed word with a suffix or with
    doubled letters («احمق‌ها», «احمقق», but also the innocent «خرید») gets persian-text-guard's full scan,
    which knows the difference."""
    clean = _without_innocent_phrases(clean)
    whole, suspects, stems = _screen()
    lower = clean.lower()
    folded = lower.replace(_ZWNJ, "").replace("آ", "ا").replace("ة", "ه").replace("ۀ", "ه")
    spaced = lower.replace(_ZWNJ, " ")
    tokens = set(_TOKEN.findall(folded)) | set(_TOKEN.findall(spaced))
    collapsed = set(_TOKEN.findall(_DOUBLED.sub(r"\1", folded)))
    unlinked = _LINK.sub(" ", clean) if unlinked is None else unlinked
    undoubled = collapsed - tokens  # words that had a doubled letter: «احمقق»
    if (_evasive(unlinked) or not suspects.isdisjoint(tokens) or not suspects.isdisjoint(undoubled)
            or not whole.keys().isdisjoint(undoubled)
            or _has_stem(folded, spaced, tokens, stems)):
        return {ACCUSATION if match.word.category == WordCategory.UNCATEGORIZED else INSULT
                for match in _filter().find_matches(clean)}
    return {whole[token] for token in tokens if token in whole}


@lru_cache(maxsize=1)
def _lingua():
    """Only Persian, Arabic and Urdu are loaded (about 25 MB); never every language lingua knows."""
    from lingua import Language, LanguageDetectorBuilder

    return (LanguageDetectorBuilder.from_languages(Language.PERSIAN, Language.ARABIC, Language.URDU)
            .with_low_accuracy_mode().build())


# --- language ------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\w+")
_ARABIC_RUNS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_LATIN_RUNS = re.compile(r"[A-Za-z\u00c0-\u024f\u0259]+")
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
PERSIAN_WORDS = frozenset(("است را که این برای می نمی های ها شد شده کرد کردن باید نیست هست خیلی ممنون موافقم مخالفم "
                           "شهرداری شهر ما ما را از به با در و هم اما ولی چرا چه کنید کنند می‌شود نمی‌شود سپاس تشکر "
                           "عالی بود خوب بد").split())
AL_WORDS_IN_PERSIAN = frozenset("الان البته الگو الکترونیک الکترونیکی الزام الزامی الهام التماس الماس الکی".split())
ARABIC_WORDS = frozenset(word.translate(_FOLD) for word in wordlists.ARABIC_WORDS)
AZERBAIJANI_WORDS = frozenset(word.translate(_FOLD) for word in wordlists.AZERBAIJANI_WORDS)
# Persian's own yeh and keheh: Arabic writes ي and ك.
PERSIAN_ONLY_FORMS = frozenset("یک")


def language(text):
    """'fa', or the reason it is not Persian ('ar', 'ur', 'ku', 'az', 'latin', 'none').

    Run on the text as typed (NFC), before lib.persian folds Arabic ي/ك into Persian letters: those letters,
    Urdu's and Kurdish's own letters, and Arabic function words are the evidence. Only text that gives no
    clear answer goes to lingua, loaded for Persian, Arabic and Urdu alone.
    """
    raw = unicodedata.normalize("NFC", text)
    arabic_script = sum(map(len, _ARABIC_RUNS.findall(raw)))
    latin = sum(map(len, _LATIN_RUNS.findall(raw)))
    if latin > arabic_script:
        return "latin"  # English, Finglish, Azerbaijani or Kurmanji in Latin letters
    if arabic_script == 0:
        return "none"
    letters = set(raw)
    if letters & wordlists.URDU_LETTERS:
        return "ur"
    if letters & wordlists.KURDISH_LETTERS:
        return "ku"
    words = _WORD.findall(raw.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک"))
    if sum(word in AZERBAIJANI_WORDS for word in words) >= 2:
        return "az"
    persian = (len(letters & wordlists.PERSIAN_LETTERS) + bool(letters & PERSIAN_ONLY_FORMS)
               + sum(word in PERSIAN_WORDS for word in words))
    arabic = (sum(raw.count(letter) for letter in wordlists.ARABIC_LETTERS)
              + sum(word in ARABIC_WORDS for word in words)
              + sum(word.startswith("ال") and word not in AL_WORDS_IN_PERSIAN for word in words))
    if persian and (arabic == 0 or persian >= 2 * arabic):
        return "fa"
    if arabic and not persian:
        return "ar"
    from lingua import Language

    return {Language.PERSIAN: "fa", Language.URDU: "ur"}.get(_lingua().detect_language_of(raw), "ar")


# --- spam ------------------------------------------------------------------------------------------

_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:ir|com|net|org|info|xyz|me|io)\b", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+98|0098|\b0)?9\d{2}[\s-]?\d{3}[\s-]?\d{4}\b|\b\d{8,}\b")
_CHARACTER_FLOOD = re.compile(r"(\S)\1{5,}")


def _spam_weight(clean, links=None):
    """0 none, 1 worth a look (one link or number), 2 spam (several, or a flood of repeats)."""
    links = _LINK.findall(clean) if links is None else links
    signals = len(links) + len(_PHONE.findall(ascii_digits(clean)))
    words = clean.split()
    repeated = bool(_CHARACTER_FLOOD.search(clean)) or (
        len(words) >= 6 and Counter(words).most_common(1)[0][1] * 2 > len(words))
    if repeated or signals >= 2:
        return 2
    return signals


# --- relevance ------------------------------------------------------------------------------------

def _content_words(clean):
    """The words of normalized text that say something about its topic."""
    return [word for word in _TOKEN.findall(fold(clean)) if word not in wordlists.STOPWORDS and len(word) > 1]


@lru_cache(maxsize=50_000)
def _word_trigrams(word):
    padded = f" {word} "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def _trigrams(words):
    grams = set()
    for word in words:
        grams |= _word_trigrams(word)
    return grams


class Topic:
    """An article's letter trigrams, computed once and used for every comment on it. A reply is judged
    against the article and the comment it answers (`with_reply_to`)."""

    def __init__(self, text, trigrams=None):
        self.trigrams = trigrams if trigrams is not None else _trigrams(_content_words(normalize(text or "")))

    def with_reply_to(self, text):
        return Topic(None, self.trigrams | _trigrams(_content_words(normalize(text or ""))))

    def relevance(self, clean):
        """The share of the comment's content words that the article shares (most of a word's trigrams found
        in the article, so «شاخص‌ها» matches «شاخص»), or None when the comment is too short to judge."""
        words = _content_words(clean)
        if not self.trigrams or len(words) < RELEVANCE_MIN_WORDS:
            return None
        shared = 0
        for word in words:
            grams = _word_trigrams(word)
            shared += len(grams & self.trigrams) >= WORD_MATCH * len(grams)
        return shared / len(words)


# --- the pipeline ---------------------------------------------------------------------------------

def _without_innocent_phrases(clean):
    """Set phrases that contain a listed word yet insult nobody («کن فیکون»), blanked before the insult check."""
    for phrase in wordlists.INNOCENT_PHRASES:
        clean = clean.replace(phrase, " ")
    return clean


def judge(text, topic=None):
    text = text or ""
    clean = normalize(text)
    if not clean:
        return Verdict(REJECT, (NOT_PERSIAN,))
    reasons = []
    # Links are spam's business; the other checks look at the text without them.
    links = _LINK.findall(clean)
    found = _word_reasons(clean, _LINK.sub(" ", clean) if links else clean)
    if INSULT in found:
        reasons.append(INSULT)
    if language(_LINK.sub(" ", text) if links else text) != "fa":
        reasons.append(NOT_PERSIAN)
    spam = _spam_weight(clean, links)
    if spam:
        reasons.append(SPAM)
    if ACCUSATION in found:
        reasons.append(ACCUSATION)
    if topic is not None:
        score = topic.relevance(clean)
        if score is not None and score < RELEVANCE_THRESHOLD:
            reasons.append(OFF_TOPIC)
    if REJECTING & set(reasons) or spam == 2:
        decision = REJECT
    elif reasons:
        decision = REVIEW
    else:
        decision = PUBLISH
    return Verdict(decision, tuple(reasons))
