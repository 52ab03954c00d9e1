"""Hold requests, extension requests and their decisions; notifications read state."""

from datetime import date

import pytest

from cases import clock, selectors, services
from cases.errors import ActionForbidden, InvalidInput, NotFound, TransitionNotAllowed
from cases.models import CaseEvent, ExtensionRequest, Hold, Notification
from tests.cases.test_lifecycle import snapshot
from tests.factories import wib


def test_officer_requests_and_head_approves_a_hold(world):
    # given a case in progress, due Thu 5 Feb
    case = world.case(state="in_progress")
    # when the officer asks for a hold until 13 Feb and the head approves it
    with clock.frozen(wib(2026, 2, 2, 9)):
        hold = services.case_request_hold(
            case=case, actor=world.officer, reason="Alat berat rusak.", until=date(2026, 2, 13)
        )
    assert (hold.status, case.__class__.objects.get(pk=case.pk).status) == (
        "pending",
        "in_progress",
    )
    with clock.frozen(wib(2026, 2, 2, 13)):
        decided = services.hold_decide(hold=hold, actor=world.head, approve=True, note="Setuju.")
    # then the case is on hold, and the request is the approved hold
    case.refresh_from_db()
    assert case.status == "on_hold"
    assert (decided.pk, decided.status, decided.decision_note) == (hold.pk, "approved", "Setuju.")
    assert decided.started_at == wib(2026, 2, 2, 13)
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", "transition"))
    assert kinds[-2:] == [("hold_requested", ""), ("transition", "hold")]


def test_officer_cannot_approve_a_hold(world):
    case = world.case(state="in_progress")
    hold = services.case_request_hold(case=case, actor=world.officer, reason="x")
    before = snapshot(case.pk)
    with pytest.raises(ActionForbidden):
        services.hold_decide(hold=hold, actor=world.officer, approve=True)
    with pytest.raises(ActionForbidden):
        services.hold_decide(hold=hold, actor=world.officer, approve=False, note="tidak")
    assert snapshot(case.pk) == before
    assert Hold.objects.get(pk=hold.pk).status == "pending"


def test_rejecting_a_hold_needs_a_reason_and_keeps_the_case_running(world):
    case = world.case(state="in_progress")
    hold = services.case_request_hold(case=case, actor=world.officer, reason="x")
    with pytest.raises(InvalidInput):
        services.hold_decide(hold=hold, actor=world.head, approve=False, note="")
    services.hold_decide(hold=hold, actor=world.head, approve=False, note="Kerjakan manual.")
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert Hold.objects.get(pk=hold.pk).status == "rejected"
    with pytest.raises(TransitionNotAllowed):
        services.hold_decide(hold=hold, actor=world.head, approve=True)


def test_one_pending_hold_request_at_a_time(world):
    case = world.case(state="in_progress")
    services.case_request_hold(case=case, actor=world.officer, reason="x")
    with pytest.raises(InvalidInput) as error:
        services.case_request_hold(case=case, actor=world.officer, reason="y")
    assert str(error.value) == "Masih ada permohonan penundaan yang menunggu keputusan."


def test_head_holding_directly_approves_the_pending_request(world):
    case = world.case(state="in_progress")
    request = services.case_request_hold(case=case, actor=world.officer, reason="x")
    services.case_hold(case=case, actor=world.head, reason="Disetujui langsung.")
    assert list(Hold.objects.filter(case=case).values_list("pk", "status")) == [
        (request.pk, "approved")
    ]


def test_hold_decision_for_unknown_request(world):
    with pytest.raises(NotFound):
        services.hold_decide(hold=999999, actor=world.head, approve=True)


# --- extensions -------------------------------------------------------------------------------


def test_extension_request_and_approval_keep_old_and_new_deadline(world):
    case = world.case(state="in_progress")  # due Thu 5 Feb 16:00
    with clock.frozen(wib(2026, 2, 3, 10)):
        extension = services.case_request_extension(
            case=case,
            actor=world.officer,
            reason="Hujan deras tiap hari.",
            proposed_due=date(2026, 2, 20),
        )
    assert (extension.old_due_at, extension.proposed_due_at) == (
        wib(2026, 2, 5, 16),
        wib(2026, 2, 20, 16),
    )
    with clock.frozen(wib(2026, 2, 4, 10)):
        decided = services.extension_decide(
            extension=extension,
            actor=world.coordinator,
            approve=True,
            due_at=date(2026, 2, 18),
            note="Cukup sampai 18 Februari.",
        )
    case.refresh_from_db()
    assert case.due_at == wib(2026, 2, 18, 16)
    assert (decided.status, decided.old_due_at, decided.new_due_at) == (
        "approved",
        wib(2026, 2, 5, 16),
        wib(2026, 2, 18, 16),
    )
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert event.kind == "extension_decided"
    assert event.data["due_at"] == ["2026-02-05T16:00:00+07:00", "2026-02-18T16:00:00+07:00"]


