"""Targets across the 2025 reorganization: Hải Dương and the former Hải Phòng report quarterly until both end on
30/06/2025 and merge into Hải Phòng; three targets that do and do not roll up; a re-scope helper."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from hoinghi.directory.models import Organization
from hoinghi.directory.reorganization import do_record_reorganization
from hoinghi.targets import services
from hoinghi.targets.models import Resolution, Target

MERGED = datetime.date(2025, 7, 1)
LAST_DAY = datetime.date(2025, 6, 30)
QUARTERS = [datetime.date(2024, month, 1) for month in (1, 4, 7, 10)] + [datetime.date(2025, 1, 1)]
Q2_2025, Q3_2025 = datetime.date(2025, 4, 1), datetime.date(2025, 7, 1)
REASON = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025: tỉnh Hải Dương hợp nhất vào thành phố Hải Phòng."


@dataclass
class Merge:
    resolution: Resolution
    hai_duong: Organization
    old_hai_phong: Organization
    hai_phong: Organization  # the successor, from 01/07/2025
    firms: Target  # a count: the sum rolls up
    share: Target  # a share weighted by the population
    rank: Target  # a rank: does not roll up


def _target(resolution, order, indicator, reporters, **fields) -> Target:
    target = Target.objects.create(resolution=resolution, order=order, indicator=indicator, **fields)
    target.reporters.set(reporters)
    return target


def build_merge(world, *, merge: bool = True) -> Merge:
    """Figures of both predecessors for 2024 Q1 to 2025 Q1 (Hải Dương alone for 2025 Q2), then the merge."""
    resolution = Resolution.objects.create(
        number="09-NQ/TU",
        title="Nghị quyết về phát triển kinh tế số giai đoạn 2021-2025",
        body=world.body,
        issued_on=datetime.date(2021, 6, 1),
        period_start=2021,
        period_end=timezone.localdate().year + 4,
    )
    hai_duong = Organization.objects.create(name="UBND tỉnh Hải Dương", kind="government")
    old_hai_phong = Organization.objects.create(name="UBND thành phố Hải Phòng (cũ)", kind="government")
    hai_phong = Organization.objects.create(name="UBND thành phố Hải Phòng", kind="government", start=MERGED)
    both = [hai_duong, old_hai_phong]
    merged = Merge(
        resolution,
        hai_duong,
        old_hai_phong,
        hai_phong,
        firms=_target(
            resolution, 1, "Số doanh nghiệp công nghệ số", both, unit="doanh nghiệp", kind="count", rollup="sum"
        ),
        share=_target(
            resolution,
            2,
            "Tỷ lệ dân số có tài khoản thanh toán điện tử",
            both,
            unit="%",
            rollup="weighted",
            weight_name="dân số",
        ),
        rank=_target(resolution, 3, "Xếp hạng chỉ số DTI", both, unit="hạng", kind="rank", direction="at_most"),
    )
    office = world.users["office"]
    for n, period in enumerate(QUARTERS):
        for organization, firms, share, people in (
            (hai_duong, 100, 40, 1_900_000),
            (old_hai_phong, 200, 70, 2_100_000),
        ):
            report = {"organization": organization, "period": period}
            services.do_report_figure(office, merged.firms, value=firms + 10 * n, **report)
            services.do_report_figure(office, merged.share, value=share + n, weight=people, **report)
            services.do_report_figure(office, merged.rank, value=20 - n, **report)
    services.do_report_figure(office, merged.firms, organization=hai_duong, period=Q2_2025, value=150)
    if merge:
        do_record_reorganization(
            office,
            kind="merge",
            predecessors=both,
            successors=[hai_phong],
            effective=MERGED,
            basis_number="202/2025/QH15",
            basis_date=datetime.date(2025, 6, 12),
        )
        for organization in (hai_duong, old_hai_phong):
            organization.refresh_from_db()
    return merged


def rescope(world, merged: Merge, target: Target):
    """The office asks the target of the merged Hải Phòng from the merge on."""
    return services.check_rescope_target(
        world.users["office"],
        target,
        scope="province",
        reporters=[merged.hai_phong],
        effective_on=MERGED,
        reason=REASON,
    )
