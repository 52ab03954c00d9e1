from django.urls import path

from . import views

app_name = "rakor"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("baru/", views.meeting_new, name="new"),
    path("<int:rakor_id>/notulen/", views.minutes_new, name="minutes"),
    path("impor/<int:import_id>/", views.import_detail, name="import"),
    path("impor/<int:import_id>/terima-semua/", views.import_accept_rest, name="accept-rest"),
    path("draf/<int:draft_id>/<str:action>/", views.draft_action, name="draft"),
    path("<int:rakor_id>/agenda/", views.agenda, name="agenda"),
    path("<int:rakor_id>/agenda/susun/", views.agenda_rebuild, name="agenda-rebuild"),
    path("agenda/<int:item_id>/keputusan/", views.agenda_decide, name="decide"),
    path("<int:rakor_id>/laporan/", views.report_page, name="report"),
    path("<int:rakor_id>/laporan/buat/", views.report_generate, name="report-generate"),
    path("laporan/<int:report_id>/status/", views.report_status, name="report-status"),
    path(
        "laporan/<int:report_id>/unduh/<str:kind>/", views.report_download, name="report-download"
    ),
]
