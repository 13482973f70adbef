"""The company-configurable numbers of the underwriting chapter (core.params), defined once,
and the pure functions that apply them."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core import params

PENDING_DAYS = "underwriting.pending_days"
FINANCIAL_QUESTIONNAIRE_SUM = "underwriting.financial_questionnaire_sum_insured"
COOLING_OFF_DAYS = "underwriting.cooling_off_days"
COOLING_OFF_CATEGORIES = "underwriting.cooling_off_categories"
COOLING_OFF_MIN_TERM = "underwriting.cooling_off_min_term_years"
RENEWAL_COMMISSION = "underwriting.renewal_commission_rate"
SCHEDULE_MONTHS = "underwriting.premium_schedule_months"
DELIVERY_DAYS = "underwriting.delivery_days"


def product_categories():
    """The product categories (sales.Product.Category), read when a form is built."""
    from sales.models import Product

    return Product.Category.choices


params.define(
    PENDING_DAYS,
    15,
    _("Days an application may wait for the insurer's decision"),
    _(
        "A submitted application without a decision after this many days is flagged to the "
        "clerk and the supervisor."
    ),
    kind=params.DAYS,
)
params.define(
    FINANCIAL_QUESTIONNAIRE_SUM,
    Decimal("1000000"),
    _("Sum insured above which a financial questionnaire is required"),
    _("Compared with the total sum insured of the application."),
    kind=params.DECIMAL,
)
params.define(
    COOLING_OFF_DAYS,
    15,
    _("Cooling-off period (days from the customer's receipt of the contract)"),
    _("Within it the customer may cancel the policy for a full refund; 0 means none."),
    kind=params.DAYS,
)
params.define(
    COOLING_OFF_CATEGORIES,
    ["life", "critical_illness", "medical", "annuity", "education"],
    _("Product categories with a cooling-off period"),
    _("Life and health insurance by default; tick the categories that apply."),
    kind=params.MULTIPLE_CHOICE,
    choices=product_categories,
)
params.define(
    COOLING_OFF_MIN_TERM,
    1,
    _("A policy needs a term longer than this many years to have a cooling-off period"),
    _("Whole-life policies always have one; 1 leaves out one-year policies."),
    kind=params.NUMBER,
)
params.define(
    RENEWAL_COMMISSION,
    Decimal("0.05"),
    _("Commission rate on renewal premiums"),
    _(
        "The product's commission rate applies to first-year premiums; renewal premiums earn "
        "this share (e.g. 0.05 for 5%)."
    ),
    kind=params.DECIMAL,
    max_value=1,
)
params.define(
    SCHEDULE_MONTHS,
    12,
    _("Months of future premiums kept on each policy's schedule"),
    _("The schedule of each policy in force is kept this many months ahead."),
    kind=params.NUMBER,
    min_value=1,
)
params.define(
    DELIVERY_DAYS,
    10,
    _("Days after issue within which the contract should be delivered"),
    _("A policy file without the signed receipt by then is listed as incomplete."),
    kind=params.DAYS,
)


def cooling_off_end(
    *, receipt_date, category, term_years, days=None, categories=None, min_term_years=None
):
    """The last day of the cooling-off period (猶豫期), or None when the policy has none.

    A pure function: by default ``days`` after the customer's receipt of the contract, for
    policies of ``categories`` whose term is longer than ``min_term_years`` (``term_years``
    None means whole life). Parameters left None come from the company settings.
    """
    if receipt_date is None:
        return None
    days = params.get(COOLING_OFF_DAYS) if days is None else days
    categories = params.get(COOLING_OFF_CATEGORIES) if categories is None else categories
    min_term_years = params.get(COOLING_OFF_MIN_TERM) if min_term_years is None else min_term_years
    if category not in categories:
        return None
    if term_years is not None and term_years <= min_term_years:
        return None
    if days <= 0:
        return None
    return receipt_date + dt.timedelta(days=days)


def add_months(day, months):
    """``day`` moved by ``months`` calendar months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise ValueError(day)


def policy_year(effective_date, due_date):
    """1 for a due date in the first year from ``effective_date``, 2 in the second, ..."""
    years = due_date.year - effective_date.year
    if (due_date.month, due_date.day) < (effective_date.month, effective_date.day):
        years -= 1
    return max(years, 0) + 1


def parse_years(text):
    """The number of years in a term or payment period typed as "20年", "20", "10 years";
    None for whole life (終身) or anything without a number; 0 for a single premium (躉交)."""
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    if any(word in text for word in ("躉", "趸", "single")):
        return 0
    digits = ""
    for ch in text:
        if ch.isdigit():
            digits += ch
        elif digits:
            break
    if not digits or "至" in text or "歲" in text or "岁" in text:
        return None
    return int(digits)
