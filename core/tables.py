"""Table base classes and the frame's own tables."""

import inspect
from functools import partialmethod

import django_tables2 as tables
import django_tables2.utils
from django.db import models
from django.template import Context
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2.columns.base import LinkTransform
from django_tables2.columns.linkcolumn import BaseLinkColumn

from core.html import cell_html, esc
from core.models import AccessLog, AuditEvent, ExportLog, Notification
from core.templatetags.core_tags import money, ymd

_signature = django_tables2.utils.signature
_signatures = {}


def cached_signature(fn):
    """django-tables2's ``signature`` remembered per function.

    django-tables2 inspects the signature of a column's ``render`` for every cell it draws;
    on a 50-row page that was a tenth of the page's time. A bound method is keyed by its
    function (same parameters whatever the instance).
    """
    key = (fn.__func__, True) if inspect.ismethod(fn) else (fn, False)
    try:
        return _signatures[key]
    except KeyError:
        result = _signatures[key] = _signature(fn)
        return result
    except TypeError:  # unhashable callable
        return _signature(fn)


django_tables2.utils.signature = cached_signature


class BaseTable(tables.Table):
    """Compact, striped, sortable; rows per page chosen by the list view."""

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle mb-0"}
        template_name = "core/table.html"

    def body_html(self):
        """The page's rows as ``<tr>``s, built in Python rather than by a template loop.

        The same markup as django-tables2's own loop (``{% for column, cell in row.items %}
        <td {{ column.attrs.td.as_html }}>{{ cell }}</td>``): each column's plan (accessor,
        render arguments, static ``td`` attributes) is worked out once per page instead of
        once per cell, which made the loop most of a list page's time (bench/).
        """
        context = Context(autoescape=True)
        plans = [_CellPlan(self, bound_column) for bound_column in self.columns]
        rows = []
        for row in self.paginated_rows:
            record = row.record
            cells = "".join(
                f"<td {plan.td_attrs(record, cell)}>{cell_html(cell, context)}</td>"
                for plan in plans
                for cell in (plan.cell(row, record),)
            )
            rows.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
        return mark_safe("\n".join(rows))


_CELL_ARGUMENTS = frozenset(("value", "record", "column", "bound_column", "bound_row", "table"))


def _has_callable(attrs):
    return any(callable(value) for value in (attrs or {}).values())


class _CellPlan:
    """How one column draws its cells, as django-tables2's ``BoundRow.get_cell`` does.

    Model records take the fast path: the accessor split once, plain attribute steps, the
    choice field's ``get_FOO_display`` found once. Anything else (dict rows, many-to-many
    and link-text columns, a failing lookup) goes through ``BoundRow.get_cell`` itself.
    """

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = column = bound_column.column
        self.name = bound_column.name
        accessor = tables.A(bound_column.accessor)
        bits = accessor.bits
        self.path, self.last = bits[:-1], bits[-1] if bits else ""
        self.render = bound_column.render
        self.link = link = bound_column.link
        # ``linkify=True`` with no <a> attributes: the link is ``<a href="{url}">``, as
        # LinkTransform writes it, without building its attribute dict for every row.
        self.plain_link = (
            isinstance(link, LinkTransform)
            and link.url is None
            and not link.reverse_args
            and not link.attrs
        )
        args, catch_all = cached_signature(self.render)
        self.render_args = None if catch_all else tuple(args)
        self.render_missing = bool(self.render_args) and not set(args) <= _CELL_ARGUMENTS
        self.slow = isinstance(column, (tables.ManyToManyColumn, BaseLinkColumn))
        # A column drawn from the record alone (``render_tags(self, record)``) that is never
        # "empty": its accessor is not followed (for a many-to-many name that would build a
        # related manager per row only to throw it away).
        self.value_unused = (
            self.render_args is not None
            and "value" not in self.render_args
            and not self.render_missing
            and not column.empty_values
            and not link
        )
        self.choices_for = {}
        static_attrs = not (
            _has_callable(column.attrs.get("td", column.attrs.get("cell")))
            or _has_callable(table.attrs.get("td", table.attrs.get("cell")))
        )
        self.static_td = bound_column.attrs["td"].as_html() if static_attrs else None

    def _display(self, model):
        """How to show the choice label when the accessor ends on a choice field of ``model``.

        None, or ``("map", {value: label})`` for Django's own ``get_<field>_display`` (its
        choices are hashed on every call, translating every label), or ``("method", name)``
        when the model defines its own.
        """
        if model not in self.choices_for:
            field = tables.A("__".join((*self.path, self.last))).get_field(model)
            display = None
            if getattr(field, "choices", ()):
                name = f"get_{self.last}_display"
                owner = field.model
                if isinstance(inspect.getattr_static(owner, name, None), partialmethod):
                    # Labels as text, as get_FOO_display returns them: a lazy label is
                    # translated again by every comparison and escape of every cell.
                    display = (
                        "map",
                        {k: str(label) for k, label in make_hashable(field.flatchoices)},
                    )
                else:
                    display = ("method", name)
            self.choices_for[model] = display
        return self.choices_for[model]

    @staticmethod
    def _step(current, bit):
        current = getattr(current, bit)
        if callable(current):
            if getattr(current, "alters_data", False):
                raise ValueError(f"Refusing to call {bit}() because `.alters_data = True`")
            if not getattr(current, "do_not_call_in_templates", False):
                current = current()
        return current

    def cell(self, row, record):
        if self.slow or not isinstance(record, models.Model) or not self.last:
            return row.get_cell(self.name)
        if self.value_unused:
            kwargs = {
                "record": record,
                "column": self.column,
                "bound_column": self.bound_column,
                "bound_row": row,
                "table": self.table,
            }
            return self.render(**{name: kwargs[name] for name in self.render_args})
        try:
            current = record
            for bit in self.path:
                current = self._step(current, bit)
                if current is None:
                    break
            if current is None:
                value = None
            else:
                display = self._display(type(record)) if isinstance(current, models.Model) else None
                if display is None:
                    value = self._step(current, self.last)
                elif display[0] == "map":
                    raw = getattr(current, self.last)
                    value = display[1].get(make_hashable(raw), raw)
                else:
                    value = getattr(current, display[1])()
        except Exception:
            return row.get_cell(self.name)
        bound_column = self.bound_column
        if value in self.column.empty_values:
            return bound_column.default
        kwargs = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": bound_column,
            "bound_row": row,
            "table": self.table,
        }
        if self.render_missing:
            content = None
        elif self.render_args is None:
            content = self.render(**kwargs)
        else:
            content = self.render(**{name: kwargs[name] for name in self.render_args})
        if self.plain_link:
            url = self.link.compose_url(**kwargs)
            return content if url is None else format_html('<a href="{}">{}</a>', url, content)
        return self.link(content, **kwargs) if self.link else content

    def td_attrs(self, record, cell):
        if self.static_td is not None:
            return self.static_td
        self.bound_column.current_value = cell
        self.bound_column.current_record = record
        return self.bound_column.attrs["td"].as_html()


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
        # format_html's output, without its keep_lazy wrapper (a badge on every row).
        return mark_safe(f'<span class="badge text-bg-{esc(colour)}">{esc(value)}</span>')

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
