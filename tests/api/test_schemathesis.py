"""Schemathesis against the API's own OpenAPI schema, in-process through Django's WSGI app:
no server errors, and every answer (200, 400, 404) has the status, content type and body the
schema documents. Bounded examples, so it runs in seconds."""

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Loaded at collection: the schema view reads no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, api):
    if "slug" in (case.path_parameters or {}):
        # The process of the token's organisation, so the 200 bodies are checked too.
        case.path_parameters["slug"] = api.world.process.slug
    # As Django's test client does: the WSGI handler must not close the test's database
    # connection at the end of each request (on PostgreSQL that ends the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        case.call_and_validate(
            headers={"Authorization": f"Bearer {api.key}"},
            checks=[
                not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_schema_conformance,
            ],
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_is_tested():
    assert sorted(op.ok().path for op in schema.get_all_operations()) == [
        "/api/v1/processes/",
        "/api/v1/processes/{slug}/",
        "/api/v1/processes/{slug}/budget/",
        "/api/v1/processes/{slug}/initiatives/",
        "/api/v1/processes/{slug}/rounds/",
        "/api/v1/processes/{slug}/themes/",
    ]
