"""Pages of the after-sales chapter: follow-ups with their attempts, claims with their papers
and updates, complaints with their actions, service requests, the renewal worklist and the
incomplete policy files. Every write goes through aftersales.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.models import AccessLog
from core.permissions import can
from core.services import access_log, save_checked
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
    form_errors,
)
from underwriting.models import Policy

from . import forms, selectors, services
from .filters import (
    ClaimFilterSet,
    ClaimRequiredDocumentFilterSet,
    ComplaintFilterSet,
    FollowUpFilterSet,
    PolicyFileFilterSet,
    RenewalFilterSet,
    ServiceRequestFilterSet,
)
from .models import (
    Claim,
    ClaimDocument,
    ClaimRequiredDocument,
    Complaint,
    FollowUp,
    Renewal,
    ServiceRequest,
    ServiceRequestDocument,
)
from .tables import (
    ClaimRequiredDocumentTable,
    ClaimTable,
    ComplaintTable,
    FollowUpTable,
    PolicyFileTable,
    RenewalTable,
    ServiceRequestTable,
)


def _tabs(obj, name, extra=()):
    def url(suffix):
        return reverse(f"aftersales:{name}{suffix}", args=[obj.pk])

    return [
        Tab("overview", _("Overview"), obj.get_absolute_url()),
        *[Tab(key, label, url(suffix)) for key, label, suffix in extra],
        Tab("timeline", _("Timeline"), url("_timeline")),
        Tab("history", _("History"), url("_history")),
    ]


class _FormPageMixin:
    """A page that shows one service form (GET) and runs it (POST)."""

    template_name = "generic/object_edit.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_new"] = True
        context["cancel_url"] = context.get("list_url")
        return context


class _PostView(ObjectPostView):
    """A POST that runs one service step on the record, then goes back to it; ``steps``
    maps a step to the form that reads its input."""

    steps = {}

    def step_form(self, request, step):
        form_class = self.steps.get(step)
        if form_class is None:
            raise Http404
        form = form_class(request.POST, request.FILES or None)
        if not form.is_valid():
            raise form_errors(form)
        return form.cleaned_data


# --- follow-ups -------------------------------------------------------------------------------


class FollowUpListView(ObjectListView):
    model = FollowUp
    table_class = FollowUpTable
    filterset_class = FollowUpFilterSet
    empty_message = gettext_lazy(
        "No follow-ups — they are scheduled when a contract is delivered and before each "
        "policy anniversary."
    )
    add_label = gettext_lazy("Arrange a follow-up")

    def get_queryset(self):
        return selectors.follow_up_list(user=self.request.user)


class FollowUpCreateView(_FormPageMixin, ObjectPermissionMixin, generic.FormView):
    model = FollowUp
    action = "add"
    form_class = forms.FollowUpForm

    def get_initial(self):
        return {"policy": self.request.GET.get("policy")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            follow_up = services.follow_up_create(
                actor=self.request.user,
                policy=data["policy"],
                due_date=data["due_date"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Follow-up arranged."))
        return redirect(follow_up)


def follow_up_actions(user, follow_up):
    may = user.has_perm(services.FOLLOW_UP_PERM) and can(user, follow_up, "change")
    return {
        "attempt": may and follow_up.is_open,
        "cancel": may and follow_up.is_open,
        "change": False,
        "delete": False,
        "add": False,
    }


class FollowUpPageMixin(ObjectDetailMixin):
    model = FollowUp
    queryset = FollowUp.objects.select_related(
        "customer__owner",
        "customer__team",
        "policy__product",
        "policy__insurer",
        "assigned_to",
        "sales_task",
        "complaint",
    )

    def get_actions(self, obj=None):
        return follow_up_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return _tabs(obj, "followup")


class FollowUpDetailView(FollowUpPageMixin, ObjectDetailView):
    template_name = "aftersales/followup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attempts"] = list(self.object.attempt_log.select_related("by"))
        context["attempt_url"] = reverse("aftersales:followup_attempt", args=[self.object.pk])
        context["cancel_form"] = forms.CancelFollowUpForm()
        return context


class FollowUpAttemptView(FollowUpPageMixin, generic.detail.SingleObjectMixin, generic.FormView):
    """Record one call or visit of a follow-up."""

    template_name = "aftersales/followup_attempt.html"
    form_class = forms.AttemptForm
    action = "change"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(services.FOLLOW_UP_PERM):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            follow_up = services.follow_up_record_attempt(
                actor=self.request.user, follow_up=self.object, **data
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        if follow_up.status == FollowUp.Status.DONE:
            text = _("Follow-up done.")
            if follow_up.sales_task_id:
                text += " " + _("A task was created for the salesperson.")
            if follow_up.complaint_id:
                text += " " + _("A complaint was logged for the supervisor.")
        elif follow_up.status == FollowUp.Status.ESCALATED:
            text = _("Customer not reached; the follow-up is escalated to the supervisor.")
        else:
            text = _("Customer not reached; try again on %(date)s.") % {
                "date": follow_up.next_attempt_on.isoformat()
            }
        messages.success(self.request, text)
        return redirect(follow_up)


class FollowUpCancelView(FollowUpPageMixin, _PostView):
    perm = services.FOLLOW_UP_PERM

    def perform(self, request, follow_up):
        form = forms.CancelFollowUpForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.follow_up_cancel(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        messages.success(request, _("Follow-up cancelled."))


class FollowUpTimelineView(FollowUpPageMixin, ObjectTimelineView):
    pass


class FollowUpHistoryView(FollowUpPageMixin, ObjectHistoryView):
    pass


# --- claims -----------------------------------------------------------------------------------


class ClaimListView(ObjectListView):
    model = Claim
    table_class = ClaimTable
    filterset_class = ClaimFilterSet
    empty_message = gettext_lazy("No claims — report one when a customer asks for help.")
    add_label = gettext_lazy("Report a claim")

    def get_queryset(self):
        return selectors.claim_list(user=self.request.user)


class ClaimCreateView(_FormPageMixin, ObjectPermissionMixin, generic.FormView):
    model = Claim
    action = "add"
    form_class = forms.ClaimForm

    def get_initial(self):
        return {"policy": self.request.GET.get("policy")}

    def form_valid(self, form):
        try:
            claim = services.claim_report(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Claim %(ref)s reported.") % {"ref": claim.reference})
        return redirect(reverse("aftersales:claim_documents", args=[claim.pk]))


def claim_actions(user, claim):
    may = user.has_perm("aftersales.change_claim") and can(user, claim, "change")
    process = may and user.has_perm(services.PROCESS_CLAIM_PERM)
    allowed = services.allowed_claim_transitions(claim)
    S = Claim.Status
    return {
        "change": process and claim.status in (S.REPORTED, S.COLLECTING),
        "delete": False,
        "add": False,
        "upload": user.has_perm("aftersales.add_claimdocument")
        and claim.status in (S.REPORTED, S.COLLECTING, S.INFO_REQUESTED, S.DISPUTED),
        "check": may and user.has_perm(services.CHECK_CLAIM_PERM),
        "log": user.has_perm("aftersales.add_claimupdate"),
        "collect": process and claim.status == S.REPORTED,
        "submit": process and S.SUBMITTED in allowed,
        "request_info": process and S.INFO_REQUESTED in allowed,
        "decide": process and claim.status == S.SUBMITTED,
        "pay": process and S.PAID in allowed,
        "close": process and S.CLOSED in allowed and claim.status != S.DISPUTED,
        "dispute": (process or (may and user.has_perm(services.DISPUTE_PERM)))
        and S.DISPUTED in allowed,
        "resolve": may and user.has_perm(services.DISPUTE_PERM) and claim.status == S.DISPUTED,
    }


class ClaimPageMixin(ObjectDetailMixin):
    model = Claim
    queryset = Claim.objects.select_related(
        "customer__owner",
        "customer__team",
        "policy__insurer",
        "policy__product",
        "handled_by",
        "dispute_handled_by",
    )

    def get_actions(self, obj=None):
        return claim_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return _tabs(
            obj,
            "claim",
            [
                ("documents", _("Documents"), "_documents"),
                ("updates", _("Communication log"), "_updates"),
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edit_url"] = reverse("aftersales:claim_edit", args=[self.object.pk])
        context["delete_url"] = None
        return context


STEP_FORMS = {
    "collect": forms.ClaimCollectForm,
    "submit": forms.ClaimSubmitForm,
    "request_info": forms.ClaimRequestInfoForm,
    "decide": forms.ClaimDecisionForm,
    "pay": forms.ClaimPayForm,
    "close": forms.ClaimCloseForm,
    "dispute": forms.ClaimDisputeForm,
    "resolve": forms.ClaimResolveDisputeForm,
}


class ClaimDetailView(ClaimPageMixin, ObjectDetailView):
    template_name = "aftersales/claim.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        checklist = services.claim_checklist(claim)
        context.update(
            checklist=checklist,
            blockers=services.claim_blockers(claim, checklist)
            if claim.status == Claim.Status.COLLECTING
            else [],
            step_forms={
                key: form_class(
                    initial={"amount_paid": claim.amount_approved} if key == "pay" else None
                )
                for key, form_class in STEP_FORMS.items()
            },
            complaints=list(claim.complaints.all()),
        )
        return context


class ClaimEditView(ObjectEditView):
    model = Claim
    form_class = forms.ClaimEditForm

    def save(self, form):
        data = {k: form.cleaned_data[k] for k in forms.ClaimEditForm.Meta.fields}
        return services.claim_update(
            actor=self.request.user,
            claim=self.object,
            reason=form.cleaned_data.get("change_reason", ""),
            **data,
        )


class ClaimDocumentsView(DocumentsTabMixin, ClaimPageMixin, generic.DetailView):
    template_name = "aftersales/claim_documents.html"
    upload_form_class = forms.ClaimDocumentUploadForm

    def get_checklist(self, claim):
        return services.claim_checklist(claim)

    def get_blockers(self, claim, checklist):
        if claim.status not in (Claim.Status.REPORTED, Claim.Status.COLLECTING):
            return []
        return services.claim_blockers(claim, checklist)


class ClaimDocumentUploadView(DocumentUploadMixin, ClaimPageMixin, _PostView):
    perm = "aftersales.add_claimdocument"
    upload_form_class = forms.ClaimDocumentUploadForm

    def upload(self, request, claim, **data):
        services.claim_document_upload(actor=request.user, claim=claim, **data)


class ClaimDocumentCheckView(DocumentCheckMixin, ClaimPageMixin, _PostView):
    perm = services.CHECK_CLAIM_PERM

    def check_document(self, request, document, **data):
        services.claim_document_check(actor=request.user, document=document, **data)


class ClaimDocumentFileView(documents.DocumentFileView):
    """Open an uploaded claim paper (access-logged: it may hold health data)."""

    model = ClaimDocument


class ClaimStepView(ClaimPageMixin, _PostView):
    """One step of the claim's life cycle (the transitions are in services.CLAIM_TRANSITIONS)."""

    steps = STEP_FORMS

    def post(self, request, pk, **kwargs):
        step = kwargs.get("step")
        needed = services.DISPUTE_PERM if step == "resolve" else None
        if step == "dispute" and not (
            request.user.has_perm(services.PROCESS_CLAIM_PERM)
            or request.user.has_perm(services.DISPUTE_PERM)
        ):
            raise PermissionDenied
        if step not in ("resolve", "dispute"):
            needed = services.PROCESS_CLAIM_PERM
        self.perm = needed
        return super().post(request, pk, **kwargs)

    def perform(self, request, claim, step):
        data = self.step_form(request, step)
        user = request.user
        if step == "collect":
            services.claim_start_collecting(actor=user, claim=claim, **data)
        elif step == "submit":
            services.claim_submit(actor=user, claim=claim, **data)
        elif step == "request_info":
            services.claim_request_info(actor=user, claim=claim, **data)
        elif step == "decide":
            services.claim_decide(actor=user, claim=claim, **data)
        elif step == "pay":
            services.claim_pay(actor=user, claim=claim, **data)
        elif step == "close":
            services.claim_close(actor=user, claim=claim, **data)
        elif step == "dispute":
            services.claim_dispute(actor=user, claim=claim, **data)
        elif step == "resolve":
            services.claim_resolve_dispute(actor=user, claim=claim, **data)
        messages.success(request, _("Recorded; the customer update is logged."))


