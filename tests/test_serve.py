"""The production configuration in its own processes: gunicorn with two workers, DEBUG off, WhiteNoise serving the
static files, a Redis cache shared by the workers, one JSON line per request on standard output, and /health/
answering 200, then 503 naming the cache once Redis is stopped. What `make serve` runs, on a fresh SQLite file."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .processes import free_port
from .redis_server import redis_server

ROOT = Path(__file__).resolve().parent.parent

# The processes run on their own SQLite file whatever database the suite runs on: once, in the SQLite run, is
# enough (the multi-node test of #19 is where PostgreSQL's topology is exercised).
pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")),
                                reason="runs once, in the SQLite run: its processes use their own SQLite file")


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def production(tmp_path):
    with redis_server() as (cache_url, redis_process):
        port = free_port()
        env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "TESTING",
                                                                              "CAPTCHA_TEST_MODE")}
        env.update(DEBUG="0", SECRET_KEY="serve-test-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1", ENV_FILE=os.devnull,
                   SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
                   SQLITE_PATH=str(tmp_path / "db.sqlite3"), STATIC_ROOT=str(tmp_path / "static"),
                   MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
                   CACHE_URL=cache_url, LOG_REQUESTS="1", STATIC_COMPRESS="0", BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2")
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        log = tmp_path / "gunicorn.out"
        with open(log, "wb") as out:
            server = subprocess.Popen([sys.executable, "-m", "gunicorn", "kalanshahr.wsgi:application",
                                       "--config", "gunicorn.conf.py"], cwd=ROOT, env=env, stdout=out,
                                      stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if _get(base + "/health/")[0] in (200, 503):
                        break
                except OSError:
                    pass
                assert server.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "gunicorn did not answer within a minute"
                time.sleep(0.2)
            yield base, redis_process, log
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_gunicorn_serves_the_production_configuration(production):
    base, redis_process, log = production
    status, _headers, body = _get(base + "/health/")
    health = json.loads(body)
    assert status == 200 and health["checks"]["cache"]["backend"] == "RedisCache", health

    status, headers, body = _get(base + "/")
    assert status == 200 and b'<html lang="fa" dir="rtl">' in body
    assert "X-Request-ID" in headers and "Content-Security-Policy" in headers
    status, headers, _body = _get(base + "/static/css/kalanshahr.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")  # WhiteNoise, DEBUG off
    assert _get(base + "/no-such-page/")[0] == 404  # DEBUG off: no technical page

    redis_process.terminate()
    redis_process.wait(timeout=10)
    status, _headers, body = _get(base + "/health/")
    assert status == 503 and json.loads(body)["failing"] == ["cache"]

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert {line["path"] for line in lines} >= {"/", "/health/", "/no-such-page/"}
    page = next(line for line in lines if line["path"] == "/")
    assert page["status"] == 200 and page["user"] is None and page["queries"] >= 1 and len(page["request_id"]) == 32
