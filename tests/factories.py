"""Test data. Reference rows come from factories; anything with a lifecycle (Rakor,
directives, cases) is made through cases.services, as in production."""

from __future__ import annotations

import io
from datetime import date, datetime

import factory
from PIL import Image

from accounts.models import GlobalRole, User
from cases import clock, services
from cases.calendar import WIB
from cases.models import (
    Area,
    AreaLevel,
    Case,
    DirectiveType,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    RakorSeries,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    role = GlobalRole.MEMBER
    password = factory.django.Password("secret-pass-123")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"99.{n:02d}")
    name = factory.Sequence(lambda n: f"Wilayah {n}")
    level = AreaLevel.KOTA
    parent = None


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"DC{n}")
    kind = OrganizationKind.DINAS
    work_week = 5


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = MembershipRole.OFFICER


class DirectiveTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectiveType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"Jenis {n}")
    default_working_days = 5
    evidence_contract = factory.LazyFunction(dict)


def wib(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


def jpeg_bytes(color: tuple[int, int, int] = (200, 40, 40), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def png_bytes(color: tuple[int, int, int] = (10, 120, 200), size=(32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(text: str = "berita acara") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (100, 140), (255, 255, 255)).save(buffer, "PDF", title=text)
    return buffer.getvalue()


def upload(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


class World:
    """A small city: two dinas (A, B), a kecamatan with a kelurahan, a partner agency,
    a user for every role, a held Rakor and a directive type without evidence contract."""

    def __init__(self) -> None:
        self.kota = AreaFactory(code="35.74", name="Kota Probolinggo", level=AreaLevel.KOTA)
        self.kec_area = AreaFactory(
            code="35.74.02", name="Wonoasih", level=AreaLevel.KECAMATAN, parent=self.kota
        )
        self.kel_area = AreaFactory(
            code="35.74.02.1006",
            name="Sumber Taman",
            level=AreaLevel.KELURAHAN,
            parent=self.kec_area,
        )
        self.org_a = OrganizationFactory(code="dinas-a", short_name="Dinas A")
        self.org_b = OrganizationFactory(code="dinas-b", short_name="Dinas B")
        self.kecamatan = OrganizationFactory(
            code="kec-wonoasih",
            short_name="Kec. Wonoasih",
            kind=OrganizationKind.KECAMATAN,
            area=self.kec_area,
        )
        self.kelurahan = OrganizationFactory(
            code="kel-sumber-taman",
            short_name="Kel. Sumber Taman",
            kind=OrganizationKind.KELURAHAN,
            parent=self.kecamatan,
            area=self.kel_area,
        )
        self.partner_org = OrganizationFactory(
            code="polres", short_name="Polres", kind=OrganizationKind.PARTNER, work_week=7
        )
        self.bakesbangpol = OrganizationFactory(
            code="bakesbangpol", short_name="Bakesbangpol", kind=OrganizationKind.BADAN
        )
        self.coordinator = self.member("coordinator", self.bakesbangpol, GlobalRole.COORDINATOR)
        self.admin = UserFactory(
            username="admin", role=GlobalRole.ADMIN, is_superuser=True, is_staff=True
        )
        self.auditor = UserFactory(username="auditor", role=GlobalRole.AUDITOR)
        self.leadership = UserFactory(username="sekda", role=GlobalRole.LEADERSHIP)
        self.officer = self.member("officer_a", self.org_a)
        self.head = self.member("head_a", self.org_a, head=True)
        self.other_officer = self.member("officer_b", self.org_b)
        self.other_head = self.member("head_b", self.org_b, head=True)
        self.kecamatan_officer = self.member("officer_kec", self.kecamatan)
        self.kelurahan_officer = self.member("officer_kel", self.kelurahan)
        self.partner = self.member("partner", self.partner_org, GlobalRole.PARTNER)
        self.no_membership = UserFactory(username="nobody")
        self.series = RakorSeries.objects.create(
            code="rakor-tim-terpadu", name="Rakor Tim Terpadu", organizer=self.bakesbangpol
        )
        self.kind = DirectiveTypeFactory(code="lainnya", name="Lain-lain", default_working_days=5)
        with clock.frozen(wib(2026, 1, 26)):
            self.rakor = services.rakor_create(
                actor=self.coordinator,
                series=self.series,
                title="Rakor Januari 2026",
                date=date(2026, 1, 28),
                place="Command Center",
                chair="Wali Kota",
            )
        with clock.frozen(wib(2026, 1, 28, 15)):
            self.rakor = services.rakor_mark_held(rakor=self.rakor, actor=self.coordinator)
        self._directives = 0

    def member(
        self,
        username: str,
        organization: Organization,
        role: str = GlobalRole.MEMBER,
        head: bool = False,
    ) -> User:
        user = UserFactory(username=username, role=role)
        MembershipFactory(
            user=user,
            organization=organization,
            role=MembershipRole.HEAD if head else MembershipRole.OFFICER,
        )
        return user

    def directive(self, directive_type: DirectiveType | None = None, **kwargs):
        self._directives += 1
        with clock.frozen(kwargs.pop("at", wib(2026, 1, 28, 16))):
            return services.directive_create(
                rakor=self.rakor,
                actor=self.coordinator,
                title=kwargs.pop("title", f"Arahan {self._directives}"),
                text=kwargs.pop("text", "Isi arahan untuk pengujian."),
                directive_type=directive_type or self.kind,
                **kwargs,
            )

    def case(
        self,
        organization: Organization | None = None,
        state: str = "draft",
        directive_type: DirectiveType | None = None,
        at: datetime | None = None,
    ) -> Case:
        """A case of ``organization`` (default Dinas A), brought to ``state`` by services."""
        directive = self.directive(directive_type)
        organization = organization or self.org_a
        head = self.head if organization == self.org_a else None
        officer = self.officer if organization == self.org_a else None
        with clock.frozen(at or wib(2026, 1, 29, 10)):
            case = services.case_create(
                directive=directive, organization=organization, role="lead", actor=self.coordinator
            )
            return drive_to(case, state, coordinator=self.coordinator, officer=officer, head=head)


PATHS = {
    "draft": [],
    "assigned": ["dispatch"],
    "in_progress": ["dispatch", "accept"],
    "on_hold": ["dispatch", "accept", "hold"],
    "reported": ["dispatch", "accept", "report"],
    "closed": ["dispatch", "accept", "report", "verify"],
    "ongoing": ["dispatch", "accept", "report", "verify_ongoing"],
    "declined": ["dispatch", "decline"],
    "cancelled": ["cancel"],
}

# Who fires each step on the way, and with what input.
STEP_ACTOR = {
    "dispatch": "coordinator",
    "accept": "officer",
    "decline": "officer",
    "hold": "head",
    "report": "officer",
    "verify": "coordinator",
    "verify_ongoing": "coordinator",
    "cancel": "coordinator",
}
STEP_PARAMS = {
    "decline": {"reason": "Bukan tugas kami."},
    "hold": {"reason": "Menunggu anggaran."},
    "report": {"summary": "Pekerjaan selesai."},
    "cancel": {"reason": "Arahan dicabut."},
}


def drive_to(case: Case, state: str, *, coordinator, officer, head) -> Case:
    actors = {"coordinator": coordinator, "officer": officer, "head": head}
    for step in PATHS[state]:
        case = services.case_transition(
            case=case, actor=actors[STEP_ACTOR[step]], name=step, **STEP_PARAMS.get(step, {})
        )
    return case
