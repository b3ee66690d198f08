"""Sign-ins, sign-outs, failed sign-ins (the name tried, the address) and lock-outs, in the audit log."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from hoinghi.core import audit
from hoinghi.core.audit import Subject
from hoinghi.core.refusals import client_address

from .models import User


def address(request) -> str:
    return client_address(request) if request is not None else ""


def tried(username: str) -> Subject:
    """The account a name points to, or the name itself when no account has it."""
    user = User.objects.filter(username=username).first() if username else None
    return audit.subject_of(user) if user else Subject("directory.user", "", (username or "")[:255])


@receiver(user_logged_in, dispatch_uid="hoinghi.sign_in")
def signed_in(sender, request, user, **kwargs):
    method = getattr(request, "sign_in_method", "")
    audit.record(user, "account.sign_in", user, address=address(request), method=method)


@receiver(user_logged_out, dispatch_uid="hoinghi.sign_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "session_end", "")
        audit.record(user, "account.sign_out", user, address=address(request), reason=reason)


@receiver(user_login_failed, dispatch_uid="hoinghi.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    # Why, as far as the request says: a lock-out in force (refused before the password was read), a wrong
    # second factor, a name slowed down, or the password.
    if getattr(request, "axes_failures_since_start", 0) > settings.AXES_FAILURE_LIMIT:
        reason = "locked_out"
    else:
        reason = getattr(request, "sign_in_failure", "password")
    audit.record(
        None, "account.sign_in_failed", tried(username), name_tried=username, address=address(request), reason=reason
    )


@receiver(user_locked_out, dispatch_uid="hoinghi.locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    # Sent at the failure that reaches the limit and again at each attempt while locked: the lock-out is the first.
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None or failures == settings.AXES_FAILURE_LIMIT:
        audit.record(
            None,
            "account.locked_out",
            tried(username),
            name_tried=username,
            address=ip_address or "",
            failures=failures,
        )
