"""Model validation without needless queries.

Django checks a ``CheckConstraint`` in ``full_clean()`` by sending the condition to the
database (``SELECT 1 WHERE ...``, in a savepoint), and a foreign key by looking its row up,
even when the related object was just read. On a customer file that was most of the cost of
saving it (bench/). Here simple conditions (field lookups joined by AND, OR and NOT) are
evaluated in Python with SQL's three-valued logic, and anything else still goes to the
database; a foreign key whose object is loaded from the database is taken as existing (the
database's own constraint still guards the insert).
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models


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


def _leaves(condition):
    for child in condition.children:
        if isinstance(child, models.Q):
            yield from _leaves(child)
        elif isinstance(child, tuple):
            yield child
        else:
            raise Unsupported


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


def loaded_foreign_keys(instance):
    """Names of the foreign keys whose related object is loaded from the database.

    Their existence needs no lookup; keys with ``limit_choices_to`` are still checked.
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
