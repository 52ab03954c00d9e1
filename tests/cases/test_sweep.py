"""The sweep: reminders, the escalation ladder, catch-up, idempotency, automatic resume."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import GlobalRole
from cases import clock, notifications, services
from cases.models import Case, CaseEvent, Escalation, EscalationRule, Notification
from cases.sweep import run_sweep
from tests.factories import UserFactory, wib


@pytest.fixture
def ladder(db):
    return [
        EscalationRule.objects.create(
            level=1, name="Kepala OPD", working_days_after_deadline=0, notify_org_head=True
        ),
        EscalationRule.objects.create(
            level=2,
            name="Kepala Bakesbangpol",
            working_days_after_deadline=3,
            notify_org_head=True,
            notify_coordinators=True,
        ),
        EscalationRule.objects.create(
            level=3,
            name="Sekda dan agenda rakor",
            working_days_after_deadline=7,
            notify_org_head=True,
            notify_coordinators=True,
            notify_leadership=True,
            add_to_agenda=True,
        ),
    ]


@pytest.fixture
def case(world, ladder):
    # dispatched Thu 29 Jan 10:00, 5 working days: due Thu 5 Feb 16:00 WIB
    return world.case(state="in_progress")


def counts(case_id):
    return (
        Escalation.objects.filter(case_id=case_id).count(),
        CaseEvent.objects.filter(case_id=case_id).count(),
        Case.history.filter(id=case_id).count(),
    )


def kinds(case_id):
    return list(
        CaseEvent.objects.filter(case_id=case_id, kind__in=["reminded", "escalated"])
        .order_by("sequence")
        .values_list("kind", "actor_label")
    )


# --- reminders -------------------------------------------------------------------------------


def test_reminders_three_and_one_working_day_before(case):
    assert case.next_escalation_at == wib(2026, 2, 2, 7)
    run_sweep(now=wib(2026, 1, 30, 15))  # nothing due yet
    assert kinds(case.pk) == []
    run_sweep(now=wib(2026, 2, 2, 7))
    run_sweep(now=wib(2026, 2, 2, 8))  # again: nothing new
    run_sweep(now=wib(2026, 2, 4, 7, 5))
    assert kinds(case.pk) == [
        ("reminded", "Pengingat otomatis H-3"),
        ("reminded", "Pengingat otomatis H-1"),
    ]
    case.refresh_from_db()
    assert case.next_escalation_at == wib(2026, 2, 5, 16)  # next: level 1 at the deadline


def test_a_missed_reminder_is_not_sent_late(case):
    run_sweep(now=wib(2026, 2, 4, 9))  # the sweep was down on Monday
    assert kinds(case.pk) == [("reminded", "Pengingat otomatis H-1")]


def test_no_reminder_once_the_deadline_has_passed(case):
    run_sweep(now=wib(2026, 2, 5, 16, 30))
    assert [k for k, _label in kinds(case.pk)] == ["escalated"]


# --- the ladder ----------------------------------------------------------------------------


def test_ladder_levels_fall_due_in_working_days_after_the_deadline(case):
    run_sweep(now=wib(2026, 2, 5, 15, 59))
    assert Escalation.objects.filter(case=case).count() == 0
    run_sweep(now=wib(2026, 2, 5, 16))
    assert list(Escalation.objects.filter(case=case).values_list("level", flat=True)) == [1]
    run_sweep(now=wib(2026, 2, 10, 15, 59))  # Fri 6, Mon 9, Tue 10: level 2 at 16:00
    assert Escalation.objects.filter(case=case).count() == 1
    run_sweep(now=wib(2026, 2, 10, 16))
    assert Escalation.objects.filter(case=case).count() == 2
    # 7 working days: 6, 9, 10, 11, 12, 13, (16 cuti, 17 Imlek) 18 Feb
    run_sweep(now=wib(2026, 2, 17, 23))
    assert Escalation.objects.filter(case=case).count() == 2
    run_sweep(now=wib(2026, 2, 18, 16))
    escalation = Escalation.objects.get(case=case, level=3)
    assert escalation.on_agenda is True
    assert escalation.deadline == wib(2026, 2, 5, 16)
    case.refresh_from_db()
    assert (case.escalation_level, case.next_escalation_at) == (3, None)


def test_catch_up_gives_every_level_in_order_on_the_first_run(case):
    # when the first sweep after the deadline runs 10+ working days late
    before = counts(case.pk)
    result = run_sweep(now=wib(2026, 3, 2, 9))
    # then levels 1, 2 and 3 are written, in order, each with one event and one history row
    assert (result.escalations, result.cases, result.batches) == (3, 1, 1)
    assert counts(case.pk) == (before[0] + 3, before[1] + 3, before[2] + 3)
    assert [label for _kind, label in kinds(case.pk)] == [
        "Aturan eskalasi L1: Kepala OPD",
        "Aturan eskalasi L2: Kepala Bakesbangpol",
        "Aturan eskalasi L3: Sekda dan agenda rakor",
    ]
    rows = list(Case.history.filter(id=case.pk).order_by("history_id"))[-3:]
    assert [r.escalation_level for r in rows] == [1, 2, 3]
    assert [r.history_change_reason for r in rows] == [
        "[escalate] Aturan eskalasi L1: Kepala OPD",
        "[escalate] Aturan eskalasi L2: Kepala Bakesbangpol",
        "[escalate] Aturan eskalasi L3: Sekda dan agenda rakor",
    ]
    assert all(r.history_user is None for r in rows)
    events = list(CaseEvent.objects.filter(case=case, kind="escalated").order_by("sequence"))
    assert [e.actor for e in events] == [None, None, None]
    assert [e.data["escalation_level"] for e in events] == [[0, 1], [1, 2], [2, 3]]
    case.refresh_from_db()
    assert case.version == rows[-1].version


def test_running_twice_adds_nothing(case):
    run_sweep(now=wib(2026, 3, 2, 9))
    after_first = counts(case.pk)
    result = run_sweep(now=wib(2026, 3, 2, 9))
    assert (result.cases, result.escalations) == (0, 0)
    assert counts(case.pk) == after_first


def test_the_unique_constraint_refuses_a_duplicate_escalation(case):
    run_sweep(now=wib(2026, 2, 5, 16))
    first = Escalation.objects.get(case=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(
            case=case,
            level=1,
            rule=first.rule,
            rule_name="x",
            deadline=first.deadline,
            escalated_at=clock.now(),
        )


def test_a_stale_schedule_after_a_concurrent_change_is_skipped(case):
    # given a case moved out of the clock states by someone else while its schedule is stale
    Case.objects.filter(pk=case.pk).update(status="reported")
    # when the sweep runs long after the deadline
    result = run_sweep(now=wib(2026, 3, 2, 9))
    # then it re-reads the row, escalates nothing and stops looking at the case
    assert (result.escalations, result.skipped) == (0, 1)
    assert Case.objects.get(pk=case.pk).next_escalation_at is None


def test_a_case_reported_in_time_is_never_escalated(case, world):
    services.case_report(case=case, actor=world.officer, summary="Selesai.")
    run_sweep(now=wib(2026, 3, 2, 9))
    assert not Escalation.objects.filter(case=case).exists()


def test_an_extension_starts_a_new_ladder(case, world):
    run_sweep(now=wib(2026, 2, 5, 16))
    with clock.frozen(wib(2026, 2, 6, 9)):
        extension = services.case_request_extension(
            case=case, actor=world.officer, reason="Hujan.", proposed_due=date(2026, 2, 20)
        )
        services.extension_decide(extension=extension, actor=world.coordinator, approve=True)
    case.refresh_from_db()
    assert case.escalation_level == 0
    run_sweep(now=wib(2026, 2, 20, 16))
    assert list(Escalation.objects.filter(case=case).values_list("level", "deadline")) == [
        (1, wib(2026, 2, 5, 16)),
        (1, wib(2026, 2, 20, 16)),
    ]


def test_inactive_rules_are_skipped(case, ladder):
    ladder[1].is_active = False
    ladder[1].save()
    run_sweep(now=wib(2026, 3, 2, 9))
    assert list(Escalation.objects.filter(case=case).values_list("level", flat=True)) == [1, 3]


# --- holds ---------------------------------------------------------------------------------


def test_a_hold_with_an_end_date_resumes_by_itself(case, world):
    with clock.frozen(wib(2026, 2, 2, 9)):
        services.case_hold(
            case=case, actor=world.head, reason="Menunggu alat.", until=date(2026, 2, 13)
        )
    case.refresh_from_db()
    assert case.next_escalation_at == wib(2026, 2, 13, 7)
    assert run_sweep(now=wib(2026, 2, 13, 6, 59)).resumed == 0
    result = run_sweep(now=wib(2026, 2, 13, 7))
    assert result.resumed == 1
    case.refresh_from_db()
    # on hold Mon 2 → Fri 13 Feb: 9 working days (3–6, 9–13 Feb); Thu 5 Feb + 9 working
    # days = 6, 9, 10, 11, 12, 13, (16 cuti, 17 Imlek) 18, 19, 20 → Fri 20 Feb
    assert (case.status, case.due_at) == ("in_progress", wib(2026, 2, 20, 16))
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert (event.transition, event.actor_label) == (
        "resume",
        "Sistem: lanjut otomatis setelah masa tunda",
    )


# --- batches and queries -------------------------------------------------------------------


def test_batches_cover_every_due_case(world, ladder):
    cases = [world.case(state="in_progress") for _ in range(7)]
    result = run_sweep(now=wib(2026, 3, 2, 9), batch_size=3)
    assert (result.batches, result.cases, result.escalations) == (3, 7, 21)
    assert all(c.escalation_level == 3 for c in Case.objects.filter(pk__in=[c.pk for c in cases]))


def _queries_for(world, n):
    for _ in range(n):
        world.case(state="in_progress")
    with CaptureQueriesContext(connection) as captured:
        result = run_sweep(now=wib(2026, 3, 2, 9), batch_size=100)
    assert result.cases == n
    return len(captured)


def test_query_count_does_not_grow_with_the_batch(world, ladder):
    small = _queries_for(world, 3)
    Case.objects.update(next_escalation_at=None)
    large = _queries_for(world, 12)
    assert small == large


def test_the_idle_sweep_is_one_indexed_query(world, ladder):
    world.case(state="in_progress")  # its first reminder is on 2 Feb
    with CaptureQueriesContext(connection) as captured:
        result = run_sweep(now=wib(2026, 1, 30, 9))
    assert result.cases == 0
    assert len(captured) == 1
    assert "next_escalation_at" in captured[0]["sql"]


# --- the command -----------------------------------------------------------------------------


def test_run_sweep_command(case, capsys):
    call_command("run_sweep", "--now", "2026-03-02T09:00")
    assert '"escalations": 3' in capsys.readouterr().out
    call_command("run_sweep", "--now", "2026-03-02T09:00")
    assert '"escalations": 0' in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["kemarin", "2026-13-01", "2026-02-30T09:00"])
def test_run_sweep_command_refuses_a_bad_time(db, bad):
    with pytest.raises(CommandError):
        call_command("run_sweep", "--now", bad)


# --- notifications -----------------------------------------------------------------------------


def test_escalations_notify_whom_the_rule_says(case, world, django_capture_on_commit_callbacks):
    sekda = UserFactory(username="sekda2", role=GlobalRole.LEADERSHIP)
    with django_capture_on_commit_callbacks(execute=True):
        run_sweep(now=wib(2026, 3, 2, 9))
    got = {
        (n.recipient.username, n.title.split(":")[0])
        for n in Notification.objects.select_related("recipient")
    }
    assert got == {
        ("head_a", "Eskalasi tingkat 1"),
        ("head_a", "Eskalasi tingkat 2"),
        ("coordinator", "Eskalasi tingkat 2"),
        ("head_a", "Eskalasi tingkat 3"),
        ("coordinator", "Eskalasi tingkat 3"),
        ("sekda", "Eskalasi tingkat 3"),
        (sekda.username, "Eskalasi tingkat 3"),
    }


def test_notifications_are_created_once_per_event_and_person(case, world):
    run_sweep(now=wib(2026, 2, 2, 7))  # the H-3 reminder
    event = CaseEvent.objects.get(case=case, kind="reminded")
    first = notifications.create_for_events([event.pk])
    again = notifications.create_for_events([event.pk])
    assert len(first) == 2  # officer_a and head_a
    assert again == []
    assert Notification.objects.filter(case=case).count() == 2


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (wib(2026, 2, 5, 9), wib(2026, 2, 5, 9)),  # inside working hours
        (wib(2026, 2, 5, 16), wib(2026, 2, 6, 7)),  # 16:00 is after hours
        (wib(2026, 2, 6, 16, 30), wib(2026, 2, 9, 7)),  # Friday evening → Monday
        (wib(2026, 2, 5, 6, 59), wib(2026, 2, 5, 7)),  # before the office opens
        (wib(2026, 2, 14, 0, 0), wib(2026, 2, 18, 7)),  # midnight Saturday; 16, 17 closed
        (wib(2026, 12, 23, 16), wib(2026, 12, 28, 7)),  # Christmas and cuti bersama
    ],
)
def test_send_window(db, at, expected):
    assert notifications.send_window_start(at) == expected


def test_email_goes_out_once_and_only_in_working_hours(case, world):
    world.head.email = "kepala@dinas-a.go.id"
    world.head.save()
    with clock.frozen(wib(2026, 2, 5, 16)):
        run_sweep()
        event = CaseEvent.objects.get(case=case, kind="escalated")
        created = notifications.create_for_events([event.pk])
    notification = Notification.objects.get(pk__in=created, recipient=world.head)
    assert notification.send_after == wib(2026, 2, 6, 7)
    # at 16:00 on Thursday nothing is mailed; at 07:00 on Friday it is, once
    assert notifications.send_due_emails(now=wib(2026, 2, 5, 16, 5)) == 0
    assert notifications.send_email(notification.pk, now=wib(2026, 2, 5, 23)) is False
    assert notifications.send_due_emails(now=wib(2026, 2, 6, 7)) == 1
    assert notifications.send_email(notification.pk, now=wib(2026, 2, 6, 7, 5)) is False
    assert notifications.send_due_emails(now=wib(2026, 2, 6, 8)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kepala@dinas-a.go.id"]
    assert "Eskalasi tingkat 1" in mail.outbox[0].subject


def test_a_claimed_notification_is_not_mailed_twice(case, world):
    world.head.email = "kepala@dinas-a.go.id"
    world.head.save()
    with clock.frozen(wib(2026, 2, 2, 7)):
        run_sweep()
        event = CaseEvent.objects.get(case=case, kind="reminded")
        (notification_id,) = [
            pk
            for pk in notifications.create_for_events([event.pk])
            if Notification.objects.get(pk=pk).recipient == world.head
        ]
    Notification.objects.filter(pk=notification_id).update(email_claimed_at=wib(2026, 2, 2, 9))
    assert notifications.send_email(notification_id, now=wib(2026, 2, 2, 9, 5)) is False
    # a claim older than ten minutes belongs to a consumer that died: it is taken over
    assert notifications.send_email(notification_id, now=wib(2026, 2, 2, 9, 20)) is True
    assert len(mail.outbox) == 1


# --- the ladder is data, and bad data is refused ----------------------------------------------


def test_a_rule_with_negative_days_is_refused_by_the_admin_form(db):
    from django.forms import modelform_factory

    form_class = modelform_factory(EscalationRule, fields="__all__")
    form = form_class(data={"level": 4, "name": "x", "working_days_after_deadline": -2})
    assert not form.is_valid()
    assert "working_days_after_deadline" in form.errors
    form = form_class(data={"level": 0, "name": "x", "working_days_after_deadline": 2})
    assert not form.is_valid()