@pytest.mark.parametrize(
    ("proposed", "message"),
    [
        (date(2026, 2, 1), "Batas waktu harus setelah saat ini."),
        (date(2026, 2, 4), "Tanggal usulan harus setelah batas waktu sekarang (05-02-2026)."),
        (date(2026, 2, 5), "Tanggal usulan harus setelah batas waktu sekarang (05-02-2026)."),
        (date(2026, 2, 7), "07-02-2026 bukan hari kerja bagi Dinas A."),
    ],
)
def test_bad_extension_dates_are_refused(world, proposed, message):
    case = world.case(state="in_progress")
    before = snapshot(case.pk)
    with clock.frozen(wib(2026, 2, 3, 10)), pytest.raises(InvalidInput) as error:
        services.case_request_extension(
            case=case, actor=world.officer, reason="x", proposed_due=proposed
        )
    assert error.value.field_errors == {"proposed_due": [message]}
    assert snapshot(case.pk) == before
    assert not ExtensionRequest.objects.exists()


def test_only_a_coordinator_decides_an_extension(world):
    case = world.case(state="in_progress")
    with clock.frozen(wib(2026, 2, 3, 10)):
        extension = services.case_request_extension(
            case=case, actor=world.officer, reason="x", proposed_due=date(2026, 2, 20)
        )
    before = snapshot(case.pk)
    for actor in (world.head, world.officer, world.auditor):
        with pytest.raises(ActionForbidden):
            services.extension_decide(extension=extension, actor=actor, approve=True)
    assert snapshot(case.pk) == before


def test_rejected_extension_leaves_the_deadline(world):
    case = world.case(state="in_progress")
    with clock.frozen(wib(2026, 2, 3, 10)):
        extension = services.case_request_extension(
            case=case, actor=world.officer, reason="x", proposed_due=date(2026, 2, 20)
        )
        services.extension_decide(
            extension=extension,
            actor=world.coordinator,
            approve=False,
            note="Tidak ada alasan kuat.",
        )
    case.refresh_from_db()
    assert case.due_at == wib(2026, 2, 5, 16)
    assert ExtensionRequest.objects.get().status == "rejected"


def test_extension_request_by_another_organization_is_refused(world):
    case = world.case(state="in_progress")
    with pytest.raises(ActionForbidden):
        services.case_request_extension(
            case=case, actor=world.other_officer, reason="x", proposed_due=date(2026, 2, 20)
        )


# --- notifications ----------------------------------------------------------------------------


def test_mark_read_only_own_notifications(world):
    mine = Notification.objects.create(
        recipient=world.officer,
        kind="test",
        key="k1",
        title="t",
        created_at=clock.now(),
        send_after=clock.now(),
    )
    theirs = Notification.objects.create(
        recipient=world.other_officer,
        kind="test",
        key="k2",
        title="t",
        created_at=clock.now(),
        send_after=clock.now(),
    )
    assert selectors.unread_notification_count(world.officer) == 1
    services.notification_mark_read(notification_id=mine.pk, actor=world.officer)
    assert selectors.unread_notification_count(world.officer) == 0
    with pytest.raises(NotFound):
        services.notification_mark_read(notification_id=theirs.pk, actor=world.officer)
    with pytest.raises(NotFound):
        services.notification_mark_read(notification_id="abc", actor=world.officer)
    assert services.notifications_mark_all_read(actor=world.other_officer) == 1


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_hold_request_without_reason_is_refused(world, reason):
    case = world.case(state="in_progress")
    before = snapshot(case.pk)
    with pytest.raises(InvalidInput) as error:
        services.case_request_hold(case=case, actor=world.officer, reason=reason)
    assert error.value.field_errors == {"reason": ["Alasan wajib diisi."]}
    assert snapshot(case.pk) == before
    assert not Hold.objects.exists()


def test_a_closure_for_an_unknown_organization_is_refused_by_the_admin_form(db):
    from django.forms import modelform_factory

    from cases.models import LocalClosure

    form_class = modelform_factory(LocalClosure, fields="__all__")
    form = form_class(data={"date": "2026-07-06", "name": "Libur", "organization": 999999})
    assert not form.is_valid()
    assert "organization" in form.errors
    assert not LocalClosure.objects.exists()
