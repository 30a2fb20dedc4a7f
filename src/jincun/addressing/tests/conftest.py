import pytest


@pytest.fixture(autouse=True)
def _county_loaded(request):
    """Database tests here read the bundled county; a live-server test elsewhere may have flushed it."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("yiyuan")
