"""Template filters every page uses: money, percentages, dates, badges."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.templatetags.core_tags import badge, field_value, money, overdue_badge, pct, ymd

LANGUAGES = ["zh-hant", "zh-hans", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.56"), "¥1,234.56"),
        (Decimal("-5"), "-¥5.00"),
        (Decimal("1234567.891"), "¥1,234,567.89"),
        (Decimal("2.345"), "¥2.35"),  # ROUND_HALF_UP, not banker's rounding
        (Decimal("2.335"), "¥2.34"),
        (Decimal("-0.005"), "-¥0.01"),
        (0, "¥0.00"),
        (12, "¥12.00"),
        ("99.9", "¥99.90"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_money(language, value, shown):
    with translation.override(language):
        assert money(value) == shown


def test_money_leaves_non_numbers_alone():
    assert money("n/a") == "n/a"


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (Decimal("0.123"), 1, "12.3%"),
        (Decimal("0.0789"), 1, "7.9%"),  # rounded half up, not cut off
        (Decimal("0.12345"), 2, "12.35%"),
        (Decimal("-0.0789"), 1, "-7.9%"),
        (0.5, 1, "50.0%"),
        (Decimal("1.2345"), 2, "123.45%"),
        (Decimal("12.5"), 0, "1,250%"),
        (0, 1, "0.0%"),
        (None, 1, "—"),
    ],
)
def test_pct(value, digits, shown):
    with translation.override("zh-hant"):
        assert pct(value, digits) == shown


def test_filters_in_a_template():
    html = Template("{{ a|money }} {{ b|pct }} {{ b|pct:2 }}").render(
        Context({"a": Decimal("-1234.5"), "b": Decimal("0.0789")})
    )
    assert html == "-¥1,234.50 7.9% 7.89%"


def test_ymd_in_the_company_time_zone():
    moment = dt.datetime(2026, 1, 31, 17, 5, tzinfo=dt.UTC)
    assert ymd(moment) == "2026-02-01 01:05"
    assert ymd(dt.date(2026, 3, 4)) == "2026-03-04"
    assert ymd(None) == "—"


def test_badge_pairs_colour_with_words():
    assert badge("Overdue", "danger") == '<span class="badge text-bg-danger">Overdue</span>'
    assert badge("<b>", "info") == '<span class="badge text-bg-info">&lt;b&gt;</span>'
    assert overdue_badge(0) == ""
    with translation.override("en"):
        assert "3 days overdue" in overdue_badge(3)


@pytest.mark.django_db
def test_field_value(salesperson):
    employee = salesperson.employee
    with translation.override("en"):
        assert field_value(employee, "position") == "Salesperson"
        assert field_value(employee, "hire_date") == "2020-01-01"
        assert field_value(employee, "mobile") == "—"
        assert field_value(employee.team, "active") == "Yes"
