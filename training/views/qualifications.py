"""Qualification pages: kinds, certificates (record, verify, evidence), rewards (decide,
waiting for payroll), the expiry report and the expired licences."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core import exports, params
from core.models import AccessLog
from core.permissions import can
from core.services import access_log
from core.views.generic import (
    ObjectDetailMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    ServiceFormView,
    Tab,
    add_validation_error,
    form_errors,
)

from .. import rules, selectors, services
from ..filters.qualifications import (
    CertificateFilterSet,
    ExpiryFilterSet,
    QualificationKindFilterSet,
    RewardFilterSet,
)
from ..forms import qualifications as forms
from ..models import Certificate, QualificationKind, QualificationReward
from ..tables.qualifications import (
    CertificateTable,
    ExpiryTable,
    QualificationKindTable,
    RewardTable,
)

# --- qualification kinds -------------------------------------------------------------------


class QualificationKindListView(ObjectListView):
    model = QualificationKind
    table_class = QualificationKindTable
    filterset_class = QualificationKindFilterSet
    queryset = selectors.qualificationkind_list()
    empty_message = gettext_lazy("No qualifications yet.")


class QualificationKindEditView(ObjectEditView):
    model = QualificationKind
    form_class = forms.QualificationKindForm


# --- certificates --------------------------------------------------------------------------


class _FormPage:
    template_name = "generic/object_edit.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


def _is_hr(user):
    return user.has_perm(services.qualifications.VERIFY_PERM)


class CertificateListView(ObjectListView):
    model = Certificate
    table_class = CertificateTable
    filterset_class = CertificateFilterSet
    queryset = selectors.certificate_list_base()
    empty_message = gettext_lazy("No certificates.")
    add_label = gettext_lazy("Record a certificate")


class CertificateCreateView(_FormPage, ObjectPermissionMixin, generic.FormView):
    """Record a certificate: HR for anyone (with its reward), an employee their own."""

    model = Certificate
    action = "add"
    form_class = forms.CertificateForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not _is_hr(user) and getattr(user, "employee", None) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["hr"] = _is_hr(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(is_new=True, cancel_url=context.get("list_url"))
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        user = self.request.user
        employee = data.pop("employee", None) or user.employee
        try:
            certificate = services.certificate_record(actor=user, employee=employee, **data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        if certificate.status == Certificate.Status.PENDING:
            messages.success(self.request, _("Certificate recorded; HR will verify it."))
        else:
            messages.success(self.request, _("Certificate recorded and verified."))
        return redirect(certificate)


def certificate_actions(user, certificate):
    hr = _is_hr(user) and can(user, certificate, "view")
    own = certificate.employee.user_id == user.pk
    reward = getattr(certificate, "reward", None)
    approver = user.has_perm(services.qualifications.APPROVE_PERM)
    pending_reward = reward is not None and reward.status == QualificationReward.Status.PENDING
    return {
        "add": False,
        "delete": False,
        "change": user.has_perm("training.change_certificate")
        and (hr or (own and certificate.status != Certificate.Status.VERIFIED)),
        "verify": hr and certificate.status != Certificate.Status.VERIFIED,
        "reject": hr and certificate.status == Certificate.Status.PENDING,
        "propose_reward": approver
        and reward is None
        and certificate.status == Certificate.Status.VERIFIED,
        "decide_reward": approver
        and pending_reward
        and certificate.status == Certificate.Status.VERIFIED,
        "evidence": bool(certificate.evidence),
    }


class CertificatePageMixin(ObjectDetailMixin):
    model = Certificate
    queryset = selectors.certificate_list_base()

    def get_actions(self, obj=None):
        return certificate_actions(self.request.user, obj)

    def get_tabs(self, obj):
        return [
            Tab("overview", _("Overview"), obj.get_absolute_url()),
            Tab("history", _("History"), reverse("training:certificate_history", args=[obj.pk])),
        ]


class CertificateDetailView(CertificatePageMixin, ObjectDetailView):
    template_name = "training/certificate.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        reward = getattr(certificate, "reward", None)
        context.update(
            reward=reward,
            days_left=certificate.days_to_expiry(),
            reminders=list(certificate.reminders.all()),
            verify_form=forms.CertificateVerifyForm(
                initial={"reward_amount": certificate.kind.default_reward}
            ),
            reject_form=forms.CertificateRejectForm(),
            reward_form=forms.RewardForm(
                initial={"amount": reward.amount if reward else certificate.kind.default_reward}
            ),
            decision_form=forms.RewardDecisionForm(initial={"decision": "approve"}),
        )
        return context


class CertificateHistoryView(CertificatePageMixin, ObjectHistoryView):
    pass


class CertificateEditView(ServiceFormView):
    model = Certificate
    form_class = forms.CertificateEditForm
    initial_fields = ("kind", "number", "exam_passed_on", "issued_on", "expires_on", "note")

    def may_edit(self, obj):
        return certificate_actions(self.request.user, obj)["change"]

    def perform(self, form):
        services.certificate_update(
            actor=self.request.user, certificate=self.object, **form.cleaned_data
        )


CERTIFICATE_STEPS = {
    "verify": forms.CertificateVerifyForm,
    "reject": forms.CertificateRejectForm,
    "propose_reward": forms.RewardForm,
    "reward_amount": forms.RewardForm,
    "decide_reward": forms.RewardDecisionForm,
}


class CertificateStepView(CertificatePageMixin, ObjectPostView):
    """HR's steps on a certificate: verify, reject, propose the reward, change its amount,
    approve or reject it."""

    def perform(self, request, certificate, step):
        form_class = CERTIFICATE_STEPS.get(step)
        if form_class is None:
            raise Http404
        form = form_class(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        data = form.cleaned_data
        user = request.user
        if step in ("verify", "reject") and not _is_hr(user):
            raise PermissionDenied
        if step in ("propose_reward", "reward_amount", "decide_reward") and not user.has_perm(
            services.qualifications.APPROVE_PERM
        ):
            raise PermissionDenied
        reward = QualificationReward.objects.filter(certificate=certificate).first()
        if step == "verify":
            services.certificate_verify(
                actor=user, certificate=certificate, reward_amount=data["reward_amount"]
            )
            messages.success(request, _("Certificate verified."))
        elif step == "reject":
            services.certificate_reject(actor=user, certificate=certificate, reason=data["reason"])
            messages.success(request, _("Certificate rejected; the employee is told why."))
        elif step == "propose_reward":
            services.reward_propose(actor=user, certificate=certificate, amount=data["amount"])
            messages.success(request, _("Reward proposed."))
        elif reward is None:
            raise Http404
        elif step == "reward_amount":
            services.reward_set_amount(actor=user, reward=reward, amount=data["amount"])
            messages.success(request, _("Amount changed."))
        else:
            approve = data["decision"] == "approve"
            services.reward_decide(actor=user, reward=reward, approve=approve, note=data["note"])
            messages.success(
                request,
                _("Reward approved; payroll pays it.") if approve else _("Reward rejected."),
            )


class CertificateEvidenceView(ObjectPermissionMixin, generic.View):
    """Open a certificate's evidence (a read of personal data: access-logged)."""

    model = Certificate

    def get(self, request, pk):
        try:
            certificate = self.get_queryset().get(pk=pk)
        except Certificate.DoesNotExist as exc:
            raise Http404 from exc
        if not certificate.evidence:
            raise Http404
        access_log(
            user=request.user, obj=certificate, request=request, action=AccessLog.Action.DOWNLOAD
        )
        return FileResponse(
            certificate.evidence.open("rb"), filename=certificate.evidence_name or "evidence"
        )


