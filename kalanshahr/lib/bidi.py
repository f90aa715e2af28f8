"""Left-to-right runs inside right-to-left text.

In a Persian sentence the bidi algorithm reorders a code that mixes Latin letters, digits and dashes:
«مصوبه‌ی 30-REV-01» shows as "REV-01-30". Such runs (codes, e-mails, URLs) are isolated: in HTML inside
`<bdi dir="ltr">`, in text-only places (<title>, choice labels, e-mails, feeds) between the Unicode isolate
marks LRI … PDI. Persian or ASCII digits with dashes or slashes alone («۱۴۰۳/۰۸/۱۲», "1403-08") keep their order
without help, so they are left as they are. The CSV and XLSX exports are left alone: a cell holding a code reads
left to right by itself, and invisible marks in the data would break filtering and lookups on it.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

LRI, PDI = "\u2066", "\u2069"

_URL = r"https?://[^\s<>\"'،\u2066-\u2069]+[^\s<>\"'،.,;:!?)\u2066-\u2069]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A Latin letter and a digit, joined by - _ . or /: 30-REV-01, NET-SRV-01, SCALE-1-007.
_CODE = r"(?<![\w@/.-])(?=[\w./-]*[A-Za-z])(?=[\w./-]*\d)[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)+(?![\w@-])"
NEEDS_ISOLATION = re.compile(f"{_URL}|{_EMAIL}|{_CODE}", re.ASCII)


def isolate(value):
    """The whole value as one left-to-right run, for HTML."""
    return mark_safe(f'<bdi dir="ltr">{escape(value)}</bdi>')


def isolate_text(value):
    """The whole value as one left-to-right run, for plain text."""
    return f"{LRI}{value}{PDI}" if value not in (None, "") else ""


_TAG = re.compile(r"(<[^>]*>)")


def _wrap_escaped(match):
    return f'<bdi dir="ltr">{match.group()}</bdi>'


def isolate_codes(text):
    """Free text, escaped, with each code, e-mail and URL in it isolated, for HTML. Text already safe (a search
    snippet with its <mark>s) keeps its markup: only the text between the tags is looked at."""
    if isinstance(text, SafeData):  # already escaped: the matches are wrapped as they are
        return mark_safe("".join(piece if piece.startswith("<") else NEEDS_ISOLATION.sub(_wrap_escaped, piece)
                                 for piece in _TAG.split(str(text))))
    text = "" if text is None else str(text)
    parts, last = [], 0
    for match in NEEDS_ISOLATION.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(isolate(match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def isolate_codes_in_text(text):
    """Free plain text with each code, e-mail and URL in it between LRI and PDI."""
    return NEEDS_ISOLATION.sub(lambda match: isolate_text(match.group()), "" if text is None else str(text))
