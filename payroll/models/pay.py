"""Salary structures and the monthly payroll run: pay bands and performance-pay bases by
grade, each employee's salary history, recurring and one-off pay items, the sales and team
bonus tiers, and the runs with their payslips (every component a line, with the working)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField, keyed_hash, mask
from core.models import BaseModel
from core.permissions import RowScope

from .rates import EARLIEST, LATEST, MONEY, effective_from_field, money_field, percent_field


def month_field(label, **kwargs):
    return models.DateField(
        label,
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        **kwargs,
    )


class GradePay(BaseModel):
    """A position grade's base-salary band and its monthly performance-pay base (paid ×
    the coefficient of the employee's closed monthly appraisal)."""

    grade = models.OneToOneField(
        "org.Grade", on_delete=models.PROTECT, related_name="pay", verbose_name=_("grade")
    )
    band_min = money_field(_("base salary from"))
    band_max = money_field(_("base salary up to"))
    performance_base = money_field(
        _("performance pay base"),
        help_text=_("Paid each month × the coefficient of the closed appraisal result."),
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("grade pay band")
        verbose_name_plural = _("grade pay bands")
        ordering = ["grade__level", "grade__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(band_min__lte=F("band_max")),
                name="payroll_gradepay_min_below_max",
                violation_error_message=_("The band's lower end cannot be above its upper end."),
            )
        ]

    def __str__(self):
        return f"{self.grade} {self.band_min:,}–{self.band_max:,}"

    def get_absolute_url(self):
        return reverse("payroll:gradepay", args=[self.pk])


