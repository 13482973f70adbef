"""The monthly payroll run: open a month, compute every employee's payslip (again, with the
same result for the same inputs), approve, lock. A locked month refuses every change; a
correction is an adjustment item of a later month. Also the writes of the salary
structures that a locked month constrains (salary changes, pay items). Salary accounts and
the annual bonus are in ``accounts`` and ``bonus``."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core import figures, params
from core.figures import Scope
from core.i18n import Text
from core.services import audit_event, require_permission, save_checked

from .. import calc, inputs, rules
from ..calc.money import ZERO, cents
from ..models import (
    BonusTier,
    ContributionBase,
    GradePay,
    PayItem,
    PayrollRun,
    Payslip,
    SalaryChange,
    TaxTable,
)
from ..models.rates import ContributionRate
from ..selectors.rates import (
    contribution_policy_on,
    declared_deductions,
    standard_deduction_on,
    tax_table_on,
)

# Every component of a payslip, in payslip and register order: (key, label, group).
# Earnings and pre-tax deductions make the taxable pay; the employee's contributions and the
# tax are withheld from it; employer contributions are shown, not paid to the employee.
COMPONENTS = (
    ("base", gettext_lazy("Base salary"), "earnings"),
    ("performance", gettext_lazy("Performance pay"), "earnings"),
    ("sales_bonus", gettext_lazy("Sales bonus"), "earnings"),
    ("team_bonus", gettext_lazy("Team bonus"), "earnings"),
    ("certificate_rewards", gettext_lazy("Certificate rewards"), "earnings"),
    ("allowances", gettext_lazy("Allowances"), "earnings"),
    ("adjustments", gettext_lazy("Adjustments"), "earnings"),
    ("overtime", gettext_lazy("Overtime pay"), "earnings"),
    ("untaken_leave", gettext_lazy("Untaken annual leave pay"), "earnings"),
    ("absence", gettext_lazy("Absence deduction"), "earnings"),
    ("bonus_combined", gettext_lazy("Annual bonus (in comprehensive income)"), "earnings"),
    ("gross", gettext_lazy("Taxable pay"), "total"),
    ("si_employee", gettext_lazy("Social insurance (employee)"), "withheld"),
    ("hf_employee", gettext_lazy("Housing fund (employee)"), "withheld"),
    ("tax", gettext_lazy("Income tax"), "withheld"),
    ("annual_bonus", gettext_lazy("Annual bonus (taxed separately)"), "after_tax"),
    ("bonus_tax", gettext_lazy("Tax on the annual bonus"), "after_tax"),
    ("deductions", gettext_lazy("Deductions from net pay"), "after_tax"),
    ("net", gettext_lazy("Net pay"), "total"),
    ("si_employer", gettext_lazy("Social insurance (employer)"), "employer"),
    ("hf_employer", gettext_lazy("Housing fund (employer)"), "employer"),
)
COMPONENT_LABELS = {key: label for key, label, _group in COMPONENTS}
COMPONENT_KEYS = [key for key, _label, _group in COMPONENTS]


def _require_model_perm(actor, perm):
    """A write that creates a record: the model permission is the whole check."""
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied(_("You may not do this on this record."))


def _month_first(day):
    return day.replace(day=1)


def _next_month(first):
    return (first + dt.timedelta(days=32)).replace(day=1)


def _pct(fraction):
    """A fraction as a percent for a note: 0.08 → "8%", 0.005 → "0.5%"."""
    return f"{(Decimal(fraction) * 100).normalize():f}%"


# --- the month and its state --------------------------------------------------------------


def locked_through():
    """The last day of the latest locked month, or None."""
    run = PayrollRun.objects.filter(status=PayrollRun.Status.LOCKED).order_by("-year", "-month")
    run = run.first()
    return run.last_day if run else None


def require_open_month(day, field=None):
    """Refuse a change that takes effect in a locked month (corrections go to a later month
    as adjustment items)."""
    last = locked_through()
    if day is not None and last is not None and day <= last:
        message = _(
            "The payroll of %(month)s is locked: a change can only take effect after it "
            "(enter a correction as an adjustment of a later month)."
        ) % {"month": last.strftime("%Y-%m")}
        raise ValidationError({field: message} if field else message)


def _require_unlocked(run):
    if run.is_locked:
        raise ValidationError(_("The payroll of %(month)s is locked.") % {"month": run})


@transaction.atomic
def payroll_month_open(*, actor, year, month):
    """Open the payroll of a month (one per month): after the latest locked one."""
    _require_model_perm(actor, "payroll.add_payrollrun")
    if PayrollRun.objects.filter(year=year, month=month).exists():
        raise ValidationError({"month": _("This month already has a payroll.")})
    last = locked_through()
    if last is not None and dt.date(year, month, 1) <= last:
        raise ValidationError({"month": _("This month is before the latest locked month.")})
    run = save_checked(PayrollRun(year=year, month=month), actor)
    audit_event(
        actor=actor,
        verb="payroll_opened",
        target=run,
        message=Text(gettext_noop("Payroll of %(month)s opened"), {"month": str(run)}),
    )
    return run


@transaction.atomic
def payroll_approve(*, actor, run):
    """HR approves a computed month (the payslips as they are)."""
    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    require_permission(actor, run, "payroll.change_payrollrun")
    _require_unlocked(run)
    if run.status != PayrollRun.Status.COMPUTED:
        raise ValidationError(_("Only a computed month can be approved."))
    run.status = PayrollRun.Status.APPROVED
    run.approved_at = timezone.now()
    save_checked(run, actor)
    audit_event(
        actor=actor,
        verb="payroll_approved",
        target=run,
        message=Text(gettext_noop("Payroll of %(month)s approved"), {"month": str(run)}),
    )
    return run


@transaction.atomic
def payroll_lock(*, actor, run):
    """Lock an approved month: its payslips are final, shown to the employees, and the
    certificate rewards they pay are marked paid."""
    from training.models import QualificationReward
    from training.services import reward_mark_paid

    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    require_permission(actor, run, "payroll.change_payrollrun")
    _require_unlocked(run)
    if run.status != PayrollRun.Status.APPROVED:
        raise ValidationError(_("Only an approved month can be locked."))
    earlier = PayrollRun.objects.filter(
        Q(year__lt=run.year) | Q(year=run.year, month__lt=run.month)
    ).exclude(status=PayrollRun.Status.LOCKED)
    if earlier.exists():
        raise ValidationError(_("Lock the earlier months first."))
    reward_ids = [pk for slip in run.payslips.all() for pk in slip.data.get("rewards", [])]
    for reward in QualificationReward.objects.filter(pk__in=reward_ids):
        reward_mark_paid(actor=actor, reward=reward, month=run.first_day)
    run.status = PayrollRun.Status.LOCKED
    run.locked_at = timezone.now()
    save_checked(run, actor)
    audit_event(
        actor=actor,
        verb="payroll_locked",
        target=run,
        message=Text(gettext_noop("Payroll of %(month)s locked"), {"month": str(run)}),
    )
    return run


@transaction.atomic
def payroll_reopen(*, actor, run):
    """Take back an approval (before the month is locked) to correct and recompute."""
    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    require_permission(actor, run, "payroll.change_payrollrun")
    _require_unlocked(run)
    if run.status != PayrollRun.Status.APPROVED:
        raise ValidationError(_("Only an approved month can be reopened."))
    run.status = PayrollRun.Status.COMPUTED
    run.approved_at = None
    save_checked(run, actor)
    audit_event(
        actor=actor,
        verb="payroll_reopened",
        target=run,
        message=Text(
            gettext_noop("Approval of the payroll of %(month)s taken back"), {"month": str(run)}
        ),
    )
    return run


# --- the structures a locked month constrains -----------------------------------------------


@transaction.atomic
def salary_change_save(*, actor, change):
    """Add or correct a salary change; refused when it takes effect in a locked month."""
    if change.pk:
        require_permission(actor, change, "payroll.change_salarychange")
    else:
        _require_model_perm(actor, "payroll.add_salarychange")
    if change.pk:
        before = SalaryChange.objects.get(pk=change.pk)
        require_open_month(before.effective_from, "effective_from")
    require_open_month(change.effective_from, "effective_from")
    band = GradePay.objects.filter(grade_id=change.employee.grade_id).first()
    if band and not band.band_min <= change.amount <= band.band_max:
        raise ValidationError(
            {
                "amount": _("Outside the band of grade %(grade)s (%(min)s–%(max)s).")
                % {"grade": band.grade, "min": band.band_min, "max": band.band_max}
            }
        )
    save_checked(change, actor)
    return change


@transaction.atomic
def pay_item_save(*, actor, item):
    """Add or correct a pay item; refused when it (or its former version) pays in a locked
    month."""
    if item.pk:
        require_permission(actor, item, "payroll.change_payitem")
    else:
        _require_model_perm(actor, "payroll.add_payitem")
    last = locked_through()
    if item.pk and last is not None:
        before = PayItem.objects.get(pk=item.pk)
        if before.start_month <= last:
            # an item that already paid: only its end may move, and not into a locked month
            changed = any(
                getattr(before, f) != getattr(item, f)
                for f in ("employee_id", "kind", "amount", "start_month", "tax_method")
            )
            if changed:
                raise ValidationError(
                    _("This item was paid in a locked month: end it and add a new one.")
                )
            require_open_month(item.end_month, "end_month")
    else:
        require_open_month(item.start_month.replace(day=1), "start_month")
    save_checked(item, actor)
    return item


@transaction.atomic
def pay_item_delete(*, actor, item):
    require_permission(actor, item, "payroll.delete_payitem")
    require_open_month(item.start_month.replace(day=1))
    item.delete()


# --- the computation ------------------------------------------------------------------------


class MonthContext:
    """Everything the month's payslips read, loaded once for all employees."""

    def __init__(self, run, employees):
        from org.calendar import calendar_days, working_days

        self.run = run
        self.first, self.last = run.first_day, run.last_day
        self.year, self.month = run.year, run.month
        self.days = calendar_days(self.first, self.last)
        self.working_days = working_days
        self.month_days = len(working_days(self.first, self.last, self.days))
        ids = [e.pk for e in employees]
        self.salaries = {}
        for row in SalaryChange.objects.filter(
            employee_id__in=ids, effective_from__lte=self.last
        ).order_by("employee_id", "effective_from"):
            self.salaries[row.employee_id] = row
        self.first_job = set(
            SalaryChange.objects.filter(
                employee_id__in=ids,
                reason=SalaryChange.Reason.HIRE,
                first_job_this_year=True,
                effective_from__year=self.year,
            ).values_list("employee_id", flat=True)
        )
        self.grade_pay = {g.grade_id: g for g in GradePay.objects.all()}
        self.items = {}
        for item in (
            PayItem.objects.filter(employee_id__in=ids, start_month__lte=self.first)
            .filter(Q(end_month__isnull=True) | Q(end_month__gte=self.first))
            .order_by("kind", "start_month", "pk")
        ):
            self.items.setdefault(item.employee_id, []).append(item)
        self.bases = {
            b.employee_id: b
            for b in ContributionBase.objects.filter(employee_id__in=ids, year=self.year)
        }
        self.policies = {}
        self.annual_table = tax_table_on(TaxTable.Kind.ANNUAL, self.last)
        self._monthly_table = None
        self.standard = standard_deduction_on(self.last)
        self.attendance = inputs.month_inputs(ids, self.year, self.month)
        self.sick_rate = Decimal(params.get(rules.SICK_LEAVE_DEDUCTION)) / 100
        self.default_city = params.get(rules.DEFAULT_CITY)
        self.previous = {}
        for slip in Payslip.objects.filter(
            employee_id__in=ids,
            run__year=self.year,
            run__month__lt=self.month,
            run__status=PayrollRun.Status.LOCKED,
        ).order_by("run__month"):
            self.previous.setdefault(slip.employee_id, []).append(slip)
        self._load_bonuses(employees)
        self._load_rewards(ids)

    @property
    def monthly_table(self):
        if self._monthly_table is None:
            self._monthly_table = tax_table_on(TaxTable.Kind.MONTHLY, self.last)
        return self._monthly_table

    def policy(self, city):
        if city not in self.policies:
            try:
                self.policies[city] = contribution_policy_on(city, self.first)
            except ValidationError:
                self.policies[city] = None
        return self.policies[city]

    def _tiers(self, basis, measure):
        rows = BonusTier.objects.filter(
            basis=basis, measure=measure, effective_from__lte=self.last
        ).order_by("-effective_from", "lower")
        start = None
        tiers = []
        for row in rows:
            if start is None:
                start = row.effective_from
            if row.effective_from != start:
                break
            tiers.append((row.lower, row.rate / 100))
        return tiers

    def _load_bonuses(self, employees):
        period = (self.first, _next_month(self.first))
        measures = [m.value for m in BonusTier.Measure]
        self.sales_tiers = {m: self._tiers(BonusTier.Basis.PERSON, m) for m in measures}
        self.team_tiers = {m: self._tiers(BonusTier.Basis.TEAM, m) for m in measures}
        wanted = any(self.sales_tiers.values()) or any(self.team_tiers.values())
        self.person_figures = {}
        self.team_figures = {}
        if wanted:
            self.person_figures = figures.figures_by(
                scope=Scope.company(), period=period, by="person", measures=measures
            )
        if any(self.team_tiers.values()):
            self.team_figures = figures.figures_by(
                scope=Scope.company(), period=period, by="team", measures=measures
            )
        # each team's pool, split among its members paid this month
        self.team_bonus = {}
        members = {}
        for employee in employees:
            if employee.team_id:
                members.setdefault(employee.team_id, []).append(employee)
        split = params.get(rules.TEAM_BONUS_SPLIT)
        for team_id, people in members.items():
            team_values = self.team_figures.get(team_id, {})
            pool = ZERO
            notes = []
            for measure, tiers in self.team_tiers.items():
                if tiers:
                    value = team_values.get(measure) or ZERO
                    pool += calc.tiered_bonus(value, tiers)
                    notes.append(f"{value:,}")
            if pool <= 0:
                continue
            shares = {
                e.pk: (
                    (self.person_figures.get(e.user_id, {}).get("premium_total") or ZERO)
                    if split == "premium"
                    else Decimal(1)
                )
                for e in people
            }
            parts = calc.split_pool(pool, shares)
            total_share = sum(shares.values(), ZERO)
            for e in people:
                self.team_bonus[e.pk] = (parts[e.pk], pool, shares[e.pk], total_share)

    def _load_rewards(self, ids):
        from training.selectors import rewards_due_for_payroll

        self.rewards = {}
        for reward in rewards_due_for_payroll(month=self.first):
            employee_id = reward.certificate.employee_id
            if employee_id in ids:
                self.rewards.setdefault(employee_id, []).append(reward)


