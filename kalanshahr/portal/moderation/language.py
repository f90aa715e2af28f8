"""Is a comment Persian? 'fa', or the reason it is not ('ar', 'ur', 'ku', 'az', 'latin', 'other', 'none').

Run on the text as typed (NFC), before lib.persian folds Arabic ي/ك into Persian letters: those letters, Urdu's
and Kurdish's own letters, and Arabic function words are the evidence. In order:
* no letters at all (emoji, punctuation) → 'none'; letters of another script (Cyrillic, Greek...) → 'other';
* Latin letters: a comment with no Persian-script word, or one whose Latin words outnumber its Persian ones three
  to one, is not Persian (English, Finglish, Turkish, Azerbaijani in Latin letters). A Persian comment with a few
  English words («مرسی، great job», «PDF مصوبه‌ها») is Persian;
* Urdu's or Kurdish's own letters → 'ur' / 'ku'; two words only Azerbaijani has → 'az'. Words both languages
  share with Persian (بو، ده، دی، دا) are no evidence;
* Persian evidence (پ چ ژ گ, Persian ی/ک, common Persian words, words the Persian frequency list knows better than
  the Arabic one) against Arabic evidence (ة ى أ إ ؤ, Arabic function words, «ال» words Persian does not borrow,
  words the Arabic list knows far better). Only text with no clear answer goes to lingua, loaded for Persian,
  Arabic and Urdu alone.
"""

import re
import unicodedata
from functools import lru_cache

from kalanshahr.lib import lexicon
from kalanshahr.lib.lexicon import persian_key

from . import words

_WORD = re.compile(r"[^\W\d_]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0259]+")
_PERSIAN_ONLY_FORMS = frozenset("یک")


@lru_cache(maxsize=1)
def _lingua():
    """Only Persian, Arabic and Urdu are loaded (about 25 MB); never every language lingua knows."""
    from lingua import Language, LanguageDetectorBuilder

    return (LanguageDetectorBuilder.from_languages(Language.PERSIAN, Language.ARABIC, Language.URDU)
            .with_low_accuracy_mode().build())


def _as_persian(word):
    return word.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک")


def _frequency_votes(arabic_words):
    """(Persian, Arabic) votes from the two frequency lists: a word each list knows far better than the other."""
    persian = arabic = 0
    for word in arabic_words:
        fa = lexicon.zipf(persian_key(word))
        ar = max(lexicon.arabic_zipf(word), lexicon.arabic_zipf(word.replace("ی", "ي").replace("ک", "ك")))
        if fa >= ar + 1:
            persian += 1
        elif ar >= fa + 1.5:
            arabic += 1
    return persian, arabic


def language(text):
    raw = unicodedata.normalize("NFC", text)
    letters_words = _WORD.findall(raw)
    if not letters_words:
        return "none"
    arabic_words = [word for word in letters_words if _ARABIC_SCRIPT.fullmatch(word)]
    latin_words = [word for word in letters_words if _LATIN.fullmatch(word)]
    if not arabic_words:
        return "latin" if latin_words else "other"
    if len(latin_words) >= 3 * len(arabic_words) and len(latin_words) >= 3:
        return "latin"
    letters = set(raw)
    if letters & words.URDU_LETTERS:
        return "ur"
    if letters & words.KURDISH_LETTERS:
        return "ku"
    folded = [_as_persian(word) for word in arabic_words]
    if sum(word in words.AZERBAIJANI_WORDS or word.endswith(("دیر", "دیرلر")) for word in folded) >= 2:
        return "az"
    persian = (len(letters & words.PERSIAN_LETTERS) + bool(letters & _PERSIAN_ONLY_FORMS)
               + sum(word in words.PERSIAN_WORDS for word in folded))
    arabic = (sum(raw.count(letter) for letter in words.ARABIC_LETTERS)
              + sum(word in words.ARABIC_WORDS for word in arabic_words)
              + sum(word.startswith("ال") and _as_persian(word) not in words.AL_WORDS_IN_PERSIAN
                    for word in arabic_words))
    if arabic or persian < 2:
        # The letters and the common words do not settle it: ask the two frequency lists, word by word.
        fa_votes, ar_votes = _frequency_votes(arabic_words)
        persian, arabic = persian + fa_votes, arabic + ar_votes
    if persian and (arabic == 0 or persian >= 2 * arabic):
        return "fa"
    if arabic and not persian:
        return "ar"
    if not arabic and not persian and len(arabic_words) < 3:
        # A word or two with no evidence either way («بی‌شعورا», «اهمق»): lingua guesses badly on so little
        # (PERSIAN.md), and on a Persian site Persian is the likelier answer.
        return "fa"
    from lingua import Language

    return {Language.PERSIAN: "fa", Language.URDU: "ur"}.get(_lingua().detect_language_of(raw), "ar")
