"""The pay tables: picked by effective date, loaded from the PRC data, kept by HR with
history; the pages' query counts."""

import datetime as dt
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.roles import Role
from payroll import calc, selectors
from payroll.models import ContributionBase, TaxBracket, TaxTable
from tests.factories import make_employee

from .factories import (
    make_additional_standard,
    make_base,
    make_claim,
    make_policy,
    make_standard_deduction,
    make_tax_table,
)

pytestmark = pytest.mark.django_db


def test_the_table_in_force_is_picked_by_its_effective_date():
    make_tax_table(effective_from=dt.date(2019, 1, 1))
    # a later (hypothetical) table: 5% up to 40,000
    make_tax_table(
        effective_from=dt.date(2027, 1, 1),
        brackets=[(D("40000"), D("5"), D("0")), (None, D("10"), D("2000"))],
    )
    assert selectors.tax_table_on("annual", dt.date(2026, 12, 31)).brackets[0].rate == D("0.03")
    assert selectors.tax_table_on("annual", dt.date(2027, 1, 1)).brackets[0].rate == D("0.05")
    with pytest.raises(ValidationError):
        selectors.tax_table_on("annual", dt.date(2018, 12, 31))
    with pytest.raises(ValidationError):
        selectors.tax_table_on("monthly", dt.date(2026, 1, 1))


def test_an_incomplete_table_is_refused_with_a_message():
    table = make_tax_table(brackets=[(D("36000"), D("3"), D("0"))])
    with pytest.raises(ValidationError, match=str(table.effective_from.year)):
        selectors.tax_table_on("annual", dt.date(2026, 1, 1))


def test_deductions_and_policies_by_date():
    make_standard_deduction()
    make_additional_standard("children_education", D("1000"), dt.date(2019, 1, 1))
    make_additional_standard("children_education", D("2000"), dt.date(2023, 1, 1))
    make_additional_standard("elderly_support", D("2000"), dt.date(2019, 1, 1))
    make_policy(effective_from=dt.date(2024, 7, 1), social_floor=D("7384"), social_cap=D("36921"))
    make_policy(effective_from=dt.date(2025, 7, 1))
    assert selectors.standard_deduction_on(dt.date(2026, 1, 1)) == D("5000")
    assert selectors.additional_standards_on(dt.date(2022, 12, 31)) == {
        "children_education": D("1000"),
        "elderly_support": D("2000"),
    }
    assert selectors.additional_standards_on(dt.date(2023, 1, 1))["children_education"] == D("2000")
    assert selectors.contribution_policy_on("上海", dt.date(2025, 6, 30)).social_floor == D("7384")
    july = selectors.contribution_policy_on("上海", dt.date(2025, 7, 1))
    assert (july.social_floor, july.housing_rounding) == (D("7460"), "yuan")
    assert {s.scheme: s.employer_rate for s in july.schemes}["pension"] == D("0.16")
    with pytest.raises(ValidationError):
        selectors.contribution_policy_on("北京", dt.date(2026, 1, 1))


def test_stored_tables_feed_the_calculations(hr):
    # The salesperson's base 5,000 is under the 2025 floor: 7,460 × 8% = 596.80 pension, as
    # worked in tests/payroll/test_calc.py; the housing fund 5,000 × 7% = 350.
    employee = make_employee(Role.SALESPERSON).employee
    make_policy()
    base = make_base(employee, base=D("5000"))
    policy = selectors.contribution_policy_on(base.city, dt.date(2026, 1, 31))
    result = calc.contributions(policy, base.base)
    assert result.scheme("pension").employee == D("596.80")
    assert result.employee_total == D("1133.30")
    # children's education declared from January, a housing loan for March only
    make_claim(employee, "children_education", D("2000"))
    make_claim(
        employee, "housing_loan_interest", D("1000"), dt.date(2026, 3, 5), dt.date(2026, 3, 20)
    )
    assert selectors.declared_deductions(employee, dt.date(2026, 2, 10)) == {
        "children_education": D("2000")
    }
    assert selectors.declared_deductions(employee, dt.date(2026, 3, 31)) == {
        "children_education": D("2000"),
        "housing_loan_interest": D("1000"),
    }


def test_loading_the_prc_tables_twice_adds_them_once():
    out = StringIO()
    call_command("load_pay_tables", stdout=out)
    call_command("load_pay_tables", stdout=out)
    assert out.getvalue().splitlines()[1] == "0 tables added"
    annual = selectors.tax_table_on("annual", dt.date(2026, 6, 1))
    monthly = selectors.tax_table_on("monthly", dt.date(2026, 6, 1))
    assert [b.quick_deduction for b in annual.brackets] == [
        D("0"),
        D("2520"),
        D("16920"),
        D("31920"),
        D("52920"),
        D("85920"),
        D("181920"),
    ]
    # the 36,000 / 36,001 bonus trap with the loaded monthly table
    assert calc.bonus_tax_separately(bonus=D("36001"), monthly_table=monthly)["bonus_tax"] == D(
        "3390.10"
    )
    assert selectors.standard_deduction_on(dt.date(2026, 6, 1)) == D("5000")
    assert selectors.additional_standards_on(dt.date(2026, 6, 1))["infant_care"] == D("2000")
    shanghai = selectors.contribution_policy_on("上海", dt.date(2026, 6, 1))
    assert (shanghai.social_floor, shanghai.social_cap) == (D("7460"), D("37302"))


