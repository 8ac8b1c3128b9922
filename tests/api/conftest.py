"""The API's tests: a client, the schema read from the API itself, the demo meeting."""

import datetime
import json
import re
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from jsonschema import Draft202012Validator, FormatChecker

from meetings.models import Meeting

TENTH_SLUG = "tenth-coordination-meeting"


@pytest.fixture
def api(client: Client):
    """`api(path, **headers)`: GET `path`, the JSON answer checked and parsed."""

    def get(path: str, status: int = 200, **headers: Any) -> Any:
        response = client.get(path, headers=headers)
        assert response.status_code == status, (path, response.status_code, response.content)
        assert response["Content-Type"].startswith("application/json")
        return json.loads(response.content)

    return get


@pytest.fixture
def openapi(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def tenth(db) -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug=TENTH_SLUG)


# Formats checked by hand (jsonschema checks these only with optional packages installed).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FORMATS = FormatChecker()


@FORMATS.checks("date-time")
def _date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(
        RFC3339.match(value) and datetime.datetime.fromisoformat(value)
    )


@FORMATS.checks("date")
def _date(value: object) -> bool:
    return not isinstance(value, str) or bool(datetime.date.fromisoformat(value))


@FORMATS.checks("uri")
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("uuid")
def _uuid(value: object) -> bool:
    return not isinstance(value, str) or str(uuid.UUID(value)) == value


def response_schema(openapi: dict[str, Any], path: str, status: int = 200) -> dict[str, Any]:
    """The JSON Schema of an answer, as the OpenAPI document (3.1) states it, its references
    resolvable (the components ride along)."""
    described = openapi["paths"][path]["get"]["responses"][str(status)]
    schema = described["content"]["application/json"]["schema"]
    return {**schema, "components": openapi["components"]}


@pytest.fixture
def conforms(openapi):
    """`conforms(path_template, body, status=200)`: the body validates against the schema."""

    def check(path: str, body: Any, status: int = 200) -> None:
        validator = Draft202012Validator(
            response_schema(openapi, path, status), format_checker=FORMATS
        )
        errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(body)]
        assert errors == [], (path, errors)

    return check
