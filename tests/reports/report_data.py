"""Shared by the snapshot tests: a sale on a given day (policy issued and its first premium
paid, through part A's row builders) and the periods the tests use."""

import datetime as dt
from decimal import Decimal

from core import periods
from tests.reports import factories as f

LAST_MONTH = periods.period_containing("month", periods.today()).previous()


def sell(salesperson, day, premium="12000.00", *, customer_name=None, product=None):
    """A policy of a new customer of ``salesperson`` issued on ``day``, its first-year premium
    paid the same day; returns the policy."""
    cust = f.customer(salesperson, name=customer_name)
    pol = f.policy(cust, issued_on=day, annual_premium=premium, product_=product)
    f.premium(pol, amount=premium, paid_on=day)
    return pol


def day_in(period, offset=3):
    return min(period.start + dt.timedelta(days=offset), period.last_day)


def money(value):
    return Decimal(value).quantize(Decimal("0.01"))
