"""The computed results items of an appraisal: figures from the record, never typed.

Each item reads one figure of the one source of sales figures, ``core.figures`` (defined in
``reports.statistics``), so an appraisal shows to the cent what the person's dashboard, the
targets page and the monthly report show. Nothing here counts rows of its own.

``COMPUTED`` lists the items by code (``ComputedItem``: label, unit, the figure, where its
target comes from, the positions it is for):

* salespeople: ``premium_vs_target`` (the premium the premium target measures — the
  first-year premium paid, as on the targets page and the dashboard — against that target),
  ``new_policies_vs_target`` (new policies against the new-policy target),
  ``profit_contribution`` (the commission of the premiums paid: "profit contribution" in the
  figures; no sales target exists for it, so the template gives one);
* clerks: ``files_completed`` (customer files they brought to 100 % completeness),
  ``reviews_done`` (proposals they reviewed — compliant, reasonable, feasible — and
  application and claim documents they checked — authentic, complete, accurate),
  ``followups_on_time`` (of the after-sales follow-ups assigned to them and due in the
  period, the share done by the due date).

``compute_many(code, employees, start, end)`` gives ``{employee pk: Computed(actual, target,
achievement, working, reason)}`` for many people in a bounded number of queries (one figures
statement, plus one for the sales targets of an item measured against them). ``achievement`` is a
percentage, actual / target × 100 in full precision (the scoring rounds only at the end, see
``appraisal.scoring``); a rate item's achievement is the rate itself unless a target is
given. Without one, ``achievement`` is ``None`` and ``reason`` says why. ``working`` is the
lines that explain the figure, in the active language.

Periods are half-open, like ``core.figures``: ``start`` is the first day, ``end`` the day
after the last (a month: the 1st and the 1st of the next month).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import figures
from core.figures import Scope
from core.roles import Role
from core.templatetags.core_tags import money

from .scoring import format_number

HUNDRED = Decimal(100)


class Source:
    """Where an item's target comes from."""

    SALES_TARGET = "sales_target"  # the person's sales target (sales.SalesTarget), prorated
    GIVEN = "given"  # the caller's (the appraisal template's) target for the period
    RATE = "rate"  # the figure is a share: it is the achievement unless a target is given


@dataclass(frozen=True)
class ComputedItem:
    """One computed results item: what it reads and how it is measured."""

    code: str
    label: str
    unit: str  # "money" | "count" | "percent" (the actual's unit)
    measure: str  # the core.figures measure it reads
    source: str  # Source.*
    roles: tuple  # the positions whose templates use it
    target_key: str | None = None  # the sales target (Source.SALES_TARGET)
    definition: str = ""  # one line: what is counted
    context_measures: tuple = ()  # figures read alongside and shown in the working

    @property
    def has_target(self):
        """Whether the project keeps a target for it (the sales targets)."""
        return self.source == Source.SALES_TARGET


@dataclass(frozen=True)
class Computed:
    """A computed item of one person for one period.

    ``actual``: the figure (``Decimal`` money, ``int`` count, ``Decimal`` percent with two
    decimals for a rate; ``None`` when undefined); ``target``: the target it is measured
    against (``None`` without one); ``achievement``: percent, full precision, ``None`` with
    ``reason`` when it cannot be computed; ``working``: the explanation, line by line.
    """

    actual: object
    target: object
    achievement: Decimal | None
    working: list[str] = field(default_factory=list)
    reason: str = ""


COMPUTED = {
    item.code: item
    for item in (
        ComputedItem(
            "premium_vs_target",
            gettext_lazy("Premium income vs target"),
            "money",
            "premium_first_year",
            Source.SALES_TARGET,
            (Role.SALESPERSON.value,),
            target_key="premium",
            definition=gettext_lazy(
                "First-year premium paid in the period, not refunded: what the premium target "
                "measures (renewal premium is not new business)."
            ),
            context_measures=("premium_total",),
        ),
        ComputedItem(
            "new_policies_vs_target",
            gettext_lazy("New policies vs target"),
            "count",
            "new_policies",
            Source.SALES_TARGET,
            (Role.SALESPERSON.value,),
            target_key="new_policies",
            definition=gettext_lazy(
                "Policies issued in the period, not cancelled in the cooling-off period."
            ),
        ),
        ComputedItem(
            "profit_contribution",
            gettext_lazy("Profit contribution"),
            "money",
            "commission",
            Source.GIVEN,
            (Role.SALESPERSON.value,),
            definition=gettext_lazy(
                "Commission of the premiums paid in the period, not refunded (the profit "
                "contribution of the reports)."
            ),
        ),
        ComputedItem(
            "files_completed",
            gettext_lazy("Customer files completed"),
            "count",
            "files_completed",
            Source.GIVEN,
            (Role.CLERK.value,),
            definition=gettext_lazy(
                "Customer files this person made complete (every field their stage asks for "
                "filled) in the period."
            ),
        ),
        ComputedItem(
            "reviews_done",
            gettext_lazy("Reviews done"),
            "count",
            "reviews_done",
            Source.GIVEN,
            (Role.CLERK.value,),
            definition=gettext_lazy(
                "Proposals this person reviewed (compliant, reasonable, feasible) and "
                "application and claim documents they checked (authentic, complete, accurate) "
                "in the period."
            ),
            context_measures=("proposals_reviewed", "documents_checked"),
        ),
        ComputedItem(
            "followups_on_time",
            gettext_lazy("Follow-ups on time"),
            "percent",
            "follow_ups_on_time_rate",
            Source.RATE,
            (Role.CLERK.value,),
            definition=gettext_lazy(
                "Of the after-sales follow-ups assigned to this person and due in the period "
                "(not cancelled), the share done by their due date."
            ),
            context_measures=("follow_ups_due", "follow_ups_on_time"),
        ),
    )
}

