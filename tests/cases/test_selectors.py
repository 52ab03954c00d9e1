import pytest

from cases import selectors
from cases.errors import NotFound


@pytest.fixture
def cases(world):
    return {
        "a": world.case(world.org_a, state="in_progress"),
        "a_draft": world.case(world.org_a, state="draft"),
        "b": world.case(world.org_b, state="assigned"),
        "kecamatan": world.case(world.kecamatan, state="assigned"),
        "kelurahan": world.case(world.kelurahan, state="assigned"),
        "partner": world.case(world.partner_org, state="assigned"),
    }


# role → the cases it sees (by key), written out by hand
EXPECTED_VISIBLE = {
    "coordinator": {"a", "a_draft", "b", "kecamatan", "kelurahan", "partner"},
    "admin": {"a", "a_draft", "b", "kecamatan", "kelurahan", "partner"},
    "auditor": {"a", "a_draft", "b", "kecamatan", "kelurahan", "partner"},
    "leadership": {"a", "a_draft", "b", "kecamatan", "kelurahan", "partner"},
    "officer": {"a"},
    "head": {"a"},
    "other_officer": {"b"},
    "other_head": {"b"},
    "kecamatan_officer": {"kecamatan", "kelurahan"},
    "kelurahan_officer": {"kelurahan"},
    "partner": {"partner"},
    "no_membership": set(),
}


@pytest.mark.parametrize("role", list(EXPECTED_VISIBLE))
def test_visibility_per_role(world, cases, role):
    user = getattr(world, role)
    visible = set(selectors.cases_visible_to(user).values_list("pk", flat=True))
    assert visible == {cases[key].pk for key in EXPECTED_VISIBLE[role]}


@pytest.mark.parametrize("role", list(EXPECTED_VISIBLE))
def test_case_for_user_hides_what_it_may_not_see(world, cases, role):
    user = getattr(world, role)
    for key, case in cases.items():
        if key in EXPECTED_VISIBLE[role]:
            assert selectors.case_for_user(user=user, case_id=case.pk) == case
        else:
            with pytest.raises(NotFound):
                selectors.case_for_user(user=user, case_id=case.pk)


def test_anonymous_and_inactive_users_see_nothing(world, cases):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.cases_visible_to(AnonymousUser()).exists()
    world.coordinator.is_active = False
    assert not selectors.cases_visible_to(world.coordinator).exists()


@pytest.mark.parametrize("bad_id", ["abc", None, "1; drop table", 10**12])
def test_case_for_user_with_nonsense_id_is_not_found(world, bad_id):
    with pytest.raises(NotFound):
        selectors.case_for_user(user=world.coordinator, case_id=bad_id)


def test_available_transitions_are_what_the_user_may_fire(world):
    case = world.case(world.org_a, state="in_progress")
    assert selectors.available_transitions(case=case, user=world.officer) == ["report"]
    assert selectors.available_transitions(case=case, user=world.head) == ["hold", "report"]
    assert selectors.available_transitions(case=case, user=world.coordinator) == [
        "hold",
        "cancel",
    ]
    assert selectors.available_transitions(case=case, user=world.auditor) == []
    assert selectors.available_transitions(case=case, user=world.kecamatan_officer) == []


def test_kecamatan_sees_but_cannot_act_on_its_kelurahan_case(world):
    from cases import services
    from cases.errors import ActionForbidden

    case = world.case(world.kelurahan, state="assigned")
    assert selectors.case_for_user(user=world.kecamatan_officer, case_id=case.pk) == case
    with pytest.raises(ActionForbidden):
        services.case_accept(case=case, actor=world.kecamatan_officer)
