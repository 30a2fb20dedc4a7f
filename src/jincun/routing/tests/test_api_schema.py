"""Property test over the routing part of the OpenAPI schema: reads never answer with a server error and
match their documented shapes (planning itself is tested in test_outputs.py: it runs the solver)."""

import datetime as dt

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
from jincun.routing.services.plans import plan_day
from jincun.routing.tests.factories import build_county
from jincun.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(tag="routing")


@pytest.fixture
def reader_key(db):
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    county = build_county(towns=1, stations_per_town=2, postal=1)
    plan_day(dt.date(2024, 5, 8), hub=county.hub, time_limit=0.5, iterations=50)
    user = User.objects.create(username="reader", role="regulator")
    yield ApiToken.issue("schema test", "user", user=user)[1]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.exclude(method="POST").parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_routing_api_reads_never_answer_with_a_server_error(case, reader_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {reader_key}"}, checks=CHECKS)
