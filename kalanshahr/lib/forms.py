"""Form fields and widgets that accept Persian and Arabic-Indic digits and Jalali dates, and the captcha."""

from decimal import Decimal

from html import escape

from captcha.fields import CaptchaField
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from . import jalali
from .persian import BilingualValueError, ascii_digits, normalize, parse_number
from .templatetags import num


class JalaliDateInput(forms.TextInput):
    """A text box showing the date as Jalali «1401/08/09»; typing Persian digits works too.

    `data-jalali-date` gives it the calendar button of static/js/datepicker.js; without the script it stays a box.
    """

    def __init__(self, attrs=None):
        defaults = {"placeholder": "۱۴۰۱/۰۸/۰۹", "inputmode": "numeric", "dir": "ltr", "autocomplete": "off",
                    "data-jalali-date": ""}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if hasattr(value, "year"):
            return jalali.jalali_input_value(value)
        return value


class TextChoices(forms.models.ModelChoiceIterator):
    """A model choice field's options read as text in one query (`field.option_columns`, labelled by
    `field.label_from_row(*columns)`) instead of as a model each: a filter with Iran's 1,554 cities and 250
    indicators spent most of its page building them (docs/performance.md). The values are the primary keys, as
    Django's own options'."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, *columns in self.queryset.values_list("pk", *self.field.option_columns):
            yield (pk, self.field.label_from_row(*columns))


class CityPicker(forms.Select):
    """A select that static/js/city-picker.js turns into a search-as-you-type box; without the script it stays
    a select, so the form works either way.

    Its options are written here rather than through Django's template per <option>: for Iran's 1,554 cities
    that took a third of a second of every page with the picker (docs/performance.md)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-city-picker": "", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(item) for item in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>{escape(str(label))}</option>'
            for key, label in self.choices)
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>\n{options}\n</select>')


class JalaliDateField(forms.DateField):
    widget = JalaliDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return jalali.parse_date(value)
        except jalali.JalaliParseError as error:
            raise ValidationError(str(error), code="invalid") from None


class PersianDecimalField(forms.DecimalField):
    """Accepts ۱۲٬۵۰۰ or ١٢,٥٠٠ as well as 12500."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value):
        """A stored value as people write it: «۱۵٫۲» in Persian, "15.2" in English, not "15.2000"."""
        if isinstance(value, Decimal):
            return num(value)
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return {**attrs, "inputmode": "decimal", "dir": "ltr"}


class PersianIntegerField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
        if number != number.to_integral_value():
            error = BilingualValueError(f"«{value}» عدد صحیح نیست.", f"“{value}” is not a whole number.")
            raise ValidationError(str(error), code="invalid")
        return int(number)


class PeriodField(forms.CharField):
    """A Jalali period («۱۴۰۱-۰۸», «1401Q3», «1401»), cleaned to a `Period`."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return jalali.Period.parse(value)
        except jalali.JalaliParseError as error:
            raise ValidationError(str(error), code="invalid") from None


class PersianTextMixin:
    """Normalizes every text field of a form on input (letters, ZWNJ, invisible characters)."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and isinstance(self.fields.get(name), forms.CharField):
                cleaned[name] = normalize(value) if "\n" not in value else "\n".join(normalize(line) for line in value.split("\n"))
        return cleaned



class PersianCaptchaField(CaptchaField):
    """django-simple-captcha's field, also taking the answer in Persian or Arabic-Indic digits (۱۲ or ١٢), with the
    question also in words and a button for another sum (lib/captcha.py)."""

    def __init__(self, *args, **kwargs):
        from .captcha import SpokenCaptchaInput  # captcha's widgets reverse its routes: import once apps are ready
        kwargs.setdefault("widget", SpokenCaptchaInput())
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if isinstance(value, list) and len(value) > 1 and value[1]:
            value = [value[0], ascii_digits(value[1])]
        return super().clean(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): cleans to a list, empty when none was chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []
