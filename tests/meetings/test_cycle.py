"""The meeting cycle through its services (issue 22): the call for proposals and every proposal move × role,
invitations, attendance, minutes, the vote a resolution is adopted with, the letter it leaves with, the reminder of
pending adoptions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kalanshahr.lib.errors import AccessDenied, DomainError, InvalidInput
from kalanshahr.meetings import services
from kalanshahr.meetings.models import Attendance, Letter, Meeting, ProposalState, Vote
from kalanshahr.meetings.workflow import PROPOSAL_TRANSITIONS
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import AuditEvent, Municipality, Notification

from ..conftest import DEMO_USERNAMES

TODAY = timezone.localdate()


@pytest.fixture
def meeting_31(demo):
    """The demo's next meeting (Mashhad, 14 cities), its call for proposals open."""
    return Meeting.objects.with_related().get(number=31)


@pytest.fixture
def cities(demo):
    return {city.slug: city for city in Municipality.objects.filter(slug__in=["tehran", "mashhad", "rasht", "shiraz"])}


@pytest.fixture
def propose(meeting_31, users, cities):
    def make(username="mashhad_editor", city="mashhad", group="REV", **extra):
        texts = {"title": "یکپارچه‌سازی صورت‌حساب عوارض", "problem": "هر منطقه صورت‌حساب جدا می‌فرستد.",
                 "solution": "یک صورت‌حساب یکپارچه برای هر ملک.", **extra}
        return services.submit_proposal(users[username], meeting_31, municipality=cities[city],
                                        working_group=meeting_31.series.working_groups.get(code=group), **texts)
    return make


def test_the_proposal_table_matches_the_domain():
    assert {action: (set(move.sources), move.target, set(move.actors)) for action, move in
            PROPOSAL_TRANSITIONS.items()} == {
        "accept": ({"submitted"}, "accepted", {"secretariat"}),
        "merge": ({"submitted"}, "merged", {"secretariat"}),
        "decline": ({"submitted"}, "declined", {"secretariat"}),
        "withdraw": ({"submitted"}, "withdrawn", {"city"}),
    }


# Who holds each move's role on a proposal of Mashhad: the secretariat's moves, and Mashhad's editor's withdraw.
HOLDERS = {"accept": {"admin", "secretariat"}, "merge": {"admin", "secretariat"}, "decline": {"admin", "secretariat"},
           "withdraw": {"admin", "mashhad_editor"}}


@pytest.mark.parametrize("state", ProposalState.values)
@pytest.mark.parametrize("action", list(PROPOSAL_TRANSITIONS))
def test_every_move_of_a_proposal_for_every_role(propose, users, meeting_31, state, action):
    item = meeting_31.agenda_items.first()
    proposal = None
    for username in DEMO_USERNAMES:
        if proposal is None:
            proposal = propose()
            if state != "submitted":
                move = {"accepted": "accept", "merged": "merge", "declined": "decline", "withdrawn": "withdraw"}[state]
                services.decide_proposal(SYSTEM, proposal, move, agenda_item=item, comment="دلیل")
        before = AuditEvent.objects.count()
        attempt = lambda: services.decide_proposal(users[username], proposal, action, agenda_item=item,  # noqa: E731
                                                   comment="دلیل")
        if username not in HOLDERS[action]:
            with pytest.raises(AccessDenied):
                attempt()
        elif state != "submitted":
            with pytest.raises(DomainError) as error:
                attempt()
            assert error.value.code == "illegal_transition" and error.value.status == 409
        else:
            attempt()
            proposal.refresh_from_db()
            assert proposal.state == PROPOSAL_TRANSITIONS[action].target
            assert AuditEvent.objects.filter(action=f"meetings.proposal.{action}", target_id=str(proposal.pk)).exists()
            proposal = None
            continue
        proposal.refresh_from_db()
        assert proposal.state == state and AuditEvent.objects.count() == before, username


