"""Pages of the monthly payroll run: the months, opening one, its review page (every
payslip with the differences from last month highlighted), the background computation,
approve / reopen / lock, the register, the contribution and tax summaries, and the
payslips (page and PDF; "My payslips" for every employee)."""

from decimal import Decimal

import django_tables2 as tables
from django import forms
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import exports
from core.filters import BaseFilterSet
from core.forms import BaseForm
from core.jobs import queue_tracked, run_start
from core.tables import BaseTable, MoneyColumn
from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
)

from .. import selectors, services, tasks
from ..models import PayrollRun, Payslip
from ..models.rates import ContributionRate
from ..services.run import COMPONENT_LABELS, COMPONENTS

MONEY_FORMAT = exports.DECIMAL


class PayrollRunTable(BaseTable):
    month = tables.Column(
        verbose_name=gettext_lazy("month"),
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("year", "month"),
    )
    payslip_count = tables.Column(verbose_name=gettext_lazy("payslips"))
    net_total = MoneyColumn(verbose_name=gettext_lazy("net pay"))

    class Meta(BaseTable.Meta):
        model = PayrollRun
        fields = ("month", "status", "payslip_count", "net_total", "computed_at", "locked_at")

    def render_month(self, record):
        return str(record)


class PayrollRunFilterSet(BaseFilterSet):
    search_fields = ()

    class Meta:
        model = PayrollRun
        fields = ["year", "status"]


class PayslipTable(BaseTable):
    month = tables.Column(
        verbose_name=gettext_lazy("month"),
        accessor="run",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("run__year", "run__month"),
    )
    gross = MoneyColumn()
    contributions = MoneyColumn()
    tax = MoneyColumn()
    net = MoneyColumn()

    class Meta(BaseTable.Meta):
        model = Payslip
        fields = ("month", "employee", "gross", "contributions", "tax", "net")


class PayslipFilterSet(BaseFilterSet):
    search_fields = ()

    class Meta:
        model = Payslip
        fields = []


class OpenMonthForm(BaseForm):
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=gettext_lazy("month"), min_value=1, max_value=12)


# --- the months ----------------------------------------------------------------------------------


class PayrollRunListView(ObjectListView):
    model = PayrollRun
    queryset = selectors.payroll_run_list()
    table_class = PayrollRunTable
    filterset_class = PayrollRunFilterSet
    add_label = gettext_lazy("Open a month")


class PayrollRunOpenView(ObjectEditView):
    """Open a month's payroll (year and month; one per month)."""

    model = PayrollRun
    form_class = OpenMonthForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def get_initial(self):
        today = timezone.localdate()
        return {"year": today.year, "month": today.month}

    def save(self, form):
        return services.payroll_month_open(
            actor=self.request.user,
            year=form.cleaned_data["year"],
            month=form.cleaned_data["month"],
        )


def _rows(payslips, diffs):
    rows = []
    for slip in payslips:
        changed = diffs.get(slip.employee_id, {})
        rows.append(
            {
                "slip": slip,
                "cells": [
                    (key, Decimal(slip.amounts.get(key, "0")), key in changed, changed.get(key))
                    for key in REVIEW_COLUMNS
                ],
                "changed": bool(changed),
            }
        )
    return rows


REVIEW_COLUMNS = (
    "base",
    "performance",
    "sales_bonus",
    "team_bonus",
    "allowances",
    "absence",
    "gross",
    "si_employee",
    "hf_employee",
    "tax",
    "net",
)


