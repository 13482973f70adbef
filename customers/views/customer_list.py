"""The customer list and its export."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import exports
from core.models import choice_labels
from core.permissions import get_profile
from core.text import name_in_language
from core.views.generic import ObjectListView

from .. import selectors, services
from ..filters import CustomerFilterSet
from ..models import (
    Customer,
    CustomerNeed,
)
from ..tables import CustomerTable, excluded_columns, loaded_fields

# Rows the export reads at a time (with that many files' tags and needs in two queries).
EXPORT_BATCH = 2000


def _role(user):
    if user.is_superuser:
        return None
    return get_profile(user).role or None


# The export's own columns, with their widths, in order.
EXPORT_FIELDS = [
    ("name", 14),
    ("kind", 8),
    ("gender", 6),
    ("birth_date", 12),
    ("id_type", 14),
    ("id_number", 22),
    ("mobile", 15),
    ("email", 22),
    ("province", 10),
    ("city", 10),
    ("district", 10),
    ("street", 28),
    ("occupation", 12),
    ("occupation_class", 12),
    ("employer", 18),
    ("income_band", 14),
    ("marital_status", 10),
    ("source_channel", 12),
    ("stage", 10),
    ("grade", 8),
]


def _export_columns():
    """The export's header: the own fields, then tags, needs, people and bookkeeping."""
    columns = [
        exports.Column(
            str(Customer._meta.get_field(n).verbose_name),
            width=w,
            number_format=exports.DATE
            if n == "birth_date"
            else exports.TEXT
            if n in ("id_number", "mobile")
            else None,
        )
        for n, w in EXPORT_FIELDS
    ]
    columns += [
        exports.Column(_("tags"), width=18),
        exports.Column(_("insurance needs"), width=22),
        exports.Column(_("salesperson"), width=12),
        exports.Column(_("supporting clerk"), width=12),
        exports.Column(_("team"), width=10),
        exports.Column(_("completeness %"), width=10, number_format=exports.INTEGER),
        exports.Column(_("archived"), width=8),
        exports.Column(_("updated"), width=16, number_format=exports.DATETIME),
    ]
    return columns


def _tags_and_needs(ids, need_labels):
    """{customer pk: [tag names]}, {customer pk: [need labels]} of one batch of rows, in two
    queries."""
    tags, needs = {}, {}
    for pk, tag, tag_en in (
        Customer.tags.through.objects.filter(customer_id__in=ids)
        .order_by("customertag__name")
        .values_list("customer_id", "customertag__name", "customertag__name_en")
    ):
        tags.setdefault(pk, []).append(name_in_language(tag, tag_en))
    for pk, kind in (
        CustomerNeed.objects.filter(customer_id__in=ids)
        .order_by("kind")
        .values_list("customer_id", "kind")
    ):
        needs.setdefault(pk, []).append(need_labels.get(kind, kind))
    return tags, needs


class CustomerListView(ObjectListView):
    model = Customer
    table_class = CustomerTable
    filterset_class = CustomerFilterSet
    template_name = "customers/customer_list.html"
    partial_template_name = "customers/customer_list.html#table"
    export_what = gettext_lazy("Customer list")
    empty_message = gettext_lazy("No customers yet.")
    add_label = gettext_lazy("New customer")
    # ID numbers and mobiles: masked in every export; clear only through a clear export (a
    # purpose, and the supervisor's approval above a row count: core.clear_exports).
    sensitive_export = True

    def get_queryset(self):
        return selectors.customer_list(user=self.request.user)

    def get_table_kwargs(self):
        archived_shown = self.request.GET.get("archived") in ("archived", "all")
        return {"exclude": excluded_columns(_role(self.request.user), archived_shown)}

    def get_table_data(self):
        """Load only what the role's columns draw (no tags, numbers or joins it does not show)."""
        hidden = set(self.get_table_kwargs()["exclude"])
        shown = [name for name in CustomerTable.base_columns if name not in hidden]
        queryset = super().get_table_data().select_related(None)
        related = [name for name in ("owner", "clerk", "team") if name in shown]
        if related:  # select_related() with no names would join every non-null foreign key
            queryset = queryset.select_related(*related)
        if "tags" not in shown:
            queryset = queryset.prefetch_related(None)
        return queryset.only(*loaded_fields(shown))

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        actions["import"] = self.request.user.has_perm("customers.import_customer")
        return actions

    def can_export(self):
        return self.request.user.has_perm("customers.export_customer")

    def export_sheets(self, table):
        """Every field of the filtered rows; numbers clear only in a clear export."""
        clear = self.export_clear
        qs = table.data.data.prefetch_related("needs")
        fields = EXPORT_FIELDS
        columns = _export_columns()

        # The rows come from values_list, a batch at a time with the batch's tags and needs:
        # no model instances and no per-row prefetch querysets. Choice labels are translated
        # once for the whole file, not once per row and choice.
        labels = {
            n: choice_labels(Customer, n) for n, _w in fields if Customer._meta.get_field(n).choices
        }
        need_labels = choice_labels(CustomerNeed, "kind")
        people = ("full_name", "first_name", "last_name", "username")
        names = [n for n, _w in fields]
        data = qs.prefetch_related(None).values_list(
            *names,
            "pk",
            *(f"owner__{n}" for n in people),
            *(f"clerk__{n}" for n in people),
            "team__name",
            "team__name_en",
            "completeness",
            "archived",
            "updated",
        )
        yes = _("Yes")

        def value(name, v):
            if name in ("id_number", "mobile") and not clear:
                return services.mask_value(name, v)
            if name in labels and v:
                return labels[name].get(v, v)
            return v

        compose = get_user_model().compose_display_name

        def person(values):
            return compose(*values) if values[-1] else ""

        def batch_rows(batch):
            ids = [row[len(names)] for row in batch]
            tags, needs = _tags_and_needs(ids, need_labels)
            n = len(names)
            for row in batch:
                pk = row[n]
                yield (
                    *(value(name, v) for name, v in zip(names, row[:n], strict=True)),
                    "、".join(tags.get(pk, ())),
                    "、".join(needs.get(pk, ())),
                    person(row[n + 1 : n + 5]),
                    person(row[n + 5 : n + 9]),
                    row[n + 9] or "",
                    row[n + 10],
                    yes if row[n + 11] else "",
                    row[n + 12],
                )

        def rows():
            batch = []
            for row in data.iterator(chunk_size=EXPORT_BATCH):
                batch.append(row)
                if len(batch) == EXPORT_BATCH:
                    yield from batch_rows(batch)
                    batch = []
            if batch:
                yield from batch_rows(batch)

        return [exports.Sheet(str(_("Customers")), columns, rows())]
