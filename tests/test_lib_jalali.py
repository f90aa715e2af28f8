import datetime

import jdatetime
import pytest
from django.utils import timezone, translation

from kalanshahr.lib import jalali
from kalanshahr.lib.jalali import JalaliParseError, Period


def test_every_day_of_1300_to_1500_round_trips():
    """Jalali → Gregorian → Jalali is the identity for each of the ~73,000 days, and days are consecutive."""
    day = jdatetime.date(1300, 1, 1)
    gregorian = day.togregorian()
    count = 0
    while day.year <= 1500:
        assert jalali.to_gregorian(day.year, day.month, day.day) == gregorian
        back = jalali.to_jalali(gregorian)
        assert (back.year, back.month, back.day) == (day.year, day.month, day.day)
        day += datetime.timedelta(days=1)
        gregorian += datetime.timedelta(days=1)
        count += 1
    assert count == (jdatetime.date(1501, 1, 1).togregorian() - jdatetime.date(1300, 1, 1).togregorian()).days


def test_seed_date():
    assert jalali.parse_date("۱۴۰۱/۰۸/۰۹") == datetime.date(2022, 10, 31)
    assert jalali.parse_date("1401-8-9") == datetime.date(2022, 10, 31)
    assert jalali.parse_date("٢٠٢٢-١٠-٣١") == datetime.date(2022, 10, 31)


@pytest.mark.parametrize("text", ["1401/13/01", "1401/12/30", "abc", "1401/08", "0900/01/01"])
def test_parse_date_rejects_in_the_active_language(text):
    from django.utils import translation

    with pytest.raises(JalaliParseError) as error:
        jalali.parse_date(text)
    assert error.value.message_fa and error.value.message_en
    with translation.override("fa"):
        assert str(error.value) == error.value.message_fa
    with translation.override("en"):
        assert str(error.value) == error.value.message_en


def test_format_date_follows_the_language():
    day = datetime.date(2022, 10, 31)
    with translation.override("fa"):
        assert jalali.format_date(day) == "۹ آبان ۱۴۰۱"
        assert jalali.format_date(day, "short") == "۱۴۰۱/۰۸/۰۹"
    with translation.override("en"):
        assert jalali.format_date(day) == "31 October 2022"
        assert jalali.format_date(day, "short") == "2022-10-31"


def test_format_datetime_uses_local_time():
    # 21:00 UTC on 31 October is already 1 November (10 Aban) in Tehran.
    moment = datetime.datetime(2022, 10, 31, 21, 0, tzinfo=datetime.timezone.utc)
    with timezone.override("Asia/Tehran"), translation.override("fa"):
        assert jalali.format_datetime(moment) == "۱۰ آبان ۱۴۰۱، ساعت ۰۰:۳۰"


@pytest.mark.parametrize(
    "text, kind, year, number, key",
    [
        ("1401-08", "month", 1401, 8, "1401-08"),
        ("۱۴۰۱/۰۸", "month", 1401, 8, "1401-08"),
        ("1401/8", "month", 1401, 8, "1401-08"),
        ("1401Q3", "quarter", 1401, 3, "1401Q3"),
        ("۱۴۰۱q۳", "quarter", 1401, 3, "1401Q3"),
        ("1401", "year", 1401, 1, "1401"),
        ("١٤٠١", "year", 1401, 1, "1401"),
    ],
)
def test_period_parse(text, kind, year, number, key):
    period = Period.parse(text)
    assert (period.kind, period.year, period.number, period.key) == (kind, year, number, key)
    assert Period.parse(period.key) == period


@pytest.mark.parametrize("text", ["1401-13", "1401Q5", "14010", "", "1401-00", "آبان"])
def test_period_parse_rejects(text):
    with pytest.raises(JalaliParseError):
        Period.parse(text)


def test_period_bounds_and_steps():
    aban = Period.parse("1401-08")
    assert aban.start == datetime.date(2022, 10, 23)
    assert aban.end == datetime.date(2022, 11, 21)
    assert aban.contains(datetime.date(2022, 10, 31))
    assert aban.next().key == "1401-09"
    assert Period.parse("1401-12").next().key == "1402-01"
    assert Period.parse("1402-01").previous().key == "1401-12"
    assert Period.parse("1401Q4").next().key == "1402Q1"
    assert Period.parse("1401").end == datetime.date(2023, 3, 20)
    assert Period.parse("1403").end == datetime.date(2025, 3, 20)  # 1403 is a leap year: Esfand has 30 days
    assert Period.containing(datetime.date(2022, 10, 31), "quarter").key == "1401Q3"


def test_periods_sort_by_time():
    keys = ["1401-10", "1400-12", "1401-02"]
    assert [p.key for p in sorted(Period.parse(k) for k in keys)] == ["1400-12", "1401-02", "1401-10"]


def test_period_labels():
    with translation.override("fa"):
        assert Period.parse("1401-08").label() == "آبان ۱۴۰۱"
        assert Period.parse("1401Q3").label() == "پاییز ۱۴۰۱"
    with translation.override("en"):
        assert Period.parse("1401-08").label() == "Aban 1401"
        assert Period.parse("1401Q3").label() == "Q3 1401 (autumn)"
