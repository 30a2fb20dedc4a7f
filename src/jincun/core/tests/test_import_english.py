"""The import report's own wording (the row, the summary, a file that cannot be read) follows the active language."""

import pytest
from django.conf import settings
from django.utils import translation

from jincun.core.imports import ImportReport, RowError, TableError, listed, read_table, require_columns


def report() -> ImportReport:
    return ImportReport(created=2, updated=1, errors=[RowError(3, "bad", "K1"), RowError(4, "worse")])


def test_row_and_summary_in_english():
    with translation.override("en"):
        assert [str(e) for e in report().errors] == ["Line 3 (K1): bad", "Line 4: worse"]
        assert report().summary() == "2 created, 1 updated, 0 unchanged, 2 refused"
        assert listed(["a", "b"]) == "a, b"


def test_row_and_summary_in_chinese_as_before():
    with translation.override(settings.LANGUAGE_CODE):
        assert [str(e) for e in report().errors] == ["第 3 行（K1）：bad", "第 4 行：worse"]
        assert report().summary() == "新增 2，更新 1，未变 0，拒绝 2"
        assert listed(["a", "b"]) == "a、b"


@pytest.mark.parametrize(
    "read, english",
    [
        (lambda: list(read_table(b"", "x.csv")), "The file is empty"),
        (lambda: list(read_table(b"PK\x03\x04broken", "x.xlsx")), "Cannot read the XLSX file"),
        (lambda: list(read_table(b"\xff\xfe\x00\xd8", "x.csv")), "The file's encoding is not recognised"),
        (lambda: require_columns({"a": ""}, {"b", "c"}), "Missing columns: b, c"),
    ],
)
def test_unreadable_files_in_english(read, english):
    with translation.override("en"), pytest.raises(TableError) as refused:
        read()
    assert str(refused.value).startswith(english)
