"""One web UI shell: django-viewflow's Site (menu, Material look, its static files) with the
project's own pages inside it, and viewflow's own process pages for those who see all."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, Site
from viewflow.workflow.flow.viewset import FlowAppViewset

from rakor.urls import urlpatterns as rakor_urlpatterns
from workflows.flows import CaseFlow

from . import views


class TasksApp(Application):
    app_name = "tugas"
    title = _("Tugas")
    icon = "inbox"
    menu_template_name = "web/menu_tasks.html"
    base_template_name = "web/base.html"

    index_path = path("", views.inbox, name="index")

    def has_view_permission(self, user, obj=None):
        # Every view here is login_required (anonymous users go to the login page) and
        # reads through the visibility selectors.
        return True

    def get_context_data(self, request):
        return {"inbox_count": views.inbox_count(request.user)}


class CasesApp(Application):
    app_name = "kasus"
    title = _("Kasus")
    icon = "assignment"
    menu_template_name = "web/menu_cases.html"
    base_template_name = "web/base.html"

    index_path = path("", views.case_list, name="index")
    detail_path = path("<int:case_id>/", views.case_detail, name="detail")
    action_path = path("<int:case_id>/aksi/<slug:action>/", views.case_action, name="action")
    evidence_path = path(
        "<int:case_id>/bukti/<int:evidence_id>/", views.evidence_file, name="evidence"
    )
    thumbnail_path = path(
        "<int:case_id>/bukti/<int:evidence_id>/kecil/",
        views.evidence_thumbnail,
        name="thumbnail",
    )

    def has_view_permission(self, user, obj=None):
        # Every view here is login_required (anonymous users go to the login page) and
        # reads through the visibility selectors.
        return True


class RakorCycleApp(Application):
    """The Rakor cycle (rakor/): minutes import, carry-over agenda, the report."""

    app_name = "rakor"
    title = _("Rakor")
    icon = "event_note"
    base_template_name = "web/base.html"
    urlpatterns = rakor_urlpatterns

    def has_view_permission(self, user, obj=None):
        # Anonymous users pass here so the views' login_required sends them to the login
        # page; the views check roles themselves (coordinators write; auditors and the
        # leadership read). OPD staff do not get the menu entry, and get 403.
        return not user.is_authenticated or bool(getattr(user, "sees_everything", False))


class CaseFlowApp(FlowAppViewset):
    """viewflow's process pages (dashboard, processes, tasks, chart) for the roles that see
    every case; see ``CaseFlow.has_view_permission``."""

    icon = "account_tree"


site = Site(
    title=_("Tindak Lanjut Rakor"),
    primary_color="#0b5d3b",
    secondary_color="#b58500",
    viewsets=[
        TasksApp(),
        CasesApp(),
        RakorCycleApp(),
        CaseFlowApp(CaseFlow, title=_("Alur kerja"), app_name="alur"),
    ],
)
