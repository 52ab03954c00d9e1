"""The carry-over agenda of the next Rakor, and the meeting's decisions."""

from datetime import date

import pytest

from cases import clock
from cases import services as case_services
from cases.errors import ActionForbidden, InvalidInput
from cases.models import CaseEvent, CaseStatus, ExtensionRequest, Priority, RequestStatus
from rakor import services
from rakor.models import AgendaItem, DecisionKind, MeetingDecision
from tests.factories import wib


def next_rakor(world, day=date(2026, 2, 25), number=None):
    with clock.frozen(wib(2026, 2, 20)):
        return services.rakor_create_next(
            actor=world.coordinator,
            series=world.series,
            title="Rakor Februari 2026",
            date=day,
            place="Command Center",
            chair="Wali Kota",
            number=number,
        )


def test_the_next_rakor_carries_over_open_overdue_and_changed_cases(world):
    # given: one case in progress (overdue by 20 February), one closed since January,
    # one still a draft (never dispatched: not the OPD's business yet)
    in_progress = world.case(state="in_progress")
    closed = world.case(state="closed")
    world.case(state="draft")
    # when
    rakor = next_rakor(world)
    # then
    items = {i.case_id: i for i in AgendaItem.objects.filter(rakor=rakor)}
    assert set(items) == {in_progress.pk, closed.pk}
    assert items[in_progress.pk].reasons == ["open", "overdue", "changed"]
    assert items[closed.pk].reasons == ["changed"]
    assert items[in_progress.pk].previous_rakor == world.rakor
    assert items[closed.pk].changes[-1].startswith("29-01-2026: Dilaporkan Selesai → Selesai")
    assert items[in_progress.pk].organization == world.org_a


def test_carry_over_follows_the_series_when_the_meeting_is_moved(world):
    # given a case of January and a February meeting moved to 3 March
    case = world.case(state="in_progress")
    # when
    rakor = next_rakor(world, day=date(2026, 3, 3))
    # then
    item = AgendaItem.objects.get(rakor=rakor)
    assert (item.case_id, item.previous_rakor_id) == (case.pk, world.rakor.pk)


def test_building_the_agenda_takes_the_same_number_of_queries_for_any_number_of_cases(
    world, django_assert_num_queries
):
    # given
    for _ in range(2):
        world.case(state="in_progress")
    rakor = next_rakor(world)
    with clock.frozen(wib(2026, 2, 21)), django_assert_num_queries(12) as small:
        services.agenda_build(rakor=rakor, actor=world.coordinator)
    for _ in range(6):
        world.case(state="in_progress")
    # when / then
    with clock.frozen(wib(2026, 2, 21)), django_assert_num_queries(len(small.captured_queries)):
        services.agenda_build(rakor=rakor, actor=world.coordinator)
    assert AgendaItem.objects.filter(rakor=rakor).count() == 8


def test_rebuilding_keeps_items_that_carry_a_decision(world):
    # given
    case = world.case(state="in_progress")
    rakor = next_rakor(world)
    item = AgendaItem.objects.get(rakor=rakor, case=case)
    with clock.frozen(wib(2026, 2, 25, 10)):
        services.decision_record(
            item=item, actor=world.coordinator, kind=DecisionKind.KEEP, note="Lanjut."
        )
        # when
        services.agenda_build(rakor=rakor, actor=world.coordinator)
    # then
    assert AgendaItem.objects.get(rakor=rakor, case=case).pk == item.pk
    assert MeetingDecision.objects.get().outcome == "Dilanjutkan tanpa perubahan"


def decide(world, state, kind, **params):
    case = world.case(state=state)
    rakor = next_rakor(world)
    item = AgendaItem.objects.get(rakor=rakor, case=case)
    with clock.frozen(wib(2026, 2, 25, 10)):
        decision = services.decision_record(
            item=item, actor=world.coordinator, kind=kind, note="Keputusan rakor.", **params
        )
    case.refresh_from_db()
    return case, decision


