"""Jalali dates at the edges, and reporting periods.

The database holds Gregorian dates and UTC datetimes. Jalali exists only where people read or
type: forms, templates, imports and exports. `Period` is the one value object for a reporting
period (a Jalali month, quarter or year) and is used by every app.
"""

import datetime
import re
from dataclasses import dataclass
from functools import cached_property, total_ordering

import jdatetime
from django.utils import timezone, translation

from .persian import BilingualValueError, ascii_digits, persian_digits

MONTHS_FA = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
MONTHS_EN = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
             "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand")
QUARTERS_FA = ("بهار", "تابستان", "پاییز", "زمستان")
QUARTERS_EN = ("spring", "summer", "autumn", "winter")

# Years outside this range are typos; 1300–1500 is also the range the round-trip test covers.
MIN_YEAR, MAX_YEAR = 1300, 1500


class JalaliParseError(BilingualValueError):
    """A date or period that cannot be read; str() says so in the active language."""


def to_jalali(value):
    """A `datetime.date` or aware `datetime` as a `jdatetime.date` in the current time zone."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return jdatetime.date.fromgregorian(date=value)


def to_gregorian(year, month, day):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise JalaliParseError(f"سال {year} خارج از بازه‌ی مجاز است.", f"Year {year} is out of range.")
    if not 1 <= month <= 12:
        raise JalaliParseError(f"ماه {month} وجود ندارد.", f"There is no month {month}.")
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        raise JalaliParseError(
            f"روز {day} در ماه {month} سال {year} وجود ندارد.", f"Day {day} does not exist in {year}-{month:02d}."
        ) from None


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$")


def parse_date(text):
    """A date typed as Jalali «۱۴۰۱/۰۸/۰۹» (any digits, / - or . between parts).

    A four-digit year above 1700 is read as Gregorian ISO, so «2022-10-31» works as well.
    """
    match = _DATE.match(ascii_digits(str(text)))
    if not match:
        raise JalaliParseError(
            f"«{text}» تاریخ معتبری نیست؛ مانند ۱۴۰۱/۰۸/۰۹ بنویسید.", f"“{text}” is not a date; write it like 1401/08/09."
        )
    year, month, day = (int(part) for part in match.groups())
    if year > 1700:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise JalaliParseError(f"«{text}» تاریخ معتبری نیست.", f"“{text}” is not a valid date.") from None
    return to_gregorian(year, month, day)


def _is_persian():
    return (translation.get_language() or "fa").startswith("fa")


def format_date(value, style="long"):
    """A date for people: Jalali with Persian digits in Persian, Gregorian with Latin digits in English.

    style "long": «۹ آبان ۱۴۰۱» / "31 October 2022"; style "short": «۱۴۰۱/۰۸/۰۹» / "2022-10-31".
    """
    if value is None or value == "":
        return ""
    if not _is_persian():
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d") if style == "short" else f"{value.day} {value.strftime('%B %Y')}"
    jalali = to_jalali(value)
    if style == "short":
        return persian_digits(f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}")
    return persian_digits(f"{jalali.day} {MONTHS_FA[jalali.month - 1]} {jalali.year}")


def format_datetime(value):
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    clock = local.strftime("%H:%M")
    if _is_persian():
        return f"{format_date(local)}، ساعت {persian_digits(clock)}"
    return f"{format_date(local)}, {clock}"


def jalali_input_value(value):
    """How a date shows inside a form field: always Jalali, with ASCII digits so it can be edited."""
    if value is None:
        return ""
    jalali = to_jalali(value)
    return f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}"


MONTH, QUARTER, YEAR = "month", "quarter", "year"
_PERIOD_MONTH = re.compile(r"^(\d{4})\s*[-/]\s*(\d{1,2})$")
_PERIOD_QUARTER = re.compile(r"^(\d{4})\s*[-/]?\s*[Qq]\s*([1-4])$")
_PERIOD_YEAR = re.compile(r"^(\d{4})$")
_KIND_ORDER = {YEAR: 0, QUARTER: 1, MONTH: 2}


@total_ordering
@dataclass(frozen=True)
class Period:
    """A Jalali reporting period: a month (1401-08), a quarter (1401Q3) or a year (1401).

    `key` is the canonical text stored in the database; within one kind, keys sort by time.
    """

    kind: str
    year: int
    number: int = 1  # the month (1–12) or quarter (1–4); 1 for a year

    def __post_init__(self):
        limits = {MONTH: 12, QUARTER: 4, YEAR: 1}
        if self.kind not in limits:
            raise JalaliParseError(f"نوع دوره «{self.kind}» ناشناخته است.", f"Unknown period kind “{self.kind}”.")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise JalaliParseError(f"سال {self.year} خارج از بازه‌ی مجاز است.", f"Year {self.year} is out of range.")
        if not 1 <= self.number <= limits[self.kind]:
            raise JalaliParseError(
                f"شماره‌ی {self.number} برای این دوره معتبر نیست.", f"{self.number} is not a valid {self.kind}."
            )

    @classmethod
    def parse(cls, text):
        """«1401-08», «۱۴۰۱/۰۸», «1401Q3», «1401» in any digit script."""
        clean = ascii_digits(str(text)).strip()
        if match := _PERIOD_MONTH.match(clean):
            return cls(MONTH, int(match[1]), int(match[2]))
        if match := _PERIOD_QUARTER.match(clean):
            return cls(QUARTER, int(match[1]), int(match[2]))
        if match := _PERIOD_YEAR.match(clean):
            return cls(YEAR, int(match[1]))
        raise JalaliParseError(
            f"«{text}» دوره‌ی معتبری نیست؛ مانند ۱۴۰۱-۰۸ یا ۱۴۰۱Q3 یا ۱۴۰۱ بنویسید.",
            f"“{text}” is not a period; write it like 1401-08, 1401Q3 or 1401.",
        )

    @classmethod
    def containing(cls, value, kind):
        jalali = to_jalali(value)
        number = {MONTH: jalali.month, QUARTER: (jalali.month - 1) // 3 + 1, YEAR: 1}[kind]
        return cls(kind, jalali.year, number)

    @cached_property
    def key(self):
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}Q{self.number}"
        return str(self.year)

    def __str__(self):
        return self.key

    def label(self):
        """The period in words, in the active language."""
        if _is_persian():
            if self.kind == MONTH:
                return persian_digits(f"{MONTHS_FA[self.number - 1]} {self.year}")
            if self.kind == QUARTER:
                return persian_digits(f"{QUARTERS_FA[self.number - 1]} {self.year}")
            return persian_digits(str(self.year))
        if self.kind == MONTH:
            return f"{MONTHS_EN[self.number - 1]} {self.year}"
        if self.kind == QUARTER:
            return f"Q{self.number} {self.year} ({QUARTERS_EN[self.number - 1]})"
        return str(self.year)

    def _first_month(self):
        return {MONTH: self.number, QUARTER: (self.number - 1) * 3 + 1, YEAR: 1}[self.kind]

    @property
    def start(self):
        """The first Gregorian day of the period."""
        return jdatetime.date(self.year, self._first_month(), 1).togregorian()

    @property
    def end(self):
        """The last Gregorian day of the period."""
        return self.next().start - datetime.timedelta(days=1)

    def next(self):
        return self.shift(1)

    def previous(self):
        return self.shift(-1)

    def shift(self, steps):
        if self.kind == YEAR:
            return Period(YEAR, self.year + steps)
        per_year = 12 if self.kind == MONTH else 4
        index = self.year * per_year + (self.number - 1) + steps
        return Period(self.kind, index // per_year, index % per_year + 1)

    def contains(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        return self.start <= day <= self.end

    def _sort_key(self):
        return (self.start, _KIND_ORDER[self.kind])

    def __lt__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()
