"""The API's authentication: `Authorization: Bearer <key>`. A request is the key's account's, as if signed in: the
apps' rules and the per-request answers (hoinghi.core.memo) see `request.user`."""

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer

from hoinghi.core.refusals import client_address

from . import selectors, services


class KeyAuth(HttpBearer):
    def authenticate(self, request, token: str):
        key = selectors.key_named(token)
        if key is None or not services.use(key, client_address(request)):
            return None
        request.user = key.user
        return key.user


class PublicOrKeyAuth(KeyAuth):
    """The public endpoints: a key is taken when it is given, and anonymity otherwise (a bad key is still a 401)."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            request.user = AnonymousUser()  # a signed-in browser session is not used here either
            return request.user
        return super().__call__(request)
