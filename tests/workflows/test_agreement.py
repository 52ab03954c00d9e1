"""Case.status and the open viewflow task agree after every step, whatever path moved the case.

Seeded random walks over a small city. Each step picks a case, a person (or the system)
who may act on it, one of the things they may do, and one of the paths an action can
take in production:

- ``web``: the case page's form, an HTTP POST through Django's test client (the task
  screen), with the version the page was rendered with;
- ``service``: a direct ``cases.services`` call, the path the REST API and huey tasks use;
- ``admin``: the admin changelist's "dispatch selected" action, for new draft cases;
- ``system``: the auto-resume rule (``AUTO_RESUME``) resuming a case on hold, as the sweep does.

Some web steps are submitted twice (a double click): the second answer must be the
friendly "Sudah dilakukan" and change nothing. After every step the checker
``workflows.selectors.disagreements`` must find nothing.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.urls import reverse

from cases import clock, services
from cases.actors import AUTO_RESUME
from cases.models import Case, CaseEvent, CaseStatus, Hold, RequestStatus
from cases.selectors import available_transitions
from tests.factories import World, wib
from workflows.selectors import disagreements

SEEDS = (20260128, 7, 4242)
STEPS_PER_SEED = 200

PARAMS = {
    "accept": {"note": "Diterima."},
    "decline": {"reason": "Bukan kewenangan kami."},
    "reassign": {"reason": "Diberikan lagi."},
    "hold": {"reason": "Menunggu anggaran."},
    "resume": {"reason": "Anggaran turun."},
    "report": {"summary": "Selesai dikerjakan."},
    "verify": {"note": "Terverifikasi."},
    "verify_ongoing": {"note": "Rutin."},
    "send_back": {"reason": "Foto kurang jelas."},
    "reopen": {"reason": "Masalah muncul lagi."},
    "cancel": {"reason": "Arahan dicabut."},
}
# The case page's form fields for each transition (prefix = action name).
WEB_FIELDS = {
    "accept": {"note": "Diterima."},
    "decline": {"reason": "Bukan kewenangan kami."},
    "reassign": {"reason": "Diberikan lagi.", "organization": "", "due_at": ""},
    "hold": {"reason": "Menunggu anggaran.", "until": ""},
    "resume": {"reason": "Anggaran turun."},
    "report": {"summary": "Selesai dikerjakan."},
    "verify": {"note": "Terverifikasi."},
    "verify_ongoing": {"note": "Rutin."},
    "send_back": {"reason": "Foto kurang jelas.", "due_at": ""},
    "reopen": {"reason": "Masalah muncul lagi.", "due_at": ""},
    "cancel": {"reason": "Arahan dicabut."},
    "dispatch": {"due_at": ""},
    "progress": {"percent": "40", "note": "Separuh jalan."},
    "request_hold": {"reason": "Menunggu cuaca.", "until": ""},
}


def post_form(client, case: Case, action: str, fields: dict, version: int):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    data[f"{action}-version"] = str(version)
    return client.post(reverse("kasus:action", args=[case.pk, action]), data)


class Walk:
    def __init__(self, world: World, client, rng: random.Random) -> None:
        self.world = world
        self.client = client
        self.rng = rng
        self.paths: Counter[str] = Counter()
        self.actions: Counter[str] = Counter()
        self.double_submits = 0
        self.idle = 0
        self.people = [
            world.coordinator,
            world.officer,
            world.head,
            world.other_officer,
            world.other_head,
            world.auditor,
        ]
        joint = world.directive()
        self.cases = [
            world.case(world.org_a, state="assigned"),
            world.case(world.org_b, state="assigned"),
            world.case(world.org_a, state="in_progress"),
        ]
        self.cases += services.directive_fan_out(
            directive=joint,
            actor=world.coordinator,
            lead=[world.org_a],
            supporting=[world.org_b],
            dispatch=True,
        )

    def new_draft(self) -> Case:
        directive = self.world.directive()
        case = services.case_create(
            directive=directive,
            organization=self.rng.choice([self.world.org_a, self.world.org_b]),
            role="lead",
            actor=self.world.coordinator,
        )
        self.cases.append(case)
        return case

    def moves(self, case: Case) -> list[tuple]:
        """Everything anyone may do to this case now, as (kind, name, actor)."""
        found = []
        for person in self.people:
            for name in available_transitions(case=case, user=person):
                found.append(("transition", name, person))
        if case.status == CaseStatus.IN_PROGRESS:
            member = (
                self.world.officer
                if case.organization == self.world.org_a
                else (self.world.other_officer)
            )
            found.append(("progress", "progress", member))
            pending = Hold.objects.filter(case=case, status=RequestStatus.PENDING).first()
            if pending is None:
                found.append(("request_hold", "request_hold", member))
            else:
                head = (
                    self.world.head
                    if case.organization == self.world.org_a
                    else (self.world.other_head)
                )
                found.append(("decide_hold", "decide_hold", head))
        if case.status == CaseStatus.ON_HOLD:
            found.append(("system", "resume", AUTO_RESUME))
        return found

    def step(self) -> None:
        if self.rng.random() < 0.06:
            case = self.new_draft()
            self.paths["admin"] += 1
            self.actions["dispatch"] += 1
            self.client.force_login(self.world.admin)
            response = self.client.post(
                reverse("admin:cases_case_changelist"),
                {"action": "dispatch_selected", "_selected_action": [case.pk]},
            )
            assert response.status_code == 302
            case.refresh_from_db()
            assert case.status == CaseStatus.ASSIGNED
            return
        case = self.rng.choice(self.cases)
        case.refresh_from_db()
        moves = self.moves(case)
        if not moves:
            self.idle += 1
            return
        # Cancelling ends a case for good: rarer, so the walk sees long lifecycles.
        weights = [0.1 if move[1] == "cancel" else 1.0 for move in moves]
        kind, name, actor = self.rng.choices(moves, weights=weights)[0]
        self.actions[name] += 1
        if kind == "system":
            self.paths["system"] += 1
            services.case_resume(case=case, actor=actor, reason="Masa tunda berakhir.")
            return
        if kind == "decide_hold":
            # The head decides on the case page or through the service, at random.
            hold = Hold.objects.get(case=case, status=RequestStatus.PENDING)
            approve = self.rng.random() < 0.6
            if self.rng.random() < 0.5:
                self.paths["web"] += 1
                self.client.force_login(actor)
                fields = {"request_id": str(hold.pk), "approve": "1" if approve else "0"}
                fields["note"] = "" if approve else "Tidak perlu ditunda."
                response = post_form(self.client, case, "decide_hold", fields, case.version)
                assert response.status_code == 302, response.content[:500]
            else:
                self.paths["service"] += 1
                services.hold_decide(
                    hold=hold, actor=actor, approve=approve, note="" if approve else "Tidak."
                )
            return
        if self.rng.random() < 0.5:
            self.paths["web"] += 1
            self.client.force_login(actor)
            version = case.version
            response = post_form(self.client, case, name, WEB_FIELDS[name], version)
            assert response.status_code == 302, response.content[:500]
            if kind == "transition" and self.rng.random() < 0.25:
                # The same form, submitted a second time.
                self.double_submits += 1
                events = CaseEvent.objects.filter(case=case).count()
                again = post_form(self.client, case, name, WEB_FIELDS[name], version)
                assert again.status_code == 302
                page = self.client.get(again.url)
                assert "Sudah dilakukan" in page.content.decode()
                assert CaseEvent.objects.filter(case=case).count() == events
            return
        self.paths["service"] += 1
        if kind == "transition":
            services.case_transition(case=case, actor=actor, name=name, **PARAMS[name])
        elif kind == "progress":
            services.case_add_progress(case=case, actor=actor, percent=50, note="Lanjut.")
        elif kind == "request_hold":
            services.case_request_hold(case=case, actor=actor, reason="Menunggu cuaca.")


@pytest.mark.parametrize("seed", SEEDS)
def test_status_and_open_task_agree_after_every_step(world: World, client, seed: int):
    # given: a small city with five cases (one of them a joint directive of two OPDs)
    with clock.frozen(wib(2026, 2, 2, 9)):
        walk = Walk(world, client, random.Random(seed))
        assert disagreements() == []
        # when: random people take random actions through random paths
        for number in range(STEPS_PER_SEED):
            walk.step()
            # then: after every single step the task layer matches every case's status
            found = disagreements()
            assert found == [], f"seed {seed}, step {number}: {[str(d) for d in found]}"
    # and the walk really went through every path and most of the lifecycle
    assert set(walk.paths) == {"web", "service", "admin", "system"}, walk.paths
    assert {"accept", "decline", "reassign", "report", "verify", "send_back"} <= set(
        walk.actions
    ), walk.actions
    assert walk.double_submits > 0
    print(
        f"seed {seed}: {STEPS_PER_SEED} steps, {sum(walk.paths.values())} actions, "
        f"{walk.idle} on finished cases; paths {dict(walk.paths)}; "
        f"double submits {walk.double_submits}; actions {dict(walk.actions)}"
    )
