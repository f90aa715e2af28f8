"""S2 pages: content, access, and query counts that do not grow with the number of indicators."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalanshahr.strategy import monitoring, services
from kalanshahr.strategy.models import Goal, GoalIndicator, Indicator, Measurement
from kalanshahr.network.access import SYSTEM

BOARD, TREE = "/monitoring/board/", "/monitoring/tehran-urban-services/"


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(make_indicator, tehran, company):
    """Five more indicators, each serving a priority goal, with a value for the latest due month."""
    goal = Goal.objects.filter(organization=company, is_priority=True).first()
    period = monitoring.latest_due_period("month")
    for n in range(5):
        indicator = make_indicator(f"GROW-{n}", goals=[goal])
        services.set_target(SYSTEM, indicator, municipality=tehran, organization=company, period=period, value=5)
        services.save_measurement(SYSTEM, indicator, municipality=tehran, organization=company, period=period, value=n)


@pytest.mark.parametrize("url, pinned, cached", [
    # session, user, memberships (the menu shows what the roles use); the indicators shown (their data keys); data
    # versions; priority goals; their indicators; measurements; targets; the trends' verified values and targets
    # (2). Cached: the first five.
    (BOARD, 11, 5),
    # session, user, memberships; organization; the indicators shown (their data keys); data versions; units with
    # duties (2); goals with clauses and documents (3); goal-indicator links; measurements; targets; programs, their
    # milestones and actions (3; the actions' milestones add one more once any action exists). Cached: the first
    # six.
    (TREE, 17, 6),
    # session, user, memberships; organizations with goals; goals with clauses and documents (3); links;
    # measurements; targets
    ("/monitoring/", 10, 10),
    # session, user, memberships; submitted measurements
    ("/monitoring/verify/", 4, 4),
])
def test_query_counts_are_pinned(client_for, make_indicator, tehran, company, url, pinned, cached):
    client = client_for("tehran_verifier" if "verify" in url else "tehran_urban_services")
    before = _count(client, url)
    assert _count(client, url) == cached
    _grow(make_indicator, tehran, company)  # through the services, which retire the cached fragments
    assert (before, _count(client, url), _count(client, url)) == (pinned, pinned, cached)


def test_a_value_retires_the_monitoring_pages_that_show_its_indicator_only(client_for, tehran, company):
    """A value entered or moved retires the pages whose indicators it is of (strategy/datakeys.py): the board and
    the company's tree for a priority indicator of the company; neither for a value of a shared indicator that no
    goal of theirs measures by."""
    client = client_for("tehran_urban_services")
    for url in (BOARD, TREE):
        client.get(url)
    cached = {url: _count(client, url) for url in (BOARD, TREE)}
    shared = Indicator.objects.get(code="NET-REV-01")
    assert not GoalIndicator.objects.filter(indicator=shared, goal__organization=company).exists()
    services.save_measurement(SYSTEM, shared, municipality=tehran, period="1395-01", value=50, submit=True)
    assert {url: _count(client, url) for url in (BOARD, TREE)} == cached
    link = GoalIndicator.objects.filter(goal__organization=company, goal__is_priority=True).select_related(
        "indicator").first()
    verified = Measurement.objects.verified().filter(indicator=link.indicator).order_by("-period").first()
    services.move_measurement(SYSTEM, verified, "reopen", "a typing error")
    assert all(_count(client, url) > cached[url] for url in (BOARD, TREE))


def test_monitoring_tree(client_for, demo):
    page = client_for("tehran_urban_services").get(TREE).content.decode()
    for text in ("شرکت ساماندهی صنایع و مشاغل شهر تهران", "شرکت شهربان و حریم‌بان", "انتقال مشاغل مزاحم از بافت مسکونی",
                 "SH-01", "IJ-05", "kpi-off_track", "kpi-on_track", "status-overdue", "داده‌ی نمونه"):
        assert text in page, text
    assert page.count('class="monitor-unit"') == 5  # the deputy's office and its four units


def test_board_shows_priority_goals_overdue_data_and_missing_explanations(client_for, demo):
    page = client_for("secretariat").get(BOARD).content.decode()
    assert page.count('class="goal board-goal"') == Goal.objects.filter(is_priority=True).count() == 3
    # SH-01's own row asks for the missing explanation (the form), not merely some text somewhere on the page.
    sh01 = re.search(r'<tr data-indicator="SH-01">(.*?)</tr>', page, re.S)
    assert sh01 and 'name="explanation"' in sh01.group(1) and "بی‌توضیح" in sh01.group(1)
    assert 'data-indicator="IJ-05"' in page and "status-overdue" in page
    assert "رضایت بیشتر شهروندان" not in page  # not a priority goal


def test_indicator_page_has_chart_data_with_jalali_labels(client_for, demo):
    page = client_for("tehran_editor").get("/indicators/IJ-02/").content.decode()
    assert 'id="trend-data"' in page and "vendor/chartjs/chart.umd.min.js" in page
    label = monitoring.latest_due_period("month").label()
    assert label in page  # Persian month name and digits
    assert "طرح جامع شهر تهران" in page and "2-1" in page


def test_document_page_shows_who_cites_each_clause(client_for, demo):
    page = client_for("tehran_editor").get("/documents/tehran-mayor-policies/").content.decode()
    assert "رضایت بیشتر شهروندان از خدمات شرکت" in page and "IJ-03" in page
    assert 'class="unserved"' in page  # clause 3 (innovation) is served by nobody yet


def test_monitoring_needs_sign_in(client, demo):
    for url in (BOARD, TREE, "/indicators/IJ-01/", "/documents/", "/monitoring/import/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_month_entry_saves_all_or_nothing(client_for, demo, next_period):
    client = client_for("tehran_urban_services")
    url = f"/monitoring/tehran-industries-jobs-company/enter/?period={next_period.key}"
    page = client.get(url).content.decode()
    assert "IJ-01" in page and "IJ-02" in page
    from kalanshahr.strategy.models import Indicator

    ids = {i.code: i.pk for i in Indicator.objects.filter(code__in=["IJ-01", "IJ-02", "IJ-03"])}
    response = client.post(url, {"period": next_period.key, f"value-{ids['IJ-01']}": "۴۲",
                                 f"numerator-{ids['IJ-02']}": "۸۰", f"denominator-{ids['IJ-02']}": "۰"})
    assert response.status_code == 200 and "مخرج" in response.content.decode()
    assert not Measurement.objects.filter(period=next_period.key).exists()
    response = client.post(url, {"period": next_period.key, f"value-{ids['IJ-01']}": "۴۲",
                                 f"numerator-{ids['IJ-02']}": "۸۰", f"denominator-{ids['IJ-02']}": "۱۰۰"})
    assert response.status_code == 302
    saved = {m.indicator.code: (m.value, m.status) for m in Measurement.objects.filter(period=next_period.key)}
    assert saved == {"IJ-01": (42, "submitted"), "IJ-02": (80, "submitted")}


def test_verifier_returns_and_verifies_on_the_page(client_for, demo):
    submitted = Measurement.objects.filter(status="submitted", municipality__slug="tehran").first()
    client = client_for("tehran_verifier")
    assert submitted.indicator.code in client.get("/monitoring/verify/").content.decode()
    client.post(f"/measurements/{submitted.pk}/return/", {"reason": ""})
    submitted.refresh_from_db()
    assert submitted.status == "submitted"  # a return needs a reason
    client.post(f"/measurements/{submitted.pk}/return/", {"reason": "منبع را پیوست کنید"})
    submitted.refresh_from_db()
    assert submitted.status == "returned" and submitted.return_reason == "منبع را پیوست کنید"
    assert client_for("mashhad_editor").post(f"/measurements/{submitted.pk}/submit/").status_code == 403


def test_import_upload_preview_then_confirm(client_for, demo, next_period):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("tehran_urban_services")
    text = ("کد شاخص,شهرداری,سازمان,دوره,مقدار\n"
            f"IJ-01,تهران,tehran-industries-jobs-company,{next_period.key},۵۱\n")
    page = client.post("/monitoring/import/", {"file": SimpleUploadedFile("v.csv", text.encode())}).content.decode()
    assert "IJ-01" in page and 'name="confirm"' in page
    assert not Measurement.objects.filter(period=next_period.key).exists()
    response = client.post("/monitoring/import/", {"confirm": "1"})
    assert response.status_code == 302
    assert Measurement.objects.get(period=next_period.key, indicator__code="IJ-01").value == 51
    bad = client.post("/monitoring/import/", {"file": SimpleUploadedFile("v.csv", b"indicator\nX\n")}).content.decode()
    assert "ردیف 1" in bad and 'name="confirm"' not in bad
    wrong_type = client.post("/monitoring/import/", {"file": SimpleUploadedFile("v.pdf", b"%PDF")}).content.decode()
    assert "CSV" in wrong_type


def test_period_report(client_for, demo):
    page = client_for("tehran_urban_services").get("/monitoring/tehran-urban-services/report/").content.decode()
    assert 'media="print"' in page and "SH-01" in page


def test_target_form_and_period_close_button(client_for, demo, next_period):
    from kalanshahr.strategy.models import Target

    client = client_for("tehran_urban_services")
    assert "/indicators/IJ-01/target/" in client.get("/indicators/IJ-01/").content.decode()
    response = client.post("/indicators/IJ-01/target/", {"period": next_period.key, "value": "۴۵", "tolerance": "۵"})
    assert response.status_code == 302
    assert Target.objects.get(indicator__code="IJ-01", period=next_period.key).value == 45
    page = client.post("/indicators/IJ-01/target/", {"period": "1405Q2", "value": "1", "tolerance": "0"})
    assert "نمی‌خواند" in page.content.decode()  # a quarter for a monthly indicator is named as the problem
    tree = client.get(TREE).content.decode()
    assert "/monitoring/tehran-urban-services/close/" in tree
    response = client.post("/monitoring/tehran-shahrban-harimban-company/close/",
                           {"period": monitoring.latest_due_period("month").key}, follow=True)
    assert "SH-01" in response.content.decode()  # refused: its off-track value is not explained
    assert client_for("mashhad_editor").get("/indicators/IJ-01/target/").status_code == 403


def test_programs_actions_and_milestones_on_the_site(client_for, demo):
    from kalanshahr.strategy.models import Milestone, Program

    client = client_for("tehran_urban_services")
    goal = Goal.objects.get(title="انتقال مشاغل مزاحم از بافت مسکونی")
    parent = Program.objects.get(goal=goal, parent=None)
    response = client.post("/monitoring/tehran-urban-services/programs/new/", {
        "goal": goal.pk, "parent": parent.pk, "title": "بازدید از مجموعه‌ی صنفی", "owner_organization": goal.organization.pk,
        "starts_on": "۱۴۰۵/۰۸/۰۱", "ends_on": "۱۴۰۵/۱۲/۲۹", "milestones": "گزارش بازدید | ۱۴۰۵/۱۰/۱۵"})
    assert response.status_code == 302
    action = Program.objects.get(title="بازدید از مجموعه‌ی صنفی")
    assert action.parent == parent and action.milestones.get().due_on.isoformat() == "2027-01-05"
    bad = client.post("/monitoring/tehran-urban-services/programs/new/", {
        "goal": goal.pk, "title": "x", "owner_organization": goal.organization.pk, "starts_on": "1405/08/01",
        "ends_on": "1405/12/29", "milestones": "بی‌تاریخ | فردا"}).content.decode()
    assert "سطر 1" in bad
    client.post(f"/programs/{action.pk}/", {"progress": "۴۰", "status": "in_progress"})
    action.refresh_from_db()
    assert (action.progress, action.status) == (40, "in_progress")
    client.post(f"/programs/{action.pk}/", {"progress": "140", "status": "in_progress"})
    action.refresh_from_db()
    assert action.progress == 40
    late = Milestone.objects.filter(done_on=None).exclude(program=action).first()
    page = client.get(TREE).content.decode()
    assert "بازدید از مجموعه‌ی صنفی" in page and "status-overdue" in page
    client.post(f"/milestones/{late.pk}/done/")
    late.refresh_from_db()
    assert late.done_on is not None
    assert client_for("mashhad_editor").post(f"/programs/{action.pk}/", {"progress": "1", "status": "done"}).status_code == 403


def test_values_show_with_the_indicators_own_number_of_decimal_places(client_for, demo):
    from kalanshahr.lib.persian import persian_digits
    from kalanshahr.strategy.models import Indicator, Measurement

    indicator = Indicator.objects.get(code="IJ-01")
    value = Measurement.objects.filter(indicator=indicator, status="verified").order_by("-period").first().value
    client = client_for("tehran_verifier")
    for places in (0, 2):
        Indicator.objects.filter(pk=indicator.pk).update(precision=places)
        page = client.get("/en/indicators/IJ-01/").content.decode()
        assert f"{value:,.{places}f}" in page, places
    assert persian_digits(f"{value:.2f}".replace(".", "٫")) in client.get("/indicators/IJ-01/").content.decode()
