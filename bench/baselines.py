"""Baseline views: the same reads and writes as the pages, without the framework.

They sit behind the same client and middleware as the pages (bench/urls.py), so a page's
ratio to its baseline is the cost of the view itself: permission layer, filters, table,
templates. No permission checks here: the benchmark decides which rows are read.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import HttpResponse

from core.models import AccessLog
from customers.models import Customer
from org.models import Team

# What each role's list shows (as customers.tables.ROLE_COLUMNS), as plain columns.
LIST_COLUMNS = {
    "salesperson": ("name", "mobile", "stage", "grade", "source_channel", "updated"),
    "clerk": ("name", "mobile", "stage", "grade", "owner__full_name", "completeness", "updated"),
    "supervisor": (
        "name",
        "stage",
        "grade",
        "source_channel",
        "owner__full_name",
        "completeness",
        "updated",
    ),
    "manager": (
        "name",
        "stage",
        "grade",
        "source_channel",
        "owner__full_name",
        "team__name",
        "updated",
    ),
}


def rows_filter(user, role):
    """The hand-written owner/team filter of a role (what the permission layer derives)."""
    if role == "salesperson":
        return Q(owner_id=user.pk)
    if role == "manager":
        return Q()
    teams = Team.objects.filter(Q(supervisor_id=user.pk) | Q(clerks__id=user.pk))
    return Q(team_id__in=sorted(set(teams.values_list("pk", flat=True))))


def customer_list(request, role):
    """The first 50 active files of the role's list, newest first, as tab-separated text."""
    columns = LIST_COLUMNS[role]
    rows = (
        Customer.objects.filter(rows_filter(request.user, role), archived=False)
        .order_by("-updated", "-pk")
        .values_list(*columns)[:50]
    )
    text = "\n".join("\t".join(str(v) for v in row) for row in rows)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def customer_detail(request, pk):
    """One file with a bare ``get()``, and one access-log insert."""
    customer = Customer.objects.get(pk=pk)
    AccessLog.objects.create(
        user=request.user,
        action=AccessLog.Action.VIEW,
        content_type=ContentType.objects.get_for_model(Customer),
        object_id=str(customer.pk),
        object_repr=customer.name,
        path=request.path,
    )
    text = "\n".join(
        f"{name}\t{getattr(customer, name)}"
        for name in ("name", "stage", "grade", "birth_date", "city", "street", "occupation")
    )
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
