"""Template filters every page uses; registered as builtins in settings.TEMPLATES.

    {{ meeting.starts_on|jdate }}        ۹ آبان ۱۴۰۱  /  31 October 2022
    {{ meeting.starts_on|jdate:"short" }} ۱۴۰۱/۰۸/۰۹ /  2022-10-31
    {{ news.published_at|jdatetime }}
    {{ city.population|num }}            ۱٬۷۷۳٬۰۰۰   /  1,773,000
    {{ meeting.number|digits }}          ۳۰          /  30
    {{ resolution.code|ltr }}            <bdi dir="ltr">30-REV-01</bdi> (lib/bidi.py)
    {{ resolution.text|codes }}          the text, escaped, with each code, e-mail and URL in it isolated
    {% block title %}{{ resolution.code|ltr_text }}{% endblock %}   LRI 30-REV-01 PDI, for text-only places
"""

from decimal import Decimal

from django import template
from django.utils import translation

from . import bidi, jalali
from .persian import persian_digits

register = template.Library()


def _persian():
    return (translation.get_language() or "fa").startswith("fa")


register.filter("ltr", bidi.isolate)
register.filter("codes", bidi.isolate_codes)
register.filter("ltr_text", bidi.isolate_text)
register.filter("codes_text", bidi.isolate_codes_in_text)


@register.filter
def hidden_errors(fields):
    """The errors of a form's hidden fields, which have no place of their own on the page: shown with the form's."""
    return [error for field in fields for error in field.errors]


@register.filter
def jdate(value, style="long"):
    return jalali.format_date(value, style)


@register.filter
def jdatetime(value):
    return jalali.format_datetime(value)


@register.filter
def digits(value, persian=None):
    """Persian digits in Persian pages; unchanged in English. `persian` (from Python) saves asking the language."""
    if value is None:
        return ""
    return persian_digits(value) if (_persian() if persian is None else persian) else str(value)


@register.filter
def num(value, places=None, persian=None):
    """A number grouped in thousands: «۱۲٬۵۰۰» in Persian, "12,500" in English. `persian` as in digits()."""
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if places not in (None, ""):
        text = f"{number:,.{int(places)}f}"
    elif number == number.to_integral_value():
        text = f"{int(number):,}"
    else:
        text = f"{number.normalize():,f}"
    if _persian() if persian is None else persian:
        return persian_digits(text.replace(",", "٬").replace(".", "٫"))
    return text


@register.filter
def period_label(value):
    """A period key («1401-08») or `Period` in words."""
    if not value:
        return ""
    period = value if isinstance(value, jalali.Period) else jalali.Period.parse(value)
    return period.label()


@register.simple_tag(takes_context=True)
def with_page(context, number, name="page"):
    """The current URL's query string with `name` set to `number`, the other filters kept: «?indicator=X&page=3»."""
    # A cached fragment is rendered without the request, from the query it was keyed on.
    query = context.get("fragment_query")
    if query is None:
        request = context.get("request")
        if request is None:
            return f"?{name}={number}"
        query = request.GET
    query = query.copy()
    query[name] = number
    return "?" + query.urlencode()


@register.simple_tag
def ui_text():
    """The words the pages' scripts show (the Jalali date picker of static/js/datepicker.js, the "select all"
    buttons of static/js/portal.js) in the page's language, as a JSON script."""
    from django.utils.html import json_script
    from django.utils.translation import gettext as _

    persian = _persian()
    picker = {
        "open": _("Choose a date from the calendar"), "dialog": _("Jalali calendar"),
        "previous": _("Previous month"), "next": _("Next month"), "today": _("Today"), "close": _("Close"),
        "months": list(jalali.MONTHS_FA if persian else jalali.MONTHS_EN),
        "weekdays": ["ش", "ی", "د", "س", "چ", "پ", "ج"] if persian else ["Sa", "Su", "Mo", "Tu", "We", "Th", "Fr"],
        "weekdayNames": [_("Saturday"), _("Sunday"), _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"),
                         _("Friday")],
    }
    return json_script({"datePicker": picker, "selectAll": _("Select all"), "selectNone": _("Clear all"),
                        "wideTable": _("table, scrolls sideways"),
                        "cityPicker": {"placeholder": _("Type a few letters of the city's name"),
                                       "found": _("%(count)s found"), "none": _("No match"), "filter": _("Filter the list"),
                                       "more": _("The first %(shown)s of %(count)s; type more to narrow them")}}, "ui-text")
