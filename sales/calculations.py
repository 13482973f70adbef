"""Pure needs-analysis and proposal arithmetic: Decimal in, Decimal out, rounded half-up to
the cent. No database, no parameters read here: the caller passes them in, so a stored
analysis can show exactly the working it was computed with."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_money(value):
    """``value`` as a Decimal rounded half-up to the cent."""
    return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Working:
    """A result with the figures that produced it (shown to the user as the working)."""

    result: Decimal
    raw: Decimal  # before flooring at zero
    terms: tuple  # ((sign, label key, amount), ...)


def life_gap(*, support_years, annual_expenses, liabilities, liquid_assets, existing_life_cover):
    """Years of support × annual expenses + liabilities − liquid assets − existing life cover,
    floored at zero."""
    need = to_money(Decimal(support_years or 0) * to_money(annual_expenses))
    raw = need + to_money(liabilities) - to_money(liquid_assets) - to_money(existing_life_cover)
    raw = to_money(raw)
    return Working(
        max(raw, ZERO),
        raw,
        (
            ("+", "support", need),
            ("+", "liabilities", to_money(liabilities)),
            ("-", "liquid_assets", to_money(liquid_assets)),
            ("-", "existing_life_cover", to_money(existing_life_cover)),
        ),
    )


def ci_gap(*, multiple, annual_income, existing_ci_cover):
    """Multiple × annual income − existing critical-illness cover, floored at zero."""
    need = to_money(Decimal(str(multiple)) * to_money(annual_income))
    raw = to_money(need - to_money(existing_ci_cover))
    return Working(
        max(raw, ZERO),
        raw,
        (("+", "ci_need", need), ("-", "existing_ci_cover", to_money(existing_ci_cover))),
    )


def premium_budget(*, share, annual_income):
    """The suggested annual premium budget: share × annual income."""
    return to_money(Decimal(str(share)) * to_money(annual_income))


def premium_to_income(*, total_premium, annual_income):
    """Annual premium as a share of annual income (4 decimals), or None without an income."""
    income = to_money(annual_income)
    if income <= 0:
        return None
    return (to_money(total_premium) / income).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def risk_level(answers):
    """The risk level 1–5: the mean of the five answers (each 1–5), rounded half-up."""
    values = [int(a) for a in answers]
    if not values:
        return 1
    mean = Decimal(sum(values)) / Decimal(len(values))
    level = int(mean.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return min(max(level, 1), 5)


def total(amounts):
    return to_money(sum((to_money(a) for a in amounts), ZERO))
