from decimal import Decimal

import pytest

from kalanshahr.lib.persian import ZWNJ, ascii_digits, normalize, parse_number, persian_digits, search_forms, search_key


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("علي", "علی"),                                # Arabic yeh
        ("كتاب", "کتاب"),                              # Arabic kaf
        ("مصطفى", "مصطفی"),                            # alef maksura
        ("شَهرداری", "شهرداری"),                        # diacritics
        ("شهـــرداری", "شهرداری"),                      # tatweel
        ("ک\u200bی\u200dر", "کیر"),                     # ZWSP and ZWJ hide words from filters
        ("\u202bسلام\u202c", "سلام"),                   # bidi controls
        ("\ufeffسلام", "سلام"),                         # BOM
        ("خیلییییی خوب", "خیلی خوب"),                   # letter runs
        ("۱۱۱۱۱", "۱۱۱۱۱"),                             # but never digit runs
        ("می رود", f"می{ZWNJ}رود"),
        ("نمی دانم", f"نمی{ZWNJ}دانم"),
        ("شهرداری ها", f"شهرداری{ZWNJ}ها"),
        ("کتاب های خوب", f"کتاب{ZWNJ}های خوب"),
        (f"شهرداری{ZWNJ}{ZWNJ}ها", f"شهرداری{ZWNJ}ها"),  # repeated ZWNJ
        (f"شهرداری {ZWNJ}ها", f"شهرداری{ZWNJ}ها"),        # ZWNJ next to a space
        (f"{ZWNJ}سلام{ZWNJ}", "سلام"),
        ("  چند   فاصله  ", "چند فاصله"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_is_idempotent():
    text = "شهرداري هاي كلانشهر  می رود ۱۴۰۱"
    assert normalize(normalize(text)) == normalize(text)


def test_normalize_keeps_meaningful_text_and_lines():
    assert normalize("مصوبه‌ی شماره ۳\nبند دوم") == "مصوبه‌ی شماره ۳\nبند دوم"


def test_search_key_folds_every_variant_of_a_word_to_one_key():
    variants = [f"شهرداری{ZWNJ}ها", "شهرداری ها", "شهرداري ها", "شهرداری\u200b ها"]
    assert len({search_key(v) for v in variants}) == 1


def test_search_key_folds_alef_teh_marbuta_and_digits():
    assert search_key("آب") == search_key("اب")
    assert search_key("مدرسة") == search_key("مدرسه")
    assert search_key("۱۴۰۱") == search_key("١٤٠١") == "1401"


def test_search_forms_give_spaced_and_joined_forms():
    assert search_forms(f"شهرداری{ZWNJ}ها") == ("شهرداری ها", "شهرداریها")


def test_digits():
    assert ascii_digits("۱۴۰۱/٠٨") == "1401/08"
    assert persian_digits(2022) == "۲۰۲۲"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("۱۲٬۵۰۰", Decimal("12500")),
        ("١٢,٥٠٠", Decimal("12500")),
        ("12،500", Decimal("12500")),
        ("۳٫۵", Decimal("3.5")),
        ("۲/۵", Decimal("2.5")),
        ("-7", Decimal("-7")),
        (" 42 ", Decimal("42")),
    ],
)
def test_parse_number(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "۱۲a", "1.2.3", "--1"])
def test_parse_number_rejects_in_the_active_language(raw):
    from django.utils import translation

    with pytest.raises(ValueError) as error:
        parse_number(raw)
    with translation.override("fa"):
        assert "عدد معتبری نیست" in str(error.value) and "number" not in str(error.value)
    with translation.override("en"):
        assert "is not a valid number" in str(error.value) and "عدد" not in str(error.value)