#: Choices of a template's computed item (code, label).
CHOICES = [(item.code, item.label) for item in COMPUTED.values()]


def items_for(position):
    """The computed items of a position's template (a salesperson's, a clerk's), in order."""
    return [item for item in COMPUTED.values() if position in item.roles]


def _period_text(start, end):
    return _("%(first)s – %(last)s") % {
        "first": start.isoformat(),
        "last": (end - dt.timedelta(days=1)).isoformat(),
    }


def _show(value, unit):
    """A figure as the pages show it: money as ¥1,234.56, a percent with two decimals."""
    if value is None:
        return "—"
    if unit == "money":
        return money(value)
    if unit == "percent":
        return f"{format_number(Decimal(value))}%"
    return f"{value}"


def _target_of(item, pk, targets):
    """The caller's target of ``pk`` for a given-target item: a mapping by employee pk, or one
    value for everyone."""
    if targets is None:
        return None
    if isinstance(targets, dict):
        return targets.get(pk)
    return targets


def _compute_one(item, values, goal, period_text):
    """The Computed of one person from their figures and target."""
    actual = values[item.measure]
    if item.unit == "percent" and actual is not None:
        actual = (Decimal(actual) * HUNDRED).quantize(Decimal("0.01"))
    working = [
        _("%(label)s, %(period)s: %(value)s")
        % {
            "label": str(item.label),
            "period": period_text,
            "value": _show(actual, item.unit),
        },
        str(item.definition),
    ]
    if item.code == "premium_vs_target":
        working.append(
            _("For comparison, premium income in the period, renewal premium included: %(total)s.")
            % {"total": money(values["premium_total"])}
        )
    elif item.code == "reviews_done":
        working.append(
            _("Proposals reviewed: %(proposals)s; documents checked: %(documents)s.")
            % {
                "proposals": values["proposals_reviewed"],
                "documents": values["documents_checked"],
            }
        )
    elif item.code == "followups_on_time":
        working.append(
            _("Follow-ups due: %(due)s; done by their due date: %(on_time)s.")
            % {"due": values["follow_ups_due"], "on_time": values["follow_ups_on_time"]}
        )
    target = goal
    if target is not None:
        target = Decimal(target) if not isinstance(target, int | Decimal) else target
        if target <= 0:
            reason = _("The target must be above zero: no achievement.")
            return Computed(actual, target, None, [*working, reason], reason)
        working.append(
            _("Target for the period: %(target)s") % {"target": _show(target, item.unit)}
        )
    if actual is None:
        reason = (
            _("No follow-up was due in the period: no share, no achievement.")
            if item.code == "followups_on_time"
            else _("The figure is undefined for the period: no achievement.")
        )
        return Computed(None, target, None, [*working, reason], reason)
    if target is None:
        if item.source == Source.RATE:
            working.append(
                _("Achievement: the share itself, %(value)s.") % {"value": _show(actual, "percent")}
            )
            return Computed(actual, None, Decimal(actual), working)
        if item.source == Source.SALES_TARGET:
            reason = _("No sales target is set for the period: no achievement.")
        else:
            reason = _("The appraisal template gives no target for this item: no achievement.")
        return Computed(actual, None, None, [*working, reason], reason)
    achievement = Decimal(actual) / Decimal(target) * HUNDRED
    working.append(
        _("Achievement: %(actual)s ÷ %(target)s × 100 = %(achievement)s%%")
        % {
            "actual": _show(actual, item.unit),
            "target": _show(target, item.unit),
            "achievement": format_number(achievement),
        }
    )
    return Computed(actual, target, achievement, working)


def compute_many(code, employees, start, end, *, targets=None):
    """``{employee pk: Computed}`` of item ``code`` for ``employees`` (``org.Employee``) in
    ``[start, end)``.

    One statement for the figures of everyone (``core.figures.figures_many``), plus one
    query for their sales targets when the item is measured against them
    (``core.figures.targets_many``): the count does not grow with the number of people.

    ``targets``: for an item whose target is not a sales target (``Source.GIVEN``, or a rate
    to be measured against a target share), the target for the period — one value for
    everyone, or a mapping ``{employee pk: value}``; ignored for sales-target items.
    Raises ``KeyError`` for an unknown ``code``.
    """
    item = COMPUTED[code]
    employees = list(employees)
    if not employees:
        return {}
    period = (start, end)
    requests = [(Scope.person(employee.user_id), period) for employee in employees]
    measures = [item.measure, *item.context_measures]
    values = figures.figures_many(requests, measures=measures)
    if item.source == Source.SALES_TARGET:
        goals = [goal.get(item.target_key) for goal in figures.targets_many(requests)]
    else:
        goals = [_target_of(item, employee.pk, targets) for employee in employees]
    period_text = _period_text(start, end)
    return {
        employee.pk: _compute_one(item, value, goal, period_text)
        for employee, value, goal in zip(employees, values, goals, strict=True)
    }
