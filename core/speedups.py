"""The only place where the project does by hand what Django or django-tables2 would do.

Each replacement here was measured by turning it off on the benchmark's seeded databases
(100,000 customer files; bench/seed.py), alternating request by request with it on, in one
process: medians of 21–41 pairs of the page (105–205 of the create), CPU time on SQLite,
wall-clock time on PostgreSQL (where the database's work is another process). The machine
was busy (2 cores shared): absolute times are above the README's, the ratios are what count.
Only what saves at least 10% of a real page is kept; the figures are beside each one. To
measure one again, make it fall back to upstream (e.g. ``select_html`` returning None) and
compare ``bench/run.py --only list,detail,create`` with and without.

Each has a test in tests/core/test_speedups.py comparing its output with the upstream
implementation on realistic inputs, so an upgrade of Django, django-filter or django-tables2
that changes upstream's output fails a test instead of a page: bring the replacement in
line, or measure again and drop it.

Measured and removed (under 10% on every page): the cached
``django_tables2.utils.signature`` (1–2% of a list), the cached simple-history manager class
(4–5% of the create) and the status badges written without ``format_html`` (0–2% of a
list). The global replacement of Django's ``ModelChoiceIterator.__iter__`` became a
per-field iterator class (below).

Anything faster that needs no copy of library code (a query, an index, a cached result)
belongs elsewhere, not here.
"""

import functools
import inspect
from functools import partialmethod
from html import escape as _escape

import django_tables2 as tables
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django_tables2.columns.base import LinkTransform
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import signature

from core.querycache import remembered_choices

# --- escaping ---------------------------------------------------------------------------
# Django's ``conditional_escape`` and ``render_value_in_context`` for the two loops below.
# Django's are wrapped by ``keep_lazy``, which scans every argument for lazy strings on every
# call (several percent of a list page); not measured apart from the loops that use them.


def esc(value):
    """``conditional_escape(value)`` as text: safe markup as is, anything else escaped."""
    if isinstance(value, SafeData):
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))


def cell_html(value, context):
    """``render_value_in_context(value, context)`` with a fast path for plain text."""
    if type(value) is str:  # noqa: E721 - exact type: str subclasses (SafeString) differ
        return _escape(value) if context.autoescape else value
    if isinstance(value, SafeData):
        return str(value)
    return render_value_in_context(value, context)


# --- table rows -------------------------------------------------------------------------
# Replaces django-tables2's row loop (``{% for column, cell in row.items %}<td {{
# column.attrs.td.as_html }}>{{ cell }}</td>``, which calls ``BoundRow.get_cell`` per cell).
# Measured (SQLite, CPU ms with / with django-tables2's loop, customer list, 50 rows):
#   salesperson 24.7 / 67.3 (2.72×), clerk 37.1 / 81.7 (2.20×),
#   supervisor 37.5 / 85.3 (2.28×), manager 18.4 / 59.5 (3.24×).
# Test: every row equals django-tables2's own loop (customer, notification, follow-up tables).


def table_rows_html(table):
    """The page's rows as ``<tr>``s, built in Python rather than by a template loop.

    The same markup as django-tables2's own loop: each column's plan (accessor, render
    arguments, static ``td`` attributes) is worked out once per page instead of once per
    cell.
    """
    context = Context(autoescape=True)
    plans = [_CellPlan(table, bound_column) for bound_column in table.columns]
    rows = []
    for row in table.paginated_rows:
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
        args, catch_all = signature(self.render)
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


