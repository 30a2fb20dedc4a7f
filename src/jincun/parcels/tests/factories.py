"""Moved to `jincun.testing.parcel_county` (the shared test-support package); this module re-exports it so the import
path other branches use keeps working for now. New code imports `jincun.testing.parcel_county`."""

from jincun.testing.parcel_county import (  # noqa: F401
    County,
    ParcelRowFactory,
    build_county,
    manifest_parcel,
    to_village,
)