class ClaimUpdatesView(ClaimPageMixin, generic.DetailView):
    template_name = "aftersales/claim_updates.html"
    active_tab = "updates"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = list(self.object.updates.select_related("logged_by"))
        context["form"] = kwargs.get("form") or forms.ClaimUpdateForm()
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("aftersales.add_claimupdate"):
            raise PermissionDenied
        form = forms.ClaimUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.claim_log_update(
                    actor=request.user, claim=self.object, **form.cleaned_data
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, _("Update logged."))
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class ClaimTimelineView(ClaimPageMixin, ObjectTimelineView):
    pass


class ClaimHistoryView(ClaimPageMixin, ObjectHistoryView):
    pass


class ClaimRequiredDocumentListView(ObjectListView):
    model = ClaimRequiredDocument
    table_class = ClaimRequiredDocumentTable
    filterset_class = ClaimRequiredDocumentFilterSet
    paginate_by = 100


class ClaimRequiredDocumentEditView(ObjectEditView):
    model = ClaimRequiredDocument
    form_class = forms.ClaimRequiredDocumentForm

    def save(self, form):

        obj = form.save(commit=False)
        save_checked(obj, self.request.user)
        return obj

    def get_success_url(self):
        return reverse("aftersales:claimrequireddocument_list")


class ClaimRequiredDocumentDeleteView(ObjectDeleteView):
    model = ClaimRequiredDocument


