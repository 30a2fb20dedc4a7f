"""Addresses as a pinyin keyboard types them: homophones in the place-type words (镇, 街道, 村委会) and in the
town's name resolve as the village names' homophones do, and nothing that resolved before changes."""

import pytest

from jincun.addressing.gazetteer import get_gazetteer
from jincun.addressing.resolver import resolve
from jincun.addressing.typed import repair

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "village"),
    [
        ("淄博沂源县悦庄真八仙官庄村威会东首", "八仙官庄"),
        ("山东沂源历山街倒北石臼村委徽", "北石臼"),
        ("沂源县燕崖贞安乐官庄寸委会", "安乐官庄"),
        ("山东沂源鲁村臻草埠二存委会108号", "草埠二"),
        ("淄博市沂源县男麻街道东台峪村委会", "东台峪"),
        ("沂源县南麻街道核桃峪存委会7号院", "核桃峪"),
    ],
)
def test_place_word_and_town_homophones_resolve(typed, village):
    res = resolve(typed)
    assert res.status == "resolved", (typed, res)
    name = get_gazetteer().villages[res.village_code][0]
    assert name.startswith(village), (typed, name)


def test_repair_puts_back_the_place_words():
    gaz = get_gazetteer()
    assert repair(gaz, "鲁村真西埠存委会") == "鲁村镇西埠村委会"
    assert repair(gaz, "男麻接到东台峪") == "南麻街道东台峪"
    assert repair(gaz, "鲁村镇凉泉村委会") == "鲁村镇凉泉村委会"  # nothing to repair


def test_a_homophone_never_turns_an_unknown_place_into_a_village():
    assert resolve("沂源县鲁村真不存在的地方").status != "resolved"
    assert resolve("山东省淄博市沂源县鲁村镇凉泉村").village_code == "370323102281"
