"""Hostile input: password guessing, forged requests, markup in text fields, production
settings. (Hostile uploads are in tests/cases/test_evidence.py.)"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from cases import services
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)  # fmt: skip


def test_password_guessing_is_locked_out(db, throttled):
    # given a user, and somebody guessing their password from one address
    UserFactory(username="dpuprpkp.staf", password="benar-sekali-123")
    client = Client()
    for _ in range(4):
        assert _login(client, "dpuprpkp.staf", "tebakan").status_code == 200
    # the fifth failure locks the pair out at once
    assert _login(client, "dpuprpkp.staf", "tebakan").status_code == 429
    # when the next attempt comes, even with the right password
    response = _login(client, "dpuprpkp.staf", "benar-sekali-123")
    # then it is refused with a clear message, and no session is made
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # while the same user from another address, and other users, still get in
    other = Client()
    assert _login(other, "dpuprpkp.staf", "benar-sekali-123", ip="10.0.0.2").status_code == 302


def test_a_good_login_resets_the_count(db, throttled):
    UserFactory(username="dishub.staf", password="benar-sekali-123")
    client = Client()
    for _ in range(4):
        _login(client, "dishub.staf", "salah")
    assert _login(client, "dishub.staf", "benar-sekali-123").status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "dishub.staf", "salah")
    assert _login(client, "dishub.staf", "benar-sekali-123").status_code == 302


def test_a_post_without_csrf_token_is_refused(db):
    UserFactory(username="u1", password="benar-sekali-123")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "u1", "password": "benar-sekali-123"})
    assert response.status_code == 403


def test_every_post_form_in_the_templates_carries_a_csrf_token():
    forms = 0
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        for match in re.finditer(r"<form[^>]*method=[\"']post[\"'][^>]*>(.*?)</form>", text,
                                 flags=re.I | re.S):  # fmt: skip
            forms += 1
            assert "csrf_token" in match.group(1), f"{template}: a POST form without csrf_token"
    assert forms >= 2


SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_markup_in_text_fields_is_escaped_where_it_is_shown(client, world):
    # given a case whose every text a user can type carries markup
    directive = world.directive(title=f"Arahan {SCRIPT}", text=f"Isi {SCRIPT}", speaker_name=SCRIPT)
    case = services.case_create(
        directive=directive,
        organization=world.org_a,
        role="lead",
        actor=world.coordinator,
        instructions=SCRIPT,
    )
    case = services.case_dispatch(case=case, actor=world.coordinator)
    services.case_decline(case=case, actor=world.officer, reason=f"Alasan {SCRIPT}")
    client.force_login(world.coordinator)
    # when the pages that show them are rendered
    for url in (
        reverse("kasus:index") + "?tampil=all",
        reverse("kasus:detail", args=[case.pk]),
        reverse("tugas:index"),
    ):
        body = client.get(url).content.decode()
        # then the markup is shown as text, never as markup
        assert "<script>alert" not in body, url
        assert "onerror=alert" not in body.replace("onerror=alert(1)&gt;", ""), url
        assert "&lt;script&gt;" in body, url


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "tindaklanjut.example.go.id",
        "CSRF_TRUSTED_ORIGINS": "https://tindaklanjut.example.go.id",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