def test_hr_edits_through_the_pages_with_history(personas, client_for):
    client = client_for(personas["hr"])
    table = make_tax_table()
    response = client.post(
        f"/payroll/tax-tables/{table.pk}/brackets/add/",
        {"upper_limit": "144000", "rate": "10", "quick_deduction": "2520"},
    )
    assert response.status_code == 302
    bracket = TaxBracket.objects.get(table=table, upper_limit=D("144000"))
    assert bracket.history.first().history_user == personas["hr"]
    # a second top bracket is refused next to the form, not a server error
    response = client.post(
        f"/payroll/tax-tables/{table.pk}/brackets/add/",
        {"upper_limit": "", "rate": "45", "quick_deduction": "181920"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    # a contribution base for an employee, picked by key
    employee = personas["salesperson"].employee
    response = client.post(
        "/payroll/contribution-bases/add/",
        {"employee": employee.pk, "year": "2026", "city": "上海", "base": "15000"},
    )
    assert response.status_code == 302
    base = ContributionBase.objects.get(employee=employee, year=2026)
    assert base.history.first().history_user == personas["hr"]
    response = client.post(
        f"/payroll/contribution-bases/{base.pk}/edit/",
        {"employee": employee.pk, "year": "2026", "city": "上海", "base": "16000"},
    )
    assert response.status_code == 302
    assert base.history.count() == 2
    # the same employee and year twice, a year out of range, a negative base: field errors
    response = client.post(
        "/payroll/contribution-bases/add/",
        {"employee": employee.pk, "year": "1999", "city": "上海", "base": "-1"},
    )
    assert set(response.context["form"].errors) >= {"year", "base"}


def test_a_floor_above_its_cap_is_refused(personas, client_for):
    response = client_for(personas["hr"]).post(
        "/payroll/contribution-policies/add/",
        {
            "city": "北京",
            "effective_from": "2026-07-01",
            "social_floor": "9000",
            "social_cap": "8000",
            "housing_floor": "2000",
            "housing_cap": "30000",
            "social_rounding": "cent",
            "housing_rounding": "yuan",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_policy_page_shows_the_floor_and_cap_amounts(personas, client_for):
    policy = make_policy()
    response = client_for(personas["manager"]).get(f"/payroll/contribution-policies/{policy.pk}/")
    # at the cap the employee pays 6,527.71 (worked in test_calc.py)
    assert response.context["examples"][1].employee_total == D("6527.71")
    assert "6,527.71" in response.content.decode()
    assert not response.context["rate_actions"]["change"]  # management reads only


def test_the_table_page_warns_of_an_incomplete_table(personas, client_for):
    table = make_tax_table(brackets=[(D("36000"), D("3"), D("0"))])
    response = client_for(personas["hr"]).get(f"/payroll/tax-tables/{table.pk}/")
    assert response.context["problem"]


def test_the_demo_seeds_tables_and_a_base_for_everyone():
    call_command("seed_demo", "--force", stdout=StringIO())
    from org.models import Employee

    assert ContributionBase.objects.count() == Employee.objects.count() > 0
    assert TaxTable.objects.filter(kind="annual").exists()
    call_command("seed_demo", "--force", stdout=StringIO())
    assert ContributionBase.objects.count() == Employee.objects.count()


# --- query counts ---------------------------------------------------------------------


def count_queries(client, url):
    cache.clear()
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def _add_bases(n, start_year):
    for i in range(n):
        make_base(make_employee(Role.SALESPERSON).employee, year=start_year + i % 3)


def _add_claims(n):
    for _i in range(n):
        make_claim(make_employee(Role.SALESPERSON).employee)


def _add_tables(n, start):
    for i in range(n):
        make_tax_table(effective_from=start.replace(year=start.year + i))


def _add_policies(n, start):
    for i in range(n):
        make_policy(city=f"城市{start}-{i}")


# session, user, the bell's count, the rows' count and the rows
LIST_QUERIES = 5


@pytest.mark.parametrize(
    ("url", "add"),
    [
        ("/payroll/contribution-bases/?per_page=50", _add_bases),
        ("/payroll/declared-deductions/?per_page=50", lambda n, _s: _add_claims(n)),
        ("/payroll/tax-tables/?per_page=50", lambda n, s: _add_tables(n, dt.date(s, 1, 1))),
        ("/payroll/contribution-policies/?per_page=50", _add_policies),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    url, add, personas, client_for, django_assert_num_queries
):
    client = client_for(personas["hr"])
    add(2, 2030)
    few, response = count_queries(client, url)
    assert len(response.context["table"].page) == 2
    add(28, 2040)
    many, response = count_queries(client, url)
    assert len(response.context["table"].page) == 30
    assert few == many
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
