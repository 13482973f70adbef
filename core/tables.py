"""Table base classes and the frame's own tables."""

import django_tables2 as tables
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core import speedups
from core.filters import verb_label
from core.models import AccessLog, AuditEvent, ExportLog, Notification
from core.templatetags.core_tags import money, ymd


class BaseTable(tables.Table):
    """Compact, striped, sortable; rows per page chosen by the list view.

    On a phone each row is drawn as a compact card (static/css/app.css) showing only its
    ``card_facts``: column names, the first one the card's title (the record's link), in the
    order given. A table that declares none shows its first three columns.
    """

    card_facts = None

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle mb-0 table-cards"}
        template_name = "core/table.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._mark_card_facts()

    def _mark_card_facts(self):
        """Classes on the cells a phone shows: ``card-fact`` (with its header as data-label,
        its place as ``card-order-N``), ``card-title`` on the first."""
        shown = [c for c in self.columns if c.name != "bulk_select"]
        if self.card_facts is None:
            facts = [c.name for c in shown[:3]]
        else:
            names = {c.name for c in shown}
            facts = [name for name in self.card_facts if name in names]
            if not facts and shown:  # the role hides every declared fact: lead with the first
                facts = [shown[0].name]
        for index, name in enumerate(facts):
            column = self.columns[name].column
            attrs = dict(column.attrs)
            td = dict(attrs.get("td", {}))
            if callable(td.get("class")):
                continue
            classes = [td.get("class", ""), "card-fact", f"card-order-{min(index, 5)}"]
            if index == 0:
                classes.append("card-title")
            else:
                td["data-label"] = str(self.columns[name].header)
            td["class"] = " ".join(c for c in classes if c)
            attrs["td"] = td
            column.attrs = attrs

    def body_html(self):
        """The page's rows, built by ``core.speedups`` rather than django-tables2's loop."""
        return speedups.table_rows_html(self)


class BulkSelectColumn(tables.Column):
    """The tick box of a row for a bulk action (core.bulk); the header ticks the page."""

    empty_values = ()

    def __init__(self, **kwargs):
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault(
            "attrs", {"th": {"class": "bulk-select-cell"}, "td": {"class": "bulk-select-cell"}}
        )
        super().__init__(accessor="pk", **kwargs)

    @property
    def header(self):
        return format_html(
            '<input type="checkbox" class="form-check-input bulk-page" aria-label="{}">',
            _("Select every row on this page"),
        )

    def render(self, record):
        return format_html(
            '<input type="checkbox" class="form-check-input bulk-row" name="ids" value="{}" '
            'form="bulk-form" aria-label="{}">',
            record.pk,
            _("Select %(record)s") % {"record": record},
        )


class DateTimeColumn(tables.Column):
    def render(self, value):
        return ymd(value)

    def value(self, value):
        return value


class MoneyColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}
        )
        super().__init__(*args, **kwargs)

    def render(self, value):
        return money(value)

    def value(self, value):
        return value


