"""Workers under faults, on PostgreSQL: two consumers sweeping at once, and a consumer killed
with SIGKILL in the middle of a batch and started again. Afterwards there is exactly one
escalation per (case, level, deadline), none is missing, and every chain verifies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from cases import audit
from cases.models import Case, Escalation, EscalationRule
from tests.factories import World
from tests.reliability.seed import seed_overdue_cases

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-03-02T09:00"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="several processes on one database: PostgreSQL only; run with DATABASE_URL set",
    ),
]


def _env() -> dict:
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHONPATH": str(ROOT)}  # fmt: skip


def _sweep_process(batch_size: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_sweep", "--now", NOW, "--batch-size", str(batch_size)],
        cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _ladder():
    EscalationRule.objects.create(level=1, name="Kepala OPD", working_days_after_deadline=0)
    EscalationRule.objects.create(level=2, name="Bakesbangpol", working_days_after_deadline=3)
    EscalationRule.objects.create(level=3, name="Sekda", working_days_after_deadline=7)


def _assert_exactly_once(case_ids: list[int]) -> None:
    duplicates = (
        Escalation.objects.values("case_id", "level", "deadline")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()
    # every case was 10+ working days late: levels 1, 2 and 3, no more, no fewer
    assert Escalation.objects.filter(case_id__in=case_ids).count() == 3 * len(case_ids)
    assert set(Case.objects.filter(pk__in=case_ids).values_list("escalation_level", flat=True)) == {
        3
    }
    assert list(audit.verify_cases(case_ids)) == []


@pytest.mark.django_db(transaction=True)
def test_two_consumers_sweeping_at_once(monkeypatch):
    world = World()
    _ladder()
    case_ids = seed_overdue_cases(world, 600)
    first, second = _sweep_process(50), _sweep_process(50)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    _assert_exactly_once(case_ids)
    # both really worked: each did part of the cases (SKIP LOCKED hands them different rows)
    done = [int(out.split('"cases": ')[1].split(",")[0]) for out, _err in outputs]
    assert sum(done) == len(case_ids), done


@pytest.mark.django_db(transaction=True)
def test_a_consumer_killed_mid_batch_and_restarted(monkeypatch):
    world = World()
    _ladder()
    case_ids = seed_overdue_cases(world, 1500)
    victim = _sweep_process(100)
    # wait until it has committed some batches but not all, then kill it outright
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = Escalation.objects.count()
        if done >= 300:
            break
        time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    partial = Escalation.objects.count()
    assert 0 < partial < 3 * len(case_ids), "the kill did not land mid-run"
    # a new consumer picks up what is left
    restarted = _sweep_process(100)
    _out, err = restarted.communicate(timeout=300)
    assert restarted.returncode == 0, err
    _assert_exactly_once(case_ids)
    print(
        f"killed after {partial} escalations; the restart did the remaining "
        f"{3 * len(case_ids) - partial}"
    )
