"""Every figure of the statistics service against a small hand-computed fixture.

March 2026 is the period under test (February 2026 the previous one, March 2025 the same
month last year). Team A: salespeople P1 and P2; team B: P3. The comments give the sums.
"""

import datetime as dt
from decimal import Decimal

import pytest

from core.periods import PeriodKind, custom_period, period_containing
from reports import statistics as st
from reports.statistics import Scope, dimensions, engine, measures
from tests.reports import factories as f

MAR = (dt.date(2026, 3, 1), dt.date(2026, 4, 1))
FEB = (dt.date(2026, 2, 1), dt.date(2026, 3, 1))
MAR_LAST_YEAR = (dt.date(2025, 3, 1), dt.date(2025, 4, 1))
D = Decimal


@pytest.fixture
def world(db):
    return f.march_world()


def team(w, name="team_a"):
    return Scope.team(w[name])


def person(w, name):
    return Scope.person(w[name])


SALES_KEYS = [
    f.key
    for f in st.FIGURES
    if f.key
    not in {
        "renewal_rate",
        "lapses",
        "claims_reported",
        "claims_paid_amount",
        "follow_ups_done",
        "satisfaction",
        "complaints_opened",
        "complaints_closed",
    }
]


# --- scopes ------------------------------------------------------------------------------


def test_scope_keys_round_trip():
    for scope in (Scope.company(), Scope.team(3), Scope.person(12)):
        assert Scope.from_key(scope.key) == scope
    assert Scope.team(3).key == "team:3"
    assert Scope.person(12).key == "person:12"
    for bad in ("", "team", "team:", "team:x", "person:-1", "person:0", "company:1", "x:1", None):
        with pytest.raises(ValueError):
            Scope.from_key(bad)
    with pytest.raises(ValueError):
        Scope("team")


def test_scope_labels(world):
    assert Scope.team(world["team_a"]).label() == world["team_a"].name
    assert Scope.person(world["p1"]).label() == world["p1"].display_name
    assert Scope.company().label()


# --- the figures ---------------------------------------------------------------------------


def test_premium_income_first_year_vs_renewal(world):
    v = st.compute(team(world), *MAR)
    assert v["premium_first_year"] == D("12000.00")  # pol1; pol2 paid in April, pol3 refunded
    assert v["premium_renewal"] == D("8000.00")  # pol0's second year
    assert v["premium_total"] == D("20000.00")
    assert v["commission"] == D("3400.00")  # 3000 + 400
    p2 = st.compute(person(world, "p2"), *MAR)
    assert (p2["premium_first_year"], p2["premium_renewal"], p2["commission"]) == (
        D("0.00"),
        D("8000.00"),
        D("400.00"),
    )
    company = st.compute(Scope.company(), *MAR)
    assert company["premium_total"] == D("23000.00")
    assert company["commission"] == D("4150.00")


def test_new_policies_exclude_cooling_off_cancellations(world):
    v = st.compute(team(world), *MAR)
    assert v["new_policies"] == 2  # pol1 (1 March) and pol2 (31 March); pol3 cancelled
    assert v["new_policy_premium"] == D("18000.00")
    assert v["avg_premium"] == D("9000.00")
    assert st.compute(Scope.company(), *MAR)["avg_premium"] == D("7000.00")  # 21000 / 3
    assert st.compute(team(world), *FEB)["new_policies"] == 1


def test_visits_use_local_midnights(world):
    assert st.compute(person(world, "p1"), *MAR)["visits"] == 2
    assert st.compute(team(world), *MAR)["visits"] == 3
    assert st.compute(team(world), *FEB)["visits"] == 1
    day = period_containing(PeriodKind.DAY, dt.date(2026, 3, 1))
    assert st.compute(person(world, "p1"), day.start, day.end)["visits"] == 1


def test_leads_and_conversion(world):
    v = st.compute(team(world), *MAR)
    assert v["leads"] == 3  # the walk-in lead is local 1 April 00:10
    assert (v["opportunities_won"], v["opportunities_lost"]) == (1, 2)
    assert v["conversion_rate"] == D("0.3333")
    assert st.compute(person(world, "p1"), *MAR)["conversion_rate"] == D("0.5000")
    assert st.compute(person(world, "p2"), *MAR)["conversion_rate"] == D("0.0000")
    assert st.compute(person(world, "p3"), *MAR)["conversion_rate"] is None  # nothing closed