class ChoiceBadgeColumn(tables.Column):
    """A status column: the choice's label on a badge whose colour the model maps."""

    def __init__(self, colours=None, *args, **kwargs):
        self.colours = colours or {}
        super().__init__(*args, **kwargs)

    def render(self, value, record, bound_column):
        raw = getattr(record, bound_column.accessor.split(".")[-1], None)
        colour = self.colours.get(raw, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', colour, value)

    def value(self, value):
        return value


def record_url(content_type, object_id):
    """The page of the record a log row names, from its content type (no query), or ""."""
    model = content_type.model_class() if content_type is not None else None
    if model is None or not object_id:
        return ""
    name = f"{model._meta.app_label}:{model._meta.model_name}"
    try:
        return reverse(name, args=[object_id])
    except NoReverseMatch:
        return ""


def model_name(content_type):
    model = content_type.model_class() if content_type is not None else None
    if model is None:
        return ""
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


class RecordTypeColumn(tables.Column):
    """A content type as the record kind's name ("Customer"), not its code."""

    def render(self, value):
        return model_name(value)

    def value(self, value):
        return model_name(value)


class RecordColumn(tables.Column):
    """The record a log row names, linked to its page."""

    def render(self, value, record):
        url = record_url(record.content_type, record.object_id)
        if url:
            return format_html('<a href="{}">{}</a>', url, value)
        return value

    def value(self, value):
        return value


def field_label(row):
    """What an access-log row's field is, in words: "Mobile", "History: Mobile",
    "Family member: ID number"."""
    field = row.field or ""
    model = row.content_type.model_class() if row.content_type_id else None
    parts = field.split(":")

    def label(model, name):
        try:
            verbose = str(model._meta.get_field(name).verbose_name)
        except Exception:  # noqa: BLE001 - a renamed field or a file name
            return name
        return verbose[:1].upper() + verbose[1:]

    if model is None:
        return field
    if len(parts) == 3 and parts[0] == "history":
        return _("History: %(field)s") % {"field": label(model, parts[2])}
    if len(parts) == 3 and parts[0] == "family":
        return _("Family member: %(field)s") % {"field": _("ID number")}
    if field and ":" not in field and row.action != "download":
        return label(model, field)
    return field


class AccessLogTable(BaseTable):
    when = DateTimeColumn(verbose_name=_("when"))
    user = tables.Column(verbose_name=_("user"))
    action = tables.Column(verbose_name=_("action"))
    content_type = RecordTypeColumn(verbose_name=_("record type"))
    object_repr = RecordColumn(verbose_name=_("record"))
    field = tables.Column(verbose_name=_("field"), empty_values=())

    class Meta(BaseTable.Meta):
        model = AccessLog
        fields = ("when", "user", "action", "content_type", "object_repr", "field", "ip_address")

    def render_field(self, record):
        return field_label(record)

    def value_field(self, record):
        return field_label(record)


def filters_in_words(row):
    """An export's filters as people read them: the words stored with it, or else each query
    key and value ("q: 138****5678"), never raw JSON."""
    if row.filters_shown:
        return row.filters_shown
    names = {"q": _("Search"), "date_from": _("From"), "date_to": _("To")}
    return "; ".join(
        f"{names.get(key, key)}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for key, v in (row.filters or {}).items()
        if key not in ("sort", "per_page")
    )


class ExportLogTable(BaseTable):
    when = DateTimeColumn(verbose_name=_("when"))
    file_format = tables.Column(verbose_name=_("format"))
    filters = tables.Column(verbose_name=_("filters"), empty_values=(), orderable=False)
    clear_values = tables.BooleanColumn(verbose_name=_("clear values"), yesno=(_("Yes"), ""))

    class Meta(BaseTable.Meta):
        model = ExportLog
        fields = (
            "when",
            "user",
            "what",
            "file_format",
            "row_count",
            "filters",
            "clear_values",
            "purpose",
            "ip_address",
        )

    def render_file_format(self, value):
        return {"xlsx": "Excel", "pdf": "PDF"}.get(value, value)

    def render_filters(self, record):
        return filters_in_words(record)

    def value_filters(self, record):
        return filters_in_words(record)


class AuditEventTable(BaseTable):
    """The audit events in words: the event's name and description in the reader's
    language (core.i18n), each row linked to its record."""

    when = DateTimeColumn(verbose_name=_("when"))
    actor = tables.Column(verbose_name=_("by"))
    verb = tables.Column(verbose_name=_("event"))
    message = tables.Column(verbose_name=_("description"), orderable=False)
    content_type = RecordTypeColumn(verbose_name=_("record type"))
    object_id = tables.Column(verbose_name=_("record"), orderable=False)

    class Meta(BaseTable.Meta):
        model = AuditEvent
        fields = ("when", "actor", "verb", "message", "content_type", "object_id")

    def render_verb(self, value):
        return verb_label(value)

    def value_verb(self, value):
        return verb_label(value)

    def render_message(self, record):
        return record.get_message_display()

    def value_message(self, record):
        return record.get_message_display()

    def render_object_id(self, value, record):
        url = record_url(record.content_type, value)
        if url:
            return format_html('<a href="{}">{}</a>', url, pgettext("link to a record", "Open"))
        return "—"

    def value_object_id(self, value, record):
        return record_url(record.content_type, value) or ""


class NotificationTable(BaseTable):
    created = DateTimeColumn(verbose_name=_("received"))
    title = tables.Column(verbose_name=_("title"), linkify=True)
    body = tables.Column(verbose_name=_("message"))

    class Meta(BaseTable.Meta):
        model = Notification
        fields = ("created", "level", "title", "body", "read_at")
        orderable = False
        row_attrs = {"class": lambda record: "" if record.read_at else "fw-semibold"}

    def render_title(self, record):
        return record.get_title_display()

    def render_body(self, record):
        return record.get_body_display()
