"""The figures of a person's own work (a clerk's output: files completed, documents checked,
follow-ups due and done on time) and the sales targets of many scopes in one query."""

import datetime as dt
from decimal import Decimal

import pytest

from aftersales.models import FollowUp
from core import figures
from core.figures import Scope
from tests.reports import factories as f
from tests.reports.report_data import LAST_MONTH

pytestmark = pytest.mark.django_db


def test_follow_up_figures_by_person_and_team(team_a, team_b, salesperson, clerk):
    pol = f.policy(f.customer(salesperson), issued_on=LAST_MONTH.start - dt.timedelta(days=30))
    due = LAST_MONTH.start + dt.timedelta(days=4)
    done = FollowUp.Status.DONE
    f.follow_up(pol, due_date=due, status=done, completed_on=due)
    f.follow_up(pol, due_date=due, status=done, completed_on=due + dt.timedelta(days=3))
    f.follow_up(pol, due_date=due)
    keys = ["follow_ups_due", "follow_ups_on_time", "follow_ups_on_time_rate"]
    mine, team, other_team, company = figures.figures_many(
        [
            (Scope.person(clerk), LAST_MONTH),
            (Scope.team(team_a), LAST_MONTH),
            (Scope.team(team_b), LAST_MONTH),
            (Scope.company(), LAST_MONTH),
        ],
        measures=keys,
    )
    # 1 of 3 due on time: 0.3333
    assert mine == {
        "follow_ups_due": 3,
        "follow_ups_on_time": 1,
        "follow_ups_on_time_rate": pytest.approx(Decimal("0.3333")),
    }
    assert team == mine == company
    assert other_team == {
        "follow_ups_due": 0,
        "follow_ups_on_time": 0,
        "follow_ups_on_time_rate": None,
    }
    # the salesperson owns the file but was not assigned the follow-ups
    assert figures.figures(scope=Scope.person(salesperson), period=LAST_MONTH, measures=keys) == (
        other_team
    )


def test_reviews_count_proposals_and_application_and_claim_papers(salesperson, clerk):
    from aftersales.models import ClaimDocument
    from underwriting.models import ApplicationDocument

    cust = f.customer(salesperson)
    pol = f.policy(cust, issued_on=LAST_MONTH.start - dt.timedelta(days=30))
    app = pol.application
    claim = f.claim(pol, reported_on=LAST_MONTH.start)
    when = f.local(LAST_MONTH.start.year, LAST_MONTH.start.month, 5)
    checked = {
        "status": "accepted",
        "authentic": True,
        "complete": True,
        "accurate": True,
        "checked_by": clerk,
        "checked_at": when,
        "uploaded_by": salesperson,
    }
    ApplicationDocument.objects.create(application=app, kind="id_copies", file="a.pdf", **checked)
    ApplicationDocument.objects.create(
        application=app, kind="id_copies", file="b.pdf", uploaded_by=salesperson
    )  # not checked yet
    ClaimDocument.objects.create(
        claim=claim,
        kind=ClaimDocument._meta.get_field("kind").choices[0][0],
        file="c.pdf",
        **checked,
    )
    ApplicationDocument.objects.create(
        application=app,
        kind="id_copies",
        file="d.pdf",
        **{**checked, "checked_at": when - dt.timedelta(days=40)},
    )  # another month
    # a proposal the clerk reviewed (and returned) this month
    opp = f.opportunity(cust)
    f.proposal(opp, status="returned", reviewed_at=when, passed=False)
    keys = ["proposals_reviewed", "documents_checked", "reviews_done"]
    Proposal = opp.proposals.model
    Proposal.objects.filter(opportunity=opp).update(reviewed_by=clerk)
    values = figures.figures(scope=Scope.person(clerk), period=LAST_MONTH, measures=keys)
    assert values == {"proposals_reviewed": 1, "documents_checked": 2, "reviews_done": 3}
    team = figures.figures(
        scope=Scope.team(salesperson.employee.team), period=LAST_MONTH, measures=keys
    )
    assert team == values
    assert figures.figures(scope=Scope.person(salesperson), period=LAST_MONTH, measures=keys) == {
        "proposals_reviewed": 0,
        "documents_checked": 0,
        "reviews_done": 0,
    }


def test_targets_many_is_targets_of_each_in_one_query(
    team_a, salesperson, supervisor, django_assert_num_queries
):
    f.target(team_a, LAST_MONTH.start, user=salesperson, premium="20000", new_policies=4)
    f.target(team_a, LAST_MONTH.start, premium="50000", new_policies=9, visits=30)
    half = (LAST_MONTH.start, LAST_MONTH.start + dt.timedelta(days=15))
    requests = [
        (Scope.person(salesperson), LAST_MONTH),
        (Scope.person(supervisor), LAST_MONTH),
        (Scope.team(team_a), LAST_MONTH),
        (Scope.company(), LAST_MONTH),
        (Scope.person(salesperson), half),
    ]
    expected = [figures.targets(scope=s, period=p) for s, p in requests]
    with django_assert_num_queries(1):
        assert figures.targets_many(requests) == expected
    assert expected[0] == {"premium": Decimal("20000.00"), "new_policies": 4}
    assert expected[1] == {}
    with django_assert_num_queries(0):
        assert figures.targets_many([]) == []
