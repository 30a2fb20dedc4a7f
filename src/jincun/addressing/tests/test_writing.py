import random

import pytest

from jincun.addressing.gazetteer import get_gazetteer
from jincun.addressing.resolver import resolve
from jincun.addressing.writing import STYLES, write_address
from jincun.network.models import AdminArea

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("style", STYLES)
def test_simulated_addresses_resolve_back_to_their_village(style):
    rng = random.Random(style)
    gaz = get_gazetteer()
    villages = list(AdminArea.objects.villages().in_county("370323").select_related("parent"))
    outcomes = {"right": 0, "wrong": 0, "other": 0}
    for village in rng.sample(villages, 60):
        text = write_address(village, rng, style, name="张三", phone="13800001111")
        assert "370323" not in text
        res = resolve(text, gazetteer=gaz)
        key = (
            "right"
            if res.village_code == village.code
            else ("wrong" if res.status == "resolved" else "other")
        )
        outcomes[key] += 1
    assert outcomes["wrong"] == 0
    assert outcomes["right"] >= (45 if style in ("no_town", "homophone") else 57), outcomes
