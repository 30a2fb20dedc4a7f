"""Property test over the OpenAPI schema of the addresses endpoint: no input makes it answer with a server
error, and every answer matches what the schema documents."""

import schemathesis
from hypothesis import HealthCheck, settings

from jincun.api.models import ApiToken
from jincun.core.models import User
from jincun.network.tests.test_api_schema import CHECKS, keep_connection  # noqa: F401 - fixture
from jincun.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(tag="addresses")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_addresses_api_never_answers_with_a_server_error(case, db, keep_connection):  # noqa: F811
    user, _ = User.objects.get_or_create(username="hubop", defaults={"role": "hub_operator"})
    key = ApiToken.issue("schema test", "user", user=user)[1]
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
