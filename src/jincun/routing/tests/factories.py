"""Moved to `jincun.testing.route_county` (the shared test-support package); this module re-exports it so the import
path other branches use keeps working for now. New code imports `jincun.testing.route_county`."""

from jincun.testing.route_county import (  # noqa: F401
    TestCounty,
    VehicleFactory,
    brand,
    build_county,
    need_two_village_runs,
)
