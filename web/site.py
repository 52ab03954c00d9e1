"""One web UI shell: django-viewflow's Site (menu, Material look, its static files) with the
project's own pages inside it, and viewflow's own process pages for those who see all."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, Site
from viewflow.workflow.flow.viewset import FlowAppViewset

from cases.permissions import actor_is_coordinator
from rakor.urls import urlpatterns as rakor_urlpatterns
from workflows.flows import CaseFlow

from . import views, views_audit, views_dashboard, views_notifications, views_queue, views_rakor
from .access import sees_everything


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
    title = _("Siklus rakor")
    icon = "event_note"
    base_template_name = "web/base.html"
    urlpatterns = rakor_urlpatterns

    def has_view_permission(self, user, obj=None):
        # Anonymous users pass here so the views' login_required sends them to the login
        # page; the views check roles themselves (coordinators write; auditors and the
        # leadership read). OPD staff do not get the menu entry, and get 403.
        return not user.is_authenticated or bool(getattr(user, "sees_everything", False))


def _reader(user) -> bool:
    # Anonymous users pass so the views' login_required sends them to the login page.
    return not user.is_authenticated or sees_everything(user)


def _coordinator(user) -> bool:
    return not user.is_authenticated or actor_is_coordinator(user)


class MeetingsApp(Application):
    """Meetings per series, one meeting's directives and cases, capture and fan-out (issue 6).
    Coordinators write; auditors and the leadership read."""

    app_name = "rapat"
    title = _("Rapat & arahan")
    icon = "groups"
    menu_template_name = "web/menu_rakor.html"
    base_template_name = "web/base.html"

    index_path = path("", views_rakor.meeting_list, name="index")
    new_path = path("baru/", views_rakor.meeting_new, name="new")
    detail_path = path("<int:rakor_id>/", views_rakor.meeting_detail, name="detail")
    held_path = path("<int:rakor_id>/terlaksana/", views_rakor.meeting_held, name="held")
    fan_out_path = path(
        "arahan/<int:directive_id>/sebar/", views_rakor.directive_fan_out, name="fan_out"
    )

    def has_view_permission(self, user, obj=None):
        return _reader(user)

    def get_context_data(self, request):
        return {"can_capture": actor_is_coordinator(request.user)}


class DashboardApp(Application):
    app_name = "dasbor"
    menu_template_name = None  # one page: no sub-menu
    title = _("Dasbor")
    icon = "insights"
    base_template_name = "web/base.html"

    index_path = path("", views_dashboard.dashboard, name="index")

    def has_view_permission(self, user, obj=None):
        return _reader(user)


class VerificationApp(Application):
    app_name = "verifikasi"
    menu_template_name = None  # one page: no sub-menu
    title = _("Verifikasi")
    icon = "fact_check"
    base_template_name = "web/base.html"

    index_path = path("", views_queue.queue, name="index")
    bulk_path = path("aksi/", views_queue.bulk_action, name="bulk")

    def has_view_permission(self, user, obj=None):
        return _coordinator(user)


class AuditApp(Application):
    app_name = "audit"
    title = _("Audit")
    icon = "policy"
    menu_template_name = "web/menu_audit.html"
    base_template_name = "web/base.html"

    index_path = path("", views_audit.activity_log, name="index")
    case_path = path("kasus/<int:case_id>/", views_audit.case_audit, name="case")
    board_path = path("papan/", views_audit.board_as_of, name="board")
    integrity_path = path("integritas/", views_audit.integrity, name="integrity")

    def has_view_permission(self, user, obj=None):
        return _reader(user)


class NotificationsApp(Application):
    app_name = "notifikasi"
    menu_template_name = None  # one page: no sub-menu
    title = _("Notifikasi")
    icon = "notifications"
    base_template_name = "web/base.html"

    index_path = path("", views_notifications.notification_list, name="index")
    read_path = path(
        "<int:notification_id>/baca/", views_notifications.notification_read, name="read"
    )
    read_all_path = path("baca-semua/", views_notifications.notifications_read_all, name="read_all")

    def has_view_permission(self, user, obj=None):
        return True


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
        MeetingsApp(),
        RakorCycleApp(),
        DashboardApp(),
        VerificationApp(),
        AuditApp(),
        NotificationsApp(),
        CaseFlowApp(CaseFlow, title=_("Alur kerja"), app_name="alur"),
    ],
)
