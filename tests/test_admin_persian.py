"""The admin in the fa locale: every change list's column headers are Persian, and its dates are Jalali."""

import re

import pytest
from django.contrib import admin

HEADERS = re.compile(r'<th scope="col"[^>]*>(.*?)</th>', re.S)
# Django's Persian locale writes Gregorian dates with Persian month names («۳ دسامبر ۲۰۲۶»): any of these is wrong.
_MONTHS = "ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر"
GREGORIAN = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d"
                       f"|(?<![\u0600-\u06ff])({_MONTHS})(?![\u0600-\u06ff])")
JALALI = re.compile("(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}")


def _models():
    return sorted((m._meta.app_label, m._meta.model_name) for m in admin.site._registry)


@pytest.mark.parametrize("app,model", _models())
def test_change_list_is_persian_and_jalali(client_for, app, model):
    response = client_for("admin").get(f"/admin/{app}/{model}/")
    assert response.status_code == 200
    html = response.content.decode()
    table = html.split('id="result_list"', 1)[1].split("</table>", 1)[0] if 'id="result_list"' in html else ""
    # A header's own text: the sort controls beside it ("1", "Remove from sorting") are Django's, not the column's.
    texts = [(re.search(r'<div class="text">(.*?)</div>', h, re.S) or re.search("(.*)", h, re.S)).group(1)
             for h in HEADERS.findall(table)]
    headers = [re.sub(r"<[^>]+>|&[a-z]+;", " ", text).strip() for text in texts]
    # English is a header without a Persian word; a Latin clarification after Persian («عامل کاربر (User Agent)») is not.
    english = [h for h in headers if h and not re.search("[\u0600-\u06ff]", h)]
    assert not english, (app, model, english)
    wrong = GREGORIAN.search(re.sub(r"<[^>]+>", " ", table))  # what is shown, not the attributes
    assert not wrong, (app, model, wrong.group())


def test_dates_in_the_admin_are_jalali_in_persian_and_gregorian_in_english(client_for):
    client = client_for("admin")
    persian = client.get("/admin/network/auditevent/").content.decode()
    assert JALALI.search(persian) and not GREGORIAN.search(persian.split('id="result_list"', 1)[1])
    english = client.get("/en/admin/network/auditevent/").content.decode()
    assert not JALALI.search(english) and re.search(r"\b20\d\d\b", english.split('id="result_list"', 1)[1])
