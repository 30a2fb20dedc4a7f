import csv
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jincun.addressing.normalize import normalize

VILLAGES = Path(__file__).resolve().parents[2] / "network/data/yiyuan/yiyuan_villages.csv"
NAMES = [r["name"] for r in csv.DictReader(VILLAGES.read_text(encoding="utf-8").splitlines())]

names = st.sampled_from(NAMES)
phones = st.from_regex(r"1[3-9]\d{9}", fullmatch=True)
noise = st.sampled_from(
    ["小卖部", "卫生室北邻", "村委会旁", "(村委会西100米)", "3组15号", "2排5号", "门口", ""]
)
people = st.sampled_from(["收件人:张三 ", "王先生 ", "李女士", "联系人：赵四 ", ""])


def to_fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


@given(st.text(max_size=60))
def test_idempotent_on_any_text(text):
    once = normalize(text)
    assert normalize(once) == once
    assert "  " not in once and once == once.strip()


@given(names, phones, noise, people)
def test_village_name_survives_noise_phone_and_person(name, phone, extra, person):
    out = normalize(f"{person}{phone} 沂源县{name}{extra}")
    assert name in out.replace(" ", "")
    assert phone not in out and phone[-4:] not in out


@given(names, st.text(alphabet="0123456789ABCabc-# ", max_size=12))
def test_fullwidth_equals_halfwidth(name, tail):
    assert normalize(to_fullwidth(f"沂源县 {name} {tail}")) == normalize(f"沂源县 {name} {tail}")


def test_examples():
    assert normalize("淄博市沂源悦庄镇镇政府") == "淄博市沂源悦庄镇"
    assert normalize("沂源县鲁村3村村委会旁") == "沂源县鲁村三村村委会"
    assert normalize("沂源县新村（村委会西100米）") == "沂源县新村"
    assert normalize("ＡＢ　鲁村镇凉泉村　王先生转８００１") == "AB 鲁村镇凉泉村"
    assert normalize("凤凰官庄村村东头") == "凤凰官庄村"
    assert normalize("138****5678 红星村") == "红星村"
    assert normalize("") == ""


def test_every_official_name_is_kept_whole():
    assert [n for n in NAMES if normalize(n) != n] == []