# --- complaints -------------------------------------------------------------------------------


class ComplaintListView(ObjectListView):
    model = Complaint
    table_class = ComplaintTable
    filterset_class = ComplaintFilterSet
    empty_message = gettext_lazy("No complaints.")
    add_label = gettext_lazy("Log a complaint")

    def get_queryset(self):
        return selectors.complaint_list(user=self.request.user)


class ComplaintCreateView(_FormPageMixin, ObjectPermissionMixin, generic.FormView):
    model = Complaint
    action = "add"
    form_class = forms.ComplaintForm

    def get_initial(self):
        initial = {}
        for name in ("customer", "policy"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name]
        return initial

    def form_valid(self, form):
        try:
            complaint = services.complaint_log(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Complaint logged; the supervisor responsible is told."),
        )
        return redirect(complaint)


def complaint_actions(user, complaint):
    may = (
        user.has_perm("aftersales.change_complaint")
        and user.has_perm(services.HANDLE_COMPLAINT_PERM)
        and can(user, complaint, "change")
    )
    allowed = services.allowed_complaint_transitions(complaint)
    S = Complaint.Status
    return {
        "change": False,
        "delete": False,
        "add": False,
        "acknowledge": may and S.ACKNOWLEDGED in allowed,
        "start": may and S.IN_PROGRESS in allowed and complaint.status != S.RESOLVED,
        "act": may and complaint.status != S.CLOSED,
        "resolve": may and S.RESOLVED in allowed,
        "close": may and complaint.status == S.RESOLVED,
        "reopen": may and complaint.status == S.RESOLVED,
    }


