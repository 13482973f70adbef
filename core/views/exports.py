"""Clear export requests: the requester's and the approving supervisor's pages, the decision
and the download (core.clear_exports)."""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import clear_exports
from core.filters import BaseFilterSet
from core.forms import ExportDecisionForm
from core.models import ExportRequest
from core.tables import BaseTable, DateTimeColumn
from core.views.generic import (
    ObjectDetailView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    error_text,
)


class ExportRequestFilterSet(BaseFilterSet):
    search_fields = ("what", "purpose", "requester__full_name", "requester__username")
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=ExportRequest.Status.choices
    )
    date_from = django_filters.DateFilter(
        field_name="created",
        lookup_expr="date__gte",
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="created",
        lookup_expr="date__lte",
        label=gettext_lazy("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ExportRequest
        fields = ["q", "status", "date_from", "date_to"]


class ExportRequestTable(BaseTable):
    created = DateTimeColumn(verbose_name=gettext_lazy("requested"))
    what = tables.Column(verbose_name=gettext_lazy("what"), linkify=True)

    class Meta(BaseTable.Meta):
        model = ExportRequest
        fields = ("created", "requester", "what", "row_count", "purpose", "status", "approver")


class ExportRequestListView(ObjectListView):
    model = ExportRequest
    queryset = ExportRequest.objects.select_related("requester", "approver")
    table_class = ExportRequestTable
    filterset_class = ExportRequestFilterSet
    empty_message = gettext_lazy("No clear export requests.")

    def can_export(self):
        return False


class ExportRequestDetailView(ObjectDetailView):
    model = ExportRequest
    queryset = ExportRequest.objects.select_related("requester", "approver", "run")
    template_name = "core/exportrequest.html"

    def get_actions(self, obj=None):
        user = self.request.user
        pending = obj.status == ExportRequest.Status.PENDING
        return {
            "decide": pending
            and user.has_perm(clear_exports.APPROVE_PERM)
            and user.pk != obj.requester_id
            and (user.pk == obj.approver_id or user.is_superuser),
            "download": obj.status == ExportRequest.Status.DONE and user.pk == obj.requester_id,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision_form"] = ExportDecisionForm()
        return context


class _DecisionView(ObjectPermissionMixin, ObjectPostView):
    model = ExportRequest
    perm = clear_exports.APPROVE_PERM

    def perform(self, request, obj, **kwargs):
        form = ExportDecisionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(error_text(ValidationError(list(form.errors.values()))))
        self.decide(request, obj, form.cleaned_data["note"])


class ExportRequestApproveView(_DecisionView):
    def decide(self, request, obj, note):
        clear_exports.export_request_approve(actor=request.user, request=obj, note=note)
        messages.success(request, _("Approved: the file is being prepared for the requester."))


class ExportRequestRejectView(_DecisionView):
    def decide(self, request, obj, note):
        clear_exports.export_request_reject(actor=request.user, request=obj, note=note)
        messages.success(request, _("The export was refused; the requester is told."))


class ExportRequestDownloadView(ObjectPermissionMixin, generic.View):
    """The approved file, stamped for the requester who downloads it; logged."""

    model = ExportRequest

    def get(self, request, pk):
        export_request = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            handle = clear_exports.export_request_download(
                request=export_request, user=request.user, http_request=request
            )
        except ValidationError as exc:
            raise Http404(" ".join(exc.messages)) from exc
        return FileResponse(handle, as_attachment=True, filename=f"export-{export_request.pk}.xlsx")
