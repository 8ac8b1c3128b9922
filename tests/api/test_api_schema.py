"""The API's OpenAPI schema is a valid OpenAPI 3.1 document, as a partner's tools read it
(checked with openapi-spec-validator, which follows the OpenAPI Initiative's own schema)."""

import copy

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3_1(openapi):
    assert openapi["openapi"] == "3.1.0"
    validate(openapi)  # raises OpenAPIValidationError, naming the place, when it is not
    assert {"/api/v1/meetings/", "/api/v1/meetings/{slug}/programme/"} <= set(openapi["paths"])


def test_the_validator_would_catch_a_broken_schema(openapi):
    broken = copy.deepcopy(openapi)
    # A parameter must say where it goes (in: query, path…).
    broken["paths"]["/api/v1/meetings/"]["get"]["parameters"] = [{"name": "year"}]
    with pytest.raises(OpenAPIValidationError):
        validate(broken)
