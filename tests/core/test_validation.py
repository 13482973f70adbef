"""Model validation without needless queries (core.validation), with Django's outcomes."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import translation

from core.validation import Unsupported, evaluate
from customers.models import Customer
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "condition, values, expected",
    [
        (Q(a=1), {"a": 1}, True),
        (Q(a=1), {"a": 2}, False),
        (Q(a=1), {"a": None}, None),  # NULL = 1 is unknown
        (Q(a=None), {"a": None}, True),  # exact None is IS NULL
        (Q(a__isnull=False), {"a": 0}, True),
        (Q(a__lte=100), {"a": 100}, True),
        (Q(a__lt=100), {"a": 100}, False),
        (Q(a__gte=1) & Q(a__lte=3), {"a": 4}, False),
        (Q(a=False) | Q(b__isnull=False), {"a": True, "b": None}, False),
        (Q(a=False) | Q(b__isnull=False), {"a": True, "b": "2026-01-01"}, True),
        (~Q(a=""), {"a": ""}, False),
        (~Q(a=1), {"a": None}, None),  # NOT unknown is unknown
        (Q(a=1) | Q(b=1), {"a": None, "b": 1}, True),  # unknown OR true
        (Q(a=1) & Q(b=1), {"a": None, "b": 0}, False),  # unknown AND false
        (Q(a__in=[1, 2]), {"a": 3}, False),
        (Q(a__in=[1, None]), {"a": 3}, None),
    ],
)
def test_three_valued_evaluation(condition, values, expected):
    assert evaluate(condition, values) is expected


@pytest.mark.parametrize(
    "condition",
    [Q(a=F("b")), Q(a__startswith="x"), Q(c=1), Q(a__b__c=1)],
)
def test_what_needs_the_database_is_refused(condition):
    with pytest.raises(Unsupported):
        evaluate(condition, {"a": 1, "b": 2})


def test_check_constraints_fail_with_their_message_and_no_query(
    salesperson, django_assert_num_queries
):
    customer = make_customer(salesperson, id_type="prc_id", id_number=id_number())
    customer.archived = True  # an archived file needs its date
    customer.completeness = 120
    # one query: the ID-number uniqueness (the two check constraints need none)
    with django_assert_num_queries(1), pytest.raises(ValidationError) as exc:
        customer.validate_constraints()
    messages = exc.value.messages
    assert "An archived file needs the date it was archived." in messages
    assert "Completeness is a percentage." in messages


def test_conditional_unique_constraint_is_still_checked(salesperson):
    first = make_customer(salesperson, id_type="prc_id", id_number=id_number())
    second = Customer(name="Twin", id_type=first.id_type, id_number=first.id_number)
    second.id_number_hash = first.id_number_hash
    with pytest.raises(ValidationError) as exc:
        second.validate_constraints()
    assert exc.value.messages == ["A customer with this ID number is already on file."]
    # the file itself, saved again, is not its own duplicate
    first.validate_constraints()


def test_conditional_unique_constraint_skips_rows_outside_its_condition(
    salesperson, django_assert_num_queries
):
    make_customer(salesperson)
    blank = Customer(name="No number", id_number="")
    blank.id_number_hash = ""
    with django_assert_num_queries(0):  # no ID number: the condition does not apply
        blank.validate_constraints()


def test_foreign_keys_loaded_from_the_database_are_not_looked_up(
    salesperson, django_assert_num_queries
):
    customer = make_customer(salesperson)
    customer = Customer.objects.select_related("owner", "clerk", "team").get(pk=customer.pk)
    with django_assert_num_queries(0):
        customer.clean_fields()
    # a bare id is still checked, and a wrong one is refused
    customer.owner_id = 999_999
    with pytest.raises(ValidationError) as exc:
        customer.clean_fields()
    assert "owner" in exc.value.error_dict
