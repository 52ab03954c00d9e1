from datetime import date

import pytest

from cases import clock
from cases.demo import loader, reference
from cases.models import RakorSeries
from tests.factories import wib


@pytest.fixture
def city(db):
    """Kota Probolinggo's reference data (areas, offices, types, users), no meetings."""
    areas = loader.load_areas()
    orgs = loader.load_organizations(areas)
    types = loader.load_directive_types(orgs)
    loader.load_escalation_rules()
    users = loader.load_users(orgs)
    code, name = reference.SERIES
    series = RakorSeries.objects.create(code=code, name=name, organizer=orgs["bakesbangpol"])
    return {"areas": areas, "orgs": orgs, "types": types, "users": users, "series": series}


@pytest.fixture
def january(city):
    """A fresh, held Rakor dated 28 January 2026, as the coordinator makes it."""
    from cases import services

    coordinator = city["users"]["koordinator"]
    with clock.frozen(wib(2026, 1, 26)):
        rakor = services.rakor_create(
            actor=coordinator,
            series=city["series"],
            title="Rakor Januari 2026 (dari notulen)",
            date=date(2026, 1, 28),
            place="Command Center",
            chair="Wali Kota",
        )
    with clock.frozen(wib(2026, 1, 28, 15)):
        return services.rakor_mark_held(rakor=rakor, actor=coordinator)
