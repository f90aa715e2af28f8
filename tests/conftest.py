import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import snapshot

# Hashing real passwords dominates a suite that creates users in every test.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DEMO_USERNAMES = ["admin", "secretariat", "tehran_editor", "mashhad_editor", "rasht_editor", "tehran_urban_services", "authority",
                  "expert1", "expert2", "moderator", "citizen", "tehran_verifier"]


def load_demo():
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())


_demo_copy = []


def restore_demo():
    """Puts the demo back as loaded at the start of the session (tests/snapshot.py), in a fraction of a load's time."""
    if _demo_copy:
        snapshot.restore(_demo_copy)
    else:
        load_demo()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Loads the demo once into the test database; every `db` test's transaction rolls back to it.

    pytest-django runs transactional tests (the browser ones) after all the others; they flush the
    database when they end, so each of them puts the demo back from the copy taken here (tests/snapshot.py).
    """
    with django_db_blocker.unblock():
        load_demo()
        _demo_copy[:] = snapshot.take()


@pytest.fixture(autouse=True)
def demo_present(request, django_db_blocker):
    """The demo is loaded once per session, but a transactional test (the browser ones) empties the database when it
    ends. Alone, pytest-django runs those last; under xdist a worker may get one before other database tests, so a
    test that finds the demo gone puts it back, committed, before its own transaction begins."""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")  # a module's `pytestmark = pytest.mark.django_db`
    uses_db = "db" in names or (marker is not None and not marker.kwargs.get("transaction"))
    if not uses_db or "transactional_db" in names or "live_server" in names:
        return
    with django_db_blocker.unblock():
        if not get_user_model().objects.filter(username="admin").exists():
            restore_demo()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test's transaction rolls the data versions back with the data, so a fragment cached by one test could
    carry another test's figures under the same key: every test starts with an empty cache."""
    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site's language. A test client's request to /en/ leaves English active in the
    thread (LocaleMiddleware activates and nothing deactivates), so the next test in the worker would read English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo(db):
    """The demo: 14 metropolises, Tehran's deputy and units, one user per role, the 30th meeting."""


@pytest.fixture
def users(demo):
    """Demo users by username."""
    return {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERNAMES)}


@pytest.fixture
def client_for(client, users):
    """client_for("tehran_editor") is a test client signed in as that demo user (None: anonymous)."""

    def signed_in(username):
        client.logout()
        if username:
            client.force_login(users[username])
        return client

    return signed_in


@pytest.fixture
def api_for(users):
    """api_for("authority") is a DRF client authenticating with that demo user's token (None: anonymous)."""

    def client(username):
        api = APIClient()
        if username:
            token, _ = Token.objects.get_or_create(user=users[username])
            api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return api

    return client
