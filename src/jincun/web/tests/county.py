"""Moved to `jincun.testing.journey_county` (the shared test-support package); this module re-exports it so the import
path other branches use keeps working for now. New code imports `jincun.testing.journey_county`."""

from jincun.testing.journey_county import (  # noqa: F401
    County,
    build_county,
)
