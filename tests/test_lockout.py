"""Brute force on sign-in: django-axes locks a username from one address after AXES_FAILURE_LIMIT wrong passwords."""

import pytest
from django.conf import settings

LOGIN = "/accounts/login/"


def _fail(client, times):
    for _ in range(times):
        response = client.post(LOGIN, {"username": "tehran_editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its usual error


def test_the_limit_locks_even_the_right_password_with_a_bilingual_message(client, users):
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    response = client.post(LOGIN, {"username": "tehran_editor", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(LOGIN, {"username": "tehran_editor", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "تا ۱۵ دقیقه بسته است" in body and 'role="alert"' in body
    assert "_auth_user_id" not in client.session
    english = client.post("/en" + LOGIN, {"username": "tehran_editor", "password": settings.DEMO_PASSWORD})
    assert english.status_code == 429 and "blocked for 15 minutes" in english.content.decode()


def test_a_success_before_the_limit_starts_the_count_again(client, users):
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "tehran_editor", "password": settings.DEMO_PASSWORD}).status_code == 302
    client.logout()
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "tehran_editor", "password": settings.DEMO_PASSWORD}).status_code == 302


def test_the_lock_is_for_one_username_from_one_address(client, users):
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "tehran_editor", "password": "wrong"}).status_code == 429
    other_address = client.post(LOGIN, {"username": "tehran_editor", "password": settings.DEMO_PASSWORD},
                                REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 302
    client.logout()
    other_user = client.post(LOGIN, {"username": "mashhad_editor", "password": settings.DEMO_PASSWORD})
    assert other_user.status_code == 302


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/admin/login/"])
def test_the_token_endpoint_and_the_admin_sign_in_count_too(client, users, path):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(path, {"username": "admin", "password": "wrong"})
    response = client.post(path, {"username": "admin", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 429
    if path.startswith("/api/"):
        assert response.json()["error"]["code"] == "locked_out"
        assert "بسته است" in response.json()["error"]["message_fa"]
