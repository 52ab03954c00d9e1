"""Load the Probolinggo demo: reference data, users, two meetings and their histories.

Idempotent: reference rows are created or corrected (nothing is written when they already
match), users are created once, and a meeting whose (series, number) exists is skipped.
Every case step is played through cases.services under a back-dated clock.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, ImageDraw

from accounts.models import GlobalRole, User

from .. import clock, notifications, services
from ..calendar import WIB
from ..models import (
    Area,
    AreaAlias,
    AreaLevel,
    Case,
    Directive,
    DirectiveType,
    EscalationRule,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    OrganizationName,
    Rakor,
    RakorSeries,
)
from . import reference, scenario

DEMO_PASSWORD = "rakor2026"

# (username, first name, last name, global role, organization code or None, membership role)
GLOBAL_USERS = [
    ("admin", "Admin", "Sistem", GlobalRole.ADMIN, None, None),
    (
        "koordinator",
        "Koordinator",
        "Bakesbangpol",
        GlobalRole.COORDINATOR,
        "bakesbangpol",
        MembershipRole.OFFICER,
    ),
    (
        "bakesbangpol.kepala",
        "Kepala",
        "Bakesbangpol",
        GlobalRole.COORDINATOR,
        "bakesbangpol",
        MembershipRole.HEAD,
    ),
    ("auditor", "Auditor", "Inspektorat", GlobalRole.AUDITOR, None, None),
    ("sekda", "Sekretaris", "Daerah", GlobalRole.LEADERSHIP, None, None),
]


def kecamatan_code(name: str) -> str:
    return f"kec-{slugify(name)}"


def kelurahan_code(name: str) -> str:
    return f"kel-{slugify(name)}"


def wib(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)


def upsert(model: type, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """Create the row, or correct it; write nothing (and no history) when it already matches."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = "Data demo"
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj._change_reason = "Data demo"
        obj.save(update_fields=changed)
    return obj


# --- reference data ----------------------------------------------------------------------------


def load_areas() -> dict[str, Area]:
    areas: dict[str, Area] = {}
    kota_code, kota_name = reference.KOTA
    areas[kota_code] = upsert(
        Area, {"code": kota_code}, {"name": kota_name, "level": AreaLevel.KOTA, "parent": None}
    )
    for kec_code, kec_name, kelurahan in reference.AREAS:
        kec = upsert(
            Area,
            {"code": kec_code},
            {"name": kec_name, "level": AreaLevel.KECAMATAN, "parent": areas[kota_code]},
        )
        areas[kec_code] = kec
        for alias in reference.KECAMATAN_ALIASES.get(kec_name, []):
            upsert(AreaAlias, {"area": kec, "alias": alias}, {})
        for suffix, name, aliases in kelurahan:
            code = f"{kec_code}.{suffix}"
            kel = upsert(
                Area, {"code": code}, {"name": name, "level": AreaLevel.KELURAHAN, "parent": kec}
            )
            areas[code] = kel
            for alias in aliases:
                upsert(AreaAlias, {"area": kel, "alias": alias}, {})
    return areas


def load_organizations(areas: dict[str, Area]) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for code, short, name, kind, work_week, duties in reference.ORGANIZATIONS:
        orgs[code] = upsert(
            Organization,
            {"code": code},
            {
                "short_name": short,
                "name": name,
                "kind": kind,
                "work_week": work_week,
                "duties": duties,
                "parent": None,
                "area": None,
            },
        )
    for code, names in reference.ORGANIZATION_NAMES.items():
        for sequence, (short, name) in enumerate(names, start=1):
            upsert(
                OrganizationName,
                {"organization": orgs[code], "sequence": sequence},
                {"short_name": short, "name": name},
            )
    for kec_code, kec_name, kelurahan in reference.AREAS:
        kec = upsert(
            Organization,
            {"code": kecamatan_code(kec_name)},
            {
                "short_name": f"Kec. {kec_name}",
                "name": f"Kecamatan {kec_name}",
                "kind": OrganizationKind.KECAMATAN,
                "work_week": 5,
                "parent": None,
                "area": areas[kec_code],
                "duties": "Kerja bakti, edukasi warga, pos kamling, pembinaan RT/RW dan Linmas.",
            },
        )
        orgs[kec.code] = kec
        for suffix, name, _aliases in kelurahan:
            kel = upsert(
                Organization,
                {"code": kelurahan_code(name)},
                {
                    "short_name": f"Kel. {name}",
                    "name": f"Kelurahan {name}",
                    "kind": OrganizationKind.KELURAHAN,
                    "work_week": 5,
                    "parent": kec,
                    "area": areas[f"{kec_code}.{suffix}"],
                    "duties": "Kerja bakti, edukasi warga, pos kamling, RT/RW dan Linmas.",
                },
            )
            orgs[kel.code] = kel
    for code, short, name in reference.PARTNERS:
        orgs[code] = upsert(
            Organization,
            {"code": code},
            {
                "short_name": short,
                "name": name,
                "kind": OrganizationKind.PARTNER,
                "work_week": 7,
                "parent": None,
                "area": None,
                "duties": "",
            },
        )
    return orgs