def test_proposals(world):
    v = st.compute(team(world), *MAR)
    assert v["proposals_submitted"] == 2  # the 28 Feb 23:00 one was February
    assert v["proposals_approved"] == 3  # approved, accepted, revised after a passed review


def test_applications_and_underwriting(world):
    v = st.compute(team(world), *MAR)
    assert v["applications_submitted"] == 3
    assert v["acceptance_rate"] == D("0.6667")  # 2 accepted of 3 decisions
    assert v["underwriting_days"] == D("8.0")  # (10 + 10 + 4) / 3
    assert st.compute(team(world, "team_b"), *MAR)["acceptance_rate"] is None


def test_targets_whole_month_team_person_company(world):
    assert st.targets(team(world), *MAR) == {
        "premium": D("30000.00"),
        "new_policies": 4,
        "visits": 10,
    }
    assert st.targets(person(world, "p1"), *MAR) == {
        "premium": D("15000.00"),
        "new_policies": 2,
        "visits": 6,
    }
    # team B has no team row: the sum of its members' targets
    assert st.targets(team(world, "team_b"), *MAR)["premium"] == D("5000.00")
    assert st.targets(Scope.company(), *MAR) == {
        "premium": D("35000.00"),
        "new_policies": 5,
        "visits": 12,
    }
    assert st.targets(team(world), *FEB) == {}


def test_targets_prorated_by_days(world):
    week = period_containing(PeriodKind.WEEK, dt.date(2026, 3, 4))  # 2–8 March
    t = st.targets(team(world), week.start, week.end)
    assert t["premium"] == D("6774.19")  # 30000 × 7/31
    assert t["visits"] == D("2.3")  # 10 × 7/31
    across = period_containing(PeriodKind.WEEK, dt.date(2026, 4, 1))  # 30 March – 5 April
    t = st.targets(team(world), across.start, across.end)
    assert t["premium"] == D("11935.48")  # 30000 × 2/31 + 60000 × 5/30


def test_summary_against_target_previous_and_last_year(world):
    rows = {r.key: r for r in st.summary(team(world), period_containing("month", MAR[0]))}
    fy = rows["premium_first_year"]
    assert (fy.value, fy.target, fy.completion) == (D("12000.00"), D("30000.00"), D("0.4000"))
    assert (fy.previous, fy.change) == (D("5000.00"), D("1.4000"))
    assert (fy.last_year, fy.change_last_year) == (D("8000.00"), D("0.5000"))
    assert rows["new_policies"].completion == D("0.5000")
    assert rows["visits"].completion == D("0.3000")
    assert rows["premium_renewal"].target is None
    assert rows["premium_renewal"].completion is None
    assert rows["premium_renewal"].change is None  # nothing the month before
    assert rows["visits"].change == D("2.0000")  # 3 vs 1
    assert rows["visits"].change_is_good is True
    assert [r.key for r in rows.values()] == [f.key for f in st.FIGURES]


def test_custom_period_summary(world):
    period = custom_period(dt.date(2026, 3, 1), dt.date(2026, 3, 15))
    rows = {r.key: r for r in st.summary(team(world), period, keys=["premium_first_year"])}
    assert list(rows) == ["premium_first_year"]
    assert rows["premium_first_year"].value == D("12000.00")
    assert rows["premium_first_year"].previous == D("5000.00")  # 14–28 February


def test_empty_range_is_refused(world):
    with pytest.raises(ValueError):
        st.compute(team(world), MAR[1], MAR[0])


# --- breakdowns ----------------------------------------------------------------------------


def test_breakdown_by_person_lists_every_salesperson(world):
    rows = {r["key"]: r for r in st.breakdown(team(world), *MAR, "person")}
    assert set(rows) == {world["p1"].pk, world["p2"].pk}
    p1 = rows[world["p1"].pk]
    assert p1["label"] == world["p1"].display_name
    assert (p1["premium_first_year"], p1["new_policies"], p1["visits"]) == (D("12000.00"), 1, 2)
    assert p1["conversion_rate"] == D("0.5000")
    assert rows[world["p2"].pk]["premium_renewal"] == D("8000.00")
    # the person figures add up to the team's
    total = st.compute(team(world), *MAR)
    assert sum(r["premium_total"] for r in rows.values()) == total["premium_total"]


def test_breakdown_by_team(world):
    rows = {r["key"]: r for r in st.breakdown(Scope.company(), *MAR, "team")}
    assert rows[world["team_a"].pk]["premium_total"] == D("20000.00")
    assert rows[world["team_b"].pk]["premium_total"] == D("3000.00")
    assert rows[world["team_b"].pk]["new_policies"] == 1


