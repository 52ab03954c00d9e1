"""The screen of a CaseFlow task is the case page (``web/``): a node's view sends you there."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from viewflow.workflow.models import Process


def task_screen_redirect(request, process_pk: int, task_pk: int, **kwargs):
    """viewflow's "execute" URL of a task: the case page, where its actions are.

    The case page itself checks that the user may see the case (404 otherwise).
    """
    case_id = (
        Process.objects.filter(pk=process_pk, task__pk=task_pk)
        .values_list("artifact_object_id", flat=True)
        .first()
    )
    if case_id is None:
        raise Http404
    return HttpResponseRedirect(reverse("kasus:detail", args=[case_id]))
