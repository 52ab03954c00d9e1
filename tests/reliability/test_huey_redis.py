"""huey on Redis, for real: one process enqueues, a consumer process runs the task."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cases import services
from cases.models import CaseEvent, Notification
from tests.factories import World

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "not settings.REDIS_URL or connection.vendor != 'postgresql'",
        reason="needs REDIS_URL and PostgreSQL (a consumer process shares the database)",
    ),
]


def _env() -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "HUEY_IMMEDIATE": "0", "HUEY_NAME": f"tlr-test-{os.getpid()}",
            "REDIS_URL": settings.REDIS_URL}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_consumer_on_redis_runs_what_another_process_enqueued():
    # given an event that should notify the organization's members
    world = World()
    case = world.case(state="draft")
    services.case_dispatch(case=case, actor=world.coordinator)
    event = CaseEvent.objects.get(case=case, transition="dispatch")
    consumer = subprocess.Popen([sys.executable, "manage.py", "run_huey", "--workers", "1"],
                                cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        # when another process enqueues the notification task into Redis
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             f"from cases.tasks import notify_events; notify_events([{event.pk}])"],
            cwd=ROOT, env=_env(), check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        # then the consumer runs it: the officer and the head get their notification
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not Notification.objects.exists():
            time.sleep(0.2)
        recipients = set(Notification.objects.values_list("recipient__username", flat=True))
        assert recipients == {"officer_a", "head_a"}
    finally:
        consumer.terminate()
        consumer.wait(timeout=30)