class PayrollRunDetailView(ObjectDetailView):
    """The month under review: its state, the actions, each payslip's main components with
    the ones that differ from last month highlighted (and last month's value on hover)."""

    model = PayrollRun
    template_name = "payroll/payrollrun.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        payslips = list(selectors.run_payslips(run))
        diffs = selectors.differences(run, payslips)
        user = self.request.user
        can_change = user.has_perm("payroll.change_payrollrun") and not run.is_locked
        context.update(
            {
                "rows": _rows(payslips, diffs),
                "columns": [(key, COMPONENT_LABELS[key]) for key in REVIEW_COLUMNS],
                "totals": [
                    sum((Decimal(s.amounts.get(key, "0")) for s in payslips), Decimal(0))
                    for key in REVIEW_COLUMNS
                ],
                "changed_count": sum(1 for d in diffs.values() if d),
                "previous": selectors.previous_run(run),
                "can_compute": can_change and run.status != PayrollRun.Status.APPROVED,
                "can_approve": can_change and run.status == PayrollRun.Status.COMPUTED,
                "can_reopen": can_change and run.status == PayrollRun.Status.APPROVED,
                "can_lock": can_change and run.status == PayrollRun.Status.APPROVED,
            }
        )
        return context


class PayrollRunHistoryView(ObjectHistoryView):
    model = PayrollRun


class RunActionView(ObjectPermissionMixin, ObjectPostView):
    model = PayrollRun
    action = "change"
    service = None

    def perform(self, request, obj, **kwargs):
        type(self).service(actor=request.user, run=obj)


class PayrollRunComputeView(ObjectPermissionMixin, ObjectPostView):
    """Compute (again) in the background; the job's page shows the progress bar."""

    model = PayrollRun
    action = "change"

    def post(self, request, pk, **kwargs):
        run = self.get_object()
        if run.is_locked or run.status == PayrollRun.Status.APPROVED:
            from django.contrib import messages

            messages.error(request, _("Only an open or computed month can be computed."))
            return HttpResponseRedirect(run.get_absolute_url())
        with transaction.atomic():
            job = run_start(name=tasks.RUN_NAME, user=request.user, key=str(run))
            run.task_run = job
            run.save(update_fields=["task_run"])
            queue_tracked(tasks.payroll_compute, run.pk, request.user.pk, run=job)
        return HttpResponseRedirect(job.get_absolute_url())


class PayrollRunApproveView(RunActionView):
    service = staticmethod(services.payroll_approve)


class PayrollRunReopenView(RunActionView):
    service = staticmethod(services.payroll_reopen)


class PayrollRunAnnualBonusView(RunActionView):
    """Propose last year's annual bonuses from the closed annual appraisal results."""

    def perform(self, request, obj, **kwargs):
        from django.contrib import messages

        added = services.annual_bonus_propose(actor=request.user, run=obj)
        messages.success(
            request,
            _("%(count)d annual bonuses added: compute the month again.") % {"count": len(added)},
        )


class PayrollRunLockView(RunActionView):
    service = staticmethod(services.payroll_lock)


# --- the Excel outputs ---------------------------------------------------------------------------


class RunExportView(ObjectDetailView):
    """A workbook of the month (HR and management)."""

    model = PayrollRun

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.clear_values = False
        sheets, what = self.sheets(self.object)
        return exports.excel_response(
            request,
            filename=f"{self.file_name}-{self.object}.xlsx",
            sheets=sheets,
            what=f"{what} {self.object}",
            filters={"month": str(self.object)},
            clear_values=self.clear_values,
        )


def _money_columns(labels):
    return [exports.Column(str(label), 14, MONEY_FORMAT, total=True) for label in labels]


class PayrollRegisterView(RunExportView):
    """The payroll register: one row per employee, every component a column, a totals row
    (the sum of the payslips)."""

    file_name = "payroll-register"

    def sheets(self, run):
        keys = [key for key, _label, _group in COMPONENTS]
        columns = [
            exports.Column(_("Employee number"), 12),
            exports.Column(_("Name"), 12),
            exports.Column(_("Team"), 14),
            *_money_columns(COMPONENT_LABELS[key] for key in keys),
        ]
        rows = [
            (
                s.employee.employee_no,
                s.employee.name,
                str(s.employee.team or ""),
                *(Decimal(s.amounts.get(key, "0")) for key in keys),
            )
            for s in selectors.run_payslips(run)
        ]
        return [exports.Sheet(_("Payroll register"), columns, rows)], _("Payroll register")


