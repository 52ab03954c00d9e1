import pytest
from django.urls import reverse

from cases import clock
from tests.factories import wib


@pytest.fixture
def frozen_now():
    with clock.frozen(wib(2026, 2, 10, 9)):
        yield


def test_login_required(client, db):
    response = client.get(reverse("kasus:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_my_cases_shows_own_cases_with_overdue_marker(client, world, frozen_now):
    mine = world.case(world.org_a, state="in_progress")  # due 5 Feb: overdue on 10 Feb
    theirs = world.case(world.org_b, state="assigned")
    client.force_login(world.officer)
    response = client.get(reverse("kasus:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert mine.title in body
    assert theirs.title not in body
    assert "Terlambat" in body
    assert "Dalam Proses" in body


def test_my_cases_overdue_filter(client, world, frozen_now):
    world.case(world.org_a, state="in_progress")
    client.force_login(world.coordinator)
    response = client.get(reverse("kasus:index"), {"tampil": "overdue"})
    assert response.context["page"].paginator.count == 1
    response = client.get(reverse("kasus:index"), {"tampil": "<script>"})
    assert response.status_code == 200
    assert response.context["chosen"] == "open"


def test_case_detail_is_404_for_a_case_the_user_may_not_see(client, world):
    case = world.case(world.org_b, state="assigned")
    client.force_login(world.officer)
    assert client.get(reverse("kasus:detail", args=[case.pk])).status_code == 404
    client.force_login(world.other_officer)
    assert client.get(reverse("kasus:detail", args=[case.pk])).status_code == 200


def test_case_detail_shows_timeline_and_only_the_users_actions(client, world):
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.auditor)
    response = client.get(reverse("kasus:detail", args=[case.pk]))
    assert response.context["actions"] == []
    assert response.context["work"] == {}
    client.force_login(world.officer)
    response = client.get(reverse("kasus:detail", args=[case.pk]))
    assert [action["name"] for action in response.context["actions"]] == ["report"]
    assert list(response.context["work"]) == [
        "progress",
        "evidence",
        "request_hold",
        "request_extension",
    ]
    assert len(response.context["events"]) == 3


def test_english_switch(client, world):
    client.force_login(world.officer)
    response = client.get(reverse("kasus:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_pages_answer_for_every_demo_user(client, db):
    from cases.demo.loader import load_demo
    from cases.management.commands.load_demo import DEMO_LOGINS

    load_demo()
    for username, _label in DEMO_LOGINS:
        assert client.login(username=username, password="rakor2026"), username
        response = client.get(reverse("kasus:index"))
        assert response.status_code == 200, username
    response = client.get("/admin/")
    assert response.status_code == 200
