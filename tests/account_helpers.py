"""Signing in as a person does: the password, then the code an authenticator app would show now."""

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Mật-khẩu-thử-9"


def enrolled(user) -> TOTPDevice:
    """The account's authenticator, set up as its first sign-in would."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Hội nghị số", confirmed=True
    )


def code_now(device: TOTPDevice) -> str:
    """What the app shows: the current step's code, or the next one if the current one was used (a code is
    taken once; the server accepts one step ahead)."""
    # A person reads the code with time to type it: at the very end of its step, wait for the next one (a code read
    # as its step ends reaches the server in the next, where the step after it is two ahead).
    left = device.step - (time.time() - device.t0) % device.step
    if left < 2:
        time.sleep(left + 0.1)
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time = device.t0 + (device.last_t + 1) * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, user, password: str = PASSWORD):
    """Both steps through the pages (the authenticator set up already when the account needs one); the response of
    the last one."""
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    if response.status_code == 302 and response.url in (reverse("account:code"), reverse("account:setup")):
        return client.post(reverse("account:code"), {"code": code_now(enrolled(user))})
    return response
