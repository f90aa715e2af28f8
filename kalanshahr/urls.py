from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import set_language

from kalanshahr.network import views as network_views
from kalanshahr.portal import views as portal_views
from kalanshahr.portal.feeds import SITEMAPS

# Pages are Persian at / and English at /en/. set_language sits inside the prefixed patterns so
# that it runs in the page's language and can translate the page's URL into the other one.
urlpatterns = [
    path("api/", include("kalanshahr.api_urls")),
    # Outside the language prefix: one sitemap, and a service worker whose scope is the whole site.
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sw.js", portal_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", portal_views.manifest, name="manifest"),
]

urlpatterns += i18n_patterns(
    path("i18n/setlang/", set_language, name="set_language"),
    path("", network_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("kalanshahr.network.urls")),
    path("", include("kalanshahr.meetings.urls")),
    path("", include("kalanshahr.strategy.urls")),
    path("", include("kalanshahr.benchmarking.urls")),
    path("", include("kalanshahr.ideas.urls")),
    path("", include("kalanshahr.portal.urls")),
    path("captcha/", include("captcha.urls")),
    prefix_default_language=False,
)
