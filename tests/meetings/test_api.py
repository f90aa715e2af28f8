"""The API with demo users and DRF tokens: the whole path, filters, visibility and the schema."""

from kalanshahr.meetings.models import Resolution


def test_full_path_with_tokens(api_for, make_resolution):
    resolution = make_resolution("draft")
    url = f"/api/v1/resolutions/{resolution.pk}/transition/"
    secretariat, authority, mashhad = api_for("secretariat"), api_for("authority"), api_for("mashhad_editor")

    steps = [
        (secretariat, {"action": "adopt"}, "adopted"),
        (secretariat, {"action": "submit"}, "submitted"),
        (authority, {"action": "return", "comment": "جزئیات هزینه را بیفزایید."}, "returned"),
        (secretariat, {"action": "submit", "comment": "هزینه‌ها افزوده شد."}, "submitted"),
        (authority, {"action": "approve"}, "approved"),
    ]
    for client, body, state in steps:
        response = client.post(url, body, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["state"] == state
    history = response.json()["events"]
    assert [e["action"] for e in history] == ["create", "adopt", "submit", "return", "submit", "approve"]
    assert history[3]["comment"] == "جزئیات هزینه را بیفزایید." and history[3]["actor"] == "authority"

    adoptions = mashhad.get(f"/api/v1/adoptions/?resolution={resolution.pk}&municipality=mashhad").json()["results"]
    assert len(adoptions) == 1 and adoptions[0]["status"] == "pending"
    adoption_url = f"/api/v1/adoptions/{adoptions[0]['id']}/"
    assert mashhad.patch(adoption_url, {"status": "in_progress"}, format="json").status_code == 200
    response = mashhad.patch(adoption_url, {"status": "implemented", "reference": "م-۱۴۰۲-۷", "note": "ابلاغ شد"},
                             format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "implemented" and body["reference"] == "م-۱۴۰۲-۷" and body["implemented_on"]
    assert body["updated_by"] == "mashhad_editor"


def test_token_endpoint(client, users):
    response = client.post("/api/v1/auth/token/", {"username": "authority", "password": "kalanshahr-demo"})
    assert response.status_code == 200 and response.json()["token"]


def test_public_sees_approved_resolutions_only(api_for, meeting):
    anonymous, signed_in = api_for(None), api_for("citizen")
    public = anonymous.get("/api/v1/resolutions/").json()
    assert public["count"] == Resolution.objects.filter(state="approved").count()
    assert {r["state"] for r in public["results"]} == {"approved"}
    assert signed_in.get("/api/v1/resolutions/").json()["count"] == Resolution.objects.count()
    draft = Resolution.objects.filter(state="draft").first()
    assert anonymous.get(f"/api/v1/resolutions/{draft.pk}/").status_code == 404
    assert anonymous.get("/api/v1/commitments/").json()["count"] == 0


def test_filters(api_for, meeting):
    client = api_for("secretariat")
    assert client.get("/api/v1/resolutions/?state=submitted").json()["count"] == 2
    assert client.get("/api/v1/resolutions/?working_group=REV").json()["count"] == 1
    assert client.get(f"/api/v1/agenda-items/?meeting={meeting.pk}&working_group=DEP").json()["count"] == 30
    assert client.get("/api/v1/working-groups/?series=financial-administrative-deputies").json()["count"] == 5
    meetings = client.get("/api/v1/meetings/?host=tabriz").json()["results"]
    assert meetings[0]["number"] == 30 and len(meetings[0]["participants"]) == 14
    assert meetings[0]["starts_on_jalali"] == "1401/08/24"
    assert client.get("/api/v1/commitments/?status=open").json()["count"] == 4
    assert client.get("/api/v1/adoptions/?municipality=tehran&status=implemented").json()["count"] >= 1


def test_schema_and_offline_docs(client, db):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in ("/api/v1/resolutions/{id}/transition/", "/api/v1/adoptions/{id}/", "/api/v1/commitments/"):
        assert path in text
    docs = client.get("/api/docs/").content.decode()
    assert "swagger" in docs.lower()
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_list_query_counts_do_not_grow(api_for, make_resolution, django_assert_max_num_queries):
    client = api_for("secretariat")
    client.get("/api/v1/resolutions/")
    with django_assert_max_num_queries(6):  # token, user memberships?, count, page, events
        client.get("/api/v1/resolutions/")
    for _ in range(5):
        make_resolution("returned")
    with django_assert_max_num_queries(6):
        client.get("/api/v1/resolutions/")


def test_schema_generates_without_warnings(db, tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))
    assert "/api/v1/resolutions/{id}/transition/" in (tmp_path / "schema.yml").read_text()
