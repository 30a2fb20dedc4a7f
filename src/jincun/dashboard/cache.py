"""What the overview keeps between requests: a county's coverage figures for a day, computed from the network
(divisions, agreements, stations, targets) — the same for every request until the network changes. Any save
or delete of those models moves the network's version (a signal, connected in DashboardConfig.ready), so a
cached day is never read after a change through the ORM; a change that bypasses signals (a queryset
`update`, a bulk load) shows within `TTL`.

Kept in the configured cache (Redis in production, the database cache otherwise), shared by every worker."""

from __future__ import annotations

import time

from django.core.cache import cache

TTL = 600  # seconds
VERSION_KEY = "dashboard:network-version"


def network_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def network_changed(**_kwargs) -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def remembered(key: str, compute):
    """`compute()` once per network version and `key` (within `TTL`)."""
    full = f"dashboard:{network_version()}:{key}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, TTL)
    return value


def connect_signals() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for label in ("network.AdminArea", "network.Agreement", "network.Station", "network.Brand",
                  "network.CoverageTarget"):  # fmt: skip
        model = apps.get_model(label)
        post_save.connect(network_changed, sender=model, dispatch_uid=f"dashboard-net-{label}-save")
        post_delete.connect(network_changed, sender=model, dispatch_uid=f"dashboard-net-{label}-delete")
