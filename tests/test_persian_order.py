"""Cities and names sort by the Persian alphabet (ک then گ, ی last), not by code point, in every list, filter,
matrix column and export, on SQLite and on PostgreSQL (the suite runs on both)."""

import csv
import io
import re

import pytest

from kalanshahr.lib.persian import sort_key
from kalanshahr.network import services
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import Municipality, Organization


def test_the_alphabet_not_the_code_points():
    # Code-point order, as the lists showed it: ک (U+06A9) and گ sort after ه (U+0647).
    by_code_point = ["قم", "مشهد", "همدان", "کرج", "کرمان", "گرگان", "یزد"]
    assert sorted(by_code_point) == by_code_point
    assert sorted(by_code_point, key=sort_key) == ["قم", "کرج", "کرمان", "گرگان", "مشهد", "همدان", "یزد"]


@pytest.mark.parametrize("first,second", [
    ("آمل", "اراک"),            # آ before ا
    ("پاوه", "تبریز"),          # پ between ب and ت
    ("زنجان", "ژیان"),          # ژ after ز
    ("قم", "قمصر"),             # a name before its longer relatives
    ("اسلام‌شهر", "اسلامیه"),   # ZWNJ sorts like a space
    ("شهر 2", "شهر ۳"),         # digits in any script
    ("تهران", "Tabriz"),        # Persian before Latin
])
def test_pairs_in_order(first, second):
    assert sort_key(first) < sort_key(second)


def test_arabic_forms_and_hamza_seats_sort_with_their_letter():
    assert sort_key("كرمان") == sort_key("کرمان")
    assert sort_key("ري") == sort_key("ری")
    assert sort_key("مسئول") == sort_key("مسیول")
    assert sort_key("مَشهد") == sort_key("مشهد")


def _names(model):
    return list(model.objects.values_list("name_fa", flat=True))


def _in_persian_order(names):
    return names == sorted(names, key=sort_key)


def test_the_database_orders_by_the_persian_key(demo):
    services.create_municipality(SYSTEM, name_fa="گرگان", slug="gorgan")
    services.create_municipality(SYSTEM, name_fa="آمل", slug="amol")
    names = _names(Municipality)
    assert _in_persian_order(names) and names != sorted(names)
    assert names.index("کرج") < names.index("گرگان") < names.index("مشهد") < names.index("همدان")
    assert names[0] == "آمل"
    # Renaming keeps the key, through the service's update_fields save.
    city = Municipality.objects.get(slug="amol")
    services.update_municipality(SYSTEM, city, name_fa="یاسوج")
    assert _names(Municipality)[-1] == "یاسوج"
    organizations = list(Organization.objects.order_by("name_order", "id").values_list("name_fa", flat=True))
    assert _in_persian_order(organizations)


def test_bulk_created_names_get_their_key_too(demo):
    created = services.create_sample_municipalities(SYSTEM, [{"slug": "s-1", "name_fa": "کاشان"},
                                                             {"slug": "s-2", "name_fa": "گناباد"}])
    assert all(city.name_order == sort_key(city.name_fa) for city in created)
    assert Municipality.objects.get(slug="s-2").name_order == sort_key("گناباد")


def _cells(html, pattern):
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(pattern, html, re.S)]


def test_pages_and_exports_list_cities_in_persian_order(client_for):
    client = client_for("secretariat")
    home = client.get("/").content.decode().split('id="cities-heading"', 1)[1]
    cities = [name for name in Municipality.objects.metropolises().values_list("name_fa", flat=True)]
    positions = [home.index(f">{name}<") for name in cities]
    assert positions == sorted(positions), "the home page lists the metropolises in Persian order"

    matrix = client.get("/adoptions/matrix.csv").content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(matrix)))[2:]
    assert header and _in_persian_order(header)

    rows = list(csv.reader(io.StringIO(client.get("/satisfaction/data.csv").content.decode("utf-8-sig"))))[1:]
    by_indicator = {}
    for row in rows:
        names = by_indicator.setdefault(row[2], [])
        if row[1] not in names:
            names.append(row[1])
    assert by_indicator and all(_in_persian_order(names) for names in by_indicator.values())

    form = client.get("/ideas/new/").content.decode()
    options = _cells(form.split('name="municipality"', 1)[1].split("</select>", 1)[0], r"<option value=\"\d+\"[^>]*>(.*?)</option>")
    assert options and _in_persian_order(options)


def test_the_migration_step_fills_the_keys_of_names_stored_before(demo):
    from django.apps import apps

    from kalanshahr.lib.migrations import fill_name_order

    Municipality.objects.update(name_order="")  # as the rows stood before the column existed
    fill_name_order("network", "Municipality").code(apps, None)
    assert all(order == sort_key(name) for name, order in Municipality.objects.values_list("name_fa", "name_order"))
    assert _in_persian_order(_names(Municipality))


def test_people_are_listed_in_persian_order_of_their_names(users):
    from kalanshahr.ideas.forms import AssignForm
    from kalanshahr.ideas.models import Idea
    from kalanshahr.lib.persian import in_person_order, person_name

    names = {"expert1": "لیلا کریمی", "expert2": "گلاره احمدی"}  # code points put ل (U+0644) before گ
    for username, full in names.items():
        first, last = full.split()
        users[username].first_name, users[username].last_name = first, last
        users[username].save(update_fields=["first_name", "last_name"])
    assert [person_name(u) for u in in_person_order([users["expert1"], users["expert2"]])] == ["گلاره احمدی",
                                                                                               "لیلا کریمی"]
    idea = Idea.objects.filter(reviews__isnull=True).first() or Idea.objects.first()
    idea.reviews.all().delete()
    labels = [label for _pk, label in AssignForm(idea=idea).fields["experts"].choices]
    assert labels.index("گلاره احمدی") < labels.index("لیلا کریمی")
