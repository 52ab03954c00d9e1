"""The user's in-app notifications: list, mark one or all read, open the case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cases import selectors, services
from cases.errors import NotFound

PAGE_SIZE = 30


@login_required
def notification_list(request):
    show = request.GET.get("tampil", "semua")
    if show not in ("semua", "belum"):
        show = "semua"
    notifications = selectors.notifications_for(request.user).order_by("-created_at", "-pk")
    if show == "belum":
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return TemplateResponse(
        request,
        "web/notifications.html",
        {
            "page": page,
            "chosen": show,
            "unread": selectors.unread_notification_count(request.user),
            "messages_inline": True,
        },
    )


@login_required
@require_POST
def notification_read(request, notification_id: int):
    """Mark one read; with ``buka`` go to its case (the link in the list)."""
    try:
        notification = services.notification_mark_read(
            notification_id=notification_id, actor=request.user
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if request.POST.get("buka") and notification.case_id:
        return HttpResponseRedirect(reverse("kasus:detail", args=[notification.case_id]))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notifikasi:index")
    return HttpResponseRedirect(target)


@login_required
@require_POST
def notifications_read_all(request):
    changed = services.notifications_mark_all_read(actor=request.user)
    if changed:
        messages.success(
            request,
            ngettext(
                "%(n)d notifikasi ditandai dibaca.", "%(n)d notifikasi ditandai dibaca.", changed
            )
            % {"n": changed},
        )
    else:
        messages.info(request, _("Tidak ada notifikasi yang belum dibaca."))
    return HttpResponseRedirect(reverse("notifikasi:index"))
