"""The company-configurable numbers of the sales chapter (core.params), defined once."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core import params

STALLED_DAYS = "sales.stalled_days"
CI_MULTIPLE = "sales.ci_income_multiple"
BUDGET_SHARE = "sales.premium_budget_share"
PREMIUM_INCOME_CEILING = "sales.premium_to_income_ceiling"
NEEDS_MAX_AGE_MONTHS = "sales.needs_analysis_max_age_months"
INVESTMENT_MIN_RISK = "sales.investment_min_risk_level"

params.define(
    STALLED_DAYS,
    14,
    _("Days without action before an opportunity counts as stalled"),
    _("An open opportunity with no visit, stage change or edit for this many days is flagged."),
    kind=params.DAYS,
)
params.define(
    CI_MULTIPLE,
    Decimal("5"),
    _("Critical illness cover as a multiple of annual income"),
    _("The critical illness gap is this multiple of income minus existing CI cover."),
    kind=params.DECIMAL,
)
params.define(
    BUDGET_SHARE,
    Decimal("0.10"),
    _("Suggested premium budget as a share of income"),
    _("E.g. 0.10 suggests spending a tenth of annual income on premiums."),
    kind=params.DECIMAL,
    max_value=1,
)
params.define(
    PREMIUM_INCOME_CEILING,
    Decimal("0.30"),
    _("Highest premium-to-income ratio a proposal may have"),
    _("The compliance review fails a proposal whose annual premium exceeds this share."),
    kind=params.DECIMAL,
    max_value=1,
)
params.define(
    NEEDS_MAX_AGE_MONTHS,
    12,
    _("Months a needs analysis stays valid for a proposal"),
    _("A proposal needs a needs analysis of the customer made within this many months."),
    kind=params.NUMBER,
    min_value=1,
)
params.define(
    INVESTMENT_MIN_RISK,
    3,
    _("Lowest risk level (1–5) for investment-type products"),
    _("Annuities and products flagged investment-type need at least this risk level."),
    kind=params.NUMBER,
    min_value=1,
    max_value=5,
)
