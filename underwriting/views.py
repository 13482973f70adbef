"""Pages of the underwriting chapter: applications with their papers, the underwriting steps
and the communication log; policies with premiums, delivery and cooling-off; the document
checklist rules. Every write goes through underwriting.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import params
from core.models import AccessLog
from core.permissions import can
from core.services import access_log, events_for
from core.views import documents
from core.views.documents import DocumentCheckMixin, DocumentsTabMixin, DocumentUploadMixin
from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    ObjectTimelineView,
    Tab,
    add_validation_error,
    error_text,
    form_errors,
)

from . import rules, selectors, services
from .filters import ApplicationFilterSet, PolicyFilterSet, RequiredDocumentFilterSet
from .forms import (
    ApplicationCreateForm,
    ApplicationForm,
    BeneficiaryFormSet,
    CancelForm,
    CommunicationForm,
    DecisionForm,
    DeliveryForm,
    DocumentUploadForm,
    PaymentForm,
    PolicyIssueForm,
    RequestInfoForm,
    RequiredDocumentForm,
    SubmitForm,
    SupplyInfoForm,
    WithdrawForm,
)
from .models import (
    Application,
    ApplicationDocument,
    ApplicationLine,
    Communication,
    Policy,
    PremiumRecord,
    RequiredDocument,
)
from .tables import ApplicationTable, PolicyTable, RequiredDocumentTable

Status = Application.Status


# --- applications ---------------------------------------------------------------------------


class ApplicationListView(ObjectListView):
    model = Application
    table_class = ApplicationTable
    filterset_class = ApplicationFilterSet
    empty_message = gettext_lazy(
        "No applications yet — they are prepared from proposals the customer accepted."
    )
    add_label = gettext_lazy("Prepare applications from a proposal")

    def get_queryset(self):
        return selectors.application_list(user=self.request.user)

    def get_table_kwargs(self):
        return {"overdue_days": params.get(rules.PENDING_DAYS)}


class ApplicationCreateView(ObjectPermissionMixin, generic.FormView):
    """Choose an accepted proposal; one application per insurer is prepared from it."""

    model = Application
    action = "add"
    form_class = ApplicationCreateForm
    template_name = "generic/object_edit.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        return {"proposal": self.request.GET.get("proposal")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_new"] = True
        context["cancel_url"] = context.get("list_url")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            created = services.application_create_from_proposal(
                actor=self.request.user,
                proposal=data["proposal"],
                payment_method=data["payment_method"],
                bank_name=data["bank_name"],
                bank_account=data["bank_account"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(n)s application(s) prepared: %(refs)s")
            % {"n": len(created), "refs": "、".join(a.reference for a in created)},
        )
        return redirect(created[0].get_absolute_url() + "documents/")


def application_actions(user, application):
    """What ``user`` may do on ``application`` now, computed once for the page."""
    may_change = user.has_perm("underwriting.change_application") and can(
        user, application, "change"
    )
    process = may_change and user.has_perm(services.PROCESS_PERM)
    allowed = services.allowed_transitions(application)
    return {
        "change": may_change and application.is_editable,
        "check": may_change and user.has_perm(services.CHECK_PERM),
        "upload": user.has_perm("underwriting.add_applicationdocument")
        and application.status in (Status.DRAFT, Status.INFO_REQUESTED),
        "log": user.has_perm("underwriting.add_communication"),
        "submit": process and Status.SUBMITTED in allowed,
        "request_info": process and Status.INFO_REQUESTED in allowed,
        "supply_info": process and Status.INFO_SUPPLIED in allowed,
        "decide": process and any(d in allowed for d in services.DECISIONS),
        "withdraw": process and Status.WITHDRAWN in allowed,
        "issue": may_change and user.has_perm(services.ISSUE_PERM) and application.is_accepted,
        "add": False,
        "delete": False,
    }


class ApplicationPageMixin(ObjectDetailMixin):
    model = Application
    queryset = Application.objects.select_related(
        "customer__owner", "customer__team", "insurer", "proposal", "opportunity", "prepared_by"
    )

    def get_actions(self, obj=None):
        return application_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return [
            Tab("overview", _("Overview"), obj.get_absolute_url()),
            Tab(
                "documents",
                _("Documents"),
                reverse("underwriting:application_documents", args=[obj.pk]),
            ),
            Tab(
                "communications",
                _("Communication log"),
                reverse("underwriting:application_communications", args=[obj.pk]),
            ),
            Tab(
                "timeline",
                _("Timeline"),
                reverse("underwriting:application_timeline", args=[obj.pk]),
            ),
            Tab(
                "history", _("History"), reverse("underwriting:application_history", args=[obj.pk])
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edit_url"] = None  # the edit button is in the overview (drafts only)
        context["delete_url"] = None
        return context


class ApplicationDetailView(ApplicationPageMixin, ObjectDetailView):
    template_name = "underwriting/application.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        lines = list(application.lines.select_related("product", "insured_member"))
        policies = list(application.policies.select_related("product"))
        by_line = {p.application_line_id: p for p in policies}
        checklist = services.application_checklist(application)
        context.update(
            line_rows=[(line, by_line.get(line.pk)) for line in lines],
            beneficiaries=list(application.beneficiaries.all()),
            checklist=checklist,
            blockers=services.submission_blockers(application, checklist)
            if application.status == Status.DRAFT
            else [],
            days_pending=application.days_pending(),
            overdue_days=params.get(rules.PENDING_DAYS),
            policies=policies,
            submit_form=SubmitForm(),
            request_form=RequestInfoForm(),
            supply_form=SupplyInfoForm(),
            decision_form=DecisionForm(),
            withdraw_form=WithdrawForm(),
        )
        return context


class ApplicationEditView(ObjectEditView):
    model = Application
    form_class = ApplicationForm

    def save(self, form):
        data = {k: form.cleaned_data[k] for k in ApplicationForm.Meta.fields}
        return services.application_update(
            actor=self.request.user,
            application=self.object,
            reason=form.cleaned_data.get("change_reason", ""),
            **data,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)


class ApplicationBeneficiariesView(ApplicationPageMixin, generic.DetailView):
    """Name the beneficiaries and their shares (they must total 100%)."""

    template_name = "underwriting/application_beneficiaries.html"
    action = "change"

    def get_formset(self, data=None):
        initial = [
            {"name": b.name, "relation": b.relation, "share": b.share}
            for b in self.object.beneficiaries.all()
        ]
        return BeneficiaryFormSet(data, initial=initial, prefix="b")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(formset=self.get_formset()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        formset = self.get_formset(request.POST)
        if formset.is_valid():
            rows = [
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and (f.cleaned_data.get("name") or f.cleaned_data.get("share"))
            ]
            try:
                services.application_set_beneficiaries(
                    actor=request.user, application=self.object, beneficiaries=rows
                )
            except ValidationError as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, _("Beneficiaries saved."))
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(formset=formset))


class ApplicationDocumentsView(DocumentsTabMixin, ApplicationPageMixin, generic.DetailView):
    """The Documents tab: the checklist, the uploads with their checks, and the forms."""

    template_name = "underwriting/application_documents.html"
    upload_form_class = DocumentUploadForm

    def get_checklist(self, application):
        return services.application_checklist(application)

    def get_blockers(self, application, checklist):
        if application.status != Status.DRAFT:
            return []
        return services.submission_blockers(application, checklist)


class _ApplicationPostView(ApplicationPageMixin, ObjectPostView):
    """A POST that runs one service on the application, then goes back to a tab (``back``);
    ``perm`` is the model permission the step needs (the service checks the row too)."""


class DocumentUploadView(DocumentUploadMixin, _ApplicationPostView):
    perm = "underwriting.add_applicationdocument"
    upload_form_class = DocumentUploadForm

    def upload(self, request, application, **data):
        services.document_upload(actor=request.user, application=application, **data)


class DocumentCheckView(DocumentCheckMixin, _ApplicationPostView):
    perm = services.CHECK_PERM
    rejected_message = gettext_lazy("Document rejected; the salesperson is told.")

    def check_document(self, request, document, **data):
        services.document_check(actor=request.user, document=document, **data)


class DocumentFileView(documents.DocumentFileView):
    model = ApplicationDocument


class ApplicationStepView(_ApplicationPostView):
    """One step of the underwriting life cycle: submit, request_info, supply_info, decide,
    withdraw. The transitions themselves are declared in services.TRANSITIONS."""

    STEPS = {
        "submit": SubmitForm,
        "request_info": RequestInfoForm,
        "supply_info": SupplyInfoForm,
        "decide": DecisionForm,
        "withdraw": WithdrawForm,
    }
    perm = services.PROCESS_PERM

    def perform(self, request, application, step):
        form_class = self.STEPS.get(step)
        if form_class is None:
            raise Http404
        form = form_class(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        data = form.cleaned_data
        user = request.user
        if step == "submit":
            services.application_submit(
                actor=user,
                application=application,
                submitted_on=data["submitted_on"],
                channel=data["channel"],
                insurer_reference=data["insurer_reference"],
            )
            messages.success(request, _("Submitted to the insurer."))
        elif step == "request_info":
            services.application_request_info(
                actor=user, application=application, what=data["what"], due_date=data["due_date"]
            )
            messages.success(request, _("The insurer's request is recorded."))
        elif step == "supply_info":
            services.application_supply_info(
                actor=user,
                application=application,
                note=data["note"],
                supplied_on=data["supplied_on"],
            )
            messages.success(request, _("Recorded that the information was sent."))
        elif step == "decide":
            services.application_decide(actor=user, application=application, **data)
            messages.success(request, _("The insurer's decision is recorded."))
        elif step == "withdraw":
            services.application_withdraw(
                actor=user,
                application=application,
                reason=data["reason"],
                withdrawn_on=data["withdrawn_on"],
            )
            messages.success(request, _("The withdrawal is recorded."))


class ApplicationCommunicationsView(ApplicationPageMixin, generic.DetailView):
    """The communication log with the insurer and the customer; new entries are added here."""

    template_name = "underwriting/communications.html"
    active_tab = "communications"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = Communication.objects.filter(application=self.object).select_related(
            "logged_by"
        )
        context["form"] = kwargs.get("form") or CommunicationForm()
        context["post_url"] = reverse(
            "underwriting:application_communications", args=[self.object.pk]
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("underwriting.add_communication"):
            raise PermissionDenied
        form = CommunicationForm(request.POST)
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in CommunicationForm.Meta.fields}
            try:
                services.communication_add(actor=request.user, application=self.object, **data)
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, _("Communication logged."))
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class ApplicationTimelineView(ApplicationPageMixin, ObjectTimelineView):
    def timeline_entries(self, obj):
        entries = super().timeline_entries(obj)
        for policy in obj.policies.all():
            entries.extend(
                {
                    "when": e.when,
                    "who": e.actor,
                    "verb": e.verb,
                    "text": e.get_message_display(),
                    "url": policy.get_absolute_url(),
                }
                for e in events_for(policy)[:100]
            )
        return entries


class ApplicationHistoryView(ApplicationPageMixin, ObjectHistoryView):
    pass


class PolicyIssueView(ApplicationPageMixin, generic.detail.SingleObjectMixin, generic.FormView):
    """Record the policy the insurer issued for one cover of an accepted application."""

    template_name = "underwriting/policy_issue.html"
    form_class = PolicyIssueForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(services.ISSUE_PERM) and request.user.is_authenticated:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_line(self):
        return get_object_or_404(
            ApplicationLine.objects.select_related("product", "insured_member", "application"),
            pk=self.kwargs["line_pk"],
            application=self.object,
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.line = self.get_line()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.line = self.get_line()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        defaults = services.policy_defaults(self.line)
        return {**defaults, "effective_date": None}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["line"] = self.line
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            policy = services.policy_issue(
                actor=self.request.user,
                line=self.line,
                policy_number=data["policy_number"],
                effective_date=data["effective_date"],
                payment_years=data["payment_years"],
                term_years=data["term_years"],
                sum_insured=data["sum_insured"],
                annual_premium=data["annual_premium"],
                frequency=data["frequency"],
                first_premium_paid_on=data["first_premium_paid_on"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Policy %(policy)s recorded.") % {"policy": policy})
        return redirect(policy)


# --- policies -------------------------------------------------------------------------------


class PolicyListView(ObjectListView):
    model = Policy
    table_class = PolicyTable
    filterset_class = PolicyFilterSet
    empty_message = gettext_lazy("No policies yet — they are recorded on accepted applications.")

    def get_queryset(self):
        return selectors.policy_list(user=self.request.user)


def policy_actions(user, policy):
    may_change = user.has_perm("underwriting.change_policy") and can(user, policy, "change")
    in_force = policy.status == Policy.Status.IN_FORCE
    deliver = may_change and user.has_perm(services.DELIVER_PERM)
    return {
        "change": False,
        "delete": False,
        "add": False,
        "deliver": deliver and in_force and not policy.delivered_on,
        "cancel": deliver and in_force and policy.in_cooling_off(),
        "pay": in_force
        and user.has_perm("underwriting.change_premiumrecord")
        and can(user, policy, "view"),
    }


class PolicyPageMixin(ObjectDetailMixin):
    model = Policy
    queryset = Policy.objects.select_related(
        "customer__owner",
        "customer__team",
        "insurer",
        "product",
        "application",
        "opportunity",
        "issued_by",
        "delivered_by",
    )

    def get_actions(self, obj=None):
        return policy_actions(self.request.user, obj)

    def get_tabs(self, obj):
        def url(name):
            return reverse(f"underwriting:{name}", args=[obj.pk])

        return [
            Tab("overview", _("Overview"), obj.get_absolute_url()),
            Tab("premiums", _("Premiums"), url("policy_premiums")),
            Tab("documents", _("Documents"), url("policy_documents")),
            Tab("communications", _("Communication log"), url("policy_communications")),
            Tab("timeline", _("Timeline"), url("policy_timeline")),
            Tab("history", _("History"), url("policy_history")),
        ]


class PolicyDetailView(PolicyPageMixin, ObjectDetailView):
    template_name = "underwriting/policy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = services.premium_totals(self.object)
        context["cancel_form"] = CancelForm()
        return context


class PolicyPremiumsView(PolicyPageMixin, generic.DetailView):
    template_name = "underwriting/policy_premiums.html"
    active_tab = "premiums"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["premiums"] = list(self.object.premiums.all())
        context["totals"] = services.premium_totals(self.object)
        context["pay_form"] = PaymentForm()
        return context


class PolicyDocumentsView(PolicyPageMixin, generic.DetailView):
    template_name = "underwriting/policy_documents.html"
    active_tab = "documents"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = list(
            ApplicationDocument.objects.visible_to(self.request.user)
            .filter(application_id=self.object.application_id)
            .exclude(status=ApplicationDocument.Status.SUPERSEDED)
            .select_related("checked_by")
        )
        return context


class PolicyCommunicationsView(PolicyPageMixin, generic.DetailView):
    template_name = "underwriting/communications.html"
    active_tab = "communications"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object.application
        context["entries"] = Communication.objects.filter(application=application).select_related(
            "logged_by"
        )
        if self.request.user.has_perm("underwriting.add_communication"):
            context["form"] = CommunicationForm()
            context["post_url"] = reverse(
                "underwriting:application_communications", args=[application.pk]
            )
        context["actions"]["log"] = self.request.user.has_perm("underwriting.add_communication")
        return context


class PolicyTimelineView(PolicyPageMixin, ObjectTimelineView):
    pass


class PolicyHistoryView(PolicyPageMixin, ObjectHistoryView):
    pass


class PolicyDeliverView(PolicyPageMixin, generic.detail.SingleObjectMixin, generic.FormView):
    """Record the delivery of the contract and what was explained to the customer."""

    template_name = "underwriting/policy_deliver.html"
    form_class = DeliveryForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(services.DELIVER_PERM):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cooling_days"] = params.get(rules.COOLING_OFF_DAYS)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.policy_deliver(actor=self.request.user, policy=self.object, **data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Delivery recorded."))
        return redirect(self.object)


class _PolicyPostView(PolicyPageMixin, generic.detail.SingleObjectMixin, generic.View):
    back = ""
    perm = None

    def post(self, request, pk, **kwargs):
        self.object = self.get_object()
        if self.perm and not request.user.has_perm(self.perm):
            raise PermissionDenied
        try:
            self.perform(request, self.object, **kwargs)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return HttpResponseRedirect(self.object.get_absolute_url() + self.back)


class PolicyCancelView(_PolicyPostView):
    perm = services.DELIVER_PERM

    def perform(self, request, policy):
        form = CancelForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter the date, the refund and the reason."))
        services.policy_cancel_cooling_off(actor=request.user, policy=policy, **form.cleaned_data)
        messages.success(request, _("Cancellation in the cooling-off period recorded."))


class PremiumPayView(_PolicyPostView):
    back = "premiums/"
    perm = "underwriting.change_premiumrecord"

    def perform(self, request, policy, premium_pk):
        premium = get_object_or_404(PremiumRecord, pk=premium_pk, policy=policy)
        form = PaymentForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter the payment date."))
        services.premium_record_payment(
            actor=request.user, premium=premium, paid_on=form.cleaned_data["paid_on"]
        )
        messages.success(request, _("Payment recorded."))


class PolicyReceiptView(PolicyPageMixin, generic.View):
    """Open the customer's signed receipt (access-logged)."""

    def get(self, request, pk):
        policy = get_object_or_404(self.get_queryset(), pk=pk)
        if not policy.receipt:
            raise Http404
        access_log(
            user=request.user,
            obj=policy,
            request=request,
            action=AccessLog.Action.DOWNLOAD,
            field="receipt",
        )
        return FileResponse(policy.receipt.open("rb"), filename=f"receipt-{policy.policy_number}")


# --- the document checklist rules -----------------------------------------------------------


class RequiredDocumentListView(ObjectListView):
    model = RequiredDocument
    table_class = RequiredDocumentTable
    filterset_class = RequiredDocumentFilterSet
    paginate_by = 100


class RequiredDocumentEditView(ObjectEditView):
    model = RequiredDocument
    form_class = RequiredDocumentForm

    def save(self, form):
        obj = form.save(commit=False)
        obj.full_clean()
        from core.services import saved_by

        saved_by(obj, self.request.user).save()
        return obj

    def get_success_url(self):
        return reverse("underwriting:requireddocument_list")


class RequiredDocumentDeleteView(ObjectDeleteView):
    model = RequiredDocument
