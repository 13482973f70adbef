"""Pay tables with effective dates (income tax brackets, the basic and the special
additional deductions, each city's social insurance and housing fund policy) and each
employee's contribution base and declared deductions. The calculations (``payroll.calc``)
take them as arguments; ``payroll.selectors`` picks the rows in force on a date."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope

from ..calc import ADDITIONAL_DEDUCTION_KINDS, Rounding, Scheme

MONEY = {"max_digits": 12, "decimal_places": 2}
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)


def money_field(label, **kwargs):
    kwargs.setdefault("validators", [MinValueValidator(0), MaxValueValidator(10**9)])
    return models.DecimalField(label, **MONEY, **kwargs)


def effective_from_field():
    return models.DateField(
        _("effective from"),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        help_text=_("In force from this date until the next row of the same kind starts."),
    )


def percent_field(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("In percent, e.g. 16 for 16%."),
        **kwargs,
    )


def note_field():
    return models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("The source: the notice and its year.")
    )


class RoundingRule(models.TextChoices):
    CENT = Rounding.CENT, _("To the cent (half-up)")
    JIAO = Rounding.JIAO, _("To 0.1 yuan (half-up)")
    YUAN = Rounding.YUAN, _("To the yuan (half-up)")
    CENT_UP = Rounding.CENT_UP, _("Up to the cent")
    JIAO_UP = Rounding.JIAO_UP, _("Up to 0.1 yuan")
    YUAN_UP = Rounding.YUAN_UP, _("Up to the yuan")


AdditionalKind = models.TextChoices(
    "AdditionalKind", [(key, (key, label)) for key, label in ADDITIONAL_DEDUCTION_KINDS.items()]
)


class TaxTable(BaseModel):
    """An income tax rate table in force from a date: the annual table of comprehensive
    income (cumulative withholding) or the monthly one (the annual bonus taxed alone)."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual (comprehensive income)")
        MONTHLY = "monthly", _("Monthly (annual one-time bonus)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    effective_from = effective_from_field()
    note = note_field()

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("tax rate table")
        verbose_name_plural = _("tax rate tables")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "effective_from"],
                name="payroll_taxtable_one_per_date",
                violation_error_message=_("A table of this kind already starts on this date."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_from:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("payroll:taxtable", args=[self.pk])


class TaxBracket(BaseModel):
    """One bracket of a tax table: income up to the limit at the rate, less the quick
    deduction."""

    table = models.ForeignKey(
        TaxTable, on_delete=models.CASCADE, related_name="brackets", verbose_name=_("table")
    )
    upper_limit = money_field(
        _("up to"), null=True, blank=True, help_text=_("Empty for the top bracket (no limit).")
    )
    rate = percent_field(_("rate (%)"))
    quick_deduction = money_field(_("quick deduction"))

    scope = RowScope(parent="table")

    class Meta:
        verbose_name = _("tax bracket")
        verbose_name_plural = _("tax brackets")
        ordering = ["table", F("upper_limit").asc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "upper_limit"],
                name="payroll_taxbracket_one_per_limit",
                violation_error_message=_("The table already has a bracket with this limit."),
            ),
            models.UniqueConstraint(
                fields=["table"],
                condition=Q(upper_limit__isnull=True),
                name="payroll_taxbracket_one_top",
                violation_error_message=_("The table already has a top bracket."),
            ),
        ]

    def __str__(self):
        limit = f"≤ {self.upper_limit:,}" if self.upper_limit is not None else "∞"
        return f"{self.table} · {limit} · {self.rate.normalize()}%"

    def get_absolute_url(self):
        return reverse("payroll:taxtable", args=[self.table_id])


class StandardDeduction(BaseModel):
    """The basic deduction (基本減除費用) per month in force from a date: 5,000 since
    October 2018."""

    effective_from = effective_from_field()
    monthly_amount = money_field(_("per month"))
    note = note_field()

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("basic deduction")
        verbose_name_plural = _("basic deductions")
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["effective_from"],
                name="payroll_standarddeduction_one_per_date",
                violation_error_message=_("A basic deduction already starts on this date."),
            )
        ]

    def __str__(self):
        return f"{self.monthly_amount:,} ({self.effective_from:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("payroll:standarddeduction", args=[self.pk])


