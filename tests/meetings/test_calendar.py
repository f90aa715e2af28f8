"""Calendar feeds (issue 22): a meeting's "add to calendar", and the feeds per person and per city, with Persian
titles and Jalali dates, behind signed addresses that a password change retires."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from kalanshahr.lib.jalali import format_date
from kalanshahr.meetings import calendar
from kalanshahr.meetings.models import Meeting
from kalanshahr.network.models import Municipality

SERIES = "financial-administrative-deputies"


def _events(content):
    parsed = icalendar.Calendar.from_ical(content)
    return {str(event["uid"]): event for event in parsed.walk("VEVENT")}


def test_a_meeting_goes_to_a_calendar_in_persian_with_jalali_dates(client, demo):
    meeting = Meeting.objects.get(number=30)
    response = client.get(f"/meetings/{SERIES}/30/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = _events(response.content).values()
    assert str(event["summary"]) == "نشست ۳۰ از نشست‌های تخصصی معاونان مالی و اداری شهرداری‌های کلانشهرها"
    assert event.decoded("dtstart") == meeting.starts_on
    assert event.decoded("dtend") == meeting.ends_on + datetime.timedelta(days=1)  # all day, both days
    assert format_date(meeting.starts_on) in str(event["description"]) and "تبریز" in str(event["description"])
    # RFC 5545: no line longer than 75 octets, and a fold never splits a Persian letter (every line decodes)
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines) and all(line.decode("utf-8") is not None for line in lines)


def test_a_persons_feed_has_their_meetings_calls_commitments_and_data_due_dates(client, client_for, users):
    page = client_for("tehran_editor").get("/calendar/").content.decode()
    token = calendar.person_token(users["tehran_editor"])
    assert f"/calendar/u/{token}.ics" in page and "/calendar/cities/tehran/" in page
    events = _events(client.get(f"/calendar/u/{token}.ics").content)  # no session: the token is the key
    meeting_31 = Meeting.objects.get(number=31)
    assert f"meeting-{meeting_31.pk}@kalanshahr" in events
    assert f"call-{meeting_31.proposal_call.pk}@kalanshahr" in events
    owned = [uid for uid in events if uid.startswith("commitment-")]
    assert owned, "Tehran's editor owns an open commitment in the demo"
    assert any(uid.startswith("data-month-") for uid in events)  # they enter Tehran's monthly data
    due = next(event for uid, event in events.items() if uid.startswith("data-"))
    assert str(due["summary"]).startswith("مهلت ثبت داده‌های")


def test_a_forged_or_retired_address_reads_nothing(client, users):
    user = users["mashhad_editor"]
    token = calendar.person_token(user)
    assert any(uid.startswith("meeting-") for uid in _events(client.get(f"/calendar/u/{token}.ics").content))
    assert client.get(f"/calendar/u/{token[:-2]}xx.ics").status_code == 404
    user.set_password("a-new-password-for-mashhad")
    user.save()
    assert client.get(f"/calendar/u/{token}.ics").status_code == 404
    other = calendar.city_token(Municipality.objects.get(slug="tehran"))
    assert client.get(f"/calendar/cities/mashhad/{other}.ics").status_code == 404  # Tehran's token, Mashhad's feed


def test_a_citys_feed_has_its_meetings_and_the_shared_data_due_dates(client, demo):
    rasht = Municipality.objects.get(slug="rasht")
    events = _events(client.get(f"/calendar/cities/rasht/{calendar.city_token(rasht)}.ics").content)
    meetings = {uid for uid in events if uid.startswith("meeting-")}
    assert meetings == {f"meeting-{m.pk}@kalanshahr" for m in Meeting.objects.filter(participants=rasht)}
    today = timezone.localdate()
    assert all(event.decoded("dtstart") >= today for uid, event in events.items() if uid.startswith("data-"))


@pytest.mark.parametrize("username", ["secretariat", "citizen"])
def test_the_calendar_page_offers_what_the_reader_may_subscribe_to(client_for, username):
    page = client_for(username).get("/calendar/").content.decode()
    assert "/calendar/u/" in page
    assert ("/calendar/cities/tehran/" in page) is (username == "secretariat")


def test_the_data_due_dates_start_with_the_period_still_due():
    from kalanshahr.strategy.monitoring import grace_days

    today = datetime.date(2026, 12, 7)  # 16 Azar 1405: Aban's data is due 20 days after it ended, on 11 December
    events = calendar.data_due_events({"month"}, today)
    due = [event.decoded("dtstart") for event in events]
    assert due[0] >= today and due[0] - datetime.timedelta(days=grace_days()) < today
    assert [str(event["uid"]) for event in events] == ["data-month-1405-08@kalanshahr", "data-month-1405-09@kalanshahr"]