# --- rewards -------------------------------------------------------------------------------


class RewardListView(ObjectListView):
    model = QualificationReward
    table_class = RewardTable
    filterset_class = RewardFilterSet
    queryset = selectors.reward_list_base()
    empty_message = gettext_lazy("No rewards.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = None
        return context


class RewardPayrollView(RewardListView):
    """HR's "rewards waiting for payroll": approved, not paid yet."""

    template_name = "training/reward_payroll.html"
    export_what = gettext_lazy("Rewards waiting for payroll")
    empty_message = gettext_lazy("No approved reward waits for payroll.")

    def get_required_permission(self):
        return services.qualifications.APPROVE_PERM

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(status=QualificationReward.Status.APPROVED, paid_month__isnull=True)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["total"] = sum(r.amount for r in context["table"].data)
        return context


# --- expiries ------------------------------------------------------------------------------


def _report_days(request):
    form = forms.ExpiryReportForm(request.GET)
    days = None
    if form.is_valid():
        days = form.cleaned_data.get("days")
    return params.get(rules.EXPIRY_REPORT_DAYS) if days is None else days


class ExpiryReportView(ObjectListView):
    """Certificates expiring within N days or expired (HR all; supervisors their team),
    with Excel and PDF downloads."""

    model = Certificate
    table_class = ExpiryTable
    filterset_class = ExpiryFilterSet
    template_name = "training/certificate_expiry.html"
    export_what = gettext_lazy("Certificate expiries")
    empty_message = gettext_lazy("No certificate expires in this period.")

    def get_required_permission(self):
        return "training.view_expiry_report"

    @cached_property
    def days(self):
        """The report's horizon: the page's ``days``, else the company setting."""
        return _report_days(self.request)

    def get_queryset(self):
        return selectors.expiry_report(user=self.request.user, days=self.days)

    def get_filter_values(self):
        values = super().get_filter_values()
        values["days"] = str(self.days)
        return values

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "pdf":
            return self.pdf(request)
        return super().get(request, *args, **kwargs)

    def pdf(self, request):
        filterset = self.get_filterset(self.get_filterset_class())
        qs = self.get_queryset()
        rows = list(filterset.qs if filterset.is_valid() else qs.none())
        today = timezone.localdate()
        for row in rows:
            row.days_left = row.days_to_expiry(today)
        title = _("Certificate expiries")
        return exports.pdf_response(
            request,
            template_name="training/pdf/certificate_expiry.html",
            context={
                "rows": rows,
                "days": self.days,
                "today": today,
                "until": today + dt.timedelta(days=self.days),
                "filters": filterset.describe() if filterset.is_valid() else [],
            },
            filename=f"certificate-expiry-{today:%Y%m%d}.pdf",
            what=title,
            row_count=len(rows),
            filters=self.get_filter_values(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["days"] = self.days
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "pdf"
        context["pdf_url"] = "?" + query.urlencode()
        context["add_url"] = None
        return context


class ExpiredLicenceListView(ObjectListView):
    """People whose licence required to sell has expired (supervisor: the team's)."""

    model = Certificate
    table_class = ExpiryTable
    filterset_class = ExpiryFilterSet
    template_name = "training/expired_licences.html"
    export_what = gettext_lazy("Expired licences")
    empty_message = gettext_lazy("No expired licence.")

    def get_required_permission(self):
        return "training.view_expiry_report"

    def get_queryset(self):
        return selectors.expired_licences(user=self.request.user).order_by(
            "expires_on", "employee__employee_no"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["add_url"] = None
        context["blocking"] = params.get(rules.BLOCK_PROPOSALS_ON_EXPIRED_LICENCE)
        return context
