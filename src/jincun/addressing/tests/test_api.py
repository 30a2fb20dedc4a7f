import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_in(client):
    user = get_user_model().objects.create_user("hub", password="x")
    client.force_login(user)
    return client


def test_batch_resolve(client_in):
    body = {
        "addresses": [
            {"id": "1", "address": "沂源县鲁村镇凉泉村"},
            {"id": "2", "address": "沂源县王庄"},
            {"id": "3"},
        ]
    }
    res = client_in.post("/api/v1/addresses/resolve", body, content_type="application/json")
    assert res.status_code == 200
    results = res.json()["results"]
    assert [r["status"] for r in results] == ["resolved", "ambiguous", "unresolved"]
    assert results[0]["village_code"] == "370323102281" and len(results[1]["candidates"]) == 2


def test_batch_limits_and_auth(client_in):
    assert (
        Client()
        .post("/api/v1/addresses/resolve", {"addresses": []}, content_type="application/json")
        .status_code
        == 401
    )
    too_many = {"addresses": [{"id": str(i), "address": "x"} for i in range(1001)]}
    assert (
        client_in.post("/api/v1/addresses/resolve", too_many, content_type="application/json").status_code
        == 413
    )
    bad = client_in.post("/api/v1/addresses/resolve", {"addresses": "x"}, content_type="application/json")
    assert bad.status_code == 422
