"""Iran's national divisions from the installed django-iranian-cities package (load_iran_municipalities)."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import divisions
from kalanshahr.network.forms import CityChoiceField
from kalanshahr.network.models import AuditEvent, County, Municipality, Province

# The official codes of the demo's metropolises in the national divisions (facts of the package's data).
METROPOLIS_CODES = {"tehran": "2301021576", "mashhad": "916051392", "tabriz": "303031214", "isfahan": "1002031406",
                    "shiraz": "707051309", "qom": "2501031114", "karaj": "3001011590"}


def _load(*args):
    out = io.StringIO()
    call_command("load_iran_municipalities", *args, stdout=out)
    return out.getvalue()


def _state():
    return (list(Province.objects.values_list("code", "name_fa", "name_order")),
            list(County.objects.values_list("code", "name_fa", "province__code")),
            list(Municipality.objects.order_by("id").values_list("slug", "name_fa", "national_code", "county__code",
                                                               "division_province__code", "is_metropolis")))


def test_one_province_loads_its_counties_and_cities_and_a_second_run_changes_nothing(db):
    razavi = [row for row in divisions.read("province") if row["name"] == "خراسان رضوی"][0]
    cities = [row for row in divisions.read("city") if row["province"] == razavi["id"]]
    output = _load("--province", razavi["code"])
    assert f"1 provinces, {County.objects.count()} counties, {len(cities):,} municipalities" in output
    mashhad = Municipality.objects.get(slug="mashhad")  # the demo's row, matched by its name, not a second Mashhad
    assert (mashhad.national_code, mashhad.county.name_fa, mashhad.province) == ("916051392", "مشهد", "خراسان رضوی")
    assert Municipality.objects.filter(division_province__code=razavi["code"]).count() == len(cities)
    before, events = _state(), AuditEvent.objects.count()
    assert "0 rows written" in _load("--province", razavi["code"])
    assert _state() == before and AuditEvent.objects.count() == events


def test_the_whole_country_31_provinces_448_counties_1554_municipalities_twice(db):
    demo_count = Municipality.objects.count()
    output = _load()
    assert "31 provinces, 448 counties, 1,554 municipalities" in output
    assert (Province.objects.count(), County.objects.count()) == (31, 448)
    assert Municipality.objects.filter(national_code__isnull=False).count() == 1554
    # The 14 demo metropolises are their real rows; nothing else of the demo gained a code.
    assert Municipality.objects.count() == demo_count + 1554 - 14
    assert Municipality.objects.metropolises().filter(national_code__isnull=True).count() == 0
    for slug, code in METROPOLIS_CODES.items():
        assert Municipality.objects.get(slug=slug).national_code == code
    # 200 rows are the numbered districts of 41 cities' municipalities (Tehran's 22), flagged and never compared.
    districts = Municipality.objects.filter(is_district=True)
    assert districts.count() == 200 and not districts.filter(is_compared=True).exists()
    assert districts.filter(name_fa__startswith="تهران").count() == 22
    # A name two cities share stays two municipalities, one per county.
    assert Municipality.objects.values("name_fa").distinct().count() < Municipality.objects.count()
    assert AuditEvent.objects.filter(action="network.municipality.load").count() == 1554
    before = _state()
    assert "0 rows written" in _load()
    assert _state() == before
    # The pickers' options, read as text, are labelled as each city's model would be, in both languages.
    field = CityChoiceField(queryset=Municipality.objects.order_by("id"))
    cities = Municipality.objects.select_related("division_province").order_by("id")
    for language in ("fa", "en"):
        with translation.override(language):
            assert list(field.choices)[1:] == [(city.pk, field.label_from_instance(city)) for city in cities]
            assert any("(" in label for _pk, label in field.choices)


def test_only_the_secretariat_loads_them(users):
    with pytest.raises(AccessDenied):
        divisions.load_iran_municipalities(users["tehran_editor"], provinces=["9"])
    assert not Province.objects.exists()
