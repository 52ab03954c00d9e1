"""The coordinator's and the auditor's pages in real headless Chromium (Playwright for
Python, Debian's /usr/bin/chromium, same launch and skip logic as test_officer_day).

- a coordinator captures a Rakor with two directives, fans them out and dispatches them;
- the dashboard's numbers are the database's;
- the board as of a date before a transition shows the old state;
- an auditor sees no write action anywhere.

Screenshots go to docs/screenshots/ (shown in the README). Expectations are read from the
database before the browser opens: no ORM call runs while Playwright's loop does.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.browser.test_officer_day import CHROMIUM, chromium, log_in, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not __import__("os").path.exists(CHROMIUM),
        reason=f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)",
    ),
]

ALLOWED_POST_ACTIONS = {"/i18n/setlang/", "/accounts/logout/", "/audit/integritas/", ""}


@pytest.fixture
def demo(transactional_db):
    from cases.demo.loader import load_demo

    load_demo()


def test_coordinator_captures_a_rakor_with_two_directives_and_dispatches_them(live_server, demo):
    from cases.models import Case, CaseStatus, DirectiveType, Rakor

    drainage = DirectiveType.objects.get(code="normalisasi-drainase").name
    patrol = DirectiveType.objects.get(code="patroli").name
    base = live_server.url

    with chromium() as page:
        log_in(page, base, "koordinator")
        page.goto(f"{base}/rapat/baru/")
        page.fill("#id_title", "Rakor Tim Terpadu Maret 2026")
        page.fill("#id_date", "2026-03-25")
        page.fill("#id_place", "Ruang Rapat Bakesbangpol")
        page.fill("#id_chair", "Sekretaris Daerah Kota Probolinggo")
        page.select_option("#id_mode", "hybrid")
        page.fill("#id_attendees", "Bakesbangpol\nDPUPRPKP\nDLH\nSatpol PP\nPolres")
        page.fill("#id_minutes", "Rakor membahas genangan di Kademangan dan patroli malam.")
        page.fill("#id_arahan-0-title", "Normalisasi saluran Jl. Brantas")
        page.fill("#id_arahan-0-text", "Normalisasi saluran Jl. Brantas sebelum musim hujan.")
        page.select_option("#id_arahan-0-directive_type", label=drainage)
        page.fill("#id_arahan-0-speaker_name", "Sekretaris Daerah")
        page.fill("#id_arahan-1-title", "Patroli malam di Kademangan")
        page.fill("#id_arahan-1-text", "Tingkatkan patroli malam di wilayah Kademangan.")
        page.select_option("#id_arahan-1-directive_type", label=patrol)
        shoot(page, "07-rakor-capture.png")
        with page.expect_navigation():
            page.get_by_test_id("capture-submit").click()
        assert "Rakor dicatat dengan 2 arahan." in page.locator(".tl-messages").inner_text()
        assert page.get_by_test_id("rakor-status").inner_text() == "Draf"

        with page.expect_navigation():
            page.get_by_test_id("mark-held").click()
        assert page.get_by_test_id("rakor-status").inner_text() == "Terlaksana"

        # fan each directive out with the defaults of its type (lead and supporting)
        for index in range(2):
            card = page.locator("[data-directive]").nth(index)
            card.locator('details[data-action="fan-out"] summary').click()
            with page.expect_navigation():
                card.locator("form button[type=submit]").click()
        assert page.locator('[data-testid="case-status"]').all_inner_texts() == ["Draf"] * 3

        # dispatch the three drafts at once
        with page.expect_navigation():
            page.get_by_test_id("dispatch-all").click()
        results = page.get_by_test_id("bulk-results").inner_text()
        assert "3 berhasil, 0 tidak dijalankan" in results
        statuses = page.locator('[data-testid="case-status"]').all_inner_texts()
        assert statuses == ["Didisposisikan"] * 3
        shoot(page, "08-rakor-dispatched.png")

    rakor = Rakor.objects.get(title="Rakor Tim Terpadu Maret 2026")
    cases = Case.objects.filter(directive__rakor=rakor)
    assert sorted(cases.values_list("organization__code", "role", "status")) == [
        ("dlh", "supporting", CaseStatus.ASSIGNED),
        ("dpuprpkp", "lead", CaseStatus.ASSIGNED),
        ("satpol-pp", "lead", CaseStatus.ASSIGNED),
    ]
    assert all(case.due_at is not None for case in cases)


def test_dashboard_numbers_match_the_database(live_server, demo):
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q

    from cases import clock, selectors
    from cases.models import CLOCK_STATES, OPEN_STATES, CaseStatus

    coordinator = get_user_model().objects.get(username="koordinator")
    now = clock.now()
    cases = selectors.cases_visible_to(coordinator)
    expected = cases.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATES)),
        overdue=Count("pk", filter=Q(status__in=CLOCK_STATES, due_at__lt=now)),
        reported=Count("pk", filter=Q(status=CaseStatus.REPORTED)),
    )
    per_org = {
        str(row["organization_id"]): (str(row["open"]), str(row["overdue"]))
        for row in cases.values("organization_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_STATES)),
            overdue=Count("pk", filter=Q(status__in=CLOCK_STATES, due_at__lt=now)),
        )
        .filter(open__gt=0)
    }
    assert expected["overdue"] > 0  # the demo has overdue cases: the check means something

    with chromium() as page:
        log_in(page, live_server.url, "koordinator")
        page.goto(f"{live_server.url}/dasbor/")
        for name in ("total", "open", "overdue", "reported"):
            assert page.get_by_test_id(f"kpi-{name}").inner_text() == str(expected[name]), name
        rows = page.locator('[data-testid="by-organization"] tr[data-org]')
        shown = {
            rows.nth(i).get_attribute("data-org"): (
                rows.nth(i).locator('[data-col="open"]').inner_text(),
                rows.nth(i).locator('[data-col="overdue"]').inner_text(),
            )
            for i in range(rows.count())
        }
        assert shown == per_org
        for chart in ("chart-organizations", "chart-ageing", "chart-trend", "map"):
            assert page.get_by_test_id(chart).is_visible(), chart
        assert page.locator("[data-testid=map] g[data-area]").count() == 34  # 5 + 29
        shoot(page, "06-dashboard.png")

        page.goto(f"{live_server.url}/verifikasi/")
        shoot(page, "09-verification-queue.png")


def test_board_as_of_a_date_before_a_transition_shows_the_old_state(live_server, demo):
    from cases.calendar import WIB
    from cases.models import CaseEvent, CaseStatus

    # a case accepted on some day after the day it was created: the board of the day before
    # the acceptance shows it as it was then (Didisposisikan)
    event = (
        CaseEvent.objects.filter(transition="accept")
        .select_related("case")
        .order_by("created_at")
        .last()
    )
    day_before = (event.created_at.astimezone(WIB) - timedelta(days=1)).date()
    assert event.case.created_at.astimezone(WIB).date() <= day_before
    old_label = str(CaseStatus(event.from_status).label)
    now_label = str(CaseStatus(event.case.status).label)
    case_id = event.case_id

    with chromium() as page:
        log_in(page, live_server.url, "auditor")
        page.goto(f"{live_server.url}/audit/papan/?pada={day_before:%Y-%m-%d}")
        row = page.locator(f'[data-testid="board"] tr[data-case="{case_id}"]')
        assert row.get_by_test_id("asof-status").inner_text() == old_label
        assert f"{day_before:%d}" in page.get_by_test_id("board-moment").inner_text()
        shoot(page, "10-board-as-of.png")
        # today, the same case shows its current status
        page.goto(f"{live_server.url}/audit/papan/")
        row = page.locator(f'[data-testid="board"] tr[data-case="{case_id}"]')
        assert row.get_by_test_id("asof-status").inner_text() == now_label
        # the Rakor list links each past meeting to its board
        page.goto(f"{live_server.url}/rapat/")
        link = page.get_by_test_id("asof-link").first
        with page.expect_navigation():
            link.click()
        assert "/audit/papan/?pada=" in page.url


def test_auditor_sees_no_write_action_anywhere(live_server, demo):
    from cases.models import Case, CaseEvent, Rakor
    from cases.sweep import run_sweep

    run_sweep()  # as `make run` does: the overdue demo cases get their escalations
    from cases import audit

    audit.record_root()  # today's daily root, shown (and checked) on the integrity page
    case = Case.objects.filter(events__kind="escalated").order_by("pk").first()
    rakor = Rakor.objects.order_by("-date").first()
    before = (CaseEvent.objects.count(), sorted(Case.objects.values_list("pk", "version")))
    base = live_server.url
    pages = [
        "/tugas/", "/kasus/", f"/kasus/{case.pk}/", "/rapat/", f"/rapat/{rakor.pk}/",
        "/dasbor/", "/audit/", f"/audit/kasus/{case.pk}/", "/audit/papan/",
        "/audit/integritas/", "/notifikasi/",
    ]  # fmt: skip

    with chromium() as page:
        log_in(page, base, "auditor")
        for url in pages:
            page.goto(base + url)
            actions = page.eval_on_selector_all(
                "form",
                "forms => forms.filter(f => f.method.toLowerCase() === 'post')"
                ".map(f => f.getAttribute('action') || '')",
            )
            unexpected = [a for a in actions if a not in ALLOWED_POST_ACTIONS]
            assert unexpected == [], (url, unexpected)
            assert page.locator("[data-testid=actions]").count() == 0, url
            assert (
                page.get_by_text(re.compile("^(Jalankan|Sebar ke OPD|Catat rakor)$")).count() == 0
            )
        page.goto(f"{base}/audit/kasus/{case.pk}/")
        assert page.locator(".tl-badge--system").count() >= 1  # the sweep's rule, by name
        shoot(page, "11-audit-timeline.png")
        page.goto(f"{base}/audit/integritas/")
        with page.expect_navigation():
            page.locator('[data-testid="integrity-form"] button').click()
        verdict = page.get_by_test_id("integrity-result").inner_text()
        assert re.search(r"Utuh — \d+ kasus, \d+ peristiwa, dan \d+ baris riwayat", verdict)
        shoot(page, "12-integrity.png")
        # the coordinator's pages answer 403
        response = page.goto(f"{base}/verifikasi/")
        assert response.status == 403

    assert (CaseEvent.objects.count(), sorted(Case.objects.values_list("pk", "version"))) == before
