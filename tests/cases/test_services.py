from datetime import date

import pytest
from django.db import transaction
from django_fsm import ConcurrentTransition

from cases import clock, services
from cases.errors import (
    ActionForbidden,
    ConcurrentChange,
    InvalidInput,
    TransitionNotAllowed,
)
from cases.models import Case, CaseEvent, Evidence, Hold, ProgressUpdate
from tests.cases.test_lifecycle import snapshot
from tests.factories import DirectiveTypeFactory, jpeg_bytes, pdf_bytes, upload, wib

# --- dispatch and deadlines ------------------------------------------------------------------


def test_dispatch_uses_the_types_working_days_at_end_of_day(world):
    # given a draft case whose type allows 5 working days
    case = world.case(state="draft")
    # when it is dispatched on Thursday 29 January 2026
    with clock.frozen(wib(2026, 1, 29, 10)):
        case = services.case_dispatch(case=case, actor=world.coordinator)
    # then the deadline is Thursday 5 February, 16:00 WIB (Fri, Mon, Tue, Wed, Thu)
    assert case.due_at == wib(2026, 2, 5, 16)
    assert case.due_calendar_version.startswith("holidays-")
    # and the sweep looks next at the first reminder: 3 working days before, 07:00 WIB
    assert case.next_escalation_at == wib(2026, 2, 2, 7)


def test_dispatch_skips_cuti_bersama_and_imlek(world):
    case = world.case(state="draft")
    # Friday 13 Feb + 5 working days, skipping 16 (cuti bersama) and 17 (Imlek):
    # Wed 18, Thu 19, Fri 20, Mon 23, Tue 24
    with clock.frozen(wib(2026, 2, 13, 10)):
        case = services.case_dispatch(case=case, actor=world.coordinator)
    assert case.due_at == wib(2026, 2, 24, 16)


def test_dispatch_with_explicit_date(world):
    case = world.case(state="draft")
    with clock.frozen(wib(2026, 1, 29, 10)):
        case = services.case_dispatch(case=case, actor=world.coordinator, due_at=date(2026, 3, 31))
    assert case.due_at == wib(2026, 3, 31, 16)


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (date(2026, 1, 20), "Batas waktu harus setelah saat ini."),
        (date(2026, 1, 31), "31-01-2026 bukan hari kerja bagi Dinas A."),
        (date(2026, 3, 19), "19-03-2026 bukan hari kerja bagi Dinas A."),
        (date(2035, 1, 2), "Batas waktu terlalu jauh (lebih dari 5 tahun)."),
    ],
)
def test_dispatch_refuses_a_bad_deadline(world, due, message):
    case = world.case(state="draft")
    before = snapshot(case.pk)
    with clock.frozen(wib(2026, 1, 29, 10)), pytest.raises(InvalidInput) as error:
        services.case_dispatch(case=case, actor=world.coordinator, due_at=due)
    assert error.value.field_errors == {"due_at": [message]}
    assert snapshot(case.pk) == before


def test_dispatch_needs_a_held_rakor(world):
    with clock.frozen(wib(2026, 2, 20)):
        draft_rakor = services.rakor_create(
            actor=world.coordinator,
            series=world.series,
            title="Rakor Februari",
            date=date(2026, 2, 25),
            place="Command Center",
            chair="Wali Kota",
        )
        directive = services.directive_create(
            rakor=draft_rakor,
            actor=world.coordinator,
            title="Arahan",
            text="Isi",
            directive_type=world.kind,
        )
        case = services.case_create(
            directive=directive, organization=world.org_a, role="lead", actor=world.coordinator
        )
        with pytest.raises(InvalidInput):
            services.case_dispatch(case=case, actor=world.coordinator)
    assert Case.objects.get(pk=case.pk).status == "draft"


def test_seven_day_organization_counts_weekends(world):
    case = world.case(organization=world.partner_org, state="draft")
    with clock.frozen(wib(2026, 1, 29, 10)):
        case = services.case_dispatch(case=case, actor=world.coordinator)
    assert case.due_at == wib(2026, 2, 3, 16)


# --- holds ---------------------------------------------------------------------------------


def test_hold_and_resume_push_the_deadline_by_working_days_on_hold(world):
    # given a case due Thursday 5 February 16:00
    case = world.case(state="in_progress")
    assert case.due_at == wib(2026, 2, 5, 16)
    # when it is held from Monday 2 Feb to Friday 6 Feb (4 working days: Tue–Fri)
    with clock.frozen(wib(2026, 2, 2, 9)):
        services.case_hold(
            case=case, actor=world.head, reason="Menunggu anggaran.", until=date(2026, 2, 6)
        )
    with clock.frozen(wib(2026, 2, 6, 9)):
        case = services.case_resume(case=case, actor=world.head, reason="Anggaran ada.")
    # then the deadline moves 4 working days: Thu 5 Feb → Wed 11 Feb
    assert case.due_at == wib(2026, 2, 11, 16)
    hold = Hold.objects.get(case=case)
    assert (hold.status, hold.paused_working_days) == ("ended", 4)
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert event.data["paused_working_days"] == 4
    assert event.data["due_at"] == ["2026-02-05T16:00:00+07:00", "2026-02-11T16:00:00+07:00"]


