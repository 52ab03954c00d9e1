"""Auditors read everything and change nothing: no write form on any page, and every write
URL refuses them without a trace in the database."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cases.models import Case, CaseEvent, Directive, Notification, Rakor
from cases.permissions import TRANSITION_RULES
from tests.factories import World

# POST forms an auditor may see: the language switch, signing out, and the integrity check
# (which only reads the record).
ALLOWED_POST_ACTIONS = {"/i18n/setlang/", "/accounts/logout/", "/audit/integritas/", ""}


def post_forms(html: str) -> list[str]:
    """The action of every POST form on the page."""
    forms = re.findall(r"<form\b[^>]*>", html, flags=re.IGNORECASE)
    actions = []
    for tag in forms:
        if not re.search(r'method=["\']?post', tag, flags=re.IGNORECASE):
            continue
        match = re.search(r'action=["\']([^"\']*)["\']', tag)
        actions.append(match.group(1) if match else "")
    return actions


@pytest.fixture
def record(world: World):
    cases = {
        "draft": world.case(world.org_a, state="draft"),
        "assigned": world.case(world.org_a, state="assigned"),
        "in_progress": world.case(world.org_a, state="in_progress"),
        "reported": world.case(world.org_a, state="reported"),
        "closed": world.case(world.org_a, state="closed"),
    }
    return cases


def snapshot() -> tuple:
    return (
        sorted(Case.objects.values_list("pk", "version", "status")),
        CaseEvent.objects.count(),
        Case.history.model.objects.count(),
        Rakor.objects.count(),
        sorted(Rakor.objects.values_list("pk", "status")),
        Directive.objects.count(),
        sorted(Notification.objects.values_list("pk", "read_at")),
    )


def test_auditor_sees_no_write_action_on_any_page(client, world: World, record):
    # given
    client.force_login(world.auditor)
    case = record["reported"]
    pages = [
        reverse("tugas:index"),
        reverse("kasus:index"),
        reverse("kasus:detail", args=[case.pk]),
        reverse("rapat:index"),
        reverse("rapat:detail", args=[world.rakor.pk]),
        reverse("dasbor:index"),
        reverse("audit:index"),
        reverse("audit:case", args=[case.pk]),
        reverse("audit:board"),
        reverse("audit:integrity"),
        reverse("notifikasi:index"),
    ]
    for url in pages:
        # when
        response = client.get(url)
        # then
        assert response.status_code == 200, url
        html = response.content.decode()
        unexpected = [a for a in post_forms(html) if a not in ALLOWED_POST_ACTIONS]
        assert unexpected == [], (url, unexpected)
        assert "Jalankan" not in html and "Sebar ke OPD" not in html, url
    integrity = client.get(reverse("audit:integrity")).content.decode()
    assert post_forms(integrity).count("") == 1  # the "Periksa sekarang" form posts to itself
    # and the coordinator-only pages are closed to them
    assert client.get(reverse("verifikasi:index")).status_code == 403
    assert client.get(reverse("rapat:new")).status_code == 403


def test_every_write_url_refuses_an_auditor_and_changes_nothing(client, world: World, record):
    # given
    client.force_login(world.auditor)
    notification = Notification.objects.create(
        recipient=world.officer, kind="x", key="x:1", title="Milik staf",
        created_at=record["draft"].created_at, send_after=record["draft"].created_at,
    )  # fmt: skip
    directive = record["draft"].directive
    before = snapshot()
    writes: list[tuple[str, dict]] = [
        (reverse("rapat:new"), {"series": world.series.pk, "title": "X", "date": "2026-03-01",
                                "place": "P", "chair": "C", "mode": "luring",
                                "arahan-TOTAL_FORMS": "0", "arahan-INITIAL_FORMS": "0"}),
        (reverse("rapat:held", args=[world.rakor.pk]), {}),
        (reverse("rapat:fan_out", args=[directive.pk]),
         {f"d{directive.pk}-lead": [world.org_b.pk], f"d{directive.pk}-priority": "normal"}),
        (reverse("notifikasi:read", args=[notification.pk]), {}),
    ]  # fmt: skip
    for action in ("verify", "verify_ongoing", "send_back", "remind", "dispatch"):
        writes.append(
            (
                reverse("verifikasi:bulk"),
                {"aksi": action, "kasus": [c.pk for c in record.values()], "catatan": "x"},
            )
        )
    # every transition each case's state allows (a transition the state does not allow is
    # answered "Sudah dilakukan" before anyone's permission is asked: not a write either)
    for case in record.values():
        allowed = {t.name for t in case.get_available_status_transitions()}
        for name in (n for n in TRANSITION_RULES if n in allowed):
            writes.append(
                (
                    reverse("kasus:action", args=[case.pk, name]),
                    {f"{name}-version": case.version, f"{name}-reason": "x",
                     f"{name}-summary": "x"},
                )
            )  # fmt: skip
    for url, data in writes:
        # when
        response = client.post(url, data)
        # then
        assert response.status_code in (403, 404), (url, response.status_code)
    assert snapshot() == before


def test_other_roles_get_only_their_pages(client, world: World, record):
    client.force_login(world.officer)
    assert client.get(reverse("notifikasi:index")).status_code == 200
    for name in ("dasbor:index", "audit:index", "audit:board", "audit:integrity", "rapat:index",
                 "verifikasi:index"):  # fmt: skip
        assert client.get(reverse(name)).status_code == 403, name
    assert client.post(reverse("audit:integrity")).status_code == 403
    client.force_login(world.leadership)
    assert client.get(reverse("dasbor:index")).status_code == 200
    assert client.get(reverse("verifikasi:index")).status_code == 403
    client.logout()
    response = client.get(reverse("dasbor:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
