"""Confidentiality pages: agreement texts, agreements (record, sign, the signed copy, my
agreement, who has none), a customer's privacy page (consents, data requests, the export of
their data), breaches."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import params
from core.models import AccessLog
from core.permissions import can
from core.services import access_log
from core.stamping import open_for_download
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    ServiceFormView,
    add_validation_error,
    form_errors,
    get_visible_or_404,
)
from customers.models import Customer

from .. import forms, rules, selectors, services
from ..filters import (
    AgreementFilterSet,
    AgreementVersionFilterSet,
    BreachFilterSet,
    DataRequestFilterSet,
    UnsignedFilterSet,
)
from ..models import Agreement, AgreementVersion, Breach, CustomerDataRequest, SensitiveConsent
from ..tables import (
    AgreementTable,
    AgreementVersionTable,
    BreachTable,
    DataRequestTable,
    UnsignedTable,
)


class _FormPage:
    """A form page of the generic edit template, the form bound to the user."""

    template_name = "generic/object_edit.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


def _file_response(request, obj, field, name):
    """An uploaded file through the permission check (access-logged, stamped if a PDF)."""
    upload = getattr(obj, field)
    if not upload:
        raise Http404
    access_log(user=request.user, obj=obj, request=request, action=AccessLog.Action.DOWNLOAD)
    return FileResponse(
        open_for_download(upload, user=request.user),
        filename=getattr(obj, f"{field}_name", "") or name,
        content_type="application/pdf" if upload.name.lower().endswith(".pdf") else None,
    )


# --- agreement texts ------------------------------------------------------------------------


class AgreementVersionListView(ObjectListView):
    model = AgreementVersion
    table_class = AgreementVersionTable
    filterset_class = AgreementVersionFilterSet
    queryset = selectors.version_list()
    empty_message = gettext_lazy("No agreement text yet.")


class AgreementVersionDetailView(ObjectDetailView):
    model = AgreementVersion
    template_name = "confidentiality/agreementversion.html"


class AgreementVersionHistoryView(ObjectHistoryView):
    model = AgreementVersion


class AgreementVersionEditView(ObjectEditView):
    model = AgreementVersion
    form_class = forms.AgreementVersionForm


class AgreementVersionDocumentView(ObjectPermissionMixin, generic.View):
    model = AgreementVersion

    def get(self, request, pk):
        version = get_visible_or_404(AgreementVersion, request.user, pk)
        return _file_response(request, version, "document", "agreement.pdf")


# --- agreements -----------------------------------------------------------------------------


class AgreementListView(ObjectListView):
    model = Agreement
    table_class = AgreementTable
    filterset_class = AgreementFilterSet
    queryset = selectors.agreement_list_base()
    empty_message = gettext_lazy("No confidentiality agreement yet.")
    add_label = gettext_lazy("Record an agreement")


class UnsignedListView(ObjectListView):
    """HR's list of current employees without a signed agreement in force."""

    model = Agreement
    table_class = UnsignedTable
    filterset_class = UnsignedFilterSet
    template_name = "confidentiality/unsigned.html"
    export_what = gettext_lazy("Employees without a signed confidentiality agreement")
    empty_message = gettext_lazy("Every employee has a signed agreement in force.")

    def get_required_permission(self):
        return "confidentiality.change_agreement"

    def get_queryset(self):
        return selectors.employees_without_agreement()

    def list_name(self):
        return "confidentiality:agreement_unsigned"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = reverse("confidentiality:agreement_add")
        context["gate_on"] = params.get(rules.AGREEMENT_REQUIRED)
        return context


