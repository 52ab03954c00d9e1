"""Minutes → drafts → directives and cases, through the services."""

from pathlib import Path

import pytest

from cases import clock
from cases.demo import scenario
from cases.errors import ActionForbidden, InvalidInput
from cases.models import CaseStatus, Directive
from rakor import services
from rakor.models import DraftDirective, DraftStatus, MinutesImport
from tests.factories import wib

DEMO_MINUTES = Path(__file__).resolve().parents[2] / "rakor" / "demo" / "minutes-2026-01-28.txt"


def test_the_demo_january_rakor_is_recreated_from_its_minutes(city, january):
    # given
    coordinator = city["users"]["koordinator"]
    # when
    with clock.frozen(wib(2026, 1, 29, 10)):
        imported = services.minutes_import(
            rakor=january, actor=coordinator, data=DEMO_MINUTES.read_bytes()
        )
        services.drafts_accept_rest(minutes_import=imported, actor=coordinator, dispatch=True)
    # then: the same directives as the demo's (type and lead offices), in minutes order
    made = list(Directive.objects.filter(rakor=january).order_by("number"))
    expected = scenario.JANUARY["directives"]
    assert len(made) == len(expected) == 14
    got = sorted(
        (
            d.directive_type.code,
            tuple(sorted(c.organization.code for c in d.cases.filter(role="lead"))),
        )
        for d in made
    )
    want = sorted(
        (
            d["type"],
            tuple(sorted(code for code, (role, _s) in d["cases"].items() if role == "lead")),
        )
        for d in expected
    )
    assert got == want
    assert {c.status for d in made for c in d.cases.all()} == {CaseStatus.ASSIGNED}
    assert made[0].source_sentence.startswith("Wali Kota meminta OPD terkait segera")
    assert imported.drafts.filter(status=DraftStatus.ACCEPTED).count() == 14


def test_a_draft_is_edited_then_accepted_and_another_dropped(city, january):
    # given
    coordinator = city["users"]["koordinator"]
    orgs = city["orgs"]
    text = (
        "Dishub diminta memasang PJU di wilayah selatan paling lambat 27 Februari 2026.\n"
        "DLH agar mengangkut sampah di Kelurahan Jati."
    )
    with clock.frozen(wib(2026, 1, 29, 10)):
        imported = services.minutes_import(rakor=january, actor=coordinator, data=text)
        first, second = imported.drafts.order_by("sequence")
        # when
        services.draft_update(
            draft=first,
            actor=coordinator,
            title="PJU wilayah selatan",
            text=first.text,
            directive_type=city["types"]["pemasangan-pju"],
            lead=[orgs["dishub"]],
            supporting=[orgs["dpuprpkp"]],
            areas=[city["areas"]["35.74.02"]],
            due=first.due,
        )
        services.draft_accept(draft=first, actor=coordinator, dispatch=True)
        services.draft_drop(draft=second, actor=coordinator)
    # then
    directive = Directive.objects.get(rakor=january)
    assert directive.title == "PJU wilayah selatan"
    cases = {c.organization.code: c for c in directive.cases.all()}
    assert set(cases) == {"dishub", "dpuprpkp"}
    assert cases["dishub"].due_at == wib(2026, 2, 27, 16)
    assert DraftDirective.objects.get(pk=second.pk).status == DraftStatus.DROPPED
    assert Directive.objects.filter(rakor=january).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "Notulen kosong"),
        (b"\x00\x01\x02binary", "bukan teks"),
        ("x" * (200 * 1024 + 10), "terlalu besar"),
        ("The meeting asked the police to patrol the market at night, every day.", "Bahasa"),
    ],
)
def test_bad_minutes_are_refused_and_nothing_is_created(city, january, data, message):
    with pytest.raises(InvalidInput, match=message):
        services.minutes_import(rakor=january, actor=city["users"]["koordinator"], data=data)
    assert MinutesImport.objects.count() == 0
    assert DraftDirective.objects.count() == 0


def test_only_a_coordinator_imports(city, january):
    with pytest.raises(ActionForbidden):
        services.minutes_import(
            rakor=january, actor=city["users"]["auditor"], data="Dishub diminta memasang PJU."
        )
    assert MinutesImport.objects.count() == 0


def test_bulk_accept_is_all_or_nothing(city, january):
    # given a draft with no lead (its lead removed)
    coordinator = city["users"]["koordinator"]
    text = "Dishub diminta memasang PJU.\nDLH agar mengangkut sampah di saluran."
    with clock.frozen(wib(2026, 1, 29, 10)):
        imported = services.minutes_import(rakor=january, actor=coordinator, data=text)
        imported.drafts.get(sequence=2).lead.clear()
        # when / then
        with pytest.raises(InvalidInput, match="belum punya OPD pengampu"):
            services.drafts_accept_rest(minutes_import=imported, actor=coordinator)
    assert Directive.objects.count() == 0
    assert imported.drafts.filter(status=DraftStatus.PENDING).count() == 2


def test_import_minutes_command_prints_json_and_saves_nothing_on_dry_run(city, january, capsys):
    import json

    from django.core.management import call_command

    call_command("import_minutes", str(DEMO_MINUTES), "--rakor", str(january.pk), "--dry-run")
    printed = json.loads(capsys.readouterr().out)
    assert len(printed["drafts"]) == 14
    assert printed["drafts"][0]["lead"] == ["dpuprpkp"]
    assert printed["drafts"][0]["due"] == "2026-02-04"
    assert MinutesImport.objects.count() == 0


def test_minutes_with_too_many_directives_are_refused(city, january):
    text = "Dishub diminta memasang PJU.\n" * 301
    with pytest.raises(InvalidInput, match="paling banyak 300"):
        services.minutes_import(rakor=january, actor=city["users"]["koordinator"], data=text)
    assert MinutesImport.objects.count() == 0


def test_admins_edit_what_the_parser_knows(city, january):
    # given: an admin maps a new keyword to Satpol PP and switches off the alias "PU"
    from rakor.models import KeywordRule, OrganizationAlias

    KeywordRule.objects.create(
        phrase="tempat hiburan malam", organization_code="satpol-pp", weight=3
    )
    OrganizationAlias.objects.filter(alias="PU").update(is_active=False)
    # when
    parsed = services.minutes_parse(
        rakor=january,
        data="Rapat menyepakati agar tempat hiburan malam ditertibkan.\n"
        "PU diminta menguras saluran di Jl Mawar.",
    )
    # then
    first, second = parsed["drafts"]
    assert first["lead"] == ["satpol-pp"]
    assert "“tempat hiburan malam”" in first["organization_reasons"]["satpol-pp"]
    # "PU" no longer names an office: the lead comes from the duties map instead
    assert second["lead"] == ["dpuprpkp"]
    assert "“PU”" not in second["organization_reasons"]["dpuprpkp"]


def test_draft_edits_leave_history_with_who_and_why(city, january):
    coordinator = city["users"]["koordinator"]
    with clock.frozen(wib(2026, 1, 29, 10)):
        imported = services.minutes_import(
            rakor=january, actor=coordinator, data="Dishub diminta memasang PJU."
        )
        draft = imported.drafts.get()
        services.draft_drop(draft=draft, actor=coordinator)
    reasons = list(
        draft.history.order_by("history_id").values_list("history_change_reason", "history_user")
    )
    # (setting the draft's offices writes one more row, as simple-history does for m2m)
    assert reasons[0] == ("Draf dibaca dari notulen", coordinator.pk)
    assert reasons[-1] == ("Draf dibuang", coordinator.pk)
    assert {user for _reason, user in reasons} == {coordinator.pk}
