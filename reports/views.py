"""Pages of the report archive: the list of stored reports, a report's figures and files,
the request form (a background job with a progress bar), retry, and the permission-checked
downloads (never a public media URL). Every write goes through reports.services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.jobs import queue_tracked, run_start
from core.views.generic import (
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
)

from . import selectors, services, statistics, tasks
from .files import BREAKDOWNS, PDF_COLUMNS, breakdown_title
from .filters import ReportSnapshotFilterSet
from .forms import ReportRequestForm
from .models import ReportSnapshot
from .tables import ReportSnapshotTable

RUN_NAME = "generate_report"


def _queue(snapshot_request, *, user, **kwargs):
    """Request a snapshot as ``user`` with a progress page; returns the TaskRun."""
    with transaction.atomic():
        run = run_start(name=RUN_NAME, user=user)
        snapshot = snapshot_request(actor=user, run=run, **kwargs)
        run.key = str(snapshot)[:200]
        run.save(update_fields=["key"])
        queue_tracked(tasks.generate_report, snapshot.pk, snapshot.generation, run=run)
    return run


class ReportListView(ObjectListView):
    """The reports the user may see, newest period first; failed ones with their error."""

    model = ReportSnapshot
    queryset = selectors.snapshot_list()
    table_class = ReportSnapshotTable
    filterset_class = ReportSnapshotFilterSet
    template_name = "reports/report_list.html"
    add_label = gettext_lazy("New report")
    export_what = gettext_lazy("Report archive")
    empty_message = gettext_lazy(
        "No reports yet — the daily, weekly and monthly reports appear here once generated."
    )

    def get_table_kwargs(self):
        user = self.request.user
        return {"retry_scopes": [s.key for s in services.generatable_scopes(user)]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["failed_count"] = (
            self.get_queryset().filter(status=ReportSnapshot.Status.FAILED).count()
        )
        return context


class ReportCreateView(ObjectPermissionMixin, generic.FormView):
    """Request a report for any period and scope; it is generated in the background and
    the progress page links to it when ready."""

    model = ReportSnapshot
    action = "add"
    form_class = ReportRequestForm
    template_name = "reports/report_add.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = {}
        for name in ("period_kind", "day", "scope"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name]
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            run = _queue(
                services.snapshot_request,
                user=self.request.user,
                scope=data["scope_obj"],
                period=data["period"],
            )
        except PermissionDenied:
            form.add_error("scope", _("You may not request reports for this scope."))
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        # The job's page shows the progress, and the outcome once it ends.
        return HttpResponseRedirect(run.get_absolute_url())


def summary_rows(snapshot):
    """The stored summary with each figure's current-language label."""
    rows = []
    for row in snapshot.figures.get("summary", []):
        figure = statistics.FIGURES_BY_KEY.get(row["key"])
        rows.append(
            {
                **row,
                "label": figure.label if figure else row.get("label"),
                "key_figure": row["key"] in ("premium_total", "new_policies", "visits"),
            }
        )
    return rows


def breakdown_sections(snapshot):
    """The stored breakdowns as the PDF shows them (same columns, same numbers)."""
    stored = snapshot.figures.get("breakdowns", {})
    sections = []
    for by, _title in BREAKDOWNS:
        rows = stored.get(by) or []
        if not rows:
            continue
        present = set().union(*(row.keys() for row in rows))
        figures = [f for f in statistics.FIGURES if f.key in present and f.key in PDF_COLUMNS]
        sections.append(
            {
                "by": by,
                "title": breakdown_title(by),
                "figures": figures,
                "rows": [
                    {"label": row.get("label"), "values": [(f, row.get(f.key)) for f in figures]}
                    for row in rows
                ],
            }
        )
    return sections


class ReportDetailView(ObjectDetailView):
    """One report: its period and scope, the figures, the breakdowns and the two files."""

    model = ReportSnapshot
    queryset = ReportSnapshot.objects.select_related("generated_by", "task_run")
    template_name = "reports/report.html"

    def get_actions(self, obj=None):
        user = self.request.user
        scope = statistics.Scope.from_key(obj.scope_key)
        return {
            "add": False,
            "change": False,
            "delete": False,
            "download": obj.is_ready,
            "regenerate": services.may_generate(user, scope),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = summary_rows(self.object)
        context["sections"] = breakdown_sections(self.object)
        context["edit_url"] = context["delete_url"] = None
        return context


class ReportHistoryView(ObjectHistoryView):
    model = ReportSnapshot


class ReportDownloadView(ObjectPermissionMixin, generic.View):
    """A stored report file, to those who may see its scope; every download is logged."""

    model = ReportSnapshot

    def get(self, request, pk, fmt):
        snapshot = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            handle = services.snapshot_download(
                snapshot=snapshot, user=request.user, fmt=fmt, request=request
            )
        except ValidationError as exc:
            raise Http404(" ".join(exc.messages)) from exc
        return FileResponse(handle, as_attachment=True, filename=snapshot.file_name(fmt))


class ReportRetryView(ObjectPermissionMixin, generic.View):
    """Generate a report again (a failed one, or to refresh its figures)."""

    model = ReportSnapshot
    action = "add"
    http_method_names = ["post"]

    def get_queryset(self):
        return ReportSnapshot.objects.visible_to(self.request.user, "view")

    def post(self, request, pk):
        snapshot = get_object_or_404(self.get_queryset(), pk=pk)
        scope = statistics.Scope.from_key(snapshot.scope_key)
        if not services.may_generate(request.user, scope):
            raise PermissionDenied
        run = _queue(
            services.snapshot_request, user=request.user, scope=scope, period=snapshot.period
        )
        return HttpResponseRedirect(run.get_absolute_url())
