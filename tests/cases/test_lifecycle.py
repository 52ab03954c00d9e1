"""The case lifecycle: who may fire what, from which state, and what each firing leaves behind.

The expected tables below are written out by hand from DESIGN.md, not derived from
cases.permissions, so that a wrong rule there makes these tests fail.
"""

import pytest

from cases import clock, services
from cases.actors import SystemActor
from cases.errors import ActionForbidden, InvalidInput, TransitionNotAllowed
from cases.models import Case, CaseEvent, Hold
from tests.factories import PATHS, wib

ROLES = [
    "coordinator",
    "admin",
    "auditor",
    "leadership",
    "officer",
    "head",
    "other_officer",
    "other_head",
    "kecamatan_officer",
    "partner",
    "no_membership",
    "system",
]

# transition → (source state used for the matrix, the roles allowed to fire it)
EXPECTED_ACTORS = {
    "dispatch": ("draft", {"coordinator", "admin"}),
    "accept": ("assigned", {"officer", "head"}),
    "decline": ("assigned", {"officer", "head"}),
    "reassign": ("declined", {"coordinator", "admin"}),
    "hold": ("in_progress", {"head", "coordinator", "admin"}),
    "resume": ("on_hold", {"head", "coordinator", "admin", "system"}),
    "report": ("in_progress", {"officer", "head"}),
    "verify": ("reported", {"coordinator", "admin"}),
    "verify_ongoing": ("reported", {"coordinator", "admin"}),
    "send_back": ("reported", {"coordinator", "admin"}),
    "reopen": ("closed", {"coordinator", "admin"}),
    "cancel": ("in_progress", {"coordinator", "admin"}),
}

EXPECTED_TARGET = {
    "dispatch": "assigned",
    "accept": "in_progress",
    "decline": "declined",
    "reassign": "assigned",
    "hold": "on_hold",
    "resume": "in_progress",
    "report": "reported",
    "verify": "closed",
    "verify_ongoing": "ongoing",
    "send_back": "in_progress",
    "reopen": "in_progress",
    "cancel": "cancelled",
}

# transition → every state it may start from
EXPECTED_SOURCES = {
    "dispatch": {"draft"},
    "accept": {"assigned"},
    "decline": {"assigned"},
    "reassign": {"declined"},
    "hold": {"in_progress"},
    "resume": {"on_hold"},
    "report": {"in_progress"},
    "verify": {"reported"},
    "verify_ongoing": {"reported"},
    "send_back": {"reported"},
    "reopen": {"closed", "ongoing"},
    "cancel": {"draft", "assigned", "in_progress", "on_hold", "reported", "declined"},
}

PARAMS = {
    "decline": {"reason": "Bukan kewenangan kami."},
    "reassign": {"reason": "Tetap tugas OPD ini."},
    "hold": {"reason": "Menunggu anggaran perubahan."},
    "report": {"summary": "Sudah selesai dikerjakan."},
    "send_back": {"reason": "Foto belum lengkap."},
    "reopen": {"reason": "Genangan muncul lagi."},
    "cancel": {"reason": "Arahan dicabut rakor."},
    "resume": {"reason": "Anggaran sudah tersedia."},
    "verify": {"note": "Sesuai bukti."},
}


def actor_for(world, role):
    if role == "system":
        return SystemActor("Aturan uji")
    return getattr(world, role)


