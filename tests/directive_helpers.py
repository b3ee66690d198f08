"""Directives to follow up, the accounts of the units given them, and files to attach."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hoinghi.directives.models import Directive
from hoinghi.directives.services import check_add_directive
from hoinghi.meetings import services as meeting_services
from tests.factories import make_user

# A file is judged by its first bytes: these are a PDF's; the second a Windows program's.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def pdf(name="bao-cao.pdf", data=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def units(world) -> dict:
    """Staff of the coordinating unit (UBND tỉnh) and of a unit given nothing (Tỉnh ủy), beside world's "unit"."""
    return {
        "lead": world.users["unit"],
        "helper": make_user("unit_helper", "unit_staff", organization=world.government),
        "stranger": make_user("unit_stranger", "unit_staff", organization=world.committee),
    }


def running_item(world, days_from_now=3):
    meeting = world.meeting(starts_at=timezone.now() + datetime.timedelta(days=days_from_now))
    item = world.item(meeting)
    meeting_services.check_take_step(world.users["office"], meeting, "schedule")
    meeting_services.check_take_step(world.users["chair"], meeting, "start")
    return item


def directive(world, item=None, *, content="Rà soát mục tiêu chuyển đổi số, báo cáo Ban Thường vụ.", **fields):
    """A directive led by the Department (world's "unit") with UBND tỉnh coordinating, due in 30 days."""
    item = item or running_item(world)
    conclusion = getattr(item, "conclusion", None) or meeting_services.check_record_conclusion(
        world.users["chair"], item, "approved", "Đồng ý, giao Sở Khoa học và Công nghệ chủ trì."
    )
    fields = {
        "lead_organization": world.department,
        "coordinating_organizations": [world.government],
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
    } | fields
    created = check_add_directive(world.users["chair"], conclusion, content=content, **fields)
    return Directive.objects.get(pk=created.pk)
