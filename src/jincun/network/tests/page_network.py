"""Moved to `jincun.testing.page_network` (the shared test-support package); this module re-exports it so the import
path other branches use keeps working for now. New code imports `jincun.testing.page_network`."""

from jincun.testing.page_network import (  # noqa: F401
    DAY,
    PageNetwork,
    build_page_network,
)
