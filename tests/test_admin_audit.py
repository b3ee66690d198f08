"""Every change made in the admin goes to the audit log with who and what changed: accounts, roles, deactivations,
memberships (on their page and inside a term's), passwords set by an administrator; secrets never."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoinghi.core.admin_audit import AuditedAdmin
from hoinghi.core.models import AuditEvent
from hoinghi.directory.models import Membership, User
from tests.account_helpers import PASSWORD
from tests.clients import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(world):
    root = User.objects.create_superuser("root", password=PASSWORD, role=User.Role.ADMIN)
    return client_for(root)


def admin_events(obj, verb=None):
    found = AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), actor_username="root")
    return found.filter(verb=verb) if verb else found


def account_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined_0": "2024-01-02",
        "date_joined_1": "08:00:00",
        "role": user.role,
        "person": user.person_id or "",
        "organization": user.organization_id or "",
        "is_active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_every_model_admin_of_the_site_is_audited():
    registered = [model for model in apps.get_models() if admin.site.is_registered(model)]
    assert len(registered) > 10
    assert all(isinstance(admin.site.get_model_admin(model), AuditedAdmin) for model in registered)
    assert not admin.site.is_registered(TOTPDevice) and not admin.site.is_registered(StaticDevice)


def test_a_role_change_and_a_deactivation_are_audited_with_old_and_new(world, administrator):
    member = world.users["member"]
    url = reverse("admin:directory_user_change", args=[member.pk])
    assert administrator.post(url, account_form(member, role="chair")).status_code == 302
    assert admin_events(member, "admin.change").get().detail["changes"]["role"] == ["member", "chair"]
    assert administrator.post(url, account_form(member, role="chair", is_active=None)).status_code == 302
    last = admin_events(member, "admin.change").order_by("-seq").first()
    assert last.detail["changes"]["is_active"] == [True, False]
    assert "password" not in str(last.detail)


def test_a_new_account_says_a_password_was_set_never_which(world, administrator):
    data = {
        "username": "moi",
        "password1": "Tàu-lửa-qua-cầu-9",
        "password2": "Tàu-lửa-qua-cầu-9",
        "usable_password": "true",
    }
    assert administrator.post(reverse("admin:directory_user_add"), data).status_code == 302
    event = admin_events(User.objects.get(username="moi"), "admin.add").get()
    assert event.detail["changes"]["password"] == ["", "*"]
    assert "Tàu" not in str(event.detail) and "pbkdf2" not in str(event.detail)


def test_a_password_set_by_the_administrator_is_audited(world, administrator):
    member = world.users["member"]
    url = reverse("admin:auth_user_password_change", args=[member.pk])
    new = "Nước sông Hồng chảy mãi 7"
    response = administrator.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302
    assert admin_events(member, "account.password_reset").get().detail == {"usable": True}


def test_memberships_changed_on_their_page_and_in_a_term_are_audited(world, administrator):
    seat = Membership.objects.get(person=world.people["member2"])
    data = {"person": seat.person_id, "term": seat.term_id, "role": "deputy", "start": "", "end": "2026-01-31"}
    assert administrator.post(reverse("admin:directory_membership_change", args=[seat.pk]), data).status_code == 302
    changes = admin_events(seat, "admin.change").get().detail["changes"]
    assert changes["role"] == ["member", "deputy"] and changes["end"] == [None, "2026-01-31"]

    term, seats = world.term, list(world.term.memberships.order_by("pk"))
    data = {"body": term.body_id, "ordinal": term.ordinal, "start": "2020-10-01", "end": ""}
    data.update({"memberships-TOTAL_FORMS": len(seats) + 1, "memberships-INITIAL_FORMS": len(seats)})
    for n, existing in enumerate(seats):
        row = {"id": existing.pk, "term": term.pk, "person": existing.person_id, "role": existing.role}
        row.update({"start": "", "end": existing.end.isoformat() if existing.end else ""})
        data.update({f"memberships-{n}-{key}": value for key, value in row.items()})
    new = {"person": world.people["invitee"].pk, "role": "member", "start": "2025-01-01", "end": ""}
    data.update({f"memberships-{len(seats)}-{key}": value for key, value in new.items()})
    data["memberships-0-DELETE"] = "on"
    response = administrator.post(reverse("admin:directory_term_change", args=[term.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Membership.objects.get(person=world.people["invitee"])
    event = admin_events(added, "admin.add").get()
    assert event.detail["within"] == str(term) and event.detail["changes"]["person"] == [None, "Đỗ Minh Khách"]
    assert admin_events(seats[0], "admin.delete").count() == 1
    assert not Membership.objects.filter(pk=seats[0].pk).exists()


def test_deleting_in_the_admin_is_audited_before_the_row_goes(world, administrator):
    seat = Membership.objects.get(person=world.people["member2"])
    url = reverse("admin:directory_membership_delete", args=[seat.pk])
    assert administrator.post(url, {"post": "yes"}).status_code == 302
    assert admin_events(seat, "admin.delete").get().object_repr == str(seat)
