"""Logged-in test clients: one fresh user with a role and, optionally, a workplace."""

from __future__ import annotations

from django.test import Client

from jincun.core.models import User
from jincun.network.models import Assignment


def logged_in(role: str, villages=(), **assignment) -> Client:
    """A client logged in as a new user with `role`; `assignment` (hub=, town_node=, station=, brand=) and
    `villages` make its `Assignment`. The user is `client.user`."""
    user = User.objects.create(username=f"u{User.objects.count() + 1}-{role}", role=role)
    if assignment or villages:
        a = Assignment.objects.create(user=user, **assignment)
        a.villages.set(villages)
    client = Client()
    client.force_login(user)
    client.user = user
    return client
