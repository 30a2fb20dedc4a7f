import pytest
from django.test import Client

from jincun.core.models import User
from jincun.network.models import Assignment


@pytest.fixture
def login(db):
    """`login(role, **assignment)` → a test client logged in as a fresh user with that role and workplace."""

    def make(role: str, villages=(), **assignment):
        user = User.objects.create(username=f"u{User.objects.count() + 1}-{role}", role=role)
        if assignment or villages:
            a = Assignment.objects.create(user=user, **assignment)
            a.villages.set(villages)
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's Chromium, against pytest-django's live server."""
    import os

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 400, "height": 800})
        page.set_default_timeout(10_000)
        yield page
        browser.close()
