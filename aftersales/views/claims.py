"""Claim pages: the list, the record with its papers, steps and updates, and the list of
papers each kind of claim requires."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.permissions import can
from core.services import save_checked
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
    ObjectTimelineView,
    add_validation_error,
)

from .. import forms, selectors, services
from ..filters import (
    ClaimFilterSet,
    ClaimRequiredDocumentFilterSet,
)
from ..models import (
    Claim,
    ClaimDocument,
    ClaimRequiredDocument,
)
from ..tables import (
    ClaimRequiredDocumentTable,
    ClaimTable,
)
from .common import _FormPageMixin, _PostView, _tabs


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
