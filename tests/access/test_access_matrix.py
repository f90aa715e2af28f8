"""Every route of the URLconf and of the API router, for every role, against tests/access/expected.txt.

The routes are read from the resolver, so a view added without a row in the table fails
`test_every_route_has_a_row`. Each cell is one request as that role on a demo object (see samples.py):

    +  allowed: the view did its work, or answered a validation error (200, 201, 204, 302, 400)
    -  refused: 401, 403 or 404
    L  sent to the login page
    .  the method is not offered (405)
    x  the move is refused in the object's present state (409)

A refused write must leave no audit event behind, and no anonymous request may leave one at all.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from kalanshahr.network.models import AuditEvent

from .samples import Samples

TABLE = Path(__file__).with_name("expected.txt")


@pytest.fixture(autouse=True)
def no_typesetting(monkeypatch):
    """The matrix asks who may open a PDF, not how it is typeset (tests/test_pdf.py does): its template is still
    rendered, the typesetting (seconds a request, for every allowed role) is left out."""
    monkeypatch.setattr("kalanshahr.lib.pdf.html_to_pdf", lambda html: b"%PDF-1.4\n%access matrix\n")

API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
WEB_METHODS = ("GET", "POST")


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern)


def routes(admin=False):
    """{name: route} for every route but the admin site's, which has its own test below (admin=True: only those)."""
    found = {}
    for name, route in _walk(get_resolver().url_patterns):
        if route.startswith("admin/") == admin:
            found.setdefault(name, route)
    return found


def read_table():
    """{(route name, method): {column: outcome}} and the columns, from expected.txt."""
    columns, rows = None, {}
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        if fields[0] == "route":
            columns = fields[2:]
            continue
        name, method, cells = fields[0], fields[1], fields[2:]
        assert columns and len(cells) == len(columns), f"expected.txt line {number}: {len(cells)} cells"
        assert (name, method) not in rows, f"expected.txt line {number}: {name} {method} appears twice"
        rows[name, method] = dict(zip(columns, cells))
    return columns, rows


COLUMNS, TABLE_ROWS = read_table()
USERNAMES = {"an": None, "ci": "citizen", "se": "secretariat", "te": "tehran_editor", "ma": "mashhad_editor",
             "us": "tehran_urban_services", "ve": "tehran_verifier", "au": "authority", "ex": "expert2",
             "mo": "moderator", "ad": "admin"}


def methods_for(route):
    return API_METHODS if route.startswith("api/") else WEB_METHODS


def outcome(response):
    code = response.status_code
    if code == 302 and "/login/" in response.get("Location", ""):
        return "L"
    if code in (401, 403, 404):
        return "-"
    if code == 405:
        return "."
    if code == 409:
        return "x"
    if code in (200, 201, 204, 301, 302, 400):
        return "+"
    return str(code)


def test_every_route_has_a_row():
    missing = [f"{name} {method}" for name, route in routes().items() for method in methods_for(route)
               if (name, method) not in TABLE_ROWS]
    unnamed = [route for name, route in routes().items() if not name]
    stale = sorted({name for name, _method in TABLE_ROWS} - set(routes()))
    assert not unnamed, f"routes without a name cannot be checked: {unnamed}"
    assert not missing, "routes missing from tests/access/expected.txt:\n" + "\n".join(missing)
    assert not stale, f"rows for routes that no longer exist: {stale}"
    assert set(COLUMNS) == set(USERNAMES)


@pytest.fixture(scope="module")
def sessions(django_db_setup, django_db_blocker):
    """Each person signed in once for the module ({column: (session key, API token)}), not in each of its ~370
    tests: signing eleven people in was a sixth of a route's time. The sessions are committed, and deleted when the
    module ends with the tokens it made, and the people's last sign-in put back, so that the demo is as loaded for
    the tests after it; each test's clients start from these cookies again (a cell may have signed its client out)."""
    from django.contrib.sessions.models import Session

    from tests.conftest import restore_demo

    with django_db_blocker.unblock():
        if not get_user_model().objects.filter(username="admin").exists():
            restore_demo()  # a transactional test ran before this module on this worker
        names = [name for name in USERNAMES.values() if name]
        users = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
        last_login = {user.pk: user.last_login for user in users.values()}  # signing in moves it; put back at the end
        signed, new_tokens = {}, []
        for column, username in USERNAMES.items():
            if username:
                client = Client()
                client.force_login(users[username])
                token, created = Token.objects.get_or_create(user=users[username])
                new_tokens += [token.pk] if created else []
                signed[column] = (client.session.session_key, token.key)
    yield signed
    with django_db_blocker.unblock():
        Session.objects.filter(session_key__in=[key for key, _token in signed.values()]).delete()
        Token.objects.filter(pk__in=new_tokens).delete()
        for pk, when in last_login.items():
            get_user_model().objects.filter(pk=pk).update(last_login=when)


