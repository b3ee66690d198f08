"""The office records a merge through its pages: the day, the form (creating the successor on the way), the
preview of what ends and moves, the confirmation; then the organization's history."""

from playwright.sync_api import expect

from hoinghi.directory.models import Organization, Reorganization, User


def test_the_office_records_a_merge_and_reads_the_history(open_as, world):
    other = Organization.objects.create(name="Tỉnh ủy Đông Tây", kind="party", document_code="TU")
    staff = User.objects.create_user(username="tu_staff", password="x-Mật-khẩu-9", role="unit_staff")
    staff.organization = world.committee
    staff.save()
    office = open_as("office", viewport={"width": 390, "height": 844})
    office.goto("/directory/organizations/")
    office.locator("main").get_by_role("link", name="Sắp xếp tổ chức").click()
    office.locator("main").get_by_role("link", name="Ghi nhận sắp xếp tổ chức").click()
    office.fill("#id_effective", "01/07/2025")
    office.press("#id_effective", "Tab")  # closes the date picker
    office.get_by_role("button", name="Chọn các tổ chức").click()
    expect(office.locator("form.card")).to_contain_text("Có hiệu lực từ ngày 01/07/2025")
    # The city committee does not exist yet: created from the form, beginning on the effective day, and back.
    expect(office.locator("#id_successors option", has_text="Thành ủy Bắc Nam")).to_have_count(0)
    office.get_by_role("link", name="Tạo tổ chức mới, bắt đầu từ ngày đó").click()
    expect(office.locator("#id_start")).to_have_value("01/07/2025")
    office.fill("#id_name", "Thành ủy Bắc Nam")
    office.select_option("#id_kind", "party")
    office.fill("#id_document_code", "TU")
    office.get_by_role("button", name="Lưu").click()
    expect(office.locator("#id_successors option", has_text="Thành ủy Bắc Nam")).to_have_count(1)

    office.select_option("#id_kind", "merge")
    office.select_option("#id_predecessors", [str(world.committee.pk), str(other.pk)])
    office.select_option("#id_successors", label="Thành ủy Bắc Nam")
    office.fill("#id_basis_number", "202/2025/QH15")
    office.fill("#id_basis_date", "12/06/2025")
    office.press("#id_basis_date", "Tab")
    office.fill("#id_basis_title", "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025")
    office.get_by_role("button", name="Xem trước").click()
    expect(office.locator("h1")).to_have_text("Xem trước việc sắp xếp tổ chức")
    expect(office.locator("main")).to_contain_text("Kết thúc vào ngày 30/06/2025")
    expect(office.locator("main")).to_contain_text("Ban Thường vụ Tỉnh ủy")
    expect(office.locator("main")).to_contain_text("tu_staff")
    assert not Reorganization.objects.exists()
    office.get_by_role("button", name="Xác nhận và ghi nhận").click()
    expect(office.locator("[role=alert], .alert-success").first).to_contain_text("Đã ghi nhận việc sắp xếp tổ chức.")
    expect(office.locator("main")).to_contain_text("202/2025/QH15")
    staff.refresh_from_db()
    assert staff.organization.name == "Thành ủy Bắc Nam"

    office.goto("/directory/organizations/?ended=on")
    office.get_by_role("link", name="Tỉnh ủy Bắc Nam").click()
    history = office.locator("main")
    expect(history).to_contain_text("đã kết thúc 30/06/2025")
    expect(history).to_contain_text("Hợp nhất")
    expect(history).to_contain_text("Căn cứ văn bản số 202/2025/QH15 ngày 12/06/2025")
    expect(history.get_by_role("link", name="Thành ủy Bắc Nam")).to_be_visible()
    expect(history).to_contain_text("office")
