from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .feeds import AtomNewsFeed, NewsFeed

app_name = "portal"

urlpatterns = [
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_form, name="news_add"),
    path("news/rss/", require_safe(NewsFeed()), name="rss"),
    path("news/atom/", require_safe(AtomNewsFeed()), name="atom"),
    path("news/tags/<str:name>/", views.tag_news, name="tag"),
    path("news/cities/<slug:slug>/", views.city_news, name="city"),
    path("news/<int:code>/", views.news_detail, name="news"),
    path("news/<int:code>/comment/", views.comment_form, name="comment"),
    path("news/<int:code>/edit/", views.news_form, name="news_edit"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("search/", views.search_page, name="search"),
    path("offline/", views.offline, name="offline"),
]
