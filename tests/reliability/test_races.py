"""Races with real threads on PostgreSQL, each with a control run that shows the race when the
protection is switched off (so the protected run proves something).

The protection under test: the row lock every service takes (``cases.locks.lock_case``,
``SELECT … FOR UPDATE``), django-fsm-2's optimistic check on save
(``ConcurrentTransitionMixin``), and the sweep's ``FOR UPDATE SKIP LOCKED`` batch read.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections  # noqa: F401 (skipif)
from django.db.models import Model

from cases import audit, clock, services
from cases.errors import ConcurrentChange, DomainError, TransitionNotAllowed
from cases.models import Case, CaseEvent, EscalationRule
from cases.sweep import run_sweep
from tests.factories import World, wib

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="row locks are real on PostgreSQL only; run with DATABASE_URL set",
    ),
]

THREADS = 50
WINDOW = 0.05  # seconds a thread waits between reading and writing: widens the race window


def _unprotected(monkeypatch):
    """Switch the protection off: no row lock, no optimistic check on save."""

    def read_without_lock(case_id):
        return Case.objects.select_related(
            "directive__directive_type", "directive__rakor", "organization"
        ).get(pk=case_id)

    monkeypatch.setattr(services, "lock_case", read_without_lock)
    monkeypatch.setattr(Case, "_do_update", Model._do_update)


def _widen_window(monkeypatch):
    """Sleep between the read (and lock) and the write, in both runs alike."""
    real_check = services._check_version

    def slow_check(case, expected_version):
        time.sleep(WINDOW)
        return real_check(case, expected_version)

    monkeypatch.setattr(services, "_check_version", slow_check)


def _fire_together(case_id: int, actors: list, at) -> Counter:
    """THREADS threads: half accept, half decline, released at once by a barrier."""
    barrier = threading.Barrier(len(actors))
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def worker(i, actor):
        try:
            barrier.wait()
            with clock.frozen(at):
                if i % 2:
                    services.case_accept(case=case_id, actor=actor)
                else:
                    services.case_decline(case=case_id, actor=actor, reason="Bukan kewenangan.")
            outcome = "won"
        except TransitionNotAllowed:
            outcome = "conflict"
        except ConcurrentChange:
            outcome = "concurrent"
        except DomainError as error:
            outcome = f"domain:{type(error).__name__}"
        except Exception as error:  # the unprotected run may fail in any way
            outcome = f"error:{type(error).__name__}"
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _transition_race(world: World, rounds: int) -> list[tuple[Counter, int, int, int]]:
    results = []
    for _ in range(rounds):
        case = world.case(state="assigned")
        before_version = Case.objects.get(pk=case.pk).version
        outcomes = _fire_together(case.pk, [world.officer] * THREADS, wib(2026, 2, 2, 10))
        after = Case.objects.get(pk=case.pk)
        events = CaseEvent.objects.filter(
            case=case, kind="transition", transition__in=["accept", "decline"]
        ).count()
        results.append(
            (
                outcomes,
                after.version - before_version,
                events,
                len(list(audit.verify_cases([case.pk]))),
            )
        )
    return results


@pytest.mark.django_db(transaction=True)
def test_fifty_threads_one_winner(monkeypatch):
    # given an assigned case and 50 threads of its officer, half accepting, half declining
    world = World()
    _widen_window(monkeypatch)
    # when they fire at once, for 5 rounds
    results = _transition_race(world, rounds=5)
    print("protected:", [dict(r[0]) for r in results])
    # then in every round exactly one wins, the others get a clean 409, nothing is lost
    for outcomes, versions, events, breaks in results:
        assert outcomes == Counter({"won": 1, "conflict": THREADS - 1})
        assert (versions, events, breaks) == (1, 1, 0)


@pytest.mark.django_db(transaction=True)
def test_control_without_protection_shows_the_race(monkeypatch):
    world = World()
    _widen_window(monkeypatch)
    _unprotected(monkeypatch)
    results = _transition_race(world, rounds=5)
    print("unprotected:", [(dict(r[0]), r[1], r[2], r[3]) for r in results])
    # several threads "win" the same transition, updates are lost (the version moves less
    # than the number of winners), or the record breaks: the race is real without the lock
    raced = [
        r for r in results
        if r[0]["won"] > 1 or r[1] != r[0]["won"] or r[3] > 0 or any(
            k.startswith("error") for k in r[0])
    ]  # fmt: skip
    assert raced, f"no race observed without protection: {results}"


# --- the sweep racing a user --------------------------------------------------------------------


def _sweep_race(world: World, *, protect: bool, monkeypatch) -> tuple[str, list]:
    """The officer reports an overdue case while the sweep escalates it. Returns what
    happened to the case, in event order."""
    case = world.case(state="in_progress")  # due 5 Feb 16:00
    now = wib(2026, 2, 10, 16, 30)  # levels 1 and 2 are due
    started = threading.Event()
    failures: list[str] = []

    if not protect:
        # The unprotected sweep reads its batch without locks and writes after a pause.
        from cases import sweep

        real_due_batch = sweep._due_batch

        def unlocked_batch(now_, size, exclude, only=None):
            query = Case.objects.filter(next_escalation_at__lte=now_)
            names = [*audit.history_fields(), "next_escalation_at", "event_head", "history_head"]
            rows = list(
                query.order_by("next_escalation_at", "pk").values(
                    *names, "organization__work_week"
                )[:size]
            )
            started.set()
            time.sleep(0.3)
            return [sweep.Due(row, row.pop("organization__work_week")) for row in rows]

        monkeypatch.setattr(sweep, "_due_batch", unlocked_batch)
        del real_due_batch

    def user():
        try:
            if not protect:
                started.wait(5)
            with clock.frozen(now):
                services.case_report(case=case.pk, actor=world.officer, summary="Selesai.")
        except Exception as error:
            failures.append(f"user:{type(error).__name__}")
        finally:
            connections.close_all()

    def sweeper():
        try:
            run_sweep(now=now)
        except Exception as error:
            failures.append(f"sweep:{type(error).__name__}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=user), threading.Thread(target=sweeper)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    events = list(
        CaseEvent.objects.filter(case=case, sequence__gt=3)
        .order_by("sequence")
        .values_list("kind", "transition")
    )
    broken = list(audit.verify_cases([case.pk]))
    return Case.objects.get(pk=case.pk).status, events + failures + [str(b) for b in broken]


def _escalated_after_report(events: list) -> bool:
    kinds = [e for e in events if isinstance(e, tuple)]
    if ("transition", "report") not in kinds:
        return False
    reported_at = kinds.index(("transition", "report"))
    return any(kind == "escalated" for kind, _t in kinds[reported_at + 1 :])


@pytest.mark.django_db(transaction=True)
def test_an_escalation_never_lands_on_a_case_the_user_just_moved(monkeypatch):
    world = World()
    EscalationRule.objects.create(level=1, name="Kepala OPD", working_days_after_deadline=0)
    EscalationRule.objects.create(level=2, name="Bakesbangpol", working_days_after_deadline=3)
    _widen_window(monkeypatch)
    for _ in range(10):
        status, trail = _sweep_race(world, protect=True, monkeypatch=monkeypatch)
        assert status == "reported"
        assert not _escalated_after_report(trail), trail
        assert all(isinstance(item, tuple) for item in trail), trail  # no failure, no break


@pytest.mark.django_db(transaction=True)
def test_control_sweep_without_locks_collides_with_the_user(monkeypatch, caplog):
    # given the sweep's lock switched off: it reads a due case, and writes 0.3 s later
    world = World()
    EscalationRule.objects.create(level=1, name="Kepala OPD", working_days_after_deadline=0)
    EscalationRule.objects.create(level=2, name="Bakesbangpol", working_days_after_deadline=3)
    # when the officer reports the case in between
    status, trail = _sweep_race(world, protect=False, monkeypatch=monkeypatch)
    # then the sweep's stale write collides with the report: only the unique constraint on
    # (case, sequence), the last line of defence, stops an escalation of a reported case
    assert "sweep: conflict in a batch; retrying case by case" in caplog.text
    assert status == "reported"
    assert not _escalated_after_report(trail), trail
