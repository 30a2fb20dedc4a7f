import pytest


@pytest.fixture
def reload_reference_data(django_db_blocker):
    """A transactional test flushes the session's reference data (brands, Yiyuan); put it back after."""
    yield
    from jincun.network.models import AdminArea
    from jincun.network.services.brands import ensure_default_brands
    from jincun.network.services.divisions import load_bundled
    from jincun.network.services.targets import ensure_policy_targets

    with django_db_blocker.unblock():
        ensure_default_brands()
        load_bundled("yiyuan")
        ensure_policy_targets(AdminArea.objects.get(code="370323000000"))
