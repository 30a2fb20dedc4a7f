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
def yiyuan(db):
    from jincun.network.models import AdminArea

    return AdminArea.objects.get(code="370323000000")
