"""Resolution targets at the size of a province's whole programme: the dashboards and the Excel import.

Builds in a fresh database (SQLite in a temporary directory; with DATABASE_URL, a scratch PostgreSQL database
dropped at the end) 50 resolutions with 1,000 targets, 500 reporting organizations and 200,000 figures (ten
quarters, 2021-2023, of twenty reporters per target). Measures in-process through Django's test client the
resolution dashboard, a target's page and a unit's reporting page beside a trivial page (the login form): p50/p95
server time over N requests and the SQL queries per page. Then, each in a process of its own so that its peak
memory is the import's: the refusal of a 200,000-row Excel file for the next ten quarters with 1,000 bad rows
scattered through it (every one must be reported, and the database left as it was), and the import of the same
file put right; then the pages again over the 400,000 figures (the same number of queries).

    .venv/bin/python bench/targets.py [--requests 40] [--json]
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import measure, prepare_site, print_pages, scratch_database, signed_in

ROOT = Path(__file__).resolve().parent.parent
RESOLUTIONS = 50
TARGETS_PER_RESOLUTION = 20
ORGANIZATIONS = 500
PROVINCE_ORGANIZATIONS = 100  # departments; the others are districts
REPORTERS = 20  # per target
REPORTED_QUARTERS = 10  # in the database before the import: 2021 Q1 to 2023 Q2
IMPORTED_QUARTERS = 10  # in the file: 2023 Q3 to 2025 Q4
BAD_ROWS = 1000
BATCH = 5000


def quarters(first: int, count: int) -> list[datetime.date]:
    """`count` quarters from the `first`-th (0: 2021 Q1)."""
    return [datetime.date(2021 + n // 4, n % 4 * 3 + 1, 1) for n in range(first, first + count)]


class Programme:
    """The resolutions, their targets and reporters, and the figures reported so far."""

    def __init__(self, rng: random.Random):
        from hoinghi.directory.models import Body, Organization, User

        self.rng = rng
        committee = Organization.objects.create(name="Tỉnh ủy Thử nghiệm", kind="party", document_code="TU")
        self.body = Body.objects.create(organization=committee, name="Ban Thường vụ Tỉnh ủy", kind="standing_committee")
        self.organizations = Organization.objects.bulk_create(
            Organization(
                name=f"Sở, ngành số {n + 1}" if n < PROVINCE_ORGANIZATIONS else f"UBND huyện số {n + 1}",
                kind="government",
                level="province" if n < PROVINCE_ORGANIZATIONS else "district",
            )
            for n in range(ORGANIZATIONS)
        )
        self.units = User.objects.bulk_create(
            User(username=f"donvi{org.pk}", role="unit_staff", organization=org, password="!")
            for org in self.organizations
        )
        self.office = User.objects.create(username="vanphong", role="office")
        self.leader = User.objects.create(username="lanhdao", role="leader")

    def build(self) -> None:
        from django.db import transaction

        from hoinghi.targets.models import Milestone, Resolution, Target

        with transaction.atomic():
            self.resolutions = Resolution.objects.bulk_create(
                Resolution(
                    number=f"{n + 1:02d}-NQ/TU",
                    title=f"Nghị quyết chuyên đề số {n + 1} về phát triển kinh tế - xã hội đến năm 2030",
                    body=self.body,
                    issued_on=datetime.date(2021, 1 + n % 12, 1 + n % 28),
                    period_start=2021,
                    period_end=2030,
                )
                for n in range(RESOLUTIONS)
            )
            targets = []
            for resolution in self.resolutions:
                for order in range(TARGETS_PER_RESOLUTION):
                    targets.append(self._target(resolution, order))
            self.targets = Target.objects.bulk_create(targets, batch_size=BATCH)
            Milestone.objects.bulk_create(
                (
                    Milestone(target=target, year=year, value=value)
                    for target in self.targets
                    for year, value in self._milestones(target)
                ),
                batch_size=BATCH,
            )
            links = Target.reporters.through
            provinces, districts = (
                self.organizations[:PROVINCE_ORGANIZATIONS],
                self.organizations[PROVINCE_ORGANIZATIONS:],
            )
            self.reporters = {}
            for n, target in enumerate(self.targets):
                pool = provinces if target.scope_level == "province" else districts
                start = n * REPORTERS % len(pool)
                self.reporters[target.pk] = [pool[(start + k) % len(pool)].pk for k in range(REPORTERS)]
            links.objects.bulk_create(
                (links(target_id=t, organization_id=o) for t, chosen in self.reporters.items() for o in chosen),
                batch_size=BATCH,
            )
            self._figures()
        self.by_pk = {target.pk: target for target in self.targets}

    def _target(self, resolution, order: int):
        from hoinghi.targets.models import Target

        shape = order % 3
        kind = ["percent", "count", "percent"][shape] if order % 7 else "rank"
        return Target(
            resolution=resolution,
            order=order,
            indicator=f"Chỉ tiêu {order + 1} của {resolution.number}: tỷ lệ hồ sơ, dịch vụ, doanh nghiệp đạt chuẩn",
            unit="%" if kind == "percent" else ("hạng" if kind == "rank" else "doanh nghiệp"),
            kind=kind,
            direction="at_most" if kind == "rank" else "at_least",
            baseline_value=19 if kind == "rank" else 20,
            baseline_year=2020,
            scope_level="province" if shape == 0 or kind == "rank" else "district",
            frequency="quarterly",
            rollup="none" if shape == 0 or kind == "rank" else ("sum" if kind == "count" else "weighted"),
        )

    @staticmethod
    def _milestones(target):
        if target.kind == "rank":
            return [(2025, 15), (2030, 10)]
        return [(2025, 80), (2030, 95)] if target.kind == "percent" else [(2025, 500), (2030, 900)]

    def value(self, target, quarter: int) -> tuple[float, float | None]:
        """A plausible figure for the `quarter`-th quarter (0: 2021 Q1), and its base for a weighted share."""
        if target.kind == "rank":
            return float(max(1, 19 - quarter // 4 - self.rng.randint(0, 2))), None
        if target.kind == "count":
            return float(10 + quarter * 2 + self.rng.randint(0, 5)), None
        value = round(min(100.0, 20 + quarter * 3 + self.rng.uniform(-4, 4)), 1)
        return value, float(self.rng.randint(200, 5000)) if target.rollup == "weighted" else None

    def _figures(self) -> None:
        from django.utils import timezone

        from hoinghi.targets.models import Figure

        now = timezone.now()
        authors = {user.organization_id: user for user in self.units}
        periods = quarters(0, REPORTED_QUARTERS)

        def made():
            for target in self.targets:
                for organization in self.reporters[target.pk]:
                    for quarter, period in enumerate(periods):
                        value, weight = self.value(target, quarter)
                        approved = quarter < REPORTED_QUARTERS - 2  # the office is two quarters behind
                        yield Figure(
                            target=target,
                            organization_id=organization,
                            period=period,
                            value=value,
                            weight=weight,
                            reported_by=authors[organization],
                            reported_at=now,
                            status="approved" if approved else "reported",
                            approved_by=self.office if approved else None,
                            approved_at=now if approved else None,
                        )

        batch = []
        for figure in made():
            batch.append(figure)
            if len(batch) == BATCH:
                Figure.objects.bulk_create(batch)
                batch = []
        Figure.objects.bulk_create(batch)

    def import_rows(self) -> list[list]:
        """The next ten quarters of every reporter's figures, as the template's cells."""
        periods = quarters(REPORTED_QUARTERS, IMPORTED_QUARTERS)
        names = {org.pk: org.name for org in self.organizations}
        rows = []
        for target in self.targets:
            for organization in self.reporters[target.pk]:
                for n, period in enumerate(periods):
                    value, weight = self.value(target, REPORTED_QUARTERS + n)
                    label = f"Quý {(period.month - 1) // 3 + 1}/{period.year}"
                    rows.append(
                        [
                            target.resolution.number,
                            target.pk,
                            target.indicator,
                            target.unit,
                            target.scope_level,
                            label,
                            period,
                            names[organization],
                            organization,
                            None,
                            value,
                            weight,
                            "",
                        ]
                    )
        return rows

    def spoil(self, rows: list[list]) -> list[int]:
        """Spoil `BAD_ROWS` rows scattered through the file, each in one way; their Excel row numbers."""
        from hoinghi.core.spreadsheet import HEADER_ROW

        target, period, organization, value = 1, 6, 8, 10
        department, district = self.organizations[0].pk, self.organizations[-1].pk
        # Odd rows only: a spoiled row never follows another (kind 6 copies the row before it).
        chosen = [2 * n + 1 for n in sorted(self.rng.sample(range(len(rows) // 2), BAD_ROWS))]
        for count, index in enumerate(chosen):
            row, kind = rows[index], count % 8
            if kind == 0:
                row[value] = "không có số"  # text where a number belongs
            elif kind == 1:
                row[target] = 10**9  # an unknown target
            elif kind == 2:
                row[organization] = 10**9  # an unknown organization
            elif kind == 3:
                row[period] = row[period] + datetime.timedelta(days=14)  # not the first day of a period
            elif kind == 4:
                row[period] = datetime.date(2031, 1, 1)  # outside the resolution
            elif kind == 5:
                row[value] = -5.0  # negative
            elif kind == 6:  # the figure of the row before, twice in the file
                for col in (target, period, organization):
                    row[col] = rows[index - 1][col]
            else:  # an organization that does not report the target
                row[organization] = department if self.by_pk[row[target]].scope_level == "district" else district
        return [HEADER_ROW + 2 + index for index in chosen]


def write_xlsx(path: Path, rows: list[list]) -> None:
    """The template's layout (title, hidden key row, headers) and its columns; each cell as its Python type."""
    import xlsxwriter

    from hoinghi.core.spreadsheet import HEADER_ROW, KEY_ROW
    from hoinghi.targets.template import columns

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Số liệu")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_string(0, 0, "Số liệu chỉ tiêu")
    spec = columns()
    for col, column in enumerate(spec):
        sheet.write_string(KEY_ROW, col, column.key)
    for col, column in enumerate(spec):
        sheet.write_string(HEADER_ROW, col, column.header)
    for n, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, cell in enumerate(row):
            if isinstance(cell, datetime.date):
                sheet.write_datetime(n, col, cell, day)
            elif isinstance(cell, str):
                if cell:
                    sheet.write_string(n, col, cell)
            elif cell is not None:
                sheet.write_number(n, col, cell)
    book.close()


