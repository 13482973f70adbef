"""Formatting for the dashboards: a figure by its unit, a signed change in colour."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from core.templatetags.core_tags import money, pct

register = template.Library()


@register.filter
def figure(value, unit):
    """A figure as the pages show it: ¥1,234.56, 12.3%, 1,234, 4.5."""
    if value is None or value == "":
        return "—"
    if unit == "money":
        return money(value)
    if unit == "percent":
        return pct(value)
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,.1f}" if unit != "score" else f"{number:,.2f}"


@register.simple_tag
def change(value, higher_is_better=True):
    """A change (fraction) as +12.3% / −4.0%: green when it goes the right way, red when not;
    the sign is always written, so colour is never the only signal."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value))
    if number == 0:
        return pct(number)
    good = (number > 0) == bool(higher_is_better)
    text = ("+" if number > 0 else "−") + pct(abs(number))
    return format_html(
        '<span class="{}">{}</span>', "text-success" if good else "text-danger", text
    )


@register.filter
def percent_int(value):
    """A fraction as an integer 0–100 for a <progress> element (capped)."""
    if value is None or value == "":
        return 0
    return max(0, min(100, int(Decimal(str(value)) * 100)))
