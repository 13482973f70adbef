"""Exit audit pages (離職審計): the list, HR's start form, the audit with its checklist and
its steps, the report of the leaver's last 90 days (page, Excel, PDF), the signed reminder.
The forms, table and filter of these pages live here beside them."""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import exports
from core.filters import BaseFilterSet
from core.forms import BaseForm
from core.pickers import TypeaheadChoiceField
from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn
from core.templatetags.core_tags import ymd
from core.uploads import PDF_ONLY, FileValidator
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    add_validation_error,
    form_errors,
    get_visible_or_404,
)

from ..models import ExitAudit, ExitItem
from ..services import exits as services
from .agreements import _file_response, _FormPage

# --- forms, table, filter --------------------------------------------------------------------


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ExitStartForm(BaseForm):
    sections = [
        (gettext_lazy("Leaver"), ["employee", "leaving_on", "successor", "reason"]),
        (gettext_lazy("To return"), ["documents", "devices"]),
    ]

    employee = TypeaheadChoiceField("confidentiality.employee", label=gettext_lazy("leaver"))
    leaving_on = forms.DateField(label=gettext_lazy("leaving date"))
    successor = TypeaheadChoiceField(
        "confidentiality.employee",
        label=gettext_lazy("successor"),
        help_text=gettext_lazy(
            "Takes over the leaver's customers, opportunities, follow-ups, claims and renewals."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("reason for leaving"), max_length=DESCRIPTION_LENGTH, required=False
    )
    documents = forms.CharField(
        label=gettext_lazy("documents to return"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, e.g. customer files on paper, contracts."),
    )
    devices = forms.CharField(
        label=gettext_lazy("devices, keys and cards to return"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, e.g. laptop, work phone, USB key, door card."),
    )

    def clean(self):
        data = super().clean()
        for name in ("documents", "devices"):
            if any(len(line) > 200 for line in _lines(data.get(name))):
                self.add_error(name, _("Each item has at most 200 characters."))
        return data


class ExitItemForm(BaseForm):
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=ExitItem.Kind.choices)
    description = forms.CharField(label=gettext_lazy("item"), max_length=200)


class ExitReviewForm(BaseForm):
    note = forms.CharField(
        label=gettext_lazy("review finding"),
        max_length=DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExitReminderForm(BaseForm):
    scan = forms.FileField(
        label=gettext_lazy("signed confidentiality reminder"),
        validators=[FileValidator(kinds=PDF_ONLY)],
        help_text=gettext_lazy("The scanned reminder signed by the leaver (PDF)."),
    )
    signed_on = forms.DateField(label=gettext_lazy("signed on"))


class ExitCloseForm(BaseForm):
    note = forms.CharField(
        label=gettext_lazy("closing note"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExitAuditTable(BaseTable):
    employee = tables.Column(
        verbose_name=gettext_lazy("leaver"),
        accessor="employee__name",
        linkify=lambda record: record.get_absolute_url(),
    )
    leaving_on = DateTimeColumn(verbose_name=gettext_lazy("leaving date"))
    successor = tables.Column(verbose_name=gettext_lazy("successor"), accessor="successor__name")
    status = ChoiceBadgeColumn(
        {"open": "warning", "closed": "success"}, verbose_name=gettext_lazy("status")
    )
    started_by = tables.Column(
        verbose_name=gettext_lazy("started by"), accessor="started_by__full_name"
    )

    class Meta(BaseTable.Meta):
        model = ExitAudit
        fields = ("employee", "leaving_on", "successor", "status", "started_by")


class ExitAuditFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "successor__name")
    status = django_filters.ChoiceFilter(
        choices=ExitAudit.Status.choices, label=gettext_lazy("status")
    )

    class Meta:
        model = ExitAudit
        fields = ["status"]


def exit_list_base():
    return ExitAudit.objects.select_related("employee", "successor", "started_by")


# --- pages -----------------------------------------------------------------------------------


class ExitAuditListView(ObjectListView):
    model = ExitAudit
    table_class = ExitAuditTable
    filterset_class = ExitAuditFilterSet
    queryset = exit_list_base()
    empty_message = gettext_lazy("No exit audit yet.")
    add_label = gettext_lazy("Start an exit audit")


class ExitStartView(_FormPage, ObjectPermissionMixin, generic.FormView):
    model = ExitAudit
    action = "add"
    form_class = ExitStartForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(is_new=True, cancel_url=context.get("list_url"))
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        items = [(ExitItem.Kind.DOCUMENT, line) for line in _lines(data["documents"])]
        items += [(ExitItem.Kind.DEVICE, line) for line in _lines(data["devices"])]
        try:
            audit = services.exit_start(
                actor=self.request.user,
                employee=data["employee"],
                leaving_on=data["leaving_on"],
                successor=data["successor"],
                reason=data["reason"],
                items=items,
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Exit audit started."))
        return redirect(audit)


class ExitPageMixin(ObjectDetailMixin):
    model = ExitAudit
    queryset = exit_list_base()

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        if obj is not None and obj.status == ExitAudit.Status.CLOSED:
            actions["change"] = False
        return actions


class ExitAuditDetailView(ExitPageMixin, ObjectDetailView):
    template_name = "confidentiality/exit/audit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit = self.object
        user = self.request.user
        items = list(audit.items.select_related("received_by"))
        is_open = audit.status == ExitAudit.Status.OPEN
        may_change = is_open and user.has_perm(services.CHANGE_PERM)
        may_close = is_open and user.has_perm(services.CLOSE_PERM)
        book = services.leaver_book(audit.employee.user)
        context.update(
            items=items,
            checklist=services.checklist(audit, items),
            handover=[
                (label, audit.handover.get(key, 0))
                for key, label in services.HANDOVER_LABELS.items()
            ],
            book=[(label, book[key].count()) for key, label in services.HANDOVER_LABELS.items()]
            if is_open and audit.handed_over_at is None
            else None,
            summary=services.activity_summary(audit),
            period=services.report_period(audit),
            due=audit.leaving_on <= timezone.localdate(),
            may_change=may_change,
            may_close=may_close,
            item_form=ExitItemForm(),
            review_form=ExitReviewForm(),
            reminder_form=ExitReminderForm(initial={"signed_on": timezone.localdate()}),
            close_form=ExitCloseForm(),
        )
        return context


class ExitAuditHistoryView(ExitPageMixin, ObjectHistoryView):
    pass


class _ExitStep(ExitPageMixin, ObjectPostView):
    perm = services.CHANGE_PERM

    def perform(self, request, audit, **kwargs):
        self.step(request, audit, **kwargs)


class ExitDeactivateView(_ExitStep):
    def step(self, request, audit):
        services.exit_deactivate(actor=request.user, audit=audit)
        messages.success(request, _("Account closed; the leaver's sessions are ended."))


class ExitRevokeView(_ExitStep):
    def step(self, request, audit):
        audit = services.exit_revoke_grants(actor=request.user, audit=audit)
        messages.success(request, _("%(count)s shares revoked.") % {"count": audit.grants_revoked})


class ExitHandOverView(_ExitStep):
    def step(self, request, audit):
        audit = services.exit_hand_over(actor=request.user, audit=audit)
        messages.success(
            request,
            _("%(count)s records handed to %(name)s.")
            % {"count": sum(audit.handover.values()), "name": audit.successor.name},
        )


class ExitItemAddView(_ExitStep):
    def step(self, request, audit):
        form = ExitItemForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.exit_item_add(actor=request.user, audit=audit, **form.cleaned_data)
        messages.success(request, _("Item added."))


class ExitItemReturnView(_ExitStep):
    def step(self, request, audit, item):
        item = audit.items.filter(pk=item).first()
        if item is None:
            raise ValidationError(_("No such item."))
        services.exit_item_return(actor=request.user, item=item)
        messages.success(request, _("Returned: %(item)s") % {"item": item.description})


class ExitReminderView(_ExitStep):
    def step(self, request, audit):
        form = ExitReminderForm(request.POST, request.FILES)
        if not form.is_valid():
            raise form_errors(form)
        services.exit_reminder_file(actor=request.user, audit=audit, **form.cleaned_data)
        messages.success(request, _("Signed reminder filed."))


class ExitReviewView(_ExitStep):
    perm = services.CLOSE_PERM

    def step(self, request, audit):
        form = ExitReviewForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.exit_activity_review(actor=request.user, audit=audit, **form.cleaned_data)
        messages.success(request, _("Review recorded."))


class ExitCloseView(_ExitStep):
    perm = services.CLOSE_PERM

    def step(self, request, audit):
        form = ExitCloseForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.exit_close(actor=request.user, audit=audit, **form.cleaned_data)
        messages.success(request, _("Exit audit closed."))


class ExitReminderScanView(ObjectPermissionMixin, generic.View):
    """The signed reminder (access-logged, stamped for its downloader)."""

    model = ExitAudit

    def get(self, request, pk):
        audit = get_visible_or_404(ExitAudit, request.user, pk)
        return _file_response(request, audit, "reminder_scan", "reminder.pdf")


def _report_sheets(audit):
    views = [
        (
            timezone.localtime(row.when),
            row.get_action_display(),
            str(row.content_type.model_class()._meta.verbose_name)
            if row.content_type.model_class()
            else "",
            row.object_repr,
            row.field,
            row.ip_address or "",
        )
        for row in services.activity_views(audit)
    ]
    exported = [
        (
            timezone.localtime(row.when),
            row.what,
            row.file_format,
            row.row_count,
            _("Yes") if row.clear_values else _("No"),
            row.purpose,
            row.ip_address or "",
        )
        for row in services.activity_exports(audit)
    ]
    C = exports.Column
    return [
        exports.Sheet(
            _("Viewed"),
            [
                C(_("when"), 18, exports.DATETIME),
                C(_("action"), 12),
                C(_("kind of record"), 16),
                C(_("record"), 30),
                C(_("field"), 14),
                C(_("IP address"), 16),
            ],
            views,
        ),
        exports.Sheet(
            _("Exported"),
            [
                C(_("when"), 18, exports.DATETIME),
                C(_("what"), 40),
                C(_("format"), 8),
                C(_("rows"), 8, exports.INTEGER, total=True),
                C(_("clear values"), 10),
                C(_("purpose"), 30),
                C(_("IP address"), 16),
            ],
            exported,
        ),
    ]


class ExitReportView(ExitPageMixin, ObjectDetailView):
    """What the leaver viewed and exported in the last 90 days: the page, ?format=xlsx, or
    ?format=pdf (each download in the export log)."""

    template_name = "confidentiality/exit/report.html"

    def get_required_permission(self):
        return "confidentiality.view_exitaudit"

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt not in ("xlsx", "pdf"):
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        audit = self.object
        start, end = services.report_period(audit)
        what = _("Activity of %(name)s, %(start)s to %(end)s") % {
            "name": audit.employee.name,
            "start": ymd(start),
            "end": ymd(end),
        }
        name = f"exit-activity-{audit.employee.employee_no}-{end:%Y%m%d}"
        if fmt == "xlsx":
            return exports.excel_response(
                request,
                filename=f"{name}.xlsx",
                sheets=_report_sheets(audit),
                what=what,
                filters={"exit_audit": audit.pk},
                filter_labels=[(_("leaver"), audit.employee.name)],
            )
        views = list(services.activity_views(audit)[:2000])
        exported = list(services.activity_exports(audit))
        return exports.pdf_response(
            request,
            template_name="confidentiality/exit/report_pdf.html",
            context={
                "audit": audit,
                "views": views,
                "exported": exported,
                "summary": services.activity_summary(audit),
                "start": start,
                "end": end,
            },
            filename=f"{name}.pdf",
            what=what,
            row_count=len(views) + len(exported),
            filters={"exit_audit": audit.pk},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit = self.object
        context.update(
            views=list(services.activity_views(audit)[:500]),
            exported=list(services.activity_exports(audit)[:500]),
            summary=services.activity_summary(audit),
            period=services.report_period(audit),
        )
        return context
