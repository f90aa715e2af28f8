import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "a-production-like-secret-key-of-fifty-or-more-characters-0123456789abcdef",
    "ALLOWED_HOSTS": "kalanshahr.example.org",
    "DEBUG": "0",
}


def _manage(*args, env):
    """manage.py in a clean environment: only what a shell provides, plus `env`."""
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH")}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_has_no_warnings_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_explicit_settings(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    assert settings.DEBUG is False
    result = _manage("shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DEBUG)", env={"DEBUG": "1"})
    assert result.stdout.strip() == "True", result.stderr


def test_sqlite_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    code = ("from django.db import connection; c = connection.cursor(); "
            "print([c.execute('PRAGMA ' + p).fetchone()[0] for p in ('journal_mode', 'foreign_keys', 'busy_timeout')])")
    result = _manage("shell", "--no-imports", "-c", code, env={"DEBUG": "1", "SQLITE_PATH": str(tmp_path / "wal.sqlite3")})
    assert result.stdout.strip() == "['wal', 1, 20000]", result.stderr


def test_database_url_selects_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = _manage("shell", "--no-imports", "-c", code, env={"DEBUG": "1", "DATABASE_URL": "postgres://u@127.0.0.1:5432/k"})
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_env_example_documents_every_variable():
    documented = {line.split("=", 1)[0].lstrip("# ").strip()
                  for line in (ROOT / ".env.example").read_text().splitlines() if "=" in line}
    source = (ROOT / "kalanshahr" / "settings.py").read_text()
    used = set(re.findall(r'env(?:bool|int|list)?\("([A-Z_]+)"', source)) | set(re.findall(r'os\.environ(?:\.get)?[\[(]"([A-Z_]+)"', source))
    assert used - documented == set()


def test_production_static_build_serves_the_local_font(tmp_path):
    """collectstatic with the hashed manifest storage resolves every url() in our CSS, the font included (the
    gzip and Brotli copies, most of its time, are left out: STATIC_COMPRESS=0 keeps the same manifest)."""
    result = _manage("collectstatic", "--noinput", env={**PRODUCTION, "STATIC_ROOT": str(tmp_path),
                                                         "STATIC_COMPRESS": "0"})
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("vendor/vazirmatn/Vazirmatn-Variable.*.woff2"))
    assert list(tmp_path.glob("vendor/htmx/htmx.min.*.js")) and list(tmp_path.glob("vendor/chartjs/chart.umd.min.*.js"))
    css = next(tmp_path.glob("css/fonts.*.css")).read_text()
    assert "Vazirmatn-Variable." in css and "http" not in css


PRODUCTION_PROBE = """
import json
from django.conf import settings
from django.test import Client
# The API, since pages need collectstatic's manifest in production; the headers come from the same middleware.
response = Client().get("/api/v1/meetings/", secure=True, HTTP_HOST="kalanshahr.example.org")
print(json.dumps({"status": response.status_code, "hsts": response.get("Strict-Transport-Security"),
                  "referrer": response.get("Referrer-Policy"), "csp": response.get("Content-Security-Policy"),
                  "frame": response.get("X-Frame-Options"), "nosniff": response.get("X-Content-Type-Options"),
                  "csrf_secure": settings.CSRF_COOKIE_SECURE, "session_secure": settings.SESSION_COOKIE_SECURE,
                  "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
                  "plain_http": Client().get("/", HTTP_HOST="kalanshahr.example.org").status_code}))
"""


def test_production_answers_with_hsts_a_strict_csp_and_secure_cookies(tmp_path):
    """What a browser receives from a production configuration, not only what `check --deploy` reads."""
    import json

    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "production.sqlite3")}
    assert _manage("migrate", "-v0", env=env).returncode == 0
    result = _manage("shell", "-c", PRODUCTION_PROBE, env=env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["referrer"] == "same-origin" and seen["frame"] == "DENY" and seen["nosniff"] == "nosniff"
    assert "script-src 'self'" in seen["csp"] and "unsafe-inline" not in seen["csp"].split("script-src")[1].split(";")[0]
    assert seen["csrf_secure"] and seen["session_secure"] and seen["session_httponly"]
    assert seen["plain_http"] == 301  # plain HTTP is sent to HTTPS
