"""A meeting's pickers offer what exists on its day: its body and term, the presenters' organizations, the members'
seats; a choice the day does not allow is refused with the reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hoinghi.directory.models import Body, Membership, Organization, Term
from hoinghi.meetings import services
from hoinghi.meetings.forms import ItemForm, MeetingForm
from hoinghi.meetings.models import Meeting
from tests.clients import client_for

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2025, 6, 30)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))


@pytest.fixture
def district(world):
    """A district committee's Standing Committee that ended with the district on 30/06/2025."""
    organization = Organization.objects.create(name="Huyện ủy Nam Sách", kind="party", level="district", end=LAST_DAY)
    body = Body.objects.create(organization=organization, name="Ban Thường vụ Huyện ủy", kind="standing_committee")
    body.end = LAST_DAY
    body.save()
    term = Term.objects.create(body=body, ordinal="XXV", start=datetime.date(2020, 9, 1), end=LAST_DAY)
    return organization, body, term


def options(field) -> list[str]:
    return [str(label) for value, label in field.choices if value]


def test_the_meeting_form_offers_the_bodies_and_terms_of_the_meetings_day(world, district):
    _organization, body, term = district
    new = MeetingForm()  # a new meeting: today
    assert "Ban Thường vụ Huyện ủy" not in options(new.fields["body"])
    assert str(term) not in options(new.fields["term"])
    old = Meeting(body=body, term=term, starts_at=at(datetime.date(2021, 3, 2)))
    assert "Ban Thường vụ Huyện ủy" in options(MeetingForm(instance=old).fields["body"])
    posted = {"body": body.pk, "term": term.pk, "kind": "regular", "title": "Hội nghị"}
    typed = MeetingForm({**posted, "starts_at_0": "02/03/2021", "starts_at_1": "08:00"})
    assert typed.is_valid(), typed.errors
    assert "Ban Thường vụ Huyện ủy" in options(typed.fields["body"])
    page = client_for(world.users["office"]).get(reverse("meetings:create"))
    assert page.status_code == 200 and "Ban Thường vụ Huyện ủy" not in page.content.decode()


def test_a_form_that_is_saved_never_lists_its_options(world, district, django_assert_num_queries):
    _organization, body, term = district
    posted = {"body": body.pk, "term": term.pk, "kind": "regular", "title": "Hội nghị"}
    typed = MeetingForm({**posted, "starts_at_0": "02/03/2021", "starts_at_1": "08:00"})
    with django_assert_num_queries(4):  # the body and the term chosen, read and checked: nothing of the lists
        assert typed.is_valid(), typed.errors
    with django_assert_num_queries(4):  # drawn: each list and what the day allows of it, once
        drawn = str(typed["body"]) + str(typed["body"]) + str(typed["term"])
    assert "Ban Thường vụ Huyện ủy" in drawn


def test_a_meeting_of_a_body_that_no_longer_exists_is_refused_with_the_reason(world, district):
    _organization, body, term = district
    fields = {"body": body, "term": term, "kind": "regular", "title": "Hội nghị", "starts_at": at(LAST_DAY)}
    assert services.check_create_meeting(world.users["office"], **fields).pk  # its last day: still a meeting
    client = client_for(world.users["office"])
    data = {"body": body.pk, "term": term.pk, "kind": "regular", "title": "Hội nghị sau sáp nhập"}
    response = client.post(reverse("meetings:create"), data | {"starts_at_0": "02/07/2025", "starts_at_1": "08:00"})
    page = response.content.decode()
    assert "Ban Thường vụ Huyện ủy không tồn tại vào ngày 02/07/2025" in page
    assert not Meeting.objects.filter(title="Hội nghị sau sáp nhập").exists()


def test_a_presenting_organization_is_offered_and_taken_only_if_it_exists_on_the_meetings_day(world, district):
    organization, _body, _term = district
    meeting = world.meeting()  # in three days
    assert "Huyện ủy Nam Sách" not in options(ItemForm(meeting=meeting).fields["presenter_organization"])
    with pytest.raises(ValidationError) as refused:
        world.item(meeting, presenter_organization=organization)
    assert "presenter_organization" in refused.value.error_dict
    item = world.item(meeting, presenter_organization=world.government)
    with pytest.raises(ValidationError):
        services.check_update_item(world.users["office"], item, presenter_organization=organization)
    old = world.meeting(starts_at=at(datetime.date(2021, 3, 2)), number=5)
    assert "Huyện ủy Nam Sách" in options(ItemForm(meeting=old).fields["presenter_organization"])
    assert world.item(old, presenter_organization=organization).presenter_organization == organization


def test_a_seat_ended_before_the_meeting_is_not_a_member_of_it(world):
    left = world.people["member2"]
    Membership.objects.filter(person=left, term=world.term).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    meeting = world.meeting()
    assert not meeting.participants.filter(person=left).exists()
    invited = services.check_add_participant(world.users["office"], meeting, left, "invitee")
    assert invited.is_member is False
    with pytest.raises(ValidationError):
        services.check_add_participant(world.users["office"], meeting, left, "member")
