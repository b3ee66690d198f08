"""Passwords that are common, contain the person's name with or without diacritics, or are a word and a year are
refused, in Vietnamese; a person changes his own password on a page of the product."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.account_helpers import PASSWORD
from tests.clients import client_for

pytestmark = pytest.mark.django_db


def refusals(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


@pytest.mark.parametrize(
    "password",
    ["matkhau12345", "Mật khẩu mới", "anhyeuem2010", "VietNam-VoDich", "Hồ Chí Minh!!", "iloveyou123456"],
)
def test_common_passwords_are_refused(password):
    assert "password_too_common" in refusals(password)


@pytest.mark.parametrize(
    "password", ["Lê Thị Ủy 1975 đẹp", "lethiuy.1975!!", "uyle-nhiem-ky-xvii", "LETHIUY#CONGTAC", "member-của-tỉnh-ủy"]
)
def test_a_password_with_the_persons_name_is_refused(world, password):
    assert "password_has_name" in refusals(password, world.users["member"])  # Lê Thị Ủy


@pytest.mark.parametrize("password", ["hanoi2024", "Matkhau@2025", "Phuongdong1990", "2023thanhcong!", "bacninh-2019"])
def test_a_word_and_a_year_is_refused(password):
    assert "password_word_and_year" in refusals(password)


@pytest.mark.parametrize("password", ["Nước sông Hồng chảy mãi 7", "tàu-lửa-qua-cầu-Long-Biên", "q7#Lp2!vZ9xK"])
def test_a_good_password_passes(world, password):
    assert refusals(password, world.users["member"]) == []


def test_the_messages_are_vietnamese(world):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password("Lê Thị Ủy 2024", world.users["member"])
    assert "Mật khẩu không được chứa tên của bạn." in refused.value.messages
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password("Matkhau@2025")
    assert any("năm" in message for message in refused.value.messages)


def test_the_change_page_refuses_with_the_reason_and_keeps_the_old_password(world):
    member = world.users["member"]
    client = client_for(member)
    form = {"old_password": PASSWORD, "new_password1": "Hanoi@2024", "new_password2": "Hanoi@2024"}
    page = client.post(reverse("account:password"), form)
    assert page.status_code == 200 and "năm" in page.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)
    wrong_old = client.post(reverse("account:password"), {**form, "old_password": "sai"})
    assert wrong_old.status_code == 200
