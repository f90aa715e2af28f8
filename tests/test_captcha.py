"""The captcha: one addition the picture shows and the page also says in words, answerable in either script, and a
button for another sum."""

import re

import pytest
from captcha.models import CaptchaStore
from django.utils import translation

from kalanshahr.lib.captcha import spoken, sum_challenge
from kalanshahr.lib.persian import persian_digits

pytestmark = pytest.mark.django_db


def test_the_challenge_is_always_one_addition_whose_answer_is_its_sum():
    for _ in range(300):
        challenge, answer = sum_challenge()
        first, second = map(int, re.fullmatch(r"(\d+)\+(\d+)=", challenge).groups())
        assert 1 <= first <= 10 and 1 <= second <= 10 and answer == str(first + second)


def test_the_question_in_words_follows_the_language():
    assert spoken("7+3=") == "هفت به‌اضافه‌ی سه چند می‌شود؟ پاسخ را با رقم بنویسید."
    with translation.override("en"):
        assert spoken("10+1=") == "What is ten plus one? Write the answer in digits."


def test_the_form_shows_a_large_picture_the_words_and_the_refresh_button(client, demo):
    page = client.get("/ideas/new/").content.decode()
    key = re.search(r'name="captcha_0" value="(\w+)"', page)[1]
    store = CaptchaStore.objects.get(hashkey=key)
    assert spoken(store.challenge) in page
    assert re.search(r'<input[^>]*name="captcha_1"[^>]*aria-describedby="id_captcha_spoken"', page)
    assert 'id="id_captcha_spoken"' in page and 'class="button secondary captcha-refresh"' in page
    assert f"/captcha/image/{key}@2/ 2x" in page and 'alt="یک جمع ساده به شکل تصویر؛ حاصل آن را بنویسید"' in page


def test_another_sum_answers_the_pages_script_only(client, demo):
    assert client.get("/captcha/refresh/").status_code == 404
    data = client.get("/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}).json()
    store = CaptchaStore.objects.get(hashkey=data["key"])
    assert data["image_url"] == f"/captcha/image/{data['key']}/" and data["spoken"] == spoken(store.challenge)
    english = client.get("/en/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}).json()
    assert english["spoken"].startswith("What is ")


def test_the_drawn_sum_in_persian_digits_passes(client, demo, settings):
    settings.CAPTCHA_TEST_MODE = False
    page = client.get("/ideas/new/").content.decode()
    key = re.search(r'name="captcha_0" value="(\w+)"', page)[1]
    answer = CaptchaStore.objects.get(hashkey=key).response
    response = client.post("/ideas/new/", {"title": "سایه‌بان ایستگاه", "problem": "آفتاب تند است.",
                                           "proposal": "سایه‌بان بگذارید.", "name": "مینا", "email": "m@example.org",
                                           "captcha_0": key, "captcha_1": persian_digits(answer)})
    assert "ایمیل خود را ببینید" in response.content.decode()
