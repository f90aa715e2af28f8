"""Every demo role against every write on the network app, through the web and the services."""

import pytest

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access, services
from kalanshahr.network.models import AuditEvent, Municipality, Organization

ORGANIZATION_EDITS = {
    "tehran_deputy": "tehran-urban-services",
    "tehran_company": "tehran-industries-jobs-company",
    "tehran_planning": "tehran-planning",
    "mashhad_planning": "mashhad-planning",
    "secretariat_org": "secretariat",
    "authority_org": "municipalities-organization",
}
ALL = set(ORGANIZATION_EDITS) | {"add_unit_tehran_deputy", "edit_tehran_city"}

# What each role may do; everything else must be refused.
ALLOWED = {
    "admin": ALL,
    "secretariat": {"secretariat_org", "edit_tehran_city"},
    "tehran_editor": {"tehran_deputy", "tehran_company", "tehran_planning", "add_unit_tehran_deputy"},
    "mashhad_editor": {"mashhad_planning"},
    "tehran_urban_services": {"tehran_deputy", "tehran_company", "add_unit_tehran_deputy"},
    "authority": set(),
    "expert1": set(),
    "expert2": set(),
    "moderator": set(),
    "citizen": set(),
    "tehran_verifier": set(),
}
CASES = [(user, action, action in allowed) for user, allowed in ALLOWED.items() for action in sorted(ALL)]


def _post(client, action):
    if action in ORGANIZATION_EDITS:
        slug = ORGANIZATION_EDITS[action]
        return client.post(f"/organizations/{slug}/edit/", {"name_fa": "نام تازه", "mission": "مأموریت تازه",
                                                             "duties": "وظیفه‌ی یکم\nوظیفه‌ی دوم"})
    if action == "add_unit_tehran_deputy":
        return client.post("/organizations/tehran-urban-services/add-unit/",
                           {"kind": "department", "name_fa": "اداره‌ی آزمایشی", "name_en": "Test office"})
    return client.post("/cities/tehran/edit/", {"name_fa": "تهران", "name_en": "Tehran", "population": "۹٬۰۰۰٬۰۰۰"})


def _changed(action):
    if action in ORGANIZATION_EDITS:
        organization = Organization.objects.get(slug=ORGANIZATION_EDITS[action])
        return organization.name_fa == "نام تازه" and list(organization.duties.values_list("text", flat=True)) == [
            "وظیفه‌ی یکم", "وظیفه‌ی دوم"]
    if action == "add_unit_tehran_deputy":
        return Organization.objects.filter(name_en="Test office", parent__slug="tehran-urban-services").exists()
    return Municipality.objects.get(slug="tehran").population == 9_000_000


@pytest.mark.parametrize("username, action, allowed", CASES)
def test_web_write_matrix(client_for, users, username, action, allowed):
    client = client_for(username)
    events_before = AuditEvent.objects.count()
    response = _post(client, action)
    if allowed:
        assert response.status_code == 302, response.content.decode()[:500]
        assert _changed(action)
        event = AuditEvent.objects.order_by("-id").first()
        assert event.actor == users[username]
    else:
        assert response.status_code == 403
        body = response.content.decode()
        assert "اجازه" in body or "تنها" in body  # the Persian reason is shown
        assert not _changed(action)
        assert AuditEvent.objects.count() == events_before


@pytest.mark.parametrize("action", sorted(ALL))
def test_anonymous_is_sent_to_login(client_for, action):
    response = _post(client_for(None), action)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not _changed(action)


@pytest.mark.parametrize("username", sorted(ALLOWED))
def test_edit_links_show_only_where_allowed(client_for, username):
    page = client_for(username).get("/organizations/tehran-urban-services/").content.decode()
    assert ("/organizations/tehran-urban-services/edit/" in page) == ("tehran_deputy" in ALLOWED[username])


def test_mashhad_editor_cannot_touch_tehran_through_the_service(users):
    deputy = Organization.objects.get(slug="tehran-urban-services")
    with pytest.raises(AccessDenied) as error:
        services.update_organization(users["mashhad_editor"], deputy, name_fa="تغییر")
    assert error.value.message_fa and error.value.message_en
    deputy.refresh_from_db()
    assert deputy.name_fa != "تغییر"


def test_editable_organizations_matches_can_edit(users):
    organizations = list(Organization.objects.with_related())
    for user in users.values():
        editable = set(access.editable_organizations(user).values_list("pk", flat=True))
        assert editable == {o.pk for o in organizations if access.can_edit_organization(user, o)}, user.username


def test_organization_manager_scope_covers_the_subtree_only(users):
    manager = users["tehran_urban_services"]
    subtree = set(Organization.objects.subtree_of(Organization.objects.get(slug="tehran-urban-services"))
                  .values_list("slug", flat=True))
    assert subtree == {"tehran-urban-services", "tehran-urban-services-planning", "tehran-urban-services-affairs",
                       "tehran-industries-jobs-company", "tehran-shahrban-harimban-company"}
    assert set(access.editable_organizations(manager).values_list("slug", flat=True)) == subtree


def test_a_forgotten_actor_is_an_error_and_the_system_is_named(demo):
    """actor=None once meant "the system, with every right"; now the system is network.access.SYSTEM and a
    missing actor raises, so a call that forgets to pass one cannot act with full rights."""
    from kalanshahr.network import audit
    from kalanshahr.network.access import SYSTEM

    with pytest.raises(TypeError, match="SYSTEM"):
        services.create_municipality(None, slug="nowhere", name_fa="هیچ‌جا")
    assert access.is_system(SYSTEM) and access.is_superuser(SYSTEM)
    city = services.create_municipality(SYSTEM, slug="somewhere", name_fa="جایی")
    event = AuditEvent.objects.filter(action="network.municipality.create").latest("pk")
    assert event.actor is None and audit.stored_user(SYSTEM) is None and city.pk
