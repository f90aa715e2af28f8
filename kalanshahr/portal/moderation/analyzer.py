"""A small Persian analyzer for moderation: which words of a comment are insults, accusations or people, in any
form they are written in.

    analyze(clean) -> Findings(strong, aimed, unaimed, accusation)

Steps, each for a reason:
1. Disguises undone: letters spaced or punctuated apart («ا ح م ق», «ا.ح.م.ق.ه.ا»), a word split in two by a
   space where neither half is a word («اح مق»), «بی شعور» written apart. lib.persian.normalize has already removed
   diacritics, tatweel, ZWJ, ZWSP and runs of one letter («الاااغ»).
2. Endings: a word is read as base + up to two endings: plural (ها، ان، ین، ا…), possessive (ش، تون، شون…),
   predicative, colloquial included (ـه «he is», ـن «they are», ـید «you are», ـند، ـاند، ـیه). A reading with
   endings is believed only where the frequency list (lib.lexicon) does not know the whole form as a more common
   word of its own: «خرید» (5.3) is a word, not «خر» + «ید»; «کودنه» (unknown) and «احمقه» (3.5, against 4.8
   for «احمق») are «کودن», «احمق» + «ه». A ZWNJ before the ending («احمق‌ها») settles it.
3. Misspellings by sound: ق/غ، ز/ذ/ض/ظ، س/ث/ص، ت/ط، ه/ح, and ع/ئ/ء left out («احمغ», «اهمق», «بیشئور»), tried only
   for a form the frequency list does not know, so no real word is read as another.
4. Aim: an insult with an everyday sense (DUAL) insults only when aimed at someone: next to a person or body
   («مدیر عوضی», «شهردار الاغ»), after «یه مشت»، «ای»، «تو»، «مثل», predicated of a person in its clause («رئیس
   سازمان عوضیه», «اعضای شورا گاوهایی هستند»), or standing alone as the whole comment («الاااغ»).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from persian_text_guard import WordList, WordMatchMode

from kalanshahr.lib import lexicon
from kalanshahr.lib.lexicon import persian_key, persian_keys, phrase_key
from kalanshahr.lib.stemmer import stem

from . import words

_LETTER = r"[^\W\d_]"
# Three or more single letters in a row, apart by spaces or punctuation: «ا ح م ق», «ک.ی.ر».
_SPACED_LETTERS = re.compile(rf"(?<!\w){_LETTER}(?:[\s.\-_*+/|,،]+{_LETTER}(?!\w)){{2,}}")
# Punctuation inside a word: «اح.مق».
_INNER_PUNCTUATION = re.compile(rf"(?<={_LETTER})[.\-_*+|]+(?={_LETTER})")
_TOKEN = re.compile(r"[\w\u200c]+")
_CLAUSE = re.compile(r"[.!?؟،,;؛:\n«»\"()]+")

_SOUND = str.maketrans({"غ": "ق", "ذ": "ز", "ض": "ز", "ظ": "ز", "ث": "س", "ص": "س", "ط": "ت", "ح": "ه",
                        "ع": None, "ئ": None, "ء": None})
_ENDINGS = tuple(sorted(set(words.PLURAL_ENDINGS + words.POSSESSIVE_ENDINGS + words.PREDICATIVE_ENDINGS
                            + words.ADJECTIVE_ENDINGS), key=len, reverse=True))
_PREDICATIVE = frozenset(words.PREDICATIVE_ENDINGS) - {"ی", "ای", "م", "یم"}
# A reading with endings is believed when the whole form is rarer than its base by this much on the Zipf scale.
_RARER_BY = 0.5


def sound_key(key):
    """A key with the letters people confuse by sound folded together."""
    return key.translate(_SOUND)


@lru_cache(maxsize=1)
def vocabulary():
    """{key: class} for every listed base form, and {sound key: class} for the misspelling look-up; classes are
    'strong', 'dual', 'accusation', 'target'. persian-text-guard's bundled list joins 'strong' (less our DUAL
    words, which its list holds as insults); its phrases and its stems matched inside words come back apart."""
    classes = {}
    for key in persian_keys(words.ACCUSATIONS):
        classes[key] = "accusation"
    for key in persian_keys(words.TARGETS) | persian_keys(words.POINTERS):
        classes.setdefault(key, "target")
    dual = persian_keys(words.DUAL)
    phrases, stems = set(), set()
    for entry in WordList.persian_default():
        key_words = phrase_key(entry.text)
        if entry.mode == WordMatchMode.ANYWHERE:
            stems.add("".join(key_words))
        elif len(key_words) > 1:
            phrases.add(key_words)
        elif key_words[0] not in dual:
            classes[key_words[0]] = "strong"
    for key in persian_keys(words.STRONG):
        classes[key] = "strong"
    for key in dual:
        classes[key] = "dual"
    by_sound = {}
    for key, kind in classes.items():
        if kind != "target" and len(key) >= 3:
            by_sound.setdefault(sound_key(key), kind)
    phrases |= {phrase_key(phrase) for phrase in words.STRONG_PHRASES}
    return classes, by_sound, _by_first_word(phrases), frozenset(stems)


@dataclass
class Token:
    text: str
    key: str
    kind: str = ""          # strong, dual, accusation, target, or maybe (a word that may also be an insult)
    base: str = ""
    endings: tuple = ()

    @property
    def predicative(self):
        return bool(self.endings) and self.endings[-1] in _PREDICATIVE


@dataclass
class Findings:
    strong: list = field(default_factory=list)      # insults with no innocent sense
    aimed: list = field(default_factory=list)       # everyday words aimed at someone
    unaimed: list = field(default_factory=list)     # everyday words said of no one we can tell, sense unclear
    everyday: list = field(default_factory=list)    # everyday words in company that shows their everyday sense
    keys: list = field(default_factory=list)        # every token's key, in order (for the spam checks)
    accusation: list = field(default_factory=list)


def _readings(key):
    """(base, endings) readings of a key, the whole word first; at most two endings."""
    yield key, ()
    for first in _ENDINGS:
        if key.endswith(first) and len(key) - len(first) >= 2:
            base = key[: -len(first)]
            yield base, (first,)
            for second in _ENDINGS:
                if base.endswith(second) and len(base) - len(second) >= 2:
                    yield base[: -len(second)], (second, first)


def read_token(text):
    """The token with the first reading that finds a listed word, or with none."""
    token = Token(text, persian_key(text))
    if not token.key:
        return token
    classes, by_sound, _phrases, _stems = vocabulary()
    explicit = "\u200c" in text  # a ZWNJ marks where the ending begins
    whole = lexicon.zipf(token.key)
    maybe = None
    for base, endings in _readings(token.key):
        kind = classes.get(base)
        if kind is None:
            continue
        if endings and not explicit and whole and whole > lexicon.zipf(base) - _RARER_BY:
            # The whole form is a word of its own («خرید», «کرم»), or both («نفهمید»: «you did not understand»
            # and «you are idiots»). Said of someone, the second reading is left to a moderator.
            if kind in ("strong", "dual") and endings[-1] in _PREDICATIVE and maybe is None:
                maybe = (base, endings)
            continue
        if len(base) < 3 and len(endings) > 1:
            continue  # two endings on a two-letter base is too easy a coincidence («کرتی»)
        token.kind, token.base, token.endings = kind, base, endings
        return token
    if maybe:
        token.kind, (token.base, token.endings) = "maybe", maybe
        return token
    if whole < 2.5:
        for base, endings in _readings(token.key):
            kind = by_sound.get(sound_key(base))
            if kind and len(base) >= 3 and not lexicon.is_word(base):
                token.kind, token.base, token.endings = kind, base, endings
                return token
    return token


@lru_cache(maxsize=20_000)
def _cached_read(text):
    token = read_token(text)
    return token.kind, token.base, token.endings


def tokens_of(clean):
    """The comment's tokens, disguises undone."""
    text = _SPACED_LETTERS.sub(lambda match: re.sub(r"[\s.\-_*+/|,،]+", "", match.group()), clean)
    text = _INNER_PUNCTUATION.sub("", text)
    out = []
    for word in _TOKEN.findall(text):
        kind, base, endings = _cached_read(word)
        out.append(Token(word, persian_key(word), kind, base, endings))
    return _join_split_words(out)


