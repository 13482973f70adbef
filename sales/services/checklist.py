"""Proposals: the automatic compliance checklist."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core import params

from .. import calculations as calc
from .. import rules

# --- proposals: the automatic compliance checklist ----------------------------------------


@dataclass
class Check:
    """One item of the automatic checklist."""

    key: str
    label: str
    passed: bool
    detail: str = ""

    def as_dict(self):
        return {"key": self.key, "label": self.label, "passed": self.passed, "detail": self.detail}


def _age_on(birth_date, day):
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def proposal_totals(proposal, lines=None):
    """(total annual premium, premium-to-income ratio or None)."""
    lines = list(proposal.lines.all()) if lines is None else lines
    total = calc.total(line.annual_premium for line in lines)
    analysis = proposal.needs_analysis
    ratio = None
    if analysis is not None:
        ratio = calc.premium_to_income(total_premium=total, annual_income=analysis.annual_income)
    return total, ratio


def _line_problems(lines, customer, today):
    """The age and sum-insured problems of each cover line: (ages, sums), each a list of
    sentences."""
    ages, sums = [], []
    for line in lines:
        product = line.product
        person = line.insured_member or customer
        name = line.insured_member.name if line.insured_member else customer.name
        if person.birth_date is None:
            ages.append(_("%(name)s: birth date unknown") % {"name": name})
        else:
            age = _age_on(person.birth_date, today)
            if not product.min_age <= age <= product.max_age:
                ages.append(
                    _("%(name)s is %(age)s; %(product)s insures ages %(min)s–%(max)s")
                    % {
                        "name": name,
                        "age": age,
                        "product": product.name,
                        "min": product.min_age,
                        "max": product.max_age,
                    }
                )
        if not product.min_sum_insured <= line.sum_insured <= product.max_sum_insured:
            sums.append(
                _("%(product)s: sum insured %(sum)s outside %(min)s–%(max)s")
                % {
                    "product": product.name,
                    "sum": line.sum_insured,
                    "min": product.min_sum_insured,
                    "max": product.max_sum_insured,
                }
            )
    return ages, sums


def _risk_check(lines, analysis):
    """Investment-type products need the customer's risk level at least the configured minimum."""
    min_risk = params.get(rules.INVESTMENT_MIN_RISK)
    investment = [line.product.name for line in lines if line.product.is_investment_type]
    if not investment:
        return Check("risk", _("Investment-type products suit the risk level"), True, _("None."))
    level = analysis.risk_level if analysis else None
    ok = level is not None and level >= min_risk
    return Check(
        "risk",
        _("Investment-type products suit the risk level"),
        ok,
        _("%(products)s need risk level %(min)s or more; the customer's is %(level)s")
        % {
            "products": "、".join(investment),
            "min": min_risk,
            "level": level if level is not None else "—",
        },
    )


def _premium_income_check(proposal, lines, analysis):
    """The premiums stay under the configured share of the customer's annual income."""
    ceiling = params.get(rules.PREMIUM_INCOME_CEILING)
    total, ratio = proposal_totals(proposal, lines)
    if ratio is None:
        return Check(
            "premium_income",
            _("Premium-to-income ratio under the ceiling"),
            False,
            _("No annual income on record."),
        )
    return Check(
        "premium_income",
        _("Premium-to-income ratio under the ceiling"),
        total <= ceiling * analysis.annual_income,  # exact, not the rounded ratio
        _("%(ratio)s%% of income; the ceiling is %(ceiling)s%%")
        % {"ratio": f"{ratio * 100:.1f}", "ceiling": f"{ceiling * 100:.1f}"},
    )


def _needs_age_check(analysis, today):
    """The needs analysis is younger than the configured number of months."""
    months = params.get(rules.NEEDS_MAX_AGE_MONTHS)
    if analysis is None:
        return Check("needs_age", _("Needs analysis is recent"), False, _("No needs analysis."))
    age_months = (today.year - analysis.analysed_on.year) * 12 + (
        today.month - analysis.analysed_on.month
    )
    if today.day < analysis.analysed_on.day:
        age_months -= 1
    return Check(
        "needs_age",
        _("Needs analysis is recent"),
        age_months < months,
        _("Analysed on %(date)s (%(age)s months ago); the limit is %(max)s months")
        % {"date": analysis.analysed_on.isoformat(), "age": age_months, "max": months},
    )


def proposal_checklist(proposal, *, today=None):
    """The automatic compliance checks of ``proposal`` (each passes or fails with why)."""
    today = today or timezone.localdate()
    lines = list(proposal.lines.select_related("product", "insured_member"))
    customer = proposal.opportunity.customer
    analysis = proposal.needs_analysis
    checks = []

    ages, sums = _line_problems(lines, customer, today)
    if not lines:
        checks.append(Check("lines", _("The proposal has cover lines"), False, _("No lines.")))
    checks.append(
        Check("age", _("Insured ages within the products' ranges"), not ages, "; ".join(ages))
    )
    checks.append(
        Check(
            "sum_insured", _("Sums insured within the products' limits"), not sums, "; ".join(sums)
        )
    )

    checks.append(_risk_check(lines, analysis))
    checks.append(_premium_income_check(proposal, lines, analysis))
    checks.append(_needs_age_check(analysis, today))
    return checks
