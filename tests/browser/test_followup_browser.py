"""In the browser: a unit's staff member reports a directive done from a phone, with files; the office confirms
it; the dashboard's figures move from "open, within the deadline" to "done on time".

Selectors avoid the follow-up's own wording (its Vietnamese is filled in later); the statuses are checked in
the words the product shows for them.
"""

from django.utils import translation
from playwright.sync_api import expect

from hoinghi.directives.models import Directive, ProgressReport
from tests.directive_helpers import PDF, directive

PHONE = {"width": 390, "height": 844}


def label(status) -> str:
    with translation.override("vi"):
        return str(Directive.Status(status).label)


def test_a_unit_reports_done_and_the_office_confirms(open_as, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    task = directive(world, content="Xây dựng kế hoạch chuyển đổi số năm 2026, báo cáo Ban Thường vụ.")
    files = [tmp_path / "ke-hoach.pdf", tmp_path / "phu-luc.pdf"]
    for n, path in enumerate(files):
        path.write_bytes(PDF + f"% {n}\n".encode())

    office = open_as("office")
    office.goto("/directives/dashboard/")
    done_on_time, open_in_time = (
        office.locator(".headline .figure.text-success"),
        office.locator(".headline .figure.text-primary"),
    )
    expect(done_on_time).to_have_text("0")
    expect(open_in_time).to_have_text("1")

    # The unit finds the directive from the menu, on a phone.
    unit = open_as("unit", viewport=PHONE)
    unit.goto("/")
    unit.click(".navbar-toggler")
    unit.click("nav a[href='/directives/inbox/']")
    unit.click(f"a[href='/directives/{task.pk}/']")
    expect(unit.locator("#directive-status")).to_have_text(label("not_started"))
    unit.fill("#id_text", "Đã ban hành Kế hoạch số 15-KH/TU, gửi kèm kế hoạch và phụ lục.")
    unit.fill("#id_percent", "100")
    unit.check("#id_done")
    unit.set_input_files("#id_files", [str(path) for path in files])
    unit.click(f"form[action='/directives/{task.pk}/report/'] button")
    expect(unit.locator("#directive-status")).to_have_text(label("reported_done"))
    report = ProgressReport.objects.get()
    expect(unit.locator(f"#report-{report.pk}")).to_contain_text("Kế hoạch số 15-KH/TU")
    expect(unit.locator(f"#report-{report.pk} a")).to_have_count(3)  # two files and the link to correct it

    # The office reads the report, downloads a file and confirms.
    office.goto(f"/directives/{task.pk}/")
    with office.expect_download() as download:
        office.click(f"#report-{report.pk} a:has-text('ke-hoach.pdf')")
    assert open(download.value.path(), "rb").read() == PDF + b"% 0\n"
    office.click(f"form[action='/directives/{task.pk}/confirm/'] button")
    expect(office.locator("#directive-status")).to_have_text(label("done"))

    office.goto("/directives/dashboard/")
    expect(done_on_time).to_have_text("1")
    expect(open_in_time).to_have_text("0")

    # The unit's inbox shows it done.
    unit.goto("/directives/inbox/")
    expect(unit.locator("#inbox-rows li").first).to_contain_text(label("done"))
