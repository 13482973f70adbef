"""Breakdowns: the figures per person, team, product, insurer or channel."""

from django.db.models import CharField, Count, F, IntegerField, Sum, Value
from django.db.models.functions import Cast

from core.text import name_in_language

from .engine import _check_range, _empty, _finish, _queryset, _rows_of
from .measures import _DERIVED, FIGURES, _installed, _measures_for, _raw_keys
from .scopes import SELLING_POSITIONS, Scope, _member_ids, _user_model, remembered

# --- breakdowns ----------------------------------------------------------------------------

BREAKDOWNS = ("person", "team", "product", "insurer", "channel")


def _labels(by, ids):
    from sales.models import Channel, Insurer, Product

    if by == "person":
        return _remembered_labels("people", ids, _person_labels)
    if by == "team":
        return _remembered_labels("teams", ids, _team_labels)
    if by == "product":
        rows = Product.objects.filter(pk__in=ids).values_list(
            "pk", "insurer__name", "insurer__name_en", "name", "name_en"
        )
        return {
            pk: f"{name_in_language(insurer, insurer_en)} · {name_in_language(name, name_en)}"
            for pk, insurer, insurer_en, name, name_en in rows
        }
    if by == "insurer":
        rows = Insurer.objects.filter(pk__in=ids).values_list("pk", "name", "name_en")
        return {pk: name_in_language(name, name_en) for pk, name, name_en in rows}
    return {value: str(label) for value, label in Channel.choices}


def _person_labels(ids):
    return {u.pk: u.display_name for u in _user_model().objects.filter(pk__in=ids)}


def _team_labels(ids):
    from org.models import Team

    return {t.pk: str(t) for t in Team.objects.filter(pk__in=ids).only("pk", "name", "name_en")}


def _remembered_labels(kind, ids, read):
    """The labels of ``ids``, reading only those not read earlier on the page."""
    known = remembered((kind, "labels"), dict)
    missing = [i for i in ids if i not in known]
    if missing:
        known.update(read(missing))
        known.update({i: known.get(i, str(i)) for i in missing if i not in known})
    return {i: known[i] for i in ids if i in known}


def _always_listed(scope, by):
    """Rows listed even without figures: a team's salespeople, the company's active teams,
    every channel (so a dashboard shows a zero instead of leaving someone out). Anyone else
    with figures in the range (a supervisor with own customers) is listed too."""
    from org.models import Team
    from sales.models import Channel

    if by == "person" and scope.kind == Scope.TEAM:
        return _member_ids([scope.team_id], SELLING_POSITIONS)
    if by == "person" and scope.kind == Scope.PERSON:
        return [scope.user_id]
    if by == "team" and scope.kind == Scope.COMPANY:
        return remembered(
            ("active teams",),
            lambda: list(Team.objects.filter(active=True).values_list("pk", flat=True)),
        )
    if by == "team" and scope.kind == Scope.TEAM:
        return [scope.team_id]
    if by == "channel":
        return list(Channel.values)
    return []


def breakdown(scope, start, end, by, keys=None):
    """The figures of ``scope`` in ``[start, end)`` per person, team, product, insurer or
    channel: a list of dicts ``{"key", "label", <figure key>: value, ...}`` holding the figures
    that have that dimension (e.g. per channel: leads, won, lost, conversion, new policies and
    their premiums). One statement for every measure, plus one for the labels and (by person
    or team) one for the members or teams always listed; sorted by label."""
    return breakdowns(scope, start, end, (by,), keys)[by]


def _additive(measure):
    """Whether the measure's group values add up to the values of a coarser group (counts
    and sums do; an average does not)."""
    return all(isinstance(a, (Count, Sum)) for a in measure.aggregates().values())


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _dimension(measure, by):
    """The measure's column for breakdown ``by`` (the channel's value, else a foreign key)."""
    path = measure.path(by)
    return path if by == "channel" else f"{path}_id"


def _no_dimension(by):
    # Typed, as the union's columns must be (a channel is text, the rest are keys).
    return Cast(Value(None), CharField() if by == "channel" else IntegerField())


def breakdowns(scope, start, end, bys=BREAKDOWNS, keys=None):
    """``breakdown`` for several dimensions ``bys`` at once: ``{by: rows}``, in one statement.

    Every branch selects one column per dimension of ``bys`` (NULL where it does not group by
    it), so all branches line up in the ``UNION ALL``. A measure of counts and sums is grouped
    once by all its dimensions and added up per dimension in Python: the report's premiums
    are read once instead of once per sheet. A measure with an average is grouped once per
    dimension.
    """
    for by in bys:
        if by not in BREAKDOWNS:
            raise ValueError(f"unknown breakdown {by!r}")
    _check_range(start, end)
    columns = {by: f"_by_{by}" for by in bys}
    raw = {by: {} for by in bys}
    present = {by: set() for by in bys}
    branches = []
    for measure in _measures_for(keys):
        dims = [by for by in bys if measure.path(by)]
        if not dims or not _installed(measure):
            continue
        for by in dims:
            present[by].update(_raw_keys(measure))
        groups = [dims] if _additive(measure) else [[by] for by in dims]
        for grouped in groups:
            rows = (
                _queryset(measure, scope, start, end)
                .annotate(
                    **{
                        columns[by]: F(_dimension(measure, by))
                        if by in grouped
                        else _no_dimension(by)
                        for by in bys
                    }
                )
                .values(*columns.values())
                .annotate(**measure.aggregates())
                .order_by()
            )
            branches.append((grouped, rows))
    for grouped, row in _rows_of(branches):
        idents = {by: row.pop(columns[by]) for by in bys}
        for by in grouped:
            if idents[by] is None:
                continue
            values = raw[by].setdefault(idents[by], {})
            for key, value in row.items():
                values[key] = _add(values[key], value) if key in values else value
    return {by: _breakdown_rows(scope, by, raw[by], present[by], keys) for by in bys}


def _breakdown_rows(scope, by, raw, present, keys):
    """One breakdown's rows: every listed ident with its figures, labelled, sorted."""
    ids = list(dict.fromkeys([*_always_listed(scope, by), *raw]))
    labels = _labels(by, ids)
    figure_keys = {
        f.key
        for f in FIGURES
        if (keys is None or f.key in keys)
        and all(n in present for n in _DERIVED.get(f.key, (f.key,)))
    }
    result = []
    for ident in ids:
        values = {**_empty(present), **raw.get(ident, {})}
        row = {"key": ident, "label": labels.get(ident, str(ident))}
        row.update(_finish(values, figure_keys))
        result.append(row)
    result.sort(key=lambda r: str(r["label"]))
    return result
