"""Calendar feeds (ICS, RFC 5545) of the meeting cycle (issue 22): a meeting's own event for "add to calendar",
and subscribed feeds per person and per city with the meetings, the calls' deadlines, the commitments' due dates
and the data due dates. Titles are Persian and descriptions carry the Jalali dates, whatever a calendar client
shows; the feeds are read by calendar clients that cannot sign in, so their addresses carry a signed token.

Written with `icalendar`, which escapes and folds the lines (75 octets, never inside a letter) as RFC 5545 asks:
django-ical would bring django-recurrence and the syndication framework besides (docs/meetings.md, "Calendars").
"""

import datetime

import icalendar
from django.conf import settings
from django.core import signing
from django.utils import timezone, translation
from django.urls import reverse
from django.utils.crypto import salted_hmac

from kalanshahr.lib.jalali import Period, format_date
from kalanshahr.strategy import access as strategy_access
from kalanshahr.strategy.monitoring import grace_days

from . import access
from .models import Commitment, Meeting, ProposalCall

SALT = "kalanshahr.meetings.calendar"
PRODID = "-//Kalanshahr//meetings//FA"


# --- tokens ---------------------------------------------------------------------------------------------------

def _password_mark(user):
    """Changes with the password: a new password retires the feed addresses handed out before."""
    return salted_hmac(SALT, user.password or "").hexdigest()[:12]


def person_token(user):
    return signing.dumps([user.pk, _password_mark(user)], salt=SALT + ".person", compress=True)


def person_for_token(token):
    """The user a personal feed's token stands for, or None (forged, or the password has changed since)."""
    from django.contrib.auth import get_user_model

    try:
        pk, mark = signing.loads(token, salt=SALT + ".person")
    except (signing.BadSignature, ValueError, TypeError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    return user if user is not None and _password_mark(user) == mark else None


def city_token(municipality):
    return signing.dumps(municipality.slug, salt=SALT + ".city")


def city_for_token(token, slug):
    try:
        return signing.loads(token, salt=SALT + ".city") == slug
    except signing.BadSignature:
        return False


# --- events ---------------------------------------------------------------------------------------------------

def _site():
    return settings.SITE_URL.rstrip("/")


def _all_day(uid, day, summary, description, url="", last_day=None):
    event = icalendar.Event()
    event.add("uid", f"{uid}@kalanshahr")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", (last_day or day) + datetime.timedelta(days=1))  # an all-day event ends the day after
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    return event


def meeting_event(meeting):
    url = _site() + meeting.get_absolute_url()
    description = (f"میزبان: {meeting.host.name_fa}\n"
                   f"از {format_date(meeting.starts_on)} تا {format_date(meeting.ends_on)}\n{url}")
    return _all_day(f"meeting-{meeting.pk}", meeting.starts_on, str(meeting), description, url,
                    last_day=meeting.ends_on)


def call_event(call):
    meeting = call.meeting
    url = _site() + meeting.get_absolute_url() + "proposals/"
    return _all_day(f"call-{call.pk}", call.deadline, f"مهلت پیشنهاد دستور کار {meeting}",
                    f"شهرهای شرکت‌کننده تا {format_date(call.deadline)} موضوع پیشنهاد می‌کنند.\n{url}", url)


def commitment_event(commitment):
    source = str(commitment.meeting) if commitment.meeting_id else ""
    return _all_day(f"commitment-{commitment.pk}", commitment.due_on, f"سررسید تعهد: {commitment.title}",
                    f"سررسید: {format_date(commitment.due_on)}\n{source}")


def data_due_events(frequencies, today, horizon=2):
    """The next `horizon` data due dates of each frequency from `today` on: a period's data is due `grace_days()`
    after it ends (strategy.monitoring), so the period just ended may still be due."""
    events = []
    grace = datetime.timedelta(days=grace_days())
    for frequency in sorted(frequencies):
        period = Period.containing(today, frequency).previous()
        while period.end + grace < today:
            period = period.next()
        for _step in range(horizon):
            due = period.end + grace
            events.append(_all_day(f"data-{frequency}-{period.key}", due, f"مهلت ثبت داده‌های {period.label()}",
                                   f"داده‌های {period.label()} تا {format_date(due)} ثبت و راستی‌آزمایی می‌شود.",
                                   _site() + reverse("strategy:index")))
            period = period.next()
    return events


def _calendar(name, events):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


# --- feeds ----------------------------------------------------------------------------------------------------

def meeting_feed(meeting):
    with translation.override("fa"):
        return _calendar(str(meeting), [meeting_event(meeting)])


def _meetings_of(cities=None):
    meetings = Meeting.objects.with_related().order_by("starts_on")
    return meetings if cities is None else meetings.filter(participants__in=cities).distinct()


def person_feed(user, today=None):
    """A person's calendar: the meetings of their cities (every meeting for the secretariat), the proposal calls
    their cities may answer, the commitments they or their organizations own, and the data due dates of the
    indicators they enter. Six queries."""
    today = today or timezone.localdate()
    meetings = list(_meetings_of(access.calendar_cities(user)))
    calls = list(ProposalCall.objects.filter(meeting__in=meetings).select_related("meeting__series"))
    commitments = list(access.commitments_owned_by(user))
    frequencies = set(strategy_access.indicators_entered_by(user).values_list("frequency", flat=True).distinct())
    with translation.override("fa"):
        events = ([meeting_event(m) for m in meetings] + [call_event(c) for c in calls]
                  + [commitment_event(c) for c in commitments] + data_due_events(frequencies, today))
        return _calendar(f"کلانشهر: {user.get_full_name() or user.get_username()}", events)


def city_feed(municipality, today=None):
    """A city's calendar: its meetings, their calls, the open commitments of its organizations, and the due dates
    of the network's shared indicators, which every city reports. Five queries."""
    from kalanshahr.strategy.models import Indicator

    today = today or timezone.localdate()
    meetings = list(_meetings_of([municipality.pk]))
    calls = list(ProposalCall.objects.filter(meeting__in=meetings).select_related("meeting__series"))
    commitments = list(Commitment.objects.with_related().open()
                       .filter(owner_organization__municipality=municipality))
    frequencies = set(Indicator.objects.shared().values_list("frequency", flat=True).distinct())
    with translation.override("fa"):
        events = ([meeting_event(m) for m in meetings] + [call_event(c) for c in calls]
                  + [commitment_event(c) for c in commitments] + data_due_events(frequencies, today))
        return _calendar(f"کلانشهر: {municipality.name_fa}", events)
