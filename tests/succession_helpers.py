"""A province of 2021 and its districts, ended by the reorganization of 1 July 2025, and a 2021 article of its
Standing Committee to import: the test world of importing across the reorganization (built here, not the demo's)."""

import dataclasses
import datetime

from hoinghi.directory.models import Body, Organization, Reorganization, Term
from hoinghi.directory.reorganization import do_record_reorganization
from hoinghi.ingest import services

EFFECTIVE = datetime.date(2025, 7, 1)
MEETING_DAY = "2021-01-27"

ARTICLE = """Ban Thường vụ Tỉnh ủy Hải Dương họp cho ý kiến về đô thị Thanh Quang

Sáng 27/1, Ban Thường vụ Tỉnh ủy Hải Dương họp cho ý kiến về nhiều nội dung quan trọng.
"""


@dataclasses.dataclass
class Province:
    committee: Organization
    government: Organization
    body: Body
    term: Term
    nam_sach: Organization  # a district dissolved into one commune
    commune: Organization
    thanh_ha: Organization  # a district split into two communes
    split: list[Organization]
    successor: Organization  # the city the province's government passed to


def _reorganize(world, kind, before, after) -> Reorganization:
    return do_record_reorganization(
        world.users["office"],
        kind=kind,
        predecessors=before,
        successors=after,
        effective=EFFECTIVE,
        basis_number="202/2025/QH15",
        basis_date=datetime.date(2025, 6, 12),
    )


def province(world) -> Province:
    """Hải Dương as in 2021, its reorganization recorded: every organization below ended on 30 June 2025."""
    committee = Organization.objects.create(
        name="Tỉnh ủy Hải Dương", short_name="Tỉnh ủy", kind="party", document_code="TU", place_name="Hải Dương"
    )
    government = Organization.objects.create(
        name="UBND tỉnh Hải Dương", short_name="UBND tỉnh", kind="government", place_name="Hải Dương"
    )
    body = Body.objects.create(
        organization=committee, name="Ban Thường vụ Tỉnh ủy", kind="standing_committee", signature_heading="T/M BTV"
    )
    term = Term.objects.create(body=body, ordinal="XVII", start=datetime.date(2020, 10, 1))
    district = {"kind": "government", "level": "district"}
    commune = {"kind": "government", "level": "commune", "start": EFFECTIVE}
    nam_sach = Organization.objects.create(name="UBND huyện Nam Sách", **district)
    thanh_ha = Organization.objects.create(name="UBND huyện Thanh Hà", **district)
    successor = Organization.objects.create(name="UBND thành phố Hải Phòng", kind="government", start=EFFECTIVE)
    new_committee = Organization.objects.create(name="Thành ủy Hải Phòng", kind="party", start=EFFECTIVE)
    nam_sach_commune = Organization.objects.create(name="UBND xã Nam Sách", **commune)
    split = [Organization.objects.create(name=name, **commune) for name in ("UBND xã Hà Bắc", "UBND xã Thanh Hà")]
    dissolution, split_kind = Reorganization.Kind.DISSOLUTION, Reorganization.Kind.SPLIT
    _reorganize(world, dissolution, [committee], [new_committee])
    _reorganize(world, dissolution, [government], [successor])
    _reorganize(world, dissolution, [nam_sach], [nam_sach_commune])
    _reorganize(world, split_kind, [thanh_ha], split)
    for organization in (committee, government, nam_sach, thanh_ha, body, term):
        organization.refresh_from_db()
    return Province(committee, government, body, term, nam_sach, nam_sach_commune, thanh_ha, split, successor)


def record_2021(**meeting) -> dict:
    """The reviewed record of the 2021 meeting: three directives, to the province and to two districts."""
    facts = {
        "body": "Ban Thường vụ Tỉnh ủy",
        "organization": "Hải Dương",
        "term": "XVII",
        "session_number": None,
        "date": MEETING_DAY,
        "chairs": [{"name": "Phạm Xuân Thăng", "positions": ["Bí thư Tỉnh ủy"]}],
        "attendees": [],
    } | meeting
    return {
        "source": "bai-2021.txt",
        "meeting": facts,
        "agenda_items": [{"title": "Đề án công nhận đô thị Thanh Quang đạt tiêu chí đô thị loại V", "presenter": None}],
        "conclusions": [
            {
                "item": "Đề án công nhận đô thị Thanh Quang",
                "outcome": "approved",
                "text": "Ban Thường vụ Tỉnh ủy đồng ý với Đề án công nhận đô thị Thanh Quang; giao UBND huyện Nam "
                "Sách hoàn thiện hồ sơ đô thị Thanh Quang, UBND huyện Thanh Hà rà soát quy hoạch vùng vải, UBND "
                "tỉnh trình hồ sơ lên Bộ Xây dựng.",
            }
        ],
        "directives": [
            {"assignee": "UBND huyện Nam Sách", "content": "hoàn thiện hồ sơ đô thị Thanh Quang", "deadline": None},
            {"assignee": "UBND huyện Thanh Hà", "content": "rà soát quy hoạch vùng vải", "deadline": None},
            {"assignee": "UBND tỉnh", "content": "trình hồ sơ lên Bộ Xây dựng", "deadline": "2021-06-30"},
        ],
        "votes": [],
        "targets": [],
        "warnings": [],
    }


def reviewed_2021(world, **meeting):
    """The 2021 article imported and reviewed by the office."""
    office = world.users["office"]
    article = services.do_import_article(office, name="bai-2021.txt", content=ARTICLE.encode()).article
    return services.check_save_review(office, article, record_2021(**meeting))
