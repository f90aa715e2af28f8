"""What schemathesis found in the API (tests/test_api_fuzzing.py), one test each, so that none comes back."""

import pytest
from django.test import Client


def test_a_filter_value_of_the_wrong_type_is_a_400_naming_the_filter(api_for):
    for path, name in [("/api/v1/goals/?is_priority=Yearly", "is_priority"), ("/api/v1/reviews/?idea=Yearly", "idea"),
                       ("/api/v1/agenda-items/?meeting=first", "meeting")]:
        response = api_for("admin").get(path)
        assert response.status_code == 400, path
        assert response.json()["error"]["field"] == name
        assert name in response.json()["error"]["message_fa"]


def test_a_nul_in_a_text_filter_is_refused_on_every_database(api_for):
    response = api_for("admin").get("/api/v1/agenda-items/?working_group=a%00b")
    assert response.status_code == 400 and response.json()["error"]["code"] == "nul_character"


def test_a_key_that_is_not_a_number_is_a_json_404(api_for):
    response = api_for("tehran_editor").patch("/api/v1/adoptions/null,null/", {"status": "pending"}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert api_for(None).get("/api/v1/no-such-thing/").json()["error"]["code"] == "not_found"


def test_pages_keep_their_html_404(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_the_schema_documents_the_error_shape_and_nullable_fields(demo):
    schema = Client().get("/api/schema/?format=json").json()
    for path in schema["paths"].values():
        for operation in path.values():
            assert {"400", "401", "403", "404", "409", "429"} <= set(operation["responses"])
    components = schema["components"]["schemas"]
    assert components["Error"]["properties"]["error"]["required"] == ["code", "message_fa", "message_en"]
    for component, field in [("Adoption", "updated_by"), ("Commitment", "owner_user"), ("Commitment", "owner_organization"),
                             ("Document", "municipality"), ("Measurement", "entered_by"), ("Measurement", "verified_by"),
                             ("ResolutionEvent", "actor"), ("Target", "municipality"), ("Pilot", "organization")]:
        assert components[component]["properties"][field].get("nullable") is True, (component, field)
    assert "format" not in components["Meeting"]["properties"]["starts_on_jalali"]
    decision = components["Idea"]["properties"]["decision"]
    assert "oneOf" in decision or "" in decision.get("enum", []), decision


def test_a_nul_anywhere_in_a_request_is_a_400_before_any_query(api_for, client_for):
    """PostgreSQL refuses NUL in text: schemathesis reached it through a ranking's query and a JSON body."""
    api = api_for("admin")
    assert api.get("/api/v1/rankings/?indicator=NET-SAT-01%00").status_code == 400
    response = api.post("/api/v1/peer-groups/", {"slug": "x", "scheme": "population-band", "name_fa": "گروه\x00"},
                        format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "nul_character"
    page = client_for("secretariat").post("/benchmarking/peer-groups/new/", "name_fa=a%00b",
                                          content_type="application/x-www-form-urlencoded")
    assert page.status_code == 400 and "NUL" in page.content.decode()
    assert client_for(None).get("/search/?q=%00").status_code == 400


@pytest.mark.parametrize("query", ["limit=14362966664752071180288", "offset=14362966664752071180288",
                                   "limit=5000&offset=99999999999999999999"])
def test_a_huge_limit_or_offset_is_bounded_not_a_server_error(api_for, query):
    """Found by schemathesis: an unbounded limit reached SQLite as an integer it cannot hold (500)."""
    response = api_for("tehran_editor").get(f"/api/v1/experiences/?{query}")
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 1000
