from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from cases.demo.loader import DEMO_PASSWORD, load_demo
from cases.management.commands.load_demo import DEMO_LOGINS
from cases.models import Case, CaseEvent, Directive, Organization, OrganizationKind, Rakor


def all_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_twice_gives_the_same_counts(db):
    load_demo()
    first = all_counts()
    load_demo()
    assert all_counts() == first


def test_demo_has_what_the_issue_asks_for(db):
    counts = load_demo()
    assert counts["areas"] == 35  # kota + 5 kecamatan + 29 kelurahan
    assert Rakor.objects.count() == 2
    january = Rakor.objects.get(date="2026-01-28")
    assert january.directives.count() >= 10
    assert Case.objects.filter(directive__rakor=january).count() >= 15
    organizations = Organization.objects.filter(cases__directive__rakor=january).distinct()
    assert organizations.count() >= 8
    assert organizations.filter(kind=OrganizationKind.PARTNER).count() >= 2
    december = Rakor.objects.get(date="2025-12-17")
    december_states = set(
        Case.objects.filter(directive__rakor=december).values_list("status", flat=True)
    )
    assert {"closed", "in_progress", "assigned"} <= december_states
    assert all(d.source_sentence for d in Directive.objects.all())


def test_demo_histories_were_made_by_the_services(db):
    load_demo()
    # every case has a creation event, and one event per history row, in step
    for case in Case.objects.all():
        events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
        rows = list(Case.history.filter(id=case.pk).order_by("history_date", "history_id"))
        assert events[0].kind == "created"
        assert len(events) == len(rows)
        assert rows[-1].status == case.status
        assert [e.created_at for e in events] == [r.history_date for r in rows]


def test_every_demo_login_works(db):
    load_demo()
    for username, _label in DEMO_LOGINS:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username


def test_load_demo_command_prints_the_logins(db, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "koordinator" in out and DEMO_PASSWORD in out
