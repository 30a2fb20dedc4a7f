from jincun.parcels.tests.conftest import reload_reference_data  # noqa: F401
