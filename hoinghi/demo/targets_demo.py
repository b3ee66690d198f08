"""The demo's resolution targets: the digital-transformation resolution of seed 002, every target the article
states with its milestones, the two 2020 ranks it gives, and figures from 2021 up to the last period reported by
the day the demo is loaded, from the province's offices and its twelve districts. The districts ended with the
merge of 01/07/2025: their figures stop at the last period before it. The province's offices ended too: the city
offices that succeeded them report the province-wide figures of the former province's resolution since.

From the article: the resolution's title, its targets and milestones, its eight groups of solutions, and the
ranks of 2020 (19th in IT application and development, 18th in e-government). Demo scaffolding: the resolution's
number, who reports what and how often, every figure, the office's approvals, one correction and the change of
a definition; every figure's note says it is demo data. Figures, approvals, the correction and the change go
through the services as the units and the office would, then are dated in their period rather than at load time.
"""

import datetime
import random

from django.utils import timezone

from hoinghi.directory.models import Organization, User
from hoinghi.meetings.models import Conclusion
from hoinghi.targets import rules, services
from hoinghi.targets.models import Figure, Milestone, Resolution, SolutionGroup, Target, TargetRevision
from hoinghi.targets.selectors import period_end

from . import seed_meetings as data

FIGURE_NOTE = "Số liệu mẫu của bản demo, không phải số liệu thống kê chính thức."
FIRST_YEAR = 2021  # the figures' first year; they go on to the last period reported by today
PLAN_YEAR = 2025  # the figures' plans below (a path, ranks) are written up to this year, then go on at their pace
REPORT_DAYS, APPROVAL_DAYS = 15, 10  # after the period's end, the unit reports; after that, the office approves
PENDING_DAYS = 60  # the figures reported in the last two months wait for the office's approval

RESOLUTION = {
    # The article gives no number; this one says it is the demo's.
    "number": "CĐS-2021 (số hiệu mẫu)",
    "title": "Nghị quyết chuyên đề về chuyển đổi số tỉnh Hải Dương giai đoạn 2021-2025, định hướng đến năm 2030",
    # Discussed and adopted by the Executive Committee at its fourth conference (seed 002), dated that day.
    "issued_on": datetime.date(2021, 3, 22),
    "period_start": 2021,
    "period_end": 2030,
}

# The city office that reports, from the merge, what a province office of Hải Dương reported before it.
SUCCESSORS = {"so_tttt": "so_khcn_tp", "ubnd": "ubnd_tp"}
# Population in thousands, rounded (demo approximation): the weight of a district's share, and its size.
DISTRICTS = {
    "tp_hai_duong": 510,
    "chi_linh": 220,
    "kinh_mon": 210,
    "nam_sach": 150,
    "kim_thanh": 150,
    "thanh_ha": 165,
    "cam_giang": 165,
    "binh_giang": 115,
    "gia_loc": 150,
    "tu_ky": 170,
    "ninh_giang": 150,
    "thanh_mien": 135,
}
# What a district's weight counts, per thousand inhabitants and period: dossiers handled, or people.
BASES = {"district_dossiers": 12, "commune_dossiers": 30, "population": 1000}


def solution_groups() -> list[str]:
    """The eight groups of solutions, as the paper of seed 002 lists them."""
    text = data.DIGITAL_RESOLUTION_TEXT
    start = next(n for n, (style, line) in enumerate(text) if style == "heading" and "nhóm giải pháp" in line)
    return [line for _style, line in text[start + 1 :]]


GOVERNMENT, ECONOMY, SOCIETY = 3, 4, 5  # indexes in solution_groups()
DVC = "dvc"

