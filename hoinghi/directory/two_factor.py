"""Two-factor sign-in: a time-based code (TOTP, django-otp) from an authenticator app, or one of ten recovery codes,
after the password, for every account that may open confidential papers or manage others.

The session is signed in only after the second step; it then carries the device that verified it
(django-otp's key), and the account middleware ends any signed-in session of such an account without it.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

# Open confidential papers (members, the chair, an item's invitees, the office) or manage others (the office,
# administrators, anyone with access to the admin site).
ROLES = {User.Role.OFFICE, User.Role.ADMIN, User.Role.CHAIR, User.Role.MEMBER, User.Role.INVITEE}
RECOVERY_CODES = 10
VERIFIED = DEVICE_ID_SESSION_KEY


def required(user) -> bool:
    if settings.DEMO_MODE and user.is_demo:
        return False  # demo logins, in demo mode only
    return user.role in ROLES or user.is_staff or user.is_superuser


def authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolling(user) -> TOTPDevice:
    """The authenticator being set up: the same key until it is confirmed, so a reload shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Hội nghị số", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code, drawn here as SVG (the key never leaves the server for a QR service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, omitsize=True, title="QR")


def key_text(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it typed: base32 in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def normalized(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def verify(user, code: str, device: TOTPDevice | None = None):
    """The device that accepts `code` (the authenticator's six digits, or a recovery code, used up), else None.
    A device that failed just before waits a little longer each time (django-otp's throttling)."""
    code = normalized(code)
    with transaction.atomic():
        if code.isdigit():
            device = device or authenticator(user)
            candidates = [TOTPDevice.objects.select_for_update().get(pk=device.pk)] if device else []
        else:
            candidates = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        for candidate in candidates:
            if candidate.verify_token(code):
                return candidate
    return None


def waiting(user) -> bool:
    """Whether the authenticator refuses codes for now after wrong ones."""
    device = authenticator(user)
    return device is not None and not device.verify_is_allowed()[0]


def confirm(device: TOTPDevice) -> list[str]:
    """The authenticator is set up: it is confirmed, and the account gets new recovery codes (returned once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Mã khôi phục", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove(user) -> int:
    """Every device of the account (the administrator's reset): the next sign-in sets up a new authenticator."""
    return TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
