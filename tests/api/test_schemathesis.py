"""Property-based tests of the whole API from its own OpenAPI schema (/api/v1/schema/).

Every operation gets a bounded number of generated requests, valid (positive) and invalid
(negative), sent through WSGI as a coordinator and as an officer; no answer may be a 5xx or
violate the schema (status code, content type, headers, body). Generation is derandomized,
so a CI run is reproducible.
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cases import services
from tests.api.conftest import client_for
from tests.factories import jpeg_bytes, upload

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def populated(world):
    """Cases of Dinas A in most states, with records, so small generated ids hit real rows."""
    for state in ("draft", "assigned", "in_progress", "on_hold", "reported", "closed"):
        world.case(world.org_a, state=state)
    case = world.case(world.org_a, state="in_progress")
    services.case_add_evidence(case=case, actor=world.officer, file=upload(jpeg_bytes(), "a.jpg"))
    services.case_add_progress(case=case, actor=world.officer, percent=30, note="Mulai.")
    services.case_request_hold(case=case, actor=world.officer, reason="Hujan.")
    return world


@pytest.fixture
def keep_test_connection():
    """Requests go through the real WSGI handler (not Django's test client), whose
    request_started/finished signals would close the connection that holds the test's
    transaction (on PostgreSQL). Django's test client disconnects them the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def no_outbound_http(monkeypatch):
    """Generated webhook URLs are never contacted."""

    def refuse(*args, **kwargs):
        raise OSError("outbound HTTP is disabled in this test")

    monkeypatch.setattr("api.webhooks._opener.open", refuse)


@pytest.mark.parametrize("who", ["coordinator", "officer"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_schema(populated, keep_test_connection, no_outbound_http, who, mode):
    # given the schema as the app serves it, and a token
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    client_for(getattr(populated, who))  # creates the token
    token = getattr(populated, who).auth_token.key
    operations = [result.ok() for result in schema.get_all_operations()]
    examples = 0
    failures: list[str] = []
    unsatisfiable: list[str] = []
    started = time.monotonic()

    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            phases=[Phase.generate],
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            nonlocal examples
            examples += 1
            case.headers = {**(case.headers or {}), "Authorization": f"Token {token}"}
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        # when every operation is fed generated requests
        try:
            run()
        except Unsatisfiable:
            # nothing to make invalid (no parameters, no body): only in negative mode
            unsatisfiable.append(operation.label)
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")

    # then none failed a check
    elapsed = time.monotonic() - started
    print(
        f"schemathesis {who} {mode.value}: {len(operations)} operations "
        f"({len(unsatisfiable)} without invalid input), {examples} examples, {elapsed:.1f}s"
    )
    assert len(operations) == 56
    assert failures == [], "\n\n".join(failures)
    if mode == GenerationMode.POSITIVE:
        assert unsatisfiable == []
