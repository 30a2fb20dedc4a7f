"""The review page names items by waybill, shows the town with each village choice, never offers an empty
address as an alias, and every group's map data answers."""

import pytest
from django.test import Client
from django.urls import reverse

from jincun.addressing.models import AddressReview
from jincun.addressing.resolver import resolve
from jincun.addressing.review import parcel_ref, queue_for_review
from jincun.core.models import User
from jincun.network.models import Brand
from jincun.parcels.services import ingest_manifest

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub_client():
    client = Client()
    client.force_login(User.objects.create(username="reviewer", role="hub_operator"))
    return client


def test_review_page_shows_waybills_towns_and_no_empty_alias(hub_client):
    brand = Brand.objects.get(code="ZTO")
    rows = [
        {"waybill": "ZT7000000000001", "recipient_name": "张三", "recipient_phone": "13800000001",
         "address": "沂源县王庄村委会旁"},
        {"waybill": "ZT7000000000002", "recipient_name": "李四", "recipient_phone": "13800000002", "address": ""},
    ]  # fmt: skip
    ingest_manifest(brand, rows)
    empty = AddressReview.objects.get(fragment="（空）")
    page = hub_client.get(reverse("addressing:review")).content.decode()
    assert "ZT7000000000001" in page and "ZT7000000000002" in page and "parcel:" not in page
    group = page.split(f'id="review-{empty.pk}"')[1].split("</section>")[0]
    assert 'name="save_alias"' not in group
    assert "王庄镇 · " in page or "镇 · " in page  # each village choice names its town
    for review in AddressReview.objects.all():
        answer = hub_client.get(reverse("addressing:review_map", args=[review.pk]))
        assert answer.status_code == 200, review.fragment
        assert answer.json()["boundary"] is not None


def test_review_refs_without_a_labeller_show_as_they_are(hub_client):
    queue_for_review("沂源县鲁村镇下河崖3组", resolve("沂源县鲁村镇下河崖3组"), ref="row-7", source="test")
    queue_for_review("沂源县鲁村镇下河崖5组", resolve("沂源县鲁村镇下河崖5组"), ref=parcel_ref(999999))
    page = hub_client.get(reverse("addressing:review")).content.decode()
    assert "row-7" in page and "parcel:999999" in page  # a parcel since removed keeps its ref
