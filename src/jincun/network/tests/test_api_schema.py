"""Property test over the OpenAPI schema: no input makes a network endpoint answer with a server error,
and every answer matches what the schema documents."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jincun.api.models import ApiToken
from jincun.core.models import User
from jincun.network.models import AdminArea
from jincun.network.tests.factories import AgreementFactory, HubFactory, StationFactory, TownNodeFactory
from jincun.wsgi import application

# No server error, and every answer (errors included) is documented in the schema with its shape.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(tag="network")


@pytest.fixture
def keep_connection():
    """The WSGI app closes the database connection after each request; inside a test transaction that would
    end the test's transaction (PostgreSQL). Django's own test client switches this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def hub_key(yiyuan, keep_connection):
    town = AdminArea.objects.get(code="370323102000")
    node = TownNodeFactory(town=town, hub=HubFactory(county=yiyuan))
    station = StationFactory(code="ST-1", village=AdminArea.objects.get(code="370323102201"), town_node=node)
    AgreementFactory(station=station)
    user = User.objects.create(username="hubop", role="hub_operator")
    return ApiToken.issue("schema test", "user", user=user)[1]


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_network_api_never_answers_with_a_server_error(case, hub_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {hub_key}"}, checks=CHECKS)


def test_api_docs_load_swagger_from_our_static_files_not_a_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html and "cdn.jsdelivr.net" not in html
