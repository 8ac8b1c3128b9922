import pytest

from tests.factories import SecretariatFactory


@pytest.fixture
def officer():
    return SecretariatFactory(email="sara@un.example", first_name="Sara", last_name="Officer")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client
