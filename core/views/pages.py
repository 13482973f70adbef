"""The frame's own pages: home (My work), notifications, job runs, compliance logs."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.http import require_POST

from core import mywork, params
from core.filters import AccessLogFilterSet, AuditEventFilterSet, ExportLogFilterSet
from core.forms import ParameterForm
from core.history import is_sensitive, may_unmask
from core.home import panels_for
from core.models import AccessLog, AuditEvent, ExportLog, Notification, TaskRun
from core.permissions import perm_name
from core.services import access_log, notification_mark_read
from core.tables import AccessLogTable, AuditEventTable, ExportLogTable, NotificationTable
from core.views.generic import ObjectListView, get_visible_or_404


@login_required
def home(request):
    """The user's start page: everything waiting for them, from every app."""
    items = mywork.refresh(request.user)
    recent = request.user.notifications.filter(read_at__isnull=True)[:5]
    return render(
        request,
        "core/home.html",
        {
            "work_items": items,
            "recent_notifications": recent,
            "panels": panels_for(request.user),
        },
    )


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# The colour of the top bar: the phone's status bar and the installed app's splash screen.
THEME_COLOUR = "#1f3a60"


def manifest(request):
    """The web app manifest: the site can be added to a phone's home screen.

    Public (a browser fetches it without the session cookie) and holding nothing personal;
    no service worker: nothing is kept offline.
    """
    from django.conf import settings
    from django.http import JsonResponse
    from django.templatetags.static import static
    from django.utils.translation import gettext

    product = gettext("Inside-Sales Management")
    name = f"{settings.COMPANY_NAME} · {product}" if settings.COMPANY_NAME else product
    data = {
        "name": name,
        "short_name": gettext("Inside sales"),
        "description": gettext(
            "Customers, visits, opportunities and follow-ups of the inside-sales department."
        ),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOUR,
        "background_color": "#f3f5f8",
        "icons": [
            {
                "src": static(f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for size in (192, 512)
            for purpose in ("any", "maskable")
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


class NotificationListView(LoginRequiredMixin, generic.ListView):
    """The user's own notifications (no model permission needed: they are theirs)."""

    template_name = "core/notification_list.html"
    paginate_by = 25

    def get_queryset(self):
        qs = Notification.objects.filter(recipient=self.request.user)
        if self.request.GET.get("unread"):
            qs = qs.filter(read_at__isnull=True)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["table"] = NotificationTable(context["object_list"])
        context["unread_only"] = bool(self.request.GET.get("unread"))
        return context


@login_required
def notification_open(request, pk):
    """Open a notification: mark it read and follow its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(url)
    return HttpResponseRedirect(reverse("core:notification_list"))


@login_required
def notification_menu(request):
    """The bell's dropdown (htmx partial): the latest unread notifications."""
    items = request.user.notifications.filter(read_at__isnull=True)[:8]
    return render(request, "core/notification_menu.html", {"items": items})


@login_required
@require_POST
def notification_mark_all_read(request):
    notification_mark_read(user=request.user)
    return HttpResponseRedirect(reverse("core:notification_list"))


class TaskRunDetailView(LoginRequiredMixin, generic.DetailView):
    """A background job's progress (polled with htmx) and result."""

    template_name = "core/taskrun.html"

    def get_object(self, queryset=None):
        run = get_object_or_404(TaskRun, pk=self.kwargs["pk"])
        user = self.request.user
        if run.user_id != user.pk and not user.has_perm("core.view_taskrun"):
            raise Http404
        return run

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return ["core/taskrun.html#progress"]
        return [self.template_name]


@login_required
@require_POST
def history_unmask(request, model, pk, history_id, field):
    """The clear value of a sensitive field in one row of a record's history, for a reader
    who may see the record and its sensitive data; written to the access log (htmx POST)."""
    try:
        model_class = apps.get_model(model)
        model_field = model_class._meta.get_field(field)
    except (LookupError, ValueError, FieldDoesNotExist) as exc:
        raise Http404 from exc
    if not is_sensitive(model_field) or not hasattr(model_class, "history"):
        raise Http404
    if not request.user.has_perm(perm_name(model_class, "view")):
        raise PermissionDenied
    obj = get_visible_or_404(model_class, request.user, pk)
    if not may_unmask(request.user, model_class):
        raise PermissionDenied
    record = get_object_or_404(obj.history.all(), history_id=history_id)
    access_log(
        user=request.user,
        obj=obj,
        request=request,
        action=AccessLog.Action.UNMASK,
        field=f"history:{history_id}:{field}"[:50],
    )
    return render(
        request,
        "generic/_history_unmasked.html",
        {
            "value": getattr(record, model_field.attname),
            "dom_id": f"history-{history_id}-{field}",
        },
    )


class AccessLogListView(ObjectListView):
    model = AccessLog
    queryset = AccessLog.objects.select_related("user", "content_type")
    table_class = AccessLogTable
    filterset_class = AccessLogFilterSet
    export_what = _("Access log")


class ExportLogListView(ObjectListView):
    model = ExportLog
    queryset = ExportLog.objects.select_related("user")
    table_class = ExportLogTable
    filterset_class = ExportLogFilterSet
    export_what = _("Export log")


class AuditEventListView(ObjectListView):
    model = AuditEvent
    queryset = AuditEvent.objects.select_related("actor", "content_type")
    table_class = AuditEventTable
    filterset_class = AuditEventFilterSet
    export_what = _("Audit events")


def _group_name(group):
    """The settings of one app are headed by the app's name."""
    try:
        return apps.get_app_config(group).verbose_name
    except LookupError:
        return group


class ParameterListView(LoginRequiredMixin, generic.TemplateView):
    """Every company setting with its current value and default."""

    template_name = "core/parameter_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("core.view_parameter"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {}
        for key, definition in params.definitions().items():
            value = params.get(key)
            groups.setdefault(definition.group, []).append(
                {
                    "definition": definition,
                    "key": key,
                    "anchor": key.replace(".", "-"),
                    "value": definition.display(value),
                    "default": definition.display(definition.default),
                    "changed": value != definition.default,
                }
            )
        context["groups"] = [
            {"name": _group_name(group), "rows": rows} for group, rows in groups.items()
        ]
        context["can_change"] = self.request.user.has_perm("core.change_parameter")
        return context


class ParameterEditView(LoginRequiredMixin, generic.FormView):
    """Change one company setting (kept in history)."""

    template_name = "core/parameter_edit.html"
    form_class = ParameterForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("core.change_parameter"):
            raise PermissionDenied
        self.definition = params.definitions().get(kwargs["key"])
        if self.definition is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["definition"] = self.definition
        kwargs["initial"] = {"value": params.get(self.definition.key)}
        return kwargs

    def form_valid(self, form):
        if form.cleaned_data.get("reset"):
            params.reset(self.definition.key, actor=self.request.user)
        else:
            params.set_value(
                self.definition.key, form.cleaned_data["value"], actor=self.request.user
            )
        messages.success(self.request, _("Setting saved."))
        return HttpResponseRedirect(reverse("core:parameter_list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["definition"] = self.definition
        context["default"] = self.definition.display(self.definition.default)
        return context
