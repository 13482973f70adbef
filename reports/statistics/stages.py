"""The open pipeline by stage (opportunities' expected premium: a forecast, not income)."""

from django.db.models import Count, Q

from .engine import _money
from .measures import _money_sum
from .scopes import Scope

# --- the pipeline ----------------------------------------------------------------------------

OPEN_STAGES = ("new", "contacted", "meeting", "needs_analysed", "proposal", "application")


def pipeline(scope, start=None, end=None):
    """The opportunities of ``scope`` by stage: the open ones as they stand now, in pipeline
    order, then the ones won in ``[start, end)`` when a range is given. Each a dict
    ``{"stage", "label", "count", "premium"}`` (premium: their expected annual premium).
    One grouped query."""
    from sales.models import Opportunity

    wanted = Q(stage__in=OPEN_STAGES)
    if start is not None and end is not None:
        wanted |= Q(stage="won", closed_on__gte=start, closed_on__lt=end)
    qs = Opportunity.objects.order_by().filter(wanted)
    if scope.kind == Scope.TEAM:
        qs = qs.filter(team_id=scope.team_id)
    elif scope.kind == Scope.PERSON:
        qs = qs.filter(owner_id=scope.user_id)
    rows = {
        r["stage"]: r
        for r in qs.values("stage").annotate(
            count=Count("pk"), premium=_money_sum("expected_premium")
        )
    }
    labels = dict(Opportunity.Stage.choices)
    stages = [*OPEN_STAGES, *(("won",) if start is not None and end is not None else ())]
    return [
        {
            "stage": stage,
            "label": labels[stage],
            "count": rows.get(stage, {}).get("count", 0),
            "premium": _money(rows.get(stage, {}).get("premium")),
        }
        for stage in stages
    ]


# --- summary: value, target, previous period, same period last year ---------------------------
