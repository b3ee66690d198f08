"""The meetings list reads its filters from the address as a form: a bad value is named on the page, never a
server error, and the filters that are valid still apply."""

import pytest
from django.urls import reverse

from tests.clients import client_for

LIST = reverse("meetings:list")


@pytest.mark.django_db
def test_a_year_too_large_for_any_column_is_named_and_the_rest_applies(world):
    world.meeting(title="Hội nghị thường kỳ tháng 9")
    world.meeting(title="Hội nghị chuyên đề về đất đai")
    office = client_for(world.users["office"])
    response = office.get(LIST, {"year": "99999999999999999999", "q": "đất đai"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Một số bộ lọc không được áp dụng" in html and "Năm" in html
    assert "Hội nghị chuyên đề về đất đai" in html and "Hội nghị thường kỳ tháng 9" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"year": "hai nghìn"}, {"body": "x"}, {"term": "999999"}, {"status": "gone"}])
def test_each_bad_filter_is_named_without_error(world, query):
    response = client_for(world.users["office"]).get(LIST, query)
    assert response.status_code == 200
    assert "Một số bộ lọc không được áp dụng" in response.content.decode()


@pytest.mark.django_db
def test_good_filters_say_nothing(world):
    response = client_for(world.users["office"]).get(LIST, {"year": "2021"})
    assert "Một số bộ lọc không được áp dụng" not in response.content.decode()
