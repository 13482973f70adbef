"""Exit-audit and retention test data, made through the services."""

import datetime as dt

from aftersales.models import Renewal
from aftersales.services import ensure_default_claim_checklist
from confidentiality.services import exits, retention
from core.roles import Role
from tests.aftersales.factories import make_claim, make_policy
from tests.customers.factories import PDF_BYTES
from tests.factories import make_employee
from tests.sales.factories import make_customer, make_opportunity
from underwriting.services import ensure_default_checklist

from .factories import pdf_file

TODAY = dt.date.today


def make_successor(team, **kwargs):
    return make_employee(Role.SALESPERSON, team=team, **kwargs)


def make_book(leaver, clerk):
    """A salesperson's book: two customers, an open and a won opportunity, a delivered
    policy (its follow-up assigned to the clerk), an open claim, a pending renewal."""
    ensure_default_checklist()
    ensure_default_claim_checklist()
    # the policyholder's file comes complete with the issued policy
    policy = make_policy(leaver, clerk)
    first = policy.customer
    second = make_customer(leaver, name="李小華")
    open_opp = make_opportunity(first, stage="new", need="medical")
    won_opp = make_opportunity(second, stage="won")
    claim = make_claim(policy, clerk)
    renewal = Renewal.objects.create(
        policy=policy, customer=first, kind="premium", due_date=TODAY() + dt.timedelta(days=20)
    )
    return {
        "customers": [first, second],
        "open_opportunity": open_opp,
        "won_opportunity": won_opp,
        "policy": policy,
        "claim": claim,
        "renewal": renewal,
    }


def make_exit(hr, leaver, successor, *, leaving_on=None, items=(("device", "筆記型電腦"),)):
    return exits.exit_start(
        actor=hr,
        employee=leaver.employee,
        leaving_on=leaving_on or TODAY(),
        successor=successor.employee,
        reason="個人原因",
        items=items,
    )


def finish_checklist(audit, hr, compliance):
    """Every step but the close, through the services."""
    audit = exits.exit_deactivate(actor=hr, audit=audit)
    audit = exits.exit_revoke_grants(actor=hr, audit=audit)
    audit = exits.exit_hand_over(actor=hr, audit=audit)
    for item in audit.items.all():
        exits.exit_item_return(actor=hr, item=item)
    audit = exits.exit_reminder_file(
        actor=hr, audit=audit, scan=pdf_file("reminder.pdf"), signed_on=TODAY()
    )
    return exits.exit_activity_review(actor=compliance, audit=audit, note="無異常")


def schedule():
    return {r.kind: r for r in retention.schedule_ensure()}


__all__ = ["PDF_BYTES", "make_book", "make_exit", "make_successor", "schedule"]
