from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .converters import IdConverter
from .problems import not_found_view
from .views import cases, hooks, meetings, people, records, reference

register_converter(IdConverter, "id")

case = "cases/<id:case_id>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("auth/token/", people.TokenView.as_view(), name="api-token"),
    path("me/", people.MeView.as_view(), name="api-me"),
    # reference data
    path("organizations/", reference.OrganizationList.as_view(), name="api-organizations"),
    path(
        "organizations/<id:pk>/",
        reference.OrganizationDetail.as_view(),
        name="api-organization",
    ),
    path("areas/", reference.AreaList.as_view(), name="api-areas"),
    path("areas/<id:pk>/", reference.AreaDetail.as_view(), name="api-area"),
    path("directive-types/", reference.DirectiveTypeList.as_view(), name="api-directive-types"),
    path(
        "directive-types/<id:pk>/",
        reference.DirectiveTypeDetail.as_view(),
        name="api-directive-type",
    ),
    # meetings and directives
    path("rakor/", meetings.RakorList.as_view(), name="api-rakor-list"),
    path("rakor/<id:pk>/", meetings.RakorDetail.as_view(), name="api-rakor"),
    path("rakor/<id:pk>/held/", meetings.RakorHeld.as_view(), name="api-rakor-held"),
    path("rakor/<id:pk>/close/", meetings.RakorClose.as_view(), name="api-rakor-close"),
    path("directives/", meetings.DirectiveList.as_view(), name="api-directives"),
    path("directives/<id:pk>/", meetings.DirectiveDetail.as_view(), name="api-directive"),
    path(
        "directives/<id:pk>/fan-out/",
        meetings.DirectiveFanOut.as_view(),
        name="api-directive-fan-out",
    ),
    # cases
    path("cases/", cases.CaseList.as_view(), name="api-cases"),
    path(case, cases.CaseDetail.as_view(), name="api-case"),
    path(case + "transitions/", cases.CaseTransitionList.as_view(), name="api-case-transitions"),
    *[
        path(f"{case}transitions/{name}/", view.as_view(), name=f"api-case-transition-{name}")
        for name, view in cases.TRANSITION_VIEWS.items()
    ],
    path(case + "history/", records.CaseHistory.as_view(), name="api-case-history"),
    path(case + "progress/", records.ProgressList.as_view(), name="api-case-progress"),
    path(case + "evidence/", records.EvidenceList.as_view(), name="api-case-evidence"),
    path(
        case + "evidence/<id:pk>/download/",
        records.EvidenceDownload.as_view(),
        name="api-case-evidence-download",
    ),
    path(case + "holds/", records.HoldList.as_view(), name="api-case-holds"),
    path(
        case + "holds/<id:pk>/decision/",
        records.HoldDecision.as_view(),
        name="api-case-hold-decision",
    ),
    path(case + "extensions/", records.ExtensionList.as_view(), name="api-case-extensions"),
    path(
        case + "extensions/<id:pk>/decision/",
        records.ExtensionDecision.as_view(),
        name="api-case-extension-decision",
    ),
    # people
    path("notifications/", people.NotificationList.as_view(), name="api-notifications"),
    path(
        "notifications/<id:pk>/read/",
        people.NotificationRead.as_view(),
        name="api-notification-read",
    ),
    path(
        "notifications/read-all/",
        people.NotificationReadAll.as_view(),
        name="api-notifications-read-all",
    ),
    path("stats/summary/", people.Summary.as_view(), name="api-summary"),
    # webhooks
    path("webhooks/", hooks.WebhookList.as_view(), name="api-webhooks"),
    path("webhooks/<id:pk>/", hooks.WebhookDetail.as_view(), name="api-webhook"),
    path(
        "webhooks/<id:pk>/deliveries/",
        hooks.WebhookDeliveryList.as_view(),
        name="api-webhook-deliveries",
    ),
    # anything else under /api/v1/: a JSON 404, not an HTML page
    # [\s\S], not ".": a path with an encoded newline (%0A) must not slip past to the site's
    # HTML 404 (an inline (?s) flag would break URL reversing)
    re_path(r"^[\s\S]*$", not_found_view, name="api-not-found"),
]