class ContributionSummaryView(RunExportView):
    """Social insurance and housing fund: each employee's base and both sides per scheme."""

    file_name = "contributions"

    def sheets(self, run):
        schemes = [c.value for c in ContributionRate.SchemeChoice]
        labels = {c.value: c.label for c in ContributionRate.SchemeChoice}
        columns = [
            exports.Column(_("Employee number"), 12),
            exports.Column(_("Name"), 12),
            exports.Column(_("City"), 10),
            exports.Column(_("Social insurance base"), 14, MONEY_FORMAT),
            exports.Column(_("Housing fund base"), 14, MONEY_FORMAT),
        ]
        for scheme in schemes:
            columns += _money_columns(
                [
                    _("%(scheme)s (employee)") % {"scheme": labels[scheme]},
                    _("%(scheme)s (employer)") % {"scheme": labels[scheme]},
                ]
            )
        rows = []
        for s in selectors.run_payslips(run):
            by_scheme = {row["scheme"]: row for row in s.data.get("contributions", [])}
            social = next((r["base"] for k, r in by_scheme.items() if k != "housing_fund"), None)
            housing = by_scheme.get("housing_fund", {}).get("base")
            row = [
                s.employee.employee_no,
                s.employee.name,
                s.data.get("city", ""),
                Decimal(social) if social else None,
                Decimal(housing) if housing else None,
            ]
            for scheme in schemes:
                found = by_scheme.get(scheme)
                row += [
                    Decimal(found["employee"]) if found else Decimal(0),
                    Decimal(found["employer"]) if found else Decimal(0),
                ]
            rows.append(tuple(row))
        title = _("Social insurance and housing fund")
        return [exports.Sheet(title, columns, rows)], title


class TaxSummaryView(RunExportView):
    """Income tax withheld: each employee's cumulative working of the month."""

    file_name = "income-tax"

    def sheets(self, run):
        keys = (
            "income_to_date",
            "basic_deduction_to_date",
            "special_deductions_to_date",
            "additional_deductions_to_date",
            "taxable_to_date",
            "tax_to_date",
            "withheld_to_date",
            "tax_this_month",
            "bonus",
            "bonus_tax",
        )
        labels = {
            "income_to_date": _("Cumulative income"),
            "basic_deduction_to_date": _("Cumulative basic deduction"),
            "special_deductions_to_date": _(
                "Cumulative special deductions (social insurance and housing fund)"
            ),
            "additional_deductions_to_date": _("Cumulative special additional deductions"),
            "taxable_to_date": _("Cumulative taxable income"),
            "tax_to_date": _("Cumulative tax"),
            "withheld_to_date": _("Tax already withheld this year"),
            "tax_this_month": _("Tax to withhold this month"),
            "bonus": _("Annual one-time bonus"),
            "bonus_tax": _("Tax on the bonus"),
        }
        columns = [
            exports.Column(_("Employee number"), 12),
            exports.Column(_("Name"), 12),
            exports.Column(_("Taxable pay"), 14, MONEY_FORMAT, total=True),
            *[
                exports.Column(
                    labels[k], 16, MONEY_FORMAT, total=k in ("tax_this_month", "bonus", "bonus_tax")
                )
                for k in keys
            ],
        ]
        rows = []
        for s in selectors.run_payslips(run):
            values = {line["key"]: Decimal(line["amount"]) for line in s.worksheet}
            rows.append(
                (
                    s.employee.employee_no,
                    s.employee.name,
                    s.gross,
                    *(values.get(k, Decimal(0)) for k in keys),
                )
            )
        title = _("Income tax withheld")
        return [exports.Sheet(title, columns, rows)], title


# --- payslips ------------------------------------------------------------------------------------


