"""Baseline views: the same reads and writes as the pages, without the framework.

They sit behind the same client and middleware as the pages (bench/urls.py), so a page's
ratio to its baseline is the cost of the view itself: permission layer, filters, table,
templates. No permission checks here: the benchmark decides which rows are read.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone

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


# --- the customer create without the framework ------------------------------------------

_CUSTOMER_COLUMNS = (
    "created", "updated", "kind", "name", "name_key", "contact_person", "gender", "birth_date",
    "id_type", "id_number", "id_number_hash", "mobile", "mobile_hash", "mobile_last4_hash",
    "email", "province", "city", "district", "street", "occupation", "occupation_class",
    "employer", "income_band", "marital_status", "source_channel", "referred_by_id", "stage",
    "grade", "owner_id", "clerk_id", "team_id", "archived", "archived_reason", "archived_on",
    "notes", "health_note", "completeness", "missing_fields",
)  # fmt: skip
_HISTORY_EXTRA = (
    "id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
)


def _insert(cursor, table, columns, values, returning=None):
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    if returning:
        cursor.execute(f"{sql} RETURNING {quote(returning)}", values)
        return cursor.fetchone()[0]
    cursor.execute(sql, values)
    return None


def customer_create_raw(
    *, clerk_id, owner_id, team_id, person, completeness, content_type_id, message
):
    """What ``customers.services.customer_create`` stores, written by hand in one
    transaction through the database cursor: the ID-uniqueness query, the file row, its
    history row and its audit event, with the sensitive values encrypted and digested by the
    same ``core.crypto`` calls and the same search key. ``completeness`` is the
    (score, missing) pair of ``person`` (the file's own rule, computed once by the caller)
    and ``message`` the audit event's stored (sentence, JSON) pair, as the service stores it.
    Returns the new file's id."""
    from core.crypto import encrypt, keyed_hash
    from core.text import search_key

    ops = connection.ops
    now = timezone.now()
    stamp = ops.adapt_datetimefield_value(now)
    mobile = person.get("mobile", "")
    row = {
        "created": stamp,
        "updated": stamp,
        "kind": person.get("kind", "individual"),
        "name": person["name"],
        "name_key": search_key(person["name"])[:200],
        "contact_person": person.get("contact_person", ""),
        "gender": person.get("gender", ""),
        "birth_date": ops.adapt_datefield_value(person.get("birth_date")),
        "id_type": person.get("id_type", ""),
        "id_number": encrypt(person.get("id_number", "")),
        "id_number_hash": keyed_hash(person.get("id_number", "")),
        "mobile": encrypt(mobile),
        "mobile_hash": keyed_hash(mobile),
        "mobile_last4_hash": keyed_hash(mobile[-4:]) if len(mobile) >= 4 else "",
        "email": person.get("email", ""),
        "referred_by_id": None,
        "stage": person.get("stage", "prospect"),
        "owner_id": owner_id,
        "clerk_id": clerk_id,
        "team_id": team_id,
        "archived": False,
        "archived_on": None,
        "completeness": completeness[0],
        "missing_fields": json.dumps(completeness[1]),
    }
    for column in _CUSTOMER_COLUMNS:
        row.setdefault(column, person.get(column, ""))
    values = [row[c] for c in _CUSTOMER_COLUMNS]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM customers_customer WHERE id_type = %s AND id_number_hash = %s LIMIT 1",
            [row["id_type"], row["id_number_hash"]],
        )
        if cursor.fetchone():
            raise ValueError("a file with this ID number exists")
        pk = _insert(cursor, "customers_customer", _CUSTOMER_COLUMNS, values, returning="id")
        history = list(_CUSTOMER_COLUMNS)
        _insert(
            cursor,
            "customers_historicalcustomer",
            history + list(_HISTORY_EXTRA),
            [row[c] for c in history] + [pk, stamp, None, "+", clerk_id],
        )
        _insert(
            cursor,
            "core_auditevent",
            ("when", "actor_id", "verb", "message", "content_type_id", "object_id", "data",
             "message_text"),
            [stamp, clerk_id, "created", message[0], content_type_id, str(pk), "{}",
             json.dumps(message[1])],
        )  # fmt: skip
    return pk
