"""Retention and destruction pages (compliance only): the retention schedule and its edit
form, the records past retention (proposed for destruction as a batch), the batches with
their approval by a second person and the destruction, the destruction register (Excel).
The forms, tables and filters of these pages live here beside them."""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.filters import BaseFilterSet
from core.forms import BaseForm
from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn
from core.validators import DESCRIPTION_LENGTH
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

from ..models import (
    DestructionBatch,
    DestructionCandidate,
    DestructionRecord,
    DocumentKind,
    RetentionRule,
)
from ..services import retention as services
from .agreements import _FormPage

# --- forms, tables, filters ------------------------------------------------------------------


class RetentionRuleForm(BaseForm):
    years = forms.IntegerField(label=gettext_lazy("kept for (years)"), min_value=1, max_value=50)
    active = forms.BooleanField(label=gettext_lazy("in use"), required=False)
    note = forms.CharField(
        label=gettext_lazy("legal basis"), max_length=DESCRIPTION_LENGTH, required=False
    )


class ProposeForm(BaseForm):
    reason = forms.CharField(
        label=gettext_lazy("reason"), max_length=DESCRIPTION_LENGTH, required=False
    )


class DecisionForm(BaseForm):
    note = forms.CharField(
        label=gettext_lazy("decision note"), max_length=DESCRIPTION_LENGTH, required=False
    )


class RetentionRuleTable(BaseTable):
    kind = tables.Column(verbose_name=gettext_lazy("document kind"), linkify=True)
    years = tables.Column(verbose_name=gettext_lazy("kept for (years)"))
    active = tables.BooleanColumn(verbose_name=gettext_lazy("in use"))
    note = tables.Column(verbose_name=gettext_lazy("legal basis"))

    class Meta(BaseTable.Meta):
        model = RetentionRule
        fields = ("kind", "years", "active", "note")


class CandidateTable(BaseTable):
    pick = tables.TemplateColumn(
        '{% if record.status == "listed" %}<input type="checkbox" class="form-check-input" '
        'name="candidates" value="{{ record.pk }}" form="propose-form" '
        'aria-label="{{ record.object_repr }}">{% endif %}',
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )
    kind = tables.Column(verbose_name=gettext_lazy("document kind"))
    object_repr = tables.Column(verbose_name=gettext_lazy("record"))
    retention_ended_on = DateTimeColumn(verbose_name=gettext_lazy("retention ended on"))
    status = ChoiceBadgeColumn(
        {"listed": "info", "proposed": "warning", "destroyed": "dark"},
        verbose_name=gettext_lazy("status"),
    )
    batch = tables.Column(verbose_name=gettext_lazy("batch"), linkify=True)

    class Meta(BaseTable.Meta):
        model = DestructionCandidate
        fields = ("pick", "kind", "object_repr", "retention_ended_on", "status", "batch")


class BatchTable(BaseTable):
    number = tables.Column(verbose_name=gettext_lazy("batch number"), linkify=True)
    status = ChoiceBadgeColumn(
        {"proposed": "warning", "approved": "info", "rejected": "secondary", "destroyed": "dark"},
        verbose_name=gettext_lazy("status"),
    )
    count = tables.Column(verbose_name=gettext_lazy("records"), accessor="candidate_count")
    proposed_by = tables.Column(
        verbose_name=gettext_lazy("proposed by"), accessor="proposed_by__full_name"
    )
    created = DateTimeColumn(verbose_name=gettext_lazy("proposed at"))
    decided_by = tables.Column(
        verbose_name=gettext_lazy("approved by"), accessor="decided_by__full_name"
    )

    class Meta(BaseTable.Meta):
        model = DestructionBatch
        fields = ("number", "status", "count", "proposed_by", "created", "decided_by")


class RecordTable(BaseTable):
    destroyed_at = DateTimeColumn(verbose_name=gettext_lazy("destroyed at"))
    batch = tables.Column(verbose_name=gettext_lazy("batch"), linkify=True)
    kind = tables.Column(verbose_name=gettext_lazy("document kind"))
    object_repr = tables.Column(verbose_name=gettext_lazy("record"))
    action = tables.Column(verbose_name=gettext_lazy("action"))
    files_removed = tables.Column(verbose_name=gettext_lazy("files removed"))
    details = tables.Column(verbose_name=gettext_lazy("what was destroyed"))
    kept = tables.Column(verbose_name=gettext_lazy("what was kept"))
    retention_ended_on = DateTimeColumn(verbose_name=gettext_lazy("retention ended on"))
    destroyed_by = tables.Column(
        verbose_name=gettext_lazy("destroyed by"), accessor="destroyed_by__full_name"
    )
    approved_by = tables.Column(
        verbose_name=gettext_lazy("approved by"), accessor="approved_by__full_name"
    )

    class Meta(BaseTable.Meta):
        model = DestructionRecord
        fields = (
            "destroyed_at",
            "batch",
            "kind",
            "object_repr",
            "action",
            "files_removed",
            "details",
            "kept",
            "retention_ended_on",
            "destroyed_by",
            "approved_by",
        )


class RetentionRuleFilterSet(BaseFilterSet):
    search_fields = ("note",)

    class Meta:
        model = RetentionRule
        fields = ["active"]


class CandidateFilterSet(BaseFilterSet):
    search_fields = ("object_repr",)
    kind = django_filters.ChoiceFilter(
        choices=DocumentKind.choices, label=gettext_lazy("document kind")
    )
    status = django_filters.ChoiceFilter(
        choices=DestructionCandidate.Status.choices, label=gettext_lazy("status")
    )

    class Meta:
        model = DestructionCandidate
        fields = ["kind", "status"]


