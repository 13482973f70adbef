"""Pages of the salary structures: grade pay bands, the salary history (with the salary
change letter), pay items and bonus tiers. Forms, tables and filters of these models live
here with their views."""

import django_tables2 as tables
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import exports
from core.filters import BaseFilterSet
from core.forms import BaseModelForm
from core.models import AccessLog
from core.pickers import model_picker
from core.services import access_log
from core.tables import BaseTable, DateTimeColumn, MoneyColumn
from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)

from .. import selectors, services
from ..models import BonusTier, GradePay, PayItem, SalaryAccount, SalaryChange
from .rates import RecordDetailView

# --- forms, tables, filters ------------------------------------------------------------------


class GradePayForm(BaseModelForm):
    class Meta:
        model = GradePay
        fields = ["grade", "band_min", "band_max", "performance_base"]


class SalaryChangeForm(BaseModelForm):
    employee = model_picker(SalaryChange, "employee", "payroll.employee")

    class Meta:
        model = SalaryChange
        fields = ["employee", "effective_from", "amount", "reason", "first_job_this_year", "note"]


class PayItemForm(BaseModelForm):
    employee = model_picker(PayItem, "employee", "payroll.employee")

    class Meta:
        model = PayItem
        fields = [
            "employee",
            "kind",
            "label",
            "amount",
            "start_month",
            "end_month",
            "tax_method",
            "note",
        ]


class BonusTierForm(BaseModelForm):
    class Meta:
        model = BonusTier
        fields = ["basis", "measure", "effective_from", "lower", "rate"]


class GradePayTable(BaseTable):
    grade = tables.Column(linkify=lambda record: record.get_absolute_url())
    band_min = MoneyColumn()
    band_max = MoneyColumn()
    performance_base = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = GradePay
        fields = ("grade", "band_min", "band_max", "performance_base")


class SalaryChangeTable(BaseTable):
    employee = tables.Column(linkify=lambda record: record.get_absolute_url())
    employee_no = tables.Column(
        verbose_name=gettext_lazy("employee number"), accessor="employee__employee_no"
    )
    effective_from = DateTimeColumn()
    amount = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = SalaryChange
        fields = ("employee_no", "employee", "effective_from", "amount", "reason", "note")


class PayItemTable(BaseTable):
    employee = tables.Column(linkify=lambda record: record.get_absolute_url())
    employee_no = tables.Column(
        verbose_name=gettext_lazy("employee number"), accessor="employee__employee_no"
    )
    amount = MoneyColumn()
    start_month = tables.Column()
    end_month = tables.Column()

    class Meta(BaseTable.Meta):
        model = PayItem
        fields = ("employee_no", "employee", "kind", "label", "amount", "start_month", "end_month")

    def render_start_month(self, value):
        return f"{value:%Y-%m}"

    def render_end_month(self, value):
        return f"{value:%Y-%m}"


class BonusTierTable(BaseTable):
    basis = tables.Column(linkify=lambda record: record.get_absolute_url())
    effective_from = DateTimeColumn()
    lower = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = BonusTier
        fields = ("basis", "measure", "effective_from", "lower", "rate")


class SalaryChangeFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "note")

    class Meta:
        model = SalaryChange
        fields = ["q", "reason"]


class PayItemFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "label")

    class Meta:
        model = PayItem
        fields = ["q", "kind"]


class GradePayFilterSet(BaseFilterSet):
    search_fields = ("grade__name", "grade__code")

    class Meta:
        model = GradePay
        fields = ["q"]


class BonusTierFilterSet(BaseFilterSet):
    search_fields = ()

    class Meta:
        model = BonusTier
        fields = ["basis", "measure"]


# --- grade pay bands ---------------------------------------------------------------------------


class GradePayListView(ObjectListView):
    model = GradePay
    queryset = selectors.grade_pay_list()
    table_class = GradePayTable
    filterset_class = GradePayFilterSet


class GradePayDetailView(RecordDetailView):
    model = GradePay
    fields = ("grade", "band_min", "band_max", "performance_base")


class GradePayEditView(ObjectEditView):
    model = GradePay
    form_class = GradePayForm


class GradePayHistoryView(ObjectHistoryView):
    model = GradePay


# --- salary history ----------------------------------------------------------------------------


class SalaryChangeListView(ObjectListView):
    model = SalaryChange
    queryset = selectors.salary_change_list()
    table_class = SalaryChangeTable
    filterset_class = SalaryChangeFilterSet


class SalaryChangeDetailView(RecordDetailView):
    model = SalaryChange
    queryset = selectors.salary_change_list()
    template_name = "payroll/salarychange.html"
    fields = ("employee", "effective_from", "amount", "reason", "first_job_this_year", "note")

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "pdf":
            self.object = self.get_object()
            return self.letter(request, self.object)
        return super().get(request, *args, **kwargs)

    def letter(self, request, change):
        previous = (
            SalaryChange.objects.filter(
                employee=change.employee, effective_from__lt=change.effective_from
            )
            .order_by("-effective_from")
            .first()
        )
        return exports.pdf_response(
            request,
            template_name="payroll/pdf/salary_letter.html",
            context={"change": change, "previous": previous, "employee": change.employee},
            filename=f"salary-{change.employee.employee_no}-{change.effective_from:%Y%m%d}.pdf",
            what=_("Salary change letter"),
            row_count=1,
        )


