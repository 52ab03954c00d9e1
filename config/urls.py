from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from web.site import site


def healthz(request):
    """Liveness for a load balancer, and the trivial view the benchmarks compare against:
    no database, no session, no template."""
    return HttpResponse("ok", content_type="text/plain")


# Evidence files are never served from MEDIA_URL: web.views checks who may see the case.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("api.urls")),
    path("", RedirectView.as_view(pattern_name="tugas:index"), name="home"),
    path("", site.urls),
]