def payroll_employees(run):
    """The employees paid in the month: employed on at least one of its days, with a salary
    in force."""
    from org.models import Employee

    return list(
        Employee.objects.filter(hire_date__lte=run.last_day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=run.first_day))
        .filter(salary_changes__effective_from__lte=run.last_day)
        .distinct()
        .select_related("grade", "team", "user")
        .order_by("employee_no")
    )


class Slip:
    """A payslip being computed: its lines, amounts and working."""

    def __init__(self):
        self.lines = []
        self.amounts = dict.fromkeys(COMPONENT_KEYS, ZERO)

    def add(self, key, amount, note="", label=""):
        amount = cents(amount)
        self.amounts[key] += amount
        self.lines.append({"key": key, "label": label, "amount": str(amount), "note": str(note)})


def compute_payslip(ctx, employee):
    """One employee's payslip of the month: (amounts, lines, worksheet, data)."""
    from appraisal.selectors import performance_coefficient

    slip = Slip()
    change = ctx.salaries[employee.pk]
    salary = change.amount
    start = max(employee.hire_date, ctx.first)
    end = min(employee.left_on or ctx.last, ctx.last)
    worked = len(ctx.working_days(start, end, ctx.days)) if start <= end else 0
    if start > ctx.first or end < ctx.last:
        base = cents(salary * worked / ctx.month_days) if ctx.month_days else ZERO
        slip.add("base", base, f"{salary:,} × {worked} ÷ {ctx.month_days}")
    else:
        slip.add("base", salary, f"{salary:,}")

    # performance pay: the grade's base × the coefficient of the previous month's result
    grade_pay = ctx.grade_pay.get(employee.grade_id)
    if grade_pay and grade_pay.performance_base:
        previous = ctx.first - dt.timedelta(days=1)
        coefficient = performance_coefficient(employee, previous.year, previous.month)
        if coefficient is not None:
            coefficient = Decimal(str(coefficient))
            slip.add(
                "performance",
                grade_pay.performance_base * coefficient,
                f"{grade_pay.performance_base:,} × {coefficient} ({previous:%Y-%m})",
            )

    person = ctx.person_figures.get(employee.user_id, {})
    for measure, tiers in ctx.sales_tiers.items():
        if tiers:
            value = person.get(measure) or ZERO
            bonus = calc.tiered_bonus(value, tiers)
            if bonus:
                slip.add("sales_bonus", bonus, f"{value:,}")
    if employee.pk in ctx.team_bonus:
        part, pool, share, total = ctx.team_bonus[employee.pk]
        slip.add("team_bonus", part, f"{pool:,} × {share:,} ÷ {total:,}")

    rewards = ctx.rewards.get(employee.pk, [])
    for reward in rewards:
        slip.add("certificate_rewards", reward.amount, str(reward.certificate.kind))

    bonus_separate = ZERO
    deductions = []
    for item in ctx.items.get(employee.pk, []):
        if item.kind == PayItem.Kind.ALLOWANCE:
            slip.add("allowances", item.amount, "", label=item.label)
        elif item.kind == PayItem.Kind.ADJUSTMENT:
            slip.add("adjustments", item.amount, item.note, label=item.label)
        elif item.kind == PayItem.Kind.DEDUCTION:
            deductions.append(item)
        elif item.tax_method == PayItem.TaxMethod.COMBINED:
            slip.add("bonus_combined", item.amount, "", label=item.label)
        else:
            bonus_separate += item.amount

    # attendance and leave
    attendance = ctx.attendance.get(employee.pk)
    notes = []
    if attendance:
        notes = list(attendance.notes)
        if attendance.unpaid_days:
            amount = calc.absence_deduction(monthly_wage=salary, days=attendance.unpaid_days)
            slip.add("absence", -amount, f"{salary:,} ÷ 21.75 × {attendance.unpaid_days}")
        if attendance.sick_days and ctx.sick_rate:
            amount = calc.absence_deduction(
                monthly_wage=salary, days=attendance.sick_days, rate=ctx.sick_rate
            )
            slip.add(
                "absence",
                -amount,
                f"{salary:,} ÷ 21.75 × {attendance.sick_days} × {_pct(ctx.sick_rate)}",
            )
        for kind, hours in sorted(attendance.overtime_hours.items()):
            if hours:
                amount = calc.overtime_pay(monthly_wage=salary, hours=hours, day_kind=kind)
                multiplier = calc.OVERTIME_MULTIPLIERS[kind]
                slip.add(
                    "overtime", amount, f"{salary:,} ÷ 21.75 ÷ 8 × {hours} × {_pct(multiplier)}"
                )
        if attendance.untaken_leave_days:
            pay = calc.untaken_leave_pay(monthly_wage=salary, days=attendance.untaken_leave_days)
            slip.add(
                "untaken_leave",
                pay.extra_due,
                f"{pay.daily_wage:,} × {attendance.untaken_leave_days} × 200%",
            )

    gross = sum(
        (slip.amounts[key] for key, _label, group in COMPONENTS if group == "earnings"), ZERO
    )
    slip.amounts["gross"] = gross

    # social insurance and housing fund
    base_row = ctx.bases.get(employee.pk)
    city = base_row.city if base_row else ctx.default_city
    declared = base_row.base if base_row else salary
    housing_declared = base_row.housing_base if base_row else None
    policy = ctx.policy(city)
    contribution_rows = []
    warnings = []
    if policy is None:
        warnings.append(f"{employee.employee_no}: {city}")
    else:
        result = calc.contributions(policy, declared, housing_declared)
        for scheme in result.schemes:
            housing = scheme.scheme == calc.Scheme.HOUSING_FUND
            contribution_rows.append(
                {
                    "scheme": scheme.scheme,
                    "base": str(scheme.base),
                    "employee_rate": str(scheme.employee_rate),
                    "employer_rate": str(scheme.employer_rate),
                    "employee": str(scheme.employee),
                    "employer": str(scheme.employer),
                }
            )
            if scheme.employee:
                slip.add(
                    "hf_employee" if housing else "si_employee",
                    -scheme.employee,
                    f"{scheme.base:,} × {_pct(scheme.employee_rate)}",
                    label=str(ContributionRate.SchemeChoice(scheme.scheme).label),
                )
            slip.amounts["hf_employer" if housing else "si_employer"] += scheme.employer
    special = -(slip.amounts["si_employee"] + slip.amounts["hf_employee"])

    # income tax: cumulative withholding with the earlier locked months of the year
    previous = ctx.previous.get(employee.pk, [])
    additional_month = {k: str(v) for k, v in declared_deductions(employee, ctx.first).items()}
    income_to_date = gross + sum((Decimal(p.data["income"]) for p in previous), ZERO)
    special_to_date = special + sum((Decimal(p.data["special"]) for p in previous), ZERO)
    withheld = sum((Decimal(p.data["withheld"]) for p in previous), ZERO)
    additional = {k: Decimal(v) for k, v in additional_month.items()}
    for p in previous:
        for k, v in p.data.get("additional", {}).items():
            additional[k] = additional.get(k, ZERO) + Decimal(v)
    rule = (
        calc.tax.BasicDeductionRule.FIRST_JOB_THIS_YEAR
        if employee.pk in ctx.first_job
        else calc.tax.BasicDeductionRule.MONTHS_EMPLOYED
    )
    with translation.override("en"):
        ws = calc.withholding_tax(
            annual_table=ctx.annual_table,
            standard_deduction=ctx.standard,
            month=ctx.month,
            months_employed=len(previous) + 1,
            income_to_date=income_to_date,
            special_deductions_to_date=special_to_date,
            additional_deductions_to_date=additional,
            withheld_to_date=withheld,
            basic_deduction_rule=rule,
        )
        worksheet = [
            {
                "key": line.key,
                "label": str(line.label),
                "amount": str(line.amount),
                "note": str(line.note),
                "unit": line.unit,
            }
            for line in ws.lines
        ]
        tax = ws["tax_this_month"]
        slip.add("tax", -tax)
        bonus_tax = ZERO
        if bonus_separate:
            bonus_ws = calc.bonus_tax_separately(
                bonus=bonus_separate, monthly_table=ctx.monthly_table
            )
            worksheet += [
                {
                    "key": f"bonus_{line.key}" if not line.key.startswith("bonus") else line.key,
                    "label": str(line.label),
                    "amount": str(line.amount),
                    "note": str(line.note),
                    "unit": line.unit,
                }
                for line in bonus_ws.lines
            ]
            bonus_tax = bonus_ws["bonus_tax"]
            slip.add("annual_bonus", bonus_separate)
            slip.add("bonus_tax", -bonus_tax)
    for item in deductions:
        slip.add("deductions", -item.amount, "", label=item.label)
    net = (
        gross
        + slip.amounts["si_employee"]
        + slip.amounts["hf_employee"]
        + slip.amounts["tax"]
        + slip.amounts["annual_bonus"]
        + slip.amounts["bonus_tax"]
        + slip.amounts["deductions"]
    )
    slip.amounts["net"] = net
    data = {
        "salary": str(salary),
        "worked_days": worked,
        "month_days": ctx.month_days,
        "income": str(gross),
        "special": str(special),
        "additional": additional_month,
        "withheld": str(tax),
        "rule": rule,
        "city": city,
        "contributions": contribution_rows,
        "rewards": [r.pk for r in rewards],
        "notes": notes,
        "warnings": warnings,
    }
    amounts = {k: str(v) for k, v in slip.amounts.items()}
    return amounts, slip.lines, worksheet, data


