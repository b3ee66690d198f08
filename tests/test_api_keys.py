"""API keys: made and shown once, kept as a digest, named, with their last use; revoked by their owner or an
administrator; refused at once when revoked, when the account is closed or its password changed; each step in the
audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hoinghi.api import keys, services
from hoinghi.api.models import AccessKey
from hoinghi.core.models import AuditEvent
from tests.api_helpers import ApiClient, key_for
from tests.factories import make_user


def events(verb):
    return list(AuditEvent.objects.filter(verb=verb).order_by("seq"))


def test_a_key_is_kept_only_as_its_digest_and_audited_without_itself(world):
    office = world.users["office"]
    key, secret = services.check_create_key(office, "  Báo cáo  tuần ")
    assert key.name == "Báo cáo tuần" and secret.startswith(f"hn_{key.prefix}_")
    stored = AccessKey.objects.values_list(flat=False).get(pk=key.pk)
    assert secret not in " ".join(map(str, stored)) and key.digest == keys.digest(secret)
    (made,) = events("api_key.create")
    assert made.actor_username == "office" and secret not in str(made.detail) and made.detail["prefix"] == key.prefix


def test_a_key_needs_a_name_of_its_own(world):
    office = world.users["office"]
    with pytest.raises(ValidationError):
        services.check_create_key(office, "   ")
    services.check_create_key(office, "Báo cáo")
    with pytest.raises(ValidationError):
        services.check_create_key(office, "Báo cáo")
    assert AccessKey.objects.count() == 1


def test_a_key_works_and_its_last_use_is_kept(world):
    office = world.users["office"]
    secret = key_for(office)
    assert AccessKey.objects.get().last_used_at is None
    response = ApiClient(secret).get("meetings")
    assert response.status_code == 200, response.content
    assert AccessKey.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header", [None, "Bearer ", "Bearer hn_abcdefgh_" + "x" * 43, "Basic b2ZmaWNlOng=", "Bearer x"]
)
def test_no_key_or_a_bad_one_is_a_401_in_vietnamese(world, header):
    client = ApiClient()
    if header is not None:
        client.headers["Authorization"] = header
    response = client.get("meetings")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    assert "khóa" in response.json()["detail"]


def test_errors_are_in_english_when_asked(world):
    response = ApiClient(language="en").get("meetings")
    assert response.status_code == 401 and "key" in response.json()["detail"]


def test_a_signed_in_browser_session_is_no_key(world, client):
    client.force_login(world.users["office"])
    assert client.get("/api/meetings").status_code == 401


def test_a_revoked_key_is_refused_at_once_and_the_attempt_audited(world):
    unit = world.users["unit"]
    secret = key_for(unit)
    key = AccessKey.objects.get()
    assert ApiClient(secret).get("directives").status_code == 200
    services.check_revoke_key(unit, key)
    assert ApiClient(secret).get("directives").status_code == 401
    (revoked,) = events("api_key.revoke")
    (refused,) = events("api_key.refused")
    assert revoked.actor_username == "unit" and refused.detail["reason"] == "revoked"
    with pytest.raises(ValidationError):
        services.check_revoke_key(unit, AccessKey.objects.get())


def test_only_its_owner_or_an_administrator_revokes_a_key(world):
    unit = world.users["unit"]
    key = services.check_create_key(unit, "Báo cáo")[0]
    with pytest.raises(PermissionDenied):
        services.check_revoke_key(world.users["office"], key)
    admin = make_user("keeper", "admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    services.check_revoke_key(admin, key)
    assert AccessKey.objects.get().revoked_by == admin


def test_a_closed_account_or_a_changed_password_stops_its_keys_at_once(world):
    unit, leader = world.users["unit"], world.users["leader"]
    unit_key, leader_key = key_for(unit), key_for(leader)
    unit.is_active = False
    unit.save()
    leader.set_password("Một-mật-khẩu-mới-2026")
    leader.save()
    assert ApiClient(unit_key).get("directives").status_code == 401
    assert ApiClient(leader_key).get("directives").status_code == 401
    assert sorted(event.detail["reason"] for event in events("api_key.refused")) == [
        "account closed",
        "password changed",
    ]
    # A key made after the new password works.
    assert ApiClient(key_for(leader, "Khóa mới")).get("directives").status_code == 200


def test_the_last_use_is_written_once_a_minute_at_most(world):
    secret = key_for(world.users["office"])
    client = ApiClient(secret)
    client.get("meetings")
    first = AccessKey.objects.get().last_used_at
    client.get("meetings")
    assert AccessKey.objects.get().last_used_at == first
    AccessKey.objects.update(last_used_at=timezone.now() - datetime.timedelta(minutes=2))
    client.get("meetings")
    assert AccessKey.objects.get().last_used_at > first


def test_the_page_shows_a_new_key_once_and_revokes_only_its_owners(world, client):
    unit = world.users["unit"]
    client.force_login(unit)
    made = client.post("/account/api-keys/", {"name": "Báo cáo tuần"})
    key = AccessKey.objects.get()
    secret = made.context["secret"]
    assert made.status_code == 200 and secret in made.content.decode() and keys.digest(secret) == key.digest
    assert "no-cache" in made["Cache-Control"] or "no-store" in made["Cache-Control"]
    assert secret not in client.get("/account/api-keys/").content.decode()
    assert client.post("/account/api-keys/", {"name": ""}).status_code == 400
    other = services.check_create_key(world.users["leader"], "Của lãnh đạo")[0]
    assert client.post(f"/account/api-keys/{other.pk}/revoke/").status_code == 403
    assert client.post(f"/account/api-keys/{key.pk}/revoke/").status_code == 302
    assert AccessKey.objects.get(pk=key.pk).is_revoked and not AccessKey.objects.get(pk=other.pk).is_revoked


def test_an_administrator_revokes_keys_in_the_admin_through_the_service(world, client):
    admin = make_user("keeper", "admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    key = services.check_create_key(world.users["unit"], "Báo cáo")[0]
    client.force_login(admin)
    response = client.post("/admin/api/accesskey/", {"action": "revoke", "_selected_action": [key.pk]}, follow=True)
    assert response.status_code == 200
    assert AccessKey.objects.get().revoked_by == admin
    assert events("api_key.revoke")[0].actor_username == "keeper"
    assert client.get("/admin/api/accesskey/add/").status_code == 403
