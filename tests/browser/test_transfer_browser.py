"""In the browser: after a split, the office opens the preview from its menu, chooses the successor of each
directive, sets a new deadline, and passes them in one step; the staff of the successor (its account moved there
by the reorganization) signs in and finds the directive in its inbox, with where it came from."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from hoinghi.directives.models import Directive
from hoinghi.directory.models import Organization, Reorganization
from hoinghi.directory.reorganization import check_record_reorganization
from tests.directive_helpers import directive, running_item

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def test_the_office_passes_a_split_units_directives_and_the_successor_finds_them(open_as, world):
    item = running_item(world)
    kept = directive(world, item, content="Rà soát mục tiêu chuyển đổi số năm 2026, báo cáo Ban Thường vụ.")
    moved = directive(world, item, content="Xây dựng đề án bưu chính công ích giai đoạn 2026-2030.")
    science = Organization.objects.create(name="Sở Khoa học, Công nghệ và Chuyển đổi số", kind="government")
    posts = Organization.objects.create(name="Sở Bưu chính và Viễn thông", kind="government")
    effective = timezone.localdate() + datetime.timedelta(days=1)
    change = check_record_reorganization(
        world.users["office"],
        kind=Reorganization.Kind.SPLIT,
        predecessors=[world.department],
        successors=[science, posts],
        effective=effective,
        basis_number="15/NQ-HĐND",
        basis_date=timezone.localdate(),
        account_moves={world.users["unit"].pk: science},
    )

    office = open_as("office", viewport=DESKTOP)
    office.goto("/")
    office.click("#office-menu")
    office.click("nav a[href='/directives/transfers/']")
    office.click(f"a[href='/directives/transfers/{change.pk}/']")
    expect(office.locator(f"#passing-{kept.pk}")).to_contain_text(world.department.name)
    expect(office.locator("li.card")).to_have_count(2)

    # Applied without a choice: refused on the page, nothing passed.
    office.click("form button.btn-party")
    expect(office.locator(f"#passing-{kept.pk} .invalid-feedback")).to_be_visible()
    assert not Directive.objects.filter(lead_organization__in=[science, posts]).exists()

    new_deadline = effective + datetime.timedelta(days=60)
    office.select_option(f"#id_successor_{kept.pk}", str(science.pk))
    office.select_option(f"#id_successor_{moved.pk}", str(posts.pk))
    office.fill(f"#id_deadline_{kept.pk}", new_deadline.strftime("%d/%m/%Y"))
    office.keyboard.press("Escape")  # the date picker's calendar closes
    office.click("form button.btn-party")
    expect(office.locator(".alert-success")).to_contain_text("Đã chuyển giao 2 nhiệm vụ")
    expect(office.locator(f".alert-success a[href='/directives/inbox/?organization={science.pk}']")).to_be_visible()
    assert Directive.objects.get(pk=kept.pk).deadline == new_deadline

    unit = open_as("unit", viewport=PHONE)
    unit.goto("/directives/inbox/")
    expect(unit.locator(f"a[href='/directives/{kept.pk}/']")).to_be_visible()
    expect(unit.locator(f"a[href='/directives/{moved.pk}/']")).to_have_count(0)
    unit.click(f"a[href='/directives/{kept.pk}/']")
    expect(unit.locator("#transfers")).to_contain_text(
        f"Chuyển từ {world.department.name} sang {science.name} từ ngày {effective:%d/%m/%Y}"
    )
    expect(unit.locator("header")).to_contain_text(new_deadline.strftime("%d/%m/%Y"))