COMPLAINT_FORMS = {
    "acknowledge": forms.NoteForm,
    "start": forms.NoteForm,
    "act": forms.ComplaintActionForm,
    "resolve": forms.ComplaintResolveForm,
    "close": forms.ComplaintCloseForm,
    "reopen": forms.ReasonForm,
}


class ComplaintPageMixin(ObjectDetailMixin):
    model = Complaint
    queryset = Complaint.objects.select_related(
        "customer__owner", "team", "supervisor", "policy", "logged_by", "claim"
    )

    def get_actions(self, obj=None):
        return complaint_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return _tabs(obj, "complaint")


class ComplaintDetailView(ComplaintPageMixin, ObjectDetailView):
    template_name = "aftersales/complaint.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = list(self.object.actions.select_related("by"))
        context["step_forms"] = {k: f() for k, f in COMPLAINT_FORMS.items()}
        context["days_overdue"] = self.object.days_overdue()
        return context


class ComplaintStepView(ComplaintPageMixin, _PostView):
    steps = COMPLAINT_FORMS
    perm = services.HANDLE_COMPLAINT_PERM

    def perform(self, request, complaint, step):
        data = self.step_form(request, step)
        user = request.user
        if step == "acknowledge":
            services.complaint_acknowledge(actor=user, complaint=complaint, **data)
        elif step == "start":
            services.complaint_start(actor=user, complaint=complaint, **data)
        elif step == "act":
            services.complaint_add_action(actor=user, complaint=complaint, **data)
        elif step == "resolve":
            services.complaint_resolve(actor=user, complaint=complaint, **data)
        elif step == "close":
            services.complaint_close(actor=user, complaint=complaint, **data)
        elif step == "reopen":
            services.complaint_reopen(actor=user, complaint=complaint, **data)
        messages.success(request, _("Recorded."))


