import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation

from hoinghi.core.models import AuditEvent
from hoinghi.directives.services import check_add_directive, check_update_directive
from hoinghi.meetings import selectors, services
from hoinghi.meetings.models import Meeting


def running(world, **overrides):
    meeting = world.meeting(**overrides)
    item = world.item(meeting)
    services.check_take_step(world.users["office"], meeting, "schedule")
    services.check_take_step(world.users["chair"], meeting, "start")
    meeting.refresh_from_db()
    return meeting, item


def test_members_of_the_term_are_filled_in(world):
    meeting = world.meeting(number=36)
    roles = {p.person.full_name: (p.role, p.is_member) for p in meeting.participants.select_related("person")}
    assert roles == {
        "Trần Văn Chủ": ("chair", True),
        "Lê Thị Ủy": ("member", True),
        "Phạm Văn Viên": ("member", True),
    }
    assert AuditEvent.objects.filter(verb="meeting.create", object_id=str(meeting.pk)).exists()


def test_duplicate_number_in_a_term_is_refused_and_nothing_saved(world):
    world.meeting(number=36)
    before = Meeting.objects.count()
    with pytest.raises(ValidationError) as error:
        world.meeting(number=36)
    assert "number" in error.value.message_dict
    assert Meeting.objects.count() == before


def test_term_of_another_body_is_refused(world):
    from hoinghi.directory.models import Body, Term

    other = Body.objects.create(
        organization=world.committee, name="Ban Chấp hành Đảng bộ tỉnh", kind="executive_committee"
    )
    other_term = Term.objects.create(body=other, ordinal="XVII", start=datetime.date(2020, 10, 1))
    with pytest.raises(ValidationError) as error:
        world.meeting(term=other_term)
    assert "term" in error.value.message_dict


def test_lifecycle_steps_by_the_right_role_only(world):
    meeting = world.meeting()
    with pytest.raises(ValidationError):  # no item yet
        services.check_take_step(world.users["office"], meeting, "schedule")
    world.item(meeting)
    with pytest.raises(PermissionDenied):
        services.check_take_step(world.users["member"], meeting, "schedule")
    services.check_take_step(world.users["office"], meeting, "schedule")
    with pytest.raises(PermissionDenied):
        services.check_take_step(world.users["office"], meeting, "start")  # the chair opens
    services.check_take_step(world.users["chair"], meeting, "start")
    with pytest.raises(ValidationError):
        services.check_take_step(world.users["office"], meeting, "schedule")  # already running
    services.check_take_step(world.users["chair"], meeting, "close")
    meeting.refresh_from_db()
    assert meeting.status == "closed"
    verbs = list(
        AuditEvent.objects.filter(object_id=str(meeting.pk), verb__startswith="meeting.").values_list("verb", flat=True)
    )
    assert {"meeting.schedule", "meeting.start", "meeting.close"} <= set(verbs)


def test_attendance_and_quorum(world):
    meeting, _ = running(world)
    members = list(meeting.participants.filter(is_member=True))
    assert selectors.quorum(meeting).required == 2
    services.check_record_attendance(world.users["chair"], members[0], "present")
    assert not selectors.quorum(meeting).reached
    services.check_record_attendance(world.users["office"], members[1], "present")
    assert selectors.quorum(meeting).reached
    with pytest.raises(ValidationError) as error:
        services.check_record_attendance(world.users["chair"], members[2], "absent")
    assert "absence_reason" in error.value.message_dict
    members[2].refresh_from_db()
    assert members[2].attendance == "unknown"
    services.check_record_attendance(world.users["chair"], members[2], "absent", "Đi công tác")
    with pytest.raises(PermissionDenied):
        services.check_record_attendance(world.users["member"], members[2], "present")


def test_reorder_by_list_and_by_buttons(world):
    meeting = world.meeting()
    a, b, c = (world.item(meeting, title=t) for t in ["Một", "Hai", "Ba"])
    services.check_reorder_items(world.users["office"], meeting, [c.pk, a.pk, b.pk])
    assert [i.title for i in selectors.agenda(meeting, world.users["office"])] == ["Ba", "Một", "Hai"]
    services.check_move_item(world.users["office"], a, -1)
    assert [i.title for i in selectors.agenda(meeting, world.users["office"])] == ["Một", "Ba", "Hai"]
    with pytest.raises(ValidationError):
        services.check_reorder_items(world.users["office"], meeting, [a.pk, b.pk])


def test_items_of_a_closed_meeting_cannot_move(world):
    meeting, item = running(world)
    second = world.item(meeting, title="Hai")
    services.check_take_step(world.users["chair"], meeting, "close")
    with pytest.raises(ValidationError) as error:
        services.check_move_item(world.users["office"], second, -1)
    assert "closed" in " ".join(error.value.messages).lower() or "kết thúc" in " ".join(error.value.messages)
    assert [i.pk for i in selectors.agenda(meeting, world.users["office"])] == [item.pk, second.pk]


