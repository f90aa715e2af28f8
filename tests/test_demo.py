import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from kalanshahr.benchmarking.models import Standing, StandingSummary
from kalanshahr.network.models import AuditEvent, Municipality, Organization

from .conftest import DEMO_USERNAMES, load_demo, restore_demo


def _snapshot(*labels):
    out = io.StringIO()
    call_command("dumpdata", *(labels or ("network", "auth")), "--natural-foreign", "--indent", "0", stdout=out)
    return out.getvalue()


def _everything():
    """Every app's rows; the standings without their ids, which each rebuild of them renews."""
    out = io.StringIO()
    call_command("dumpdata", "network", "auth", "strategy", "meetings", "benchmarking", "ideas", "portal", "workspace",
                 "--exclude", "benchmarking.standing", "--exclude", "benchmarking.standingsummary",
                 "--natural-foreign", "--indent", "0", stdout=out)
    ranked = (sorted(Standing.objects.values_list("indicator", "period", "municipality", "value", "rank", "tied")),
              sorted(StandingSummary.objects.values_list("indicator", "period", "reported", "median", "mean")))
    assert ranked[0] and ranked[1]
    return out.getvalue(), ranked


def test_load_demo_twice_changes_nothing(db):
    # From an empty database (the flush is rolled back with the test's transaction).
    call_command("flush", "--noinput", verbosity=0)
    assert not Municipality.objects.exists()
    load_demo()
    first = _snapshot()
    load_demo()
    assert _snapshot() == first


def test_the_suites_copy_of_the_demo_puts_back_exactly_what_loading_it_writes(db):
    # Transactional tests get the demo back from tests/snapshot.py instead of loading it again; what it writes back
    # must be the demo itself (every app's rows, same ids): loading the demo over it changes nothing.
    load_demo()
    loaded = _everything()
    call_command("flush", "--noinput", verbosity=0)
    restore_demo()
    assert _everything() == loaded
    load_demo()
    assert _everything() == loaded


def test_demo_has_the_seed_network(demo):
    assert Municipality.objects.metropolises().count() == 14
    assert set(Municipality.objects.values_list("name_fa", flat=True)) == {
        "تهران", "مشهد", "تبریز", "همدان", "کرمانشاه", "اهواز", "رشت", "اصفهان", "شیراز", "زاهدان", "ارومیه", "کرمان", "قم", "کرج"}
    assert not Municipality.objects.filter(population_is_sample=False).exists()  # every invented population is flagged
    deputy = Organization.objects.get(slug="tehran-urban-services")
    assert {o.slug for o in deputy.children.all()} == {
        "tehran-urban-services-planning", "tehran-urban-services-affairs",
        "tehran-industries-jobs-company", "tehran-shahrban-harimban-company"}
    assert all(o.mission and o.duties.exists() for o in Organization.objects.subtree_of(deputy))
    assert Organization.objects.authorities().exists()


def test_demo_users_can_log_in_and_the_loader_prints_them(db, client, settings):
    settings.AXES_ENABLED = False  # client.login() gives authenticate() no request, which django-axes needs
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert set(DEMO_USERNAMES) <= set(get_user_model().objects.values_list("username", flat=True))
    for username in DEMO_USERNAMES:
        assert username in out.getvalue()
        assert client.login(username=username, password="kalanshahr-demo"), username


def test_demo_is_written_through_services(demo):
    assert AuditEvent.objects.filter(action="network.organization.create").count() == Organization.objects.count()


def test_demo_ideas_cover_every_state_with_reviews_and_a_measured_pilot(demo):
    from django.core import mail

    from kalanshahr.ideas.models import Idea, IdeaState, Review
    from kalanshahr.ideas.pilots import before_after

    assert set(Idea.objects.values_list("state", flat=True)) == set(IdeaState.values)
    assert Idea.objects.filter(is_sample_data=False).count() == 0
    citizen = Idea.objects.public().get(municipality__slug="tehran", pilot__isnull=False, state="evaluated")
    assert citizen.origin == "citizen"
    assert set(Review.objects.completed().values_list("expert__username", flat=True)) == {"expert1", "expert2"}
    lines = before_after(citizen.pilot, list(citizen.pilot.indicators.all()))
    assert lines and all(line.before is not None and line.after is not None for line in lines)
    assert mail.outbox == [], "the demo emails nobody"


def test_demo_news_has_comments_of_every_verdict_and_is_searchable(demo):
    from django.contrib.auth.models import AnonymousUser

    from kalanshahr.network.search import search
    from kalanshahr.portal.models import Comment, News

    assert News.objects.published().count() == 3
    assert set(Comment.objects.values_list("verdict", flat=True)) == {"publish", "review", "reject"}
    reasons = {reason for row in Comment.objects.values_list("reasons", flat=True) for reason in row}
    assert reasons == {"insult", "accusation", "not_persian", "off_topic", "spam"}
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert {hit.kind for hit in search("تبریز", AnonymousUser())} >= {"news"}