def test_hold_until_must_be_in_the_future(world):
    case = world.case(state="in_progress")
    before = snapshot(case.pk)
    with clock.frozen(wib(2026, 2, 2, 9)), pytest.raises(InvalidInput) as error:
        services.case_hold(case=case, actor=world.head, reason="x", until=date(2026, 2, 2))
    assert error.value.field_errors == {
        "until": ["Tanggal akhir penundaan harus setelah hari ini."]
    }
    assert snapshot(case.pk) == before


def test_next_escalation_is_cleared_while_on_hold(world):
    case = world.case(state="on_hold")
    assert case.next_escalation_at is None


# --- reassign ------------------------------------------------------------------------------


def test_reassign_to_another_organization_restarts_the_clock(world):
    case = world.case(state="declined")
    with clock.frozen(wib(2026, 2, 2, 9)):
        case = services.case_reassign(
            case=case, actor=world.coordinator, reason="Tugas Dinas B.", organization=world.org_b
        )
    assert (case.status, case.organization) == ("assigned", world.org_b)
    assert case.due_at == wib(2026, 2, 9, 16)
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert event.data["organization_id"] == [world.org_a.pk, world.org_b.pk]


def test_reassign_refuses_an_organization_that_already_has_the_directive(world):
    case = world.case(state="declined")
    services.case_create(
        directive=case.directive,
        organization=world.org_b,
        role="supporting",
        actor=world.coordinator,
    )
    before = snapshot(case.pk)
    with pytest.raises(InvalidInput) as error:
        services.case_reassign(
            case=case, actor=world.coordinator, reason="x", organization=world.org_b
        )
    assert error.value.field_errors == {
        "organization": ["Dinas B sudah memiliki kasus untuk arahan ini."]
    }
    assert snapshot(case.pk) == before


# --- evidence contract ---------------------------------------------------------------------


def test_report_checks_the_evidence_contract(world):
    # given a type that needs two photos and one PDF, and a case with one photo
    kind = DirectiveTypeFactory(code="drainase", evidence_contract={"photo": 2, "document": 1})
    case = world.case(state="in_progress", directive_type=kind)
    services.case_add_evidence(
        case=case, actor=world.officer, file=upload(jpeg_bytes(), "sebelum.jpg")
    )
    before = snapshot(case.pk)
    # when the officer reports, it is refused with what is missing
    with pytest.raises(InvalidInput) as error:
        services.case_report(case=case, actor=world.officer, summary="Selesai")
    assert error.value.field_errors == {
        "evidence": [
            "Bukti belum lengkap. Masih diperlukan: 2 foto (baru 1), 1 dokumen PDF (baru 0)."
        ]
    }
    assert snapshot(case.pk) == before
    # and once the contract is met, the report goes through
    services.case_add_evidence(
        case=case, actor=world.officer, file=upload(jpeg_bytes((0, 200, 0)), "sesudah.jpg")
    )
    services.case_add_evidence(
        case=case, actor=world.officer, file=upload(pdf_bytes(), "berita-acara.pdf")
    )
    case = services.case_report(case=case, actor=world.officer, summary="Selesai")
    assert (case.status, case.progress) == ("reported", 100)


def test_evidence_is_stored_with_its_hash_and_an_event(world):
    case = world.case(state="in_progress")
    data = jpeg_bytes()
    evidence = services.case_add_evidence(
        case=case,
        actor=world.officer,
        file=upload(data, "../../etc/passwd.jpg"),
        note="Foto lokasi",
    )
    import hashlib

    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.original_name == "passwd.jpg"
    assert evidence.file.name.startswith(f"evidence/{case.pk}/")
    assert ".." not in evidence.file.name
    assert evidence.file.read() == data
    event = CaseEvent.objects.filter(case=case).latest("sequence")
    assert (event.kind, event.data["sha256"]) == ("evidence", evidence.sha256)


def test_the_same_file_twice_is_refused(world):
    case = world.case(state="in_progress")
    services.case_add_evidence(case=case, actor=world.officer, file=upload(jpeg_bytes(), "a.jpg"))
    before = snapshot(case.pk)
    with pytest.raises(InvalidInput):
        services.case_add_evidence(
            case=case, actor=world.officer, file=upload(jpeg_bytes(), "a-lagi.jpg")
        )
    assert snapshot(case.pk) == before
    assert Evidence.objects.filter(case=case).count() == 1


def test_evidence_from_another_organization_is_refused_and_no_file_is_left(world, settings):
    case = world.case(state="in_progress")
    with pytest.raises(ActionForbidden):
        services.case_add_evidence(
            case=case, actor=world.other_officer, file=upload(jpeg_bytes(), "a.jpg")
        )
    import pathlib

    folder = pathlib.Path(settings.MEDIA_ROOT) / "evidence" / str(case.pk)
    assert not folder.exists() or not any(folder.iterdir())