def test_opinions_by_members_and_invitees_only(world):
    meeting = world.meeting()
    item = world.item(meeting)
    other = world.item(meeting, title="Nhân sự")
    services.check_add_participant(world.users["office"], meeting, world.people["invitee"], "invitee", [item])
    services.check_take_step(world.users["office"], meeting, "schedule")
    services.check_add_opinion(world.users["member"], item, "Đề nghị bổ sung chỉ tiêu kinh tế số.")
    services.check_add_opinion(world.users["invitee"], item, "Sở đề nghị làm rõ nguồn lực.")
    with pytest.raises(PermissionDenied):
        services.check_add_opinion(world.users["invitee"], other, "Không được mời cho nội dung này.")
    with pytest.raises(PermissionDenied):
        services.check_add_opinion(world.users["leader"], item, "Lãnh đạo chỉ theo dõi.")
    with pytest.raises(ValidationError):
        services.check_add_opinion(world.users["member"], item, "   ")
    assert item.opinions.count() == 2


def test_conclusion_and_directive_edits_keep_history(world):
    meeting, item = running(world)
    chair = world.users["chair"]
    conclusion = services.check_record_conclusion(
        chair, item, "basically_approved", "Cơ bản đồng ý, giao UBND tỉnh rà soát."
    )
    services.check_record_conclusion(world.users["office"], item, "approved_with_revisions", "Đồng ý, có chỉnh sửa.")
    directive = check_add_directive(
        chair,
        conclusion,
        lead_organization=world.government,
        content="Rà soát mục tiêu",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        coordinating_organizations=[world.department],
    )
    check_update_directive(chair, directive, content="Rà soát kỹ mục tiêu", deadline=None)
    history = selectors.item_history(item)
    verbs = [e.verb for e in history]
    assert verbs.count("conclusion.create") == 1 and verbs.count("conclusion.update") == 1
    update = next(e for e in history if e.verb == "conclusion.update")
    assert update.actor == world.users["office"]
    assert update.detail["changes"]["outcome"] == ["basically_approved", "approved_with_revisions"]
    edit = next(e for e in history if e.verb == "directive.update")
    assert edit.detail["changes"]["content"] == ["Rà soát mục tiêu", "Rà soát kỹ mục tiêu"]


def test_directive_bad_input_is_refused(world):
    meeting, item = running(world)
    conclusion = services.check_record_conclusion(world.users["chair"], item, "approved", "Đồng ý.")
    with pytest.raises(ValidationError) as error:
        check_add_directive(
            world.users["chair"],
            conclusion,
            lead_organization=world.government,
            content="X",
            deadline=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert "deadline" in error.value.message_dict
    with pytest.raises(ValidationError):
        check_add_directive(
            world.users["chair"],
            conclusion,
            lead_organization=world.government,
            content="X",
            coordinating_organizations=[world.government],
        )
    with pytest.raises(PermissionDenied):
        check_add_directive(world.users["member"], conclusion, lead_organization=world.government, content="X")
    assert conclusion.directives.count() == 0


def test_matter_followed_across_meetings(world):
    earlier = world.meeting(starts_at=timezone.now() - datetime.timedelta(days=20))
    first = world.item(earlier, title="Dự thảo Nghị quyết về chuyển đổi số")
    later = world.meeting()
    second = world.item(later, title="Dự thảo Nghị quyết về chuyển đổi số (lần 2)")
    matter = services.check_link_to_earlier(world.users["office"], second, first)
    assert selectors.matter_history(second, world.users["office"]) == [first]
    assert first.matter_id == matter.pk
    with pytest.raises(ValidationError):
        services.check_link_to_earlier(world.users["office"], first, second)


def test_text_is_stored_nfc(world):
    import unicodedata

    meeting = world.meeting(title=unicodedata.normalize("NFD", "Hội nghị Ban Thường vụ"))
    meeting.refresh_from_db()
    assert meeting.title == unicodedata.normalize("NFC", "Hội nghị Ban Thường vụ")


def test_audit_events_are_append_only_in_the_database(world):
    world.meeting()
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    for sql in ["UPDATE core_auditevent SET verb = 'x' WHERE id = %s", "DELETE FROM core_auditevent WHERE id = %s"]:
        # The trigger refuses; on PostgreSQL the application's role has no such right in the first place.
        refused = "append-only|permission denied"
        with pytest.raises(Exception, match=refused), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).verb == event.verb


def test_search_ignores_diacritics(world):
    meeting = world.meeting(title="Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 36")
    world.item(meeting, title="Phương án chỉ tiêu sử dụng đất")
    office = world.users["office"]
    assert list(selectors.meeting_list(office, query="tinh uy")) == [meeting]
    assert list(selectors.meeting_list(office, query="dat")) == [meeting]
    assert list(selectors.meeting_list(office, query="Tỉnh uỷ")) == [meeting]
    assert list(selectors.meeting_list(office, query="ngân sách")) == []


def test_a_meeting_held_before_is_recorded_as_held_by_the_office_only(world):
    past = world.meeting(starts_at=timezone.now() - datetime.timedelta(days=400))
    with pytest.raises(PermissionDenied):
        services.check_take_step(world.users["chair"], past, "record_held")
    services.check_take_step(world.users["office"], past, "record_held")
    assert Meeting.objects.get(pk=past.pk).status == Meeting.Status.CLOSED
    assert AuditEvent.objects.filter(verb="meeting.record_held", object_id=str(past.pk)).exists()
    upcoming = world.meeting()  # in three days: not held yet
    with translation.override("en"), pytest.raises(ValidationError, match="earlier day"):
        services.check_take_step(world.users["office"], upcoming, "record_held")
    assert Meeting.objects.get(pk=upcoming.pk).status == Meeting.Status.DRAFT