# key: the target. "figures": how the demo's figures go, from the first period to the last of 2021-2025, and on
# at the same pace after (a share up to 100%, a rank as it was in 2025) —
#   ("province", [(first year, last year, from, to), ...])  one province office's figure, in segments;
#   ("ranks", {year: rank})                               one figure a year;
#   ("districts", from, to, base)                         each district around a province-wide path; the base
#                                                        names its weight (BASES), None for a count split by size.
TARGETS = {
    # "Phấn đấu đến năm 2025 ... nhóm 20 tỉnh, thành phố dẫn đầu cả nước về chuyển đổi số; ... đến năm 2030 thuộc
    # nhóm 15": in the group of the 20 (15) first is a rank of at most 20 (15).
    "rank": {
        "group": None,
        "indicator": "Xếp hạng chuyển đổi số cấp tỉnh: thuộc nhóm 20 tỉnh, thành phố dẫn đầu cả nước (năm 2025), "
        "nhóm 15 (năm 2030)",
        "unit": "hạng",
        "kind": rules.RANK,
        "frequency": rules.YEARLY,
        "reporters": ["so_tttt"],
        "milestones": {2025: 20, 2030: 15},
        "figures": ("ranks", {2021: 27, 2022: 24, 2023: 22, 2024: 19, 2025: 17}),
    },
    # The two ranks the article gives for 2020, the ground the Director of Information and Communications
    # judged the target feasible on; the resolution sets no milestone for them, and the indexes gave way to the
    # digital-transformation index: baselines without figures.
    "rank_it": {
        "group": None,
        "indicator": "Xếp hạng ứng dụng và phát triển công nghệ thông tin",
        "unit": "hạng",
        "kind": rules.RANK,
        "frequency": rules.YEARLY,
        "reporters": ["so_tttt"],
        "baseline": (19, 2020),
        "milestones": {},
    },
    "rank_egov": {
        "group": GOVERNMENT,
        "indicator": "Xếp hạng xây dựng chính quyền điện tử",
        "unit": "hạng",
        "kind": rules.RANK,
        "frequency": rules.YEARLY,
        "reporters": ["so_tttt"],
        "baseline": (18, 2020),
        "milestones": {},
    },
    DVC: {
        "group": GOVERNMENT,
        "indicator": "Tỷ lệ dịch vụ công trực tuyến mức độ 4 được cung cấp trên nhiều phương tiện truy cập khác "
        "nhau, bao gồm cả thiết bị di động",
        "unit": "%",
        "frequency": rules.QUARTERLY,
        "reporters": ["so_tttt"],
        "milestones": {2025: 80},
        # The share of "toàn trình" services starts lower than that of "mức độ 4" ones: the change is marked.
        "figures": ("province", [(2021, 2022, 31.0, 62.0), (2023, 2025, 38.0, 72.5)]),
    },
    "dossiers_province": {
        "group": GOVERNMENT,
        "indicator": "Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng (trừ hồ sơ công việc "
        "thuộc phạm vi bí mật nhà nước)",
        "unit": "%",
        "frequency": rules.QUARTERLY,
        "reporters": ["ubnd"],
        "milestones": {2025: 90},
        "figures": ("province", [(2021, 2025, 72.0, 93.5)]),
    },
    "dossiers_district": {
        "group": GOVERNMENT,
        "indicator": "Tỷ lệ hồ sơ công việc tại cấp huyện được xử lý trên môi trường mạng (trừ hồ sơ công việc "
        "thuộc phạm vi bí mật nhà nước)",
        "unit": "%",
        "scope": Organization.Level.DISTRICT,
        "frequency": rules.QUARTERLY,
        "rollup": rules.WEIGHTED_SHARE,
        "reporters": "districts",
        "milestones": {2025: 80},
        "figures": ("districts", 48.0, 84.0, "district_dossiers"),
    },
    # Each district reports for its communes together: the province has no commune accounts.
    "dossiers_commune": {
        "group": GOVERNMENT,
        "indicator": "Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc "
        "phạm vi bí mật nhà nước)",
        "unit": "%",
        "scope": Organization.Level.COMMUNE,
        "frequency": rules.HALF_YEARLY,
        "rollup": rules.WEIGHTED_SHARE,
        "reporters": "districts",
        "milestones": {2025: 70},
        "figures": ("districts", 30.0, 66.0, "commune_dossiers"),
    },
    "digital_economy": {
        "group": ECONOMY,
        "indicator": "Tỷ trọng kinh tế số trong tổng sản phẩm trên địa bàn (GRDP)",
        "unit": "%",
        "frequency": rules.YEARLY,
        "reporters": ["ubnd"],
        "milestones": {2025: 20},
        "figures": ("province", [(2021, 2025, 7.8, 14.6)]),
    },
    # "trên 700": at least 700 is the nearest a milestone states it.
    "enterprises": {
        "group": ECONOMY,
        "indicator": "Số doanh nghiệp công nghệ số (phấn đấu trên 700 doanh nghiệp)",
        "unit": "doanh nghiệp",
        "kind": rules.COUNT,
        "frequency": rules.YEARLY,
        "rollup": rules.SUM,
        "reporters": "districts",
        "milestones": {2025: 700},
        "figures": ("districts", 430, 735, None),
    },
    # "Phổ cập" (universal): the whole population, the reading the demo takes.
    "mobile": {
        "group": SOCIETY,
        "indicator": "Phổ cập dịch vụ mạng di động 4G/5G và điện thoại di động thông minh (tỷ lệ dân số)",
        "unit": "%",
        "frequency": rules.YEARLY,
        "reporters": ["so_tttt"],
        "milestones": {2025: 100},
        "figures": ("province", [(2021, 2025, 86.0, 97.2)]),
    },
    "payments": {
        "group": SOCIETY,
        "indicator": "Tỷ lệ dân số có tài khoản thanh toán điện tử (trên 50%)",
        "unit": "%",
        "frequency": rules.HALF_YEARLY,
        "rollup": rules.WEIGHTED_SHARE,
        "reporters": "districts",
        "milestones": {2025: 50},
        "figures": ("districts", 31.0, 61.0, "population"),
    },
}