def test_breakdown_by_product_insurer_channel(world):
    by_product = {r["key"]: r for r in st.breakdown(Scope.company(), *MAR, "product")}
    assert by_product[world["x"].pk]["new_policies"] == 2  # pol1, pol4
    assert by_product[world["x"].pk]["premium_first_year"] == D("15000.00")
    assert by_product[world["y"].pk]["premium_renewal"] == D("8000.00")
    assert "visits" not in by_product[world["x"].pk]
    by_insurer = {r["key"]: r for r in st.breakdown(team(world), *MAR, "insurer")}
    assert by_insurer[world["i2"].pk]["new_policy_premium"] == D("6000.00")
    by_channel = {r["key"]: r for r in st.breakdown(team(world), *MAR, "channel")}
    assert by_channel["referral"]["leads"] == 1
    assert by_channel["referral"]["new_policies"] == 1
    assert by_channel["online"]["leads"] == 1
    assert by_channel["walk_in"]["leads"] == 0  # April; listed with a zero
    assert by_channel["telemarketing"]["opportunities_lost"] == 2
    assert sum(r["leads"] for r in by_channel.values()) == 3
    with pytest.raises(ValueError):
        st.breakdown(team(world), *MAR, "colour")


# --- trends --------------------------------------------------------------------------------


def test_trend_by_month(world):
    series = st.trend(team(world), PeriodKind.MONTH, n=13, ending=dt.date(2026, 3, 31))
    assert len(series) == 13
    assert series[0][0].label == "2025-03" and series[-1][0].label == "2026-03"
    by_label = {p.label: v for p, v in series}
    assert by_label["2026-03"]["premium_first_year"] == D("12000.00")
    assert by_label["2026-02"]["premium_first_year"] == D("5000.00")
    assert by_label["2025-03"]["premium_first_year"] == D("8000.00")
    assert by_label["2026-03"]["visits"] == 3
    assert by_label["2026-01"]["premium_total"] == D("0.00")


def test_trend_matches_compute(world):
    series = st.trend(team(world), PeriodKind.MONTH, n=2, ending=MAR[0], keys=None)
    assert series[-1][1] == st.compute(team(world), *MAR)
    assert series[0][1] == st.compute(team(world), *FEB)


def test_trend_iso_weeks_across_the_year_end(db):
    _team, _s, _c, (p,) = f.sales_team(members=1)
    c = f.customer(p)
    pol = f.policy(c, issued_on=dt.date(2025, 12, 29))
    f.premium(pol, amount="100", paid_on=dt.date(2025, 12, 28))  # Sunday: 2025-W52
    f.premium(pol, amount="200", paid_on=dt.date(2025, 12, 29), due_date=dt.date(2025, 12, 30))
    f.premium(pol, amount="300", paid_on=dt.date(2026, 1, 4), due_date=dt.date(2026, 1, 4))
    f.visit(c, starts_at=f.local(2025, 12, 29, 0, 15))  # Sunday 16:15 UTC: still W01
    f.visit(c, starts_at=f.local(2025, 12, 28, 23, 45))  # W52
    series = st.trend(Scope.person(p), PeriodKind.WEEK, n=2, ending=dt.date(2026, 1, 1))
    (w52, a), (w01, b) = series
    assert (w52.label, w01.label) == ("2025-W52", "2026-W01")
    assert (w01.start, w01.end) == (dt.date(2025, 12, 29), dt.date(2026, 1, 5))
    assert a["premium_total"] == D("100.00") and b["premium_total"] == D("500.00")
    assert a["visits"] == 1 and b["visits"] == 1
    assert b["new_policies"] == 1
    week = period_containing(PeriodKind.WEEK, dt.date(2026, 1, 1))
    assert st.compute(Scope.person(p), week.start, week.end)["premium_total"] == D("500.00")
    last_year = week.same_last_year()
    assert last_year.label == "2025-W01"


def test_trend_by_quarter_year_and_day(world):
    quarters = st.trend(team(world), PeriodKind.QUARTER, n=2, ending=MAR[0])
    assert quarters[-1][0].label == "2026-Q1"
    assert quarters[-1][1]["premium_first_year"] == D("17000.00")  # Feb 5000 + Mar 12000
    years = st.trend(team(world), PeriodKind.YEAR, n=2, ending=MAR[0])
    assert years[0][1]["premium_first_year"] == D("8000.00")
    days = st.trend(person(world, "p1"), PeriodKind.DAY, n=2, ending=dt.date(2026, 3, 1))
    assert [v["visits"] for _p, v in days] == [1, 1]  # 28 Feb 23:59 and 1 Mar 00:30