def test_evidence_on_a_closed_case_is_refused(world):
    case = world.case(state="closed")
    with pytest.raises(TransitionNotAllowed):
        services.case_add_evidence(
            case=case, actor=world.officer, file=upload(jpeg_bytes(), "a.jpg")
        )


# --- progress -------------------------------------------------------------------------------


def test_progress_update(world):
    case = world.case(state="in_progress")
    before = snapshot(case.pk)
    services.case_add_progress(
        case=case, actor=world.officer, percent="45", note="Separuh saluran dikeruk."
    )
    after = snapshot(case.pk)
    assert Case.objects.get(pk=case.pk).progress == 45
    assert (after["events"], after["history"]) == (before["events"] + 1, before["history"] + 1)


@pytest.mark.parametrize("percent", ["-1", "101", "abc", "", None, "4.5"])
def test_progress_rejects_bad_percentages(world, percent):
    case = world.case(state="in_progress")
    before = snapshot(case.pk)
    with pytest.raises(InvalidInput) as error:
        services.case_add_progress(case=case, actor=world.officer, percent=percent, note="x")
    assert list(error.value.field_errors) == ["percent"]
    assert snapshot(case.pk) == before
    assert not ProgressUpdate.objects.filter(case=case).exists()


def test_progress_by_auditor_is_refused(world):
    case = world.case(state="in_progress")
    with pytest.raises(ActionForbidden):
        services.case_add_progress(case=case, actor=world.auditor, percent=10, note="x")


# --- Rakor and directives ------------------------------------------------------------------


def test_a_closed_rakor_takes_no_new_directive_or_case(world):
    directive = world.directive()
    rakor = services.rakor_close(rakor=world.rakor, actor=world.coordinator)
    assert rakor.status == "closed"
    with pytest.raises(TransitionNotAllowed):
        services.directive_create(
            rakor=rakor, actor=world.coordinator, title="x", text="y", directive_type=world.kind
        )
    with pytest.raises(TransitionNotAllowed):
        services.case_create(
            directive=directive, organization=world.org_a, role="lead", actor=world.coordinator
        )


def test_only_coordinators_capture_rakor(world):
    with pytest.raises(ActionForbidden):
        services.rakor_create(
            actor=world.head,
            series=world.series,
            title="x",
            date=date(2026, 2, 25),
            place="p",
            chair="c",
        )


def test_fan_out_creates_one_case_per_organization_and_dispatches(world):
    directive = world.directive()
    with clock.frozen(wib(2026, 1, 29, 10)):
        cases = services.directive_fan_out(
            directive=directive,
            actor=world.coordinator,
            lead=[world.org_a],
            supporting=[world.org_b, world.org_a, world.kelurahan],
            dispatch=True,
        )
    assert [(c.organization, c.role, c.status) for c in cases] == [
        (world.org_a, "lead", "assigned"),
        (world.org_b, "supporting", "assigned"),
        (world.kelurahan, "supporting", "assigned"),
    ]


def test_fan_out_is_all_or_nothing(world):
    directive = world.directive()
    world.org_b.is_active = False
    world.org_b.save()
    with pytest.raises(InvalidInput):
        services.directive_fan_out(
            directive=directive,
            actor=world.coordinator,
            lead=[world.org_a],
            supporting=[world.org_b],
        )
    assert not Case.objects.filter(directive=directive).exists()


# --- concurrency (optimistic protection; the threaded PostgreSQL race is in its own test) -----


def test_a_stale_instance_cannot_overwrite_a_newer_state(world):
    # given two copies of the same assigned case
    case = world.case(state="assigned")
    stale = Case.objects.get(pk=case.pk)
    services.case_accept(case=case, actor=world.officer)
    # when the stale copy is declined and saved directly, bypassing the service's lock
    stale.decline(at=clock.now())
    # then ConcurrentTransitionMixin refuses the save
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        stale.save()
    assert Case.objects.get(pk=case.pk).status == "in_progress"


def test_concurrent_change_is_reported_as_a_domain_error(world, monkeypatch):
    # given a service whose locked read is stale (as a lost race would leave it)
    case = world.case(state="assigned")
    from cases import locks

    real_lock = locks.lock_case

    def stale_lock(case_id):
        copy = real_lock(case_id)
        Case.objects.filter(pk=case_id).update(status="in_progress")  # the other writer
        return copy

    monkeypatch.setattr(services, "lock_case", stale_lock)
    before_events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(ConcurrentChange):
        services.case_decline(case=case, actor=world.officer, reason="bukan tugas kami")
    assert CaseEvent.objects.filter(case=case).count() == before_events


def test_stale_expected_version_is_refused_and_changes_nothing(world):
    from cases.errors import StaleVersion

    case = world.case(state="assigned")
    before = snapshot(case.pk)
    with pytest.raises(StaleVersion):
        services.case_accept(case=case, actor=world.officer, expected_version=case.version - 1)
    assert snapshot(case.pk) == before
    accepted = services.case_accept(case=case, actor=world.officer, expected_version=case.version)
    assert accepted.version == case.version + 1
    with pytest.raises(StaleVersion):
        services.case_add_progress(
            case=case, actor=world.officer, percent=5, note="x", expected_version=case.version
        )