def load_directive_types(orgs: dict[str, Organization]) -> dict[str, DirectiveType]:
    types: dict[str, DirectiveType] = {}
    for code, name, lead, supporting, days, contract in reference.DIRECTIVE_TYPES:
        kind = upsert(
            DirectiveType,
            {"code": code},
            {
                "name": name,
                "default_lead": orgs[lead] if lead else None,
                "default_working_days": days,
                "evidence_contract": contract,
            },
        )
        wanted = {orgs[c].pk for c in supporting}
        if set(kind.default_supporting.values_list("pk", flat=True)) != wanted:
            kind.default_supporting.set(wanted)
        types[code] = kind
    return types


def load_escalation_rules() -> None:
    for level, name, days, head, coordinators, leadership, agenda in reference.ESCALATION_RULES:
        upsert(
            EscalationRule,
            {"level": level},
            {
                "name": name,
                "working_days_after_deadline": days,
                "notify_org_head": head,
                "notify_coordinators": coordinators,
                "notify_leadership": leadership,
                "add_to_agenda": agenda,
            },
        )


# --- users ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def demo_password_hash() -> str:
    # Hashed once: PBKDF2 per user would make the demo take seconds per dozen accounts.
    return make_password(DEMO_PASSWORD)


def ensure_user(username: str, first: str, last: str, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            is_staff=role == GlobalRole.ADMIN,
            is_superuser=role == GlobalRole.ADMIN,
            password=demo_password_hash(),
        )
        user.save()
    return user


def ensure_membership(user: User, organization: Organization, role: str) -> None:
    upsert(
        Membership, {"user": user, "organization": organization}, {"role": role, "is_active": True}
    )


HEAD_TITLES = {
    OrganizationKind.KECAMATAN: "Camat",
    OrganizationKind.KELURAHAN: "Lurah",
}


def org_users(organization: Organization) -> tuple[User, User]:
    """``<code>.staf`` and ``<code>.kepala`` of an organization."""
    role = GlobalRole.PARTNER if organization.is_partner else GlobalRole.MEMBER
    label = organization.short_name
    head_title = HEAD_TITLES.get(organization.kind, "Kepala")
    staff = ensure_user(f"{organization.code}.staf", "Staf", label, role)
    head = ensure_user(f"{organization.code}.kepala", head_title, label, role)
    ensure_membership(staff, organization, MembershipRole.OFFICER)
    ensure_membership(head, organization, MembershipRole.HEAD)
    return staff, head


def load_users(orgs: dict[str, Organization]) -> dict[str, User]:
    users: dict[str, User] = {}
    for username, first, last, role, org_code, membership_role in GLOBAL_USERS:
        user = ensure_user(username, first, last, role)
        if org_code:
            ensure_membership(user, orgs[org_code], membership_role)
        users[username] = user
    involved = {
        code for meeting in scenario.MEETINGS for d in meeting["directives"] for code in d["cases"]
    }
    involved |= {"dpuprpkp", "dishub", "kec-wonoasih", "kel-sumber-taman", "polres"}
    for code in sorted(involved - {"bakesbangpol"}):
        staff, head = org_users(orgs[code])
        users[staff.username] = staff
        users[head.username] = head
    return users


# --- meetings and their stories ----------------------------------------------------------------


