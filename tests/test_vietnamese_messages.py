"""The messages the office reads are Vietnamese, written well: Django's stock validation messages (whose own
Vietnamese has stray spaces) and the admin site, third-party apps included."""

import re

import pytest
from django import forms
from django.utils import translation

from hoinghi.directory.models import User
from tests.account_helpers import PASSWORD
from tests.clients import client_for, page

pytestmark = pytest.mark.django_db

STRAY_SPACE = re.compile(r"\s[.,;:)]|\(\s|\s\s|\s$")


class Limits(forms.Form):
    count = forms.IntegerField(min_value=0, max_value=10)
    share = forms.DecimalField(max_digits=3)
    name = forms.CharField(min_length=3, max_length=5)


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"count": "-1"}, "Giá trị phải lớn hơn hoặc bằng 0."),
        ({"count": "11"}, "Giá trị phải nhỏ hơn hoặc bằng 10."),
        ({"count": "1,5"}, "Nhập một số nguyên."),
        ({"share": "12345"}, "Số chỉ được có tối đa 3 chữ số."),
        ({"name": "ab"}, "Giá trị phải có ít nhất 3 ký tự (hiện có 2)."),
        ({"name": "abcdefg"}, "Giá trị chỉ được có tối đa 5 ký tự (hiện có 7)."),
    ],
)
def test_djangos_stock_messages_read_as_the_office_writes(data, expected):
    with translation.override("vi"):
        form = Limits({"count": "1", "share": "1", "name": "abc", **data})
        errors = [str(e) for field in form.errors.values() for e in field]
    assert errors == [expected]
    assert not STRAY_SPACE.search(expected)


def test_the_admin_site_speaks_vietnamese_third_party_apps_included(world):
    root = User.objects.create_superuser("root", password=PASSWORD, role=User.Role.ADMIN)
    html = page(client_for(root), "/admin/")
    for english in ["Django", "Access attempts", "Access failures", "Task Results", "Axes", "Tasks Database"]:
        assert english not in html
    for vietnamese in ["Hội nghị số: quản trị hệ thống", "Lượt đăng nhập", "Tác vụ chạy nền", "Quản trị hệ thống"]:
        assert vietnamese in html
    attempts = page(client_for(root), "/admin/axes/accessattempt/")
    assert "Thời điểm đăng nhập" in attempts and "Attempt Time" not in attempts
