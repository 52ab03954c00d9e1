from viewflow.workflow.status import PROCESS, STATUS

from cases import services
from tests.factories import World
from workflows.flows import CaseFlow
from workflows.selectors import (
    directive_state,
    disagreements,
    inbox_tasks,
    open_task_for_case,
)
from workflows.sync import case_processes, sync_case_tasks


def open_node(case):
    task = open_task_for_case(case)
    return task.flow_task.name if task else None


def test_a_draft_has_no_process_and_dispatch_starts_one(world: World):
    # given
    case = world.case(world.org_a, state="draft")
    assert case_processes(case.pk).count() == 0
    # when
    services.case_dispatch(case=case, actor=world.coordinator)
    # then
    process = case_processes(case.pk).get()
    assert process.artifact == case
    assert process.status == PROCESS.NEW
    assert open_node(case) == "respond"


def test_the_process_follows_the_lifecycle_and_the_completed_task_names_its_actor(world: World):
    # given
    case = world.case(world.org_a, state="assigned")
    respond = open_task_for_case(case)
    # when
    services.case_accept(case=case, actor=world.officer)
    # then
    respond.refresh_from_db()
    assert (respond.status, respond.owner, respond.data["transition"]) == (
        STATUS.DONE,
        world.officer,
        "accept",
    )
    assert open_node(case) == "work"
    services.case_report(case=case, actor=world.officer, summary="ok")
    assert open_node(case) == "verify"
    services.case_send_back(case=case, actor=world.coordinator, reason="foto kurang")
    assert open_node(case) == "work"
    services.case_report(case=case, actor=world.officer, summary="ok")
    services.case_verify(case=case, actor=world.coordinator)
    assert open_node(case) is None
    assert case_processes(case.pk).get().status == PROCESS.DONE


def test_reopen_starts_a_second_round(world: World):
    case = world.case(world.org_a, state="closed")
    services.case_reopen(case=case, actor=world.coordinator, reason="muncul lagi")
    assert [p.status for p in case_processes(case.pk)] == [PROCESS.NEW, PROCESS.DONE]
    assert open_node(case) == "work"


def test_decline_puts_reassign_in_the_coordinators_inbox_and_reassign_moves_it(world: World):
    # given
    case = world.case(world.org_a, state="assigned")
    # when
    services.case_decline(case=case, actor=world.officer, reason="bukan kami")
    # then
    assert open_node(case) == "reassign"
    assert [t.flow_task.name for t in inbox_tasks(world.coordinator)] == ["reassign"]
    assert list(inbox_tasks(world.officer)) == []
    # when: given to Dinas B
    services.case_reassign(
        case=case, actor=world.coordinator, reason="ke Dinas B", organization=world.org_b
    )
    # then: Dinas B must respond, Dinas A has nothing
    assert open_node(case) == "respond"
    assert [t.process.artifact_object_id for t in inbox_tasks(world.other_officer)] == [case.pk]
    assert list(inbox_tasks(world.officer)) == []


def test_hold_is_a_waiting_task_in_nobodys_inbox(world: World):
    case = world.case(world.org_a, state="on_hold")
    assert open_node(case) == "hold"
    for user in (world.officer, world.head, world.coordinator, world.auditor):
        assert list(inbox_tasks(user)) == []
    services.case_resume(case=case, actor=world.head, reason="lanjut")
    assert open_node(case) == "work"


def test_cancel_cancels_the_process_and_its_task(world: World):
    case = world.case(world.org_a, state="in_progress")
    task = open_task_for_case(case)
    services.case_cancel(case=case, actor=world.coordinator, reason="dicabut")
    task.refresh_from_db()
    assert task.status == STATUS.CANCELED
    assert case_processes(case.pk).get().status == PROCESS.CANCELED
    assert disagreements() == []


def test_a_joint_directive_gives_each_organization_its_own_task_and_is_done_when_all_close(
    world: World,
):
    # given: one directive, two responsible organizations
    directive = world.directive()
    lead, support = services.directive_fan_out(
        directive=directive,
        actor=world.coordinator,
        lead=[world.org_a],
        supporting=[world.org_b],
        dispatch=True,
    )
    # then: each organization has its own respond task, in its own inbox only
    assert [t.process.artifact_object_id for t in inbox_tasks(world.officer)] == [lead.pk]
    assert [t.process.artifact_object_id for t in inbox_tasks(world.other_officer)] == [support.pk]
    # when: the lead's case is closed
    for actor, name, params in (
        (world.officer, "accept", {}),
        (world.officer, "report", {"summary": "ok"}),
        (world.coordinator, "verify", {}),
    ):
        services.case_transition(case=lead, actor=actor, name=name, **params)
    # then: the directive is not done while the supporting case is open
    assert directive_state(directive).is_done is False
    assert (directive_state(directive).finished, directive_state(directive).total) == (1, 2)
    for actor, name, params in (
        (world.other_officer, "accept", {}),
        (world.other_officer, "report", {"summary": "ok"}),
        (world.coordinator, "verify_ongoing", {}),
    ):
        services.case_transition(case=support, actor=actor, name=name, **params)
    assert directive_state(directive).is_done is True
    # and a reopened case makes it not done again
    services.case_reopen(case=lead, actor=world.coordinator, reason="lagi")
    assert directive_state(directive).is_done is False


def test_the_checker_sees_a_task_moved_by_hand_and_the_next_sync_repairs_it(world: World):
    # given: a task closed behind the case's back
    case = world.case(world.org_a, state="in_progress")
    task = open_task_for_case(case)
    task.status = STATUS.DONE
    task.save()
    # then
    assert [str(d) for d in disagreements()] == [
        f"#{case.pk} (in_progress): tugas terbuka [], seharusnya ['work']"
    ]
    # when: the case changes again, the sync starts a fresh, agreeing process
    services.case_add_progress(case=case, actor=world.officer, percent=10, note="mulai")
    # then
    assert disagreements() == []
    assert [p.status for p in case_processes(case.pk)] == [PROCESS.NEW, PROCESS.CANCELED]


def test_sync_is_idempotent(world: World):
    case = world.case(world.org_a, state="reported")
    before = list(case_processes(case.pk).values_list("pk", "status"))
    sync_case_tasks(case=case, actor=world.coordinator)
    sync_case_tasks(case=case, actor=world.coordinator)
    assert list(case_processes(case.pk).values_list("pk", "status")) == before
    assert open_node(case) == "verify"


def test_nobody_may_move_tasks_by_hand_and_only_all_seeing_roles_see_the_process_pages(
    world: World,
):
    flow = CaseFlow.instance
    assert flow.has_manage_permission(world.admin) is False
    assert flow.has_view_permission(world.coordinator) is True
    assert flow.has_view_permission(world.auditor) is True
    assert flow.has_view_permission(world.officer) is False


def test_the_demo_is_in_agreement(db):
    from cases.demo.loader import load_demo

    load_demo()
    assert disagreements() == []


def test_check_consistency_reports_and_repairs(world: World):
    import pytest
    from django.core.management import CommandError, call_command

    # given: a case whose open task was closed by hand
    case = world.case(world.org_a, state="reported")
    task = open_task_for_case(case)
    task.status = STATUS.DONE
    task.save()
    # then
    with pytest.raises(CommandError, match="1 kasus tidak sesuai"):
        call_command("check_consistency")
    # when
    call_command("check_consistency", "--repair")
    # then
    assert disagreements() == []
    assert open_node(case) == "verify"
