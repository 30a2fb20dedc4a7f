"""Formula injection: text that a spreadsheet would run is written as text in every CSV/XLSX export."""

import csv
import io

import pytest

from jincun.core.exports import safe_cell, safe_row, safe_writer

EVIL = [
    '=HYPERLINK("http://evil.example","点此")',
    "@SUM(A1:A9)",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("text", EVIL)
def test_formula_text_becomes_plain_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["幸福村超市", "-3.5", "+86", "12", 7, -2, None, ""])
def test_plain_text_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_csv_writer_escapes_every_cell():
    out = io.StringIO()
    safe_writer(out).writerow(["ST1", "=HYPERLINK(1)", 3])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["ST1", "'=HYPERLINK(1)", "3"]
    assert safe_row(["@x", "y"]) == ["'@x", "y"]


def test_a_station_name_with_a_formula_is_text_in_the_station_export(db):
    from django.core.management import call_command

    from jincun.network.tests.factories import StationFactory

    StationFactory(name='=HYPERLINK("http://evil.example","点此")', code="ST-EVIL")
    out = io.StringIO()
    call_command("export_stations", stdout=out)
    assert "'=HYPERLINK" in out.getvalue() and ",=HYPERLINK" not in out.getvalue()
