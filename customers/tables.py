"""The customer list's table; each role sees the columns its work needs."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.crypto import mask
from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn

from .models import Customer, CustomerTag
from .selectors import incomplete_below

STAGE_COLOURS = {
    "prospect": "secondary",
    "intending": "info",
    "customer": "success",
    "lapsed": "warning",
}
GRADE_COLOURS = {"vip": "danger", "a": "primary", "b": "info", "c": "secondary"}


class MaskedColumn(tables.Column):
    """A sensitive value, always masked in lists (the file's page has the "show" control)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap font-monospace small"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return mask(value)


class CompletenessColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        if not hasattr(self, "_below"):
            self._below = incomplete_below()
        colour = "success" if value >= 100 else "warning" if value >= self._below else "danger"
        return format_html('<span class="badge text-bg-{}">{}%</span>', colour, value)


class CustomerTable(BaseTable):
    name = tables.Column(linkify=True)
    mobile = MaskedColumn(verbose_name=_("mobile"))
    id_number = MaskedColumn(verbose_name=_("ID number"))
    stage = ChoiceBadgeColumn(STAGE_COLOURS)
    grade = ChoiceBadgeColumn(GRADE_COLOURS)
    tags = tables.Column(verbose_name=_("tags"), orderable=False, empty_values=())
    completeness = CompletenessColumn(verbose_name=_("complete"))
    missing_fields = tables.Column(verbose_name=_("missing"), orderable=False, empty_values=())
    updated = DateTimeColumn(verbose_name=_("updated"))

    card_facts = ("name", "stage", "mobile", "completeness")

    class Meta(BaseTable.Meta):
        model = Customer
        fields = (
            "name",
            "mobile",
            "id_number",
            "stage",
            "grade",
            "source_channel",
            "tags",
            "owner",
            "clerk",
            "team",
            "completeness",
            "missing_fields",
            "archived",
            "updated",
        )
        row_attrs = {"class": lambda record: "text-muted" if record.archived else ""}

    def render_tags(self, record):
        # The list's query prefetches them as ``tag_list``; other callers use the relation.
        tags = record.tag_list if hasattr(record, "tag_list") else record.tags.all()
        return format_html_join(
            " ", '<span class="badge text-bg-{}">{}</span>', ((t.colour, t.name) for t in tags)
        )

    def render_missing_fields(self, record):
        labels = record.missing_labels()
        if not labels:
            return "—"
        shown = "、".join(labels[:4])
        return shown + ("…" if len(labels) > 4 else "")


# What each role's list shows (STYLE: only what the role needs). Superusers see every column.
ROLE_COLUMNS = {
    "clerk": (
        "name",
        "mobile",
        "stage",
        "grade",
        "owner",
        "completeness",
        "missing_fields",
        "updated",
    ),
    "salesperson": ("name", "mobile", "stage", "grade", "source_channel", "tags", "updated"),
    "supervisor": (
        "name",
        "stage",
        "grade",
        "source_channel",
        "tags",
        "owner",
        "completeness",
        "updated",
    ),
    "manager": ("name", "stage", "grade", "source_channel", "owner", "team", "updated"),
}


# The fields each column reads (besides its own name), for ``only()`` on the list's query.
USER_LABEL_FIELDS = ("username", "full_name", "first_name", "last_name")
COLUMN_FIELDS = {
    "tags": (),
    "owner": ("owner", *(f"owner__{name}" for name in USER_LABEL_FIELDS)),
    "clerk": ("clerk", *(f"clerk__{name}" for name in USER_LABEL_FIELDS)),
    "team": ("team", "team__name", "team__name_en"),
}


def loaded_fields(shown):
    """The customer fields a list showing the ``shown`` columns reads (pk and row style too)."""
    fields = {"pk", "archived"}
    for name in shown:
        fields.update(COLUMN_FIELDS.get(name, (name,)))
    return sorted(fields)


def excluded_columns(role, archived_shown=False):
    """The columns to hide for ``role`` (None: show all)."""
    if role not in ROLE_COLUMNS:
        return ()
    shown = set(ROLE_COLUMNS[role])
    if archived_shown:
        shown.add("archived")
    return tuple(n for n in CustomerTable.base_columns if n not in shown)


class CustomerTagTable(BaseTable):
    name = tables.Column(accessor="localized_name", order_by=("name",), linkify=True)
    colour = tables.Column()

    class Meta(BaseTable.Meta):
        model = CustomerTag
        fields = ("name", "colour", "description")

    def render_colour(self, value, record):
        return format_html('<span class="badge text-bg-{}">{}</span>', record.colour, value)
