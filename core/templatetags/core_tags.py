"""Filters and tags every template may use (loaded as builtins)."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.crypto import mask

register = template.Library()


@register.filter
def money(value):
    """¥1,234.56 — two decimals, thousands separators, minus sign in front."""
    if value in (None, ""):
        return "—"
    try:
        d = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return value
    sign = "-" if d < 0 else ""
    return f"{sign}¥{number_format(abs(d), 2, force_grouping=True)}"


@register.filter
def pct(value, digits=1):
    """A ratio (0.123) as a percentage with one decimal (12.3%)."""
    if value in (None, ""):
        return "—"
    try:
        digits = int(digits)
        # number_format truncates: round half up first, like money.
        d = (Decimal(str(value)) * 100).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    except InvalidOperation:
        return value
    return f"{number_format(d, digits, force_grouping=True)}%"


@register.filter
def masked(value):
    return mask(value)


@register.filter
def ymd(value):
    if not value:
        return "—"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


@register.simple_tag
def badge(label, colour="secondary"):
    """A status badge: colour plus the word, never colour alone."""
    text = "text-bg-" + colour
    return format_html('<span class="badge {}">{}</span>', text, label)


@register.simple_tag
def overdue_badge(days):
    if not days or days <= 0:
        return ""
    return format_html(
        '<span class="badge text-bg-danger">{}</span>',
        _("%(days)d days overdue") % {"days": days},
    )


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def field_value(obj, name):
    """The display value of a model field: choices shown by label, None as a dash."""
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if display else getattr(obj, name, None)
    if value in (None, ""):
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, dt.datetime | dt.date):
        return ymd(value)
    return value


@register.filter
def verbose_name(obj, name=None):
    if name is None:
        return obj._meta.verbose_name
    return obj._meta.get_field(name).verbose_name


@register.filter
def join_list(value):
    """Lists as "60, 30, 15, 7"; anything else as it is."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


@register.filter
def css_string(value):
    """A value as a quoted CSS string, for ``content:`` in PDF page margins."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    text = text.replace("<", "\\3c ")  # never close the <style> element
    return mark_safe(f'"{text}"')  # noqa: S308 - escaped for a CSS string above


@register.simple_tag(takes_context=True)
def classify_link(context, obj):
    """A link to set the confidentiality class of ``obj`` (a paper), for those who may."""
    from core import classification

    request = context.get("request")
    url = classification.classify_url(obj, request.user) if request is not None else None
    if not url:
        return ""
    return format_html(
        '<a class="small ms-1 classify-link" href="{}" title="{}">'
        '<i class="bi bi-shield-lock"></i></a>',
        url,
        _("Confidentiality class"),
    )
