"""A fuzz run with schemathesis against the API's own schema, on a database holding the demo:
no answer is a server error, and every answer matches the schema (status code, content type,
headers, body).

First every operation is called with each real slug or id of the demo (meetings, people,
organizations: the paths that answer 200 with real data), then schemathesis generates requests
for each operation: valid ones, including the real slugs, and invalid query parameters, which
must be refused with a 400 (never accepted, never a 500).

Bounded and derandomized (the same examples each run), so it is quick and never flaky."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import Organization
from config.wsgi import application
from meetings.models import Meeting, Person

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection]
EXAMPLES_PER_OPERATION = 40
PATHS = [
    "/api/v1/",
    "/api/v1/meetings/",
    "/api/v1/meetings/{slug}/",
    "/api/v1/meetings/{slug}/documents/",
    "/api/v1/meetings/{slug}/participants/",
    "/api/v1/meetings/{slug}/programme/",
    "/api/v1/organizations/",
    "/api/v1/organizations/{id}/",
    "/api/v1/people/",
    "/api/v1/people/{slug}/",
]


def holds_nul(value: Any) -> bool:
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(holds_nul(item) for item in value)
    return "\x00" in str(value)


def call(case: Any, checks: list[Any], statuses: Counter) -> None:
    cache.clear()  # no throttling in the middle of the run
    response = case.call()
    statuses[response.status_code] += 1
    case.validate_response(response, checks=checks)


def fuzz(strategy: Any, checks: list[Any], examples: int, statuses: Counter) -> None:
    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        # A NUL byte is refused before any view by config.middleware.NulByteMiddleware (a JSON
        # 400 under /api/: test_api_http.py's test_nul_byte_is_a_json_400), not by the API.
        assume(not holds_nul(case.query) and not holds_nul(case.path_parameters))
        call(case, checks, statuses)

    run()


@pytest.fixture
def schema(tenth, settings) -> Iterator[Any]:
    """The schema as the API serves it, its requests sent to the WSGI application itself.

    As Django's test client does, requests leave the database connection alone: closing it at
    the end of a request would end the test's transaction (PostgreSQL)."""
    settings.ALLOWED_HOSTS = ["localhost"]  # schemathesis' WSGI client's host
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def real_values() -> dict[str, list[Any]]:
    slugs = {*Meeting.objects.values_list("slug", flat=True)}
    slugs |= {*Person.objects.values_list("slug", flat=True)}
    return {"slug": sorted(slugs), "id": sorted(Organization.objects.values_list("pk", flat=True))}


@pytest.mark.django_db
def test_fuzz_run_finds_no_server_error_and_no_answer_outside_the_schema(schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert sorted(operation.path for operation in operations) == PATHS
    real = real_values()
    statuses: Counter = Counter()
    for operation in operations:
        names = [parameter.name for parameter in operation.path_parameters]
        for name in names:
            for value in real[name]:
                call(operation.Case(path_parameters={name: value}), CHECKS, statuses)
        if not names:
            call(operation.Case(), CHECKS, statuses)
    # Every real meeting, person and organization answered somewhere: the demo was read.
    assert statuses[200] >= len(real["id"]) + 2 * 5 + 8

    for operation in operations:
        strategies = [operation.as_strategy()]
        for parameter in operation.path_parameters:
            values = st.sampled_from(real[parameter.name])
            strategies.append(
                values.flatmap(
                    lambda value, name=parameter.name, operation=operation: operation.as_strategy(
                        path_parameters={name: value}
                    )
                )
            )
        fuzz(st.one_of(strategies), CHECKS, EXAMPLES_PER_OPERATION, statuses)
        if operation.query:
            negative = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
            fuzz(negative, NEGATIVE_CHECKS, EXAMPLES_PER_OPERATION // 2, statuses)
    assert statuses[400] > 0  # invalid parameters were tried, and refused
    assert sum(statuses.values()) > 300
    assert not [status for status in statuses if status >= 500]
