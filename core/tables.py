"""Table base classes and the frame's own tables."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core import speedups
from core.models import AccessLog, AuditEvent, ExportLog, Notification
from core.templatetags.core_tags import money, ymd


class BaseTable(tables.Table):
    """Compact, striped, sortable; rows per page chosen by the list view."""

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle mb-0"}
        template_name = "core/table.html"

    def body_html(self):
        """The page's rows, built by ``core.speedups`` rather than django-tables2's loop."""
        return speedups.table_rows_html(self)


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


class AccessLogTable(BaseTable):
    when = DateTimeColumn(verbose_name=_("when"))
    user = tables.Column(verbose_name=_("user"))
    action = tables.Column(verbose_name=_("action"))
    content_type = tables.Column(verbose_name=_("record type"))
    object_repr = tables.Column(verbose_name=_("record"))

    class Meta(BaseTable.Meta):
        model = AccessLog
        fields = ("when", "user", "action", "content_type", "object_repr", "field", "ip_address")


class ExportLogTable(BaseTable):
    when = DateTimeColumn(verbose_name=_("when"))

    class Meta(BaseTable.Meta):
        model = ExportLog
        fields = ("when", "user", "what", "file_format", "row_count", "filters", "ip_address")


class AuditEventTable(BaseTable):
    when = DateTimeColumn(verbose_name=_("when"))
    content_type = tables.Column(verbose_name=_("record type"))

    class Meta(BaseTable.Meta):
        model = AuditEvent
        fields = ("when", "actor", "verb", "message", "content_type", "object_id")


class NotificationTable(BaseTable):
    created = DateTimeColumn(verbose_name=_("received"))
    title = tables.Column(verbose_name=_("title"), linkify=True)

    class Meta(BaseTable.Meta):
        model = Notification
        fields = ("created", "level", "title", "body", "read_at")
        orderable = False
        row_attrs = {"class": lambda record: "" if record.read_at else "fw-semibold"}