REVISION = {
    "target": DVC,
    "effective_on": datetime.date(2023, 1, 1),
    "indicator": "Tỷ lệ dịch vụ công trực tuyến toàn trình được cung cấp trên nhiều phương tiện truy cập khác nhau, "
    "bao gồm cả thiết bị di động",
    "reason": "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ không còn phân loại dịch vụ công trực tuyến "
    "theo mức độ 3, 4 mà theo dịch vụ công trực tuyến toàn trình và một phần; từ năm 2023 chỉ tiêu được tính theo "
    "dịch vụ công trực tuyến toàn trình. " + data.FOLLOW_UP_NOTE,
}

# The office's one correction: (target, district, year, value added, reason).
CORRECTION = (
    "enterprises",
    "tp_hai_duong",
    2023,
    4,
    "Bổ sung 4 doanh nghiệp công nghệ số đăng ký cuối năm chưa được tính. " + data.FOLLOW_UP_NOTE,
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def reported_periods(frequency: str, today: datetime.date) -> list[datetime.date]:
    """The periods from FIRST_YEAR whose figures are reported by `today` (REPORT_DAYS after the period's end)."""
    periods = rules.periods(frequency, FIRST_YEAR, today.year)
    return [p for p in periods if period_end(p, frequency) + datetime.timedelta(days=REPORT_DAYS) <= today]


def is_approved(period: datetime.date, frequency: str, today: datetime.date) -> bool:
    """Whether the office has approved a period's figures by `today`: those of the last PENDING_DAYS wait."""
    reported = period_end(period, frequency) + datetime.timedelta(days=REPORT_DAYS)
    return reported <= today - datetime.timedelta(days=PENDING_DAYS)


def _path(periods: list[datetime.date], planned: int, first: float, last: float, rng: random.Random) -> list[float]:
    """From `first` in the first period to `last` in the `planned`-th, and on at that pace; a little uneven as real
    figures are."""
    step = (last - first) / max(planned - 1, 1)
    wobble = abs(last - first) * 0.02
    return [first + step * n + rng.uniform(-wobble, wobble) for n in range(len(periods))]


class TargetsDemo:
    def __init__(self, offices: tuple[User, User], orgs: dict[str, Organization], meeting_item, today, follow_up):
        self.today = today
        # Hải Dương's office up to the merge, the city's after it.
        self.office, self.successor_office = offices
        self.orgs = orgs
        self.follow_up = follow_up  # whose accounts report for each unit
        self.item = meeting_item  # the seed 002 item where the draft was discussed
        self.rng = random.Random(2021)

    def run(self) -> Resolution:
        resolution = self._resolution()
        self.figures: list[Figure] = []
        self.targets: dict[str, Target] = {}
        self.frequencies: dict[int, str] = {}
        for order, (key, spec) in enumerate(TARGETS.items(), start=1):
            target = self.targets[key] = self._target(resolution, order, spec)
            self.frequencies[target.pk] = target.frequency
            if key == REVISION["target"]:
                self._revise(target)
            if "figures" in spec:
                self._figures(key, target, spec)
        self._approve_and_correct()
        return resolution

    # Reference data, as the office enters it in the admin.

    def _resolution(self) -> Resolution:
        meeting = self.item.meeting
        resolution = Resolution.objects.create(
            **RESOLUTION,
            body=meeting.body,
            meeting=meeting,
            conclusion=Conclusion.objects.filter(item=self.item).first(),
            created_by=self.office,
        )
        self.groups = [
            SolutionGroup.objects.create(resolution=resolution, order=n, title=title)
            for n, title in enumerate(solution_groups(), start=1)
        ]
        return resolution

    def _target(self, resolution: Resolution, order: int, spec: dict) -> Target:
        kind = spec.get("kind", rules.PERCENT)
        baseline_value, baseline_year = spec.get("baseline", (None, None))
        target = Target.objects.create(
            resolution=resolution,
            group=None if spec["group"] is None else self.groups[spec["group"]],
            order=order,
            indicator=spec["indicator"],
            unit=spec["unit"],
            kind=kind,
            direction=rules.AT_MOST if kind == rules.RANK else rules.AT_LEAST,
            baseline_value=baseline_value,
            baseline_year=baseline_year,
            scope_level=spec.get("scope", Organization.Level.PROVINCE),
            frequency=spec["frequency"],
            rollup=spec.get("rollup", rules.NO_ROLLUP),
        )
        if spec["reporters"] == "districts":
            reporters = list(DISTRICTS)
        else:
            reporters = [*spec["reporters"], *(SUCCESSORS[key] for key in spec["reporters"])]
        target.reporters.set([self.orgs[key] for key in reporters])
        Milestone.objects.bulk_create(Milestone(target=target, year=y, value=v) for y, v in spec["milestones"].items())
        return target

    # What the units and the office do, through the services.

    def _revise(self, target: Target) -> None:
        effective_on = REVISION["effective_on"]
        revision = services.do_revise_target(
            self.office, target, indicator=REVISION["indicator"], effective_on=effective_on, reason=REVISION["reason"]
        )
        TargetRevision.objects.filter(pk=revision.pk).update(changed_at=_at(effective_on, 9))
        # The figures of 2021-2022 are reported below as they were: under the first definition.

    def _report(self, target: Target, organization: Organization, period, value, weight=None) -> None:
        figure = services.do_report_figure(
            self.follow_up.reporter(organization),
            target,
            organization=organization,
            period=period,
            value=value,
            weight=weight,
            note=FIGURE_NOTE,
        )
        self.figures.append(figure)

    def _reporter(self, key: str, period: datetime.date, frequency: str) -> Organization:
        """The province office `key` for a period up to the merge, its successor for the later ones."""
        before = period_end(period, frequency) <= data.LAST_DAY
        return self.orgs[key if before else SUCCESSORS[key]]

    def _figures(self, key: str, target: Target, spec: dict) -> None:
        how, *plan = spec["figures"]
        periods = reported_periods(target.frequency, self.today)
        if how == "ranks":
            (ranks,) = plan
            for period in periods:
                rank = ranks.get(period.year, ranks[max(ranks)])
                self._report(target, self._reporter(spec["reporters"][0], period, target.frequency), period, rank)
        elif how == "province":
            (segments,) = plan
            for n, (first_year, last_year, first, last) in enumerate(segments):
                until = self.today.year if n == len(segments) - 1 else last_year
                part = [p for p in periods if first_year <= p.year <= until]
                planned = len(rules.periods(target.frequency, first_year, last_year))
                for period, value in zip(part, _path(part, planned, first, last, self.rng), strict=True):
                    value = min(value, 100.0) if target.unit == "%" else value
                    reporter = self._reporter(spec["reporters"][0], period, target.frequency)
                    self._report(target, reporter, period, round(value, 1))
        else:
            first, last, base = plan
            # The districts report up to the last period that ended before they did.
            periods = [p for p in periods if period_end(p, target.frequency) <= data.LAST_DAY]
            self._district_figures(target, periods, first, last, base)

    def _district_figures(self, target: Target, periods, first, last, base) -> None:
        """Each district around the province-wide path (a share), or its part of the total by size (a count)."""
        planned = len(rules.periods(target.frequency, FIRST_YEAR, PLAN_YEAR))
        province = _path(periods, planned, first, last, self.rng)
        people = sum(DISTRICTS.values())
        for key, size in DISTRICTS.items():
            lead = self.rng.uniform(-1, 1)
            for period, value in zip(periods, province, strict=True):
                if base is None:
                    figure, weight = round(value * size / people), None
                else:
                    figure = round(min(100.0, max(0.0, value + lead * 8 + self.rng.uniform(-1, 1))), 1)
                    weight = size * BASES[base]
                self._report(target, self.orgs[key], period, figure, weight)

    def _approve_and_correct(self) -> None:
        """The office approves the figures but the last weeks' (`is_approved`) and corrects one; each is dated in
        the weeks after its period rather than at load time."""
        for figure in self.figures:
            if is_approved(figure.period, self.frequencies[figure.target_id], self.today):
                ended = period_end(figure.period, self.frequencies[figure.target_id])
                office = self.office if ended <= data.LAST_DAY else self.successor_office
                services.do_approve_figure(office, figure)
        for target_id, period in {(figure.target_id, figure.period) for figure in self.figures}:
            reported = period_end(period, self.frequencies[target_id]) + datetime.timedelta(days=REPORT_DAYS)
            figures = Figure.objects.filter(target_id=target_id, period=period)
            figures.update(reported_at=_at(reported, 16))
            approved = _at(reported + datetime.timedelta(days=APPROVAL_DAYS), 9)
            figures.filter(status=Figure.Status.APPROVED).update(approved_at=approved)
        key, district, year, added, reason = CORRECTION
        target, organization = self.targets[key], self.orgs[district]
        original = Figure.objects.get(target=target, organization=organization, period=datetime.date(year, 1, 1))
        corrected = services.do_correct_figure(self.office, original, value=original.value + added, reason=reason)
        at = original.approved_at + datetime.timedelta(days=30)
        Figure.objects.filter(pk=corrected.pk).update(reported_at=at, approved_at=at)
