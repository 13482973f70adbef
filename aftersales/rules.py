"""The company-configurable numbers of the after-sales chapter (core.params), defined once,
and the pure functions that apply them."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from core import params

FOLLOW_UP_DAYS = "aftersales.follow_up_days"
FOLLOW_UP_CATEGORIES = "aftersales.follow_up_categories"
FOLLOW_UP_MIN_TERM = "aftersales.follow_up_min_term_years"
ANNUAL_REVIEW_LEAD_DAYS = "aftersales.annual_review_lead_days"
MAX_ATTEMPTS = "aftersales.follow_up_max_attempts"
RETRY_DAYS = "aftersales.follow_up_retry_days"
ESCALATE_AFTER_DAYS = "aftersales.follow_up_escalate_after_days"
LOW_SATISFACTION = "aftersales.low_satisfaction"
CLAIM_STEP_DAYS = "aftersales.claim_step_days"
CLAIM_INSURER_DAYS = "aftersales.claim_insurer_days"
RENEWAL_OFFSETS = "aftersales.renewal_offsets"
GRACE_DAYS = "aftersales.grace_days"
SEVERITIES = ("low", "medium", "high", "critical")
ACK_DEFAULTS = {"low": 3, "medium": 2, "high": 1, "critical": 1}
RESOLVE_DEFAULTS = {"low": 15, "medium": 10, "high": 7, "critical": 3}


def product_categories():
    """The product categories (sales.Product.Category), read when a form is built."""
    from sales.models import Product

    return Product.Category.choices


def ack_key(severity):
    return f"aftersales.complaint_ack_days_{severity}"


def resolve_key(severity):
    return f"aftersales.complaint_resolve_days_{severity}"


params.define(
    FOLLOW_UP_DAYS,
    10,
    _(
        "Days after the customer signs for the contract within which the first follow-up "
        "call is made"
    ),
    _("Kept inside the cooling-off period when the policy has one."),
    kind=params.DAYS,
)
params.define(
    FOLLOW_UP_CATEGORIES,
    ["life", "critical_illness", "medical", "annuity", "education"],
    _("Product categories whose policies get a follow-up call after delivery"),
    _("Long-term life and health insurance by default; tick the categories that apply."),
    kind=params.MULTIPLE_CHOICE,
    choices=product_categories,
)
params.define(
    FOLLOW_UP_MIN_TERM,
    1,
    _("A policy gets a follow-up call after delivery when its term is longer than this many years"),
    _("Whole-life policies always qualify; 1 leaves out one-year policies."),
    kind=params.NUMBER,
)
params.define(
    ANNUAL_REVIEW_LEAD_DAYS,
    30,
    _("Days before each policy anniversary the yearly review is scheduled"),
    _("The yearly review task appears on the clerk's worklist this many days ahead."),
    kind=params.DAYS,
)
params.define(
    MAX_ATTEMPTS,
    3,
    _("Unreached follow-up calls before the follow-up is escalated to the supervisor"),
    _("After this many calls in which the customer could not be reached."),
    kind=params.NUMBER,
    min_value=1,
)
params.define(
    RETRY_DAYS,
    2,
    _("Days between two attempts to reach the customer"),
    _("An unreached follow-up call is tried again this many days later."),
    kind=params.DAYS,
)
params.define(
    ESCALATE_AFTER_DAYS,
    7,
    _("Days a follow-up may be overdue before it is escalated to the supervisor"),
    _("Counted from the day the follow-up call was due."),
    kind=params.DAYS,
)
params.define(
    LOW_SATISFACTION,
    2,
    _("A follow-up satisfaction score at or below this is flagged to the salesperson"),
    _("Satisfaction is scored from 1 (very dissatisfied) to 5 (very satisfied)."),
    kind=params.NUMBER,
    min_value=1,
    max_value=5,
)
params.define(
    CLAIM_STEP_DAYS,
    7,
    _("Days the clerk has for each step of a claim (collecting, resubmitting, paying out)"),
    _("A claim step left longer than this is shown as overdue."),
    kind=params.DAYS,
)
params.define(
    CLAIM_INSURER_DAYS,
    30,
    _("Days a claim may wait for the insurer's decision before it is chased"),
    _("Counted from the day the claim was submitted to the insurer."),
    kind=params.DAYS,
)
params.define(
    RENEWAL_OFFSETS,
    [60, 30, 15, 7],
    _("Days before a premium falls due or a policy ends that reminders are sent"),
    _("Comma-separated numbers of days, e.g. 60, 30, 15, 7."),
    kind=params.NUMBERS,
)
params.define(
    GRACE_DAYS,
    60,
    _("Grace period after a missed premium (days)"),
    _("How long a policy stays in force after a premium falls due unpaid."),
    kind=params.DAYS,
)
_DEADLINE_LABELS = {
    "low": (
        _("Days to acknowledge a complaint of low severity"),
        _("Days to resolve a complaint of low severity"),
    ),
    "medium": (
        _("Days to acknowledge a complaint of medium severity"),
        _("Days to resolve a complaint of medium severity"),
    ),
    "high": (
        _("Days to acknowledge a complaint of high severity"),
        _("Days to resolve a complaint of high severity"),
    ),
    "critical": (
        _("Days to acknowledge a critical complaint"),
        _("Days to resolve a critical complaint"),
    ),
}
_ACK_HELP = _(
    "Counted from the day the complaint is received; a complaint not acknowledged by then "
    "is escalated to the management."
)
_RESOLVE_HELP = _(
    "Counted from the day the complaint is received; a complaint not resolved by then is "
    "escalated to the management."
)
# Listed from the lowest severity to the highest.
for _severity in SEVERITIES:
    params.define(
        ack_key(_severity),
        ACK_DEFAULTS[_severity],
        _DEADLINE_LABELS[_severity][0],
        _ACK_HELP,
        kind=params.DAYS,
    )
    params.define(
        resolve_key(_severity),
        RESOLVE_DEFAULTS[_severity],
        _DEADLINE_LABELS[_severity][1],
        _RESOLVE_HELP,
        kind=params.DAYS,
    )


def needs_delivery_follow_up(*, category, term_years, categories=None, min_term_years=None):
    """Whether a policy of ``category`` and ``term_years`` (None: whole life) gets a follow-up
    call after delivery: long-term life and health policies by default."""
    categories = params.get(FOLLOW_UP_CATEGORIES) if categories is None else categories
    min_term_years = params.get(FOLLOW_UP_MIN_TERM) if min_term_years is None else min_term_years
    if category not in categories:
        return False
    return term_years is None or term_years > min_term_years


def delivery_follow_up_due(*, receipt_date, cooling_off_ends=None, days=None):
    """The day the first follow-up call is due: ``days`` after the receipt, but no later than
    the last day of the cooling-off period (so the customer can still change their mind)."""
    days = params.get(FOLLOW_UP_DAYS) if days is None else days
    due = receipt_date + dt.timedelta(days=max(days, 0))
    if cooling_off_ends and due > cooling_off_ends:
        due = cooling_off_ends
    return due


def offsets():
    """The renewal reminder offsets, largest first, without duplicates or negatives."""
    return sorted({int(d) for d in params.get(RENEWAL_OFFSETS) if int(d) >= 0}, reverse=True)


def reminder_offset(days_left, offset_list=None):
    """Which reminder is due for something ``days_left`` days away: the smallest offset not
    below ``days_left`` (so a missed day is caught up by the current window, never twice),
    or None when it is further away than every offset or already past."""
    offset_list = offsets() if offset_list is None else offset_list
    if days_left < 0:
        return None
    fitting = [d for d in offset_list if d >= days_left]
    return min(fitting) if fitting else None


def complaint_deadlines(severity, received_on):
    """(acknowledge by, resolve by) of a complaint of ``severity`` received on a day."""
    ack = received_on + dt.timedelta(days=params.get(ack_key(severity)))
    resolve = received_on + dt.timedelta(days=params.get(resolve_key(severity)))
    return ack, max(ack, resolve)
