"""The menu shows what each person's roles use; notifications record what happened to their work, read and unread,
in the reader's language; the menu's badges count them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from kalanshahr.meetings import services as meeting_services
from kalanshahr.meetings.models import Resolution
from kalanshahr.network import services as network_services
from kalanshahr.network.models import Notification
from kalanshahr.portal import services as portal_services
from kalanshahr.portal.models import Comment, CommentState
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Measurement

pytestmark = pytest.mark.django_db


def _menu(client, path="/"):
    page = client.get(path).content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S)[0]
    return re.findall(r'<a href="([^"]+)"', nav), nav


@pytest.mark.parametrize("username, present, absent", [
    (None, ["/ideas/public/", "/search/"], ["/monitoring/", "/my-tasks/", "/notifications/", "/moderation/"]),
    ("citizen", ["/ideas/public/", "/notifications/"], ["/monitoring/", "/my-tasks/", "/ideas/", "/moderation/"]),
    ("moderator", ["/moderation/", "/my-tasks/", "/notifications/"], ["/monitoring/", "/monitoring/verify/"]),
    ("tehran_verifier", ["/monitoring/", "/monitoring/verify/", "/monitoring/board/"], ["/moderation/"]),
    ("expert2", ["/ideas/", "/ideas/reviews/"], ["/monitoring/", "/moderation/"]),
    ("authority", ["/meetings/", "/my-tasks/"], ["/monitoring/", "/ideas/", "/moderation/"]),
    ("secretariat", ["/monitoring/", "/ideas/", "/benchmarking/", "/my-tasks/"], ["/moderation/"]),
])
def test_the_menu_offers_what_the_roles_use(client_for, username, present, absent):
    links, _nav = _menu(client_for(username))
    for path in present:
        assert path in links, (username, path)
    for path in absent:
        assert path not in links, (username, path)


def test_the_menu_marks_the_page_being_shown(client_for):
    client = client_for("tehran_verifier")
    _links, nav = _menu(client, "/monitoring/verify/")
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', nav) == ["/monitoring/verify/"]
    _links, nav = _menu(client, "/en/")
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', nav) == ["/en/"]


def test_a_returned_value_notifies_the_person_who_entered_it(users):
    measurement = Measurement.objects.filter(status="submitted", municipality__slug="tehran").select_related(
        "indicator__organization").first()
    measurement.entered_by = users["tehran_urban_services"]
    measurement.save(update_fields=["entered_by"])
    before = Notification.objects.filter(user=measurement.entered_by).count()
    strategy_services.move_measurement(users["tehran_verifier"], measurement, "return", "منبع را بنویسید")
    notes = Notification.objects.filter(user=measurement.entered_by)
    assert notes.count() == before + 1
    note = notes.first()
    assert note.read_at is None and measurement.indicator.code in note.text
    assert note.url == f"/monitoring/{measurement.indicator.organization.slug}/enter/?period={measurement.period}"


def test_a_submitted_resolution_notifies_its_authority_and_nobody_twice(users):
    resolution = Resolution.objects.filter(state__in=["adopted", "returned"], authority__slug__isnull=False).first()
    before = Notification.objects.count()
    meeting_services.transition_resolution(users["secretariat"], resolution, "submit")
    new = Notification.objects.order_by("-pk")[: Notification.objects.count() - before]
    assert {note.user.username for note in new} == {"authority"}
    assert resolution.code in new[0].text


def test_a_moderators_decision_notifies_a_signed_in_commenter(users):
    comment = Comment.objects.filter(state=CommentState.PENDING, user__isnull=False).first()
    if comment is None:
        comment = Comment.objects.filter(state=CommentState.PENDING).first()
        comment.user = users["citizen"]
        comment.save(update_fields=["user"])
    portal_services.moderate(users["moderator"], [comment], "approve")
    assert Notification.objects.filter(user=comment.user, message="Your comment was published.").exists()


def test_the_notification_page_reads_in_each_language_and_marks_them_read(client_for, users):
    citizen = users["citizen"]
    Notification.objects.filter(user=citizen).delete()
    translation.activate("en")  # the address given in English is kept in its Persian form
    network_services.notify([citizen], "Resolution %(code)s was approved: record your city's adoption.",
                            url="/en/meetings/", code="30-ADM-01")
    translation.activate("fa")
    network_services.notify([citizen, citizen, None], "Your comment was published.", url="")  # once per person
    client = client_for("citizen")
    assert client.get(reverse("workspace:task_counts")).json() == {"total": 0, "unread": 2}
    page = client.get("/notifications/").content.decode()
    assert "مصوبه‌ی <bdi" in page and "30-ADM-01" in page and page.count('class="notification unread"') == 2
    english = client.get("/en/notifications/").content.decode()
    assert "was approved: record your city" in english

    first = Notification.objects.filter(user=citizen, url="/meetings/").get()
    response = client.post(f"/en/notifications/{first.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/en/meetings/"  # in the reader's language
    first.refresh_from_db()
    assert first.is_read
    assert client.get(reverse("workspace:task_counts")).json()["unread"] == 1

    response = client.post("/notifications/", follow=True)
    assert "۱ اعلان خوانده‌شده علامت خورد." in response.content.decode()
    assert not Notification.objects.filter(user=citizen, read_at=None).exists()
    assert client_for("moderator").post(f"/notifications/{first.pk}/open/").status_code == 404  # not theirs


def test_an_empty_notification_list_says_what_will_come(client_for, users):
    Notification.objects.filter(user=users["citizen"]).delete()
    page = client_for("citizen").get("/notifications/").content.decode()
    assert "هنوز اعلانی ندارید" in page and "<form method=\"post\">" not in page.split("<main", 1)[1]


def test_notifying_nobody_writes_nothing():
    before = Notification.objects.count()
    assert network_services.notify([], "Your comment was published.") == 0
    assert Notification.objects.count() == before