class AgreementCreateView(_FormPage, ObjectPermissionMixin, generic.FormView):
    model = Agreement
    action = "add"
    form_class = forms.AgreementForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(is_new=True, cancel_url=context.get("list_url"))
        return context

    def get_initial(self):
        version = AgreementVersion.objects.filter(active=True).first()
        return {"version": version.pk if version else None}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            agreement = services.agreement_record(actor=self.request.user, **data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        if agreement.signed_on:
            messages.success(self.request, _("Signed agreement recorded."))
        else:
            messages.success(
                self.request, _("Agreement recorded; the employee is asked to sign it.")
            )
        return redirect(agreement)


class AgreementPageMixin(ObjectDetailMixin):
    model = Agreement
    queryset = selectors.agreement_list_base()


class AgreementDetailView(AgreementPageMixin, ObjectDetailView):
    template_name = "confidentiality/agreement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.object
        context.update(
            state=agreement.state(),
            sign_form=forms.AgreementSignForm(initial={"signed_on": timezone.localdate()}),
            others=list(
                selectors.agreement_list_base()
                .filter(employee_id=agreement.employee_id)
                .exclude(pk=agreement.pk)
            ),
        )
        return context


class AgreementHistoryView(AgreementPageMixin, ObjectHistoryView):
    pass


class AgreementEditView(ServiceFormView):
    model = Agreement
    form_class = forms.AgreementForm
    form_options = {"editing": True}
    initial_fields = (
        "version",
        "signed_on",
        "starts_on",
        "expires_on",
        "non_compete",
        "non_compete_months",
        "non_compete_compensation",
        "note",
    )

    def perform(self, form):
        services.agreement_update(
            actor=self.request.user, agreement=self.object, **form.cleaned_data
        )


class AgreementSignView(AgreementPageMixin, ObjectPostView):
    """HR records the signature: date, scanned copy, term."""

    perm = "confidentiality.change_agreement"

    def perform(self, request, agreement):
        form = forms.AgreementSignForm(request.POST, request.FILES)
        if not form.is_valid():
            raise form_errors(form)
        services.agreement_sign(actor=request.user, agreement=agreement, **form.cleaned_data)
        messages.success(request, _("Signature recorded."))


class AgreementScanView(ObjectPermissionMixin, generic.View):
    """The signed copy, to HR and to the employee it belongs to."""

    model = Agreement

    def get(self, request, pk):
        agreement = get_visible_or_404(Agreement, request.user, pk)
        return _file_response(request, agreement, "scan", "agreement.pdf")


class MyAgreementView(ObjectPermissionMixin, generic.TemplateView):
    """Every employee's own agreements, with their confidentiality training."""

    model = Agreement
    template_name = "confidentiality/my_agreement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreements"] = list(selectors.my_agreements(self.request.user))
        return context


# --- a customer's privacy: consents and data requests --------------------------------------


class CustomerPrivacyView(ObjectPermissionMixin, generic.TemplateView):
    """A customer's consents to keeping sensitive information and their data requests."""

    model = SensitiveConsent
    template_name = "confidentiality/customer_privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        customer = get_visible_or_404(Customer, user, self.kwargs["pk"])
        may_change = can(user, customer, "change")
        context.update(
            customer=customer,
            consents=list(selectors.consents_of(customer)),
            requests=list(selectors.data_requests_of(customer)),
            consent_form=forms.ConsentForm(initial={"given_on": timezone.localdate()}),
            withdraw_form=forms.ConsentWithdrawForm(initial={"withdrawn_on": timezone.localdate()}),
            request_form=forms.DataRequestForm(initial={"received_on": timezone.localdate()}),
            handle_form=forms.DataRequestHandleForm(),
            may_consent=may_change and user.has_perm("confidentiality.add_sensitiveconsent"),
            may_withdraw=may_change and user.has_perm("confidentiality.change_sensitiveconsent"),
            may_request=user.has_perm("confidentiality.add_customerdatarequest"),
            may_handle=user.has_perm("confidentiality.change_customerdatarequest"),
            may_export=user.has_perm("confidentiality.add_customerdatarequest")
            and user.has_perm("customers.view_sensitive"),
        )
        return context


class _CustomerPost(ObjectPermissionMixin, generic.View):
    """A POST on a customer's privacy page: a ValidationError becomes a message."""

    model = SensitiveConsent
    action = "add"

    def post(self, request, pk, **kwargs):
        customer = get_visible_or_404(Customer, request.user, pk)
        try:
            self.perform(request, customer, **kwargs)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("confidentiality:customer_privacy", customer.pk)


class ConsentAddView(_CustomerPost):
    def perform(self, request, customer):
        form = forms.ConsentForm(request.POST, request.FILES)
        if not form.is_valid():
            raise form_errors(form)
        services.consent_record(actor=request.user, customer=customer, **form.cleaned_data)
        messages.success(request, _("Consent recorded."))