def payroll_compute(*, actor, run, progress=None):
    """Compute (again) every payslip of an open month: the same inputs give the same
    payslips; a payslip of an employee no longer paid is removed. ``progress(done, total)``
    is called as it goes (the background job's progress bar)."""
    with transaction.atomic():
        run = PayrollRun.objects.select_for_update().get(pk=run.pk)
        require_permission(actor, run, "payroll.change_payrollrun")
        _require_unlocked(run)
        if run.status == PayrollRun.Status.APPROVED:
            raise ValidationError(_("An approved month must be reopened before recomputing."))
        employees = payroll_employees(run)
        ctx = MonthContext(run, employees)
        existing = {s.employee_id: s for s in run.payslips.all()}
        warnings = []
        for index, employee in enumerate(employees):
            amounts, lines, worksheet, data = compute_payslip(ctx, employee)
            warnings += data["warnings"]
            slip = existing.pop(employee.pk, None) or Payslip(run=run, employee=employee)
            values = {
                "gross": Decimal(amounts["gross"]),
                "contributions": -(
                    Decimal(amounts["si_employee"]) + Decimal(amounts["hf_employee"])
                ),
                "tax": -(Decimal(amounts["tax"]) + Decimal(amounts["bonus_tax"])),
                "net": Decimal(amounts["net"]),
                "amounts": amounts,
                "lines": lines,
                "worksheet": worksheet,
                "data": data,
            }
            changed = slip.pk is None or any(getattr(slip, k) != v for k, v in values.items())
            if changed:
                for key, value in values.items():
                    setattr(slip, key, value)
                save_checked(slip, actor)
            if progress:
                progress(index + 1, len(employees))
        for stale in existing.values():
            stale.delete()
        run.status = PayrollRun.Status.COMPUTED
        run.computed_at = timezone.now()
        run.warnings = warnings
        save_checked(run, actor)
        audit_event(
            actor=actor,
            verb="payroll_computed",
            target=run,
            message=Text(
                gettext_noop("Payroll of %(month)s computed: %(count)s payslips"),
                {"month": str(run), "count": len(employees)},
            ),
        )
    return run
