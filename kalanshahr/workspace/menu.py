"""The main menu, by the person's roles: a reader sees the public pages, each role adds the places it works in.

The menu only decides what is offered; every page still checks its own access (each app's access.py), so a link
left out here hides nothing a person may open by its address. Read once per request from the memberships that
network.access already caches on the user.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from kalanshahr.network import access
from kalanshahr.network.models import Role
from kalanshahr.surveys import access as surveys_access

# Roles that keep indicators and their values, and so use monitoring, the board and benchmarking.
MONITORING_ROLES = {Role.SECRETARIAT, Role.MUNICIPALITY_EDITOR, Role.ORGANIZATION_MANAGER, Role.VERIFIER}
# Roles that read or write the shared experience of the cities.
EXCHANGE_ROLES = {Role.SECRETARIAT, Role.MUNICIPALITY_EDITOR, Role.ORGANIZATION_MANAGER}
# Roles that see the ideas pipeline from inside (the public sees published ideas only).
IDEAS_ROLES = {Role.SECRETARIAT, Role.MUNICIPALITY_EDITOR, Role.EXPERT_REVIEWER}


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url: str
    current: bool = False


def _roles(user):
    if access.is_superuser(user):
        return set(Role.values)
    return access.roles(user)


def links(user):
    """The menu's links in order, for this user."""
    roles = _roles(user)
    signed_in = user.is_authenticated
    found = [
        ("home", _("Home"), "home"),
        ("news", _("News"), "portal:news_list"),
        ("meetings", _("Meetings"), "meetings:meeting_list"),
        ("adoption", _("Adoption matrix"), "meetings:adoption_matrix"),
    ]
    if roles & MONITORING_ROLES:
        found += [("monitoring", _("Monitoring"), "strategy:index"),
                  ("board", _("Supervision board"), "strategy:board")]
    if Role.VERIFIER in roles:
        found.append(("verify", _("Verification"), "strategy:verify"))
    if roles & MONITORING_ROLES:
        found.append(("benchmarking", _("Benchmarking"), "benchmarking:compare"))
    if roles & EXCHANGE_ROLES:
        found.append(("experiences", _("Experiences"), "benchmarking:experiences"))
    if roles & IDEAS_ROLES:
        found.append(("ideas", _("Ideas"), "ideas:ideas"))
    if Role.EXPERT_REVIEWER in roles:
        found.append(("reviews", _("My reviews"), "ideas:reviews"))
    if not roles & IDEAS_ROLES:
        found.append(("public-ideas", _("Citizens' ideas"), "ideas:public_ideas"))
    if Role.MODERATOR in roles:
        found += [("moderation", _("Moderation"), "portal:moderation"),
                  ("survey-moderation", _("Survey answers"), "surveys:moderation")]
    if surveys_access.runs_any(user):
        found.append(("surveys", _("Citizen surveys"), "surveys:waves"))
    found += [("satisfaction", _("Citizen satisfaction"), "benchmarking:satisfaction"),
              ("search", _("Search"), "portal:search")]
    if signed_in:
        found.append(("notifications", _("Notifications"), "workspace:notifications"))
    if roles:
        found.append(("tasks", _("My tasks"), "workspace:my_tasks"))
    if user.is_staff:
        found.append(("admin", _("Administration"), "admin:index"))
    return [Link(key, label, reverse(name)) for key, label, name in found]


def _with_current(found, path):
    """Marks the link of the page being shown: the longest link address the path starts with
    (the home page's address starts every path, so only the home page itself marks it)."""
    matches = [link for link in found if path == link.url or (link.key != "home" and path.startswith(link.url))]
    current = max(matches, key=lambda link: len(link.url), default=None)
    return [Link(link.key, link.label, link.url, current=link is current) for link in found]


def main_menu(request):
    """Context processor: `main_menu`, computed only when a template shows it (fragments and e-mails never do).
    A request refused before the authentication middleware ran (a NUL in it) has no user: it gets the public menu."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {"main_menu": SimpleLazyObject(lambda: _with_current(links(user), request.path))}
