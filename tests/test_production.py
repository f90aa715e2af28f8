"""The production configuration's parts that run in one process: the .env file, the health endpoint, one JSON log
line per request, and the cache selected by CACHE_URL."""

import json
import logging
import pickle
import re

import pytest
from django.core.cache import cache
from django.db import connection

from kalanshahr.lib import envfile

pytestmark = pytest.mark.django_db


def test_an_env_file_fills_what_the_environment_leaves_unset(tmp_path, monkeypatch):
    path = tmp_path / ".env"
    path.write_text("# production\nKALAN_A=from-file\nKALAN_B = 'quoted value'\n\nKALAN_C=\"x=y\"\n", encoding="utf-8")
    monkeypatch.setenv("KALAN_A", "from-environment")
    monkeypatch.delenv("KALAN_B", raising=False)
    monkeypatch.delenv("KALAN_C", raising=False)
    assert envfile.load(path) == ["KALAN_B", "KALAN_C"]
    import os
    assert (os.environ["KALAN_A"], os.environ["KALAN_B"], os.environ["KALAN_C"]) == (
        "from-environment", "quoted value", "x=y")
    assert envfile.load(tmp_path / "missing.env") == []
    with pytest.raises(ValueError, match="line 1"):
        envfile.parse("not a setting")


def test_health_answers_200_with_each_part(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok" and set(body["checks"]) >= {"database", "cache"}
    assert body["checks"]["database"]["engine"] == connection.vendor


def test_health_names_the_cache_when_it_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["cache"] and "Connection refused" in body["checks"]["cache"]["error"]
    assert body["checks"]["database"]["ok"]


def test_health_names_the_database_when_it_fails(client, monkeypatch):
    from kalanshahr.ops import health

    def refused():
        raise RuntimeError("the database refused the connection")

    monkeypatch.setattr(health, "_database", lambda alias: refused)
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["failing"] == ["database"]


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def test_each_request_leaves_one_json_line_with_its_id_user_time_and_queries(client_for, users, settings):
    settings.LOG_REQUESTS = True
    lines = _Lines()
    logging.getLogger("kalanshahr.requests").addHandler(lines)
    try:
        client = client_for("tehran_editor")
        response = client.get("/news/", headers={"X-Request-ID": "edge-1234abcd"})
        client.get("/health/", headers={"X-Request-ID": "bad id with spaces"})
    finally:
        logging.getLogger("kalanshahr.requests").removeHandler(lines)
    first, second = (json.loads(line) for line in lines.lines)
    assert response["X-Request-ID"] == "edge-1234abcd" and first["request_id"] == "edge-1234abcd"
    assert first["method"] == "GET" and first["path"] == "/news/" and first["status"] == 200
    assert first["user"] == users["tehran_editor"].pk and first["queries"] >= 2 and first["ms"] > 0
    assert len(second["request_id"]) == 32 and second["request_id"] != "bad id with spaces"


def test_cache_url_selects_django_s_redis_cache(monkeypatch):
    import importlib

    from kalanshahr import settings as project_settings

    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6399/3")
    monkeypatch.setenv("SESSION_ENGINE", "cached_db")
    try:
        reloaded = importlib.reload(project_settings)
        assert reloaded.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert reloaded.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6399/3"
        assert reloaded.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    finally:
        monkeypatch.delenv("CACHE_URL")
        monkeypatch.delenv("SESSION_ENGINE")
        importlib.reload(project_settings)


@pytest.fixture
def shared_cache(settings):
    """The default cache pointed at a Redis server started for the test (settings.CACHES is restored after)."""
    from django.core.cache import caches

    from tests.redis_server import redis_server

    with redis_server() as (url, process):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
        caches["default"].clear()
        yield url, process


def test_a_fragment_stored_by_one_app_server_is_read_by_another(client, shared_cache):
    import redis

    url, _process = shared_cache
    client.get("/satisfaction/")  # this "server" builds and stores the dashboard's panels in Redis
    other_server = redis.Redis.from_url(url)  # another process's own connection to the same Redis
    stored = [key for key in other_server.keys("*") if b"fragment:benchmarking.satisfaction.panel:" in key]
    assert len(stored) == 3, "the fragments of the three panels are in the shared cache"
    panels = [pickle.loads(other_server.get(key)) for key in stored]  # Django's RedisCache pickles values
    assert any("رضایت شهروندان" in html for _versions, html in panels)
    assert all(versions.count(".") >= 3 for versions, _html in panels)  # the data versions each was built under
    assert other_server.keys("*data-version:strategy"), "and so are the present data versions"


def test_health_names_the_cache_when_redis_is_stopped(client, shared_cache):
    _url, process = shared_cache
    assert client.get("/health/").json()["checks"]["cache"]["backend"] == "RedisCache"
    process.terminate()
    process.wait(timeout=10)
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["failing"] == ["cache"]
    assert "Connection" in response.json()["checks"]["cache"]["error"]


def test_with_a_shared_cache_a_stored_fragment_costs_no_query_and_a_write_retires_it(
        client, shared_cache, django_assert_num_queries, django_capture_on_commit_callbacks):
    from kalanshahr.network import fragments

    def build(n):
        return "404.html", {}

    class Request:
        COOKIES = {}
        META = {}

    fragments.cached(Request(), "test.shared", ["strategy"], (1,), build)  # stores the fragment and the version
    with django_assert_num_queries(0):
        fragments.cached(Request(), "test.shared", ["strategy"], (1,), build)
    before = fragments.versions(["strategy"])
    with django_capture_on_commit_callbacks(execute=True):
        fragments.bump("strategy")
    assert fragments.versions(["strategy"]) != before, "the committed counter is copied into the shared cache"


def test_metrics_count_requests_by_route_behind_a_token(client, settings):
    from kalanshahr.lib import requestlog
    from kalanshahr.ops import metrics

    settings.METRICS_TOKEN = "scrape-token-0123456789"
    requestlog.observers.append(metrics.observe)
    try:
        client.get("/news/")
        client.get("/news/")
        assert client.get("/metrics/").status_code == 404
        assert client.get("/metrics/", headers={"Authorization": "Bearer wrong"}).status_code == 404
        response = client.get("/metrics/", headers={"Authorization": "Bearer scrape-token-0123456789"})
    finally:
        requestlog.observers.remove(metrics.observe)
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    counted = re.search(r'kalanshahr_requests_total\{method="GET",route="portal:news_list",status="200"\} (\S+)', text)
    assert counted and float(counted[1]) >= 2
    assert 'kalanshahr_request_seconds_bucket{le="0.15",route="portal:news_list"}' in text
    assert re.search(r'kalanshahr_db_queries_total\{route="portal:news_list"\} [1-9]', text)
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics/", headers={"Authorization": "Bearer "}).status_code == 404


def test_behind_pgbouncer_no_server_side_cursors_and_no_persistent_connections(monkeypatch):
    import importlib

    from kalanshahr import settings as project_settings

    monkeypatch.setenv("DATABASE_URL", "postgres://kalanshahr@127.0.0.1:6432/kalanshahr")
    monkeypatch.setenv("DATABASE_POOLER", "pgbouncer")
    try:
        reloaded = importlib.reload(project_settings)
        assert reloaded.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
        assert reloaded.DATABASES["default"]["CONN_MAX_AGE"] == 0
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)
