import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from kalanshahr.lib.forms import (
    JalaliDateField, PeriodField, PersianDecimalField, PersianIntegerField, PersianTextMixin,
)


class SampleForm(PersianTextMixin, forms.Form):
    held_on = JalaliDateField(required=False)
    amount = PersianDecimalField(required=False)
    count = PersianIntegerField(required=False)
    period = PeriodField(required=False)
    title = forms.CharField(required=False)


def test_fields_accept_persian_digits_and_jalali():
    form = SampleForm({"held_on": "۱۴۰۱/۰۸/۰۹", "amount": "۱۲٬۵۰۰٫۵", "count": "١٤", "period": "۱۴۰۱Q3",
                       "title": "شهرداري ها"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["held_on"] == datetime.date(2022, 10, 31)
    assert form.cleaned_data["amount"] == Decimal("12500.5")
    assert form.cleaned_data["count"] == 14
    assert form.cleaned_data["period"].key == "1401Q3"
    assert form.cleaned_data["title"] == "شهرداری‌ها"


@pytest.mark.parametrize("language,script", [("fa", "[\u0600-\u06ff]"), ("en", "[A-Za-z]{3}")])
def test_fields_name_the_problem_in_the_active_language_only(language, script):
    import re

    from django.utils import translation

    other = "[A-Za-z]{3}" if language == "fa" else "[\u0600-\u06ff]"
    with translation.override(language):
        form = SampleForm({"held_on": "1401/13/40", "amount": "دوازده", "count": "۱٫۵", "period": "1401Q9"})
        assert not form.is_valid()
        for field in ("held_on", "amount", "count", "period"):
            message = form.errors[field][0]
            # What the user typed is quoted back as typed; the rest is in one language.
            words = re.sub(r"«[^»]*»|“[^”]*”|\d+Q\d+|\d[\d/-]*", "", message)
            assert re.search(script, words) and not re.search(other, words), (field, message)


def test_date_widget_shows_jalali():
    form = SampleForm(initial={"held_on": datetime.date(2022, 10, 31)})
    assert 'value="1401/08/09"' in str(form["held_on"])


def test_template_filters_follow_the_language():
    template = Template("{{ day|jdate }}|{{ n|num }}|{{ x|num }}|{{ k|digits }}|{{ p|period_label }}")
    context = Context({"day": datetime.date(2022, 10, 31), "n": 1773000, "x": Decimal("12.50"), "k": 30, "p": "1401-08"})
    with translation.override("fa"):
        assert template.render(context) == "۹ آبان ۱۴۰۱|۱٬۷۷۳٬۰۰۰|۱۲٫۵|۳۰|آبان ۱۴۰۱"
    with translation.override("en"):
        assert template.render(context) == "31 October 2022|1,773,000|12.5|30|Aban 1401"


@pytest.mark.parametrize("language,shown", [("fa", "۱۲٬۵۰۰٫۲"), ("en", "12,500.2")])
def test_a_stored_number_is_shown_as_people_write_it_and_read_back(language, shown):
    with translation.override(language):
        form = SampleForm(initial={"amount": Decimal("12500.2000")})
        assert f'value="{shown}"' in str(form["amount"])
        assert SampleForm({"held_on": "1401/08/09", "amount": shown, "count": "14", "period": "1401Q3",
                           "title": "شهرداری ها"}).is_valid()
