from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from captcha import views as captcha_views
from django.urls import include, path, re_path
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from kalanshahr.lib import captcha
from kalanshahr.ops import health, metrics
from kalanshahr.portal import views as portal_views, views_home as portal_home
from kalanshahr.portal.feeds import SITEMAPS

# django-simple-captcha's own routes, under the same names, answering only GET and HEAD.
CAPTCHA_PATTERNS = [
    re_path(r"image/(?P<key>\w+)/$", require_safe(captcha_views.captcha_image), {"scale": 1}, name="captcha-image"),
    re_path(r"image/(?P<key>\w+)@2/$", require_safe(captcha_views.captcha_image), {"scale": 2},
            name="captcha-image-2x"),
    re_path(r"audio/(?P<key>\w+).wav$", require_safe(captcha_views.captcha_audio), name="captcha-audio"),
    re_path(r"refresh/$", require_safe(captcha.refresh), name="captcha-refresh"),
]
FORM_METHODS = ["GET", "HEAD", "POST"]

# Pages are Persian at / and English at /en/. set_language sits inside the prefixed patterns so
# that it runs in the page's language and can translate the page's URL into the other one.
urlpatterns = [
    path("api/", include("kalanshahr.api_urls")),
    # Outside the language prefix: one sitemap, and a service worker whose scope is the whole site.
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sw.js", portal_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", portal_views.manifest, name="manifest"),
    path("health/", health.health, name="health"),
    path("metrics/", metrics.metrics, name="metrics"),
]

urlpatterns += i18n_patterns(
    # Without a CSRF token: switching the interface language changes nothing but the reader's own language
    # cookie, and a switch without a per-reader token lets a public page be stored and served whole.
    path("i18n/setlang/", csrf_exempt(require_http_methods(FORM_METHODS)(set_language)), name="set_language"),
    path("", portal_home.home, name="home"),
    # The public pages early: patterns are tried in order, and a news page served from the cache spends a fifth of
    # its time finding its pattern when it comes last (docs/performance.md, the topology benchmark).
    path("", include("kalanshahr.portal.urls")),
    path("accounts/login/", require_http_methods(FORM_METHODS)(auth_views.LoginView.as_view()), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("kalanshahr.network.urls")),
    path("", include("kalanshahr.meetings.urls")),
    path("", include("kalanshahr.strategy.urls")),
    path("", include("kalanshahr.benchmarking.urls")),
    path("", include("kalanshahr.ideas.urls")),
    path("", include("kalanshahr.surveys.urls")),
    path("", include("kalanshahr.workspace.urls")),
    path("captcha/", include(CAPTCHA_PATTERNS)),
    prefix_default_language=False,
)

handler404 = "kalanshahr.lib.views.page_not_found"
