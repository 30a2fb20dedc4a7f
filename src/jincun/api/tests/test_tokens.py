"""Issuing tokens from the CLI and the admin page; the key is shown once and only its hash is stored."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from jincun.api.models import ApiToken
from jincun.core.models import User
from jincun.network.models import AdminArea, Brand
from jincun.network.tests.factories import StationFactory


def issue(*args) -> str:
    out = io.StringIO()
    call_command("issue_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip().splitlines()[-1]


def test_brand_token_from_cli_authenticates_as_that_brand(db):
    key = issue("--brand", "zto")
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(key))
    assert (
        token.kind == "brand" and token.brand == Brand.objects.get(code="ZTO") and key not in token.key_hash
    )
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/brands").status_code == 200


def test_device_and_user_tokens(db):
    station = StationFactory(code="ST-DEV")
    key = issue("--device", "pda-7", "--station", "ST-DEV")
    assert ApiToken.objects.get(key_hash=ApiToken.hash_key(key)).device_id == f"{station.code}/pda-7"
    User.objects.create(username="op", role="hub_operator")
    key = issue("--user", "op", "--name", "扫描枪")
    assert ApiToken.objects.get(key_hash=ApiToken.hash_key(key)).user.username == "op"


@pytest.mark.parametrize(
    "args",
    [["--brand", "NOPE"], ["--device", "x"], ["--device", "x", "--station", "NOPE"], ["--user", "ghost", "--name", "n"],
     ["--user", "op"]],
)  # fmt: skip
def test_refusals_are_one_line_errors(db, args):
    User.objects.create(username="op", role="hub_operator")
    with pytest.raises(CommandError):
        issue(*args)
    assert not ApiToken.objects.exists()


def test_admin_page_issues_a_token_and_shows_the_key_once(admin_client):
    response = admin_client.post(
        "/admin/api/apitoken/add/",
        {"name": "顺丰对接", "kind": "brand", "brand": Brand.objects.get(code="SF").pk, "device_id": ""},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "只显示这一次" in html
    key = html.split("请立即复制）：")[1].split("<")[0].strip()
    assert ApiToken.objects.get(key_hash=ApiToken.hash_key(key)).brand.code == "SF"
    assert AdminArea.objects.exists()
