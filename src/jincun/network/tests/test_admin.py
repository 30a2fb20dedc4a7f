"""The registry admin pages open, search and show history for every network model."""

import pytest
from django.urls import reverse

from jincun.network.models import Agreement, Station
from jincun.network.tests.factories import AgreementFactory


@pytest.mark.parametrize(
    "model", ["adminarea", "hub", "townnode", "station", "brand", "agreement", "coveragetarget", "assignment"]
)
def test_changelists_open(admin_client, model):
    AgreementFactory()
    response = admin_client.get(reverse(f"admin:network_{model}_changelist") + "?q=测试")
    assert response.status_code == 200


def test_admin_edit_is_recorded_with_the_admin_user(admin_client, admin_user):
    agreement = AgreementFactory()
    station = agreement.station
    url = reverse("admin:network_station_change", args=[station.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(name="改名后的站", village=station.village_id, town_node=station.town_node_id)
    data["opens_at"], data["closes_at"] = "08:00", "20:00"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = Station.objects.get(pk=station.pk).history.latest()
    assert record.name == "改名后的站" and record.history_user == admin_user
    history = admin_client.get(reverse("admin:network_station_history", args=[station.pk]))
    assert history.status_code == 200 and "改名后的站" in history.content.decode()
    assert (
        admin_client.get(reverse("admin:network_agreement_history", args=[agreement.pk])).status_code == 200
    )
    assert Agreement.history.count() >= 1


def test_history_of_a_malformed_id_is_404_not_500(admin_client):
    assert admin_client.get("/admin/network/station/ST-1/history/").status_code == 404