def _clients(sessions):
    web, api = {}, {}
    for column in USERNAMES:
        web[column] = Client()
        api[column] = Client()
        if column in sessions:
            session_key, token = sessions[column]
            web[column].cookies[settings.SESSION_COOKIE_NAME] = session_key
            api[column].defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return web, api


def _request(client, method, path, body):
    if method == "GET":
        return client.get(path)
    if method == "POST" and not path.startswith("/api/"):
        return client.post(path, body)
    return client.generic(method, path, data=json.dumps(body), content_type="application/json")


def _try(client, method, path, body):
    """One request, rolled back afterwards so that no cell sees another's writes."""
    before = AuditEvent.objects.count()
    with transaction.atomic():
        response = _request(client, method, path, body)
        wrote = AuditEvent.objects.count() != before
        transaction.set_rollback(True)
    cache.clear()
    return outcome(response), wrote


ROUTES = routes()


@pytest.mark.parametrize("name", sorted(n for n in ROUTES if n))
def test_route(demo, sessions, name):
    samples = Samples()
    route = ROUTES[name]
    path = reverse(name, kwargs=samples.kwargs(name))
    web, api = _clients(sessions)
    clients = api if route.startswith("api/") else web
    problems, observed = [], []
    for method in methods_for(route):
        expected = TABLE_ROWS.get((name, method))
        cells = {}
        for column in COLUMNS:
            got, wrote = _try(clients[column], method, path, samples.body(name, method))
            cells[column] = got
            if expected and got != expected[column]:
                problems.append(f"{column} ({USERNAMES[column]}) {method} {path}: expected {expected[column]}, got {got}")
            if wrote and (got != "+" or column == "an"):
                problems.append(f"{column} {method} {path}: answered {got} but wrote an audit event")
        observed.append(f"{name:40} {method:7}" + "  ".join(cells[c] for c in COLUMNS))
    if os.environ.get("ACCESS_MATRIX_DRAFT"):
        with open(os.environ["ACCESS_MATRIX_DRAFT"], "a", encoding="utf-8") as draft:
            draft.write("\n".join(observed) + "\n")
    assert not problems, "\n".join(problems + ["observed:"] + observed)


@pytest.mark.parametrize("name", sorted(n for n in ROUTES if n))
def test_anonymous_writes_never_succeed(demo, name):
    """Every writing method, with the valid bodies above, as nobody: no audit event and no 2xx for a write.

    The public forms (a comment, an idea) take anonymous posts behind a captcha; the bodies here carry
    none, so they too must come back unsaved.
    """
    samples = Samples()
    path = reverse(name, kwargs=samples.kwargs(name))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        got, wrote = _try(Client(), method, path, samples.body(name, method))
        assert not wrote, f"anonymous {method} {path} wrote an audit event"
        assert got != "+" or method == "POST" and TABLE_ROWS[name, "POST"]["an"] == "+", f"anonymous {method} {path}: {got}"


ADMIN_ROUTES = sorted({(name or "", route) for name, route in _walk(get_resolver().url_patterns)
                       if route.startswith("admin/") and name not in ("admin:login", "admin:logout")})


def _admin_path(name, route):
    """An admin URL with placeholder arguments: non-staff users must be turned away before anything is read."""
    arguments = [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]
    if not name:  # the admin's unnamed redirects to an object's change page
        return "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)
    return reverse(name, kwargs={key: "network" if key == "app_label" else "1" for key in arguments})


def test_admin_site_is_staff_only(demo, sessions):
    """Every route of /admin/ but its sign-in, GET and POST, for every demo role but the superuser: sent to sign in."""
    web, _api = _clients(sessions)
    problems, checked = [], 0
    for name, route in ADMIN_ROUTES:
        path = _admin_path(name, route)
        for method in WEB_METHODS:
            for column in COLUMNS:
                if column == "ad":
                    continue
                got, wrote = _try(web[column], method, path, {})
                checked += 1
                if got != "L" or wrote:
                    problems.append(f"{column} {method} {path}: {got}")
    assert checked == len(ADMIN_ROUTES) * len(WEB_METHODS) * (len(COLUMNS) - 1) > 3000
    assert not problems, "\n".join(problems)
    assert web["ad"].get(reverse("admin:index")).status_code == 200
