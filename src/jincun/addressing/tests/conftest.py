import os

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def review_browser(live_server):
    """A Playwright page in Debian's Chromium against the live server. The live server's transactional
    test flushes every table at the end, so the bundled county is loaded again afterwards for later tests."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 400, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


@pytest.fixture
def reload_county_after(django_db_blocker):
    yield
    from jincun.network.models import AdminArea
    from jincun.network.services.brands import ensure_default_brands
    from jincun.network.services.divisions import load_bundled
    from jincun.network.services.targets import ensure_policy_targets

    with django_db_blocker.unblock():
        ensure_default_brands()
        load_bundled("yiyuan")
        ensure_policy_targets(AdminArea.objects.get(code="370323000000"))
