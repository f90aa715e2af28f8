"""A goal or an indicator citing no clause cannot be saved: through the service, the form, the admin, the API
and the indicator import, each with a clear error."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kalanshahr.lib.errors import InvalidInput
from kalanshahr.strategy import services
from kalanshahr.strategy.models import Goal, Indicator
from kalanshahr.network.access import SYSTEM

INDICATOR = {"code": "NEW-01", "name_fa": "شاخص تازه", "definition": "تعریف", "unit": "درصد",
             "direction": "higher_better", "frequency": "month", "multiplier": "1", "family": "general"}


def test_service_refuses_both(company):
    with pytest.raises(InvalidInput) as error:
        services.create_goal(SYSTEM, company, title="هدف", start_year=1405, end_year=1405, clauses=[])
    assert error.value.code == "clause_required" and error.value.field == "clauses"
    assert "بند" in error.value.message_fa and "clause" in error.value.message_en
    with pytest.raises(InvalidInput):
        services.create_indicator(SYSTEM, company, clauses=[], **INDICATOR)
    assert not Indicator.objects.filter(code="NEW-01").exists()


def test_update_cannot_remove_every_clause(indicator):
    with pytest.raises(InvalidInput):
        services.update_indicator(SYSTEM, indicator, clauses=[])
    assert indicator.clauses.exists()


def test_web_forms(client_for, company, clause):
    client = client_for("tehran_urban_services")
    page = client.post(f"/monitoring/{company.slug}/indicators/new/", INDICATOR)
    assert page.status_code == 200 and "دست‌کم یک بند" in page.content.decode()
    assert not Indicator.objects.filter(code="NEW-01").exists()
    page = client.post(f"/monitoring/{company.slug}/goals/new/", {"title": "هدف", "start_year": "۱۴۰۵",
                                                                  "end_year": "۱۴۰۵", "weight": "1"})
    assert "دست‌کم یک بند" in page.content.decode() and not Goal.objects.filter(title="هدف").exists()
    response = client.post(f"/monitoring/{company.slug}/indicators/new/", {**INDICATOR, "clauses": [clause.pk]})
    assert response.status_code == 302 and Indicator.objects.get(code="NEW-01").clauses.get() == clause


def test_admin(client_for, company, clause):
    client = client_for("admin")
    page = client.post("/admin/strategy/indicator/add/", {**INDICATOR, "organization": company.pk,
                                                          "scope": "organization"})
    assert page.status_code == 200 and not Indicator.objects.filter(code="NEW-01").exists()
    assert "errorlist" in page.content.decode()
    page = client.post("/admin/strategy/goal/add/", {"organization": company.pk, "title": "هدف", "start_year": 1405,
                                                     "end_year": 1405, "weight": 1})
    assert page.status_code == 200 and not Goal.objects.filter(title="هدف").exists()
    response = client.post("/admin/strategy/indicator/add/", {**INDICATOR, "organization": company.pk,
                                                               "scope": "organization", "clauses": [clause.pk]})
    assert response.status_code == 302
    created = Indicator.objects.get(code="NEW-01")
    assert list(created.clauses.all()) == [clause]


def test_api(api_for, company, clause):
    api = api_for("tehran_urban_services")
    response = api.post("/api/v1/indicators/", {**INDICATOR, "organization": company.slug}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "clause_required" and response.json()["error"]["field"] == "clauses"
    response = api.post("/api/v1/goals/", {"organization": company.slug, "title": "هدف", "start_year": 1405,
                                           "end_year": 1405}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "clause_required"
    response = api.post("/api/v1/indicators/", {**INDICATOR, "organization": company.slug, "clauses": [clause.pk]},
                        format="json")
    assert response.status_code == 201 and response.json()["clauses"] == [clause.pk]


def test_indicator_import(tmp_path, company):
    path = tmp_path / "indicators.csv"
    path.write_text(
        "code,organization,name_fa,definition,unit,direction,frequency,clauses\n"
        f"IMP-01,{company.slug},الف,تعریف,درصد,higher_better,month,tehran-comprehensive-plan:2-1\n"
        f"IMP-02,{company.slug},ب,تعریف,درصد,higher_better,month,\n", encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), stderr=stderr)
    assert "ردیف 3، ستون clauses" in stderr.getvalue() and "row 3, column clauses" in stderr.getvalue()
    assert not Indicator.objects.filter(code__startswith="IMP-").exists()  # all or nothing


def test_bad_choice_is_named(company, clause):
    with pytest.raises(InvalidInput) as error:
        services.create_indicator(SYSTEM, company, clauses=[clause], **{**INDICATOR, "direction": "upward"})
    assert error.value.field == "direction"