class SalaryChangeEditView(ObjectEditView):
    model = SalaryChange
    form_class = SalaryChangeForm

    def save(self, form):
        return services.salary_change_save(actor=self.request.user, change=form.save(commit=False))


class SalaryChangeHistoryView(ObjectHistoryView):
    model = SalaryChange


# --- pay items ---------------------------------------------------------------------------------


class PayItemListView(ObjectListView):
    model = PayItem
    queryset = selectors.pay_item_list()
    table_class = PayItemTable
    filterset_class = PayItemFilterSet


class PayItemDetailView(RecordDetailView):
    model = PayItem
    fields = (
        "employee",
        "kind",
        "label",
        "amount",
        "start_month",
        "end_month",
        "tax_method",
        "note",
    )


class PayItemEditView(ObjectEditView):
    model = PayItem
    form_class = PayItemForm

    def save(self, form):
        return services.pay_item_save(actor=self.request.user, item=form.save(commit=False))


class PayItemDeleteView(ObjectDeleteView):
    model = PayItem

    def form_valid(self, form):
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.http import HttpResponseRedirect

        from core.views.generic import error_text

        try:
            services.pay_item_delete(actor=self.request.user, item=self.object)
        except ValidationError as exc:
            messages.error(self.request, error_text(exc))
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("%(name)s deleted.") % {"name": self.object})
        return HttpResponseRedirect(self.get_success_url())


class PayItemHistoryView(ObjectHistoryView):
    model = PayItem


# --- bonus tiers -------------------------------------------------------------------------------


class BonusTierListView(ObjectListView):
    model = BonusTier
    queryset = selectors.bonus_tier_list()
    table_class = BonusTierTable
    filterset_class = BonusTierFilterSet


class BonusTierEditView(ObjectEditView):
    model = BonusTier
    form_class = BonusTierForm

    def get_success_url(self):
        from django.urls import reverse

        return reverse("payroll:bonustier_list")


class BonusTierDeleteView(ObjectDeleteView):
    model = BonusTier


class BonusTierHistoryView(ObjectHistoryView):
    model = BonusTier


# --- salary accounts ---------------------------------------------------------------------------


class SalaryAccountForm(BaseModelForm):
    employee = model_picker(SalaryAccount, "employee", "payroll.employee")

    class Meta:
        model = SalaryAccount
        fields = ["employee", "bank_name", "account_name", "account_number"]
        widgets = {"account_number": forms.TextInput(attrs={"autocomplete": "off"})}


class SalaryAccountTable(BaseTable):
    employee = tables.Column(linkify=lambda record: record.get_absolute_url())
    employee_no = tables.Column(
        verbose_name=gettext_lazy("employee number"), accessor="employee__employee_no"
    )
    account_number = tables.Column(verbose_name=gettext_lazy("account number"), orderable=False)

    class Meta(BaseTable.Meta):
        model = SalaryAccount
        fields = ("employee_no", "employee", "bank_name", "account_name", "account_number")

    def render_account_number(self, record):
        return record.masked_number

    def value_account_number(self, record):
        return record.masked_number


class SalaryAccountFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "bank_name")

    class Meta:
        model = SalaryAccount
        fields = ["q"]


class SalaryAccountListView(ObjectListView):
    model = SalaryAccount
    queryset = selectors.salary_account_list()
    table_class = SalaryAccountTable
    filterset_class = SalaryAccountFilterSet


class SalaryAccountDetailView(ObjectDetailView):
    """The account, its number masked; ``?show=1`` unmasks it for those who may (logged)."""

    model = SalaryAccount
    queryset = selectors.salary_account_list()
    template_name = "payroll/salaryaccount.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account = self.object
        may_see = self.request.user.has_perm(SalaryAccount.sensitive_permission)
        shown = account.masked_number
        if may_see and self.request.GET.get("show") == "1":
            access_log(
                user=self.request.user,
                obj=account,
                request=self.request,
                action=AccessLog.Action.UNMASK,
                field="account_number",
            )
            shown = account.account_number
        context.update({"may_unmask": may_see, "shown_number": shown})
        return context


class SalaryAccountEditView(ObjectEditView):
    model = SalaryAccount
    form_class = SalaryAccountForm

    def dispatch(self, request, *args, **kwargs):
        # editing shows the number in the form: only for those who may see it
        if request.user.is_authenticated and not request.user.has_perm(
            SalaryAccount.sensitive_permission
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save(self, form):
        return services.salary_account_save(
            actor=self.request.user, account=form.save(commit=False)
        )


class SalaryAccountHistoryView(ObjectHistoryView):
    model = SalaryAccount
