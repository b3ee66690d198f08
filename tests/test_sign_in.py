"""Two-factor sign-in: the password alone signs in no account that may open confidential papers or manage others;
the first sign-in sets up the authenticator with a QR code drawn on the server and gives recovery codes; an
administrator's reset is audited and ends the account's sessions."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoinghi.core.models import AuditEvent
from hoinghi.directory import two_factor
from hoinghi.directory.models import User
from tests.account_helpers import PASSWORD, code_now, enrolled, sign_in
from tests.clients import client_for

pytestmark = pytest.mark.django_db
MEETINGS, HOME = "/meetings/", "/"


def events(verb, user=None):
    found = AuditEvent.objects.filter(verb=verb)
    return found.filter(object_id=str(user.pk)) if user else found


def password_step(client, user, password=PASSWORD):
    return client.post(reverse("login"), {"username": user.username, "password": password})


def signed_in(client) -> bool:
    response = client.get(MEETINGS)
    return response.status_code == 200


@pytest.mark.parametrize("role", ["office", "admin", "chair", "member", "invitee"])
def test_the_password_alone_does_not_sign_in(world, role):
    client = Client()
    response = password_step(client, world.users[role])
    assert response.status_code == 302 and response.url == reverse("account:setup")
    assert not signed_in(client)
    assert not events("account.sign_in", world.users[role]).exists()


@pytest.mark.parametrize("role", ["unit", "leader"])
def test_an_account_that_opens_no_confidential_paper_signs_in_with_its_password(world, role):
    client = Client()
    assert password_step(client, world.users[role]).status_code == 302
    assert signed_in(client)


def test_a_staff_account_needs_the_second_factor_whatever_its_role(world):
    leader = world.users["leader"]
    leader.is_staff = True
    leader.save()
    assert password_step(Client(), leader).url == reverse("account:setup")


def test_the_first_sign_in_sets_up_the_app_with_a_qr_code_and_recovery_codes(world):
    member, client = world.users["member"], Client(REMOTE_ADDR="198.51.100.7")
    password_step(client, member)
    page = client.get(reverse("account:setup"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<path" in html  # drawn here, no image from elsewhere
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert two_factor.key_text(device).replace(" ", "") in html.replace(" ", "")
    assert client.get(reverse("account:setup")).content.decode().count(two_factor.key_text(device)) == 1  # same key
    done = client.post(reverse("account:setup"), {"code": code_now(device)})
    assert done.status_code == 302 and done.url.startswith(reverse("account:recovery_codes"))
    codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", client.get(done.url).content.decode())
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=member).count() == 10
    assert "<li>" not in client.get(done.url).content.decode().split("<main")[1]  # shown once
    assert signed_in(client)
    assert events("account.two_factor_set_up", member).count() == 1
    (event,) = events("account.sign_in", member)
    assert event.detail == {"address": "198.51.100.7", "method": "totp_set_up"}


def test_a_wrong_code_sets_nothing_up(world):
    member, client = world.users["member"], Client()
    password_step(client, member)
    client.get(reverse("account:setup"))
    device = TOTPDevice.objects.get(user=member)
    wrong = client.post(reverse("account:setup"), {"code": "000000" if code_now(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "invalid-feedback" in wrong.content.decode()
    assert not signed_in(client) and two_factor.authenticator(member) is None


def test_later_sign_ins_ask_for_the_code_and_take_each_code_once(world):
    chair = world.users["chair"]
    device = enrolled(chair)
    client = Client()
    assert password_step(client, chair).url == reverse("account:code")
    assert not signed_in(client)
    code = code_now(device)
    assert client.post(reverse("account:code"), {"code": code}).url == HOME
    assert signed_in(client)

    replay = Client()
    password_step(replay, chair)
    refused = replay.post(reverse("account:code"), {"code": code})
    assert refused.status_code == 200 and not signed_in(replay)
    assert events("account.sign_in_failed", chair).get().detail["reason"] == "code"


def test_a_recovery_code_signs_in_once(world):
    member = world.users["member"]
    enrolled(member)
    codes = two_factor.new_recovery_codes(member)
    client = Client()
    password_step(client, member)
    assert client.post(reverse("account:code"), {"code": codes[3].upper().replace("-", " ")}).status_code == 302
    assert signed_in(client)
    assert events("account.sign_in", member).get().detail["method"] == "recovery_code"
    again = Client()
    password_step(again, member)
    assert again.post(reverse("account:code"), {"code": codes[3]}).status_code == 200


def test_five_wrong_codes_ask_for_the_password_again(world):
    chair = world.users["chair"]
    enrolled(chair)
    client = Client(REMOTE_ADDR="203.0.113.9")
    password_step(client, chair)
    for _ in range(4):
        assert client.post(reverse("account:code"), {"code": "12345"}).status_code in (200, 429)
    last = client.post(reverse("account:code"), {"code": "12345"})
    assert last.status_code in (302, 429)
    assert client.get(reverse("account:code")).url == reverse("login")
    assert events("account.sign_in_failed", chair).count() == 5


def test_the_code_step_expires(world):
    chair = world.users["chair"]
    device = enrolled(chair)
    client = Client()
    password_step(client, chair)
    session = client.session
    session["hoinghi_pending_sign_in"]["since"] -= 301
    session.save()
    assert client.post(reverse("account:code"), {"code": code_now(device)}).url == reverse("login")
    assert not signed_in(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "The time to give the code is over" in client.get(reverse("login")).content.decode()


def test_a_session_without_the_second_factor_is_ended(world):
    """However a session got signed in (Django's own admin form, a future code path), it must carry the device."""
    member = world.users["member"]
    client = Client()
    client.force_login(member)
    session = client.session
    del session[two_factor.VERIFIED]
    session.save()
    assert client.get(MEETINGS).status_code == 302
    assert not signed_in(client)
    assert events("account.sign_out", member).get().detail["reason"] == "two_factor"


def test_the_admin_site_signs_in_through_the_product(world):
    response = Client().get("/admin/login/?next=/admin/directory/user/")
    assert response.status_code == 302 and response.url == "/login/?next=%2Fadmin%2Fdirectory%2Fuser%2F"


def test_the_admin_sites_password_page_is_the_products(world):
    response = client_for(world.users["admin"]).get("/admin/password_change/")
    assert response.status_code == 302 and response.url == reverse("account:password")


def test_demo_accounts_skip_the_second_factor_in_demo_mode_only(world):
    member = world.users["member"]
    member.is_demo = True
    member.save()
    with override_settings(DEMO_MODE=True):
        client = Client()
        assert password_step(client, member).url == HOME and signed_in(client)
    with override_settings(DEMO_MODE=False):
        assert not signed_in(client)  # the demo session is not one outside demo mode


def test_the_administrators_reset_is_audited_and_ends_the_sessions(world):
    member, admin = world.users["member"], User.objects.create_superuser("root", password=PASSWORD)
    enrolled(member)
    two_factor.new_recovery_codes(member)
    phone = Client()
    sign_in(phone, member)
    assert signed_in(phone)
    office = Client()
    office.force_login(admin)
    response = office.post(
        reverse("admin:directory_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [member.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticToken.objects.filter(device__user=member).exists()
    assert not signed_in(phone)
    (event,) = events("account.two_factor_reset", member)
    assert event.actor_username == "root" and event.detail["sessions"] == 1
    assert password_step(Client(), member).url == reverse("account:setup")
