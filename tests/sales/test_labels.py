"""Labels name what they hold: the visit form's sections, and an opportunity's stage is not
labelled like a customer's, in each language."""

import pytest
from django.utils import translation

from customers.models import Customer
from sales.forms import VisitForm
from sales.models import Opportunity


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans", "en"])
def test_the_opportunity_stage_and_the_customer_stage_have_different_names(language):
    with translation.override(language):
        customer = str(Customer._meta.get_field("stage").verbose_name)
        opportunity = str(Opportunity._meta.get_field("stage").verbose_name)
    assert customer != opportunity
    expected = {
        "zh-hant": ("客戶階段", "銷售階段"),
        "zh-hans": ("客户阶段", "销售阶段"),
        "en": ("customer stage", "sales stage"),
    }[language]
    assert (customer, opportunity) == expected


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("zh-hant", ["客戶與拜訪方式", "時間與地點", "目的與結果"]),
        ("en", ["Customer and kind of visit", "When and where", "Purpose and outcome"]),
    ],
)
def test_the_visit_form_sections_are_named_for_what_they_hold(language, titles):
    with translation.override(language):
        assert [str(title) for title, _names in VisitForm.sections] == titles
    fields = [names for _title, names in VisitForm.sections]
    assert "customer" in fields[0] and "purpose" in fields[2]
