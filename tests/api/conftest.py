import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cases.models import Case, CaseEvent


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The token endpoint's throttle counts in the cache: each test starts from zero.
    cache.clear()
    yield
    cache.clear()


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def as_user():
    return client_for


def case_state(case_id: int) -> tuple:
    """What a denied write must leave alone: status, version and the number of events."""
    case = Case.objects.get(pk=case_id)
    return case.status, case.version, CaseEvent.objects.filter(case_id=case_id).count()