class SalaryChange(BaseModel):
    """An employee's monthly base salary from a date, and why (hire, promotion, annual
    review); the latest in force on a month's last day is that month's salary."""

    class Reason(models.TextChoices):
        HIRE = "hire", _("Hire")
        PROMOTION = "promotion", _("Promotion")
        ANNUAL_REVIEW = "annual_review", _("Annual review")
        OTHER = "other", _("Other")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="salary_changes",
        verbose_name=_("employee"),
    )
    effective_from = effective_from_field()
    amount = money_field(_("monthly base salary"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    first_job_this_year = models.BooleanField(
        _("first job this year"),
        default=False,
        help_text=_(
            "On a hire: the employee had no wage income earlier in the year, so the basic "
            "deduction counts from January."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = RowScope(owner=("employee__user",))

    class Meta:
        verbose_name = _("salary change")
        verbose_name_plural = _("salary history")
        ordering = ["employee__employee_no", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "effective_from"],
                name="payroll_salarychange_one_per_date",
                violation_error_message=_("This employee already has a salary from this date."),
            )
        ]

    def __str__(self):
        return f"{self.employee} {self.effective_from:%Y-%m-%d} {self.amount:,}"

    def get_absolute_url(self):
        return reverse("payroll:salarychange", args=[self.pk])


class PayItem(BaseModel):
    """A recurring or one-off pay item of an employee: an allowance (taxable), an
    adjustment (taxable, may be negative: a correction of a locked month), a deduction
    from net pay, or the annual bonus (taxed as the employee chose)."""

    class Kind(models.TextChoices):
        ALLOWANCE = "allowance", _("Allowance")
        ADJUSTMENT = "adjustment", _("Adjustment")
        DEDUCTION = "deduction", _("Deduction from net pay")
        ANNUAL_BONUS = "annual_bonus", _("Annual bonus")

    class TaxMethod(models.TextChoices):
        SEPARATE = "separate", _("Taxed separately")
        COMBINED = "combined", _("Added to comprehensive income")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="pay_items",
        verbose_name=_("employee"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. 交通補貼, 餐費."))
    amount = models.DecimalField(
        _("amount"),
        **MONEY,
        validators=[MinValueValidator(-(10**7)), MaxValueValidator(10**7)],
        help_text=_("Per month. Only an adjustment may be negative."),
    )
    start_month = month_field(_("from month"), help_text=_("Any day of the first month."))
    end_month = month_field(
        _("to month"),
        null=True,
        blank=True,
        help_text=_(
            "Any day of the last month; the same month for a one-off item, empty while it lasts."
        ),
    )
    tax_method = models.CharField(
        _("tax method"),
        max_length=10,
        choices=TaxMethod.choices,
        default=TaxMethod.SEPARATE,
        help_text=_("For the annual bonus only."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = RowScope(owner=("employee__user",))

    class Meta:
        verbose_name = _("pay item")
        verbose_name_plural = _("pay items")
        ordering = ["employee__employee_no", "-start_month", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gte=F("start_month")),
                name="payroll_payitem_ends_after_start",
                violation_error_message=_("The last month cannot be before the first."),
            ),
            models.CheckConstraint(
                condition=Q(kind="adjustment") | Q(amount__gte=0),
                name="payroll_payitem_only_adjustment_negative",
                violation_error_message=_("Only an adjustment may be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.label} · {self.amount:,}"

    def save(self, *args, **kwargs):
        self.start_month = self.start_month.replace(day=1)
        if self.end_month:
            self.end_month = self.end_month.replace(day=1)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("payroll:payitem", args=[self.pk])


class BonusTier(BaseModel):
    """A tier of the sales or the team bonus in force from a date: the part of the month's
    figure (premium income or profit contribution) above ``lower`` earns ``rate`` (tiers
    are progressive, like tax brackets). A team's bonus is its pool, split among its
    members by the rule in the settings."""

    class Basis(models.TextChoices):
        PERSON = "person", _("Sales bonus (a person's figure)")
        TEAM = "team", _("Team bonus (the team's figure)")

    class Measure(models.TextChoices):
        PREMIUM = "premium_total", _("Premium income")
        PROFIT = "commission", _("Profit contribution")

    basis = models.CharField(_("bonus"), max_length=10, choices=Basis.choices)
    measure = models.CharField(_("on"), max_length=20, choices=Measure.choices)
    effective_from = effective_from_field()
    lower = money_field(_("above"))
    rate = percent_field(_("rate (%)"))

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("bonus tier")
        verbose_name_plural = _("bonus tiers")
        ordering = ["basis", "measure", "-effective_from", "lower"]
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "measure", "effective_from", "lower"],
                name="payroll_bonustier_one_per_lower",
                violation_error_message=_("This rule already has a tier from this amount."),
            )
        ]

    def __str__(self):
        return (
            f"{self.get_basis_display()} · {self.get_measure_display()} > {self.lower:,} · "
            f"{self.rate.normalize()}%"
        )

    def get_absolute_url(self):
        return reverse("payroll:bonustier_edit", args=[self.pk])


class PayrollRun(BaseModel):
    """One month's payroll: opened by HR, computed (again) in the background, approved,
    then locked: a locked month never changes."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPUTED = "computed", _("Computed")
        APPROVED = "approved", _("Approved")
        LOCKED = "locked", _("Locked")

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    task_run = models.ForeignKey(
        "core.TaskRun", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    warnings = models.JSONField(_("warnings"), default=list, blank=True, editable=False)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("payroll month")
        verbose_name_plural = _("payroll months")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"],
                name="payroll_run_one_per_month",
                violation_error_message=_("This month already has a payroll."),
            )
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d}"

    @property
    def first_day(self):
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self):
        following = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def is_locked(self):
        return self.status == self.Status.LOCKED

    def get_absolute_url(self):
        return reverse("payroll:payrollrun", args=[self.pk])


class Payslip(BaseModel):
    """One employee's pay of one month: every component as a line, the working of the tax
    and the figures the register, the summaries and the bank list show."""

    run = models.ForeignKey(
        PayrollRun, on_delete=models.CASCADE, related_name="payslips", verbose_name=_("month")
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="payslips",
        verbose_name=_("employee"),
    )
    gross = models.DecimalField(_("taxable pay"), **MONEY, default=0)
    contributions = models.DecimalField(_("employee contributions"), **MONEY, default=0)
    tax = models.DecimalField(_("income tax"), **MONEY, default=0)
    net = models.DecimalField(_("net pay"), **MONEY, default=0)
    amounts = models.JSONField(_("components"), default=dict, editable=False)
    lines = models.JSONField(_("lines"), default=list, editable=False)
    worksheet = models.JSONField(_("working"), default=list, editable=False)
    data = models.JSONField(default=dict, editable=False)

    scope = RowScope(owner=("employee__user",))

    class Meta:
        verbose_name = _("payslip")
        verbose_name_plural = _("payslips")
        ordering = ["-run__year", "-run__month", "employee__employee_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "employee"],
                name="payroll_payslip_one_per_month",
                violation_error_message=_("This employee already has a payslip this month."),
            )
        ]

    def __str__(self):
        return f"{self.employee} {self.run}"

    def get_absolute_url(self):
        return reverse("payroll:payslip", args=[self.pk])


class SalaryAccount(BaseModel):
    """The bank account an employee's net pay is transferred to. The number is stored
    encrypted and shown masked, except to those who may see it (HR), and each unmasked
    view is access-logged."""

    employee = models.OneToOneField(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="salary_account",
        verbose_name=_("employee"),
    )
    bank_name = models.CharField(_("bank"), max_length=100, help_text=_("e.g. 招商銀行上海分行."))
    account_name = models.CharField(
        _("account holder"), max_length=100, help_text=_("As the bank has it.")
    )
    account_number = EncryptedTextField(_("account number"), max_length=40)
    account_number_hash = models.CharField(max_length=64, blank=True, editable=False)

    scope = RowScope(owner=("employee__user",))
    sensitive_permission = "payroll.view_account_number"

    class Meta:
        verbose_name = _("salary account")
        verbose_name_plural = _("salary accounts")
        ordering = ["employee__employee_no"]
        permissions = [("view_account_number", _("Can see salary account numbers unmasked"))]

    def __str__(self):
        return f"{self.employee} · {self.bank_name} {self.masked_number}"

    @property
    def masked_number(self):
        return mask(self.account_number, keep_start=4, keep_end=4)

    def clean(self):
        super().clean()
        digits = "".join(str(self.account_number or "").split())
        if not digits.isdigit() or not 8 <= len(digits) <= 30:
            raise ValidationError({"account_number": _("An account number is 8 to 30 digits.")})
        self.account_number = digits

    def save(self, *args, **kwargs):
        self.account_number_hash = keyed_hash(self.account_number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("payroll:salaryaccount", args=[self.pk])
