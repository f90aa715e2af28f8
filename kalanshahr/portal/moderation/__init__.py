"""Pre-moderation of comments: one pipeline for the web, the API and the management commands.

    verdict = judge(text, topic=Topic(article_text))
    verdict.decision  → "publish" | "review" | "reject"
    verdict.reasons   → a tuple from insult, accusation, not_persian, off_topic, spam

Verdicts by confidence (docs/moderation.md). `reject` only on unambiguous evidence:
* an insult with no everyday sense, or an everyday word (کثافت، گاو، عوضی) aimed at a person or body (analyzer.py);
* a comment that is not Persian (language.py);
* spam: a flood, two links or numbers, or one with an offer or chatter (spam.py).
Everything uncertain goes to `review` with its reason: an everyday-sense insult word said of things, an
accusation, a comment off the article's topic (relevance.py), a commercial offer, one link or number.
A comment is never rejected only because it contains a word with an innocent everyday sense.
"""

from dataclasses import dataclass
from functools import lru_cache

from persian_text_guard import ProfanityFilter, WordList

from kalanshahr.lib.lexicon import persian_key
from kalanshahr.lib.persian import normalize

from . import words
from .analyzer import analyze, evasive, vocabulary
from .language import language
from .relevance import Topic
from .spam import LINK, spam

__all__ = ["judge", "language", "Topic", "Verdict", "PUBLISH", "REVIEW", "REJECT", "REASONS"]

PUBLISH, REVIEW, REJECT = "publish", "review", "reject"
INSULT, ACCUSATION, NOT_PERSIAN, OFF_TOPIC, SPAM = "insult", "accusation", "not_persian", "off_topic", "spam"
REASONS = (INSULT, ACCUSATION, NOT_PERSIAN, OFF_TOPIC, SPAM)

# Set phrases that contain a listed word yet insult nobody.
INNOCENT_PHRASES = ("کن فیکون", "کون فیکون")


@dataclass(frozen=True)
class Verdict:
    decision: str
    reasons: tuple = ()


@lru_cache(maxsize=1)
def _guard():
    """persian-text-guard over its bundled list and our STRONG words: it reads through digits and look-alike
    characters inside a word, mixed scripts and leetspeak, which the analyzer leaves to it."""
    return ProfanityFilter(WordList.persian_default() + WordList.parse("[insult]\n" + "\n".join(words.STRONG.split())))


def _disguised_insult(text):
    """What the guard finds in text that shows a disguise the analyzer does not undo, less our DUAL words."""
    if not evasive(text):
        return False
    classes = vocabulary()[0]
    return any(classes.get(persian_key(match.word.text)) != "dual" for match in _guard().find_matches(text))


def judge(text, topic=None):
    text = text or ""
    clean = normalize(text)
    for phrase in INNOCENT_PHRASES:
        clean = clean.replace(phrase, " ")
    if not clean.strip():
        return Verdict(REJECT, (NOT_PERSIAN,))
    links = LINK.findall(clean)
    plain = LINK.sub(" ", clean) if links else clean
    findings = analyze(plain, topic.stems if topic is not None else frozenset())
    reasons = []
    insult = bool(findings.strong or findings.aimed) or _disguised_insult(plain)
    if insult or findings.unaimed:  # said of things, in no company that shows the everyday sense
        reasons.append(INSULT)
    foreign = language(LINK.sub(" ", text) if links else text) != "fa"
    if foreign:
        reasons.append(NOT_PERSIAN)
    found = spam(clean, findings.keys, links)
    off_topic = topic is not None and not foreign and topic.off_topic(plain)
    if found.signals or found.flood or found.commercial or found.promotion:
        reasons.append(SPAM)
    if findings.accusation:
        reasons.append(ACCUSATION)
    if off_topic or found.commercial:
        reasons.append(OFF_TOPIC)
    spam_certain = found.flood or found.signals >= 2 or found.promotion or (
        found.signals and (found.commercial or off_topic))
    if insult or foreign or spam_certain:
        decision = REJECT
    elif reasons:
        decision = REVIEW
    else:
        decision = PUBLISH
    return Verdict(decision, tuple(reasons))