class ComplaintTimelineView(ComplaintPageMixin, ObjectTimelineView):
    pass


class ComplaintHistoryView(ComplaintPageMixin, ObjectHistoryView):
    pass


# --- service requests -------------------------------------------------------------------------


class ServiceRequestListView(ObjectListView):
    model = ServiceRequest
    table_class = ServiceRequestTable
    filterset_class = ServiceRequestFilterSet
    empty_message = gettext_lazy("No service requests.")
    add_label = gettext_lazy("New service request")

    def get_queryset(self):
        return selectors.service_request_list(user=self.request.user)


class ServiceRequestCreateView(_FormPageMixin, ObjectPermissionMixin, generic.FormView):
    model = ServiceRequest
    action = "add"
    form_class = forms.ServiceRequestForm

    def get_initial(self):
        return {"policy": self.request.GET.get("policy"), "kind": self.request.GET.get("kind")}

    def form_valid(self, form):
        data = form.cleaned_data
        after = {k: data.get(k) for k in forms.ServiceRequestForm.AFTER_FIELDS}
        try:
            request = services.service_request_create(
                actor=self.request.user,
                policy=data["policy"],
                kind=data["kind"],
                after=after,
                description=data["description"],
                requested_on=data["requested_on"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Service request %(ref)s opened.") % {"ref": request.reference}
        )
        return redirect(request)


def request_actions(user, request):
    may = (
        user.has_perm("aftersales.change_servicerequest")
        and user.has_perm(services.PROCESS_REQUEST_PERM)
        and can(user, request, "change")
    )
    S = ServiceRequest.Status
    return {
        "change": False,
        "delete": False,
        "add": False,
        "upload": user.has_perm("aftersales.add_servicerequestdocument")
        and request.status in (S.DRAFT, S.SUBMITTED),
        "submit": may and request.status == S.DRAFT,
        "complete": may and request.status == S.SUBMITTED,
        "reject": may and request.status == S.SUBMITTED,
        "cancel": may and request.status in (S.DRAFT, S.SUBMITTED),
    }


REQUEST_FORMS = {
    "submit": forms.ServiceSubmitForm,
    "complete": forms.ServiceCompleteForm,
    "reject": forms.ServiceNoteForm,
    "cancel": forms.ServiceNoteForm,
    "upload": forms.ServiceDocumentForm,
}


class ServiceRequestPageMixin(ObjectDetailMixin):
    model = ServiceRequest
    queryset = ServiceRequest.objects.select_related(
        "customer__owner", "customer__team", "policy__insurer", "handled_by"
    )

    def get_actions(self, obj=None):
        return request_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return _tabs(obj, "servicerequest")


def _shown(name, value, user):
    from core.crypto import mask

    if name in services.SENSITIVE and value and not user.has_perm("customers.view_sensitive"):
        return mask(str(value), 3, 4)
    if name == "beneficiaries" and isinstance(value, list):
        return "、".join(
            f"{b.get('name')} {b.get('relation', '')} {b.get('share')}%" for b in value
        )
    return value


class ServiceRequestDetailView(ServiceRequestPageMixin, ObjectDetailView):
    template_name = "aftersales/servicerequest.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        labels = {
            n: forms.ServiceRequestForm.base_fields[n].label
            for n in forms.ServiceRequestForm.AFTER_FIELDS
        }
        before, after = obj.values_before, obj.values_after
        names = list(dict.fromkeys([*services.REQUEST_FIELDS[obj.kind], *after]))
        context["changes"] = [
            (labels.get(n, n), _shown(n, before.get(n), user), _shown(n, after.get(n), user))
            for n in names
        ]
        context["documents"] = list(obj.documents.select_related("uploaded_by"))
        context["blockers"] = (
            services.service_request_blockers(obj)
            if obj.status == ServiceRequest.Status.DRAFT
            else []
        )
        context["step_forms"] = {k: f() for k, f in REQUEST_FORMS.items()}
        return context


