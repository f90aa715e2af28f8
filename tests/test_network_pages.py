import re

import pytest
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.db import connection

from kalanshahr.network.models import Municipality


def test_home_lists_the_network_in_persian_with_jalali_date(client, demo, django_assert_num_queries):
    cache.clear()
    # Latest news; next meetings (the demo's meeting 31 is ahead, so the latest one is not asked for); the
    # satisfaction indicators' data keys; data versions; the figures (satisfaction indicators, their newest periods,
    # their stored summaries, the number of metropolises, the adoption totals); metropolises with organization
    # counts; network-level organizations.
    with django_assert_num_queries(11):
        client.get("/")
    with django_assert_num_queries(6):  # the figures come from their stored fragment
        response = client.get("/")
    page = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert page.count('class="card"') == 14
    assert "دبیرخانه‌ی نشست ادواری شهرداران کلانشهرها" in page
    assert "۸٬۷۰۰٬۰۰۰" in page  # Tehran's sample population, grouped with Persian digits
    assert "داده‌ی نمونه" in page  # invented figures are labelled
    assert re.search(r'class="today"[^>]*>[۰-۹]+ (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴[۰-۹]{2}<', page)


def test_home_in_english_is_ltr_with_gregorian_date(client, demo):
    page = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert "8,700,000" in page and "sample data" in page
    assert re.search(r'class="today"[^>]*>\d{1,2} [A-Z][a-z]+ 20\d\d<', page)


def test_home_query_count_does_not_grow_with_cities(client, demo):
    cache.clear()
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for n in range(5):
        Municipality.objects.create(name_fa=f"شهر {n}", slug=f"city-{n}", is_metropolis=True)
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after) == len(before)


def test_language_switch_goes_to_the_english_page(client, demo):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/cities/tehran/"})
    assert response.status_code == 302 and response["Location"] == "/en/cities/tehran/"
    response = client.post("/en/i18n/setlang/", {"language": "fa", "next": "/en/cities/tehran/"})
    assert response["Location"] == "/cities/tehran/"


def test_municipality_page(client, demo, django_assert_num_queries):
    with django_assert_num_queries(2):  # the municipality; its organizations with parents
        page = client.get("/cities/tehran/").content.decode()
    assert "شهرداری تهران" in page
    assert "معاونت خدمات شهری و محیط زیست شهرداری تهران" in page
    assert "شرکت شهربان و حریم‌بان" in page
    assert "/cities/tehran/edit/" not in page


def test_organization_page_shows_mission_duties_units(client, demo):
    page = client.get("/organizations/tehran-urban-services/").content.decode()
    assert "مأموریت" in page and "وظایف" in page
    assert "شرکت ساماندهی صنایع و مشاغل شهر تهران" in page
    assert "اعضا" not in page  # members are listed to signed-in users only


def test_organization_history_for_its_editors(client_for, demo):
    client = client_for("tehran_urban_services")
    client.post("/organizations/tehran-urban-services/edit/", {"name_fa": "معاونت خدمات شهری و محیط زیست شهرداری تهران",
                                                                "mission": "مأموریت بازنویسی شده"})
    page = client.get("/organizations/tehran-urban-services/").content.decode()
    assert "سازمان را ویرایش کرد" in page and "tehran_urban_services" in page


def test_missing_pages_are_404_in_persian(client, db):
    response = client.get("/cities/nowhere/")
    assert response.status_code == 404
    assert "صفحه پیدا نشد" in response.content.decode()


@pytest.mark.parametrize("url", ["/accounts/login/", "/en/accounts/login/"])
def test_login_page(client, db, url):
    page = client.get(url).content.decode()
    assert 'name="username"' in page and 'name="password"' in page
    assert ("ورود" in page) == (not url.startswith("/en/"))


def test_login_and_logout(client, demo):
    response = client.post("/accounts/login/", {"username": "tehran_editor", "password": "kalanshahr-demo"})
    assert response.status_code == 302
    assert "tehran_editor" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "tehran_editor" not in client.get("/").content.decode()


def test_bad_form_input_is_named_and_nothing_is_saved(client_for, demo):
    client = client_for("secretariat")
    response = client.post("/cities/tehran/edit/", {"name_fa": "تهران", "population": "هشت میلیون"})
    assert response.status_code == 200
    assert "عدد معتبری نیست" in response.content.decode()
    assert Municipality.objects.get(slug="tehran").population == 8_700_000


def test_admin_is_persian_and_rtl(client_for, demo):
    page = client_for("admin").get("/admin/").content.decode()
    assert 'lang="fa"' in page and 'dir="rtl"' in page
    assert "مدیریت کلانشهر" in page


def test_every_admin_changelist_opens(client_for, demo):
    from django.contrib import admin
    from django.urls import reverse

    client = client_for("admin")
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = client.get(url).content.decode()
        assert 'id="changelist"' in page and 'dir="rtl"' in page, url
