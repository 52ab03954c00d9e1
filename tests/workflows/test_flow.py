from cases import services
from tests.factories import World
from workflows.selectors import disagreements, open_task_for_case
from workflows.sync import case_processes


def open_node(case):
    task = open_task_for_case(case)
    return task.flow_task.name if task else None


def test_smoke(world: World):
    case = world.case(world.org_a, state="assigned")
    assert open_node(case) == "respond"
    services.case_accept(case=case, actor=world.officer)
    assert open_node(case) == "work"
    services.case_report(case=case, actor=world.officer, summary="ok")
    assert open_node(case) == "verify"
    services.case_send_back(case=case, actor=world.coordinator, reason="foto kurang")
    assert open_node(case) == "work"
    services.case_report(case=case, actor=world.officer, summary="ok")
    services.case_verify(case=case, actor=world.coordinator)
    assert open_node(case) is None
    services.case_reopen(case=case, actor=world.coordinator, reason="lagi")
    assert open_node(case) == "work"
    assert case_processes(case.pk).count() == 2
    assert disagreements() == []
