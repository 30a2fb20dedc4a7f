"""The access and masking policy: what each role sees, its scope, and the unmask rules."""

import pytest

from jincun.core.masking import mask_address
from jincun.core.models import UnmaskLog
from jincun.core.policy import Policy, UnmaskRefused
from jincun.network.models import Assignment
from jincun.network.tests.factories import StationFactory, UserFactory

PHONE = "13847296153"


def policy(role, **assignment):
    user = UserFactory(username=f"p-{role}", role=role)
    if assignment:
        Assignment.objects.create(user=user, **assignment)
    return Policy.of(user)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "phone", "name", "unmask"),
    [
        ("regulator", "", "", False),
        ("hub_operator", "*******6153", "张**", True),
        ("station_keeper", "*******6153", "张**", True),
        ("brand_user", "*******6153", "张**", False),
    ],
)
def test_what_each_role_sees(role, phone, name, unmask):
    p = policy(role)
    assert (p.phone(PHONE), p.name("张三丰"), p.may_unmask) == (phone, name, unmask)
    if p.sees_personal:
        assert p.phone(PHONE, label=True) == "138******53"


def test_anonymous_sees_nothing():
    p = Policy.of(None)
    assert p.phone(PHONE) == "" and not p.may_unmask


@pytest.mark.django_db
def test_keeper_unmask_is_scoped_reasoned_and_logged():
    own, other = StationFactory(keeper_phone=PHONE), StationFactory(keeper_phone="15938271640")
    hub = policy("hub_operator")
    assert hub.unmask(f"network.station:{own.pk}", "keeper_phone", "联系站点负责人") == PHONE
    keeper = policy("station_keeper", station=own)
    with pytest.raises(UnmaskRefused):
        keeper.unmask(f"network.station:{other.pk}", "keeper_phone", "联系")
    with pytest.raises(UnmaskRefused):
        hub.unmask(f"network.station:{own.pk}", "keeper_phone", "")
    with pytest.raises(UnmaskRefused):
        hub.unmask(f"network.station:{own.pk}", "address", "联系")
    with pytest.raises(UnmaskRefused):
        policy("regulator").unmask(f"network.station:{own.pk}", "keeper_phone", "检查")
    assert UnmaskLog.objects.count() == 1


def test_address_hides_room_numbers_keeps_the_village():
    assert mask_address("东庄村3号楼2单元502室") == "东庄村*号楼*单元***室"
    assert mask_address("东庄村128号") == "东庄村128号"