class BatchFilterSet(BaseFilterSet):
    search_fields = ("number", "reason")
    status = django_filters.ChoiceFilter(
        choices=DestructionBatch.Status.choices, label=gettext_lazy("status")
    )

    class Meta:
        model = DestructionBatch
        fields = ["status"]


class RecordFilterSet(BaseFilterSet):
    search_fields = ("object_repr", "batch__number")
    kind = django_filters.ChoiceFilter(
        choices=DocumentKind.choices, label=gettext_lazy("document kind")
    )

    class Meta:
        model = DestructionRecord
        fields = ["kind"]


# --- the schedule ----------------------------------------------------------------------------


class RetentionRuleListView(ObjectListView):
    model = RetentionRule
    table_class = RetentionRuleTable
    filterset_class = RetentionRuleFilterSet
    queryset = RetentionRule.objects.all()
    empty_message = gettext_lazy("No retention period yet: the daily job sets the defaults.")

    def get_required_permission(self):
        return "confidentiality.change_retentionrule"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = None
        return context


class RetentionRulePageMixin(ObjectDetailMixin):
    model = RetentionRule

    def get_required_permission(self):
        return "confidentiality.change_retentionrule"


class RetentionRuleDetailView(RetentionRulePageMixin, ObjectDetailView):
    template_name = "confidentiality/retention/rule.html"


class RetentionRuleHistoryView(RetentionRulePageMixin, ObjectHistoryView):
    pass


class RetentionRuleEditView(_FormPage, ObjectPermissionMixin, generic.FormView):
    model = RetentionRule
    action = "change"
    form_class = RetentionRuleForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(services.MANAGE_PERM):
            self.object = get_visible_or_404(RetentionRule, request.user, kwargs["pk"], "change")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        r = self.object
        return {"years": r.years, "active": r.active, "note": r.note}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, is_new=False, cancel_url=self.object.get_absolute_url())
        return context

    def form_valid(self, form):
        try:
            services.retention_rule_update(
                actor=self.request.user, rule=self.object, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": self.object})
        return redirect(self.object)


# --- candidates and batches ------------------------------------------------------------------


class CandidateListView(ObjectListView):
    model = DestructionCandidate
    table_class = CandidateTable
    filterset_class = CandidateFilterSet
    queryset = DestructionCandidate.objects.select_related("batch")
    template_name = "confidentiality/retention/candidates.html"
    empty_message = gettext_lazy("Nothing is past its retention period.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = None
        context["propose_form"] = ProposeForm()
        context["may_propose"] = self.request.user.has_perm(services.PROPOSE_PERM)
        return context


class ProposeView(ObjectPermissionMixin, generic.View):
    """Propose the ticked candidates for destruction as one batch."""

    model = DestructionBatch
    action = "add"

    def post(self, request):
        form = ProposeForm(request.POST)
        ids = [int(v) for v in request.POST.getlist("candidates") if v.isdigit()]
        try:
            if not form.is_valid():
                raise form_errors(form)
            batch = services.destruction_propose(
                actor=request.user,
                candidates=DestructionCandidate.objects.filter(pk__in=ids),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("confidentiality:destructioncandidate_list")
        messages.success(request, _("Batch %(number)s proposed.") % {"number": batch.number})
        return redirect(batch)


def batch_list_base():
    from django.db.models import Count

    return DestructionBatch.objects.select_related("proposed_by", "decided_by").annotate(
        candidate_count=Count("candidates")
    )


class BatchListView(ObjectListView):
    model = DestructionBatch
    table_class = BatchTable
    filterset_class = BatchFilterSet
    queryset = batch_list_base()
    empty_message = gettext_lazy("No destruction proposed.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = None
        return context


class BatchPageMixin(ObjectDetailMixin):
    model = DestructionBatch
    queryset = batch_list_base()


class BatchDetailView(BatchPageMixin, ObjectDetailView):
    template_name = "confidentiality/retention/batch.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch, user = self.object, self.request.user
        context.update(
            candidates=list(batch.candidates.all()),
            records=list(batch.records.select_related("destroyed_by", "approved_by")),
            decision_form=DecisionForm(),
            may_decide=batch.status == DestructionBatch.Status.PROPOSED
            and user.has_perm(services.APPROVE_PERM)
            and batch.proposed_by_id != user.pk,
            may_destroy=batch.status == DestructionBatch.Status.APPROVED
            and user.has_perm(services.PROPOSE_PERM),
        )
        return context


class BatchHistoryView(BatchPageMixin, ObjectHistoryView):
    pass


class BatchApproveView(BatchPageMixin, ObjectPostView):
    perm = services.APPROVE_PERM

    def perform(self, request, batch):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.destruction_approve(actor=request.user, batch=batch, **form.cleaned_data)
        messages.success(request, _("Destruction approved."))


class BatchRejectView(BatchPageMixin, ObjectPostView):
    perm = services.APPROVE_PERM

    def perform(self, request, batch):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.destruction_reject(actor=request.user, batch=batch, **form.cleaned_data)
        messages.success(request, _("Destruction rejected."))


class BatchDestroyView(BatchPageMixin, ObjectPostView):
    perm = services.PROPOSE_PERM

    def perform(self, request, batch):
        batch = services.destruction_execute(actor=request.user, batch=batch)
        messages.success(
            request, _("%(count)s records destroyed.") % {"count": batch.records.count()}
        )


class RecordListView(ObjectListView):
    """The destruction register (Excel through the list's export)."""

    model = DestructionRecord
    table_class = RecordTable
    filterset_class = RecordFilterSet
    queryset = DestructionRecord.objects.select_related("batch", "destroyed_by", "approved_by")
    empty_message = gettext_lazy("Nothing destroyed yet.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = None
        return context
