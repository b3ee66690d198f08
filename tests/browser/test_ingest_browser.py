"""In the browser: the office uploads an article saved from a portal, corrects its record beside the text, adds
a directive, accepts it, finds the meeting created with that directive, then uploads the same article again
and is told it was imported before.

Selectors are the pages' ids, not their wording (its Vietnamese is filled in later).
"""

import datetime
import re
from pathlib import Path

from playwright.sync_api import expect

from hoinghi.directives.models import Directive
from hoinghi.ingest.models import ArticleImport

ARTICLE = Path("/work/shared/corpus/dev/articles/seed000.txt")
TASK = "Xây dựng kế hoạch thực hiện chuyển đổi số, báo cáo kết quả trước khi sơ kết."


def upload(page):
    """Upload the article through htmx (the way that shows the progress bar); the request it sent."""
    page.goto("/import/upload/")
    page.set_input_files("#id_files", str(ARTICLE))
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.click("#upload-form button[type=submit]")
    return answer.value.request


def test_the_office_imports_an_article_and_accepts_it(open_as, world):
    office = open_as("office")

    # From the office's menu to the archive, then to the upload page.
    office.goto("/meetings/")
    office.click("#office-menu")
    office.click(".dropdown-menu a[href='/import/']")
    office.click("a[href='/import/upload/']")
    expect(office).to_have_url(re.compile(r"/import/upload/$"))
    office.wait_for_load_state("load")  # the page's script listens for htmx's progress from then on

    # The bar follows the bytes htmx reports sent.
    office.evaluate(
        """document.querySelector("#upload-form").dispatchEvent(new CustomEvent("htmx:xhr:progress",
            {bubbles: true, detail: {lengthComputable: true, loaded: 30, total: 120}}))"""
    )
    expect(office.locator(".js-upload-progress")).to_be_visible()
    expect(office.locator(".js-upload-progress")).to_have_js_property("value", 25)

    request = upload(office)
    assert request.headers.get("hx-request") == "true"
    row = office.locator("#upload-results li[data-outcome=new]")
    expect(row).to_have_count(1)
    article = ArticleImport.objects.get()

    # The review: the article beside its record.
    row.locator("a").click()
    expect(office.locator("#article-text")).to_contain_text(article.title)
    expect(office.locator("#article-source")).to_have_text(ARTICLE.name)
    expect(office.locator("#id_meeting-directory_body")).to_have_value(str(world.body.pk))

    # The article does not say the day: the reviewer types it; and adds a task the extractor missed.
    office.fill("#id_meeting-date", "27/01/2021")
    row_number = office.locator("#id_directives-TOTAL_FORMS").input_value()
    office.click("#list-directives .js-add-row")
    office.fill(f"#id_directives-{row_number}-assignee", "UBND tỉnh")
    office.fill(f"#id_directives-{row_number}-content", TASK)
    office.fill(f"#id_directives-{row_number}-deadline", "30/06/2021")
    # The names the directory does not know: the reviewer says each is a new organization (none is chosen for him).
    for select in office.locator("#list-organizations select").all():
        if not select.input_value():
            select.select_option("new")
    office.click("#accept")

    # Accepted: the meeting's page, and the directive on its item.
    office.wait_for_url(re.compile(r"/meetings/\d+/$"))
    article.refresh_from_db()
    meeting = article.meeting
    assert article.status == ArticleImport.Status.ACCEPTED
    assert meeting.starts_at.date() == datetime.date(2021, 1, 27)
    assert office.url.endswith(f"/meetings/{meeting.pk}/")
    expect(office.locator("h1")).to_have_text(meeting.title)
    directive = Directive.objects.get(content=TASK)
    assert directive.deadline == datetime.date(2021, 6, 30)
    office.click(f"#agenda a[href='/meetings/items/{directive.conclusion.item.pk}/']")
    expect(office.locator("#directives-h + *")).to_contain_text(TASK)

    # The review is now read only, and leads to the meeting.
    office.goto(f"/import/{article.pk}/")
    expect(office.locator(f"#accepted a[href='/meetings/{meeting.pk}/']")).to_be_visible()
    expect(office.locator("#accept")).to_have_count(0)
    expect(office.locator("#id_meeting-date")).to_be_disabled()

    # The same article again: told it is a duplicate, linked to the import kept.
    upload(office)
    duplicate = office.locator("#upload-results li[data-outcome=duplicate]")
    expect(duplicate).to_have_count(1)
    expect(duplicate.locator(f"a[href='/import/{article.pk}/']")).to_be_visible()
    assert ArticleImport.objects.count() == 1
