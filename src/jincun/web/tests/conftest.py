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