def payslip_context(slip):
    """The payslip as its page and PDF show it: the lines by group, with labels in the
    active language, the working of the tax and the contributions."""
    groups = {key: group for key, _label, group in COMPONENTS}
    sections = {"earnings": [], "withheld": [], "after_tax": []}
    for line in slip.lines:
        group = groups.get(line["key"], "earnings")
        label = line["label"] or str(COMPONENT_LABELS[line["key"]])
        if line["label"] and line["key"] in ("si_employee", "hf_employee"):
            label = f"{COMPONENT_LABELS[line['key']]} · {_(line['label'])}"
        elif line["label"]:
            label = f"{COMPONENT_LABELS[line['key']]} · {line['label']}"
        sections.setdefault(group, []).append(
            {"label": label, "amount": Decimal(line["amount"]), "note": line["note"]}
        )
    worksheet = [
        {
            "label": _(row["label"]),
            "amount": Decimal(row["amount"]),
            "unit": row["unit"],
            "note": _(row["note"]) if row["note"] and not row["note"][0].isdigit() else row["note"],
        }
        for row in slip.worksheet
    ]
    labels = {c.value: c.label for c in ContributionRate.SchemeChoice}
    contributions = [
        {
            **row,
            "label": labels.get(row["scheme"], row["scheme"]),
            "employee_rate": Decimal(row["employee_rate"]) * 100,
            "employer_rate": Decimal(row["employer_rate"]) * 100,
        }
        for row in slip.data.get("contributions", [])
    ]
    amount = lambda key: Decimal(slip.amounts.get(key, "0"))  # noqa: E731
    return {
        "slip": slip,
        "sections": sections,
        "worksheet": worksheet,
        "contributions": contributions,
        "gross": amount("gross"),
        "net": amount("net"),
        "employer_total": amount("si_employer") + amount("hf_employer"),
        "notes": slip.data.get("notes", []),
        "worked_days": slip.data.get("worked_days"),
        "month_days": slip.data.get("month_days"),
    }


class PayslipDetailView(ObjectDetailView):
    """A payslip with its working; ``?export=pdf`` the PDF. HR and management see every
    one; an employee their own of locked months only."""

    model = Payslip
    template_name = "payroll/payslip.html"

    def get_queryset(self):
        return selectors.payslip_visible(user=self.request.user)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "pdf":
            self.object = self.get_object()
            slip = self.object
            return exports.pdf_response(
                request,
                template_name="payroll/pdf/payslip.html",
                context=payslip_context(slip),
                filename=f"payslip-{slip.employee.employee_no}-{slip.run}.pdf",
                what=_("Payslip %(month)s") % {"month": slip.run},
                row_count=1,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(payslip_context(self.object))
        return context


class MyPayslipListView(ObjectListView):
    """My payslips: the user's own, of locked months."""

    model = Payslip
    table_class = PayslipTable
    filterset_class = PayslipFilterSet
    template_name = "generic/object_list.html"
    export_what = gettext_lazy("My payslips")
    empty_message = gettext_lazy("No payslips yet: they appear once a month's payroll is locked.")

    def get_queryset(self):
        return selectors.my_payslips(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = {"add": False}
        return context


class BankTransferListView(RunExportView):
    """The bank transfer list: each employee's net pay and salary account; the account
    numbers are clear only for those who may see them (HR), masked for everyone else."""

    file_name = "bank-transfers"

    def sheets(self, run):
        from ..models import SalaryAccount

        clear = self.request.user.has_perm(SalaryAccount.sensitive_permission)
        self.clear_values = clear
        columns = [
            exports.Column(_("Employee number"), 12),
            exports.Column(_("Name"), 12),
            exports.Column(_("Bank"), 24),
            exports.Column(_("Account holder"), 14),
            exports.Column(_("Account number"), 26, exports.TEXT),
            exports.Column(_("Net pay"), 14, MONEY_FORMAT, total=True),
        ]
        rows = []
        for slip, account in selectors.bank_transfers(run):
            number = ""
            if account is not None:
                number = account.account_number if clear else account.masked_number
            rows.append(
                (
                    slip.employee.employee_no,
                    slip.employee.name,
                    account.bank_name if account else _("(no salary account)"),
                    account.account_name if account else "",
                    number,
                    slip.net,
                )
            )
        title = _("Bank transfer list")
        return [exports.Sheet(title, columns, rows)], title