# --- the detail sheet --------------------------------------------------------------------------


def test_new_policy_rows(world):
    rows = list(st.new_policy_rows(team(world), *MAR))
    assert len(rows) == 2
    assert len(rows[0]) == len(st.NEW_POLICY_COLUMNS) == len(st.NEW_POLICY_UNITS)
    first = rows[0]
    assert first[0] == world["pol1"].policy_number
    assert first[1] == dt.date(2026, 3, 1)
    assert first[3] == world["c1"].name
    assert first[4] == world["p1"].display_name
    assert first[5] == world["team_a"].name
    assert first[6] == "甲保險" and first[7] == "安心壽"
    assert first[9] == D("12000.00")
    assert sum(r[9] for r in rows) == st.compute(team(world), *MAR)["new_policy_premium"]
    assert list(st.new_policy_rows(team(world, "team_b"), *FEB)) == []


# --- permissions -------------------------------------------------------------------------------


def test_scopes_visible_to_roles(personas, team_a, team_b):
    sp, sup, clerk = personas["salesperson"], personas["supervisor"], personas["clerk"]
    assert st.scopes_visible_to(sp) == [Scope.person(sp)]
    sup_scopes = st.scopes_visible_to(sup)
    assert sup_scopes[0] == Scope.team(team_a)
    assert Scope.person(sp) in sup_scopes and Scope.person(sup) in sup_scopes
    assert Scope.person(personas["other_salesperson"]) not in sup_scopes
    assert Scope.team(team_b) not in sup_scopes
    assert Scope.company() not in sup_scopes
    clerk_scopes = st.scopes_visible_to(clerk)
    assert Scope.team(team_a) in clerk_scopes and Scope.person(sp) in clerk_scopes
    manager_scopes = st.scopes_visible_to(personas["manager"])
    assert manager_scopes[0] == Scope.company()
    assert {Scope.team(team_a), Scope.team(team_b)} <= set(manager_scopes)
    assert st.scopes_visible_to(None) == []


def test_can_see_matches_scopes_visible_to(personas, team_a, team_b):
    staff = [u for n, u in personas.items() if n not in ("anonymous", "superuser")]
    candidates = [
        Scope.company(),
        Scope.team(team_a),
        Scope.team(team_b),
        *(Scope.person(u) for u in staff),
    ]
    for name, user in personas.items():
        if user is None:
            continue
        visible = set(st.scopes_visible_to(user))
        for scope in candidates:
            assert st.can_see(user, scope) == (scope in visible), (name, scope)
    assert st.can_see(personas["salesperson"], Scope.person(personas["other_salesperson"])) is False
    assert st.can_see(personas["supervisor"], Scope.person(personas["salesperson"])) is True
    assert st.can_see(None, Scope.company()) is False


# --- query counts ------------------------------------------------------------------------------


def _grow(w, n):
    """``n`` more records of every kind for each salesperson of team A."""
    for cust in (w["c1"], w["c2"]):
        for i in range(n):
            day = dt.date(2026, 3, 1 + i % 28)
            pol = f.policy(cust, issued_on=day, annual_premium="1000")
            f.premium(pol, amount="1000", paid_on=day)
            f.visit(cust, starts_at=f.local(2026, 3, 1 + i % 28))
            f.opportunity(cust, stage="won", created=f.local(2026, 3, 2), channel="online")