# --- <select> ---------------------------------------------------------------------------
# Replaces Django's ``select.html`` / ``select_option.html`` templates (an include per
# option). Measured (SQLite, CPU ms with / with Django's templates): customer list — manager, whose
# salesperson filter lists 160 people, 18.1 / 25.1 (1.39×; the other roles' lists 1.07–1.08×);
# new customer form — clerk 190 / 329 (1.73×).
# Test: the markup equals Django's templates for plain, grouped, model and multiple selects.

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs_html(attrs):
    """Django's ``attrs.html`` in Python: False drops an attribute, True leaves it bare."""
    return "".join(
        f" {name}" if value is True else f' {name}="{esc(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _text(value):
    return esc(value if isinstance(value, str) else localize(value))


def select_html(template_name, context):
    """The markup Django's select templates give for ``context``, or None when the widget is
    not a select of Django's own options (then the renderer uses the templates)."""
    widget = context.get("widget") if template_name == SELECT_TEMPLATE else None
    if widget is None or not all(
        option["template_name"] == OPTION_TEMPLATE
        for _name, options, _index in widget["optgroups"]
        for option in options
    ):
        return None
    parts = [f'<select name="{esc(widget["name"])}"{_attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{esc(str(option["value"]))}"'
                f"{_attrs_html(option['attrs'])}>{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


# --- model drop-downs: one plain query, and the filters' options remembered ----------------
# Django's ``ModelChoiceIterator`` reads a drop-down's rows with ``iterator()``: on
# PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE: three round trips, the rows kept
# WITH HOLD) for every drop-down of every page. Here the field's iterator class (Django's
# documented ``ModelChoiceField.iterator``, set per field by the project's forms and filter
# sets) reads them with one plain query; a list page's filter drop-downs take their options
# from ``core.querycache`` while the tables they read are unchanged.
# Measured (ms with / with Django's iterator, customer list, 50 rows):
#   PostgreSQL (wall clock): salesperson 92.0 / 108.5 (1.18×), clerk 82.7 / 98.1
#   (1.19×), supervisor 88.0 / 98.5 (1.12×), manager 80.4 / 107.8 (1.34×);
#   SQLite (CPU): manager 25.8 / 28.0 (1.08×; 1.09× in a second run), the other roles
#   1.01–1.03×.
# Test: the same choices, labels and markup as Django's (and django-filter's) own iterator.


class ChoicesInOneQuery(forms.models.ModelChoiceIterator):
    """``ModelChoiceIterator.__iter__``, reading the choices with one plain query.

    A fresh clone keeps the field's queryset uncached, as ``iterator()`` did.
    """

    remember = False

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.remember:
            for value, label in remembered_choices(self.field, self.queryset):
                yield (forms.models.ModelChoiceIteratorValue(value, None), label)
            return
        for obj in self.queryset.all():
            yield self.choice(obj)


class RememberedChoices(ChoicesInOneQuery):
    """The options (value and label, no model instance) from the query cache."""

    remember = True


@functools.cache
def _iterator_class(base, reading):
    """``reading`` under the field's own iterator class (django-filter's adds its null
    choice, then asks its parent, here ``reading``, for the rest)."""
    if base is forms.models.ModelChoiceIterator or issubclass(base, reading):
        return reading
    return type(f"{reading.__name__}{base.__name__}", (base, reading), {})


def read_choices_in_one_query(field, *, remember=False):
    """Give a model choice field the one-query iterator (``remember``: from the cache)."""
    base = type(field).iterator
    field.iterator = _iterator_class(base, RememberedChoices if remember else ChoicesInOneQuery)
    field.widget.choices = field.choices  # the widget's were made by the previous iterator


# --- model validation -------------------------------------------------------------------
# Replaces Django's ``Model.validate_constraints`` loop and part of ``clean_fields``.
# Django checks a CheckConstraint by sending its condition to the database (``SELECT 1
# WHERE ...`` over every field of the row, in a savepoint), a conditional UniqueConstraint
# the same way with an EXISTS, and a foreign key by looking its row up even when the related
# object was just read. Measured on customers.services.customer_create (SQLite, CPU ms with
# / with Django's own; two runs, of 105 and 205 pairs):
#   check constraints in Python 2.69 / 4.06 (1.51×), 2.80 / 4.01 (1.43×);
#   conditional unique constraints: condition in Python, one exists() 2.22 / 3.06 (1.38×),
#   2.73 / 3.53 (1.29×);
#   foreign keys loaded from the database not looked up again 2.79 / 3.47 (1.25×),
#   2.57 / 3.08 (1.20×).
# Tests: every check and conditional unique constraint of every model gives Django's
# verdict on boundary values; loaded foreign keys are still refused when wrong.


class Unsupported(Exception):
    """The condition needs the database (expressions, joins, unknown lookups)."""


def _and(values):
    values = list(values)
    if False in values:
        return False
    return None if None in values else True


def _or(values):
    values = list(values)
    if True in values:
        return True
    return None if None in values else False


def _compare(op):
    def compare(left, right):
        if left is None or right is None:
            return None
        try:
            return op(left, right)
        except TypeError as exc:
            raise Unsupported from exc

    return compare


LOOKUPS = {
    "exact": _compare(lambda a, b: a == b),
    "lt": _compare(lambda a, b: a < b),
    "lte": _compare(lambda a, b: a <= b),
    "gt": _compare(lambda a, b: a > b),
    "gte": _compare(lambda a, b: a >= b),
    "in": lambda a, b: None if a is None else True if a in b else None if None in b else False,
    "isnull": lambda a, b: (a is None) == bool(b),
}


def evaluate(condition, values):
    """A Q over plain field lookups, evaluated on ``values`` ({field name: value}).

    Returns True, False or None (SQL's unknown); raises Unsupported when only the database
    can tell.
    """
    results = []
    for child in condition.children:
        if isinstance(child, models.Q):
            results.append(evaluate(child, values))
            continue
        if not isinstance(child, tuple):
            raise Unsupported
        key, rhs = child
        if hasattr(rhs, "resolve_expression"):
            raise Unsupported
        name, _, lookup = key.partition("__")
        lookup = lookup or "exact"
        if lookup not in LOOKUPS or name not in values:
            raise Unsupported
        if isinstance(rhs, models.Model):
            rhs = rhs.pk
        if lookup == "exact" and rhs is None:
            lookup, rhs = "isnull", True
        results.append(LOOKUPS[lookup](values[name], rhs))
    result = _and(results) if condition.connector == models.Q.AND else _or(results)
    if condition.negated and result is not None:
        result = not result
    return result


def _leaves(condition):
    for child in condition.children:
        if isinstance(child, models.Q):
            yield from _leaves(child)
        elif isinstance(child, tuple):
            yield child
        else:
            raise Unsupported


def _field_values(model, instance, condition, exclude):
    """The values a condition refers to, by field name; None when a field is excluded."""
    values = {}
    for key, _rhs in _leaves(condition):
        name = key.split("__", 1)[0]
        if exclude and name in exclude:
            return None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist as exc:
            raise Unsupported from exc
        if not getattr(field, "concrete", False) or field.many_to_many:
            raise Unsupported
        values[name] = getattr(instance, field.attname)
    return values


def check_constraint_in_python(constraint, model, instance, exclude=None):
    """Validate a CheckConstraint without a query; False when it needs the database."""
    condition = constraint.condition
    if not isinstance(condition, models.Q):
        return False
    try:
        values = _field_values(model, instance, condition, exclude)
        if values is None:  # refers to an excluded field: Django skips it too
            return True
        result = evaluate(condition, values)
    except Unsupported:
        return False
    if result is False:
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )
    return True


def unique_constraint_in_python(constraint, model, instance, exclude=None, using="default"):
    """Validate a conditional UniqueConstraint on plain fields with one ``exists()`` query.

    Django builds ``SELECT 1 WHERE condition AND EXISTS(...)`` to learn whether the row falls
    under the condition; here the condition is evaluated in Python first (no query at all
    when it does not apply). False when Django must do it (expressions, unknown condition).
    """
    condition = constraint.condition
    if (
        not isinstance(condition, models.Q)
        or not constraint.fields
        or constraint.expressions
        or constraint.nulls_distinct is False
    ):
        return False
    try:
        values = _field_values(model, instance, condition, exclude)
        if values is None:
            return True
        applies = evaluate(condition, values)
    except Unsupported:
        return False
    if applies is None:
        return False
    if applies is False:
        return True
    lookup = {}
    for name in constraint.fields:
        if exclude and name in exclude:
            return True
        field = model._meta.get_field(name)
        if field.generated:
            return False
        value = getattr(instance, field.attname)
        if value is None:
            return True  # NULLs are distinct: no violation
        lookup[field.name] = value
    queryset = model._default_manager.using(using).filter(condition, **lookup)
    if not instance._state.adding and instance._is_pk_set(model._meta):
        queryset = queryset.exclude(pk=instance._get_pk_val(model._meta))
    if queryset.exists():
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )
    return True


