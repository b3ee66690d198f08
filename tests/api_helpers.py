"""Calling the API as a program would: a key made through the service, sent as a bearer token."""

import json

from django.test import Client

from hoinghi.api import services


def key_for(user, name="Chương trình thử") -> str:
    return services.check_create_key(user, name)[1]


class ApiClient:
    """A client without a session: only the key (or none) says who calls."""

    def __init__(self, key: str | None = None, language: str | None = None):
        self.client = Client(enforce_csrf_checks=True)  # a program has no CSRF token
        self.headers = {}
        if key is not None:
            self.headers["Authorization"] = f"Bearer {key}"
        if language is not None:
            self.headers["Accept-Language"] = language

    def get(self, path: str, **params):
        return self.client.get(f"/api/{path}", params, headers=self.headers)

    def post(self, path: str, payload: dict):
        return self.client.post(
            f"/api/{path}", json.dumps(payload), content_type="application/json", headers=self.headers
        )


def api_as(user, **options) -> ApiClient:
    return ApiClient(key_for(user), **options)
