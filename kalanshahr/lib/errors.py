"""The one domain error every service raises.

The web shows it as a message in the active language; the API answers with
`{"error": {"code", "message_fa", "message_en"}}` and the status below.
"""

from django.utils import translation


class DomainError(Exception):
    """A rule of the domain refused the request; nothing was changed."""

    status = 409

    def __init__(self, code, message_fa, message_en, *, field=None):
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_fa = message_fa
        self.message_en = message_en
        self.field = field

    @property
    def message(self):
        """The message in the active language, for the web."""
        language = translation.get_language() or "fa"
        return self.message_fa if language.startswith("fa") else self.message_en

    def as_dict(self):
        return {"error": {"code": self.code, "message_fa": self.message_fa, "message_en": self.message_en}}


class AccessDenied(DomainError):
    """The user may not do this here (HTTP 403)."""

    status = 403

    def __init__(self, message_fa="شما اجازه‌ی این کار را ندارید.", message_en="You are not allowed to do this.", *, code="forbidden"):
        super().__init__(code, message_fa, message_en)


class InvalidInput(DomainError):
    """The request itself is incomplete or malformed (HTTP 400); `field` names what to fix."""

    status = 400


def bilingual(text):
    """A translatable text (a choice's label, say) as its Persian and English strings, for a DomainError's two
    messages whatever the active language."""
    from django.utils import translation

    with translation.override("fa"):
        fa = str(text)
    with translation.override("en"):
        en = str(text)
    return fa, en


def require_filled(values, *names):
    """Raises InvalidInput naming the first of `names` whose value in `values` is empty."""
    for name in names:
        if not values.get(name):
            raise InvalidInput(f"{name}_required", f"«{name}» را بنویسید؛ خالی است.", f"The {name} is empty.",
                               field=name)
