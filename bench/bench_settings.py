"""The project's settings with the benchmarks' URLs (the project's plus a trivial view), for gunicorn."""

from kalanshahr.settings import *  # noqa: F403

ROOT_URLCONF = "trivial_urls"
