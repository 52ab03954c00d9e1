"""The coordinator's and the auditor's pages: dashboard numbers and query counts, the board
as of a moment, the activity log, exports, the verification queue's bulk actions, the Rakor
pages, notifications and the integrity check."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse

from cases import clock, services
from cases.models import Case, CaseEvent, CaseStatus, EventKind, Notification, Rakor
from tests.factories import World, wib
from web import exports, queries

NOW = wib(2026, 2, 10, 9)


@pytest.fixture
def frozen_now():
    with clock.frozen(NOW):
        yield NOW


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def make_board(world: World):
    """Five cases, one in each interesting state; on 10 Feb 2026 two are overdue (the deadline
    of a case dispatched on 29 Jan is 5 Feb 16:00)."""
    return {
        "in_progress": world.case(world.org_a, state="in_progress"),
        "assigned": world.case(world.org_b, state="assigned"),
        "reported": world.case(world.org_a, state="reported"),
        "closed": world.case(world.org_a, state="closed"),
        "draft": world.case(world.org_b, state="draft"),
    }


# --- dashboard --------------------------------------------------------------------------------


def test_dashboard_numbers_match_the_database(client, world: World, frozen_now):
    # given
    cases = make_board(world)
    client.force_login(world.coordinator)
    # when
    response = client.get(reverse("dasbor:index"))
    # then
    assert response.status_code == 200
    data = response.context["data"]
    assert data["totals"]["total"] == 5
    assert data["totals"]["open"] == 4  # draft, assigned, in progress, reported
    assert data["totals"]["overdue"] == 2
    assert data["totals"]["status_reported"] == 1
    by_org = {row["organization__short_name"]: (row["open"], row["overdue"]) for row in
              data["by_organization"]}  # fmt: skip
    assert by_org == {"Dinas A": (2, 1), "Dinas B": (2, 1)}
    # both overdue cases are 4–5 calendar days late (deadline 5 Feb 16:00): bucket "4–7"
    assert data["ageing"] == [("1–3", 0), ("4–7", 2), ("8–14", 0), ("15–30", 0), ("> 30", 0)]
    assert [c.pk for c in data["most_overdue"]] == sorted(
        [cases["in_progress"].pk, cases["assigned"].pk]
    )
    assert data["trend"][-1][0] == date(2026, 2, 1)
    assert sum(d for _m, d, _f in data["trend"]) == 4  # four cases were dispatched
    assert sum(f for _m, _d, f in data["trend"]) == 1  # one closed
    html = response.content.decode()
    assert 'data-testid="kpi-overdue">2<' in html
    assert "<svg" in html and 'data-testid="map"' in html


def test_dashboard_filters_and_bad_filters(client, world: World, frozen_now):
    # given
    make_board(world)
    client.force_login(world.auditor)
    # when
    only_b = client.get(reverse("dasbor:index"), {"organisasi": world.org_b.pk})
    nonsense = client.get(
        reverse("dasbor:index"),
        {"organisasi": "x' OR 1=1", "rakor": "999999", "status": "<b>", "kelompok": "?"},
    )
    # then
    assert only_b.context["data"]["totals"]["total"] == 2
    assert nonsense.status_code == 200
    assert nonsense.context["data"]["totals"]["total"] == 5
    assert len(nonsense.context["filters"].errors) == 4
    assert "<b>" not in nonsense.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_dashboard_query_count_is_constant(
    client, world: World, frozen_now, django_assert_num_queries, count
):
    # given
    for _ in range(count):
        world.case(world.org_a, state="in_progress")
        world.case(world.org_b, state="assigned")
    client.force_login(world.coordinator)
    client.get(reverse("dasbor:index"))  # warm caches (content types, site)
    cache.clear()
    # then: session, user, the record stamp, the ten queries of web.queries.dashboard (count
    # per status, open totals with ageing, by organization, by kecamatan, escalation levels,
    # dispatched and finished per month, per area, the areas, the most overdue), the three
    # filter lists, the menu's membership line (the coordinator's membership and its
    # organization), the bell
    with django_assert_num_queries(19):
        response = client.get(reverse("dasbor:index"))
    assert response.context["data"]["totals"]["total"] == 2 * count
    # and again, nothing changed: the ten aggregates come from the cache
    with django_assert_num_queries(9):
        again = client.get(reverse("dasbor:index"))
    assert again.context["data"]["totals"] == response.context["data"]["totals"]


def test_dashboard_cache_counts_a_change_at_once(client, world: World, frozen_now):
    # given: a reported case, the dashboard seen (and cached)
    case = world.case(world.org_a, state="reported")
    client.force_login(world.coordinator)
    before = client.get(reverse("dasbor:index")).context["data"]["totals"]
    # when: the coordinator verifies it, in the same minute
    services.case_verify(case=case, actor=world.coordinator)
    after = client.get(reverse("dasbor:index")).context["data"]["totals"]
    # then: the dashboard counts it closed at once, not a minute later
    assert (before["status_reported"], before["status_closed"], before["open"]) == (1, 0, 1)
    assert (after["status_reported"], after["status_closed"], after["open"]) == (0, 1, 0)


def test_dashboard_cache_counts_a_deadline_passing_without_any_write(client, world: World):
    # given: an in-progress case whose deadline is 5 Feb 16:00 WIB (make_board's dates)
    world.case(world.org_a, state="in_progress")
    client.force_login(world.coordinator)
    url = reverse("dasbor:index")
    with clock.frozen(wib(2026, 2, 5, 15, 59)):
        before = client.get(url).context["data"]["totals"]["overdue"]
    # when: the clock passes the deadline and nothing is written
    with clock.frozen(wib(2026, 2, 5, 16, 1)):
        after = client.get(url).context["data"]["totals"]["overdue"]
    # then
    assert (before, after) == (0, 1)


def test_dashboard_cache_keeps_each_filter_apart(client, world: World, frozen_now):
    # given
    make_board(world)
    client.force_login(world.coordinator)
    # when: the whole board, then one organization, then the whole board again
    whole = client.get(reverse("dasbor:index")).context["data"]["totals"]["total"]
    only_b = client.get(reverse("dasbor:index"), {"organisasi": world.org_b.pk})
    whole_again = client.get(reverse("dasbor:index")).context["data"]["totals"]["total"]
    # then
    assert (whole, only_b.context["data"]["totals"]["total"], whole_again) == (5, 2, 5)


def test_dashboard_exports_csv_and_xlsx(client, world: World, frozen_now):
    # given
    cases = make_board(world)
    client.force_login(world.coordinator)
    # when
    listing = client.get(reverse("dasbor:index"), {"ekspor": "csv"})
    per_org = client.get(reverse("dasbor:index"), {"ekspor": "xlsx", "tabel": "organisasi"})
    # then
    assert listing["Content-Type"] == "text/csv; charset=utf-8"
    text = body(listing).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "Nomor"
    assert sorted(int(r[0]) for r in rows[1:]) == sorted(c.pk for c in cases.values())
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(per_org.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Organisasi", "Kelompok", "Terbuka", "Terlambat"]
    assert sorted(values[1:]) == [["Dinas A", "Pemkot", 2, 1], ["Dinas B", "Pemkot", 2, 1]]


def test_export_defuses_formulas_and_caps_xlsx(settings, monkeypatch):
    # given
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 3)
    # when
    response = exports.xlsx_response("x", ["a"], ([f"=1+{i}"] for i in range(10)))
    # then
    from openpyxl import load_workbook

    values = [row[0].value for row in load_workbook(io.BytesIO(response.content)).active.rows]
    assert values[:4] == ["a", "'=1+0", "'=1+1", "'=1+2"]
    assert values[4].startswith("Dibatasi: hanya 3 baris pertama")
    assert response["X-Export-Truncated"] == "3"


# --- the board as of a moment -----------------------------------------------------------------


def test_board_as_of_shows_the_state_before_a_transition(client, world: World):
    # given a case dispatched on 29 Jan, accepted on 2 Feb, escalated nowhere
    case = world.case(world.org_a, state="assigned")
    with clock.frozen(wib(2026, 2, 2, 10)):
        services.case_accept(case=case, actor=world.officer)
    later = world.case(world.org_b, state="assigned", at=wib(2026, 2, 3, 10))
    client.force_login(world.auditor)
    with clock.frozen(NOW):
        # when
        before = client.get(reverse("audit:board"), {"pada": "2026-01-30"})
        after = client.get(reverse("audit:board"), {"pada": "2026-02-02T11:00"})
        now = client.get(reverse("audit:board"))
    # then
    assert [(r.id, r.status) for r, _o in before.context["rows"]] == [(case.pk, "assigned")]
    assert before.context["counts"]["total"] == 1
    assert [(r.id, r.status) for r, _o in after.context["rows"]] == [(case.pk, "in_progress")]
    statuses = {r.id: r.status for r, _o in now.context["rows"]}
    assert statuses == {case.pk: "in_progress", later.pk: "assigned"}
    # the later case's deadline (10 Feb 16:00) has not passed at 09:00
    assert now.context["counts"]["overdue"] == 1
    assert "Didisposisikan" in before.content.decode()


def test_board_as_of_filters_apply_to_the_old_snapshot(world: World):
    # given: on 30 Jan the case was assigned; today it is in progress
    case = world.case(world.org_a, state="assigned")
    with clock.frozen(wib(2026, 2, 2, 10)):
        services.case_accept(case=case, actor=world.officer)
    at = wib(2026, 1, 30, 23)
    # when
    assigned = queries.board_rows(
        user=world.auditor, at=at, filters=queries.CaseFilters(status="assigned")
    )
    in_progress = queries.board_rows(
        user=world.auditor, at=at, filters=queries.CaseFilters(status="in_progress")
    )
    # then
    assert [r.id for r in assigned] == [case.pk]
    assert list(in_progress) == []
    counts = queries.board_counts(
        user=world.auditor, at=at, filters=queries.CaseFilters(status="assigned")
    )
    assert (counts["total"], counts["status_assigned"], counts["overdue"]) == (1, 1, 0)
    assert counts == queries.snapshot_counts(assigned, at)


@pytest.mark.parametrize("count", [2, 12])
def test_board_as_of_query_count_is_constant(
    client, world: World, django_assert_num_queries, count
):
    # given
    for _ in range(count):
        world.case(world.org_a, state="in_progress")
    client.force_login(world.auditor)
    url = reverse("audit:board")
    client.get(url, {"pada": "2026-02-01"})
    # then: session, user, the two aggregates (total, overdue, per status: cases unchanged
    # since, then snapshots of the changed ones), the page of rows, the meetings before that
    # date, the three filter lists, the bell, the menu's membership line
    with django_assert_num_queries(11):
        response = client.get(url, {"pada": "2026-02-01"})
    assert len(response.context["rows"]) == count


def test_board_bad_moments_are_messages_not_errors(client, world: World):
    world.case(world.org_a, state="assigned")
    client.force_login(world.auditor)
    for value in (
        "kemarin",
        "2026-13-45",
        "9999-12-31",
        "2026-02-30T25:99",
        "0001-01-01",
        "0001-01-01T01:00",
        "9999-12-31T23:59",
        "2026-02-01T10:00" + "x" * 5000,
    ):
        response = client.get(reverse("audit:board"), {"pada": value})
        assert response.status_code == 200, value
    response = client.get(reverse("audit:board"), {"pada": "kemarin"})
    assert "tidak valid" in response.content.decode()


def test_board_export_csv(client, world: World):
    case = world.case(world.org_a, state="assigned")
    client.force_login(world.auditor)
    response = client.get(reverse("audit:board"), {"pada": "2026-01-30", "ekspor": "csv"})
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8").lstrip("\ufeff"))))
    assert [r[0] for r in rows[1:]] == [str(case.pk)]
    assert rows[1][3] == "Didisposisikan"


# --- the auditor's timeline and the activity log ----------------------------------------------


def test_case_audit_timeline_shows_field_diffs_who_when_why_and_the_rule(client, world: World):
    # given a case that went overdue and was escalated by the sweep
    from cases.models import EscalationRule
    from cases.sweep import run_sweep

    EscalationRule.objects.create(
        level=1, name="Kepala OPD", working_days_after_deadline=0, notify_org_head=True
    )
    case = world.case(world.org_a, state="in_progress")
    with clock.frozen(wib(2026, 2, 20, 9)):
        run_sweep(now=wib(2026, 2, 20, 9))
    client.force_login(world.auditor)
    # when
    response = client.get(reverse("audit:case", args=[case.pk]))
    # then
    assert response.status_code == 200
    rows = response.context["rows"]
    accept = next(r for r in rows if r["event"] and r["event"].transition == "accept")
    assert ("status", "Didisposisikan", "Dalam Proses") in [
        (str(label), old, new) for label, old, new in accept["changes"]
    ]
    escalations = [r for r in rows if r["event"] and r["event"].kind == EventKind.ESCALATED]
    assert escalations and all(r["system"] for r in escalations)
    html = response.content.decode()
    assert escalations[0]["event"].actor_label in html
    assert "<del>" in html and "<ins>" in html


def test_activity_log_filters(client, world: World):
    # given
    a = world.case(world.org_a, state="in_progress")
    world.case(world.org_b, state="assigned")
    client.force_login(world.auditor)
    url = reverse("audit:index")
    # when / then: by organization
    events = client.get(url, {"organisasi": world.org_a.pk}).context["page"].object_list
    assert {e.case_id for e in events} == {a.pk}
    # by user
    events = client.get(url, {"pengguna": world.officer.username}).context["page"].object_list
    assert [(e.case_id, e.transition) for e in events] == [(a.pk, "accept")]
    # by kind and date range
    response = client.get(url, {"jenis": "created", "dari": "2026-01-29", "sampai": "2026-01-29"})
    assert response.context["page"].paginator.count == 2
    response = client.get(url, {"dari": "2026-02-01"})
    assert response.context["page"].paginator.count == 0
    # bad input: a message, not a 500
    response = client.get(url, {"pengguna": "tidak-ada", "dari": "31/02/2026", "jenis": "x"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    for edge in ("0001-01-01", "9999-12-31", "1-1-1", "x" * 5000):
        assert client.get(url, {"dari": edge, "sampai": edge}).status_code == 200, edge[:20]


@pytest.mark.parametrize("count", [2, 10])
def test_activity_log_query_count_is_constant(
    client, world: World, django_assert_num_queries, count
):
    for _ in range(count):
        world.case(world.org_a, state="in_progress")
    client.force_login(world.auditor)
    client.get(reverse("audit:index"))
    # session, user, the count, the page (events with case, organization, actor), the
    # organizations of the filter, the bell, the menu's membership line
    with django_assert_num_queries(7):
        response = client.get(reverse("audit:index"))
    assert len(response.context["page"].object_list) == 3 * count


# --- the verification queue -------------------------------------------------------------------


def test_bulk_verify_reports_a_result_per_item(client, world: World):
    # given two reported cases; the second changes after the page was rendered
    first = world.case(world.org_a, state="reported")
    second = world.case(world.org_a, state="reported")
    stale_version = second.version
    services.case_verify(case=second, actor=world.coordinator)
    client.force_login(world.coordinator)
    # when
    response = client.post(
        reverse("verifikasi:bulk"),
        {
            "aksi": "verify",
            "kasus": [first.pk, second.pk, 999999],
            f"versi-{first.pk}": first.version,
            f"versi-{second.pk}": stale_version,
        },
    )
    # then
    assert response.status_code == 302
    results = client.get(response.url).context["results"]
    assert [(item["case"], item["ok"]) for item in results["items"]] == [
        (first.pk, True),
        (second.pk, False),
        (999999, False),
    ]
    assert results["items"][0]["text"] == "diverifikasi selesai"
    assert "sudah berubah" in results["items"][1]["text"]
    assert results["items"][2]["text"] == "tidak ditemukan"
    first.refresh_from_db()
    assert first.status == CaseStatus.CLOSED


def test_bulk_send_back_needs_a_reason_and_changes_nothing_without(client, world: World):
    case = world.case(world.org_a, state="reported")
    client.force_login(world.coordinator)
    client.post(reverse("verifikasi:bulk"), {"aksi": "send_back", "kasus": [case.pk]})
    case.refresh_from_db()
    assert case.status == CaseStatus.REPORTED
    client.post(
        reverse("verifikasi:bulk"),
        {"aksi": "send_back", "kasus": [case.pk], "catatan": "Foto kurang jelas."},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_bulk_remind_notifies_once_a_day(client, world: World, django_capture_on_commit_callbacks):
    # given
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.coordinator)
    data = {"aksi": "remind", "tampil": "terlambat", "kasus": [case.pk], "catatan": "Segera."}
    # when
    with clock.frozen(NOW), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("verifikasi:bulk"), data)
        again = client.post(reverse("verifikasi:bulk"), data)
    # then
    results = client.get(again.url).context["results"]
    assert results["items"] == [
        {"case": case.pk, "ok": False, "text": "Kasus ini sudah diingatkan hari ini."}
    ]
    reminders = CaseEvent.objects.filter(case=case, kind=EventKind.REMINDED)
    assert [(e.actor_id, e.reason, e.data) for e in reminders] == [
        (world.coordinator.pk, "Segera.", {"manual": True})
    ]
    titles = set(Notification.objects.filter(case=case, kind="reminded").values_list(
        "recipient__username", "title"))  # fmt: skip
    assert titles == {
        (name, f"Pengingat dari koordinator: batas waktu 05-02-2026 — {case.title}")
        for name in ("officer_a", "head_a")
    }


def test_queue_shows_reported_cases_with_evidence_thumbnails(client, world: World):
    from tests.factories import jpeg_bytes, upload

    case = world.case(world.org_a, state="in_progress")
    evidence = services.case_add_evidence(
        case=case, actor=world.officer, file=upload(jpeg_bytes(), "foto.jpg")
    )
    services.case_report(case=case, actor=world.officer, summary="Selesai.")
    client.force_login(world.coordinator)
    response = client.get(reverse("verifikasi:index"))
    html = response.content.decode()
    assert reverse("kasus:thumbnail", args=[case.pk, evidence.pk]) in html
    assert [c.pk for c in response.context["page"].object_list] == [case.pk]


# --- Rakor pages ------------------------------------------------------------------------------


def test_capture_a_rakor_with_two_directives_fan_out_and_dispatch(client, world: World):
    # given
    client.force_login(world.coordinator)
    form = {
        "series": world.series.pk,
        "title": "Rakor Februari 2026",
        "date": "2026-02-25",
        "place": "Ruang Rapat Bakesbangpol",
        "chair": "Sekretaris Daerah",
        "mode": "hybrid",
        "attendees": "Dinas A\nDinas B",
        "minutes": "Notulen singkat.",
        "arahan-TOTAL_FORMS": "3",
        "arahan-INITIAL_FORMS": "0",
        "arahan-0-title": "Bersihkan saluran",
        "arahan-0-text": "Bersihkan saluran sebelum musim hujan.",
        "arahan-0-directive_type": world.kind.pk,
        "arahan-1-title": "Patroli malam",
        "arahan-1-text": "Tingkatkan patroli malam.",
        "arahan-1-directive_type": world.kind.pk,
    }
    # when
    with clock.frozen(wib(2026, 2, 25, 10)):
        created = client.post(reverse("rapat:new"), form)
        rakor = Rakor.objects.get(title="Rakor Februari 2026")
        client.post(reverse("rapat:held", args=[rakor.pk]))
        directives = list(rakor.directives.order_by("number"))
        for directive in directives:
            client.post(
                reverse("rapat:fan_out", args=[directive.pk]),
                {f"d{directive.pk}-lead": [world.org_a.pk],
                 f"d{directive.pk}-supporting": [world.org_b.pk],
                 f"d{directive.pk}-priority": "high"},
            )  # fmt: skip
        drafts = list(Case.objects.filter(directive__rakor=rakor).order_by("pk"))
        dispatched = client.post(
            reverse("verifikasi:bulk"),
            {"aksi": "dispatch", "rakor": rakor.pk, "kasus": [c.pk for c in drafts],
             **{f"versi-{c.pk}": c.version for c in drafts}},
        )  # fmt: skip
    # then
    assert created.status_code == 302
    assert [d.title for d in directives] == ["Bersihkan saluran", "Patroli malam"]
    assert dispatched.url == reverse("rapat:detail", args=[rakor.pk])
    statuses = list(Case.objects.filter(directive__rakor=rakor).values_list("status", "role"))
    assert sorted(statuses) == [("assigned", "lead")] * 2 + [("assigned", "supporting")] * 2
    page = client.get(dispatched.url)
    assert page.context["results"]["done"] == 4


def test_capture_with_a_half_filled_directive_saves_nothing(client, world: World):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("rapat:new"),
        {"series": world.series.pk, "title": "Rakor X", "date": "2026-02-31", "place": "P",
         "chair": "C", "mode": "luring", "arahan-TOTAL_FORMS": "1", "arahan-INITIAL_FORMS": "0",
         "arahan-0-title": "Hanya judul"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not Rakor.objects.filter(title="Rakor X").exists()
    html = response.content.decode()
    assert "Tanggal tidak valid." in html
    assert "Isi arahan wajib diisi." in html


def test_fan_out_to_an_organization_that_already_has_the_case_is_a_form_error(client, world: World):
    case = world.case(world.org_a, state="draft")
    client.force_login(world.coordinator)
    directive = case.directive
    response = client.post(
        reverse("rapat:fan_out", args=[directive.pk]),
        {f"d{directive.pk}-lead": [world.org_a.pk], f"d{directive.pk}-priority": "normal"},
    )
    assert response.status_code == 400
    assert "sudah memiliki kasus" in response.content.decode()
    assert Case.objects.filter(directive=directive).count() == 1


def test_rakor_list_links_each_past_meeting_to_its_board(client, world: World):
    client.force_login(world.auditor)
    response = client.get(reverse("rapat:index"))
    html = response.content.decode()
    assert f"{reverse('audit:board')}?pada=2026-01-28" in html
    assert reverse("rapat:new") not in html


# --- notifications ----------------------------------------------------------------------------


def _notify(user, title, case=None):
    return Notification.objects.create(
        recipient=user, case=case, kind="test", key=f"test:{title}:{user.pk}", title=title,
        created_at=NOW, send_after=NOW,
    )  # fmt: skip


def test_notifications_mark_one_and_all_read(client, world: World):
    case = world.case(world.org_a, state="assigned")
    one = _notify(world.officer, "Satu", case)
    _notify(world.officer, "Dua")
    _notify(world.other_officer, "Bukan milikmu")
    client.force_login(world.officer)
    page = client.get(reverse("notifikasi:index"))
    assert [n.title for n in page.context["page"].object_list] == ["Dua", "Satu"]
    assert 'data-testid="bell-count">2<' in page.content.decode()
    opened = client.post(reverse("notifikasi:read", args=[one.pk]), {"buka": "1"})
    assert opened.url == reverse("kasus:detail", args=[case.pk])
    one.refresh_from_db()
    assert one.read_at is not None
    client.post(reverse("notifikasi:read_all"))
    assert Notification.objects.filter(recipient=world.officer, read_at__isnull=True).count() == 0
    other = Notification.objects.get(title="Bukan milikmu")
    assert client.post(reverse("notifikasi:read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


# --- integrity --------------------------------------------------------------------------------


def test_integrity_check_says_intact_then_names_the_first_break(client, world: World):
    # given
    case = world.case(world.org_a, state="in_progress")
    from cases import audit

    with clock.frozen(NOW):
        audit.record_root()
    client.force_login(world.auditor)
    assert "Periksa sekarang" in client.get(reverse("audit:integrity")).content.decode()
    # when
    intact = client.post(reverse("audit:integrity"))
    # then
    assert intact.context["result"]["ok"] is True
    assert intact.context["result"]["cases"] == 1
    assert "Utuh" in intact.content.decode()
    # when the record is rewritten behind the services' back
    event = CaseEvent.objects.get(case=case, sequence=2)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        with connection.cursor() as cursor:
            cursor.execute("UPDATE cases_caseevent SET reason = 'diubah' WHERE id = %s", [event.pk])
        broken = client.post(reverse("audit:integrity"))
        transaction.set_rollback(True)
    # then
    result = broken.context["result"]
    assert result["ok"] is False
    assert (
        str(result["first_break"]) == f"kasus #{case.pk}, event 2: isi tidak cocok dengan hash-nya"
    )
    # the daily root holds the chains' stored heads: an edit that leaves the hashes alone is
    # found by recomputing the chain; the root catches a consistent rewrite of the hashes
    assert [ok for _root, ok in result["roots"]] == [True]


def test_board_counts_agree_with_the_history(db):
    """``board_counts`` counts cases unchanged since the moment from their own row; that must
    give exactly what the snapshots in the history table give, at every moment the demo's
    record changed (and just before it), for every reader and with filters."""
    from datetime import timedelta

    from accounts.models import User
    from cases.demo.loader import load_demo
    from cases.models import Organization

    load_demo()
    moments = sorted(set(Case.history.model.objects.values_list("history_date", flat=True)))
    assert len(moments) > 50
    readers = [
        User.objects.get(username=name)
        for name in ("auditor", "dpuprpkp.staf", "kec-wonoasih.staf", "polres.staf")
    ]
    organization = Organization.objects.get(code="dpuprpkp")
    variants = [
        queries.CaseFilters(),
        queries.CaseFilters(status="in_progress"),
        queries.CaseFilters(overdue_only=True),
        queries.CaseFilters(organization=organization),
    ]
    checked = 0
    for moment in moments[::3]:
        for at in (moment - timedelta(microseconds=1), moment):
            for reader in readers:
                for filters in variants:
                    expected = queries.snapshot_counts(
                        queries.board_rows(user=reader, at=at, filters=filters), at
                    )
                    assert queries.board_counts(user=reader, at=at, filters=filters) == expected
                    checked += 1
    assert checked >= 600


def test_meeting_options_read_as_the_template_loop_did():
    # given: meetings on many months, a long title with markup, the second one selected
    from types import SimpleNamespace

    from django.template import Context, Template
    from django.utils import translation

    meetings = [
        SimpleNamespace(pk=pk, date=day, title=title)
        for pk, day, title in [
            (7, date(2026, 1, 28), "Rakor Tim Terpadu Penanganan Konflik Sosial Januari 2026"),
            (5, date(2025, 12, 3), "<b>Rakor</b> " + "panjang sekali " * 6),
            (4, date(2025, 5, 9), "Mei & Agustus"),
            (3, date(2024, 8, 17), "Agustus"),
        ]
    ]
    loop = Template(
        '{% for m in meetings %}<option value="{{ m.pk }}"{% if selected.pk == m.pk %} selected'
        '{% endif %}>{{ m.date|date:"d M Y" }} · {{ m.title|truncatechars:40 }}</option>'
        "{% endfor %}"
    )
    tag = Template("{% load web_tags %}{% meeting_options meetings selected %}")
    for language in ("id", "en"):
        for selected in (meetings[1], None):
            with translation.override(language):
                context = Context({"meetings": meetings, "selected": selected})
                # when / then: the same text, escaped the same way
                assert tag.render(context) == loop.render(context)
    with translation.override("id"):
        html = tag.render(Context({"meetings": meetings, "selected": meetings[1]}))
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<option value="5" selected>03 Des 2025' in html
    assert "17 Agu 2024" in html