def _join_split_words(tokens):
    """«اح مق», «بی شعور»: two neighbours that are a listed word together, and are not both words apart."""
    out, index = [], 0
    while index < len(tokens):
        current = tokens[index]
        if index + 1 < len(tokens) and not current.kind:
            following = tokens[index + 1]
            apart = lexicon.is_word(current.key) and lexicon.is_word(following.key)
            if current.key in ("بی", "نا") or not apart:
                kind, base, endings = _cached_read(current.text + following.text)
                if kind in ("strong", "dual", "accusation"):
                    out.append(Token(current.text + following.text, persian_key(current.text + following.text),
                                     kind, base, endings))
                    index += 2
                    continue
        out.append(current)
        index += 1
    return out


def _by_first_word(phrases):
    """{first word: phrases starting with it}, so a token is checked only against the phrases it can begin."""
    table = {}
    for phrase in phrases:
        table.setdefault(phrase[0], []).append(phrase)
    return table


def _phrase_at(keys, index, phrases):
    """Whether a phrase of `phrases` ({first word: phrases}) starts at `index`; its last word may carry an ending
    («دروغ نوشته‌اند»)."""
    for phrase in phrases.get(keys[index], ()):
        found = keys[index:index + len(phrase)]
        if (len(found) == len(phrase) and tuple(found[:-1]) == phrase[:-1]
                and found[-1].startswith(phrase[-1])):
            return True
    return False


@lru_cache(maxsize=1)
def _senses():
    """{DUAL base: (the words of its everyday sense, the stems of the company that shows it)}."""
    table = {}
    for bases, company in words.EVERYDAY_SENSES:
        base_keys = persian_keys(bases)
        shown = frozenset(stem(persian_key(word)) for word in company.split())
        for base in base_keys:
            table[base] = (base_keys, shown | (base_keys - {base}))
    return table


