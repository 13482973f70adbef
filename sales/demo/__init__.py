"""Demo sales data: insurers and products, campaigns, opportunities in every stage, visits
over the last months, needs analyses, proposals in every review state, targets, team work and
market research. Deterministic (context["rng"]) and idempotent."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from core import demo
from customers.models import Customer
from org.models import Team

from ..models import Opportunity
from .catalogue import _age, _products
from .leads import OUTCOMES_WEIGHTS, PACE, _lead, _Past, _Pool, _service_visits
from .team import _campaigns, _research, _teamwork


@demo.register
def seed_sales(context):
    User = get_user_model()
    rng = context["rng"]
    users = {u.username: u for u in User.objects.filter(username__regex=r"^(sales|clerk|sup)\d")}
    if not users:
        return
    products = _products()
    if Opportunity.objects.exists():
        return
    teams = {t.code: t for t in Team.objects.all()}
    sup = {"A": users.get("sup1"), "B": users.get("sup2")}
    clerks = {"A": users.get("clerk1"), "B": users.get("clerk2")}
    today = timezone.localdate()
    past = _Past(rng, today)
    campaigns = _campaigns(past, teams, sup)
    customers = [
        c
        for c in Customer.objects.filter(
            owner__username__in=list(PACE),
            archived=False,
            kind="individual",
            birth_date__isnull=False,
        )
        .select_related("team", "owner")
        .order_by("pk")
        if 22 <= _age(c) <= 55
    ]
    pool = _Pool(customers)
    leads = []
    for month, weight, days in past.months():
        share = len(days) / max(1, len(past.workdays.in_month(month)))
        for username, pace in PACE.items():
            if username not in users:
                continue
            n = round(pace * weight * share * rng.uniform(0.8, 1.2))
            if share == 1:
                n = max(n, 1)  # nobody has a month without a lead
            leads += [(rng.choice(days), username) for _i in range(n)]
    leads.sort()
    outcomes, weights = list(OUTCOMES_WEIGHTS), list(OUTCOMES_WEIGHTS.values())
    made = 0
    for i, (day, username) in enumerate(leads):
        owner = users[username]
        outcome = rng.choices(outcomes, weights=weights)[0]
        customer = pool.pick(rng, owner, day, complete=outcome == "won")
        if customer is None and outcome == "won":
            outcome = "lost_proposal"
            customer = pool.pick(rng, owner, day, complete=False)
        if customer is None:
            continue
        campaign = next(
            (c for c in campaigns if c.start_date <= day <= c.end_date and rng.random() < 0.6),
            None,
        )
        end = _lead(
            past, i, day, customer, owner, clerks[customer.team.code], outcome, products, campaign
        )
        if end is not None:
            pool.busy_until[customer.pk] = end
            made += 1
    _service_visits(past, users, pool)
    _teamwork(teams, sup, users, past)
    _research(users, products)
    if context.get("stdout"):
        context["stdout"].write(f"sales: {made} opportunities over {demo.HISTORY_MONTHS} months")
