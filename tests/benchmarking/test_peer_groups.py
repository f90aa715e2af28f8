"""The secretariat keeps the peer groups: schemes, groups and their member cities, through the services, the pages
and the API; everyone else only reads them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalanshahr.benchmarking import services
from kalanshahr.benchmarking.models import PeerGroup, PeerMembership, PeerScheme
from kalanshahr.lib.errors import AccessDenied, InvalidInput
from kalanshahr.network.audit import history

pytestmark = pytest.mark.django_db


def members(slug):
    return sorted(PeerMembership.objects.filter(group__slug=slug).values_list("municipality__slug", flat=True))


# --- services --------------------------------------------------------------------------------------


def test_edit_a_scheme_and_a_group_with_an_audit_trail(users, cities):
    secretariat = users["secretariat"]
    scheme = services.create_scheme(secretariat, slug="coast", name_fa="ساحلی", kind="custom")
    group = services.create_group(secretariat, scheme, slug="north-coast", name_fa="شمال", members=[cities["rasht"]])
    services.update_scheme(secretariat, scheme, name_fa="کرانه‌ها", name_en="Coasts", kind="region")
    services.update_group(secretariat, group, name_fa="کرانه‌ی شمال", members=[cities["rasht"], cities["tabriz"]])
    scheme.refresh_from_db()
    group.refresh_from_db()
    assert (scheme.name_fa, scheme.name_en, scheme.kind) == ("کرانه‌ها", "Coasts", "region")
    assert group.name_fa == "کرانه‌ی شمال" and members("north-coast") == ["rasht", "tabriz"]
    actions = [event.action for event in history(group)]
    assert actions[:2] == ["benchmarking.group.members", "benchmarking.group.update"]
    assert history(group)[0].changes == {"members": [["rasht"], ["rasht", "tabriz"]]}
    assert history(scheme)[0].changes["kind"] == ["custom", "region"]


def test_unchanged_members_write_no_audit_event(users, cities):
    group = PeerGroup.objects.get(slug="population-over-2m")
    before = len(history(group))
    services.set_group_members(users["secretariat"], group, list(group.members.all()))
    assert len(history(group)) == before


def test_deleting_a_group_frees_its_cities_for_another_group(users, cities):
    secretariat = users["secretariat"]
    services.delete_group(secretariat, PeerGroup.objects.get(slug="population-over-2m"))
    assert not PeerGroup.objects.filter(slug="population-over-2m").exists()
    assert not PeerMembership.objects.filter(municipality=cities["tehran"]).exists()
    services.update_group(secretariat, PeerGroup.objects.get(slug="population-1m-2m"), name_fa="بزرگ",
                          members=[cities["tehran"], cities["karaj"]])
    assert members("population-1m-2m") == ["karaj", "tehran"]


@pytest.mark.parametrize("slug", ["", "با فاصله", "population-band"])
def test_a_scheme_needs_a_free_latin_slug(users, slug):
    with pytest.raises(InvalidInput) as error:
        services.create_scheme(users["secretariat"], slug=slug, name_fa="الف", kind="custom")
    assert error.value.field == "slug" and error.value.message_fa and error.value.message_en


def test_a_group_needs_a_persian_name(users):
    scheme = PeerScheme.objects.get(slug="population-band")
    with pytest.raises(InvalidInput) as error:
        services.create_group(users["secretariat"], scheme, slug="empty-name", name_fa="  ")
    assert error.value.field == "name_fa"
    assert not PeerGroup.objects.filter(slug="empty-name").exists()


def test_a_refused_member_leaves_the_group_as_it_was(users, cities):
    group = PeerGroup.objects.get(slug="population-under-1m")
    with pytest.raises(InvalidInput) as error:
        services.update_group(users["secretariat"], group, name_fa="تازه", members=[cities["rasht"], cities["tehran"]])
    assert "تهران" in error.value.message_fa and "Tehran" in error.value.message_en
    group.refresh_from_db()
    assert group.name_fa == "کمتر از یک میلیون نفر" and "tehran" not in members("population-under-1m")


@pytest.mark.parametrize("username", ["tehran_editor", "authority", "expert1", "citizen"])
def test_only_the_secretariat_keeps_peer_groups(users, cities, username):
    group = PeerGroup.objects.get(slug="population-over-2m")
    with pytest.raises(AccessDenied):
        services.update_group(users[username], group, name_fa="x", members=[])
    with pytest.raises(AccessDenied):
        services.delete_group(users[username], group)
    with pytest.raises(AccessDenied):
        services.update_scheme(users[username], group.scheme, name_fa="x", kind="custom")


# --- pages -----------------------------------------------------------------------------------------


def test_the_peer_group_page_lists_groups_and_offers_editing_only_to_the_secretariat(client_for):
    page = client_for("rasht_editor").get("/benchmarking/peer-groups/").content.decode()
    assert "کمتر از یک میلیون نفر" in page and "رشت" in page and "/groups/new/" not in page
    page = client_for("secretariat").get("/benchmarking/peer-groups/").content.decode()
    assert "/benchmarking/peer-groups/population-band/groups/new/" in page
    assert "/benchmarking/peer-groups/groups/population-over-2m/edit/" in page
    assert client_for(None).get("/benchmarking/peer-groups/").status_code == 302


def test_the_peer_group_page_query_count_is_pinned(client_for, users, cities):
    client = client_for("secretariat")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/benchmarking/peer-groups/").status_code == 200
    before = len(queries)
    scheme = services.create_scheme(users["secretariat"], slug="regions", name_fa="منطقه‌ها", kind="region")
    for slug, city in (("north", "rasht"), ("south", "ahvaz"), ("east", "mashhad")):
        services.create_group(users["secretariat"], scheme, slug=slug, name_fa=slug, members=[cities[city]])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/benchmarking/peer-groups/").status_code == 200
    assert before == len(queries) == 7


def test_the_secretariat_creates_a_scheme_and_a_group_through_the_forms(client_for, cities):
    client = client_for("secretariat")
    response = client.post("/benchmarking/peer-groups/new/",
                           {"slug": "regions", "name_fa": "منطقه‌ها", "name_en": "Regions", "kind": "region"})
    assert response.status_code == 302
    response = client.post("/benchmarking/peer-groups/regions/groups/new/", {
        "slug": "north", "name_fa": "شمال", "members": [cities["rasht"].pk, cities["tabriz"].pk]})
    assert response.status_code == 302 and members("north") == ["rasht", "tabriz"]
    form = client.get("/benchmarking/peer-groups/groups/population-under-1m/edit/").content.decode()
    assert "population-under-1m" in form and "disabled" in form
    response = client.post("/benchmarking/peer-groups/groups/population-under-1m/edit/", {
        "name_fa": "کوچک", "members": [cities["rasht"].pk, cities["tehran"].pk]})
    assert response.status_code == 200
    assert "تهران در گروه «بیش از دو میلیون نفر»" in response.content.decode()
    assert "tehran" not in members("population-under-1m")


def test_the_group_form_marks_cities_already_in_another_group(client_for):
    form = client_for("secretariat").get("/benchmarking/peer-groups/groups/population-under-1m/edit/")
    assert "(اکنون در بیش از دو میلیون نفر)" in form.content.decode()


def test_deleting_a_group_from_its_page(client_for):
    response = client_for("secretariat").post("/benchmarking/peer-groups/groups/population-over-2m/delete/")
    assert response.status_code == 302 and not PeerGroup.objects.filter(slug="population-over-2m").exists()


@pytest.mark.parametrize("url", ["/benchmarking/peer-groups/new/", "/benchmarking/peer-groups/population-band/edit/",
                                 "/benchmarking/peer-groups/population-band/groups/new/",
                                 "/benchmarking/peer-groups/groups/population-over-2m/edit/"])
def test_the_forms_are_hidden_from_everyone_but_the_secretariat(client_for, url):
    assert client_for("tehran_editor").get(url).status_code == 404
    assert client_for("tehran_editor").post(url, {"name_fa": "x", "kind": "custom", "slug": "x"}).status_code == 404


def test_a_city_editor_cannot_delete_a_group(client_for):
    response = client_for("tehran_editor").post("/benchmarking/peer-groups/groups/population-over-2m/delete/")
    assert response.status_code == 404 and PeerGroup.objects.filter(slug="population-over-2m").exists()


# --- API -------------------------------------------------------------------------------------------


def test_api_creates_edits_and_deletes_groups(api_for):
    api = api_for("secretariat")
    scheme = api.post("/api/v1/peer-schemes/", {"slug": "regions", "name_fa": "منطقه‌ها", "kind": "region"},
                      format="json")
    assert scheme.status_code == 201 and scheme.json()["groups"] == []
    group = api.post("/api/v1/peer-groups/", {"slug": "north", "scheme": "regions", "name_fa": "شمال",
                                              "members": ["rasht"]}, format="json")
    assert group.status_code == 201 and group.json()["members"] == ["rasht"]
    edited = api.patch("/api/v1/peer-groups/north/", {"members": ["rasht", "tabriz"]}, format="json")
    assert edited.status_code == 200 and sorted(edited.json()["members"]) == ["rasht", "tabriz"]
    assert edited.json()["name_fa"] == "شمال"
    renamed = api.patch("/api/v1/peer-schemes/regions/", {"name_en": "Regions"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["name_en"] == "Regions" and renamed.json()["groups"] == ["north"]
    assert api.delete("/api/v1/peer-groups/north/").status_code == 204
    assert api.get("/api/v1/peer-groups/north/").status_code == 404


def test_api_names_the_field_of_a_refused_change(api_for):
    api = api_for("secretariat")
    taken = api.patch("/api/v1/peer-groups/population-under-1m/", {"members": ["tehran"]}, format="json")
    assert taken.status_code == 400 and taken.json()["error"]["field"] == "members"
    assert "تهران" in taken.json()["error"]["message_fa"]
    duplicate = api.post("/api/v1/peer-schemes/", {"slug": "population-band", "name_fa": "x", "kind": "custom"},
                         format="json")
    assert duplicate.status_code == 400 and duplicate.json()["error"]["field"] == "slug"
    unknown = api.post("/api/v1/peer-groups/", {"slug": "x", "scheme": "nope", "name_fa": "x"}, format="json")
    assert unknown.status_code == 400 and "scheme" in unknown.json()["error"]["fields"]


@pytest.mark.parametrize("username", ["tehran_editor", "authority", None])
def test_api_writes_are_the_secretariats(api_for, username):
    api = api_for(username)
    expected = (403,) if username else (401, 403)
    assert api.post("/api/v1/peer-schemes/", {"slug": "x", "name_fa": "x", "kind": "custom"},
                    format="json").status_code in expected
    assert api.patch("/api/v1/peer-groups/population-over-2m/", {"members": []}, format="json").status_code in expected
    assert api.delete("/api/v1/peer-groups/population-over-2m/").status_code in expected
    assert PeerGroup.objects.get(slug="population-over-2m").members.count() == 3
    if username:
        assert api.get("/api/v1/peer-schemes/").json()["results"][0]["slug"] == "population-band"
