"""The public home page: the latest news, the next meetings, the network's headline figures and a search box."""

import datetime

import pytest
from django.utils import timezone

from kalanshahr.meetings import services
from kalanshahr.meetings.models import Adoption, AdoptionStatus, Meeting
from kalanshahr.meetings.reports import adoption_overview
from kalanshahr.portal.models import News

pytestmark = pytest.mark.django_db


def test_the_home_page_opens_with_news_meetings_figures_and_search(client, demo):
    page = client.get("/").content.decode()
    assert 'role="search"' in page and 'action="/search/"' in page
    latest = News.objects.published().order_by("-published_at").first()
    assert latest.title in page and "همه‌ی خبرها" in page
    assert "میانه‌ی شبکه" in page  # the satisfaction median
    overview = adoption_overview()
    share = str(overview.implemented_share).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert overview.adoptions and f"{share}٪" in page
    meeting = Meeting.objects.order_by("-starts_on").first()
    assert meeting.get_absolute_url() in page


def test_a_meeting_ahead_is_listed_as_next(client, demo):
    meeting = Meeting.objects.order_by("-starts_on").first()
    today = timezone.localdate()
    Meeting.objects.filter(pk=meeting.pk).update(starts_on=today + datetime.timedelta(days=9),
                                                 ends_on=today + datetime.timedelta(days=10))
    page = client.get("/en/").content.decode()
    assert "Next meetings" in page and "Latest meeting" not in page


def test_the_adoption_figure_counts_approved_resolutions_only(demo):
    overview = adoption_overview()
    approved = Adoption.objects.filter(resolution__state="approved")
    assert overview.adoptions == approved.count()
    assert overview.implemented == approved.filter(status=AdoptionStatus.IMPLEMENTED).count()
    assert overview.implemented_share == round(100 * overview.implemented / overview.adoptions)


def test_the_figures_follow_a_change_in_adoption(client, demo, users):
    client.get("/")
    pending = Adoption.objects.filter(resolution__state="approved", status=AdoptionStatus.PENDING,
                                      municipality__slug="tehran").first()
    before = adoption_overview().implemented
    services.update_adoption(users["tehran_editor"], pending, status=AdoptionStatus.IMPLEMENTED,
                             implemented_on=timezone.localdate())
    after = adoption_overview()
    assert after.implemented == before + 1
    digits = str(after.implemented).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert f"{digits} مورد از" in client.get("/").content.decode()  # the stored figures were retired

