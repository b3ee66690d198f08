"""Playwright driving Debian's chromium against the live test server."""

import os

import pytest
from playwright.sync_api import sync_playwright

from hoinghi.directory import two_factor
from hoinghi.directory.models import User
from tests.account_helpers import code_now, enrolled

CHROMIUM = os.environ.get("HOINGHI_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
# between browser steps are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def open_as(browser, live_server):
    """open_as(username) -> a logged-in page in its own browser context (its own cookies)."""
    contexts = []

    def login(username, password="Mật-khẩu-thử-9", viewport=None, locale=None):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport or {"width": 1280, "height": 900},
            accept_downloads=True,
            **({"locale": locale} if locale else {}),
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        user = User.objects.get(username=username)
        device = enrolled(user) if two_factor.required(user) else None
        page = context.new_page()
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form.card button")
        if device is not None:
            # The second step as a person takes it: the code his authenticator app shows now.
            page.wait_for_url("**/login/code/")
            page.fill("#id_code", code_now(device))
            page.click("form.card button")
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield login
    for context in contexts:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, keep a screenshot of every open page under test-artifacts/."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "browser" in item.fixturenames:
        from pathlib import Path

        folder = Path("test-artifacts")
        folder.mkdir(exist_ok=True)
        for n, context in enumerate(item.funcargs["browser"].contexts):
            for m, page in enumerate(context.pages):
                page.screenshot(path=str(folder / f"{item.name}-{n}-{m}.png"), full_page=True)
