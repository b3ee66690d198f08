"""Test clients logged in as a user, and the pages they read."""

from django.conf import settings
from django.test import Client


def client_for(user, language: str | None = None) -> Client:
    """Logged in as `user`; `language` ("en") reads the pages in that language instead of Vietnamese."""
    client = Client()
    client.force_login(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()
