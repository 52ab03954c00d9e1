"""The officer's day in real headless Chromium (Playwright for Python, /usr/bin/chromium).

An officer logs in, sees the inbox, accepts, posts progress with a photo and reports done;
the coordinator verifies; an auditor sees the case and has no action. Screenshots of the
key pages go to docs/screenshots/ (shown in the README).

Never ``playwright install``: the browser is Debian's chromium (.ci/run installs it).
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)",
    ),
]


@contextmanager
def chromium():
    """A page in headless Chromium. No ORM call may run while it is open: Playwright's sync
    API keeps an event loop running in this thread, and Django would open (and leave open)
    another database connection for it."""
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests skipped: Playwright is not installed"
    )
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def site_photo() -> bytes:
    """A made-up photo of a cleaned drain, so the thumbnail shows something."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (135, 190, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 1200, 800), fill=(120, 150, 95))
    draw.polygon([(430, 800), (770, 800), (640, 430), (560, 430)], fill=(95, 95, 100))
    draw.polygon([(520, 800), (680, 800), (615, 470), (585, 470)], fill=(70, 120, 160))
    draw.ellipse((950, 80, 1080, 210), fill=(250, 220, 90))
    for x in (120, 300, 900, 1050):
        draw.rectangle((x, 300, x + 18, 440), fill=(90, 60, 40))
        draw.ellipse((x - 50, 200, x + 68, 320), fill=(40, 120, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "rakor2026")
    page.click("form.tl-login button[type=submit]")
    page.wait_for_url(f"{base}/tugas/")


def act(page, action: str, fields: dict[str, str] | None = None, files=None) -> None:
    """Open an action of the case page, fill its form and submit it."""
    block = page.locator(f'details[data-action="{action}"]')
    block.locator("summary").click()
    for name, value in (fields or {}).items():
        block.locator(f'[name="{action}-{name}"]').fill(value)
    if files:
        block.locator(f'[name="{action}-file"]').set_input_files(files)
    with page.expect_navigation():
        block.locator("button[type=submit]").click()


@pytest.fixture
def demo_case(transactional_db):
    """The demo city, plus a new joint directive dispatched to DPUPRPKP (lead) and DLH."""
    from django.contrib.auth import get_user_model

    from cases import services
    from cases.demo.loader import load_demo
    from cases.models import DirectiveType, Organization, Rakor, RakorStatus

    load_demo()
    coordinator = get_user_model().objects.get(username="koordinator")
    rakor = Rakor.objects.exclude(status=RakorStatus.CLOSED).order_by("-date").first()
    directive = services.directive_create(
        rakor=rakor,
        actor=coordinator,
        title="Kerja bakti saluran Jl. Mastrip",
        text=(
            "Bersihkan saluran air di sepanjang Jl. Mastrip bersama warga sebelum musim "
            "hujan, dan laporkan hasilnya dengan foto."
        ),
        directive_type=DirectiveType.objects.get(code="kerja-bakti"),
        speaker_name="Sekretaris Daerah",
        speaker_office="Sekda Kota Probolinggo",
    )
    lead, _support = services.directive_fan_out(
        directive=directive,
        actor=coordinator,
        lead=[Organization.objects.get(code="dpuprpkp")],
        supporting=[Organization.objects.get(code="dlh")],
        dispatch=True,
    )
    return lead


def test_officer_accepts_reports_with_photo_coordinator_verifies_auditor_reads(
    live_server, demo_case, tmp_path
):
    from cases.models import CaseStatus
    from workflows.selectors import disagreements

    with chromium() as page:
        walk_through_the_day(page, live_server.url, demo_case, tmp_path)

    demo_case.refresh_from_db()
    assert demo_case.status == CaseStatus.CLOSED
    assert disagreements() == []


def walk_through_the_day(page, base: str, case, tmp_path) -> None:
    case_url = f"{base}/kasus/{case.pk}/"
    photo = tmp_path / "saluran-mastrip.jpg"
    photo.write_bytes(site_photo())

    # the officer's inbox: the new task, with its deadline and working days left
    log_in(page, base, "dpuprpkp.staf")
    row = page.locator(f'tr[data-case="{case.pk}"]')
    assert row.locator(".tl-task").inner_text() == "Tanggapi disposisi"
    assert "hari kerja lagi" in row.inner_text()
    shoot(page, "01-inbox.png")

    # accept
    row.locator(".tl-task").click()
    page.wait_for_url(case_url)
    act(page, "accept")
    assert page.get_by_test_id("status").inner_text() == "Dalam Proses"
    assert "Tugas terbuka: Kerjakan dan laporkan" in page.get_by_test_id("open-task").inner_text()

    # progress with a photo
    act(page, "progress", {"percent": "60", "note": "Saluran sepanjang 300 m sudah dikeruk."})
    assert "Kemajuan dicatat." in page.locator(".tl-messages").inner_text()
    act(page, "evidence", {"note": "Saluran setelah dibersihkan"}, files=str(photo))
    assert "Bukti diunggah." in page.locator(".tl-messages").inner_text()
    thumbnail = page.get_by_test_id("evidence").locator("img")
    thumbnail.wait_for()
    assert thumbnail.evaluate("img => img.naturalWidth") == 320
    shoot(page, "02-case-page.png")

    # report done
    act(page, "report", {"summary": "Kerja bakti selesai bersama 40 warga; saluran lancar."})
    assert page.get_by_test_id("status").inner_text() == "Dilaporkan Selesai"
    assert page.locator('details[data-action="report"]').count() == 0

    # the coordinator verifies from their inbox
    log_in(page, base, "koordinator")
    page.locator(f'tr[data-case="{case.pk}"] .tl-task').click()
    page.wait_for_url(case_url)
    page.locator('details[data-action="verify"] summary').click()
    shoot(page, "03-verify.png")
    with page.expect_navigation():
        page.locator('details[data-action="verify"] button[type=submit]').click()
    assert page.get_by_test_id("status").inner_text() == "Selesai"

    # the auditor reads everything and may do nothing
    log_in(page, base, "auditor")
    page.goto(case_url)
    assert page.get_by_test_id("status").inner_text() == "Selesai"
    assert page.get_by_test_id("actions").count() == 0
    assert page.get_by_test_id("no-actions").is_visible()
    assert page.locator("form.tl-form").count() == 0
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "Dilaporkan Selesai → Selesai" in timeline
    shoot(page, "04-auditor.png")

    # the English switch
    page.locator("form.tl-lang button").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("status").inner_text() == "Closed"
    shoot(page, "05-english.png")
