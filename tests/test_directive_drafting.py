"""Drafting a directive's deadline: a date, or working days from the meeting; never past the resolution's period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hoinghi.directives.calendar import is_working_day, working_deadline
from hoinghi.directives.models import DeadlineEntry, Directive
from hoinghi.directives.services import check_update_directive
from tests.directive_helpers import directive, running_item


def test_a_deadline_in_working_days_is_counted_from_the_meeting_day(world):
    item = running_item(world)
    made = directive(world, item, deadline=None, deadline_working_days=15)
    meeting_day = timezone.localdate(item.meeting.starts_at)
    assert made.deadline == working_deadline(meeting_day, 15)
    assert is_working_day(made.deadline) and made.deadline >= meeting_day + datetime.timedelta(days=15 + 15 // 5 * 2)
    assert DeadlineEntry.objects.get(directive=made).deadline == made.deadline


def test_working_days_win_over_a_date_and_changing_them_keeps_the_history(world):
    item = running_item(world)
    made = directive(world, item, deadline=timezone.localdate() + datetime.timedelta(days=300), deadline_working_days=5)
    assert made.deadline == working_deadline(timezone.localdate(item.meeting.starts_at), 5)
    check_update_directive(world.users["office"], made, deadline_working_days=10)
    made.refresh_from_db()
    assert made.deadline == working_deadline(timezone.localdate(item.meeting.starts_at), 10)
    causes = list(DeadlineEntry.objects.filter(directive=made).values_list("cause", "deadline"))
    assert [cause for cause, _deadline in causes] == ["set", "correction"] and causes[-1][1] == made.deadline


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"deadline": None, "deadline_working_days": 0}, "deadline_working_days"),
        ({"period_end": datetime.date(2000, 1, 1)}, "period_end"),
        (
            {
                "deadline": timezone.localdate() + datetime.timedelta(days=90),
                "period_end": timezone.localdate() + datetime.timedelta(days=60),
            },
            "deadline",
        ),
    ],
)
def test_bad_deadlines_are_refused_and_nothing_is_saved(world, fields, field):
    item = running_item(world)
    with pytest.raises(ValidationError) as error:
        directive(world, item, **fields)
    assert field in error.value.message_dict
    assert not Directive.objects.exists() and not DeadlineEntry.objects.exists()


def test_the_drafting_form_takes_working_days_and_the_period(world, client):
    item = running_item(world)
    directive(world, item)  # the conclusion exists now
    client.force_login(world.users["chair"])
    response = client.post(
        f"/directives/conclusions/{item.conclusion.pk}/add/",
        {
            "lead_organization": world.department.pk,
            "content": "Hoàn thiện đề án, trình Ban Thường vụ.",
            "deadline_working_days": "20",
            "period_end": (timezone.localdate() + datetime.timedelta(days=400)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    made = Directive.objects.get(content__startswith="Hoàn thiện")
    assert made.deadline == working_deadline(timezone.localdate(item.meeting.starts_at), 20)
    assert made.period_end == timezone.localdate() + datetime.timedelta(days=400)