def demo_photo(caption: str) -> tuple[io.BytesIO, str]:
    seed = hashlib.sha256(caption.encode()).digest()
    image = Image.new("RGB", (480, 320), (seed[0] // 2 + 60, seed[1] // 2 + 60, seed[2] // 2 + 60))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 250, 480, 320), fill=(20, 30, 40))
    draw.text((16, 270), caption[:70], fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    buffer.seek(0)
    return buffer, f"{slugify(caption)[:60]}.jpg"


def demo_pdf(caption: str) -> tuple[io.BytesIO, str]:
    image = Image.new("RGB", (595, 842), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text((60, 80), caption[:90], fill=(0, 0, 0))
    draw.text((60, 110), "Dokumen contoh untuk data demo Tindak Lanjut Rakor.", fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    buffer.seek(0)
    return buffer, f"{slugify(caption)[:60]}.pdf"


@dataclass(order=True)
class Step:
    when: datetime
    order: int
    run: Any = field(compare=False)


def plan_meeting(meeting: dict, ctx: Context) -> list[Step]:
    series = ctx.series
    coordinator = ctx.users[scenario.COORDINATOR]
    steps: list[Step] = []
    state: dict[str, Any] = {}

    def add(when: str, run) -> None:
        steps.append(Step(wib(when), len(ctx.counter) + len(steps), run))

    def create_rakor() -> None:
        state["rakor"] = services.rakor_create(
            actor=coordinator,
            series=series,
            number=meeting["series_number"],
            title=meeting["title"],
            date=date.fromisoformat(meeting["date"]),
            place=meeting["place"],
            chair=meeting["chair"],
            mode=meeting["mode"],
            attendees=meeting["attendees"],
            minutes="\n".join(meeting["minutes"]),
        )
        for number, spec in enumerate(meeting["directives"], start=1):
            directive = services.directive_create(
                rakor=state["rakor"],
                actor=coordinator,
                number=number,
                title=spec["title"],
                text=spec["text"],
                directive_type=ctx.types[spec["type"]],
                speaker_name=spec["speaker"][0],
                speaker_office=spec["speaker"][1],
                areas=[ctx.areas[code] for code in spec["areas"]],
                source_sentence=meeting["minutes"][spec["sentence"]],
            )
            for org_code, (role, _story) in spec["cases"].items():
                organization = ctx.orgs[org_code]
                area = organization.area or (ctx.areas[spec["areas"][0]] if spec["areas"] else None)
                case = services.case_create(
                    directive=directive,
                    organization=organization,
                    role=role,
                    actor=coordinator,
                    area=area,
                )
                state[(number, org_code)] = case.pk

    add(meeting["created"], create_rakor)
    add(meeting["held"], lambda: services.rakor_mark_held(rakor=state["rakor"], actor=coordinator))

    for number, spec in enumerate(meeting["directives"], start=1):
        due = date.fromisoformat(spec["due"]) if spec.get("due") else None
        for org_code, (_role, story) in spec["cases"].items():
            key = (number, org_code)
            add(
                meeting["dispatched"],
                lambda key=key, due=due: services.case_dispatch(
                    case=state[key], actor=coordinator, due_at=due
                ),
            )
            for when, action, actor_key, params in story:
                add(
                    when,
                    partial(play_story_step, ctx, state, key, org_code, action, actor_key, params),
                )
    if meeting["closed"]:
        add(
            meeting["closed"], lambda: services.rakor_close(rakor=state["rakor"], actor=coordinator)
        )
    return steps


def play_story_step(
    ctx: Context,
    state: dict,
    key: tuple,
    org_code: str,
    action: str,
    actor_key: str,
    params: dict,
) -> None:
    play_step(ctx, state[key], org_code, action, actor_key, params)


def play_step(
    ctx: Context, case_id: int, org_code: str, action: str, actor_key: str, params: dict
) -> None:
    if actor_key in ("staf", "kepala"):
        actor = ctx.users[f"{org_code}.{actor_key}"]
    else:
        actor = ctx.users[actor_key]
    if action == "evidence":
        maker = demo_photo if params["kind"] == "photo" else demo_pdf
        buffer, name = maker(params["caption"])
        services.case_add_evidence(
            case=case_id,
            actor=actor,
            file=buffer,
            name=name,
            kind=params["kind"],
            note=params["caption"],
        )
    elif action == "progress":
        services.case_add_progress(
            case=case_id, actor=actor, percent=params["percent"], note=params["note"]
        )
    elif action == "hold":
        until = date.fromisoformat(params["until"]) if params.get("until") else None
        services.case_hold(case=case_id, actor=actor, reason=params["reason"], until=until)
    elif action == "report":
        services.case_report(case=case_id, actor=actor, summary=params["summary"])
    elif action in ("accept", "verify", "verify_ongoing"):
        services.case_transition(
            case=case_id, actor=actor, name=action, note=params.get("note", "")
        )
    else:
        services.case_transition(case=case_id, actor=actor, name=action, reason=params["reason"])


@dataclass
class Context:
    series: RakorSeries
    users: dict[str, User]
    orgs: dict[str, Organization]
    areas: dict[str, Area]
    types: dict[str, DirectiveType]
    counter: list = field(default_factory=list)


@transaction.atomic
def load_demo() -> dict[str, Any]:
    areas = load_areas()
    orgs = load_organizations(areas)
    types = load_directive_types(orgs)
    load_escalation_rules()
    users = load_users(orgs)
    series_code, series_name = reference.SERIES
    series = upsert(
        RakorSeries, {"code": series_code}, {"name": series_name, "organizer": orgs["bakesbangpol"]}
    )
    ctx = Context(series=series, users=users, orgs=orgs, areas=areas, types=types)
    steps: list[Step] = []
    for meeting in scenario.MEETINGS:
        if not Rakor.objects.filter(series=series, number=meeting["series_number"]).exists():
            planned = plan_meeting(meeting, ctx)
            ctx.counter.extend(planned)
            steps.extend(planned)
    # The demo's past is history, not news: its events notify nobody.
    with notifications.muted():
        for step in sorted(steps):
            with clock.frozen(step.when):
                step.run()
    return demo_counts()


def demo_counts() -> dict[str, Any]:
    return {
        "organizations": Organization.objects.count(),
        "areas": Area.objects.count(),
        "users": User.objects.count(),
        "rakor": Rakor.objects.count(),
        "directives": Directive.objects.count(),
        "cases": Case.objects.count(),
        "cases_by_status": dict(
            sorted(Counter(Case.objects.values_list("status", flat=True)).items())
        ),
    }
