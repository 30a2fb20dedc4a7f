import pytest
from django.core.management import call_command

from jincun.addressing.models import AddressReview, Alias
from jincun.addressing.resolver import resolve
from jincun.addressing.review import decide, on_decision, queue_for_review
from jincun.addressing.services import AliasRefused, area_for_code
from jincun.core.models import User

pytestmark = pytest.mark.django_db
LIANGQUAN = "370323102281"
MANIFEST = [
    ("w1", "沂源县鲁村镇下河崖3组 张三 13800000001"),
    ("w2", "山东省淄博市沂源县鲁村下河崖村委会旁"),
    ("w3", "鲁村镇下河崖12号"),
    ("w4", "沂源县鲁村镇凉泉村"),
]


def feed(rows):
    for ref, address in rows:
        queue_for_review(address, resolve(address), ref=ref, source="test")


def test_one_decision_resolves_the_group_and_the_next_manifest_resolves_itself():
    feed(MANIFEST)
    (group,) = AddressReview.objects.all()
    assert (group.fragment, group.town_code, group.occurrences) == ("下河崖", "370323102", 3)
    seen = []
    on_decision(lambda review, items: seen.extend(i.ref for i in items))
    items = decide(group, area_for_code(LIANGQUAN), save_alias=True)
    assert sorted(i.ref for i in items) == ["w1", "w2", "w3"] and sorted(seen)[-3:] == ["w1", "w2", "w3"]
    assert Alias.objects.get(text="下河崖").source == "learned"
    for _, address in MANIFEST:
        assert resolve(address).village_code == LIANGQUAN


def test_decision_without_alias_does_not_learn():
    feed(MANIFEST[:2])
    decide(AddressReview.objects.get(), area_for_code(LIANGQUAN), save_alias=False)
    assert resolve(MANIFEST[0][1]).status == "town_only"


def test_refusals():
    feed(MANIFEST[:1])
    group = AddressReview.objects.get()
    with pytest.raises(AliasRefused):
        decide(group, area_for_code("370323103270"))  # a village of another town
    with pytest.raises(AliasRefused):
        decide(group, area_for_code("370323102"))  # a town, not a village
    assert group.items.filter(resolved_area__isnull=False).count() == 0


def test_resolved_and_out_of_area_are_not_queued_and_cli_feeds_the_queue(tmp_path):
    assert queue_for_review("沂源县鲁村镇凉泉村", resolve("沂源县鲁村镇凉泉村")) is None
    assert queue_for_review("山东省临沂市沂水县鲁村三村", resolve("山东省临沂市沂水县鲁村三村")) is None
    src = tmp_path / "in.csv"
    src.write_text("id,address\n1,沂源县王庄\n2,沂源县王庄村委会旁\n3,沂源县鲁村镇凉泉村\n", encoding="utf-8")
    call_command("resolve_addresses", str(src), output=str(tmp_path / "out.csv"), review=True)
    (group,) = AddressReview.objects.all()
    assert group.occurrences == 2 and len(group.candidates) == 2


def test_review_page_decides_a_group(client):
    feed(MANIFEST)
    user = User.objects.create_user("hub", password="x", role="hub_operator")
    client.force_login(user)
    page = client.get("/addressing/review/")
    assert page.status_code == 200 and "下河崖" in page.content.decode() and "w1" in page.content.decode()
    group = AddressReview.objects.get()
    data = client.get(f"/addressing/review/{group.pk}/map.json").json()
    assert data["boundary"]["type"] in {"FeatureCollection", "Feature"} and len(data["candidates"]) > 10
    done = client.post(f"/addressing/review/{group.pk}/decide/", {"area_code": LIANGQUAN, "save_alias": "on"})
    assert done.status_code == 302
    group.refresh_from_db()
    assert group.decided_by == user and group.items.filter(resolved_area_id=LIANGQUAN).count() == 3
    stranger = User.objects.create_user("regulator", password="x", role="regulator")
    client.force_login(stranger)
    assert client.get("/addressing/review/").status_code == 403


def test_deciding_an_ambiguous_name_teaches_it_unless_the_town_says_otherwise():
    feed([("a", "沂源县王庄小卖部"), ("b", "沂源县王庄村委会")])
    group = AddressReview.objects.get()
    chosen, other = group.candidates
    decide(group, area_for_code(chosen), save_alias=True)
    assert resolve("沂源县王庄").village_code == chosen
    other_town = area_for_code(other[:9]).name
    assert resolve(f"沂源县{other_town}王庄村").village_code == other
