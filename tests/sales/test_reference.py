"""Insurers, products (limits, brochure upload) and campaigns (leads and conversion)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sales.models import Campaign, Product
from tests.sales.factories import make_customer, make_insurer, make_opportunity, make_product

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_product_limits_are_checked():
    product = make_product()
    product.min_age, product.max_age = 60, 18
    with pytest.raises(ValidationError, match="minimum age is above"):
        product.full_clean()
    product.min_age, product.max_age = 0, 60
    product.min_sum_insured = Decimal("3000000")
    with pytest.raises(ValidationError, match="minimum sum insured is above"):
        product.full_clean()


def test_supervisor_adds_a_product_with_a_brochure(supervisor, client_for):
    insurer = make_insurer()
    client = client_for(supervisor)
    data = {
        "insurer": insurer.pk,
        "code": "CI-9",
        "name": "安心重疾",
        "category": "critical_illness",
        "payment_modes": ["annual", "monthly"],
        "min_age": 0,
        "max_age": 55,
        "min_sum_insured": "100000",
        "max_sum_insured": "1000000",
        "commission_rate": "0.25",
        "active": "on",
    }
    bad = SimpleUploadedFile("brochure.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(reverse("sales:product_add"), {**data, "brochure": bad})
    assert response.status_code == 200 and not Product.objects.exists()
    good = SimpleUploadedFile("brochure.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    response = client.post(reverse("sales:product_add"), {**data, "brochure": good})
    assert response.status_code == 302
    product = Product.objects.get()
    assert product.payment_modes == ["annual", "monthly"]
    assert product.history.first().history_user == supervisor
    download = client.get(reverse("sales:product_brochure", args=[product.pk]))
    assert download.status_code == 200


def test_campaign_leads_and_conversion(supervisor, salesperson, client_for):
    campaign = Campaign.objects.create(
        name="講座",
        channel="social_event",
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 3, 31),
        budget=Decimal("9000"),
        owner=supervisor,
    )
    for stage, need in (
        ("won", "life"),
        ("won", "medical"),
        ("lost", "accident"),
        ("new", "other"),
    ):
        make_opportunity(make_customer(salesperson), stage=stage, need=need, campaign=campaign)
    stats = client_for(supervisor).get(campaign.get_absolute_url()).context["stats"]
    assert (stats["leads"], stats["won"], stats["lost"]) == (4, 2, 1)
    assert stats["conversion"] == Decimal("0.667")  # won / closed = 2 / 3
    assert stats["lead_conversion"] == Decimal("0.500")  # won / all leads
    assert stats["cost_per_lead"] == Decimal("2250.00")
    row = client_for(supervisor).get(reverse("sales:campaign_list")).context["table"].data[0]
    assert (row.lead_count, row.won_count) == (4, 2)