def _count(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow(world, django_assert_num_queries):
    scope = team(world)
    calls = {
        # Every measure in one statement; the summary's three periods too, plus the targets;
        # the breakdown's labels and members listed; the trend's twelve periods.
        "compute": (lambda: st.compute(scope, *MAR), 1),
        "summary": (lambda: st.summary(scope, period_containing("month", MAR[0])), 2),
        "breakdown": (lambda: st.breakdown(scope, *MAR, "person"), 3),
        "trend": (lambda: st.trend(scope, PeriodKind.MONTH, ending=MAR[0], keys=None), 1),
    }
    before = {}
    for name, (fn, expected) in calls.items():
        with django_assert_num_queries(expected):
            fn()
        before[name] = expected
    _grow(world, 10)
    for name, (fn, _expected) in calls.items():
        assert _count(fn) == before[name], name


def _one_query_per_measure(scope, start, end):
    """The figures as Django's aggregate() computes them, one query per measure."""
    raw = {}
    for measure in st.MEASURES:
        qs = engine._queryset(measure, scope, start, end)
        raw.update(qs.aggregate(**measure.aggregates()))
    return engine._finish(raw)


def test_one_statement_equals_aggregate_per_measure(aftersales, monkeypatch):
    """compute_many's UNION ALL gives exactly aggregate()'s values (types and rounding too),
    for every scope and period, in one statement or in several (chunked)."""
    scopes = [
        Scope.company(),
        team(aftersales),
        team(aftersales, "team_b"),
        person(aftersales, "p1"),
        person(aftersales, "p3"),
    ]
    requests = [(scope, *rng) for scope in scopes for rng in (MAR, FEB, MAR_LAST_YEAR)]
    expected = [_one_query_per_measure(*request) for request in requests]
    assert any(v["premium_total"] for v in expected) and any(v["satisfaction"] for v in expected)
    branches = len(requests) * len(st.MEASURES)
    assert _count(lambda: st.compute_many(requests[:3])) == 1
    statements = -(-branches // engine._BRANCHES_PER_STATEMENT)
    assert _count(lambda: st.compute_many(requests)) == statements
    assert st.compute_many(requests) == expected
    for got, want in zip(st.compute_many(requests), expected, strict=True):
        assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in want.items()}
    # The chunk size is read by the engine module of the statistics package.
    monkeypatch.setattr(engine, "_BRANCHES_PER_STATEMENT", 7)
    assert _count(lambda: st.compute_many(requests)) == -(-branches // 7)
    assert st.compute_many(requests) == expected


def test_one_statement_with_branches_that_have_no_rows(world, monkeypatch):
    """A person with no records gets zeros; a branch Django knows to be empty before any SQL
    (``EmptyResultSet``) is left out of the statement and counts as no rows."""
    nobody = Scope.person(999_999)
    values = st.compute(nobody, *MAR)
    assert values["new_policies"] == 0 and values["premium_total"] == D("0.00")
    assert values["conversion_rate"] is None and values["satisfaction"] is None

    real = engine._queryset

    def no_policies(measure, scope, start, end):
        qs = real(measure, scope, start, end)
        return qs.none() if measure.name == "policies" else qs

    monkeypatch.setattr(engine, "_queryset", no_policies)
    values = st.compute(team(world), *MAR)
    assert values["new_policies"] == 0 and values["avg_premium"] is None
    assert values["premium_total"] == _one_query_per_measure(team(world), *MAR)["premium_total"]


def _breakdown_one_query_per_measure(scope, start, end, by):
    """A breakdown as one grouped query per measure computes it (Django's values/annotate)."""
    raw, present = {}, set()
    for measure in st.MEASURES:
        if not measure.path(by):
            continue
        group = dimensions._dimension(measure, by)
        present.update(measures._raw_keys(measure))
        rows = engine._queryset(measure, scope, start, end).values(group)
        for row in rows.annotate(**measure.aggregates()).order_by():
            ident = row.pop(group)
            if ident is not None:
                raw.setdefault(ident, {}).update(row)
    return dimensions._breakdown_rows(scope, by, raw, present, None)


def test_all_breakdowns_in_one_statement_equal_one_query_per_measure(aftersales):
    """Counts and sums grouped once by every dimension and added up per dimension, averages
    grouped per dimension: the same rows as a grouped query per measure and dimension."""
    for scope in (Scope.company(), team(aftersales), person(aftersales, "p1")):
        for rng in (MAR, FEB):
            expected = {
                by: _breakdown_one_query_per_measure(scope, *rng, by) for by in st.BREAKDOWNS
            }
            got = st.breakdowns(scope, *rng)
            assert got == expected, (scope, rng)
            assert {by: st.breakdown(scope, *rng, by) for by in st.BREAKDOWNS} == expected
    rows = st.breakdowns(team(aftersales), *MAR)
    assert any(r["satisfaction"] is not None for r in rows["person"])  # an average, per person
    assert any(r["premium_total"] for r in rows["channel"])
    # One statement for the figures, then the labels of people, teams, products and insurers
    # (a channel's come from its choices) and the team's members (always listed).
    assert _count(lambda: st.breakdowns(team(aftersales), *MAR)) == 6


# --- after-sales figures ---------------------------------------------------------------------


@pytest.fixture
def aftersales(world):
    pol0, pol1, pol2, pol5 = (world[k] for k in ("pol0", "pol1", "pol2", "pol5"))
    f.renewal(pol0, due_date=dt.date(2026, 3, 20), outcome="paid")
    f.renewal(pol1, due_date=dt.date(2026, 3, 25), outcome="lapsed")
    f.renewal(pol5, due_date=dt.date(2026, 3, 31), outcome="renewed", kind="expiry")
    f.renewal(pol2, due_date=dt.date(2026, 3, 28), outcome="pending")  # undecided
    f.renewal(pol2, due_date=dt.date(2026, 4, 1), outcome="lapsed")  # April
    f.claim(pol1, reported_on=dt.date(2026, 3, 2))
    f.claim(
        pol0,
        reported_on=dt.date(2026, 2, 25),
        status="paid",
        amount_paid="7000.50",
        paid_on=dt.date(2026, 3, 10),
    )
    f.claim(
        pol2,
        reported_on=dt.date(2026, 3, 31),
        status="paid",
        amount_paid="100",
        paid_on=dt.date(2026, 4, 2),
    )
    done = "done"
    f.follow_up(
        pol1, due_date=MAR[0], status=done, completed_on=dt.date(2026, 3, 5), satisfaction=5
    )
    f.follow_up(
        pol2, due_date=MAR[0], status=done, completed_on=dt.date(2026, 3, 31), satisfaction=4
    )
    f.follow_up(pol0, due_date=MAR[0], status=done, completed_on=dt.date(2026, 3, 10))
    f.follow_up(pol5, due_date=MAR[0])  # scheduled
    f.follow_up(
        pol5, due_date=FEB[0], status=done, completed_on=dt.date(2026, 2, 27), satisfaction=1
    )
    c1, c2 = world["c1"], world["c2"]
    f.complaint(c1, received_on=dt.date(2026, 3, 3))
    f.complaint(
        c2, received_on=dt.date(2026, 2, 10), status="closed", closed_on=dt.date(2026, 3, 12)
    )
    f.complaint(
        c1, received_on=dt.date(2026, 3, 30), status="closed", closed_on=dt.date(2026, 3, 31)
    )
    return world


def test_renewals_and_lapses(aftersales):
    v = st.compute(team(aftersales), *MAR)
    assert v["renewal_rate"] == D("0.6667")  # paid + renewed of 3 decided
    assert v["lapses"] == 1
    assert st.compute(person(aftersales, "p2"), *MAR)["renewal_rate"] == D("1.0000")
    assert st.compute(team(aftersales, "team_b"), *MAR)["renewal_rate"] is None


def test_claims(aftersales):
    v = st.compute(team(aftersales), *MAR)
    assert v["claims_reported"] == 2
    assert v["claims_paid_amount"] == D("7000.50")


def test_follow_ups_and_satisfaction(aftersales):
    v = st.compute(team(aftersales), *MAR)
    assert v["follow_ups_done"] == 3
    assert v["satisfaction"] == D("4.50")  # the unscored one is left out
    assert st.compute(team(aftersales), *FEB)["satisfaction"] == D("1.00")
    assert st.compute(team(aftersales, "team_b"), *MAR)["satisfaction"] is None


def test_complaints(aftersales):
    v = st.compute(team(aftersales), *MAR)
    assert (v["complaints_opened"], v["complaints_closed"]) == (2, 2)
    assert st.compute(person(aftersales, "p1"), *MAR)["complaints_opened"] == 2


def test_aftersales_breakdowns_and_trend(aftersales):
    rows = {r["key"]: r for r in st.breakdown(team(aftersales), *MAR, "person")}
    p1, p2 = rows[aftersales["p1"].pk], rows[aftersales["p2"].pk]
    assert (p1["lapses"], p1["satisfaction"], p1["complaints_opened"]) == (1, D("5.00"), 2)
    assert p2["claims_paid_amount"] == D("7000.50")
    assert p2["satisfaction"] == D("4.00")
    by_product = {r["key"]: r for r in st.breakdown(team(aftersales), *MAR, "product")}
    assert by_product[aftersales["y"].pk]["claims_paid_amount"] == D("7000.50")
    series = st.trend(team(aftersales), PeriodKind.MONTH, n=2, ending=MAR[0], keys=None)
    assert series[-1][1] == st.compute(team(aftersales), *MAR)
    assert series[0][1]["satisfaction"] == D("1.00")
