"""Making, revoking and using API keys; each step in the audit log (the key by its name and prefix, never itself)."""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from hoinghi.core import audit
from hoinghi.core.errors import invalid, require
from hoinghi.core.text import clean
from hoinghi.directory.auth import DemoAwareBackend

from . import keys
from .models import AccessKey
from .permissions import can_revoke

# A key's last use is written at most this often: a client reading page after page does not write at each one.
LAST_USE_EVERY = 60  # seconds


def check_create_key(actor, name: str) -> tuple[AccessKey, str]:
    require(actor.is_authenticated)
    return do_create_key(actor, name)


@transaction.atomic
def do_create_key(actor, name: str) -> tuple[AccessKey, str]:
    """A new key of `actor`'s own, and the key itself, which is shown once and kept nowhere."""
    name = clean(name or "")
    if not name:
        invalid(_("Give the key a name, e.g. the program that will use it."), "name")
    if actor.api_keys.filter(name=name, revoked_at=None).exists():
        invalid(_("You already have a key of this name."), "name")
    secret, prefix = keys.make()
    key = AccessKey.objects.create(
        user=actor, name=name, prefix=prefix, digest=keys.digest(secret), password_stamp=actor.get_session_auth_hash()
    )
    audit.record(actor, "api_key.create", key, name=name, prefix=prefix)
    return key, secret


def check_revoke_key(actor, key: AccessKey) -> AccessKey:
    require(can_revoke(actor, key), _("Only its owner or an administrator revokes an API key."))
    return do_revoke_key(actor, key)


@transaction.atomic
def do_revoke_key(actor, key: AccessKey) -> AccessKey:
    key = AccessKey.objects.select_for_update().get(pk=key.pk)
    if key.is_revoked:
        invalid(_("This key was revoked already."))
    key.revoked_at, key.revoked_by = timezone.now(), actor
    key.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(actor, "api_key.revoke", key, name=key.name, prefix=key.prefix, owner=key.user.get_username())
    return key


def why_refused(key: AccessKey) -> str | None:
    """Why a key that exists cannot be used now, or None when it can."""
    if key.is_revoked:
        return "revoked"
    if not DemoAwareBackend().user_can_authenticate(key.user):
        return "account closed"
    if not check_password_stamp(key):
        return "password changed"
    return None


def check_password_stamp(key: AccessKey) -> bool:
    return constant_time_compare(key.password_stamp, key.user.get_session_auth_hash())


def use(key: AccessKey, address: str) -> bool:
    """The key's request is admitted, or refused (a refusal of a key that exists goes to the audit log)."""
    reason = why_refused(key)
    if reason is not None:
        audit.record(key.user, "api_key.refused", key, name=key.name, prefix=key.prefix, reason=reason, address=address)
        return False
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() >= LAST_USE_EVERY:
        AccessKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return True
