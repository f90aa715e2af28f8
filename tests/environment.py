"""Loaded with `-p` (see pyproject.toml) so it runs before pytest-django reads the settings."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-that-is-long-enough-to-look-real-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("TESTING", "1")
# Tasks run at once, in the test's own transaction: the e-mails they send land in the test outbox.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# A .env left in the checkout by `make serve` is production's: the suite never reads it.
os.environ["ENV_FILE"] = os.devnull
os.environ["DEBUG"] = "0"
# Tests never send mail or talk to the network; Django swaps in locmem mail for the test run.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The browser tests talk plain HTTP to a loopback server.
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
# The browser tests solve the captcha through django-simple-captcha's test mode ("passed").
os.environ.setdefault("CAPTCHA_TEST_MODE", "1")
# Uploads made by the tests go to a throwaway directory, never into the checkout.
_uploads = tempfile.mkdtemp(prefix="kalanshahr-test-uploads-")
os.environ.setdefault("MEDIA_ROOT", os.path.join(_uploads, "media"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", os.path.join(_uploads, "private"))
