"""The S1 pages: content, visibility, exports, and query counts that do not grow with the data."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kalanshahr.meetings.models import Resolution
from kalanshahr.network.models import Municipality

MEETING = "/meetings/financial-administrative-deputies/30/"


def _grow(meeting, make_resolution):
    """More resolutions in every state and more participating cities."""
    for n in range(3):
        city = Municipality.objects.create(name_fa=f"شهر نمونه {n}", slug=f"sample-city-{n}", is_metropolis=True)
        meeting.participants.add(city)
    for state in ("approved", "approved", "submitted", "returned", "draft"):
        make_resolution(state)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("username, url, pinned", [
    # session, user, memberships; meeting; groups; agenda items; resolutions; participants; attendees; commitments
    ("secretariat", MEETING, 10),
    # session, user, memberships; data versions; series; meetings; approved resolutions; count and page of the
    # cities; their adoptions; totals per resolution; working groups
    ("tehran_editor", "/adoptions/", 12),
    ("mashhad_editor", "/adoptions/?series=financial-administrative-deputies&group=DEP", 12),
    # session, user, memberships; then only the sections the role has: decisions (and the letters they came
    # with), resolutions to move, adoptions, commitments (an `__in` over no ids runs no query); for who enters data also the values
    # returned, and the data overdue (their indicators, then measurements and targets of the due periods)
    ("authority", "/my-tasks/", 6),
    ("tehran_editor", "/my-tasks/", 11),
    ("secretariat", "/my-tasks/", 6),
    # anonymous: no session row, user or memberships; no commitments
    (None, MEETING, 6),
    (None, "/adoptions/", 9),
])
def test_list_pages_have_pinned_query_counts(client_for, meeting, make_resolution, username, url, pinned):
    client = client_for(username)
    before = _count(client, url)
    _grow(meeting, make_resolution)
    after = _count(client, url)
    assert (before, after) == (pinned, pinned)


def test_adoption_matrix_is_cached_per_reader_until_an_adoption_changes(client_for, meeting, make_resolution):
    editor = client_for("tehran_editor")
    first = editor.get("/adoptions/").content.decode()
    assert _count(editor, "/adoptions/") == 4  # session, user, memberships, data versions
    assert _count(client_for(None), "/adoptions/") == 9  # another reader, another fragment: no edit links
    assert first.count("/edit/?next=") == client_for("tehran_editor").get("/adoptions/").content.decode().count(
        "/edit/?next=") > 0
    make_resolution("approved")  # the service's audit record retires the cached table
    assert _count(editor, "/adoptions/") == 12


def test_adoption_matrix_pages_its_city_columns(client_for, meeting, monkeypatch):
    monkeypatch.setattr("kalanshahr.meetings.views.MATRIX_CITIES", 5)
    client = client_for("secretariat")
    first = client.get("/adoptions/").content.decode()
    assert first.split("<thead>")[1].split("</thead>")[0].count('<th scope="col">') == 1 + 5
    assert 'href="?cities=2"' in first and "۱۴ از ۱۴" not in first
    last = client.get("/adoptions/?cities=3").content.decode()
    assert last.split("<thead>")[1].split("</thead>")[0].count('<th scope="col">') == 1 + 4  # 14 cities
    assert len(next(csv.reader(io.StringIO(client.get("/adoptions/matrix.csv").content.decode("utf-8-sig"))))) == 2 + 14


def test_meeting_page(client_for, meeting):
    page = client_for("citizen").get(MEETING).content.decode()
    assert "نشست ۳۰" in page
    assert "میزبان: تبریز" in page
    assert "۲۴ آبان ۱۴۰۱" in page and "۲ روز" in page
    assert page.count('class="group"') == 5
    assert page.count("<li>\n      <span class=\"agenda-title\">") == 38
    assert "داده‌ی نمونه" in page
    for state in ("پیش‌نویس", "تصویب‌شده", "بازگردانده", "ردشده"):
        assert state in page


def test_public_meeting_page_hides_unapproved_resolutions(client_for, meeting):
    page = client_for(None).get(MEETING).content.decode()
    for resolution in Resolution.objects.all():
        assert (resolution.code in page) == (resolution.state == "approved"), resolution.code
    assert "تعهدها" not in page


def test_resolution_page_shows_timeline_adoptions_and_actions(client_for, make_resolution):
    resolution = make_resolution("returned")
    page = client_for("secretariat").get(f"/resolutions/{resolution.pk}/").content.decode()
    assert "دلیل آزمایشی" in page  # the return reason in the timeline
    assert f"/resolutions/{resolution.pk}/submit/" in page and f"/resolutions/{resolution.pk}/withdraw/" in page
    assert f"/resolutions/{resolution.pk}/approve/" not in page
    approved = make_resolution("approved")
    page = client_for("tehran_editor").get(f"/resolutions/{approved.pk}/").content.decode()
    assert page.count("/edit/") == 1  # only Tehran's row can be updated by Tehran's editor


def test_public_cannot_open_an_unapproved_resolution(client_for, make_resolution):
    assert client_for(None).get(f"/resolutions/{make_resolution('submitted').pk}/").status_code == 404
    assert client_for(None).get(f"/resolutions/{make_resolution('approved').pk}/").status_code == 200


def test_closing_report_lists_every_group_with_print_stylesheet(client_for, meeting):
    page = client_for("citizen").get(MEETING + "report/").content.decode()
    assert 'media="print"' in page
    assert page.count('report-group"') == 5
    for resolution in Resolution.objects.all():
        assert resolution.code in page


def test_matrix_marks_each_cell_with_text(client_for, meeting):
    page = client_for("mashhad_editor").get("/adoptions/").content.decode()
    approved = Resolution.objects.filter(state="approved").count()
    assert page.count('class="cell status-') == approved * 14
    assert "اجراشده" in page and "در دست اجرا" in page and "در انتظار" in page


def test_my_tasks(client_for, meeting):
    authority_page = client_for("authority").get("/my-tasks/").content.decode()
    assert "در انتظار تصمیم شما" in authority_page
    for resolution in Resolution.objects.filter(state="submitted", authority__slug="municipalities-organization"):
        assert resolution.code in authority_page
    editor_page = client_for("tehran_editor").get("/my-tasks/").content.decode()
    assert "گزارش استقرار حسابرسی داخلی در تهران" in editor_page
    assert "تهران" in editor_page
    empty = client_for("expert1").get("/my-tasks/").content.decode()
    assert "چیزی در انتظار شما نیست" in empty


def test_meeting_exports_have_persian_headers_and_jalali_dates(client_for, meeting):
    client = client_for("secretariat")
    response = client.get(MEETING + "resolutions.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "کد مصوبه" and rows[0][-1] == "تاریخ آخرین تغییر"
    assert len(rows) == 1 + Resolution.objects.count()
    assert rows[1][-1].startswith("14")  # a Jalali year
    response = client.get(MEETING + "resolutions.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft
    assert sheet.cell(1, 1).value == "کد مصوبه"
    assert sheet.max_row == 1 + Resolution.objects.count()


def test_matrix_exports(client_for, meeting):
    client = client_for("citizen")
    rows = list(csv.reader(io.StringIO(client.get("/adoptions/matrix.csv?group=DEP").content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["کد مصوبه", "متن مصوبه"] and "تهران" in rows[0]
    assert len(rows) == 1 + Resolution.objects.filter(state="approved", working_group__code="DEP").count()
    assert {cell for row in rows[1:] for cell in row[2:]} <= {"در انتظار", "در دست اجرا", "اجراشده", "اجرا نمی‌شود", "—"}
    sheet = load_workbook(io.BytesIO(client.get("/adoptions/matrix.xlsx").content)).active
    assert sheet.cell(1, 1).value == "کد مصوبه"
    assert client.get("/adoptions/matrix.pdf").status_code == 404


def test_secretariat_adds_agenda_item_resolution_and_commitment(client_for, meeting):
    client = client_for("secretariat")
    group = meeting.series.working_groups.get(code="AUD")
    response = client.post(MEETING + "agenda/add/", {"working_group": group.pk, "title": "حسابرسی  عملکرد"})
    assert response.status_code == 302
    item = meeting.agenda_items.get(title="حسابرسی عملکرد")
    from kalanshahr.network.models import Organization

    authority = Organization.objects.get(slug="municipalities-organization")
    response = client.post(f"{MEETING}agenda/{item.pk}/resolution/add/", {"text": "متن", "authority": authority.pk})
    resolution = Resolution.objects.get(agenda_item=item)
    assert response["Location"] == f"/resolutions/{resolution.pk}/"
    assert resolution.code == "30-AUD-02" and resolution.state == "draft"
    response = client.post(MEETING + "commitments/add/", {"title": "پیگیری", "due_on": "۱۴۰۵/۱۰/۰۱",
                                                          "owner_organization": authority.pk})
    assert response.status_code == 302
    assert meeting.commitments.get(title="پیگیری").due_on.isoformat() == "2026-12-22"


@pytest.mark.parametrize("username", ["tehran_editor", "authority", "citizen"])
def test_only_the_secretariat_edits_agendas(client_for, meeting, username):
    response = client_for(username).get(MEETING + "agenda/add/")
    assert response.status_code == 403 and "تنها دبیرخانه" in response.content.decode()


def test_commitment_owner_marks_it_done(client_for, meeting):
    commitment = meeting.commitments.get(owner_user__username="tehran_editor")
    assert client_for("mashhad_editor").post(f"/commitments/{commitment.pk}/status/", {"status": "done"}).status_code == 403
    client_for("tehran_editor").post(f"/commitments/{commitment.pk}/status/", {"status": "done"})
    commitment.refresh_from_db()
    assert commitment.status == "done" and commitment.closed_at


def test_secretariat_creates_a_meeting_with_jalali_dates(client_for, meeting):
    client = client_for("secretariat")
    assert "/meetings/new/" in client.get("/meetings/").content.decode()
    cities = list(Municipality.objects.filter(slug__in=["mashhad", "shiraz"]).values_list("pk", flat=True))
    host = Municipality.objects.get(slug="isfahan")
    data = {"series": meeting.series.pk, "number": "۳۲", "host": host.pk, "starts_on": "۱۴۰۲/۰۲/۱۰",
            "ends_on": "۱۴۰۲/۰۲/۱۱", "participants": cities}
    response = client.post("/meetings/new/", data)
    assert response.status_code == 302
    created = meeting.series.meetings.get(number=32)
    assert created.days == 2 and set(created.participants.values_list("slug", flat=True)) == {"mashhad", "shiraz", "isfahan"}
    # The same number again, and an end before the start, are refused next to their fields.
    again = client.post("/meetings/new/", data).content.decode()
    assert "پیش‌تر ثبت شده است" in again
    assert "پیش از روز آغاز" in client.post("/meetings/new/", {**data, "number": "33", "ends_on": "1402/02/01"}).content.decode()


@pytest.mark.parametrize("username", ["tehran_editor", "authority", "citizen"])
def test_only_the_secretariat_creates_meetings(client_for, meeting, username):
    assert client_for(username).get("/meetings/new/").status_code == 403
    assert "/meetings/new/" not in client_for(username).get("/meetings/").content.decode()


@pytest.mark.parametrize("url", [MEETING, MEETING + "report/", "/adoptions/", "/my-tasks/", "/meetings/"])
def test_pages_work_in_english(client_for, meeting, url):
    response = client_for("secretariat").get("/en" + url)
    page = response.content.decode()
    assert response.status_code == 200 and 'dir="ltr"' in page
    assert not any(month in page for month in ("آبان", "آذر"))  # Gregorian dates in English


def test_next_never_leads_off_the_site(client_for, meeting):
    commitment = meeting.commitments.get(owner_user__username="tehran_editor")
    client = client_for("tehran_editor")
    response = client.post(f"/commitments/{commitment.pk}/status/", {"status": "done", "next": "https://evil.example/"})
    assert response["Location"] == "/my-tasks/"
    commitment.refresh_from_db()
    assert commitment.status == "done"
    response = client.post(f"/commitments/{commitment.pk}/status/", {"status": "open", "next": "/adoptions/"})
    assert response["Location"] == "/adoptions/"
