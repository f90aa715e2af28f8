"""Iran's national divisions (provinces, counties, cities) read from the installed `django-iranian-cities` package.

The package (GPL-3) ships them as CSV files with their official codes, in Persian; they are read where pip put
them, at run time, and never copied into this repository (docs/divisions.md). Its models are not used: only
its data files, so the package is not an installed app.

Every city of the package becomes a municipality. One that the network registered by hand (the demo's 14
metropolises) is matched by its Persian name when that name is unique in the country, and gains its codes,
province and county; its slug, English name, population and flags stay as they were. Running the load again
changes nothing.
"""

import csv
from importlib.resources import files

from django.db import transaction

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.lib.persian import normalize, sort_key

from . import access, audit
from .models import County, Municipality, Province

PACKAGE = "iranian_cities"


def read(table):
    """The rows of one of the package's data files (province, county, city) as dicts."""
    with (files(PACKAGE) / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def _upsert(model, rows, fields):
    """Creates the rows whose code is new and updates those that differ; returns (written rows, by code)."""
    existing = {obj.code: obj for obj in model.objects.all()}
    new, changed = [], []
    for values in rows:
        obj = existing.get(values["code"])
        if obj is None:
            new.append(model(**values))
        elif any(getattr(obj, name) != values[name] for name in fields):
            for name in fields:
                setattr(obj, name, values[name])
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=1000)
    for obj in changed:
        obj.name_order = sort_key(obj.name_fa)  # bulk_update does not run save(), which keeps it
    model.objects.bulk_update(changed, [*fields, "name_order"], batch_size=1000)
    by_code = {obj.code: obj for obj in model.objects.all()}
    return [by_code[obj.code] for obj in new] + changed, by_code


@transaction.atomic
def load_iran_municipalities(actor, *, provinces=None, progress=None):
    """Loads the divisions, all or only the given province codes; all or nothing, audit-logged once.

    Returns the counts of provinces, counties and municipalities in the slice, and of rows written."""
    if not access.is_system(actor) and not access.is_secretariat(actor):
        raise AccessDenied("تقسیمات کشوری را تنها دبیرخانه بارگذاری می‌کند.", "Only the secretariat loads the national divisions.")
    wanted = None if provinces is None else {str(code) for code in provinces}
    province_rows = [row for row in read("province") if wanted is None or row["code"] in wanted]
    province_by_id = {row["id"]: row["code"] for row in province_rows}
    county_rows = [row for row in read("county") if row["province"] in province_by_id]
    county_by_id = {row["id"]: row["code"] for row in county_rows}
    city_rows = [row for row in read("city") if row["county"] in county_by_id]

    written_provinces, province_of = _upsert(
        Province, [{"code": row["code"], "name_fa": normalize(row["name"])} for row in province_rows], ["name_fa"])
    written_counties, county_of = _upsert(
        County, [{"code": row["code"], "name_fa": normalize(row["name"]),
                  "province": province_of[province_by_id[row["province"]]]} for row in county_rows],
        ["name_fa", "province"])

    national_names = {}
    for row in read("city"):
        name = normalize(row["name"])
        national_names[name] = national_names.get(name, 0) + 1
    by_code = {m.national_code: m for m in Municipality.objects.filter(national_code__isnull=False)}
    by_name = {m.name_fa: m for m in Municipality.objects.filter(national_code__isnull=True)}
    new, changed = [], []
    for n, row in enumerate(city_rows, 1):
        name, code = normalize(row["name"]), row["code"]
        county = county_of[county_by_id[row["county"]]]
        # 200 of the 1,554 rows (city type 2) are districts of 41 cities' municipalities: Tehran's 22, Tabriz's 10.
        values = {"name_fa": name, "national_code": code, "county": county, "division_province": county.province,
                  "is_district": row["city_type"] == "2"}
        municipality = by_code.get(code)
        if municipality is None and national_names[name] == 1 and row["city_type"] == "0":
            municipality = by_name.pop(name, None)
        if municipality is None:
            new.append(Municipality(slug=f"ir-{code}", **values))
        elif any(getattr(municipality, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(municipality, field, value)
            changed.append(municipality)
        if progress and (n % 200 == 0 or n == len(city_rows)):
            progress(n, len(city_rows))
    created = Municipality.objects.bulk_create(new, batch_size=1000)  # both databases return the new ids
    for municipality in changed:
        municipality.save(update_fields=["name_fa", "national_code", "county", "division_province", "is_district"])
    source = {"source": "django-iranian-cities"}
    audit.record_many(actor, "network.province.load", written_provinces, changes=lambda obj: source)
    audit.record_many(actor, "network.county.load", written_counties, changes=lambda obj: source)
    audit.record_many(actor, "network.municipality.load", created + changed, changes=lambda obj: source)
    return {"provinces": len(province_rows), "counties": len(county_rows), "municipalities": len(city_rows),
            "written": len(written_provinces) + len(written_counties) + len(created) + len(changed)}