def snapshot(case_id: int) -> dict:
    case = Case.objects.get(pk=case_id)
    return {
        "status": case.status,
        "version": case.version,
        "updated_at": case.updated_at,
        "due_at": case.due_at,
        "organization": case.organization_id,
        "events": CaseEvent.objects.filter(case_id=case_id).count(),
        "history": Case.history.filter(id=case_id).count(),
        "holds": Hold.objects.filter(case_id=case_id).count(),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", list(EXPECTED_ACTORS))
def test_transition_matrix(world, transition, role):
    # given a case of Dinas A in the transition's source state
    source, allowed = EXPECTED_ACTORS[transition]
    case = world.case(state=source)
    before = snapshot(case.pk)
    actor = actor_for(world, role)

    # when the role fires the transition
    with clock.frozen(wib(2026, 2, 2, 10)):
        if role in allowed:
            result = services.case_transition(
                case=case, actor=actor, name=transition, **PARAMS.get(transition, {})
            )
        else:
            with pytest.raises(ActionForbidden):
                services.case_transition(
                    case=case, actor=actor, name=transition, **PARAMS.get(transition, {})
                )
            result = None

    # then it moved with exactly one event and one history row, or nothing changed at all
    after = snapshot(case.pk)
    if result is None:
        assert after == before
        return
    assert after["status"] == EXPECTED_TARGET[transition]
    assert after["events"] == before["events"] + 1
    assert after["history"] == before["history"] + 1
    assert after["version"] == before["version"] + 1


STATES = list(PATHS)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", list(EXPECTED_SOURCES))
def test_state_matrix(world, transition, state):
    # given a case in ``state`` and an actor who holds every capacity (coordinator + head)
    case = world.case(state=state)
    actor = world.member("superhead", world.org_a, role="coordinator", head=True)
    before = snapshot(case.pk)

    # when the transition is fired
    with clock.frozen(wib(2026, 2, 2, 10)):
        if state in EXPECTED_SOURCES[transition]:
            services.case_transition(
                case=case, actor=actor, name=transition, **PARAMS.get(transition, {})
            )
            # then the case is in the target state
            assert Case.objects.get(pk=case.pk).status == EXPECTED_TARGET[transition]
        else:
            # then the state refuses it, and nothing changed
            with pytest.raises(TransitionNotAllowed):
                services.case_transition(
                    case=case, actor=actor, name=transition, **PARAMS.get(transition, {})
                )
            assert snapshot(case.pk) == before


REASONED = ["decline", "reassign", "hold", "send_back", "reopen", "cancel"]


@pytest.mark.parametrize("transition", REASONED)
@pytest.mark.parametrize("blank", ["", "   ", None])
def test_reason_is_required(world, transition, blank):
    source, _allowed = EXPECTED_ACTORS[transition]
    case = world.case(state=source)
    actor = world.head if transition in ("decline", "hold") else world.coordinator
    before = snapshot(case.pk)
    with pytest.raises(InvalidInput) as error:
        services.case_transition(case=case, actor=actor, name=transition, reason=blank)
    assert error.value.field_errors == {"reason": ["Alasan wajib diisi."]}
    assert snapshot(case.pk) == before


def test_report_requires_summary(world):
    case = world.case(state="in_progress")
    before = snapshot(case.pk)
    with pytest.raises(InvalidInput) as error:
        services.case_report(case=case, actor=world.officer, summary=" ")
    assert error.value.field_errors == {"reason": ["Ringkasan laporan wajib diisi."]}
    assert snapshot(case.pk) == before


def test_event_and_history_carry_actor_and_reason(world):
    # given a case in progress
    case = world.case(state="in_progress")

    # when the head puts it on hold with a reason
    with clock.frozen(wib(2026, 2, 3, 11, 15)):
        services.case_hold(case=case, actor=world.head, reason="Menunggu alat berat.")

    # then the newest event and history row both name the head and the reason
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert (event.kind, event.transition, event.from_status, event.to_status) == (
        "transition",
        "hold",
        "in_progress",
        "on_hold",
    )
    assert event.actor == world.head
    assert event.reason == "Menunggu alat berat."
    assert event.created_at == wib(2026, 2, 3, 11, 15)
    row = Case.history.filter(id=case.pk).latest("history_id")
    assert row.history_user == world.head
    assert row.history_change_reason == "[hold] Menunggu alat berat."
    assert row.history_date == wib(2026, 2, 3, 11, 15)
    assert row.status == "on_hold"


def test_system_actor_is_named_in_the_record(world):
    case = world.case(state="on_hold")
    rule = SystemActor("Sistem: lanjut otomatis setelah masa tunda")
    services.case_resume(case=case, actor=rule, reason="Masa tunda berakhir.")
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert event.actor is None
    assert event.actor_label == "Sistem: lanjut otomatis setelah masa tunda"
    row = Case.history.filter(id=case.pk).latest("history_id")
    assert row.history_user is None
    assert row.history_change_reason == "[resume] Masa tunda berakhir."


def test_events_are_numbered_per_case_and_append_only(world):
    case = world.case(state="closed")
    sequences = list(CaseEvent.objects.filter(case=case).values_list("sequence", flat=True))
    assert sequences == [1, 2, 3, 4, 5]
    event = CaseEvent.objects.filter(case=case).first()
    event.reason = "diubah diam-diam"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_status_cannot_be_written_directly(world):
    case = world.case(state="assigned")
    with pytest.raises(AttributeError):
        case.status = "closed"


def test_every_event_has_a_history_row_with_the_same_status(world):
    case = world.case(state="closed")
    events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
    rows = list(Case.history.filter(id=case.pk).order_by("history_id"))
    assert len(events) == len(rows) == 5
    assert [e.to_status for e in events] == [r.status for r in rows]
