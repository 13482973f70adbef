"""The computed results items (appraisal.computed): the figures of the one source, to the cent
what the dashboard and the report show, with their working, in a bounded number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from aftersales.models import FollowUp
from appraisal import computed
from appraisal.computed import COMPUTED, Computed, compute_many, items_for
from core import figures, periods
from core.figures import Scope
from core.roles import Role
from customers import services as customer_services
from customers.models import Customer
from reports import services as report_services
from tests.customers.factories import make_customer
from tests.factories import make_employee
from tests.reports import factories as f
from tests.reports.report_data import LAST_MONTH, day_in, sell
from tests.underwriting.factories import accept_all, make_application, upload_required
from underwriting.models import ApplicationDocument

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def month_of_sales(team_a, salesperson, other_salesperson):
    """The salesperson's month: 12000.50 + 3000.25 first-year premium (two new policies),
    800.10 renewal premium; a refunded premium of a policy cancelled in the cooling-off period
    and an unpaid premium that do not count; another team's sale that is not theirs. Target:
    20000 premium, 4 new policies."""
    day = day_in(LAST_MONTH)
    sell(salesperson, day, "12000.50")
    sell(salesperson, day, "3000.25")
    cust = f.customer(salesperson)
    old = f.policy(cust, issued_on=LAST_MONTH.start - dt.timedelta(days=400))
    f.premium(old, amount="800.10", paid_on=day, kind="renewal")
    f.premium(old, amount="800.10", paid_on=None, kind="renewal", due_date=day + dt.timedelta(1))
    cancelled = f.policy(cust, issued_on=day, annual_premium="5000", status="cancelled")
    f.premium(cancelled, amount="5000", paid_on=day, refunded=True)
    sell(other_salesperson, day, "999.99")
    # outside the month: the month before and the month after
    sell(salesperson, LAST_MONTH.start - dt.timedelta(days=1), "7777.77")
    sell(salesperson, LAST_MONTH.end, "6666.66")
    return f.target(
        team_a, LAST_MONTH.start, user=salesperson, premium="20000", new_policies=4, visits=5
    )


def test_registry_describes_every_item():
    assert list(COMPUTED) == [
        "premium_vs_target",
        "new_policies_vs_target",
        "profit_contribution",
        "files_completed",
        "reviews_done",
        "followups_on_time",
    ]
    assert COMPUTED["premium_vs_target"].has_target
    assert COMPUTED["new_policies_vs_target"].has_target
    assert not COMPUTED["profit_contribution"].has_target
    assert [i.code for i in items_for(Role.SALESPERSON)] == [
        "premium_vs_target",
        "new_policies_vs_target",
        "profit_contribution",
    ]
    assert [i.code for i in items_for(Role.CLERK)] == [
        "files_completed",
        "reviews_done",
        "followups_on_time",
    ]
    known = {m.key for m in figures.measures()}
    for item in COMPUTED.values():
        assert item.measure in known and set(item.context_measures) <= known
        assert item.unit in ("money", "count", "percent")
    # every label is translated
    assert [code for code, _label in computed.CHOICES] == list(COMPUTED)
    english = [str(item.label) for item in COMPUTED.values()]
    with translation.override("zh-hant"):
        chinese = [str(item.label) for item in COMPUTED.values()]
    assert all(zh != en for zh, en in zip(chinese, english, strict=True))


def test_premium_and_new_policies_vs_target_with_working(month_of_sales, salesperson):
    employee = salesperson.employee
    premium = compute_many("premium_vs_target", [employee], LAST_MONTH.start, LAST_MONTH.end)[
        employee.pk
    ]
    # 12000.50 + 3000.25 = 15000.75 first-year premium; 15000.75 / 20000 × 100 = 75.00375 %
    assert premium.actual == D("15000.75")
    assert premium.target == D("20000.00")
    assert premium.achievement == D("75.00375")
    first, last = LAST_MONTH.start.isoformat(), LAST_MONTH.last_day.isoformat()
    assert premium.working[0] == f"Premium income vs target, {first} – {last}: ¥15,000.75"
    assert "renewal premium included: ¥15,800.85" in premium.working[2]
    assert premium.working[-2] == "Target for the period: ¥20,000.00"
    assert premium.working[-1] == "Achievement: ¥15,000.75 ÷ ¥20,000.00 × 100 = ≈75.00%"
    assert premium.reason == ""

    policies = compute_many("new_policies_vs_target", [employee], LAST_MONTH.start, LAST_MONTH.end)[
        employee.pk
    ]
    # two policies issued (the cancelled one is no sale) of a target of 4: 50 %
    assert (policies.actual, policies.target, policies.achievement) == (2, 4, D(50))
    assert policies.working[-1] == "Achievement: 2 ÷ 4 × 100 = 50.00%"


def test_same_numbers_as_the_dashboard_and_the_report(
    month_of_sales, client, salesperson, supervisor, clerk
):
    """What the appraisal computes is what the person's dashboard and monthly report show for
    the same month, to the cent."""
    employee = salesperson.employee
    premium = compute_many("premium_vs_target", [employee], LAST_MONTH.start, LAST_MONTH.end)
    policies = compute_many("new_policies_vs_target", [employee], LAST_MONTH.start, LAST_MONTH.end)
    profit = compute_many("profit_contribution", [employee], LAST_MONTH.start, LAST_MONTH.end)

    client.force_login(supervisor)
    dashboard = client.get(
        reverse("reports:dashboard_person", args=[salesperson.pk]),
        {"on": LAST_MONTH.last_day.isoformat()},
    )
    assert dashboard.status_code == 200
    kpis = {row.key: row.value for row in dashboard.context["key_figures"]}
    assert premium[employee.pk].actual == kpis["premium_first_year"] == D("15000.75")
    assert policies[employee.pk].actual == kpis["new_policies"] == 2

    snapshot = report_services.snapshot_request(
        scope=Scope.person(salesperson), period=LAST_MONTH, actor=clerk
    )
    snapshot = report_services.snapshot_generate(
        snapshot_id=snapshot.pk, generation=snapshot.generation
    )
    stored = {row["key"]: row for row in snapshot.figures["summary"]}
    assert str(premium[employee.pk].actual) == stored["premium_first_year"]["value"]
    assert str(premium[employee.pk].target) == stored["premium_first_year"]["target"]
    assert policies[employee.pk].actual == stored["new_policies"]["value"]
    # profit contribution: the stored commissions of the premiums paid (25 %, as the factory
    # stores them): 3000.12 (of 12000.50) + 750.06 (of 3000.25) + 200.02 (of 800.10) = 3950.20
    assert profit[employee.pk].actual == D("3950.20")
    assert str(profit[employee.pk].actual) == stored["commission"]["value"]
    # and the targets page's lines (core.figures.against_targets)
    lines = {
        line.target_key: line
        for line in figures.against_targets(scope=Scope.person(salesperson), period=LAST_MONTH)
    }
    assert lines["premium"].actual == premium[employee.pk].actual
    assert lines["premium"].target == premium[employee.pk].target


def test_no_sales_target_gives_no_achievement_and_says_why(team_a, salesperson):
    employee = salesperson.employee
    sell(salesperson, day_in(LAST_MONTH), "1000.00")
    result = compute_many("premium_vs_target", [employee], LAST_MONTH.start, LAST_MONTH.end)[
        employee.pk
    ]
    assert result == Computed(
        D("1000.00"),
        None,
        None,
        result.working,
        "No sales target is set for the period: no achievement.",
    )
    assert result.working[-1] == result.reason


def test_profit_contribution_against_the_templates_target(team_a, salesperson):
    employee = salesperson.employee
    sell(salesperson, day_in(LAST_MONTH), "8000.00")  # commission 25 %: 2000.00
    start, end = LAST_MONTH.start, LAST_MONTH.end
    none = compute_many("profit_contribution", [employee], start, end)[employee.pk]
    assert none.actual == D("2000.00") and none.achievement is None
    assert none.reason == "The appraisal template gives no target for this item: no achievement."
    # one target for everyone, or one per employee: 2000 / 2500 × 100 = 80
    given = compute_many("profit_contribution", [employee], start, end, targets=D(2500))
    assert given[employee.pk].achievement == D(80)
    mapped = compute_many(
        "profit_contribution", [employee], start, end, targets={employee.pk: "1600"}
    )
    assert mapped[employee.pk].achievement == D(125)
    assert mapped[employee.pk].working[-1] == "Achievement: ¥2,000.00 ÷ ¥1,600.00 × 100 = 125.00%"
    zero = compute_many("profit_contribution", [employee], start, end, targets=0)
    assert zero[employee.pk].achievement is None
    assert "above zero" in zero[employee.pk].reason


# -- clerks --------------------------------------------------------------------------------


THIS_MONTH = periods.period_containing("month", periods.today())


def test_files_completed_counts_the_edit_that_completed_a_file(team_a, salesperson, clerk):
    employee = clerk.employee
    # A prospect is complete with name, mobile, gender, birth date, channel, city, occupation.
    missing = {
        "gender": Customer.Gender.FEMALE,
        "birth_date": dt.date(1990, 1, 1),
        "source_channel": Customer.Channel.REFERRAL,
        "city": "北京市",
    }
    done = make_customer(salesperson, occupation="教師")
    customer_services.customer_update(actor=clerk, customer=done, **missing)  # 100 %: counts
    customer_services.customer_update(actor=clerk, customer=done, notes="已核對")  # still 100
    partial = make_customer(salesperson)
    customer_services.customer_update(actor=clerk, customer=partial, gender="male")  # < 100
    by_salesperson = make_customer(salesperson, occupation="律師")
    customer_services.customer_update(actor=salesperson, customer=by_salesperson, **missing)
    opened_complete = make_customer(salesperson, actor=clerk, occupation="醫生", **missing)
    assert Customer.objects.get(pk=done.pk).completeness == 100
    assert Customer.objects.get(pk=opened_complete.pk).completeness == 100

    result = compute_many("files_completed", [employee], THIS_MONTH.start, THIS_MONTH.end)
    assert result[employee.pk].actual == 2  # completed by an edit, and opened complete
    assert result[employee.pk].reason.startswith("The appraisal template gives no target")
    with_target = compute_many(
        "files_completed", [employee], THIS_MONTH.start, THIS_MONTH.end, targets=8
    )
    assert with_target[employee.pk].achievement == D(25)  # 2 / 8 × 100

    # only the period: the completing edit moved to last month no longer counts this month
    history = Customer.history.model
    row = history.objects.filter(id=done.pk, completeness=100).order_by("history_id").first()
    history.objects.filter(pk=row.pk).update(
        history_date=f.local(LAST_MONTH.start.year, LAST_MONTH.start.month, 10)
    )
    after = compute_many("files_completed", [employee], THIS_MONTH.start, THIS_MONTH.end)
    assert after[employee.pk].actual == 1
    # the salesperson completed theirs: it counts for them
    theirs = compute_many(
        "files_completed", [salesperson.employee], THIS_MONTH.start, THIS_MONTH.end
    )
    assert theirs[salesperson.employee.pk].actual == 1


def test_reviews_done_counts_proposals_reviewed_and_documents_checked(team_a, salesperson, clerk):
    employee = clerk.employee
    # the clerk reviews the proposal (compliant, reasonable, feasible), then checks the papers
    application = make_application(salesperson=salesperson, clerk=clerk)
    documents = upload_required(application, salesperson)
    accept_all(application, clerk)
    checked = ApplicationDocument.objects.filter(application=application, checked_by=clerk)
    assert checked.count() == len(documents) > 0
    assert application.proposal.reviewed_by == clerk
    result = compute_many("reviews_done", [employee], THIS_MONTH.start, THIS_MONTH.end)
    assert result[employee.pk].actual == 1 + len(documents)
    assert (
        f"Proposals reviewed: 1; documents checked: {len(documents)}."
        in result[employee.pk].working
    )
    # a check last month is not this month's
    ApplicationDocument.objects.filter(pk=next(iter(documents.values())).pk).update(
        checked_at=f.local(LAST_MONTH.start.year, LAST_MONTH.start.month, 10)
    )
    result = compute_many("reviews_done", [employee], THIS_MONTH.start, THIS_MONTH.end)
    assert result[employee.pk].actual == len(documents)
    # the salesperson reviewed nothing
    theirs = compute_many("reviews_done", [salesperson.employee], THIS_MONTH.start, THIS_MONTH.end)
    assert theirs[salesperson.employee.pk].actual == 0


def test_follow_ups_on_time_is_the_share_done_by_the_due_date(team_a, salesperson, clerk):
    employee = clerk.employee
    start, end = LAST_MONTH.start, LAST_MONTH.end
    pol = f.policy(f.customer(salesperson), issued_on=start - dt.timedelta(days=30))
    due = start + dt.timedelta(days=9)
    done = FollowUp.Status.DONE
    f.follow_up(pol, due_date=due, status=done, completed_on=due)  # on the day: on time
    f.follow_up(pol, due_date=due, status=done, completed_on=due - dt.timedelta(days=2))
    f.follow_up(pol, due_date=due, status=done, completed_on=due + dt.timedelta(days=1))  # late
    f.follow_up(pol, due_date=due)  # not done
    f.follow_up(pol, due_date=due, status=FollowUp.Status.CANCELLED)  # not counted
    f.follow_up(pol, due_date=end, status=done, completed_on=end)  # due next month
    result = compute_many("followups_on_time", [employee], start, end)[employee.pk]
    # 2 on time of 4 due = 50 %: the share is the achievement
    assert result.actual == D("50.00")
    assert result.achievement == D("50.00")
    assert result.target is None
    assert "Follow-ups due: 4; done by their due date: 2." in result.working
    assert result.working[-1] == "Achievement: the share itself, 50.00%."
    # against a target share of 80 %: 50 / 80 × 100 = 62.5
    against = compute_many("followups_on_time", [employee], start, end, targets=80)
    assert against[employee.pk].achievement == D("62.5")
    # nothing due: no share
    other = make_employee(Role.CLERK, team=team_a)
    nothing = compute_many("followups_on_time", [other.employee], start, end)
    assert nothing[other.employee.pk].actual is None
    assert nothing[other.employee.pk].reason == (
        "No follow-up was due in the period: no share, no achievement."
    )


def test_working_is_translated(month_of_sales, salesperson):
    employee = salesperson.employee
    with translation.override("zh-hant"):
        result = compute_many("premium_vs_target", [employee], LAST_MONTH.start, LAST_MONTH.end)
    assert result[employee.pk].working[-1].startswith("達成率")


# -- queries -------------------------------------------------------------------------------


def _people(team, count, position):
    return [make_employee(position, team=team).employee for _i in range(count)]


@pytest.mark.parametrize(
    ("code", "position", "queries"),
    [
        # the figures statement and the sales targets
        ("premium_vs_target", Role.SALESPERSON, 2),
        ("new_policies_vs_target", Role.SALESPERSON, 2),
        # the figures statement only
        ("profit_contribution", Role.SALESPERSON, 1),
        ("files_completed", Role.CLERK, 1),
        ("reviews_done", Role.CLERK, 1),
        ("followups_on_time", Role.CLERK, 1),
    ],
)
def test_queries_do_not_grow_with_the_people(
    team_a, code, position, queries, django_assert_num_queries
):
    few = _people(team_a, 2, position)
    many = _people(team_a, 20, position)
    for person in many[:5]:
        sell(person.user, day_in(LAST_MONTH), "100.00")
        f.target(team_a, LAST_MONTH.start, user=person.user, premium="1000", new_policies=2)
    with django_assert_num_queries(queries):
        assert len(compute_many(code, few, LAST_MONTH.start, LAST_MONTH.end)) == 2
    with django_assert_num_queries(queries):
        result = compute_many(code, many, LAST_MONTH.start, LAST_MONTH.end)
    assert len(result) == 20
    if code == "premium_vs_target":
        assert result[many[0].pk].achievement == D(10)  # 100 / 1000 × 100
        assert result[many[10].pk].reason  # no target


def test_the_figures_are_one_statement(team_a):
    people = _people(team_a, 3, Role.SALESPERSON)
    with CaptureQueriesContext(connection) as captured:
        compute_many("premium_vs_target", people, LAST_MONTH.start, LAST_MONTH.end)
    assert sum("UNION ALL" in q["sql"] for q in captured.captured_queries) == 1


def test_no_people_no_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert compute_many("premium_vs_target", [], LAST_MONTH.start, LAST_MONTH.end) == {}


def test_unknown_code():
    with pytest.raises(KeyError):
        compute_many("charm", [], LAST_MONTH.start, LAST_MONTH.end)
