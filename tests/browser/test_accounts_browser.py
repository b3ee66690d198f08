"""A member's first sign-in on a phone: the password, the authenticator set up from the QR code on the page, the
recovery codes; then his own password, and signing out everywhere."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.account_helpers import PASSWORD, code_now

PHONE = {"width": 390, "height": 844}


def test_first_sign_in_sets_up_the_app_then_the_account_pages(world, browser, live_server):
    member = world.users["member"]
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", "member")
    page.fill("#id_password", PASSWORD)
    page.click("form.card button")
    page.wait_for_url("**/login/setup/")
    qr = page.locator(".qr-code svg")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 150  # big enough to scan on a phone
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    page.fill("#id_code", code_now(device))
    page.click("form button.btn-party")
    page.wait_for_url("**/account/recovery-codes/**")
    assert page.locator(".recovery-codes li").count() == 10
    page.click("text=Tôi đã lưu lại: tiếp tục")
    page.wait_for_url("**/meetings/")

    page.goto("/account/password/")
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", "Hanoi@2024")
    page.fill("#id_new_password2", "Hanoi@2024")
    page.click("form.card button")
    assert page.locator(".invalid-feedback").first.is_visible()
    assert any("một năm" in text for text in page.locator(".invalid-feedback").all_inner_texts())

    page.goto("/account/sessions/")
    page.click("form.card button")
    page.wait_for_url("**/login/")
    assert page.locator(".alert-info").inner_text() == "Bạn đã đăng xuất khỏi mọi thiết bị."
    context.close()
