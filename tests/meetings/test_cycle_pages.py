"""The meeting cycle's pages and API (issue 22): proposing with a file and deciding in the browser's forms, the
vote on the adoption form, attendance and minutes, the follow-up report (page, PDF, pinned queries), and the API's
access rules and error shape."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalanshahr.meetings import services
from kalanshahr.meetings.models import AgendaProposal, Attendance, Meeting, Minutes, Resolution, Vote
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import Municipality, Organization

SERIES = "financial-administrative-deputies"
M31 = f"/meetings/{SERIES}/31"


@pytest.fixture
def meeting_31(demo):
    return Meeting.objects.with_related().get(number=31)


def test_a_city_proposes_with_a_file_and_the_secretariat_accepts_it(client_for, meeting_31):
    editor = client_for("mashhad_editor")
    page = editor.get(f"{M31}/proposals/").content.decode()
    assert "پیشنهاد موضوع" in page and "درآمد شهرداری‌ها از فضای تبلیغاتی" in page  # the demo's accepted one
    form = editor.get(f"{M31}/proposals/new/").content.decode()
    mashhad = Municipality.objects.get(slug="mashhad")
    assert f'value="{mashhad.pk}" selected' in form  # Mashhad's editor speaks for Mashhad only
    revenue = meeting_31.series.working_groups.get(code="REV")
    response = editor.post(f"{M31}/proposals/new/", {
        "municipality": mashhad.pk, "working_group": revenue.pk, "title": "صورت‌حساب یکپارچه‌ی عوارض",
        "problem": "هر منطقه جدا صورت‌حساب می‌فرستد.", "solution": "یک صورت‌حساب برای هر ملک.",
        "attachments": [SimpleUploadedFile("نمونه.pdf", b"%PDF-1.4\n%sample\n", "application/pdf")]})
    proposal = AgendaProposal.objects.get(title="صورت‌حساب یکپارچه‌ی عوارض")
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    file = proposal.attachments.get()
    assert editor.get(file.get_absolute_url()).status_code == 200
    secretariat = client_for("secretariat")
    detail = secretariat.get(proposal.get_absolute_url()).content.decode()
    assert "پذیرش در دستور کار" in detail and "دلیل رد" in detail
    audit = meeting_31.series.working_groups.get(code="AUD")
    secretariat.post(f"/proposals/{proposal.pk}/accept/", {"working_group": audit.pk})
    proposal.refresh_from_db()
    assert proposal.state == "accepted" and proposal.agenda_item.working_group == audit
    seen = client_for("mashhad_editor").get(proposal.get_absolute_url()).content.decode()
    assert "در دستور کار با عنوان «صورت‌حساب یکپارچه‌ی عوارض»" in seen


def test_a_decline_without_a_reason_is_told_and_changes_nothing(client_for, meeting_31):
    proposal = AgendaProposal.objects.get(meeting=meeting_31, state="submitted")
    page = client_for("secretariat").post(f"/proposals/{proposal.pk}/decline/", {"comment": ""}, follow=True)
    assert "دلیل رد" in page.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert client_for("mashhad_editor").post(f"/proposals/{proposal.pk}/withdraw/").status_code == 403  # Rasht's


def test_the_adoption_form_records_each_citys_vote(client_for, meeting_31):
    proposal = AgendaProposal.objects.filter(meeting=meeting_31, state="accepted").first()
    resolution = services.create_resolution(SYSTEM, proposal.agenda_item, text="روش مشترک قیمت‌گذاری تبلیغات",
                                            authority=Organization.objects.get(slug="municipalities-organization"))
    client = client_for("secretariat")
    form = client.get(f"/resolutions/{resolution.pk}/adopt/").content.decode()
    assert 'name="consensus"' in form and 'name="ballot_mashhad"' in form
    against = client.post(f"/resolutions/{resolution.pk}/adopt/", {"ballot_mashhad": "for", "ballot_tehran": "against"})
    assert "با ۱ موافق و ۱ مخالف، مصوبه تصویب نمی‌شود." in against.content.decode()
    response = client.post(f"/resolutions/{resolution.pk}/adopt/", {"ballot_mashhad": "for", "ballot_tehran": "for",
                                                                     "ballot_rasht": "abstain"})
    assert response.status_code == 302
    vote = Vote.objects.get(resolution=resolution)
    assert vote.tally() == {"for": 2, "against": 0, "abstain": 1}
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert "موافق: ۲ · مخالف: ۰ · ممتنع: ۱" in page


def test_attendance_and_minutes_pages(client_for, demo):
    meeting = Meeting.objects.get(number=30)
    page = client_for("tehran_editor").get(f"/meetings/{SERIES}/30/attendance/").content.decode()
    assert "شرکت می‌کند" in page and "ثبت حاضران" not in page  # the city answers; only the secretariat records
    client = client_for("secretariat")
    tehran = meeting.attendees.get(municipality__slug="tehran")
    day = meeting.ends_on
    response = client.post(f"/meetings/{SERIES}/30/attendance/", {
        "record": "1", "record-day": day.isoformat(), "record-working_group": meeting.series.working_groups.get(
            code="REV").pk, "record-attendees": [tehran.pk]})
    assert response.status_code == 302
    assert Attendance.objects.filter(attendee=tehran, day=day, working_group__code="REV").exists()
    minutes = client.get(f"/meetings/{SERIES}/30/minutes/REV/").content.decode()
    assert "روش‌های محاسبه‌ی عوارض نوسازی" in minutes and "موافق: ۱۱ · مخالف: ۱ · ممتنع: ۲" in minutes
    client.post(f"/meetings/{SERIES}/30/minutes/AUD/", {"held_on": meeting.starts_on.isoformat(),
                                                         "summary": "حسابرسی داخلی بررسی شد."})
    assert Minutes.objects.get(meeting=meeting, working_group__code="AUD").summary == "حسابرسی داخلی بررسی شد."


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_follow_up_report_lists_earlier_resolutions_with_adoption_and_silent_cities(client_for, meeting_31):
    client = client_for("secretariat")
    count, response = _count(client, f"{M31}/follow-up/")
    page = response.content.decode()
    approved = Resolution.objects.filter(meeting__number=30, state="approved").order_by("code").first()
    row = page.split(f'data-resolution="{approved.code}"')[1].split("</tr>")[0]
    assert "تصویب" in row and "data-city=" in row  # its decision and the cities that have not reported
    draft = Resolution.objects.get(meeting__number=30, state="draft")
    assert f'data-resolution="{draft.code}"' not in page  # a draft was never decided
    assert "گزارش پیشرفت اجرای مصوبات به دبیرخانه" in page  # an overdue commitment of meeting 30
    # session, user, the meeting, resolutions, decisions, adoptions, overdue commitments, the user's memberships (menu)
    assert count == 8
    more = services.create_resolution(SYSTEM, Meeting.objects.get(number=30).agenda_items.first(), text="یکی دیگر",
                                      authority=Organization.objects.get(slug="municipalities-organization"))
    for action in ("adopt", "submit", "approve"):
        services.transition_resolution(SYSTEM, more, action, consensus=action == "adopt")
    assert _count(client, f"{M31}/follow-up/")[0] == count
    pdf = client.get(f"{M31}/follow-up.pdf")
    assert pdf["Content-Type"] == "application/pdf"


def test_the_api_proposes_for_ones_own_city_and_the_secretariat_decides(api_for, meeting_31):
    body = {"meeting": meeting_31.pk, "municipality": "tehran", "working_group": "FIN", "title": "گزارش نقدینگی",
            "problem": "قالب‌ها ناهمسان است.", "solution": "قالب یکسان."}
    refused = api_for("mashhad_editor").post("/api/v1/agenda-proposals/", body, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    created = api_for("tehran_editor").post("/api/v1/agenda-proposals/", body, format="json")
    assert created.status_code == 201 and created.json()["state"] == "submitted"
    pk = created.json()["id"]
    bad_group = api_for("tehran_editor").post("/api/v1/agenda-proposals/", {**body, "working_group": "XYZ"},
                                              format="json")
    assert bad_group.status_code == 400 and "working_group" in str(bad_group.json())
    assert api_for("tehran_editor").post(f"/api/v1/agenda-proposals/{pk}/decide/", {"action": "accept"},
                                         format="json").status_code == 403
    declined = api_for("secretariat").post(f"/api/v1/agenda-proposals/{pk}/decide/", {"action": "decline"},
                                           format="json")
    assert declined.status_code == 400 and declined.json()["error"]["code"] == "comment_required"
    accepted = api_for("secretariat").post(f"/api/v1/agenda-proposals/{pk}/decide/", {"action": "accept"},
                                           format="json")
    assert accepted.status_code == 200 and accepted.json()["agenda_item"]
    again = api_for("secretariat").post(f"/api/v1/agenda-proposals/{pk}/decide/", {"action": "accept"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "illegal_transition"


def test_the_api_records_attendance_minutes_and_the_vote_with_the_adoption(api_for, meeting_31):
    attendee = api_for("mashhad_editor").post("/api/v1/meeting-attendees/", {
        "meeting": meeting_31.pk, "municipality": "mashhad", "title": "معاون مالی"}, format="json").json()
    answered = api_for("mashhad_editor").post(f"/api/v1/meeting-attendees/{attendee['id']}/answer/",
                                              {"response": "confirmed"}, format="json")
    assert answered.json()["response"] == "confirmed"
    present = api_for("secretariat").post("/api/v1/attendance/", {
        "meeting": meeting_31.pk, "day": str(meeting_31.starts_on), "attendees": [attendee["id"]]}, format="json")
    assert present.status_code == 201 and [row["attendee"] for row in present.json()] == [attendee["id"]]
    outside = api_for("secretariat").post("/api/v1/attendance/", {
        "meeting": meeting_31.pk, "day": str(meeting_31.starts_on - datetime.timedelta(days=3)), "attendees": []},
        format="json")
    assert outside.status_code == 400 and outside.json()["error"]["field"] == "day"
    assert api_for("tehran_editor").post("/api/v1/minutes/", {
        "meeting": meeting_31.pk, "working_group": "REV", "held_on": str(meeting_31.starts_on), "summary": "خلاصه"},
        format="json").status_code == 403
    proposal = AgendaProposal.objects.filter(meeting=meeting_31, state="accepted").first()
    resolution = services.create_resolution(SYSTEM, proposal.agenda_item, text="متن",
                                            authority=Organization.objects.get(slug="municipalities-organization"))
    adopted = api_for("secretariat").post(f"/api/v1/resolutions/{resolution.pk}/transition/", {
        "action": "adopt", "ballots": [{"municipality": "mashhad", "choice": "for"},
                                       {"municipality": "tehran", "choice": "abstain"}]}, format="json")
    assert adopted.status_code == 200 and adopted.json()["state"] == "adopted"
    votes = api_for("rasht_editor").get("/api/v1/votes/", {"resolution": resolution.pk}).json()
    ballots = votes["results"][0]["ballots"] if "results" in votes else votes[0]["ballots"]
    assert {(b["municipality"], b["choice"]) for b in ballots} == {("mashhad", "for"), ("tehran", "abstain")}
    assert api_for(None).get("/api/v1/votes/").status_code in (401, 403)


def test_the_proposals_page_reads_a_fixed_number_of_queries(client_for, meeting_31, users):
    client = client_for("secretariat")
    before, first = _count(client, f"{M31}/proposals/")
    revenue = meeting_31.series.working_groups.get(code="REV")
    for n in range(3):
        services.submit_proposal(users["tehran_editor"], meeting_31,
                                 municipality=Municipality.objects.get(slug="tehran"),
                                 working_group=revenue, title=f"موضوع {n}", problem="م", solution="ر",
                                 attachments=[SimpleUploadedFile(f"f{n}.pdf", b"%PDF-1.4\n%x\n", "application/pdf")])
    after, response = _count(client, f"{M31}/proposals/")
    assert after == before
    assert response.content.decode().count("data-proposal=") == first.content.decode().count("data-proposal=") + 3
