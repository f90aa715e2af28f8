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
from dataclasses import dataclass
from functools import lru_cache

from persian_text_guard import ProfanityFilter, WordList

from kalanshahr.lib.persian import ascii_digits, normalize, search_key

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
RELEVANCE_MIN_WORDS = 4


@dataclass(frozen=True)
class Verdict:
    decision: str
    reasons: tuple = ()


@lru_cache(maxsize=1)
def _insults():
    return ProfanityFilter(WordList.persian_default() + WordList.parse(wordlists.INSULTS))


@lru_cache(maxsize=1)
def _accusations():
    return ProfanityFilter(WordList.parse("[uncategorized]\n" + "\n".join(wordlists.ACCUSATIONS)))


@lru_cache(maxsize=1)
def _lingua():
    """Only Persian, Arabic and Urdu are loaded (about 25 MB); never every language lingua knows."""
    from lingua import Language, LanguageDetectorBuilder

    return (LanguageDetectorBuilder.from_languages(Language.PERSIAN, Language.ARABIC, Language.URDU)
            .with_low_accuracy_mode().build())


# --- language ------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0259]")
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
    arabic_script = len(_ARABIC_SCRIPT.findall(raw))
    latin = len(_LATIN.findall(raw))
    if latin > arabic_script:
        return "latin"  # English, Finglish, Azerbaijani or Kurmanji in Latin letters
    if arabic_script == 0:
        return "none"
    letters = set(raw)
    if letters & wordlists.URDU_LETTERS:
        return "ur"
    if letters & wordlists.KURDISH_LETTERS:
        return "ku"
    words = [word.translate(_FOLD) for word in _WORD.findall(raw)]
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


def _spam_weight(clean):
    """0 none, 1 worth a look (one link or number), 2 spam (several, or a flood of repeats)."""
    digits = ascii_digits(clean)
    signals = len(_LINK.findall(clean)) + len(_PHONE.findall(digits))
    words = clean.split()
    repeated = bool(_CHARACTER_FLOOD.search(clean)) or (
        len(words) >= 6 and max(words.count(word) for word in set(words)) * 2 > len(words))
    if repeated or signals >= 2:
        return 2
    return signals


# --- relevance ------------------------------------------------------------------------------------

def _content_words(text):
    return [word for word in search_key(text).split() if word not in wordlists.STOPWORDS and len(word) > 1]


def _trigrams(words):
    grams = set()
    for word in words:
        padded = f" {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


class Topic:
    """An article's letter trigrams, computed once and used for every comment on it."""

    def __init__(self, text):
        self.trigrams = _trigrams(_content_words(text or ""))

    def relevance(self, clean):
        """The share of the comment's content words that the article shares (most of a word's trigrams found
        in the article, so «شاخص‌ها» matches «شاخص»), or None when the comment is too short to judge."""
        words = _content_words(clean)
        if not self.trigrams or len(words) < RELEVANCE_MIN_WORDS:
            return None
        shared = 0
        for word in words:
            grams = _trigrams([word])
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
    if _insults().contains_profanity(_without_innocent_phrases(clean)):
        reasons.append(INSULT)
    if language(_LINK.sub(" ", text)) != "fa":
        reasons.append(NOT_PERSIAN)
    spam = _spam_weight(clean)
    if spam:
        reasons.append(SPAM)
    if _accusations().contains_profanity(clean):
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
