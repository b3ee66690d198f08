"""A directive goes to organizations that existed on its meeting's day: the forms offer only those, and the service
refuses another with a clear message (a 2026 directive cannot go to a district People's Committee that ended on
30/06/2025). A directive passed to a successor keeps it when edited."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hoinghi.directives.forms import DirectiveForm
from hoinghi.directives.models import Directive
from hoinghi.directives.services import check_update_directive
from hoinghi.directory.models import Organization
from tests.clients import client_for
from tests.directive_helpers import directive, running_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(world):
    return Organization.objects.create(
        name="UBND huyện Cẩm Giàng", kind="government", level="district", end=datetime.date(2025, 6, 30)
    )


@pytest.fixture
def future(world):
    return Organization.objects.create(
        name="Sở Dân tộc và Tôn giáo", kind="government", start=datetime.date(2030, 1, 1)
    )


def offered(form, name) -> set:
    return {option for option in form.fields[name].queryset}


def test_the_form_offers_only_organizations_existing_on_the_meeting_day(world, district, future):
    item = running_item(world)
    form = DirectiveForm(day=timezone.localdate(item.meeting.starts_at))
    for name in ("lead_organization", "coordinating_organizations"):
        assert world.department in offered(form, name)
        assert district not in offered(form, name) and future not in offered(form, name)
    # A meeting of 2024 could still give its directives to the district.
    assert district in offered(DirectiveForm(day=datetime.date(2024, 5, 6)), "lead_organization")


def test_the_service_refuses_an_organization_that_had_ended_or_not_begun(world, district, future, english_messages):
    item = running_item(world)
    with pytest.raises(ValidationError) as refused:
        directive(world, item, lead_organization=district)
    [message] = refused.value.message_dict["lead_organization"]
    assert message.startswith("UBND huyện Cẩm Giàng ended on 30/06/2025: a directive of a meeting on")
    with pytest.raises(ValidationError) as refused:
        directive(world, item, coordinating_organizations=[future])
    assert "began on 01/01/2030" in refused.value.message_dict["coordinating_organizations"][0]
    assert not Directive.objects.exists()


def test_the_drafting_page_neither_offers_nor_takes_it(world, district):
    item = running_item(world)
    conclusion = directive(world, item).conclusion
    response = client_for(world.users["chair"]).post(
        reverse("directives:add", args=[conclusion.pk]),
        {"lead_organization": district.pk, "content": "Rà soát quy hoạch huyện."},
    )
    assert response.status_code == 400
    assert Directive.objects.count() == 1
    html = response.content.decode()
    assert "is-invalid" in html  # the lead organization's field, marked refused
    assert f'value="{district.pk}"' not in html  # not offered again either


def test_a_directive_passed_to_a_successor_that_began_later_can_still_be_edited(world, english_messages):
    item = running_item(world)
    task = directive(world, item)
    later = Organization.objects.create(name="Sở KH, CN và CĐS", kind="government", start=datetime.date(2030, 1, 1))
    Directive.objects.filter(pk=task.pk).update(lead_organization=later)  # as a transfer leaves it
    task = Directive.objects.get(pk=task.pk)
    assert later in offered(
        DirectiveForm(instance=task, day=timezone.localdate(item.meeting.starts_at)), "lead_organization"
    )
    check_update_directive(world.users["office"], task, content="Rà soát lại mục tiêu chuyển đổi số.")
    assert Directive.objects.get(pk=task.pk).lead_organization == later
