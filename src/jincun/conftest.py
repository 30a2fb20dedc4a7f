"""Shared test set-up: the test database holds the bundled Yiyuan divisions and default brands, loaded once.

Tests that need a small hand-checked county build one with the factories in `network/tests/factories.py`
under another county code, so Yiyuan's data does not disturb their counts.
"""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from jincun.network.models import AdminArea
    from jincun.network.services.brands import ensure_default_brands
    from jincun.network.services.divisions import load_bundled
    from jincun.network.services.targets import ensure_policy_targets

    with django_db_blocker.unblock():
        ensure_default_brands()
        load_bundled("yiyuan")
        ensure_policy_targets(AdminArea.objects.get(code="370323000000"))


@pytest.fixture
def login(db):
    """`login(role, **assignment)` → a test client logged in as a fresh user with that role and workplace."""
    from jincun.testing.clients import logged_in

    return logged_in


@pytest.fixture
def yiyuan(db):
    """The bundled county. Reloaded (inside the test's transaction) when a live_server/transactional test
    ran earlier and flushed the tables."""
    from jincun.network.models import AdminArea
    from jincun.network.services.brands import ensure_default_brands
    from jincun.network.services.divisions import load_bundled
    from jincun.network.services.targets import ensure_policy_targets

    county = AdminArea.objects.filter(code="370323000000").first()
    if county is None:
        ensure_default_brands()
        load_bundled("yiyuan")
        county = AdminArea.objects.get(code="370323000000")
        ensure_policy_targets(county)
    return county


# --- Browser tests (Playwright driving Debian's Chromium) ------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
BROWSER_PASSWORD = "jincun-browser-pw"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run. Skips (with the reason) only when Debian's chromium is absent;
    `make test` installs it, so in CI it is always there."""
    import os
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium, or run `make test`)")
    # live_server tests call the ORM from Playwright's event-loop thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (own cookies) at a desktop size; close it after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def browser_login(live_server):
    """`browser_login(page, user)`: log `user` in through the login form (password set here) and return
    the URL the role landed on."""

    def login(page, user, password: str = BROWSER_PASSWORD) -> str:
        user.set_password(password)
        user.save(update_fields=["password"])
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page.url

    return login


@pytest.fixture(autouse=True)
def _fresh_gazetteer():
    """The gazetteer is cached for the process, keyed by a fingerprint that two test databases holding the
    same county share: clear it after each test so none resolves addresses against another's villages."""
    yield
    from jincun.addressing import gazetteer

    gazetteer.clear_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """A request with the English cookie leaves English active in the thread (Django's LocaleMiddleware
    activates it and nothing deactivates it in the test client): go back to Chinese after each test so no
    later test reads another's language."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
