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


@pytest.fixture
def browser_page(browser, live_server):
    """A phone-sized page (own cookies) in the shared session Chromium, against the live server."""
    context = browser.new_context(viewport={"width": 400, "height": 800}, locale="zh-CN")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
