"""In the browser: the office imports a 2021 article of a province that merged in 2025. The review names the
province's government as it was then, offers its successor for each of its directives, and the office passes
one on while accepting; the other stays as history. The page with the offer passes axe at both widths.

Selectors are the pages' ids, not their wording.
"""

import re
from pathlib import Path

from playwright.sync_api import expect

from hoinghi.directives.models import Directive, Transfer
from hoinghi.ingest.models import ArticleImport
from tests.browser.test_accessibility import audit_both_widths, with_axe
from tests.browser.test_ingest_browser import upload
from tests.succession_helpers import province

ARTICLE = Path("/work/shared/corpus/dev/articles/seed000.txt")


def test_the_review_offers_the_successor_and_the_office_passes_a_directive_on(open_as, world):
    hd = province(world)
    office = with_axe(open_as("office"))
    upload(office)
    office.locator("#upload-results li[data-outcome=new] a").click()
    article = ArticleImport.objects.get()
    expect(office.locator("#id_meeting-directory_body")).to_have_value(str(hd.body.pk))  # Hải Dương's, not Bắc Nam's

    # The article does not say its day: once the reviewer gives it, the names are read as they were then.
    office.fill("#id_meeting-date", "27/01/2021")
    office.click("#save")
    expect(office.locator(".succession")).to_have_count(2)  # the two tasks of "UBND tỉnh", Hải Dương's in 2021
    offer = office.locator(".succession").first
    expect(offer).to_contain_text(hd.government.name)
    expect(offer).to_contain_text(hd.successor.name)
    expect(offer.locator("input[type=checkbox]")).not_to_be_checked()  # history by default
    found = {}
    audit_both_widths(office, "review with a successor offer", found)
    assert not found, found

    # The office passes the first on, says the unknown names are new, and accepts.
    first = offer.get_attribute("id").removesuffix("-succession")
    office.check(f"#id_{first}-pass_on")
    for select in office.locator("#list-organizations select").all():
        if not select.input_value():
            select.select_option("new")
    office.click("#accept")
    office.wait_for_url(re.compile(r"/meetings/\d+/$"))
    meeting = ArticleImport.objects.get(pk=article.pk).meeting
    tasks = Directive.objects.filter(
        conclusion__item__meeting=meeting, lead_organization__in=[hd.government, hd.successor]
    )
    assert sorted(tasks.values_list("lead_organization", flat=True)) == sorted([hd.successor.pk, hd.government.pk])
    [transfer] = Transfer.objects.all()
    assert (transfer.from_organization, transfer.to_organization) == (hd.government, hd.successor)
    assert transfer.directive.conclusion.item.meeting == meeting