class ConsentWithdrawView(_CustomerPost):
    action = "change"

    def perform(self, request, customer, consent):
        consent = get_visible_or_404(SensitiveConsent, request.user, consent, "change")
        if consent.customer_id != customer.pk:
            raise Http404
        form = forms.ConsentWithdrawForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.consent_withdraw(actor=request.user, consent=consent, **form.cleaned_data)
        messages.success(request, _("Consent withdrawn."))


class DataRequestAddView(_CustomerPost):
    model = CustomerDataRequest

    def perform(self, request, customer):
        form = forms.DataRequestForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.data_request_record(actor=request.user, customer=customer, **form.cleaned_data)
        messages.success(request, _("Request recorded."))


class DataRequestHandleView(_CustomerPost):
    model = CustomerDataRequest
    action = "change"

    def perform(self, request, customer, req):
        data_request = get_visible_or_404(CustomerDataRequest, request.user, req, "change")
        if data_request.customer_id != customer.pk:
            raise Http404
        form = forms.DataRequestHandleForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.data_request_handle(actor=request.user, request=data_request, **form.cleaned_data)
        messages.success(request, _("Request handled."))


class CustomerDataExportView(ObjectPermissionMixin, generic.View):
    """The customer's own data as an Excel workbook for them (logged)."""

    model = CustomerDataRequest
    action = "add"

    def post(self, request, pk):
        customer = get_visible_or_404(Customer, request.user, pk)
        data_request = None
        if request.POST.get("request"):
            data_request = get_visible_or_404(
                CustomerDataRequest, request.user, request.POST["request"], "change"
            )
            if data_request.customer_id != customer.pk:
                raise Http404
        try:
            content = services.customer_data_export(
                actor=request.user, customer=customer, request=data_request, http_request=request
            )
        except PermissionDenied:
            raise
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("confidentiality:customer_privacy", customer.pk)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"customer-data-{customer.pk}-{timezone.localdate().isoformat()}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DataRequestListView(ObjectListView):
    model = CustomerDataRequest
    table_class = DataRequestTable
    filterset_class = DataRequestFilterSet
    queryset = selectors.data_request_list_base()
    empty_message = gettext_lazy("No data request.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = None
        return context


# --- breaches -------------------------------------------------------------------------------


class BreachListView(ObjectListView):
    model = Breach
    table_class = BreachTable
    filterset_class = BreachFilterSet
    queryset = selectors.breach_list_base()
    empty_message = gettext_lazy("No breach recorded.")
    add_label = gettext_lazy("Record a breach")


class BreachPageMixin(ObjectDetailMixin):
    model = Breach
    queryset = selectors.breach_list_base()

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        if obj is not None and obj.status == Breach.Status.CLOSED:
            actions["change"] = False
        return actions


class BreachDetailView(BreachPageMixin, ObjectDetailView):
    template_name = "confidentiality/breach.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["close_form"] = forms.BreachCloseForm(initial={"closed_on": timezone.localdate()})
        return context


class BreachHistoryView(BreachPageMixin, ObjectHistoryView):
    pass


class BreachCreateView(_FormPage, ObjectPermissionMixin, generic.FormView):
    model = Breach
    action = "add"
    form_class = forms.BreachForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(is_new=True, cancel_url=context.get("list_url"))
        return context

    def form_valid(self, form):
        try:
            breach = services.breach_record(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Breach recorded."))
        return redirect(breach)


class BreachEditView(_FormPage, ObjectPermissionMixin, generic.FormView):
    model = Breach
    action = "change"
    form_class = forms.BreachForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm("confidentiality.change_breach"):
            self.object = get_visible_or_404(Breach, request.user, kwargs["pk"], "change")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["editing"] = True
        return kwargs

    def get_initial(self):
        b = self.object
        return {
            "what": b.what,
            "occurred_on": b.occurred_on,
            "found_on": b.found_on,
            "severity": b.severity,
            "action_taken": b.action_taken,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, is_new=False, cancel_url=self.object.get_absolute_url())
        return context

    def form_valid(self, form):
        try:
            services.breach_update(actor=self.request.user, breach=self.object, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": self.object})
        return redirect(self.object)


class BreachCloseView(BreachPageMixin, ObjectPostView):
    perm = "confidentiality.change_breach"

    def perform(self, request, breach):
        form = forms.BreachCloseForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        services.breach_close(actor=request.user, breach=breach, **form.cleaned_data)
        messages.success(request, _("Breach closed."))