def fingerprint() -> dict:
    """The figures' count and a checksum of every one of them, and the audit events' count."""
    from hoinghi.core.models import AuditEvent
    from hoinghi.targets.models import Figure

    digest = hashlib.sha256()
    rows = Figure.objects.order_by("pk").values_list("pk", "target_id", "organization_id", "period", "value")
    for row in rows.iterator(chunk_size=10_000):
        digest.update(repr(row).encode())
    return {"figures": Figure.objects.count(), "sha256": digest.hexdigest(), "events": AuditEvent.objects.count()}


def run_import(path: Path, username: str) -> dict:
    """The import of `path` by `username` in a fresh process: its time, what it found, its peak memory."""
    command = [sys.executable, __file__, "--import-file", str(path), "--as", username]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ.copy())
    return json.loads(done.stdout.strip().splitlines()[-1])


def resident_mb() -> tuple[float, float]:
    """This process's resident memory now and at its peak (Linux; unlike `ru_maxrss`, not carried over from the
    parent that forked it)."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def import_in_this_process(path: str, username: str) -> None:
    from django.core.files.uploadedfile import UploadedFile

    from hoinghi.directory.models import User
    from hoinghi.targets import importing

    user = User.objects.get(username=username)
    before_mb, _peak = resident_mb()
    with open(path, "rb") as stream:
        upload = UploadedFile(stream, name=Path(path).name, size=os.path.getsize(path))
        started = time.perf_counter()
        outcome = importing.check_import_figures(user, upload)
        seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "rows": outcome.rows,
                "written": outcome.written,
                "seconds": round(seconds, 2),
                "wrong_rows": sorted({error.row for error in outcome.errors}),
                "errors": len(outcome.errors),
                "rss_before_mb": round(before_mb),
                "peak_rss_mb": round(resident_mb()[1]),
            }
        )
    )


def pages(programme) -> dict:
    """Page name → (user or None, url). Pages not routed yet are left out."""
    from django.urls import NoReverseMatch, reverse

    busiest = programme.units[0]  # a department: it reports 200 targets
    resolution, target = programme.resolutions[0], programme.targets[0]
    wanted = {
        "trivial": (None, "login", ()),
        "resolutions": (programme.leader, "targets:resolutions", ()),
        "resolution": (programme.leader, "targets:resolution", (resolution.pk,)),
        "target": (programme.leader, "targets:target", (target.pk,)),
        "report": (busiest, "targets:report", ()),
        "import_page": (busiest, "targets:import", ()),
    }
    listed = {}
    for name, (user, route, args) in wanted.items():
        try:
            listed[name] = (user, reverse(route, args=args))
        except NoReverseMatch:
            pass
    return listed


def measure_pages(programme, requests: int) -> dict:
    from django.test import Client

    measured = {}
    for name, (user, url) in pages(programme).items():
        client = Client()
        if user is not None:
            signed_in(client, user)
        measured[name] = measure(client, url, requests)
    return measured


def analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")
    os.environ.setdefault("HOINGHI_LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--import-file", help=argparse.SUPPRESS)  # the child process's work
    parser.add_argument("--as", dest="username", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_file:
        setup_django()
        import_in_this_process(args.import_file, args.username)
        return

    data_dir = tempfile.mkdtemp(prefix="hoinghi-bench-")
    os.environ["HOINGHI_DATA_DIR"] = data_dir
    scratch = scratch_database()
    setup_django()
    from django.db import connection, connections

    prepare_site()
    started = time.perf_counter()
    programme = Programme(random.Random(args.seed))
    programme.build()
    analyze()
    build_s = time.perf_counter() - started
    measured = measure_pages(programme, args.requests)

    rows = programme.import_rows()
    good, bad = Path(data_dir) / "so-lieu.xlsx", Path(data_dir) / "so-lieu-co-loi.xlsx"
    started = time.perf_counter()
    write_xlsx(good, rows)
    file_write_s = time.perf_counter() - started
    wrong = programme.spoil(rows)
    write_xlsx(bad, rows)
    before = fingerprint()
    connections.close_all()
    refused = run_import(bad, programme.office.username)
    after_refusal = fingerprint()
    connections.close_all()
    imported = run_import(good, programme.office.username)
    after_import = fingerprint()
    analyze()
    measured_after = measure_pages(programme, args.requests)  # twice the figures: the same queries
    vendor = connection.vendor
    if scratch:
        scratch()
    connections.close_all()
    trivial = measured.pop("trivial")
    measured_after.pop("trivial")
    summary = {
        "database": vendor,
        "requests_per_page": args.requests,
        "data": {
            "resolutions": RESOLUTIONS,
            "targets": len(programme.targets),
            "reporting_organizations": ORGANIZATIONS,
            "figures": before["figures"],
        },
        "build_s": round(build_s, 1),
        "trivial_p50_ms": trivial["p50_ms"],
        "trivial_p95_ms": trivial["p95_ms"],
        "pages": measured,
        "pages_after_import": measured_after,
        "file_mb": round(good.stat().st_size / 1e6, 1),
        "file_write_s": round(file_write_s, 1),
        "import_rows": imported["rows"],
        "import_s": imported["seconds"],
        "import_rows_per_s": round(imported["rows"] / imported["seconds"]),
        "import_written": imported["written"] and after_import["figures"] == before["figures"] + imported["rows"],
        "import_peak_rss_mb": imported["peak_rss_mb"],
        "import_rss_before_mb": imported["rss_before_mb"],
        "refusal_rows": refused["rows"],
        "refusal_bad_rows": BAD_ROWS,
        "refusal_rows_reported": len(refused["wrong_rows"]),
        "refusal_all_reported": refused["wrong_rows"] == wrong,
        "refusal_s": refused["seconds"],
        "refusal_peak_rss_mb": refused["peak_rss_mb"],
        "refusal_left_db_unchanged": after_refusal == before and not refused["written"],
    }
    shutil.rmtree(data_dir, ignore_errors=True)
    if args.json:
        print(json.dumps(summary))
        return
    for key, value in summary.items():
        if not isinstance(value, dict):
            print(f"{key:<26} {value}")
    print(f"data                       {summary['data']}")
    print_pages(summary["pages"], summary["pages_after_import"], "(400,000 figures) p50")


if __name__ == "__main__":
    main()
