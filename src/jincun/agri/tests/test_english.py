"""Read in English, the brand-reported figures import refuses bad rows with English reasons."""

import re

from django.utils import translation

from jincun.agri.services import import_reported
from jincun.agri.tests.test_projects import apple, county, reported_file  # noqa: F401

HAN = re.compile(r"[\u4e00-\u9fff]+")


def test_reported_import_refusals_in_english(county, apple):  # noqa: F811
    village = county.station.village_id
    rows = [
        ("2026-13-01", "apple", village, "TBZ", 1),
        ("2026-10-01", "pear", village, "TBZ", 1),
        ("2026-10-01", "apple", village, "NOPE", 1),
        ("2026-10-01", "apple", village, "TBZ", -4),
        ("2026-10-01", "apple", "999999999999", "TBZ", 1),
        ("2024-10-01", "apple", village, "TBZ", 1),
    ]
    with translation.override("en"):
        report = import_reported(reported_file(*rows), "r.csv")
        lines = [str(e) for e in report.errors]
    assert len(lines) == len(rows)
    assert all(HAN.findall(line) == [] for line in lines), lines
    assert lines[1] == f"Line 3 ({village}): Unknown project code"