def test_extend_moves_the_deadline_and_keeps_old_and_new_in_the_record(world):
    case, decision = decide(world, "in_progress", DecisionKind.EXTEND, due=date(2026, 3, 13))
    assert case.due_at == wib(2026, 3, 13, 16)
    extension = ExtensionRequest.objects.get(case=case)
    assert extension.status == RequestStatus.APPROVED
    assert extension.new_due_at == wib(2026, 3, 13, 16)
    assert extension.old_due_at < extension.new_due_at
    assert decision.outcome == "Batas waktu diperpanjang sampai 13-03-2026"
    assert case.events.order_by("sequence").last().kind == "extension_decided"


def test_close_verifies_a_reported_case(world):
    case, decision = decide(world, "reported", DecisionKind.CLOSE)
    assert case.status == CaseStatus.CLOSED
    assert decision.outcome == "Laporan diverifikasi; kasus selesai"


def test_close_cancels_a_case_still_in_progress(world):
    case, _decision = decide(world, "in_progress", DecisionKind.CLOSE)
    assert case.status == CaseStatus.CANCELLED
    assert case.events.order_by("sequence").last().reason == "Keputusan rakor."


def test_escalate_makes_the_case_urgent_and_records_an_escalation_event(world):
    case, _decision = decide(world, "in_progress", DecisionKind.ESCALATE)
    assert case.priority == Priority.URGENT
    assert case.status == CaseStatus.IN_PROGRESS
    event = case.events.order_by("sequence").last()
    assert (event.kind, event.reason) == ("escalated", "Keputusan rakor.")


def test_reassign_a_declined_case_to_another_office(world):
    case, decision = decide(world, "declined", DecisionKind.REASSIGN, organization=world.org_b)
    assert (case.status, case.organization) == (CaseStatus.ASSIGNED, world.org_b)
    assert decision.new_case is None


def test_reassign_a_case_in_progress_cancels_it_and_dispatches_a_new_one(world):
    case, decision = decide(world, "in_progress", DecisionKind.REASSIGN, organization=world.org_b)
    assert case.status == CaseStatus.CANCELLED
    assert decision.new_case.organization == world.org_b
    assert decision.new_case.status == CaseStatus.ASSIGNED
    assert decision.new_case.directive_id == case.directive_id


def test_keep_changes_nothing_on_the_case(world):
    case = world.case(state="in_progress")
    events = CaseEvent.objects.filter(case=case).count()
    rakor = next_rakor(world)
    item = AgendaItem.objects.get(rakor=rakor, case=case)
    with clock.frozen(wib(2026, 2, 25, 10)):
        services.decision_record(
            item=item, actor=world.coordinator, kind=DecisionKind.KEEP, note="Tetap."
        )
    assert CaseEvent.objects.filter(case=case).count() == events


def test_only_coordinators_decide_and_a_refused_decision_changes_nothing(world):
    case = world.case(state="in_progress")
    rakor = next_rakor(world)
    item = AgendaItem.objects.get(rakor=rakor, case=case)
    with pytest.raises(ActionForbidden):
        services.decision_record(item=item, actor=world.auditor, kind="close", note="x")
    with pytest.raises(InvalidInput, match="Isi batas waktu baru"):
        services.decision_record(item=item, actor=world.coordinator, kind="extend", note="x")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert MeetingDecision.objects.count() == 0


def test_case_extend_refuses_an_earlier_date(world):
    case = world.case(state="in_progress")
    with clock.frozen(wib(2026, 1, 30)), pytest.raises(InvalidInput, match="setelah batas"):
        case_services.case_extend(
            case=case, actor=world.coordinator, due_at=date(2026, 2, 2), reason="x"
        )


def test_a_case_escalated_to_the_agenda_level_says_so(world):
    # given the ladder's agenda rung, and a case 10 working days late swept on 19 February
    from cases.models import EscalationRule
    from cases.sweep import run_sweep

    EscalationRule.objects.create(
        level=1, name="Agenda", working_days_after_deadline=7, add_to_agenda=True
    )
    case = world.case(state="in_progress")  # due 5 February
    run_sweep(now=wib(2026, 2, 19, 9))
    # when
    rakor = next_rakor(world)
    # then
    assert AgendaItem.objects.get(rakor=rakor, case=case).reasons == [
        "open",
        "overdue",
        "escalated",
        "changed",
    ]
