"""The captcha of the public forms: a small sum, drawn as a picture, said in words for screen readers, and renewable.

django-simple-captcha draws the picture and keeps the challenge. Its math challenge also subtracts and multiplies,
and its "operator" setting only changes the sign shown for a product (a 3×4 drawn as "3+4" expects 12), so the
challenge here is one addition of two numbers from 1 to 10. The same question is given as text in the page's
language for people who cannot see the picture; that text is as easy for a program to read as the picture, which
is accepted: the captcha only keeps out untargeted form spam, and the rate limits and the moderation queue do the rest.
"""

import json
import random

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaTextInput
from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext as _

FA_WORDS = ["صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده"]
EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def sum_challenge():
    """(text drawn in the picture, expected answer): settings.CAPTCHA_CHALLENGE_FUNCT."""
    first, second = random.randint(1, 10), random.randint(1, 10)
    return f"{first}+{second}=", str(first + second)


def spoken(challenge):
    """The question of a sum challenge ("7+3=") in words in the active language, for screen readers."""
    first, second = (int(part) for part in challenge.rstrip("=").split("+"))
    words = EN_WORDS if (get_language() or "fa").startswith("en") else FA_WORDS
    return _("What is %(first)s plus %(second)s? Write the answer in digits.") % {
        "first": words[first], "second": words[second]}


class SpokenCaptchaInput(CaptchaTextInput):
    """The picture, a button that draws a new sum, and the question in words (visually hidden) that describes
    the answer box."""

    template_name = "captcha/widgets/captcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        challenge = CaptchaStore.objects.filter(hashkey=self._key).values_list("challenge", flat=True).first()
        spoken_id = f"{context['widget']['attrs'].get('id', name)}_spoken"
        context.update(spoken=spoken(challenge) if challenge else "", spoken_id=spoken_id, refresh=self.refresh_url(),
                       image_2x=reverse("captcha-image-2x", kwargs={"key": self._key}))
        answer = context["widget"]["subwidgets"][-1]["attrs"]
        answer.update({"aria-describedby": spoken_id, "inputmode": "numeric", "autocomplete": "off"})
        return context


def refresh(request):
    """A new sum for the refresh button: {key, image_url, spoken}. Like django-simple-captcha's own view, it answers
    only the page's script (an XMLHttpRequest), so a crawler following the address gets a 404."""
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        raise Http404
    key = CaptchaStore.pick() if captcha_settings.CAPTCHA_GET_FROM_POOL else CaptchaStore.generate_key()
    challenge = CaptchaStore.objects.get(hashkey=key).challenge
    body = {"key": key, "image_url": captcha_image_url(key), "spoken": spoken(challenge)}
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response
