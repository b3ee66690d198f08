"""A resolution with a target of each kind, reported by the unit's department (world's "unit") and a district, and
the accounts of the district's staff."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from hoinghi.directory.models import Organization, User
from hoinghi.targets import services
from hoinghi.targets.models import Figure, Resolution, Target
from tests.factories import make_user

Q1, Q2, Q3 = datetime.date(2024, 1, 1), datetime.date(2024, 4, 1), datetime.date(2024, 7, 1)


@dataclass
class Plan:
    resolution: Resolution
    district: Organization
    district_staff: User
    services: Target  # a quarterly percentage, by the department and the district
    firms: Target  # a yearly count, by the department
    rank: Target  # a yearly rank (lower is better), by the department
    dossiers: Target  # a quarterly share weighted by its base, by the department and the district
    investment: Target  # a half-yearly amount, by the department
    elsewhere: Target  # a yearly percentage the department does not report (UBND tỉnh does)


def _target(resolution, order, indicator, reporters, **fields) -> Target:
    target = Target.objects.create(resolution=resolution, order=order, indicator=indicator, **fields)
    target.reporters.set(reporters)
    return target


def build_plan(world) -> Plan:
    """From 2021 to four years from now: the periods of next year have not begun, those of 2020 are outside."""
    resolution = Resolution.objects.create(
        number="06-NQ/TU",
        title="Nghị quyết chuyên đề về chuyển đổi số tỉnh Bắc Nam giai đoạn 2021-2025, định hướng đến năm 2030",
        body=world.body,
        issued_on=datetime.date(2021, 8, 1),
        period_start=2021,
        period_end=timezone.localdate().year + 4,
    )
    district = Organization.objects.create(
        name="UBND huyện Đông Sơn", kind="government", level="district", parent=world.government
    )
    mine = [world.department]
    return Plan(
        resolution=resolution,
        district=district,
        district_staff=make_user("district", "unit_staff", organization=district),
        services=_target(
            resolution, 1, "Tỷ lệ dịch vụ công trực tuyến toàn trình", [world.department, district], unit="%"
        ),
        firms=_target(
            resolution, 2, "Số doanh nghiệp công nghệ số", mine, unit="doanh nghiệp", kind="count", frequency="yearly"
        ),
        rank=_target(
            resolution,
            3,
            "Xếp hạng chỉ số chuyển đổi số cấp tỉnh",
            mine,
            unit="hạng",
            kind="rank",
            direction="at_most",
            frequency="yearly",
            baseline_value=19,
            baseline_year=2020,
        ),
        dossiers=_target(
            resolution,
            4,
            "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
            [world.department, district],
            unit="%",
            rollup="weighted",
        ),
        investment=_target(
            resolution, 5, "Vốn đầu tư cho chuyển đổi số", mine, unit="tỷ đồng", kind="amount", frequency="half"
        ),
        elsewhere=_target(
            resolution, 6, "Tỷ lệ xã có điểm truy cập Internet công cộng", [world.government], frequency="yearly"
        ),
    )


def figure(world, target, period=Q1, value=62.5, who="unit", organization=None, **fields) -> Figure:
    """A figure reported through the service (by the department's staff, unless said otherwise)."""
    actor = world.users.get(who) or who
    organization = organization or world.department
    return services.check_report_figure(actor, target, organization=organization, period=period, value=value, **fields)