class AdditionalDeductionStandard(BaseModel):
    """The monthly amount of a special additional deduction (專項附加扣除) in force from a
    date, e.g. children's education 2,000 per child from 2023."""

    kind = models.CharField(_("kind"), max_length=30, choices=AdditionalKind.choices)
    effective_from = effective_from_field()
    monthly_amount = money_field(_("per month"))
    unit = models.CharField(
        _("per"), max_length=50, blank=True, help_text=_("e.g. per child, per taxpayer.")
    )
    note = note_field()

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("special additional deduction standard")
        verbose_name_plural = _("special additional deduction standards")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "effective_from"],
                name="payroll_additionalstandard_one_per_date",
                violation_error_message=_("A standard of this kind already starts on this date."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.monthly_amount:,} ({self.effective_from:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("payroll:additionaldeductionstandard", args=[self.pk])


class ContributionPolicy(BaseModel):
    """A city's social insurance and housing fund policy in force from a date: the floors
    and caps of the contribution bases and the rounding; its schemes' rates are rows of
    ``ContributionRate``."""

    city = models.CharField(_("city"), max_length=50)
    effective_from = effective_from_field()
    social_floor = money_field(_("social insurance base floor"))
    social_cap = money_field(_("social insurance base cap"))
    housing_floor = money_field(_("housing fund base floor"))
    housing_cap = money_field(_("housing fund base cap"))
    social_rounding = models.CharField(
        _("social insurance rounding"),
        max_length=10,
        choices=RoundingRule.choices,
        default=RoundingRule.CENT,
    )
    housing_rounding = models.CharField(
        _("housing fund rounding"),
        max_length=10,
        choices=RoundingRule.choices,
        default=RoundingRule.CENT,
    )
    note = note_field()

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("contribution policy")
        verbose_name_plural = _("contribution policies")
        ordering = ["city", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "effective_from"],
                name="payroll_policy_one_per_city_date",
                violation_error_message=_("A policy of this city already starts on this date."),
            ),
            models.CheckConstraint(
                condition=Q(social_floor__lte=F("social_cap"))
                & Q(housing_floor__lte=F("housing_cap")),
                name="payroll_policy_floor_below_cap",
                violation_error_message=_("A base floor cannot be above its cap."),
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.effective_from:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("payroll:contributionpolicy", args=[self.pk])


class ContributionRate(BaseModel):
    """One scheme of a city's policy: the employer's and the employee's rates."""

    class SchemeChoice(models.TextChoices):
        PENSION = Scheme.PENSION, _("Pension")
        MEDICAL = Scheme.MEDICAL, _("Medical (incl. maternity where merged)")
        UNEMPLOYMENT = Scheme.UNEMPLOYMENT, _("Unemployment")
        WORK_INJURY = Scheme.WORK_INJURY, _("Work injury")
        MATERNITY = Scheme.MATERNITY, _("Maternity")
        HOUSING_FUND = Scheme.HOUSING_FUND, _("Housing fund")

    policy = models.ForeignKey(
        ContributionPolicy, on_delete=models.CASCADE, related_name="rates", verbose_name=_("policy")
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=SchemeChoice.choices)
    employer_rate = percent_field(_("employer rate (%)"))
    employee_rate = percent_field(_("employee rate (%)"))

    scope = RowScope(parent="policy")

    class Meta:
        verbose_name = _("contribution rate")
        verbose_name_plural = _("contribution rates")
        ordering = ["policy", "scheme"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "scheme"],
                name="payroll_rate_one_per_scheme",
                violation_error_message=_("The policy already has this scheme."),
            )
        ]

    def __str__(self):
        return f"{self.policy} · {self.get_scheme_display()}"

    def get_absolute_url(self):
        return reverse("payroll:contributionpolicy", args=[self.policy_id])


class ContributionBase(BaseModel):
    """An employee's contribution base for a year (申報基數, normally last year's average
    monthly wage), and the city whose policy applies."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="contribution_bases",
        verbose_name=_("employee"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    city = models.CharField(_("city"), max_length=50)
    base = money_field(_("social insurance base"))
    housing_base = money_field(
        _("housing fund base"),
        null=True,
        blank=True,
        help_text=_("Only where it differs from the social insurance base."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = RowScope(owner=("employee__user",))

    class Meta:
        verbose_name = _("contribution base")
        verbose_name_plural = _("contribution bases")
        ordering = ["-year", "employee__employee_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"],
                name="payroll_base_one_per_year",
                violation_error_message=_("This employee already has a base for this year."),
            )
        ]

    def __str__(self):
        return f"{self.employee} {self.year}"

    def get_absolute_url(self):
        return reverse("payroll:contributionbase", args=[self.pk])


class DeductionClaim(BaseModel):
    """A special additional deduction an employee declared (專項附加扣除信息): the monthly
    amount withheld against from one month to another (open-ended while it lasts)."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="deduction_claims",
        verbose_name=_("employee"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AdditionalKind.choices)
    monthly_amount = money_field(_("per month"))
    start_month = models.DateField(
        _("from month"),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        help_text=_("Any day of the first month."),
    )
    end_month = models.DateField(
        _("to month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        help_text=_("Any day of the last month; empty while it lasts."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = RowScope(owner=("employee__user",))

    class Meta:
        verbose_name = _("declared deduction")
        verbose_name_plural = _("declared deductions")
        ordering = ["employee__employee_no", "kind", "-start_month"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gte=F("start_month")),
                name="payroll_claim_ends_after_start",
                violation_error_message=_("The last month cannot be before the first."),
            )
        ]

    def __str__(self):
        return f"{self.employee} · {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        # a claim counts whole months: keep the first day of each
        self.start_month = self.start_month.replace(day=1)
        if self.end_month:
            self.end_month = self.end_month.replace(day=1)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("payroll:deductionclaim", args=[self.pk])
