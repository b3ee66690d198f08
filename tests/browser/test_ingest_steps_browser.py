"""In the browser, at a phone's and a desk's width: the upload's page follows each file's step while the worker
reads it (htmx, or a refreshing page without scripts), and the review asks the reviewer to map an organization
the directory does not know and to take a removed item's conclusion along."""

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hoinghi.directory.models import Organization
from hoinghi.ingest import services
from hoinghi.ingest.models import ImportJob

SHOTS = Path("test-artifacts/ingest")
WIDTHS = [390, 1440]
ARTICLE = """Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 12

Ngày 14/3/2025, Ban Thường vụ Tỉnh ủy Bắc Nam họp phiên thường kỳ. Đồng chí Trần Văn Chủ, Bí thư Tỉnh ủy chủ trì.

Hội nghị cho ý kiến vào Đề án phát triển du lịch giai đoạn 2031 - 2035 do Ban cán sự đảng UBND tỉnh trình.

Ban Thường vụ Tỉnh ủy thống nhất thông qua Đề án. Giao UBND huyện hoàn thiện Đề án, ban hành kế hoạch thực hiện.
"""


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def waiting_job(world) -> ImportJob:
    return ImportJob.objects.create(
        batch=uuid.uuid4(), name="hoi-nghi-thang-3.html", step=ImportJob.Step.MEETING, created_by=world.users["office"]
    )


def finish(world, job: ImportJob) -> None:
    """What the worker writes when it is done with the file."""
    article = services.do_import_article(world.users["office"], name=job.name, content=ARTICLE.encode()).article
    ImportJob.objects.filter(pk=job.pk).update(step=ImportJob.Step.DONE, article=article)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_shows_the_workers_steps_and_then_the_draft_without_a_reload(open_as, world, width):
    office = open_as("office", viewport={"width": width, "height": 900})
    job = waiting_job(world)
    office.goto(f"/import/upload/{job.batch}/")
    row = office.locator("#upload-results li")
    expect(row.locator(".job-step")).to_have_text("Bước 3/7: Tìm cuộc họp…")
    expect(row.locator("progress")).to_have_js_property("value", 3)
    no_sideways_scroll(office)
    shot(office, f"progress-working-{width}")

    office.evaluate("window.notReloaded = true")
    finish(world, job)
    expect(office.locator("#upload-results li[data-outcome=new] a")).to_be_visible()  # htmx asked again
    assert office.evaluate("window.notReloaded === true")
    expect(office.locator("#upload-results")).not_to_have_attribute("hx-trigger", "every 1s")  # and stopped
    shot(office, f"progress-done-{width}")


def test_without_scripts_the_page_refreshes_itself(open_as, browser, live_server, world):
    signed_in = open_as("office")
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    context.add_cookies(signed_in.context.cookies())
    page = context.new_page()
    job = waiting_job(world)
    page.goto(f"/import/upload/{job.batch}/")
    expect(page.locator(".job-step")).to_have_text("Bước 3/7: Tìm cuộc họp…")
    finish(world, job)
    expect(page.locator("#upload-results li[data-outcome=new] a")).to_be_visible(timeout=10000)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_review_asks_for_an_unknown_organization_and_for_a_removed_items_conclusion(open_as, world, width):
    Organization.objects.create(name="UBND huyện Tứ Kỳ")
    article = services.do_import_article(world.users["office"], name="bai.txt", content=ARTICLE.encode()).article
    office = open_as("office", viewport={"width": width, "height": 900})
    office.goto(f"/import/{article.pk}/")
    rows = office.locator("#list-organizations .row")
    unknown = rows.filter(has=office.locator("label").get_by_text("UBND huyện", exact=True))
    expect(unknown.locator(".js-unmapped")).to_be_visible()
    expect(unknown.locator("optgroup[label='Tên gần nhất trong danh mục'] option").first).to_have_text(
        "UBND huyện Tứ Kỳ"
    )
    no_sideways_scroll(office)
    shot(office, f"review-organizations-{width}")

    office.check("#id_agenda_items-0-DELETE")
    office.click("#save")
    expect(office.locator("#review-errors")).to_be_visible()
    asked = office.locator("#list-conclusions .entry").first.locator("[role=alert]")
    expect(asked).to_contain_text("đã bị xóa: hãy xóa cả dòng này, hoặc giữ lại nội dung đó")
    no_sideways_scroll(office)
    office.locator("#list-conclusions").screenshot(path=str(SHOTS / f"review-removed-item-{width}.png"))

    office.uncheck("#id_agenda_items-0-DELETE")  # keep the item after all
    unknown = office.locator("#list-organizations .row").filter(
        has=office.locator("label").get_by_text("UBND huyện", exact=True)
    )
    unknown.locator("select").select_option(label="UBND huyện Tứ Kỳ")
    for select in office.locator("#list-organizations select").all():
        if not select.input_value():
            select.select_option("new")
    office.click("#accept")
    office.wait_for_url("**/meetings/*/")
    assert not Organization.objects.filter(name="UBND huyện").exists()
