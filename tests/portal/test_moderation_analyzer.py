"""The moderation analyzer on its own: readings of Persian word forms, misspellings by sound, disguises undone,
and whether an everyday-sense word is aimed at someone."""

import pytest

from kalanshahr.lib.persian import normalize
from kalanshahr.portal.moderation.analyzer import analyze, read_token, sound_key, tokens_of


@pytest.mark.parametrize("word,base,endings", [
    ("احمق", "احمق", ()),
    ("احمقه", "احمق", ("ه",)),            # colloquial «is»
    ("کودنا", "کودن", ("ا",)),            # colloquial plural
    ("عوضین", "عوضی", ("ن",)),            # «they are»
    ("احمقید", "احمق", ("ید",)),          # «you are»
    ("گوساله‌ان", "گوساله", ("ان",)),
    ("احمق‌ها", "احمق", ("ها",)),
    ("بی‌شعورا", "بیشعور", ("ا",)),
    ("مدیرای", "مدیر", ("ای",)),
    ("دزدند", "دزد", ("ند",)),
])
def test_a_word_is_read_as_its_base_and_endings(word, base, endings):
    token = read_token(normalize(word))
    assert (token.base, token.endings) == (base, endings)


@pytest.mark.parametrize("word", ["خرید", "خرما", "خرداد", "خرسند", "دزدگیر", "گاوصندوق", "کرم", "تهران", "دولت"])
def test_a_common_word_is_not_read_as_a_listed_base_with_an_ending(word):
    """«خرید» may still be «you are donkeys» («maybe»): that reading counts only when said of «همه‌تون», «شما»."""
    assert read_token(word).kind in ("", "target", "maybe")
    assert not analyze(f"شهرداری {word} را بررسی کند").unaimed


@pytest.mark.parametrize("misspelt,base", [("احمغ", "احمق"), ("اهمق", "احمق"), ("بیشئور", "بیشعور")])
def test_misspellings_by_sound_are_read_as_the_word(misspelt, base):
    token = read_token(normalize(misspelt))
    assert sound_key(token.base) == sound_key(base) and token.kind == "strong"


def test_misspellings_by_sound_are_tried_only_for_forms_the_language_does_not_know():
    assert read_token("صبر").kind == ""  # «صبر» (patience) folds like nothing listed, and is a word anyway


@pytest.mark.parametrize("text,joined", [
    ("ا ح م ق", "احمق"), ("ا.ح.م.ق.ه.ا", "احمقها"), ("اح.مق", "احمق"), ("اح مق", "احمق"), ("بی شعور", "بیشعور"),
])
def test_disguises_are_undone(text, joined):
    assert joined in [token.key for token in tokens_of(normalize(text))]


def test_words_apart_that_are_both_words_stay_apart():
    assert [token.key for token in tokens_of("کار خوب")] == ["کار", "خوب"]


@pytest.mark.parametrize("text", [
    "مدیر عوضی", "شهردار الاغ", "یه مشت گوساله", "ای الاغ", "رئیس سازمان عوضیه", "اعضای شورا گاوهایی هستند",
    "مدیران این شرکت مثل گاو فقط می‌خورند", "این شهردار یک گوساله‌ی واقعی است", "الاااغ",
    "مسئولان شهرداری از حیوان هم بدترند",
])
def test_an_everyday_word_aimed_at_a_person_or_body(text):
    findings = analyze(normalize(text))
    assert findings.aimed and not findings.unaimed, findings


@pytest.mark.parametrize("text,everyday", [
    ("جوی آب کوچه‌ی ما پر از کثافت و لجن شده", True),
    ("یک سگ زخمی کنار خیابان است", True),
    ("یه گله گوسفند از بزرگراه رد شد", True),
    ("شماره را عوضی چاپ کرده‌اید", True),
    ("کثافتا فقط حقوق میگیرن", False),
])
def test_an_everyday_word_said_of_things(text, everyday):
    findings = analyze(normalize(text))
    assert not findings.aimed and not findings.strong
    assert bool(findings.everyday) is everyday and bool(findings.unaimed) is not everyday


def test_the_article_shows_an_everyday_sense_only_through_that_senses_own_words():
    from kalanshahr.lib.stemmer import stem

    about_dogs = frozenset(stem(word) for word in ("سگ", "پناهگاه"))
    about_parks = frozenset(stem(word) for word in ("پارک", "بوستان"))
    assert analyze(normalize("سگ‌ها را نکشید"), about_dogs).everyday
    assert analyze(normalize("کثافتا دارن شهرو خراب میکنن"), about_parks).unaimed


def test_a_strong_word_insults_whatever_it_is_said_of_and_accusations_are_found_in_any_form():
    assert analyze(normalize("این تصمیم مال یک احمق است")).strong
    assert analyze(normalize("مدیرا دزدن")).accusation
    assert analyze(normalize("پول را بالا کشیدند")).accusation
    assert not analyze(normalize("این تصمیم احمقانه بود")).strong  # said of a decision: fair criticism