class ServiceRequestStepView(ServiceRequestPageMixin, _PostView):
    steps = REQUEST_FORMS

    def post(self, request, pk, **kwargs):
        step = kwargs.get("step")
        self.perm = (
            "aftersales.add_servicerequestdocument"
            if step == "upload"
            else services.PROCESS_REQUEST_PERM
        )
        return super().post(request, pk, **kwargs)

    def perform(self, request, obj, step):
        data = self.step_form(request, step)
        user = request.user
        if step == "upload":
            services.service_request_document_upload(actor=user, request=obj, **data)
        elif step == "submit":
            services.service_request_submit(actor=user, request=obj, **data)
        elif step == "complete":
            services.service_request_complete(actor=user, request=obj, **data)
        elif step == "reject":
            services.service_request_reject(actor=user, request=obj, **data)
        elif step == "cancel":
            services.service_request_cancel(actor=user, request=obj, **data)
        messages.success(request, _("Recorded."))


class ServiceRequestDocumentFileView(ObjectPermissionMixin, generic.View):
    model = ServiceRequestDocument

    def get(self, request, pk):
        document = get_object_or_404(self.get_queryset(), pk=pk)
        access_log(
            user=request.user, obj=document, request=request, action=AccessLog.Action.DOWNLOAD
        )
        return FileResponse(document.file.open("rb"), filename=document.original_name or "document")


class ServiceRequestTimelineView(ServiceRequestPageMixin, ObjectTimelineView):
    pass


class ServiceRequestHistoryView(ServiceRequestPageMixin, ObjectHistoryView):
    pass


# --- renewals ---------------------------------------------------------------------------------


class RenewalListView(ObjectListView):
    """The renewal worklist."""

    model = Renewal
    table_class = RenewalTable
    filterset_class = RenewalFilterSet
    empty_message = gettext_lazy(
        "No renewals on the worklist — the daily job adds premiums due and policies ending."
    )

    def get_queryset(self):
        return selectors.renewal_list(user=self.request.user)


class RenewalPageMixin(ObjectDetailMixin):
    model = Renewal
    queryset = Renewal.objects.select_related(
        "customer__owner", "customer__team", "policy__product", "policy__insurer", "recorded_by"
    )

    def get_actions(self, obj=None):
        user = self.request.user
        may = (
            user.has_perm("aftersales.change_renewal")
            and user.has_perm(services.RENEWAL_PERM)
            and can(user, obj, "change")
        )
        return {
            "change": False,
            "delete": False,
            "add": False,
            "record": may and bool(services.allowed_outcomes(obj)),
        }

    def get_tabs(self, obj):
        return _tabs(obj, "renewal")


class RenewalDetailView(RenewalPageMixin, ObjectDetailView):
    template_name = "aftersales/renewal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reminders"] = list(self.object.reminders.all())
        context["outcome_form"] = forms.RenewalOutcomeForm(
            outcomes=services.allowed_outcomes(self.object)
        )
        days_left = self.object.days_left()
        context["days_left"] = days_left
        pending = self.object.outcome == Renewal.Outcome.PENDING
        context["days_overdue"] = -days_left if pending and days_left < 0 else 0
        return context


class RenewalOutcomeView(RenewalPageMixin, _PostView):
    perm = services.RENEWAL_PERM

    def perform(self, request, renewal):
        form = forms.RenewalOutcomeForm(request.POST, outcomes=services.allowed_outcomes(renewal))
        if not form.is_valid():
            raise form_errors(form)
        services.renewal_record_outcome(actor=request.user, renewal=renewal, **form.cleaned_data)
        messages.success(request, _("Renewal outcome recorded."))


class RenewalTimelineView(RenewalPageMixin, ObjectTimelineView):
    pass


class RenewalHistoryView(RenewalPageMixin, ObjectHistoryView):
    pass


# --- policy filing ----------------------------------------------------------------------------


class PolicyFileListView(ObjectListView):
    """Policies whose file lacks the signed receipt or the follow-up record."""

    model = Policy
    table_class = PolicyFileTable
    filterset_class = PolicyFileFilterSet
    template_name = "aftersales/policyfile_list.html"
    empty_message = gettext_lazy("Every policy file is complete.")

    def get_required_permission(self):
        return services.FOLLOW_UP_PERM

    def get_queryset(self):
        return selectors.incomplete_policy_files(user=self.request.user).order_by("issued_on", "pk")

    def get_actions(self, obj=None):
        return {"add": False, "change": False, "delete": False}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("Incomplete policy files")
        context["add_url"] = None
        return context
