"""Property test over the OpenAPI schema of the parcel endpoints: no input gives a server error, and every
answer matches what the schema documents. Small and fast: a few examples per operation."""

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

from jincun.web.tests.county import build_county
from jincun.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    tag_regex="^(parcels|webhooks)$"
)


@pytest.fixture
def brand_key(db):
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield build_county().brand_key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_parcel_api_never_answers_with_a_server_error(case, brand_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {brand_key}"}, checks=CHECKS)
