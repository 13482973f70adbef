"""The new-policy detail sheet of the report files."""

from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from .engine import _check_range, _queryset
from .measures import MEASURES

# --- the new-policy detail sheet -------------------------------------------------------------

NEW_POLICY_COLUMNS = [
    _("Policy number"),
    _("Issued on"),
    _("Effective date"),
    _("Policyholder"),
    _("Salesperson"),
    _("Team"),
    _("Insurer"),
    _("Product"),
    _("Sum insured"),
    _("Annual premium"),
    _("Payment frequency"),
    _("Premium per payment"),
    _("Payment term (years)"),
    _("Lead channel"),
    _("Status"),
]
# The kind of each column, for number formats: text, date, money, count.
NEW_POLICY_UNITS = [
    "text",
    "date",
    "date",
    "text",
    "text",
    "text",
    "text",
    "text",
    "money",
    "money",
    "text",
    "money",
    "count",
    "text",
    "text",
]


def new_policy_rows(scope, start, end):
    """The new policies (same definition as the ``new_policies`` figure) of ``scope`` in
    ``[start, end)`` as tuples in NEW_POLICY_COLUMNS order, streamed from one query
    (``values_list().iterator()``), ordered by issue date and number."""
    from sales.models import Channel, Frequency
    from underwriting.models import Policy

    _check_range(start, end)
    measure = next(m for m in MEASURES if m.name == "policies")
    # Labels translated once, not once a row.
    frequencies = {k: str(v) for k, v in Frequency.choices}
    channels = {k: str(v) for k, v in Channel.choices}
    statuses = {k: str(v) for k, v in Policy.Status.choices}
    rows = (
        _queryset(measure, scope, start, end)
        .order_by("issued_on", "policy_number", "pk")
        .values_list(
            "policy_number",
            "issued_on",
            "effective_date",
            "customer__name",
            Coalesce(NullIf("customer__owner__full_name", Value("")), "customer__owner__username"),
            "customer__team__name",
            "insurer__name",
            "product__name",
            "sum_insured",
            "annual_premium",
            "frequency",
            "installment",
            "payment_years",
            "opportunity__channel",
            "status",
        )
    )
    for row in rows.iterator(chunk_size=2000):
        row = list(row)
        row[10] = frequencies.get(row[10], row[10])
        row[13] = channels.get(row[13], row[13] or "")
        row[14] = statuses.get(row[14], row[14])
        yield tuple(row)
