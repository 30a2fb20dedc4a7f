"""Moved to `jincun.testing.page_steps` (the shared test-support package); this module re-exports it so the import
path other branches use keeps working for now. New code imports `jincun.testing.page_steps`."""

from jincun.testing.page_steps import (  # noqa: F401
    load_run,
    push,
    scan,
    state,
    to_station,
    to_town,
)