def validate_constraints(instance, exclude=None):
    """Django's ``Model.validate_constraints`` loop, with simple conditions in Python."""
    using = router.db_for_write(instance.__class__, instance=instance)
    errors = {}
    for model_class, model_constraints in instance.get_constraints():
        for constraint in model_constraints:
            try:
                if isinstance(constraint, models.CheckConstraint):
                    done = check_constraint_in_python(constraint, model_class, instance, exclude)
                elif isinstance(constraint, models.UniqueConstraint) and constraint.condition:
                    done = unique_constraint_in_python(
                        constraint, model_class, instance, exclude, using
                    )
                else:
                    done = False
                if not done:
                    constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError as e:
                fields = getattr(constraint, "fields", ())
                if getattr(e, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(e)
                else:
                    errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def loaded_foreign_keys(instance):
    """Names of the foreign keys whose related object is loaded from the database.

    ``clean_fields`` may skip them: their existence needs no lookup, and only the field's
    own checks (null, blank) would remain, which a loaded object passes. Keys with
    ``limit_choices_to`` are still checked.
    """
    names = []
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or field.remote_field.limit_choices_to:
            continue
        if not field.is_cached(instance):
            continue
        related = field.get_cached_value(instance)
        if (
            related is not None
            and not related._state.adding
            and related.pk is not None
            and related.pk == getattr(instance, field.attname)
        ):
            names.append(field.name)
    return names