def test_a_city_proposes_for_itself_only_while_the_call_is_open(propose, meeting_31, users, cities):
    with pytest.raises(AccessDenied):
        propose(username="mashhad_editor", city="tehran")
    with pytest.raises(AccessDenied):
        propose(username="secretariat")  # the secretariat decides; cities propose
    with pytest.raises(InvalidInput) as error:
        propose(title="  ")
    assert error.value.field == "title"
    proposal = propose(attachments=[SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%sample\n", "application/pdf")])
    assert proposal.state == "submitted" and [a.name for a in proposal.attachments.all()] == ["note.pdf"]
    assert Notification.objects.filter(user=users["secretariat"], url=proposal.get_absolute_url()).exists()
    services.open_call(SYSTEM, meeting_31, deadline=TODAY - datetime.timedelta(days=1))
    with pytest.raises(InvalidInput) as error:
        propose()
    assert error.value.code == "call_closed"
    with pytest.raises(InvalidInput) as error:
        services.open_call(SYSTEM, meeting_31, deadline=meeting_31.starts_on)
    assert error.value.field == "deadline"


def test_no_call_no_proposal(users, cities, demo):
    meeting_30 = Meeting.objects.get(number=30)
    with pytest.raises(InvalidInput) as error:
        services.submit_proposal(users["mashhad_editor"], meeting_30, municipality=cities["mashhad"],
                                 working_group=meeting_30.series.working_groups.first(), title="ت", problem="م",
                                 solution="ر")
    assert error.value.code == "no_call"


def test_accepting_adds_an_agenda_item_and_the_city_hears_the_outcome(propose, meeting_31, users):
    proposal = propose()
    audit_group = meeting_31.series.working_groups.get(code="AUD")
    services.decide_proposal(users["secretariat"], proposal, "accept", working_group=audit_group)
    proposal.refresh_from_db()
    item = proposal.agenda_item
    assert (proposal.state, item.working_group, item.title, item.meeting) == (
        "accepted", audit_group, proposal.title, meeting_31)
    assert Notification.objects.filter(user=users["mashhad_editor"], url=proposal.get_absolute_url()).exists()


def test_merging_needs_an_item_of_the_same_meeting_and_declining_a_reason(propose, meeting_31, users, demo):
    proposal = propose()
    other_meeting_item = Meeting.objects.get(number=30).agenda_items.first()
    with pytest.raises(InvalidInput) as error:
        services.decide_proposal(users["secretariat"], proposal, "merge", agenda_item=other_meeting_item)
    assert error.value.field == "agenda_item"
    with pytest.raises(InvalidInput) as error:
        services.decide_proposal(users["secretariat"], proposal, "decline", comment=" ")
    assert error.value.code == "comment_required" and error.value.field == "reason"
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    services.decide_proposal(users["secretariat"], proposal, "merge", comment="با پیشنهاد تهران یکی شد.",
                             agenda_item=meeting_31.agenda_items.first())
    proposal.refresh_from_db()
    assert (proposal.state, proposal.reason) == ("merged", "با پیشنهاد تهران یکی شد.")


def test_a_city_names_and_answers_for_its_own_attendees(meeting_31, users, cities):
    attendee = services.invite_attendee(users["mashhad_editor"], meeting_31, municipality=cities["mashhad"],
                                        title="معاون مالی و اداری")
    with pytest.raises(AccessDenied):
        services.invite_attendee(users["mashhad_editor"], meeting_31, municipality=cities["tehran"], title="معاون")
    with pytest.raises(AccessDenied):
        services.answer_invitation(users["tehran_editor"], attendee, "confirmed")
    assert services.answer_invitation(users["mashhad_editor"], attendee, "confirmed").response == "confirmed"
    assert AuditEvent.objects.filter(action="meetings.attendee.respond").exists()
    with pytest.raises(InvalidInput):
        services.answer_invitation(users["mashhad_editor"], attendee, "maybe")


def test_attendance_is_per_day_and_session_and_a_new_list_replaces_the_old(meeting_31, users, cities):
    people = [services.invite_attendee(SYSTEM, meeting_31, municipality=cities[slug], title="معاون")
              for slug in ("mashhad", "tehran", "rasht")]
    revenue = meeting_31.series.working_groups.get(code="REV")
    first_day = meeting_31.starts_on
    services.record_attendance(users["secretariat"], meeting_31, day=first_day, attendees=people)
    services.record_attendance(users["secretariat"], meeting_31, day=first_day, attendees=people[:2],
                               working_group=revenue)
    services.record_attendance(users["secretariat"], meeting_31, day=first_day, attendees=people[1:],
                               working_group=revenue)
    rows = {(row.attendee_id, row.working_group_id) for row in Attendance.objects.filter(attendee__meeting=meeting_31)}
    assert rows == {(p.pk, None) for p in people} | {(p.pk, revenue.pk) for p in people[1:]}
    with pytest.raises(InvalidInput) as error:
        services.record_attendance(users["secretariat"], meeting_31, day=first_day - datetime.timedelta(days=1),
                                   attendees=people)
    assert error.value.field == "day"
    with pytest.raises(AccessDenied):
        services.record_attendance(users["mashhad_editor"], meeting_31, day=first_day, attendees=people)
    foreign = Meeting.objects.get(number=30).attendees.first()
    with pytest.raises(InvalidInput) as error:
        services.record_attendance(users["secretariat"], meeting_31, day=first_day, attendees=[foreign])
    assert error.value.field == "attendees"


def test_minutes_are_recorded_once_per_group_and_corrected_in_place(meeting_31, users):
    revenue = meeting_31.series.working_groups.get(code="REV")
    services.record_minutes(users["secretariat"], meeting_31, revenue, held_on=meeting_31.starts_on, summary="گفت‌وگو")
    minutes = services.record_minutes(users["secretariat"], meeting_31, revenue, held_on=meeting_31.ends_on,
                                      summary="گفت‌وگوی اصلاح‌شده", decisions="تصمیم")
    assert meeting_31.minutes.count() == 1 and minutes.summary == "گفت‌وگوی اصلاح‌شده"
    assert AuditEvent.objects.filter(action="meetings.minutes.record", target_id=str(minutes.pk)).count() == 2
    with pytest.raises(AccessDenied):
        services.record_minutes(users["mashhad_editor"], meeting_31, revenue, held_on=meeting_31.starts_on,
                                summary="x")


@pytest.fixture
def draft_31(propose, meeting_31, users):
    proposal = propose()
    services.decide_proposal(users["secretariat"], proposal, "accept")
    proposal.refresh_from_db()
    from kalanshahr.network.models import Organization
    return services.create_resolution(users["secretariat"], proposal.agenda_item, text="صورت‌حساب عوارض یکپارچه شود.",
                                      authority=Organization.objects.get(slug="municipalities-organization"))


def test_the_working_group_adopts_with_its_vote(draft_31, users, cities):
    ballots = {cities["mashhad"]: "for", cities["tehran"]: "for", cities["rasht"]: "abstain",
               cities["shiraz"]: "against"}
    services.transition_resolution(users["secretariat"], draft_31, "adopt", ballots=ballots)
    vote = Vote.objects.get(resolution=draft_31)
    assert vote.tally() == {"for": 2, "against": 1, "abstain": 1} and not vote.consensus
    assert AuditEvent.objects.filter(action="meetings.vote.record", target_id=str(draft_31.pk)).exists()


@pytest.mark.parametrize("ballots, code", [
    ({"mashhad": "for", "tehran": "against"}, "vote_does_not_carry"),
    ({"mashhad": "maybe"}, "unknown_choice"),
])
def test_a_vote_that_does_not_carry_refuses_the_adoption(draft_31, users, cities, ballots, code):
    with pytest.raises(InvalidInput) as error:
        services.transition_resolution(users["secretariat"], draft_31, "adopt",
                                       ballots={cities[slug]: choice for slug, choice in ballots.items()})
    assert error.value.code == code
    draft_31.refresh_from_db()
    assert draft_31.state == "draft" and not Vote.objects.filter(resolution=draft_31).exists()


def test_a_city_outside_the_meeting_has_no_ballot(draft_31, users, demo):
    from kalanshahr.meetings.models import Meeting as M
    outsider = Municipality.objects.exclude(pk__in=M.objects.get(number=31).participants.all()).first()
    if outsider is None:
        outsider = Municipality.objects.create(slug="sample-town", name_fa="شهر نمونه")
    with pytest.raises(InvalidInput) as error:
        services.transition_resolution(users["secretariat"], draft_31, "adopt", ballots={outsider: "for"})
    assert error.value.code == "ballot_outside_meeting"


def test_a_vote_goes_only_with_the_adoption(draft_31, users, cities):
    services.transition_resolution(users["secretariat"], draft_31, "adopt", consensus=True)
    with pytest.raises(InvalidInput) as error:
        services.transition_resolution(users["secretariat"], draft_31, "submit", consensus=True)
    assert error.value.code == "vote_outside_adoption"


def test_each_submission_issues_a_numbered_letter(draft_31, users):
    services.transition_resolution(users["secretariat"], draft_31, "adopt", consensus=True)
    services.transition_resolution(users["secretariat"], draft_31, "submit")
    services.transition_resolution(users["authority"], draft_31, "return", "هزینه روشن شود.")
    first_text = draft_31.text
    services.update_resolution(users["secretariat"], draft_31, text="متن بازنگری‌شده با هزینه‌ی هر شهر.",
                               authority=draft_31.authority)
    services.transition_resolution(users["secretariat"], draft_31, "submit")
    letters = list(Letter.objects.filter(resolution=draft_31).order_by("pk"))
    # each letter reads as it was sent: the revision went with the second one
    assert [letter.text for letter in letters] == [first_text, "متن بازنگری‌شده با هزینه‌ی هر شهر."]
    year = letters[0].number.split("/")[0]
    assert [letter.number for letter in letters] == [f"{year}/{letter.pk}" for letter in letters]
    assert all(letter.authority_id == draft_31.authority_id and letter.sent_on == TODAY for letter in letters)


def test_the_letter_pdf_names_the_code_the_title_and_the_authority(client_for, draft_31, users):
    from kalanshahr.lib.persian import persian_digits
    from tests.pdf_text import comparable, pdf_text

    services.transition_resolution(users["secretariat"], draft_31, "adopt", consensus=True)
    services.transition_resolution(users["secretariat"], draft_31, "submit")
    letter = draft_31.letters.get()
    response = client_for("authority").get(letter.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    text = comparable(pdf_text(response.content))
    for expected in (draft_31.code, draft_31.agenda_item.title, draft_31.authority.name_fa,
                     persian_digits(letter.number), "موضوع", "شماره"):
        assert comparable(expected) in text, expected
    assert client_for(None).get(letter.get_absolute_url()).status_code == 302  # the public signs in first


def test_pending_adoptions_are_reminded_after_the_configured_days(demo, settings):
    from kalanshahr.meetings import reminders

    settings.ADOPTION_REMINDER_DAYS = 30
    assert not [r for r in reminders.collect(TODAY + datetime.timedelta(days=10), 7) if r.key.startswith("adoption:")]
    settings.ADOPTION_REMINDER_DAYS = 7
    assert [r for r in reminders.collect(TODAY + datetime.timedelta(days=10), 7) if r.key.startswith("adoption:")]