def _everyday_sense(token, comment_stems, context):
    """Whether the comment shows the everyday sense of a DUAL word by its company, or the article is itself about
    that sense (it uses the word or one of its fellows: dogs in a comment on an article about stray animals). An
    article's other words do not count: a park in the article does not make «کثافتا» mean dirt."""
    bases, company = _senses().get(token.base, (frozenset(), frozenset()))
    return not company.isdisjoint(comment_stems) or not bases.isdisjoint(context)


_POINTER_PHRASES = tuple(phrase_key(phrase) for phrase in words.POINTER_PHRASES)
_POINTER_KEYS = persian_keys(words.POINTERS)
_NEEDS_TARGET = frozenset(persian_key(word) for word in words.POINTERS_NEEDING_A_TARGET)
_COPULAS = persian_keys(words.COPULAS)
_COMPARATIVE_PREDICATES = ("ترند", "ترید", "ترن", "تره", "ترین")
_ACCUSATION_PHRASES = _by_first_word(phrase_key(phrase) for phrase in words.ACCUSATION_PHRASES)


def _pointed(keys, index):
    """Whether a pointer phrase («یه مشت», «ای», «مثل») ends just before `index`."""
    for phrase in _POINTER_PHRASES:
        start = index - len(phrase)
        if start >= 0 and tuple(keys[start:index]) == phrase:
            return phrase
    return None


def _aimed(clause, index, alone):
    """Whether the everyday-sense insult at clause[index] is said of a person or body."""
    token = clause[index]
    keys = [t.key for t in clause]
    has_target = any(t.kind == "target" for t in clause)
    if alone:
        return True
    if index and clause[index - 1].kind == "target":
        return True  # «مدیر عوضی», «شهردار الاغ», «تو احمق»
    if index + 1 < len(clause) and clause[index + 1].kind == "target" and not clause[index + 1].endings:
        return True  # «الاغ شهردار»
    pointer = _pointed(keys, index)
    if pointer and (pointer[-1] not in _NEEDS_TARGET or has_target):
        return True  # «یه مشت گوساله», «ای الاغ», «مثل گاو» / «یک گوساله» (of someone named in the clause)
    if not has_target:
        return False
    if token.predicative:
        return True  # «رئیس سازمان عوضیه», «مسئولای شهرداری یه مشت گوساله‌ان»
    following = clause[index + 1:index + 4]
    return any(t.key in _COPULAS or t.key.endswith(_COMPARATIVE_PREDICATES) for t in following)
    # «اعضای شورا گاوهایی هستند», «از حیوان هم بدترند»


def analyze(clean, context=frozenset()):
    """Findings for a normalized comment; `context` is the article's stems (relevance.Topic.stems)."""
    findings = Findings()
    _classes, _by_sound, phrases, stems = vocabulary()
    clauses = [tokens_of(part) for part in _CLAUSE.split(clean)]
    clauses = [clause for clause in clauses if clause]
    count = sum(len(clause) for clause in clauses)
    joined = "".join(token.key for clause in clauses for token in clause)
    if any(stem in joined for stem in stems):
        findings.strong.append("stem")
    findings.keys = [token.key for clause in clauses for token in clause]
    stems = frozenset(stem(key) for key in findings.keys)
    for clause in clauses:
        keys = [token.key for token in clause]
        for index, token in enumerate(clause):
            if _phrase_at(keys, index, phrases):
                findings.strong.append(token.text)
            if _phrase_at(keys, index, _ACCUSATION_PHRASES):
                findings.accusation.append(token.text)
            if token.kind == "strong":
                findings.strong.append(token.text)
            elif token.kind == "accusation":
                findings.accusation.append(token.text)
            elif token.kind == "maybe":
                if any(t.key in _POINTER_KEYS for t in clause):  # «همه‌تون نفهمید», not «شهرداری ... خرید»
                    findings.unaimed.append(token.text)
            elif token.kind == "dual":
                if _aimed(clause, index, count == 1):
                    findings.aimed.append(token.text)
                elif _everyday_sense(token, stems, context):
                    findings.everyday.append(token.text)
                else:
                    findings.unaimed.append(token.text)
    return findings


# What persian-text-guard reads through and the analyzer does not: digits inside a word («ا7مق»), scripts mixed
# inside a word, and characters outside ordinary Persian and Latin text (look-alikes, enclosed letters).
_EVASION = re.compile(
    r"[^\W\d_]\d[^\W\d_]"
    r"|[\u0600-\u06ff][A-Za-z]|[A-Za-z][\u0600-\u06ff]"
    r"|[^\u0000-\u024f\u0600-\u06ff\u200c\u200d\u2000-\u206f\s\U0001f300-\U0001faff\u2600-\u27bf]"
)


def evasive(text):
    return bool(_EVASION.search(text))
