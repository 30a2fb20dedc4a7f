"""The `resolve-addresses` contract, scored on the public dev set (accuracy goals, not speed)."""

import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db
DEV = Path(__file__).resolve().parents[4] / "bench" / "addresses_dev.csv"


def run(tmp_path, content: bytes) -> list[dict]:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(content)
    call_command("resolve_addresses", str(src), output=str(out))
    with open(out, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_dev_set_reaches_the_goals(tmp_path):
    rows = run(tmp_path, DEV.read_bytes())
    expected = {r["id"]: r for r in csv.DictReader(DEV.read_text(encoding="utf-8-sig").splitlines())}
    assert len(rows) == len(expected)
    resolvable = [r for r in rows if expected[r["id"]]["expect_status"] == "resolved"]
    right = sum(r["village_code"] == expected[r["id"]]["expect_village"] for r in resolvable)
    wrong = sum(
        r["status"] == "resolved" and r["village_code"] != expected[r["id"]]["expect_village"] for r in rows
    )
    ambiguous = [r for r in rows if expected[r["id"]]["expect_status"] == "ambiguous"]
    away = [r for r in rows if expected[r["id"]]["expect_status"] == "out_of_area"]
    assert right / len(resolvable) >= 0.98
    assert wrong / len(rows) <= 0.003
    assert sum(r["status"] == "ambiguous" for r in ambiguous) / len(ambiguous) >= 0.95
    assert sum(r["status"] == "out_of_area" for r in away) / len(away) >= 0.98
    assert all(r["candidates"].count("|") >= 1 for r in ambiguous if r["status"] == "ambiguous")
    assert rows[0]["category"]  # other columns are kept


def test_bom_malformed_rows_and_kept_columns(tmp_path):
    text = "\ufeffid,address,note\n1,沂源县鲁村镇凉泉村,a\n2\n3,沂源县王庄村委会,c,extra\n4,\x00沂源县鲁村镇凉泉村,d\n"
    content = text.encode() + b"5,\xff\xfe,e\n"
    rows = run(tmp_path, content)
    by_id = {r["id"]: r for r in rows}
    assert by_id["1"]["status"] == "resolved" and by_id["1"]["note"] == "a"
    assert by_id["2"]["status"] == "unresolved" and by_id["2"]["reason"]
    assert by_id["3"]["status"] == "ambiguous" and "列数" in by_id["3"]["reason"]
    assert by_id["4"]["village_code"] == "370323102281"
    assert by_id["5"]["status"] == "unresolved"


def test_missing_address_column_is_refused(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,addr\n1,x\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("resolve_addresses", str(src), output=str(tmp_path / "o.csv"))
