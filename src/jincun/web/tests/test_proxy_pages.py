"""A village proxy sees and signs out only parcels of the villages they serve."""

from django.urls import reverse

from jincun.network.tests.factories import VillageFactory
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, scan, state, to_town


def test_proxy_of_another_village_sees_nothing_and_cannot_sign(db):
    county = build_county()
    api = push(county, "TB0000000001", county.proxy_village)
    to_town(county, "TB0000000001")
    scan(county.town_client(), reverse("web:service_center"), "TB0000000001")

    stranger_village = VillageFactory(parent=county.proxy_village.parent)
    stranger = county.client("village_proxy", town_node=county.node, villages=[stranger_village])
    assert "TB0000000001" not in stranger.get(reverse("web:proxy_batch")).content.decode()
    assert stranger.post(reverse("web:proxy_collect")).status_code == 302
    assert state(api, "TB0000000001") == "at_service_center"

    mine = county.proxy_client()
    signed_list = mine.post(reverse("web:proxy_collect"))["Location"]
    assert state(api, "TB0000000001") == "with_proxy"
    assert "TB0000000001" in mine.get(signed_list).content.decode()
    assert stranger.get(signed_list).status_code == 404
    refused = scan(stranger, reverse("web:proxy_sign_out"), "TB0000000001")
    assert "tone-bad" in refused and state(api, "TB0000000001") == "with_proxy"
    assert "TB0000000001" in mine.get(reverse("web:proxy_batch")).content.decode()
